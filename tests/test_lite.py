"""`detailquote lite`: main.py carries DetailQuote, and answers in a real Pyodide as the engine does.

The Pyodide run is the one xlwings Lite makes in Excel: Pyodide's npm package
under Node, requirements.txt installed with micropip from the package index's
wheels for Pyodide's platform, main.py loaded as module `main`, and each
function called through xlwings' Office.js code with arguments shaped as Excel
sends them. The npm package and the wheels are downloaded once, into
~/.cache/detailquote; a download that fails fails the test, saying why.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import KINDS, ROOT, agency, price, serial
from detailquote import lite, udfs
from detailquote.cancellation import cancellation_charge
from detailquote.cli import main
from detailquote.engine import Request, Shift, tier_at
from detailquote.loader import Library
from detailquote.payment import method_fee, payment_terms
from test_officejs import JSNULL, PROBE, XMAS, scalar

COMMITTED = ROOT / "addin" / "excel" / "lite"
RUNNER = ROOT / "tests" / "lite_pyodide.mjs"
PYODIDE = "314.0.7"  # Pyodide's npm package: Python 3.14 on the platform pyemscripten_2026_0_wasm32
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "detailquote"


def members(main_py: str) -> dict[str, bytes]:
    """The files inside a main.py that `detailquote lite` wrote, by name."""
    text = re.search(r'_ARCHIVE = """\n(.*?)\n"""', main_py, flags=re.S).group(1)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(text))) as z:
        return {name: z.read(name) for name in z.namelist()}


def outside_the_archive(main_py: str) -> str:
    """main.py with its archive and the digest named after it left out: what a different zlib cannot change."""
    return re.sub(r'(_ARCHIVE = """\n).*?(\n""")', r"\1\2", re.sub(r"detailquote-[0-9a-f]{16}", "", main_py), flags=re.S)


# --- the files -------------------------------------------------------------------------------------------------

def test_the_committed_lite_files_are_fresh():
    stale = "addin/excel/lite is stale: run `detailquote lite --out addin/excel/lite`"
    written = lite.main_py(Library())
    committed = (COMMITTED / "main.py").read_text(encoding="utf-8")
    assert members(committed) == members(written), stale
    assert outside_the_archive(committed) == outside_the_archive(written), stale
    assert (COMMITTED / "requirements.txt").read_text(encoding="utf-8") == lite.requirements(), stale


def test_main_py_carries_the_modules_the_functions_import_and_every_agency_file():
    inside = members((COMMITTED / "main.py").read_text(encoding="utf-8"))
    modules = sorted(name for name in inside if name.endswith(".py") and "/agencies/" not in name)
    assert modules == [f"detailquote/{m}.py" for m in lite.modules()]
    assert {"detailquote/udfs.py", "detailquote/engine.py", "detailquote/loader.py"} <= set(modules)
    assert not {"detailquote/workbook.py", "detailquote/cli.py", "detailquote/xlsx.py"} & set(modules)
    bundled = sorted(p.name for p in (ROOT / "agencies").glob("*.toml"))
    assert sorted(n.removeprefix("detailquote/agencies/") for n in inside if n.endswith(".toml")) == bundled
    assert inside["detailquote/engine.py"] == (ROOT / "addin" / "detailquote" / "engine.py").read_bytes()


def test_requirements_name_only_packages_from_the_index_and_leave_out_what_the_functions_never_import():
    lines = [l for l in lite.requirements().splitlines() if l and not l.startswith("#")]
    assert lines == ["pydantic<3,>=2.7", "holidays<1,>=0.50", "python-dateutil>=2.8", "xlwings>=0.33", "tzdata>=2024.1"]


def test_lite_carries_the_users_own_agencies(tmp_path: Path, capsys):
    assert main(["lite", "--out", str(tmp_path), "--agencies", str(KINDS)]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "main.py"), str(tmp_path / "requirements.txt")]
    text = (tmp_path / "main.py").read_text(encoding="utf-8")
    inside = members(text)
    assert inside["own-1/fees.toml"] == (KINDS / "fees.toml").read_bytes()
    listed = " ".join(text.replace("-\n", "-").split())  # the agencies listed at the top, however the lines wrap
    assert "_OWN_FOLDERS = ['own-1']" in text
    assert all(f" {p.stem}," in listed or f" {p.stem}." in listed for p in KINDS.glob("*.toml"))


def test_lite_writes_over_its_own_files_but_no_others(tmp_path: Path, capsys):
    assert main(["lite", "--out", str(tmp_path)]) == 0
    assert main(["lite", "--out", str(tmp_path)]) == 0
    (tmp_path / "requirements.txt").write_text("numpy\n")
    assert main(["lite", "--out", str(tmp_path)]) == 2
    assert "requirements.txt exists and was not written by `detailquote lite`" in capsys.readouterr().err
    assert (tmp_path / "requirements.txt").read_text() == "numpy\n"


def test_lite_refuses_an_agency_file_that_does_not_load(tmp_path: Path, capsys):
    (tmp_path / "broken-tx.toml").write_text("name = ")
    assert main(["lite", "--out", str(tmp_path), "--agencies", str(tmp_path)]) == 1
    assert "broken-tx.toml: not valid TOML" in capsys.readouterr().err
    assert not (tmp_path / "main.py").exists()


def test_main_py_runs_where_detailquote_is_not_installed(tmp_path: Path):
    """CPython with only main.py's archive to import DetailQuote from: no path to the checkout, no install."""
    assert main(["lite", "--out", str(tmp_path)]) == 0
    site = next(p for p in sys.path if p.endswith("site-packages"))
    code = ("import sys, importlib.util as u; s = u.spec_from_file_location('main', 'main.py'); m = u.module_from_spec(s); "
            "s.loader.exec_module(m); print(m.DETAIL_QUOTE('tucson-az', 46380.75, 46381 + 2 / 24, 5.0, None, 46357 + 9 / 24, "
            "1.0), m.DETAIL_QUOTE.__module__, sys.modules['detailquote'].__file__)")
    # -S: no .pth files, so not the editable install's finder either; the dependencies from site-packages alone
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": site}
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    total, module, where = out.stdout.split()
    assert float(total) == 4128.98 and module == "detailquote.udfs"
    assert where.startswith(tempfile.gettempdir()) and "site-packages" not in where


# --- in Pyodide ------------------------------------------------------------------------------------------------

FEES = [scalar("fees"), scalar(serial("2027-03-03T08:00")), scalar(serial("2027-03-03T12:00")), scalar(2),
        scalar(None), scalar(None), scalar(None), scalar(None), scalar("charity")]
INVOICE = (("date", "start", "end", "role", "officer", "hours", "rate", "amount"),
           (46380, 0.75, 0.25, "officer", "Smith", 12, 96.17, 1154.04),
           (46380, 0.75, 0.25, "officer", "Jones", 13, 96.17, 1250.21),
           (46380, 0.75, 0.25, "admin fee", JSNULL, JSNULL, JSNULL, 25))
CALLS = [
    ["DETAIL_QUOTE", XMAS],
    ["DETAIL_QUOTE", [scalar("tucson-az"), scalar("2026-12-24 18:00"), scalar("2026-12-25 2:00 AM"), *XMAS[3:]]],
    ["DETAIL_QUOTE", [scalar("tuscon-az"), *XMAS[1:]]],
    ["DETAIL_QUOTE", FEES],
    ["DETAIL_QUOTE_LINES", XMAS],
    ["DETAIL_QUOTES", [[["agency", "start", "end", "officers", "requested", "vehicles"],
                        ["tucson-az", 46380.75, 46381 + 2 / 24, 5, 46357 + 9 / 24, 1],
                        ["tucson-az", 46381 + 2 / 24, 46380.75, 5, "", ""]]]],
    ["DETAIL_CANCEL_FEE", [*XMAS[:4], scalar(serial("2026-12-24T10:00")), scalar(None), XMAS[5], scalar(None), XMAS[6]]],
    ["DETAIL_RATE", [scalar("tucson-az"), scalar("Sergeant"), scalar("holiday")]],
    ["DETAIL_MIN_HOURS", [scalar("tucson-az")]],
    ["DETAIL_STAFFING", [scalar("hartford-ct"), scalar(31)]],
    ["DETAIL_TIER", [scalar("tucson-az"), XMAS[1], scalar(serial("2026-12-24T09:00"))]],
    ["DETAIL_IS_HOLIDAY", [scalar("tucson-az"), scalar(46381)]],
    ["DETAIL_HOLIDAYS", [scalar("tucson-az"), scalar(2027)]],
    ["DETAIL_PAYMENT_FEE", [scalar("hartford-ct"), scalar(1000), scalar("card")]],
    ["DETAIL_LATE_CHARGE", [scalar("hartford-ct"), scalar(1000), scalar(serial("2026-10-01T00:00")),
                            scalar(serial("2026-11-01T00:00"))]],
    ["DETAIL_AGENCIES", []],
    ["DETAIL_VERSION", []],
    # Empty cells as Pyodide 0.28 and later hands them over: jsnull (officejs_probe's stand-in in CPython).
    ["DETAIL_QUOTES", [[["tucson-az", 46380.75, 46381 + 2 / 24, 5, JSNULL, 46357 + 9 / 24, 1, JSNULL]]]],
    ["DETAIL_QUOTE", [*XMAS[:4], [[JSNULL]], XMAS[5], XMAS[6], JSNULL]],
    ["DETAIL_AUDIT", [scalar("tucson-az"), [[list(row) for row in INVOICE]]]],
]


def _run(command: list[str], what: str, **options) -> subprocess.CompletedProcess:
    """Run `command`, failing the test with the end of its output when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        pytest.fail(f"{what} failed (exit {done.returncode}):\n{(done.stderr or done.stdout)[-3000:]}")
    return done


def _pyodide() -> Path:
    """Pyodide's npm package, installed once into the cache."""
    package = CACHE / f"pyodide-{PYODIDE}" / "node_modules" / "pyodide"
    if not (package / "pyodide.mjs").is_file():
        if shutil.which("npm") is None or shutil.which("node") is None:
            pytest.fail("Node.js and npm are needed to run xlwings Lite's Pyodide (apt-get install nodejs npm)")
        _run(["npm", "install", "--prefix", str(package.parents[1]), "--no-save", "--no-audit", "--no-fund",
              f"pyodide@{PYODIDE}"], f"npm install pyodide@{PYODIDE}", timeout=600)
    return package


def _wheels(package: Path, requirements: Path) -> Path:
    """requirements.txt and micropip resolved by pip for Pyodide's platform: the wheels micropip installs."""
    lock = json.loads((package / "pyodide-lock.json").read_text())
    info, micropip = lock["info"], lock["packages"]["micropip"]["version"]
    python = "".join(info["python"].split(".")[:2])
    platform = f"pyemscripten_{info['abi_version']}_{info['arch']}"
    key = hashlib.sha256(f"{requirements.read_text()}{platform}{micropip}".encode()).hexdigest()[:16]
    folder = CACHE / f"lite-wheels-{key}"
    if not folder.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        staging = tempfile.mkdtemp(dir=CACHE, prefix=".lite-wheels-")
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--platform", platform,
              "--python-version", python, "--implementation", "cp", "--abi", f"cp{python}", "--dest", staging,
              "-r", str(requirements), f"micropip=={micropip}"], "pip download for Pyodide", timeout=600)
        try:
            os.rename(staging, folder)
        except OSError:  # another run got there first
            shutil.rmtree(staging, ignore_errors=True)
    return folder


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """main.py and requirements.txt as `detailquote lite --agencies tests/kinds` writes them."""
    out = tmp_path_factory.mktemp("lite")
    assert main(["lite", "--out", str(out), "--agencies", str(KINDS)]) == 0
    return out


