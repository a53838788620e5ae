"""The contract with Excel's Office.js runtimes (xlwings Lite, xlwings Server), through xlwings' own code."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from detailquote import udfs

PROBE = ROOT / "tests" / "officejs_probe.py"
LITE_MAIN = ROOT / "addin" / "excel" / "lite" / "main.py"


def scalar(value):
    """One argument as Excel sends it: a 2-D matrix, or null when omitted."""
    return None if value is None else [[value]]


# Christmas Eve 18:00 to Christmas Day 02:00, requested 1 December 09:00, as serial numbers.
XMAS = [scalar("tucson-az"), scalar(46380.75), scalar(46381 + 2 / 24), scalar(5), scalar(None), scalar(46357 + 9 / 24), scalar(1), scalar(None)]
CALLS = [
    ["DETAIL_QUOTE", XMAS],
    ["DETAIL_QUOTE", [scalar("tuscon-az"), *XMAS[1:]]],
    ["DETAIL_QUOTE", [XMAS[0], XMAS[2], XMAS[1], *XMAS[3:]]],
    ["DETAIL_QUOTES", [[["agency", "start", "end", "officers", "job_type", "requested", "vehicles"],
                        ["tucson-az", 46380.75, 46381 + 2 / 24, 5, "", 46357 + 9 / 24, 1],
                        ["tucson-az", 46381 + 2 / 24, 46380.75, 5, "", "", ""]]]],
    ["DETAIL_QUOTES", [[["tucson-az", 46380.75, 46381 + 2 / 24, 5]]]],
    ["DETAIL_HOLIDAYS", [scalar("tucson-az"), scalar(2027)]],
    ["DETAIL_IS_HOLIDAY", [scalar("tucson-az"), scalar(46381)]],
    ["DETAIL_STAFFING", [scalar("hartford-ct"), scalar(31)]],
    ["DETAIL_QUOTE_LINES", XMAS],
    ["DETAIL_VERSION", []],
]


@pytest.fixture(scope="module")
def probe():
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(LITE_MAIN)], input=json.dumps(CALLS),
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_office_js_decorators_are_in_use(probe):
    assert probe["office_js"] is True


def test_metadata_lists_every_function_with_its_arguments_and_help(probe):
    functions = {f["name"]: f for f in probe["meta"]["functions"]}
    assert sorted(functions) == sorted(udfs.__all__)
    for name in udfs.__all__:
        meta, fn = functions[name], getattr(udfs, name)
        assert meta["description"] == fn.__doc__
        assert "volatile" not in meta["options"]
        params = list(inspect.signature(fn).parameters.items())
        assert [p["name"] for p in meta["parameters"]] == [p for p, _ in params]
        for p, (pname, param) in zip(meta["parameters"], params):
            assert p["description"] == udfs.ARG_DOCS[pname]
            assert p.get("optional", False) == (param.default is not inspect.Parameter.empty)


def test_the_lite_main_py_registers_the_same_functions(probe):
    assert probe["lite_meta"] == probe["meta"]


def test_calls_shaped_as_excel_sends_them_get_the_engines_numbers(probe):
    quote, typo, backwards, many, one_row, holidays, is_holiday, staffing, lines, version = probe["answers"]
    assert quote == {"result": [[4128.98]]}
    # a real #VALUE! error, with the message Excel shows on hover
    assert typo == {"error": "XlwingsError", "message": "unknown agency 'tuscon-az' — did you mean tucson-az?"}
    assert backwards == {"error": "XlwingsError", "message": "end is before start"}
    assert many == {"result": [["total"], [4128.98], ["end is before start"]]}
    assert one_row == {"result": [[3947.12]]}
    dates = [row[0] for row in holidays["result"]]
    assert [d["basicValue"] for d in dates] == [46388.0, 46716.0, 46745.0, 46746.0, 46752.0]
    assert {d["type"] for d in dates} == {"FormattedNumber"}
    assert is_holiday == {"result": [[True]]}
    assert staffing["result"][0] == ["Police Captain", 1] and staffing["result"][-1] == ["Police Officer", 31]
    assert lines["result"][0][0] == "Role" and ["Total", "", "", "", "", 4128.98] in lines["result"]
    assert version["result"][0][0].startswith("detailquote ")


# --- arguments taken raw: read as xlwings' own conversion reads them ------------------------------

JSNULL = {"$jsnull": True}  # officejs_probe makes it Pyodide's jsnull (a stand-in outside Pyodide)
ERROR = {"type": "Error", "basicValue": "#N/A", "errorType": "NotAvailable"}
ASKED = {"type": "FormattedNumber", "basicValue": 46357 + 9 / 24, "numberFormat": "m/d/yyyy h:mm"}
ROW = ["tucson-az", 46380.75, 46381 + 2 / 24, 5]
# Each with the answer xlwings' default conversion gave before DetailQuote took its arguments raw.
EDGES = [
    (["DETAIL_QUOTES", [[["agency", "start", "end", "officers", ""], [*ROW, ""], ["", "", "", "", ""]]]],
     {"result": [["total"], [3947.12], [""]]}),
    (["DETAIL_QUOTES", [[[""]]]], {"result": [[""]]}),
    (["DETAIL_QUOTES", [[["tucson-az"], [""], ["hartford-ct"]]]],
     {"result": [["start is required: give a date and time"], [""], ["start is required: give a date and time"]]}),
    (["DETAIL_QUOTES", [[[*ROW, ERROR, ASKED, 1]]]], {"result": [[4128.98]]}),
    (["DETAIL_QUOTE", [[["tucson-az", "hartford-ct"]], *XMAS[1:4]]],
     {"error": "XlwingsError", "message": "agency must be a name such as tucson-az"}),
    (["DETAIL_QUOTE", [XMAS[0], [[46380.75], [46381]], *XMAS[2:4]]],
     {"error": "XlwingsError", "message": "start must be a date and time, not a range of cells"}),
    (["DETAIL_QUOTE", [*XMAS[:4], scalar(""), scalar(ASKED), scalar(1), scalar(ERROR), scalar(""), scalar("")]],
     {"result": [[4128.98]]}),
    (["DETAIL_QUOTE", [scalar(""), *XMAS[1:4]]],
     {"error": "XlwingsError", "message": "agency is required: give an agency name such as tucson-az"}),
    (["DETAIL_RATE", [scalar("tucson-az"), scalar("sergeant"), scalar(""), None,
                      scalar({"type": "FormattedNumber", "basicValue": 46357, "numberFormat": "m/d/yyyy"})]],
     {"result": [[72.48]]}),
    (["DETAIL_HOLIDAYS", [scalar("tucson-az"), [[2027, 2028]]]],
     {"error": "XlwingsError", "message": "year must be a whole number ≥ 1, not a range of cells"}),
]
# Blank cells as Pyodide 0.28 and later hands them over: jsnull, in a range and as an argument.
BLANKS = [
    ["DETAIL_QUOTES", [[["agency", "start", "end", "officers", JSNULL, "requested", "vehicles"],
                        [*ROW, JSNULL, 46357 + 9 / 24, 1], [*ROW, JSNULL, JSNULL, JSNULL], [JSNULL] * 7]]],
    ["DETAIL_QUOTES", [[[*ROW, JSNULL, 46357 + 9 / 24, 1, JSNULL]]]],
    ["DETAIL_QUOTES", [[[JSNULL]]]],
    ["DETAIL_QUOTE", [*XMAS[:4], [[JSNULL]], XMAS[5], XMAS[6], [[JSNULL]], JSNULL, JSNULL]],
    ["DETAIL_QUOTE", [*XMAS[:4], JSNULL, XMAS[5], XMAS[6]]],
    ["DETAIL_QUOTE", [[[JSNULL]], *XMAS[1:4]]],
    ["DETAIL_STAFFING", [scalar("hartford-ct"), [[JSNULL]]]],
]
# Values as Excel's Office.js sends them, each with the xlwings options DetailQuote registers (ndim).
READS = [[v, ndim] for ndim in (None, 2) for v in [
    [[1.5]], [["text"]], [[""]], [["  "]], [[True]], [[3]], [[ERROR]], [[ASKED]], [[JSNULL]], JSNULL,
    [[1.5, "", JSNULL]], [[1.5], [""], [JSNULL], [ERROR]], [["a", ""], [JSNULL, ASKED]], [["", ""], ["", ""]],
]]


def run_probe(given) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    done = subprocess.run([sys.executable, str(PROBE), str(LITE_MAIN)], input=json.dumps(given),
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_arguments_taken_raw_answer_as_xlwings_conversion_did():
    answers = run_probe([call for call, _ in EDGES])["answers"]
    assert answers == [expected for _, expected in EDGES]


def test_raw_arguments_are_read_as_xlwings_reads_them():
    reads = run_probe({"calls": [], "reads": READS})["reads"]
    assert len(reads) == len(READS)
    for (value, ndim), read in zip(READS, reads):
        assert read["detailquote"] == read["xlwings"], (value, ndim)


def test_pyodides_jsnull_is_a_blank_cell():
    def as_none(value):
        return [as_none(v) for v in value] if isinstance(value, list) else None if value == JSNULL else value

    lite = run_probe({"calls": BLANKS, "reads": []})["answers"]
    desktop = run_probe([[name, as_none(args)] for name, args in BLANKS])["answers"]
    assert lite == desktop
    assert lite[:6] == [
        {"result": [["total"], [4128.98], [3947.12], [""]]}, {"result": [[4128.98]]}, {"result": [[""]]},
        {"result": [[4128.98]]}, {"result": [[4128.98]]},
        {"error": "XlwingsError", "message": "agency is required: give an agency name such as tucson-az"},
    ]
    assert lite[6] == {"error": "XlwingsError", "message": "officers is required: give a whole number ≥ 1"}
