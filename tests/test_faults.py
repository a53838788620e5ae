"""Faults: a build killed half-way, two builds at once, folders that cannot be written, a broken agency file.

Workbooks are written to a temporary name beside the target and moved into
place, so a build killed at any point leaves the previous workbook as it was.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, serial
from detailquote import udfs
from detailquote.cli import main
from detailquote.loader import Library

# Builds Tucson's workbook into a folder, stalling (to be killed) in the middle of writing it or just before
# moving it into place.
STALLED_BUILD = """
import os, sys, time
from pathlib import Path
from detailquote import workbook
from detailquote.loader import Library

where, out = sys.argv[1], Path(sys.argv[2])


def stall():
    print("stalled", flush=True)
    time.sleep(120)


if where == "move":
    os.replace = lambda src, dst: stall()
else:
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, f):
            self.f = f
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.f.close()
        def write(self, data):
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            stall()

    os.fdopen = lambda fd, mode: HalfWritten(real_fdopen(fd, mode))
workbook.build(Library().get("tucson-az"), out)
"""


@pytest.mark.parametrize("where", ["write", "move"])
def test_a_build_killed_half_way_leaves_the_previous_workbook(tmp_path: Path, where: str):
    previous = (ROOT / "workbooks" / "hartford-ct.xlsx").read_bytes()  # stands in for last month's Tucson workbook
    target = tmp_path / "tucson-az.xlsx"
    target.write_bytes(previous)
    build = subprocess.Popen([sys.executable, "-c", STALLED_BUILD, where, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert build.stdout.readline() == "stalled\n"
        temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".tucson-az.xlsx.")]
        assert len(temporary) == 1 and 0 < temporary[0].stat().st_size  # the new workbook, being written
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
    assert build.returncode == -signal.SIGKILL
    assert target.read_bytes() == previous
    assert zipfile.ZipFile(target).testzip() is None


def test_two_builds_at_once_into_one_folder_leave_whole_workbooks(tmp_path: Path):
    command = [sys.executable, "-m", "detailquote.cli", "workbooks", "--out", str(tmp_path)]
    builds = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [b.communicate(timeout=120)[1] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], errors
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted([f"{name}.xlsx" for name in Library().names()] + ["detailquote-functions.xlsx"])  # no stray temporary file
    for name in built:
        assert (tmp_path / name).read_bytes() == (ROOT / "workbooks" / name).read_bytes(), name


def test_a_missing_output_folder_is_named_and_not_created(tmp_path: Path, capsys):
    missing = tmp_path / "not-there"
    assert main(["workbooks", "tucson-az", "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"detailquote: error: output folder '{missing}' does not exist: create it, or choose another\n"
    assert not missing.exists()


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: a read-only one, or as root (who writes anywhere) /sys."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys")):
        try:
            fd, name = tempfile.mkstemp(dir=candidate)
        except OSError:
            return candidate
        os.close(fd)
        os.unlink(name)
    pytest.skip("this machine has no folder this process cannot write")


def test_a_read_only_output_folder_gets_a_clear_message(tmp_path: Path, capsys):
    folder = _read_only_folder(tmp_path)
    assert main(["workbooks", "tucson-az", "--out", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"detailquote: error: cannot write to output folder '{folder}': ") and err.count("\n") == 1


def test_a_broken_file_in_a_user_folder_is_named_and_the_others_still_serve(tmp_path: Path, monkeypatch, capsys):
    good = (ROOT / "agencies" / "tucson-az.toml").read_text()
    (tmp_path / "my-town-tx.toml").write_text(good.replace('short_name = "Tucson PD"', 'short_name = "My Town PD"'))
    (tmp_path / "broken-tx.toml").write_text(good.replace("rate = 64.11", "rate = -64.11", 1))
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(tmp_path))

    assert main(["agencies"]) == 1
    out, err = capsys.readouterr()
    assert "my-town-tx" in out and "tucson-az" in out and "broken-tx" not in out
    assert "broken-tx.toml: rate_tables[0].rows[0].rate: must be more than 0" in err

    start, end = serial("2026-12-24T18:00"), serial("2026-12-25T02:00")
    assert udfs.DETAIL_QUOTE("my-town-tx", start, end, 5.0) == udfs.DETAIL_QUOTE("tucson-az", start, end, 5.0)
    assert "broken-tx.toml: rate_tables[0].rows[0].rate: must be more than 0" in udfs.DETAIL_QUOTE("broken-tx", start, end, 5.0)
    listed = udfs.DETAIL_AGENCIES()
    assert ["my-town-tx", "Tucson (AZ) Police Department"] in listed
    assert ["broken-tx", "does not load: rate_tables[0].rows[0].rate: must be more than 0"] in listed