@pytest.fixture(scope="module")
def in_pyodide(bundle: Path) -> dict:
    package = _pyodide()
    wheels = _wheels(package, bundle / "requirements.txt")
    done = _run(["node", str(RUNNER), str(package), str(wheels), str(bundle / "main.py"), str(PROBE)],
                "main.py in Pyodide", input=json.dumps(CALLS), timeout=600)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def in_cpython(bundle: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    done = _run([sys.executable, str(PROBE), str(bundle / "main.py")], "main.py in CPython",
                input=json.dumps(CALLS), env=env, timeout=120)
    return json.loads(done.stdout)


def test_the_calls_reach_every_function():
    assert sorted({name for name, _ in CALLS}) == sorted(udfs.__all__)


def test_pyodide_registers_every_function_as_cpython_does(in_pyodide, in_cpython):
    assert in_pyodide["python"].startswith("3.14.") and in_pyodide["office_js"] is True
    assert in_pyodide["lite_meta"] == in_pyodide["meta"] == in_cpython["meta"]
    assert sorted(f["name"] for f in in_pyodide["meta"]["functions"]) == sorted(udfs.__all__)


def test_every_answer_in_pyodide_equals_cpythons(in_pyodide, in_cpython):
    assert in_pyodide["answers"] == in_cpython["answers"]


def test_the_answers_in_pyodide_are_the_engines(in_pyodide):
    answers = dict(enumerate(a.get("result", a) for a in in_pyodide["answers"]))
    xmas = float(price("tucson-az", "2026-12-24T18:00", "2026-12-25T02:00", 5, 1, requested_at="2026-12-01T09:00").total)
    fees = float(price("fees", "2027-03-03T08:00", "2027-03-03T12:00", 2, customer="charity").total)
    job = Request((Shift(dt.datetime(2026, 12, 24, 18), dt.datetime(2026, 12, 25, 2), 5, 1),),
                  requested_at=dt.datetime(2026, 12, 1, 9))
    cancel = float(cancellation_charge(agency("tucson-az"), job, dt.datetime(2026, 12, 24, 10)).charge)
    tucson, hartford = agency("tucson-az"), agency("hartford-ct")
    assert (xmas, fees, cancel) == (4128.98, 455.0, 1780.17)
    assert answers[0] == answers[1] == [[xmas]]
    assert answers[2] == {"error": "XlwingsError", "message": "unknown agency 'tuscon-az' — did you mean tucson-az?"}
    assert answers[3] == [[fees]]
    assert ["Total", "", "", "", "", xmas] in answers[4]
    assert answers[5] == [["total"], [xmas], ["end is before start"]]
    assert answers[6] == [[cancel]]
    assert answers[7] == [[float(tucson.rate("sergeant", tucson.job_type(None), "holiday").rate)]] == [[108.71]]
    assert answers[8] == [[float(tucson.minimum_hours(tucson.job_type(None)))]] == [[3.0]]
    assert answers[9][0] == ["Police Captain", 1] and answers[9][-1] == ["Police Officer", 31]
    tier = tier_at(tucson, dt.datetime(2026, 12, 24, 18), dt.datetime(2026, 12, 24, 9))
    assert answers[10] == [[tucson.tier_label(tier)]] == [["Emergency"]]
    assert answers[11] == [[True]]
    assert [row[1] for row in answers[12]] == list(tucson.holidays(2027).values())
    assert answers[13] == [[float(method_fee(hartford, Decimal(1000), "card"))]] == [[29.5]]
    late = payment_terms(hartford, Decimal(1000), dt.date(2026, 10, 1), dt.date(2026, 11, 1)).late_interest
    assert answers[14] == [[float(late)]] == [[15.0]]
    listed = [row[0] for row in answers[15]]
    assert listed == sorted(set(Library([KINDS]).names())) and "fees" in listed and "tucson-az" in listed
    assert answers[16] == [[udfs.DETAIL_VERSION()]]
    assert answers[17] == answers[18] == [[xmas]], (in_pyodide["jsnull_type"], answers[17], answers[18])
    assert not in_pyodide["jsnull_type"].startswith("officejs_probe."), in_pyodide["jsnull_type"]  # Pyodide's own
    invoice = [[None if v is JSNULL else v for v in row] for row in INVOICE]
    assert answers[19] == udfs.DETAIL_AUDIT("tucson-az", invoice)
    assert [row[:2] for row in answers[19]] == [["allowed", "difference"], [1154.04, 0.0], [1154.04, 96.17], [0.0, 25.0]]
