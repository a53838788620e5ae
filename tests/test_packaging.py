"""A plain (non-editable) install ships the agency files and quotes with no path set up."""

import json
import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SEED_AGENCIES


def test_wheel_ships_the_agencies_and_quotes(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("detailquote-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for agency in SEED_AGENCIES:
        assert f"detailquote/agencies/{agency}.toml" in names
        assert f"detailquote/agencies/pages/{agency}.txt" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", "import detailquote.cli as c, sys; sys.exit(c.main(['quote','tucson-az','--start',"
         "'2026-11-18T08:00','--hours','4','--officers','1','--json']))"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    ).stdout
    assert json.loads(out)["total"] == "256.44"
