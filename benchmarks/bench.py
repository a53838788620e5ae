"""How fast DetailQuote prices, measured side by side in one run.

    python benchmarks/bench.py [--rounds N] [--json FILE] [--skip-libreoffice] [--batch-memory-rows N] [--dispatch-jobs N] [--floor-jobs N]

Every measure is the median of several rounds over the same seeded workload
(benchmarks/workload.py), and each face is reported as a ratio to the engine
measured in the same run, so that a busy machine slows both sides alike.
The engine itself is measured against a floor: a pricer written by hand for
one agency's rules alone (benchmarks/hand_pricer.py), on that agency's jobs.
The figures printed are also written as JSON with --json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import pickle
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string

import hand_pricer
import workload
from detailquote import libreoffice, udfs, workbook
from detailquote.cancellation import cancellation_charge
from detailquote.cells import datetime_to_serial
from detailquote.engine import FEE, quote
from detailquote.job_tables import run_file
from detailquote.loader import default_library
from detailquote.plan import forget
from detailquote.xlsx import save

JOBS = 10_000
FLOOR_JOBS = 5_000  # the floor pricer's agency's jobs, from the same generator
DISPATCH_JOBS = 2_000  # through xlwings' dispatch a DETAIL_QUOTE cell costs up to some 700 µs (desktop-shaped, before)
MEMORY_JOBS = 100_000
AGENCY_FILES = 1_000
TARGETS = {
    "engine_jobs_per_second": (">=", 100_000),
    "floor_ratio": ("<=", 2.0),
    "detail_quotes_ratio": ("<=", 1.2),
    "detail_quote_ratio": ("<=", 2.0),
    "dispatch_desktop_quotes_ratio": ("<=", 1.2),
    "dispatch_lite_quotes_ratio": ("<=", 1.2),
    "dispatch_desktop_quote_floor_ratio": ("<=", 2.0),
    "dispatch_lite_quote_floor_ratio": ("<=", 2.0),
    "libreoffice_ratio": (">=", 20),
    "first_answer_ms": ("<=", 150),
    "first_answer_over_xlwings_ms": ("<=", 150),
    "agencies_warm_ms": ("<", 500),
    "workbook_build_ms_max": ("<", 500),
    "memory_peak_mb": ("<", 300),
}


def median_time(fn: Callable[[], object], rounds: int) -> float:
    """The median wall time of `rounds` calls of `fn`, in seconds, with the garbage collector settled first."""
    return statistics.median(side_by_side({"fn": fn}, rounds)["fn"])


def side_by_side(fns: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Each round times every function in turn, so that a busy spell of the machine falls on all of them."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def ratio(times: dict[str, list[float]], name: str, base: str) -> float:
    """The median over rounds of `name`'s time over `base`'s in the same round."""
    return statistics.median(t / b for t, b in zip(times[name], times[base]))


# --- 1 and 2: the engine and the Excel functions -----------------------------------------------

def memos_emptied(run: Callable[[], object]) -> dict[str, Callable[[], object]]:
    """`run` with every memo of the engine emptied first ("cold"), as a first batch of new jobs is priced; then run
    twice more, the second timed ("warm"), as a recalculated column is: a shape is remembered the second time it is
    met, so the run straight after the cold one would time the remembering."""
    def cold() -> object:
        forget()
        return run()

    return {"cold": cold, "again": run, "warm": run}


def cold_and_warm(run: Callable[[], object], jobs: int, rounds: int) -> dict[str, float]:
    """The engine's µs a job with every memo emptied, and that over its time warm, in the same rounds."""
    times = side_by_side(memos_emptied(run), rounds)
    return {"cold_microseconds_per_job": statistics.median(times["cold"]) / jobs * 1e6,
            "cold_ratio": ratio(times, "cold", "warm")}


