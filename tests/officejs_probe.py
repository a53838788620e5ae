"""Run in a fresh process: DetailQuote's functions through xlwings' Office.js machinery.

XLWINGS_ON_SERVER must be set before xlwings is first imported, so this cannot
run inside the test process. Given an xlwings Lite main.py, and on stdin the
calls [[func_name, [arg matrices]], ...], it prints one JSON object: the
function metadata Excel receives (from the module and from main.py) and the
answers. test_officejs.py runs it with CPython, where DetailQuote is
installed; tests/lite_pyodide.mjs runs `report` in Pyodide, where DetailQuote
is only inside main.py.
"""

import asyncio
import importlib
import importlib.util
import json
import os
import sys

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings  # noqa: E402
import xlwings.server  # noqa: E402


def lite_main(path: str):
    """main.py loaded as xlwings Lite loads it: a module named main."""
    spec = importlib.util.spec_from_file_location("main", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def call(module, name: str, args: list) -> dict:
    """One call as Excel sends it; the result, or the error Excel would show."""
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
        return {"result": await xlwings.server.custom_functions_call(data, module)}
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


async def report(main_py: str, calls: list) -> dict:
    """The metadata and the answers to `calls`, with main.py loaded as xlwings Lite loads it."""
    try:
        importlib.import_module("detailquote.udfs")  # where DetailQuote is installed, the functions answer from it
    except ImportError:
        pass  # under Pyodide: main.py brings it
    lite = lite_main(main_py)
    udfs = sys.modules["detailquote.udfs"]
    return {
        "office_js": udfs.OFFICE_JS,
        "meta": xlwings.server.custom_functions_meta(udfs),
        "lite_meta": xlwings.server.custom_functions_meta(lite),
        "answers": [await call(udfs, name, args) for name, args in calls],
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(report(sys.argv[1], json.load(sys.stdin))), default=str))
