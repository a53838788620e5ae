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