def engine_and_functions(jobs: list[workload.Job], rounds: int) -> dict:
    library = default_library()
    agencies = {name: library.get(name) for name in {j.agency for j in jobs}}
    requests = [(agencies[j.agency], j.request()) for j in jobs]
    rows = [j.row(agencies[j.agency]) for j in jobs]
    cancelled = [(agencies[j.agency], j.request(), j.cancelled, j.worked, row)
                 for j, row in zip(jobs, rows) if j.cancelled is not None]

    totals = [quote(a, r) for a, r in requests]
    expected = [[float(q.total)] if q.complete else None for q in totals]
    many = udfs.DETAIL_QUOTES(rows)
    single = [[udfs.DETAIL_QUOTE(*row)] for row in rows]
    mismatched = sum(1 for e, m, s in zip(expected, many, single) if e is not None and not e == m == s)
    charges = [cancellation_charge(a, r, at, hours_worked=w) for a, r, at, w, _ in cancelled]
    fees = [cancel_fee(at, w, row) for _, _, at, w, row in cancelled]
    mismatched += sum(1 for c, f in zip(charges, fees) if c.complete and float(c.charge) != f)
    del totals, many, single

    # Each face prices a job and lets it go, as Excel does: holding 10,000 quotes would time the garbage collector.
    def engine_run():
        for a, r in requests:
            quote(a, r)

    def cells_run():
        for row in rows:
            udfs.DETAIL_QUOTE(*row)

    def cancel_engine_run():
        for a, r, at, w, _ in cancelled:
            cancellation_charge(a, r, at, hours_worked=w)

    def cancel_cells_run():
        for _, _, at, w, row in cancelled:
            cancel_fee(at, w, row)

    times = side_by_side({
        "engine": engine_run, "quotes": lambda: udfs.DETAIL_QUOTES(rows), "cells": cells_run,
        "cancel_engine": cancel_engine_run, "cancel_cells": cancel_cells_run,
    }, rounds)
    engine, quotes, per_cell, cancel_engine = (statistics.median(times[k]) for k in ("engine", "quotes", "cells", "cancel_engine"))
    return {
        "jobs": len(requests),
        "priced_in_full": sum(1 for e in expected if e is not None),
        "answers_that_differ": mismatched,
        "engine_seconds": engine,
        "engine_jobs_per_second": len(requests) / engine,
        "engine_microseconds_per_job": engine / len(requests) * 1e6,
        **{f"engine_{k}": v for k, v in cold_and_warm(engine_run, len(requests), rounds).items()},
        "detail_quotes_seconds": quotes,
        "detail_quotes_ratio": ratio(times, "quotes", "engine"),
        "detail_quote_seconds": per_cell,
        "detail_quote_ratio": ratio(times, "cells", "engine"),
        "cancellations": len(cancelled),
        "cancellation_engine_per_second": len(cancelled) / cancel_engine,
        "detail_cancel_fee_ratio": ratio(times, "cancel_cells", "cancel_engine"),
    }


def floor_pricer(jobs: int, rounds: int) -> dict:
    """The engine against the pricer written by hand for one agency's rules (benchmarks/hand_pricer.py), on that agency's jobs."""
    a = default_library().get(hand_pricer.AGENCY)
    requests = [j.request() for j in workload.jobs([a], jobs)]
    differ = sum(1 for r in requests if hand_pricer.total(r) != quote(a, r).total)

    def engine_run():
        for r in requests:
            quote(a, r)

    def floor_run():
        for r in requests:
            hand_pricer.total(r)

    times = side_by_side({"engine": engine_run, "floor": floor_run}, rounds)
    cold = side_by_side({"floor": floor_run, **memos_emptied(engine_run)}, rounds)
    return {
        "floor_agency": hand_pricer.AGENCY,
        "floor_jobs": len(requests),
        "floor_totals_that_differ": differ,
        "floor_microseconds_per_job": statistics.median(times["floor"]) / len(requests) * 1e6,
        "floor_engine_microseconds_per_job": statistics.median(times["engine"]) / len(requests) * 1e6,
        "floor_ratio": ratio(times, "engine", "floor"),
        "floor_engine_cold_microseconds_per_job": statistics.median(cold["cold"]) / len(requests) * 1e6,
        "floor_cold_ratio": ratio(cold, "cold", "floor"),
    }


def cancel_fee(at: dt.datetime, worked: Decimal | None, row: list) -> object:
    """DETAIL_CANCEL_FEE for a job given as its DETAIL_QUOTES row."""
    agency, start, end, officers, job_type, requested, vehicles, priority = row
    return udfs.DETAIL_CANCEL_FEE(agency, start, end, officers, datetime_to_serial(at), job_type, requested,
                                  None if worked is None else float(worked), vehicles, priority)


# --- 2b: the same functions through xlwings' own dispatch, the Office.js path -----------------------

