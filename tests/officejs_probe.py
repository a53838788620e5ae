"""Run in a fresh process: DetailQuote's functions through xlwings' Office.js machinery.

XLWINGS_ON_SERVER must be set before xlwings is first imported, so this cannot
run inside the test process. Given an xlwings Lite main.py, and on stdin the
calls [[func_name, [arg matrices]], ...], it prints one JSON object: the
function metadata Excel receives (from the module and from main.py) and the
answers. Given instead {"calls": [...], "reads": [[value, ndim], ...]}, it also
reads each value as xlwings' default conversion does and as DetailQuote does.
In either, {"$jsnull": true} stands for Pyodide's `jsnull` (how Pyodide 0.28
and later hands over JavaScript's null, an empty cell): outside Pyodide a
stand-in, whose `pyodide.ffi` module is then put in sys.modules as xlwings
Lite has the real one. test_officejs.py runs it with CPython, where DetailQuote is
installed; tests/lite_pyodide.mjs runs `report` in Pyodide, where DetailQuote
is only inside main.py.
"""

import asyncio
import importlib
import importlib.util
import json
import os
import sys
import types

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


def pyodide_stand_in() -> dict:
    """Modules `pyodide` and `pyodide.ffi` for sys.modules: a `JsNull` class with its one `jsnull`, and a `JsProxy`.

    Nothing of Pyodide's own: just the names xlwings and DetailQuote look for.
    """
    ffi = types.ModuleType("pyodide.ffi")
    ffi.JsProxy = type("JsProxy", (), {})
    ffi.JsNull = type("JsNull", (), {"__bool__": lambda self: False, "__repr__": lambda self: "jsnull"})
    ffi.jsnull = ffi.JsNull()
    package = types.ModuleType("pyodide")
    package.__path__, package.ffi = [], ffi
    return {"pyodide": package, "pyodide.ffi": ffi}


def jsnull():
    """Pyodide's jsnull; outside Pyodide the stand-in's, its modules put in sys.modules."""
    try:
        from pyodide.ffi import jsnull as value
    except ImportError:
        sys.modules.update(pyodide_stand_in())
        from pyodide.ffi import jsnull as value
    return value


def decoded(value):
    """`value` from JSON with each {"$jsnull": true} made Pyodide's jsnull."""
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return jsnull() if value == {"$jsnull": True} else value


def data(name: str, args: list) -> dict:
    """A call as Excel's Office.js custom functions send it."""
    return {
        "func_name": name,
        "args": args,
        "caller_address": "[Book1.xlsx]Sheet1!B2",
        "version": xlwings.__version__,
        "client": "Office.js",
        "runtime": "1.4",
        "culture_info_name": "en-US",
        "date_format": "m/d/yyyy",
    }


async def call(module, name: str, args: list) -> dict:
    """One call as Excel sends it; the result, or the error Excel would show."""
    try:
        return {"result": await xlwings.server.custom_functions_call(data(name, decoded(args)), module)}
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


def read(value, ndim) -> dict:
    """One argument as Excel sends it, read by xlwings' default conversion (options `ndim`) and by DetailQuote."""
    from xlwings import conversion
    from xlwings.pro.udfs_officejs import to_scalar

    from detailquote import cells

    value = to_scalar(decoded(value))  # as custom_functions_call does first, for every argument
    if value is None:  # not converted at all: the parameter's default
        return {"xlwings": None, "detailquote": None}
    options = {} if ndim is None else {"ndim": ndim}
    return {"xlwings": conversion.read(None, value, options, engine_name="officejs"),
            "detailquote": cells.from_officejs(value, ndim)}


async def report(main_py: str, calls: list, reads: list = ()) -> dict:
    """The metadata and the answers to `calls`, with main.py loaded as xlwings Lite loads it; `reads` read both ways."""
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
        "reads": [read(value, ndim) for value, ndim in reads],
        "jsnull_type": f"{type(jsnull()).__module__}.{type(jsnull()).__qualname__}",  # Pyodide's own, or the stand-in's
    }


if __name__ == "__main__":
    given = json.load(sys.stdin)
    calls, reads = (given["calls"], given["reads"]) if isinstance(given, dict) else (given, [])
    print(json.dumps(asyncio.run(report(sys.argv[1], calls, reads)), default=str))
