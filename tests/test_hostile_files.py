"""Hostile agency files, each read in a child process held to 1 GB of memory and 10 s of CPU.

A device, a pipe, a file nested or dotted past what the TOML parser can take
in time, or text holding control characters: each is refused with its file
named, and never hides the good agencies beside it. A regression fails here
(the child is killed, or times out) rather than taking the machine down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import AGENCIES, SEED_AGENCIES, EXTRA_AGENCIES

resource = pytest.importorskip("resource")
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs POSIX pipes and /dev/zero")

MEMORY = 1 << 30  # bytes of address space the child may use
CPU = 10  # seconds of CPU the child may use
WALL = 30  # seconds before the child is given up on

HOSTILE = {
    "deep-tx.toml": "x = " + "[" * 5_000 + "]" * 5_000,  # 10 KB: a RecursionError inside tomllib
    "dotted-tx.toml": "[" + ".".join(["a"] * 100_000) + "]",  # 200 KB: 11 s inside tomllib
    "long-key-tx.toml": "a." * 450_000 + "a = 1",  # 900 KB: minutes inside tomllib
    "keys-tx.toml": "".join(f"k{i} = {i}\n" for i in range(25_000)),  # 300 KB of keys
}
REFUSED = {
    "deep-tx.toml": "line 1: lists and inline tables nest more than 32 deep",
    "dotted-tx.toml": "line 1: a key or table name has more than 16 dotted parts",
    "long-key-tx.toml": "line 1: a key or table name has more than 16 dotted parts",
    "keys-tx.toml": "line 20001: more than 20,000 keys, values and comments; an agency file has far fewer",
    "control-tx.toml": "short_name: holds the control character U+001B",
    "pipe-tx.toml": "file is not a regular file (a named pipe): give a TOML text file",
    "zero-tx.toml": "file is not a regular file (a device): give a TOML text file",
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU, CPU))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python ARGS` in a child held to MEMORY and CPU; its output as text."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=WALL, preexec_fn=_limits,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A user folder: one good agency, and a broken file of every kind beside it."""
    here = tmp_path_factory.mktemp("agencies")
    good = (AGENCIES / "tucson-az.toml").read_text()
    (here / "my-town-tx.toml").write_text(good.replace('short_name = "Tucson PD"', 'short_name = "My Town PD"'))
    for name, text in HOSTILE.items():
        (here / name).write_text(text)
    (here / "control-tx.toml").write_text(good.replace('short_name = "Tucson PD"', 'short_name = "\\u001b[2JTucson PD"'))
    os.mkfifo(here / "pipe-tx.toml")
    (here / "zero-tx.toml").symlink_to("/dev/zero")
    return here


def test_check_refuses_each_hostile_file_by_name(folder: Path):
    files = [str(folder / name) for name in REFUSED]
    started = time.monotonic()
    done = run("-m", "detailquote.cli", "check", "/dev/zero", *files)
    assert time.monotonic() - started < WALL and done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["FAIL /dev/zero: 1 problem", "  /dev/zero: file is not a regular file (a device): give a TOML text file"]
    for name, reason in REFUSED.items():
        assert f"FAIL {folder / name}: 1 problem" in lines and f"  {folder / name}: {reason}" in lines, done.stdout
    assert "\x1b" not in done.stdout and done.stderr == ""


def test_agencies_lists_the_good_ones_and_names_each_broken_file(folder: Path):
    done = run("-m", "detailquote.cli", "--agencies", str(folder), "agencies", "--json")
    assert done.returncode == 1, done.stderr
    listed = json.loads(done.stdout)
    assert [a["agency"] for a in listed["agencies"]] == sorted(SEED_AGENCIES + EXTRA_AGENCIES + ["my-town-tx"])
    assert sorted(listed["broken"]) == sorted(f"{folder / name}: {reason}" for name, reason in REFUSED.items())


QUOTES = """
import contextlib, io, json, sys
from detailquote.cli import main
answers = {}
for name in sys.argv[2:]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--agencies", sys.argv[1], "quote", name, "--start", "2026-12-24T18:00", "--hours", "4", "--officers", "1"])
    answers[name] = [code, err.getvalue()]
print(json.dumps(answers))
"""


def test_a_quote_of_a_hostile_file_names_it(folder: Path):
    names = [name.removesuffix(".toml") for name in REFUSED]
    done = run("-c", QUOTES, str(folder), *names)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        name.removesuffix(".toml"): [1, f"detailquote: error: agency file does not load:\n{folder / name}: {reason}\n"]
        for name, reason in REFUSED.items()
    }


def test_a_good_agency_beside_them_still_quotes(folder: Path):
    done = run("-m", "detailquote.cli", "--agencies", str(folder), "quote", "my-town-tx", "--start", "2026-11-18T08:00",
               "--hours", "4", "--officers", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == "256.44"


def test_detail_agencies_lists_the_good_ones_and_says_why_the_others_do_not_load(folder: Path):
    code = "import json, detailquote.udfs as u; print(json.dumps(u.DETAIL_AGENCIES()))"
    done = run("-c", code, env={"DETAILQUOTE_AGENCIES": str(folder)})
    assert done.returncode == 0, done.stderr
    rows = dict(json.loads(done.stdout))
    assert rows["my-town-tx"] == "Tucson (AZ) Police Department" and rows["tucson-az"] == "Tucson (AZ) Police Department"
    assert {name: rows[name.removesuffix(".toml")] for name in REFUSED} == {
        name: f"does not load: {reason}" for name, reason in REFUSED.items()
    }