def through_xlwings(jobs: int, workload_jobs: int, rounds: int) -> dict:
    """DETAIL_QUOTE and DETAIL_QUOTES through xlwings.server.custom_functions_call: benchmarks/dispatch.py, a fresh process.

    Office.js decorators are chosen when xlwings is first imported, which this process has done already.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("dispatch.py")), "--jobs", str(jobs),
                           "--workload-jobs", str(workload_jobs), "--rounds", str(rounds)],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks/dispatch.py failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


# --- 3: LibreOffice recalculating the same jobs in quote workbooks ----------------------------

def libreoffice_recalc(jobs: list[workload.Job], engine_seconds: float, rounds: int) -> dict:
    library = default_library()
    orders: dict[int, list[workload.Job]] = {}
    for job in jobs:
        orders.setdefault(job.order, []).append(job)
    with tempfile.TemporaryDirectory(prefix="detailquote-bench-") as tmp:
        folder = Path(tmp)
        paths = [_filled(library.get(js[0].agency), n, js, folder) for n, js in orders.items()]
        blank = folder / "blank.xlsx"
        save(Workbook(), blank)
        # The same agencies' workbooks with one empty line: what opening a workbook costs, lines apart.
        single = [save(workbook.Builder(library.get(js[0].agency), lines=1).build(), folder / f"one-{n:03d}.xlsx")
                  for n, js in orders.items()]
        startup, recalc, opening = [], [], []
        for r in range(rounds):
            out = folder / f"out{r}"
            start = time.perf_counter()
            libreoffice.convert([blank], out / "blank", to="csv")
            startup.append(time.perf_counter() - start)
            start = time.perf_counter()
            libreoffice.convert(single, out / "single", to="csv")
            opening.append(time.perf_counter() - start)
            start = time.perf_counter()
            outputs = libreoffice.convert(paths, out / "orders", to="csv")
            recalc.append(time.perf_counter() - start)
        differ = 0
        for js, path in zip(orders.values(), outputs):
            differ += _compare(library.get(js[0].agency), js, path)
    seconds = statistics.median(recalc) - statistics.median(startup)
    per_workbook = (statistics.median(opening) - statistics.median(startup)) / len(paths)
    per_line = (seconds - per_workbook * len(paths)) / len(jobs)
    engine_job = engine_seconds / len(jobs)
    return {
        "workbooks": len(paths),
        "lines": len(jobs),
        "startup_seconds": statistics.median(startup),
        "recalc_seconds": seconds,
        "libreoffice_workbook_ms": per_workbook * 1000,
        "libreoffice_workbook_jobs": per_workbook / engine_job,
        "libreoffice_line_ms": per_line * 1000,
        "libreoffice_line_ratio": per_line / engine_job,
        "libreoffice_jobs_per_second": len(jobs) / seconds,
        "libreoffice_ratio": seconds / engine_seconds,
        "amounts_that_differ": differ,
    }


def _filled(a, n: int, jobs: list[workload.Job], folder: Path) -> Path:
    """A quote workbook for one order: its job type and request time, one shift line per job."""
    builder = workbook.Builder(a, lines=len(jobs))
    wb = builder.build()
    ws = wb["Quote"]
    ws["C6"] = a.spec.job_types[jobs[0].job_type].label
    ws["C7"] = jobs[0].requested
    cols = builder.inputs
    for i, job in enumerate(jobs):
        row = workbook.FIRST + i
        s = job.shift
        ws[f"{cols['date']}{row}"] = s.start.date()
        ws[f"{cols['start']}{row}"] = s.start.time()
        ws[f"{cols['end']}{row}"] = s.end.time()
        ws[f"{cols['officers']}{row}"] = s.officers
        ws[f"{cols['vehicles']}{row}"] = s.vehicles or None
        if job.priority:
            ws[f"{cols['priority']}{row}"] = job.priority
    return save(wb, folder / f"order-{n:03d}.xlsx")


def _compare(a, jobs: list[workload.Job], path: Path) -> int:
    """How many lines of a recalculated order differ from the engine's price of the same shift.

    A workbook is one job: where the agency decides a tier over the whole job (Hartford's weekend table),
    each line is compared with its shift's part of the order priced as one job, elsewhere with the job alone.
    """
    index = column_index_from_string(workbook.Builder(a).inputs["amount"]) - 1
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.reader(f))
    whole = None
    if a.job_wide:
        first = jobs[0].request()
        whole = quote(a, first._replace(shifts=tuple(j.shift for j in jobs)))
    differ = 0
    for i, job in enumerate(jobs):
        text = rows[workbook.FIRST - 1 + i][index].replace("$", "").replace(",", "")
        # A shift line shows its own charges; fees added on top are rows of their own under the lines.
        expected = sum((line.amount for line in quote(a, job.request()).lines if line.role != FEE), Decimal(0)) \
            if whole is None else sum((line.amount for line in whole.lines if line.shift == i + 1), Decimal(0))
        if Decimal(text or "0") != expected:
            differ += 1
    return differ


# --- 4: a fresh process's first answer, and 1,000 agency files listed -------------------------

FIRST_ANSWER = (
    "from detailquote import udfs; "
    "assert udfs.DETAIL_QUOTE('tucson-az', 46380.75, 46381.0 + 1 / 12, 5.0, None, 46357.375, 1.0) == 4128.98"
)


# xlwings imports numpy, pandas and polars wherever they are installed (the test extras install them): hidden,
# a fresh process is as in a Python that holds only DetailQuote's own dependencies.
LEAN = "import sys; sys.modules.update(dict.fromkeys(('numpy', 'pandas', 'polars'))); "


def child(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `command` in a fresh process: its CPU seconds (user and system), its wall seconds and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall, out


def with_cache(folder: Path | str) -> dict[str, str]:
    """This process's environment, with the agency cache in `folder` ('off' for none)."""
    return {**os.environ, "DETAILQUOTE_CACHE": str(folder)}


def first_answer(rounds: int) -> dict:
    """Bare Python against import and first DETAIL_QUOTE, in pairs, with the agency cache warm and off; and against
    Python that has imported xlwings, as the add-in's server and xlwings Lite have before they import DetailQuote."""
    cpu: dict[str, list[float]] = {"bare": [], "warm": [], "off": [], "lean": [], "xlwings": []}
    wall: dict[str, list[float]] = {"bare": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="detailquote-cache-") as cache:
        child([sys.executable, "-c", FIRST_ANSWER], with_cache(cache))  # fills the cache, as any earlier start has
        for _ in range(rounds):  # interleaved, so that all see the same machine
            for name, env, code in (("bare", with_cache(cache), LEAN + "pass"), ("warm", with_cache(cache), FIRST_ANSWER),
                                    ("off", with_cache("off"), FIRST_ANSWER), ("lean", with_cache(cache), LEAN + FIRST_ANSWER),
                                    ("xlwings", with_cache(cache), LEAN + "import xlwings")):
                used, took, _ = child([sys.executable, "-c", code], env)
                cpu[name].append(used)
                if name in wall:
                    wall[name].append(took)
    over = {name: statistics.median(a - b for a, b in zip(cpu[name], cpu["bare"])) * 1000
            for name in ("warm", "off", "lean", "xlwings")}
    return {
        "bare_python_cpu_ms": statistics.median(cpu["bare"]) * 1000,
        "first_answer_ms": over["lean"],
        "xlwings_import_ms": over["xlwings"],
        "first_answer_over_xlwings_ms": statistics.median(a - b for a, b in zip(cpu["lean"], cpu["xlwings"])) * 1000,
        "first_answer_installed_ms": over["warm"],
        "first_answer_cache_off_ms": over["off"],
        "first_answer_ratio": statistics.median(a / b for a, b in zip(cpu["warm"], cpu["bare"])),
        "first_answer_wall_ms": statistics.median(a - b for a, b in zip(wall["warm"], wall["bare"])) * 1000,
    }


def agency_files(count: int, rounds: int) -> dict:
    """`detailquote agencies` on a folder of `count` agency files, each in a fresh process: cache off, cold and warm."""
    cpu: dict[str, list[float]] = {"off": [], "cold": [], "warm": []}
    listings = set()
    with tempfile.TemporaryDirectory(prefix="detailquote-agencies-") as tmp:
        folder = Path(tmp) / "agencies"
        folder.mkdir()
        workload.agency_folder(folder, count)
        command = [sys.executable, "-m", "detailquote", "agencies", "--agencies", str(folder)]
        for r in range(rounds):
            cache = Path(tmp) / f"cache{r}"  # empty: the first start after an upgrade, or with new files
            for name, env in (("off", with_cache("off")), ("cold", with_cache(cache)), ("warm", with_cache(cache))):
                used, _, out = child(command, env)
                cpu[name].append(used)
                listings.add(out)
    return {
        "agency_files": count,
        "agencies_off_ms": statistics.median(cpu["off"]) * 1000,
        "agencies_cold_ms": statistics.median(cpu["cold"]) * 1000,
        "agencies_warm_ms": statistics.median(cpu["warm"]) * 1000,
        "agencies_warm_ratio": statistics.median(w / o for w, o in zip(cpu["warm"], cpu["off"])),
        "agencies_cold_ratio": statistics.median(c / o for c, o in zip(cpu["cold"], cpu["off"])),
        "agency_listings_that_differ": len(listings) - 1,
    }


# --- 5: building the workbooks -------------------------------------------------------------------

def workbook_builds(rounds: int) -> dict:
    library = default_library()
    per_agency = {}
    with tempfile.TemporaryDirectory(prefix="detailquote-build-") as tmp:
        for name in library.names():
            a = library.get(name)
            per_agency[name] = median_time(lambda: workbook.build(a, Path(tmp)), rounds) * 1000
    return {
        "workbook_build_ms": per_agency,
        "workbook_build_ms_max": max(per_agency.values()),
        "workbook_build_ms_mean": statistics.mean(per_agency.values()),
    }


# --- 6: memory for 100,000 jobs in one call -----------------------------------------------------

MEMORY = """
import pickle, resource, sys, tracemalloc
def peak():  # this process's own peak in KiB: on Linux ru_maxrss also counts the benchmark it was forked from
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from detailquote import udfs
with open(sys.argv[1], "rb") as f:
    rows = pickle.load(f)
udfs.DETAIL_QUOTES(rows[:1])
before = peak()
traced = sys.argv[2] == "traced"  # tracing every allocation costs memory of its own: the peak is taken untraced
if traced:
    tracemalloc.start()
out = udfs.DETAIL_QUOTES(rows)
print(before, peak(), tracemalloc.get_traced_memory()[1] if traced else 0, sum(isinstance(r[0], float) for r in out))
"""


def memory(jobs: int) -> dict:
    """Peak resident memory of a fresh process that prices `jobs` rows in one DETAIL_QUOTES call, and in another the
    most the call allocates (traced)."""
    library = default_library()
    rows = [j.row(library.get(j.agency)) for j in workload.jobs([library.get(n) for n in library.names()], jobs)]
    with tempfile.NamedTemporaryFile(suffix=".pickle") as f:
        pickle.dump(rows, f)
        f.flush()
        del rows
        before, peak, _, priced = map(int, subprocess.run(
            [sys.executable, "-c", MEMORY, f.name, "untraced"], check=True, capture_output=True, text=True
        ).stdout.split())
        call = int(subprocess.run([sys.executable, "-c", MEMORY, f.name, "traced"], check=True, capture_output=True,
                                  text=True).stdout.split()[2])
    return {
        "memory_jobs": jobs, "memory_priced": priced, "memory_before_call_mb": before / 1024,
        "memory_peak_mb": peak / 1024, "memory_call_mb": call / 2**20,
    }


# --- 7: a file of jobs through `detailquote batch` ---------------------------------------------------

def write_jobs_file(path: Path, jobs: list[workload.Job], rows: int) -> Path:
    """A CSV jobs file of `rows` rows: the workload's jobs in turn, each row a job with an id of its own."""
    library = default_library()
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(workload.FILE_HEADER)
        for n in range(rows):
            job = jobs[n % len(jobs)]
            writer.writerow(workload.file_row(job, library.get(job.agency), f"J{n:07d}"))
    return path


def batch_file(jobs: list[workload.Job], rounds: int) -> dict:
    """`detailquote batch` over a CSV of the workload, in this process, against the engine on the same jobs."""
    library = default_library()
    requests = [(library.get(j.agency), j.request()) for j in jobs]

    def engine_run():
        for a, r in requests:
            quote(a, r)

    with tempfile.TemporaryDirectory(prefix="detailquote-batch-") as tmp:
        source, out = write_jobs_file(Path(tmp) / "jobs.csv", jobs, len(jobs)), Path(tmp) / "out.csv"
        times = side_by_side({
            "engine": engine_run,
            "batch": lambda: run_file(source, out, library, processes=1),
            "batch_2": lambda: run_file(source, out, library, processes=2),
        }, rounds)
        with open(out, newline="", encoding="utf-8") as f:
            totals = [row["total"] for row in csv.DictReader(f)]
    differ = sum(1 for (a, r), total in zip(requests, totals) if total != f"{quote(a, r).total:.2f}")
    return {
        "batch_jobs": len(jobs),
        "batch_answers_that_differ": differ + abs(len(totals) - len(requests)),
        "batch_seconds": statistics.median(times["batch"]),
        "batch_ratio": ratio(times, "batch", "engine"),
        "batch_2_seconds": statistics.median(times["batch_2"]),
        "batch_2_ratio": ratio(times, "batch_2", "engine"),
    }


PEAK = (  # runs the command as its one child and prints its wall time and the largest resident set of it and its children
    "import resource, subprocess, sys, time; start = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def batch_memory(jobs: list[workload.Job], rows: int) -> dict:
    """A fresh `detailquote batch` process over a CSV of `rows` jobs, with --jobs 1 and 2: time and peak memory."""
    command = Path(sys.executable).with_name("detailquote")
    out: dict = {"batch_memory_rows": rows}
    with tempfile.TemporaryDirectory(prefix="detailquote-batch-") as tmp:
        source = write_jobs_file(Path(tmp) / "jobs.csv", jobs, rows)
        for processes in (1, 2):
            seconds, peak = subprocess.run(
                [sys.executable, "-c", PEAK, str(command), "batch", str(source), "--jobs", str(processes),
                 "--out", str(Path(tmp) / "out.csv")], check=True, capture_output=True, text=True).stdout.split()
            out[f"batch_{processes}_file_seconds"] = float(seconds)
            out[f"batch_{processes}_file_jobs_per_second"] = rows / float(seconds)
            out[f"batch_{processes}_peak_mb"] = int(peak) / 1024
    return out


# --- the report ----------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def verdict(name: str, value: float) -> str:
    op, target = TARGETS[name]
    met = value >= target if op == ">=" else value <= target if op == "<=" else value < target
    return f"{op} {target:g}: {'met' if met else 'MISSED'}"


def dispatch_rows(r: dict) -> list[tuple[str, str, str]]:
    """The table's rows for DETAIL_QUOTES and DETAIL_QUOTE through xlwings' dispatch, in each environment."""
    rows = []
    for shape, label in (("desktop", "desktop-shaped"), ("lite", "Lite-shaped")):
        rows += [
            (f"DETAIL_QUOTES through xlwings' dispatch, {label}, one call of {r['dispatch_jobs']:,} rows",
             f"{r[f'dispatch_{shape}_quotes_ratio']:.2f}× the engine ({r[f'dispatch_{shape}_quotes_microseconds']:.1f} µs a row)",
             verdict(f"dispatch_{shape}_quotes_ratio", r[f"dispatch_{shape}_quotes_ratio"])),
            (f"DETAIL_QUOTE through xlwings' dispatch, {label}, {r['dispatch_jobs']:,} cells",
             f"{r[f'dispatch_{shape}_quote_floor_ratio']:.2f}× a do-nothing function's "
             f"({r[f'dispatch_{shape}_quote_microseconds']:.0f} µs against {r[f'dispatch_{shape}_quote_floor_microseconds']:.0f} µs a cell; "
             f"{r[f'dispatch_{shape}_quote_engine_ratio']:.1f}× the engine)",
             verdict(f"dispatch_{shape}_quote_floor_ratio", r[f"dispatch_{shape}_quote_floor_ratio"])),
        ]
    return rows


def table(r: dict) -> str:
    rows = [
        ("Engine", f"{r['engine_jobs_per_second']:,.0f} jobs/s ({r['engine_microseconds_per_job']:.1f} µs a job)",
         verdict("engine_jobs_per_second", r["engine_jobs_per_second"])),
        ("Engine, every memo emptied before each round", f"{1e6 / r['engine_cold_microseconds_per_job']:,.0f} jobs/s "
         f"({r['engine_cold_microseconds_per_job']:.1f} µs a job; {r['engine_cold_ratio']:.2f}× the engine warm)", ""),
        (f"Engine against a pricer written by hand for {r['floor_agency']} alone, {r['floor_jobs']:,} of its jobs",
         f"{r['floor_ratio']:.1f}× the floor ({r['floor_engine_microseconds_per_job']:.1f} µs a job against "
         f"{r['floor_microseconds_per_job']:.1f} µs); memos emptied, {r['floor_cold_ratio']:.1f}× "
         f"({r['floor_engine_cold_microseconds_per_job']:.1f} µs)", verdict("floor_ratio", r["floor_ratio"])),
        ("DETAIL_QUOTES, one call of 10,000 rows", f"{r['detail_quotes_ratio']:.2f}× the engine ({r['detail_quotes_seconds']:.3f} s)",
         verdict("detail_quotes_ratio", r["detail_quotes_ratio"])),
        ("DETAIL_QUOTE, 10,000 cells", f"{r['detail_quote_ratio']:.2f}× the engine ({r['detail_quote_seconds']:.3f} s)",
         verdict("detail_quote_ratio", r["detail_quote_ratio"])),
        *dispatch_rows(r),
        (f"DETAIL_CANCEL_FEE, {r['cancellations']:,} cells", f"{r['detail_cancel_fee_ratio']:.2f}× the engine "
         f"({r['cancellation_engine_per_second']:,.0f} charges/s)", ""),
    ]
    if "libreoffice_ratio" in r:
        rows.append((
            f"LibreOffice recalculating {r['workbooks']} quote workbooks",
            f"engine {r['libreoffice_ratio']:.0f}× faster ({r['recalc_seconds']:.1f} s; start-up {r['startup_seconds']:.1f} s apart)",
            verdict("libreoffice_ratio", r["libreoffice_ratio"]),
        ))
        rows.append((
            "LibreOffice, split: opening a workbook, and each line",
            f"{r['libreoffice_workbook_ms']:.0f} ms a workbook (the engine prices {r['libreoffice_workbook_jobs']:.0f} jobs "
            f"meanwhile); {r['libreoffice_line_ms']:.2f} ms a line ({r['libreoffice_line_ratio']:.0f}× the engine's job)", "",
        ))
    rows += [
        ("Import + first DETAIL_QUOTE in a fresh process that has imported xlwings, as the add-in's server and xlwings "
         "Lite have, CPU", f"+{r['first_answer_over_xlwings_ms']:.0f} ms over Python with xlwings imported",
         verdict("first_answer_over_xlwings_ms", r["first_answer_over_xlwings_ms"])),
        ("Import + first DETAIL_QUOTE in a fresh process, CPU", f"+{r['first_answer_ms']:.0f} ms over bare Python "
         f"({r['bare_python_cpu_ms']:.0f} ms) with DetailQuote's dependencies alone, xlwings' import +"
         f"{r['xlwings_import_ms']:.0f} ms of it; with the test extras' numpy, pandas and polars, which xlwings imports, "
         f"+{r['first_answer_installed_ms']:.0f} ms, and with the cache off too +{r['first_answer_cache_off_ms']:.0f} ms",
         verdict("first_answer_ms", r["first_answer_ms"])),
        (f"`detailquote agencies`, {r['agency_files']:,} agency files, CPU", f"{r['agencies_warm_ms']:.0f} ms with the cache warm, "
         f"{r['agencies_cold_ms']:.0f} ms cold, {r['agencies_off_ms']:.0f} ms off (warm {r['agencies_warm_ratio']:.2f}× off)",
         verdict("agencies_warm_ms", r["agencies_warm_ms"])),
        ("Building each agency's workbook", f"{r['workbook_build_ms_mean']:.0f} ms mean, {r['workbook_build_ms_max']:.0f} ms slowest",
         verdict("workbook_build_ms_max", r["workbook_build_ms_max"])),
        (f"`detailquote batch`, a CSV of {r['batch_jobs']:,} jobs, --jobs 1 / 2", f"{r['batch_ratio']:.2f}× / "
         f"{r['batch_2_ratio']:.2f}× the engine ({r['batch_seconds']:.3f} s / {r['batch_2_seconds']:.3f} s)", ""),
        (f"Peak memory, {r['memory_jobs']:,} jobs in one DETAIL_QUOTES", f"{r['memory_peak_mb']:.0f} MB "
         f"({r['memory_before_call_mb']:.0f} MB with the rows loaded; the call allocates {r['memory_call_mb']:.0f} MB at most)", verdict("memory_peak_mb", r["memory_peak_mb"])),
    ]
    if "batch_memory_rows" in r:
        for n in (1, 2):
            rows.append((f"`detailquote batch --jobs {n}`, a fresh process over {r['batch_memory_rows']:,} rows",
                         f"{r[f'batch_{n}_file_seconds']:.1f} s ({r[f'batch_{n}_file_jobs_per_second']:,.0f} jobs/s), "
                         f"peak {r[f'batch_{n}_peak_mb']:.0f} MB (its largest process)", ""))
    m = r["machine"]
    head = (f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores), Python {m['python']}, {m['system']}; "
            f"{r['jobs']:,} jobs, median of {r['rounds']} rounds.")
    lines = [head, "", "| Measure | Result | Target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    check = f"Answers that differ from the engine: {r['answers_that_differ']} of {r['jobs']:,} quotes and {r['cancellations']:,} charges"
    check += f"; {r['floor_totals_that_differ']} of {r['floor_jobs']:,} totals of the floor pricer"
    check += f"; {r['dispatch_answers_that_differ']} of {r['dispatch_jobs']:,} quotes through xlwings' dispatch (each environment, both functions)"
    check += f"; listings of the agency files that differ with the cache off, cold and warm: {r['agency_listings_that_differ']}"
    if "amounts_that_differ" in r:
        check += f"; {r['amounts_that_differ']} of {r['lines']:,} workbook lines"
    check += f"; {r['batch_answers_that_differ']} of {r['batch_jobs']:,} batch totals"
    return "\n".join([*lines, "", check + "."])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds per measure (LibreOffice: at most 3)")
    parser.add_argument("--jobs", type=int, default=JOBS, help="jobs in the workload")
    parser.add_argument("--floor-jobs", type=int, default=FLOOR_JOBS, help="jobs of the floor pricer's agency")
    parser.add_argument("--memory-jobs", type=int, default=MEMORY_JOBS, help="jobs in the memory measure's one call")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--agency-files", type=int, default=AGENCY_FILES, help="agency files in the folder `detailquote agencies` lists")
    parser.add_argument("--skip-libreoffice", action="store_true", help="leave out the LibreOffice measure")
    parser.add_argument("--dispatch-jobs", type=int, default=DISPATCH_JOBS, metavar="N",
                        help="jobs of the workload to call through xlwings' dispatch (each a DETAIL_QUOTE cell)")
    parser.add_argument("--batch-memory-rows", type=int, default=0, metavar="N",
                        help="also time `detailquote batch` as a fresh process over a CSV of N rows, with its peak "
                             "memory (slow: 1000000 takes minutes); default: not measured")
    args = parser.parse_args(argv)

    library = default_library()
    jobs = workload.jobs([library.get(n) for n in library.names()], args.jobs)
    results: dict = {"machine": machine(), "rounds": args.rounds}
    steps = [
        ("engine and Excel functions", lambda: engine_and_functions(jobs, args.rounds)),
        ("the floor pricer", lambda: floor_pricer(args.floor_jobs, args.rounds)),
        ("the Excel functions through xlwings' dispatch", lambda: through_xlwings(args.dispatch_jobs, args.jobs, args.rounds)),
        ("LibreOffice", lambda: {} if args.skip_libreoffice else libreoffice_recalc(jobs, results["engine_seconds"], min(args.rounds, 3))),
        ("fresh process", lambda: first_answer(max(2 * args.rounds, 3))),
        ("agency files", lambda: agency_files(args.agency_files, args.rounds)),
        ("workbook builds", lambda: workbook_builds(args.rounds)),
        ("memory", lambda: memory(args.memory_jobs)),
        ("detailquote batch", lambda: batch_file(jobs, args.rounds)),
        ("detailquote batch, a fresh process", lambda: batch_memory(jobs, args.batch_memory_rows) if args.batch_memory_rows else {}),
    ]
    for label, step in steps:
        print(f"measuring {label}...", file=sys.stderr, flush=True)
        results.update(step())
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    differ = (results["answers_that_differ"] + results["floor_totals_that_differ"] + results.get("amounts_that_differ", 0)
              + results["agency_listings_that_differ"]
              + results["batch_answers_that_differ"] + results["dispatch_answers_that_differ"])
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
