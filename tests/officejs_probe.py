"""Run in a fresh process by test_officejs.py: DetailQuote's functions through xlwings' Office.js machinery.

XLWINGS_ON_SERVER must be set before xlwings is first imported, so this cannot
run inside the test process. Prints one JSON object: the function metadata
Excel receives (from the module and from the xlwings Lite main.py), and the
answers to the calls given on stdin as [[func_name, [arg matrices]], ...].
"""

import asyncio
import importlib.util
import json
import os
import sys

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

import detailquote.udfs as udfs  # noqa: E402


def lite_main(path: str):
    spec = importlib.util.spec_from_file_location("main", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def call(name: str, args: list) -> dict:
    data = {
        "func_name": name,
        "args": args,
        "caller_address": "[Book1.xlsx]Sheet1!B2",
        "version": xlwings.__version__,
        "client": "Office.js",
        "runtime": "1.4",
        "culture_info_name": "en-US",
        "date_format": "m/d/yyyy",
    }
    try:
        return {"result": asyncio.run(xlwings.server.custom_functions_call(data, udfs))}
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


calls = json.load(sys.stdin)
print(json.dumps({
    "office_js": udfs.OFFICE_JS,
    "meta": xlwings.server.custom_functions_meta(udfs),
    "lite_meta": xlwings.server.custom_functions_meta(lite_main(sys.argv[1])),
    "answers": [call(name, args) for name, args in calls],
}, default=str))
