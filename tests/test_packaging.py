"""`python -m build` makes an sdist and, from it, a wheel that installs in a fresh venv and works outside a checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED_AGENCIES
from detailquote import __version__


def _run(command: list, **options) -> str:
    """Run `command`; its output, or a failure that shows why."""
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **options)
    assert done.returncode == 0, f"{command[:3]} exit {done.returncode}:\n{(done.stderr or done.stdout)[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel `python -m build` makes (the wheel from the unpacked sdist)."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT], timeout=600)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies installed from the package index."""
    home = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", home], timeout=300)
    (wheel,) = dist.glob("detailquote-*.whl")
    _run([home / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], timeout=600)
    return home


def test_build_makes_an_sdist_and_a_wheel_of_the_version(dist: Path):
    assert sorted(p.name for p in dist.iterdir()) == [f"detailquote-{__version__}-py3-none-any.whl",
                                                       f"detailquote-{__version__}.tar.gz"]


def test_the_sdist_holds_the_sources_licence_and_changelog(dist: Path):
    (sdist,) = dist.glob("*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "addin/detailquote/lite.py",
            "agencies/README.md", "agencies/schema.json"} <= names


def test_the_wheel_ships_the_agencies_their_pages_the_guide_and_the_metadata(dist: Path):
    (wheel,) = dist.glob("*.whl")
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    for agency in SEED_AGENCIES:
        assert f"detailquote/agencies/{agency}.toml" in names
        assert f"detailquote/agencies/pages/{agency}.txt" in names
    assert {"detailquote/__main__.py", "detailquote/agencies/README.md", "detailquote/agencies/schema.json"} <= names
    meta = archive.read(f"detailquote-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in meta and "Classifier: Programming Language :: Python :: 3.11" in meta
    assert "Requires-Python: >=3.11" in meta and "Project-URL: Homepage, https://pypi.org/project/detailquote/" in meta
    assert "Description-Content-Type: text/markdown" in meta


def test_the_installed_command_quotes_outside_a_checkout(venv: Path, tmp_path: Path):
    out = _run([venv / "bin" / "detailquote", "quote", "tucson-az", "--start", "2026-11-18 08:00", "--hours", "4",
                "--officers", "1", "--json"], cwd=tmp_path, timeout=120)
    assert json.loads(out)["total"] == "256.44"
    assert _run([venv / "bin" / "python", "-m", "detailquote", "--version"], cwd=tmp_path, timeout=60) == f"detailquote {__version__}\n"


def test_the_installed_command_starts_an_agency_and_writes_the_lite_files(venv: Path, tmp_path: Path):
    out = _run([venv / "bin" / "detailquote", "new-agency", "springfield-il"], cwd=tmp_path, timeout=120)
    assert out.split() == ["springfield-il.toml", "schema.json"]
    assert (tmp_path / "springfield-il.toml").read_text().startswith("#:schema ./schema.json\n")
    assert json.loads((tmp_path / "schema.json").read_text())["title"] == "DetailQuote agency file"
    lite = tmp_path / "lite"
    lite.mkdir()
    _run([venv / "bin" / "detailquote", "lite", "--out", lite], cwd=tmp_path, timeout=120)
    committed = ROOT / "addin" / "excel" / "lite"
    assert (lite / "requirements.txt").read_text() == (committed / "requirements.txt").read_text()
    from test_lite import members

    assert members((lite / "main.py").read_text()) == members((committed / "main.py").read_text())
