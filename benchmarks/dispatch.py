"""DETAIL_QUOTE and DETAIL_QUOTES through xlwings' own dispatch, the Office.js path, in a process of its own.

    python benchmarks/dispatch.py [--jobs N] [--rounds N]

xlwings Lite and xlwings Server call a function through
`xlwings.server.custom_functions_call`, which unwraps and converts every
argument before the function sees it. XLWINGS_ON_SERVER must be set before
xlwings is first imported, so bench.py runs this file as a fresh process and
reads the JSON it prints.

Two environments, taken in turn within each round:
- desktop-shaped: as installed here (xlwings Server, or any CPython), where
  `pyodide.ffi` does not import;
- Lite-shaped: tests/officejs_probe.py's stand-in `pyodide.ffi` module (a
  `JsNull` class, its `jsnull` and a `JsProxy` class; nothing of Pyodide's
  own) in sys.modules, as xlwings Lite has the real one, and blank cells
  sent as `jsnull`, as Pyodide 0.28 and later hands Excel's empty cells over.

Beside the engine (the same jobs priced directly) it times xlwings' floor:
do-nothing functions registered with the same argument options as
DETAIL_QUOTE and DETAIL_QUOTES, and one registered with xlwings' defaults,
through the same dispatch, so that the figures say what DetailQuote adds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import officejs_probe  # noqa: E402  (first: it sets XLWINGS_ON_SERVER before xlwings is imported)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import types  # noqa: E402
from collections.abc import Callable  # noqa: E402

import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

import workload  # noqa: E402
from bench import DISPATCH_JOBS, ratio, side_by_side  # noqa: E402
from detailquote import udfs  # noqa: E402
from detailquote.engine import quote  # noqa: E402
from detailquote.loader import default_library  # noqa: E402

def floor_module() -> types.ModuleType:
    """Do-nothing functions of DETAIL_QUOTE's and DETAIL_QUOTES' parameters, registered with xlwings' options for them."""
    module = types.ModuleType("floor")

    def noop_quote(agency, start, end, officers, job_type=None, requested=None, vehicles=None, priority=None,
                   customer=None, facts=None):
        return 0.0

    def noop_quotes(table):
        return [[0.0] for _ in table]

    def noop_default(agency, start, end, officers, job_type=None, requested=None, vehicles=None, priority=None,
                     customer=None, facts=None):
        return 0.0

    for fn, like in ((noop_quote, udfs.DETAIL_QUOTE), (noop_quotes, udfs.DETAIL_QUOTES), (noop_default, None)):
        registered = fn
        if like is not None:  # the same argument and result options as the DetailQuote function
            info = like.__xlfunc__
            for a in info["args"]:
                registered = xlwings.arg(a["name"], **a["options"])(registered)
            registered = xlwings.ret(**info["ret"]["options"])(registered)
        setattr(module, fn.__name__, xlwings.func(registered))
    return module


def measure(jobs: list[workload.Job], rounds: int) -> dict:
    library = default_library()
    agencies = {name: library.get(name) for name in {j.agency for j in jobs}}
    requests = [(agencies[j.agency], j.request()) for j in jobs]
    rows = [j.row(agencies[j.agency]) for j in jobs]
    expected = [float(q.total) if q.complete else None for q in (quote(a, r) for a, r in requests)]
    floor = floor_module()
    stand_in = officejs_probe.pyodide_stand_in()
    jsnull = stand_in["pyodide.ffi"].jsnull
    width = len(udfs.QUOTE_COLUMNS)

    def calls(blank: object) -> tuple[list[dict], dict, list[dict], dict, list[dict]]:
        """Each row as a DETAIL_QUOTE call, the rows as one DETAIL_QUOTES call, and the floor's, blanks sent as `blank`."""
        def cell(v: object) -> object:
            return [[blank if v is None else v]]

        # An argument left out is null, and so jsnull in Pyodide.
        single = [officejs_probe.data("DETAIL_QUOTE", [cell(v) for v in row] + [blank] * (width - len(row))) for row in rows]
        table = [[blank if v is None else v for v in row] for row in rows]
        many = officejs_probe.data("DETAIL_QUOTES", [table])
        return (single, many, [{**d, "func_name": "noop_quote"} for d in single], {**many, "func_name": "noop_quotes"},
                [{**d, "func_name": "noop_default"} for d in single])

    shapes = {"desktop": (False, calls(None)), "lite": (True, calls(jsnull))}
    loop = asyncio.new_event_loop()

    def run(module: types.ModuleType, datas: list[dict]) -> list:
        async def go() -> list:
            out = []
            for d in datas:
                try:
                    out.append(await xlwings.server.custom_functions_call(d, module))
                except xlwings.XlwingsError as exc:  # Excel shows #VALUE! with the message
                    out.append([[str(exc)]])
            return out
        return loop.run_until_complete(go())

    def environment(lite: bool) -> None:
        for name, module in stand_in.items():
            if lite:
                sys.modules[name] = module
            else:
                sys.modules.pop(name, None)

    def timed(lite: bool, module: types.ModuleType, datas: list[dict]) -> Callable[[], object]:
        def fn() -> object:
            environment(lite)
            try:
                return run(module, datas)
            finally:
                environment(False)
        return fn

    out: dict = {"dispatch_jobs": len(jobs), "dispatch_answers_that_differ": 0}
    for shape, (lite, (single, many, noop_single, noop_many, noop_default)) in shapes.items():
        got_many = timed(lite, udfs, [many])()[0]
        got_single = [r[0] for r in timed(lite, udfs, single)()]
        differ = sum(1 for e, m, s in zip(expected, got_many, got_single) if e is not None and not [e] == m == s)
        out[f"dispatch_{shape}_answers_that_differ"] = differ
        out["dispatch_answers_that_differ"] += differ + abs(len(got_many) - len(expected)) + abs(len(got_single) - len(expected))

    def engine_run() -> None:
        for a, r in requests:
            quote(a, r)

    # The engine is timed again beside each shape's calls: a shape's DETAIL_QUOTE cells take some seconds, and the
    # machine's load can change within them.
    fns: dict[str, Callable[[], object]] = {}
    for shape, (lite, (single, many, noop_single, noop_many, noop_default)) in shapes.items():
        fns[f"{shape}_engine"] = engine_run
        fns[f"{shape}_quotes"] = timed(lite, udfs, [many])
        fns[f"{shape}_quotes_floor"] = timed(lite, floor, [noop_many])
        fns[f"{shape}_quote"] = timed(lite, udfs, single)
        fns[f"{shape}_quote_floor"] = timed(lite, floor, noop_single)
        fns[f"{shape}_quote_default_floor"] = timed(lite, floor, noop_default)
    times = side_by_side(fns, rounds)
    loop.close()

    n = len(jobs)
    out["dispatch_engine_microseconds_per_job"] = statistics.median(times["desktop_engine"] + times["lite_engine"]) / n * 1e6
    for shape in shapes:
        for key in ("quotes", "quotes_floor", "quote", "quote_floor", "quote_default_floor"):
            out[f"dispatch_{shape}_{key}_microseconds"] = statistics.median(times[f"{shape}_{key}"]) / n * 1e6
        out[f"dispatch_{shape}_quotes_ratio"] = ratio(times, f"{shape}_quotes", f"{shape}_engine")
        out[f"dispatch_{shape}_quote_engine_ratio"] = ratio(times, f"{shape}_quote", f"{shape}_engine")
        out[f"dispatch_{shape}_quote_floor_ratio"] = ratio(times, f"{shape}_quote", f"{shape}_quote_floor")
        out[f"dispatch_{shape}_quote_default_floor_ratio"] = ratio(times, f"{shape}_quote", f"{shape}_quote_default_floor")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=DISPATCH_JOBS, help="jobs of the workload to call the functions on")
    parser.add_argument("--workload-jobs", type=int, default=10_000, help="jobs in the workload they are taken from")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per measure")
    args = parser.parse_args(argv)
    assert udfs.OFFICE_JS, "the Office.js decorators are not in use"
    library = default_library()
    every = workload.jobs([library.get(n) for n in library.names()], args.workload_jobs)
    step = max(1, len(every) // args.jobs)
    print(json.dumps(measure(every[::step][: args.jobs], args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
