"""A file or frame of jobs priced row by row: `detailquote batch` and `detailquote.batch`.

Each row is a job in the DETAIL_QUOTES columns (read by `job_rows`, as the
Excel function reads them), with an optional `job_id`: consecutive rows with
the same id are the shifts of one job, priced as one Request. Every price is
the engine's; this module reads rows, groups them and writes results. Rows are
streamed: memory stays flat however long the file, save for the set of job ids
seen (a repeat of an id after other rows is refused, not grouped).
"""

from __future__ import annotations

import concurrent.futures
import csv
import datetime as dt
import io
import itertools
import json
import os
import sys
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from . import cells
from .atomic import atomic_file
from .cells import Cell
from .engine import MAX_SHIFTS, quote
from .errors import InputError, excerpt, message, printable, shown
from .job_rows import QUOTE_COLUMNS, agency, columns, request, shift
from .loader import Library, default_library
from .quotes import FEE, Quote

JOB_ID = "job_id"
BATCH_COLUMNS = (*QUOTE_COLUMNS, JOB_ID)
# The columns that describe the whole job: on a job's later rows they are blank or the same as on its first.
REQUIRED = QUOTE_COLUMNS[:4]  # agency, start, end, officers: a file's header names them all
JOB_OPTIONS = ("agency", "job_type", "requested", "priority", "customer", "facts")
RESULT_COLUMNS = ("row", "job_id", "agency", "total", "complete", "tiers", "warnings", "error")
SOME_FAILED = 3  # the exit status when some jobs could not be priced (bad input is 2, as everywhere)
INPUTS, OUTPUTS = (".csv", ".xlsx"), (".csv", ".xlsx", ".json")
XLSX_ROWS = 1_048_576  # the most rows a sheet holds
FEW = 2  # chunks: a shorter run is priced in this process
CHUNK = 200  # jobs sent to a worker process at a time: enough to make the hand-over cheap, few enough to stay small
_AT = {name: i for i, name in enumerate(BATCH_COLUMNS)}
_OPTIONS_AT = [(_AT[name], name) for name in JOB_OPTIONS]


class Result(NamedTuple):
    """One job's answer: where it starts, its id, and the engine's total, or why it cannot be priced."""

    row: int  # the row of the job's first shift: as a spreadsheet numbers it in a file, from 0 in a frame or list
    job_id: Any
    agency: str
    total: Decimal | None
    complete: bool | None
    tiers: str  # the rate tiers of the lines, in order, joined with "; "
    warnings: str  # the quote's warnings, joined with " "
    error: str | None


class Record(NamedTuple):
    """One row of the input: its number and its cells in BATCH_COLUMNS order, or why the row cannot be read."""

    row: int
    values: tuple[Cell, ...]
    problem: str | None = None


# --- pricing: the engine's answer for each job ------------------------------------------------

def price(rows: list[Record], library: Library) -> Result:
    """One job, from the rows of its shifts, priced by the engine; an error becomes the job's message."""
    first = rows[0].values
    job_id = first[_AT[JOB_ID]]
    typed = "" if first[0] is None else printable(excerpt(str(first[0]).strip(), 100))
    try:
        a = agency(first[0], library)
        q = quote(a, _request(a, rows))
    except Exception as exc:  # each job answers for itself; the others still price
        return Result(rows[0].row, job_id, typed, None, None, "", "", message(exc))
    return Result(rows[0].row, job_id, q.agency, q.total, q.complete, tiers(q), " ".join(w.message for w in q.warnings), None)


def _request(a, rows: list[Record]):
    """The Request of a job's rows: the first row's options, one shift a row."""
    for record in rows:
        if record.problem:
            raise InputError(record.problem)
    first = rows[0].values
    job = request(a, *first[1:len(QUOTE_COLUMNS)])
    if len(rows) == 1:
        return job
    shifts = [job.shifts[0]]
    for record in rows[1:]:
        values = record.values
        for i, name in _OPTIONS_AT:
            if not cells.blank(values[i]) and _same(values[i]) != _same(first[i]):
                said = None if cells.blank(first[i]) else first[i]
                raise InputError(f"row {record.row} gives {name} {shown(values[i])} but the job's first row, "
                                 f"{rows[0].row}, gives {shown(said)}: give the job's options on its first row")
        try:
            shifts.append(shift(values[1], values[2], values[3], values[6]))
        except InputError as exc:
            raise InputError(f"row {record.row}: {exc}") from None
    return job._replace(shifts=tuple(shifts))


def _same(value: Cell) -> Cell:
    """A cell as compared between a job's rows: text trimmed and in any case."""
    return value.strip().lower() if isinstance(value, str) else value


def tiers(q: Quote) -> str:
    """The rate tiers of the quote's lines, each once, in order; fees on top have none."""
    seen: dict[str, None] = {}
    for line in q.lines:
        if line.role != FEE and line.tier_label:
            seen[line.tier_label + (" overtime" if line.overtime else "")] = None
    return "; ".join(seen)


# --- reading: rows, then jobs ---------------------------------------------------------------------

def records(rows: Iterable[tuple[int, list[Cell]]], what: str) -> Iterator[Record]:
    """The rows as Records: the first names the columns, in any order; blank rows are left out.

    The header is read and checked at once, so that a file with a bad one is refused before any output.
    """
    rows = iter(rows)
    names = header(rows, BATCH_COLUMNS, REQUIRED, what, "job")
    return _records(rows, [names.index(c) if c in names else None for c in BATCH_COLUMNS], len(names))


def header(rows: Iterator[tuple[int, list[Cell]]], known: tuple[str, ...], required: Iterable[str], what: str,
           item: str) -> tuple[str, ...]:
    """The column names of the first row (from `known`, any order), refused when one of `required` is missing.

    `item` names what each later row is ("job", "event"); `required` may name alternatives as "dates or rrule".
    """
    first = next(rows, None)
    required = list(required)
    if first is None:
        raise InputError(f"{what} is empty: expected a header row ({', '.join(required)}, ...) and then a{'n' if item[0] in 'aeiou' else ''} {item} a row")
    names, _ = columns(list(first[1]), known, named=True)
    missing = [need for need in required if not set(need.split(" or ")) & set(names)]
    if missing:
        raise InputError(f"the header row of {what} has no column {', '.join(missing)} "
                         f"(a{'n' if item[0] in 'aeiou' else ''} {item} needs {', '.join(required)}; the first row names the columns)")
    return names


def _records(rows: Iterator[tuple[int, list[Cell]]], at: list[int | None], width: int) -> Iterator[Record]:
    for number, row in rows:
        if all(cells.blank(v) for v in row):
            continue
        values = tuple(row[i] if i is not None and i < len(row) else None for i in at)
        extra = len(row) > width and not all(cells.blank(v) for v in row[width:])
        yield Record(number, values, f"row {number} has {len(row)} cells but the header names {width} columns" if extra else None)


def _chain(first, rows):
    yield first
    yield from rows


def jobs(rows: Iterable[Record]) -> Iterator[list[Record]]:
    """The rows of each job: consecutive rows with the same job id are one job; a row without an id is a job alone.

    A job id seen before, after other rows, is an error on that row: the rows of a job come together, so that
    a job is priced as soon as its rows are read and a long file never waits in memory.
    """
    seen: dict[Any, int] = {}  # each job id and the row it started on
    group: list[Record] = []
    key = None
    for record in rows:
        job_id = record.values[_AT[JOB_ID]]
        if cells.blank(job_id):
            job_id = None
        elif isinstance(job_id, str):
            job_id = job_id.strip()
        if group and job_id is not None and job_id == key:
            if len(group) > MAX_SHIFTS:
                group[-1] = group[-1]._replace(problem=f"job {shown(job_id)} has more than {MAX_SHIFTS} rows; "
                                                          f"a job holds at most {MAX_SHIFTS} shifts")
            else:
                group.append(record)
            continue
        if group:
            yield group
        key, group = job_id, [record]
        if job_id is not None:
            if job_id in seen:
                group = [record._replace(problem=f"job id {shown(job_id)} was used before, at row {seen[job_id]}: "
                                                  "the rows of a job must be consecutive")]
                key = None  # a later row with the same id is refused too, not joined to this one
            else:
                seen[job_id] = record.row
    if group:
        yield group


def read_file(path: Path, what: str = "jobs") -> tuple[Iterator[tuple[int, list[Cell]]], Callable[[], float | None]]:
    """The rows of a .csv or .xlsx file, numbered as a spreadsheet numbers them, and how far through the file they are."""
    suffix = path.suffix.lower()
    if suffix not in INPUTS:
        raise InputError(f"{_name(path)}: expected a .csv or .xlsx file of {what}")
    if not path.is_file():
        hint = _near_file(path)
        raise InputError(f"no file {_name(path)}" + (f" — did you mean {hint}?" if hint else "")
                         if not path.exists() else f"{_name(path)} is not a file")
    return _read_csv(path) if suffix == ".csv" else _read_xlsx(path)


def _near_file(path: Path) -> str | None:
    """A file beside `path` whose name is close to it, for a typo's "did you mean"."""
    import difflib

    folder = path.parent
    if not folder.is_dir():
        return None
    names = {p.stem: p.name for p in folder.iterdir() if p.suffix.lower() == path.suffix.lower()}
    close = difflib.get_close_matches(path.stem, list(names)[:1000], n=1, cutoff=0.75)
    return str(path.with_name(names[close[0]])) if close else None


def _name(path: Path) -> str:
    return shown(str(path))


def _read_csv(path: Path) -> tuple[Iterator[tuple[int, list[Cell]]], Callable[[], float | None]]:
    raw = open(path, "rb")
    size = os.fstat(raw.fileno()).st_size

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        number = 0
        try:
            with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
                for number, row in enumerate(csv.reader(text), 1):
                    yield number, row
        except UnicodeDecodeError:
            raise InputError(f"{_name(path)} is not UTF-8 text: save it as CSV UTF-8") from None
        except csv.Error as exc:
            raise InputError(f"{_name(path)}, row {number + 1}: {exc}") from None

    return rows(), lambda: raw.tell() / size if size and not raw.closed else None


def _read_xlsx(path: Path) -> tuple[Iterator[tuple[int, list[Cell]]], Callable[[], float | None]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{_name(path)} is not an Excel workbook (.xlsx) that can be read: {type(exc).__name__}") from None
    ws = wb.worksheets[0]
    total = ws.max_row  # from the sheet's own dimension record, where it has one
    done = [0]

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, row in enumerate(ws.iter_rows(values_only=True), 1):
                done[0] = number
                yield number, list(row)
        finally:
            wb.close()

    return rows(), lambda: done[0] / total if total else None


# --- the run: jobs priced in order, here or in worker processes -----------------------------------

def results(groups: Iterable[list[Record]], library: Library, folders: tuple[str, ...] = (),
            processes: int = 1) -> Iterator[Result]:
    """Each job's Result, in input order; with several processes, chunks of jobs are priced in parallel.

    A run of fewer than FEW chunks is priced here whatever `processes` says: starting the workers would cost more.
    """
    chunks = _chunks(groups, CHUNK)
    head = list(itertools.islice(chunks, FEW)) if processes > 1 else []
    if len(head) < FEW:
        for chunk in itertools.chain(head, chunks):
            for group in chunk:
                yield price(group, library)
        return
    with concurrent.futures.ProcessPoolExecutor(processes, initializer=_start_worker, initargs=(folders,)) as pool:
        pending: deque[concurrent.futures.Future] = deque()
        for chunk in itertools.chain(head, chunks):
            pending.append(pool.submit(_price_chunk, chunk))
            if len(pending) >= 2 * processes:  # a few chunks ahead of the writer, never the whole file
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(groups: Iterable[list[Record]], size: int) -> Iterator[list[list[Record]]]:
    chunk: list[list[Record]] = []
    for group in groups:
        chunk.append(group)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_WORKER_LIBRARY: Library | None = None


def _start_worker(folders: tuple[str, ...]) -> None:
    """A worker process's agencies: the same folders as the command's."""
    global _WORKER_LIBRARY
    _WORKER_LIBRARY = default_library(list(folders))


def _price_chunk(chunk: list[list[Record]]) -> list[Result]:
    return [price(group, _WORKER_LIBRARY) for group in chunk]


# --- writing: CSV, JSON or a workbook ---------------------------------------------------------------
# The writers take any rows that are NamedTuples (a Result here; a budget's job lines too), counting those with an error:
# money is a Decimal shown to the cent, a flag true or false, a date in ISO form, a blank for none.

def cell_text(value: Any) -> str:
    """A value as the text of a CSV cell: a Decimal to the cent, true or false, ISO dates, blank for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A value as JSON takes it: a Decimal as a decimal string to the cent, a date in ISO form."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def write_csv(answers: Iterable[NamedTuple], out: TextIO, columns: tuple[str, ...] = RESULT_COLUMNS) -> int:
    """The rows as CSV with a header row; returns how many could not be priced (have an error)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    failed = 0
    for result in answers:
        writer.writerow([cell_text(v) for v in result])
        failed += getattr(result, "error", None) is not None
    return failed


def write_json(answers: Iterable[NamedTuple], out: TextIO) -> int:
    """The rows as a JSON array of objects, one a line, every figure a decimal string."""
    failed = 0
    out.write("[")
    for n, result in enumerate(answers):
        out.write(("," if n else "") + "\n" + json.dumps(json_object(result), ensure_ascii=False, default=str))
        failed += getattr(result, "error", None) is not None
    out.write("\n]\n")
    return failed


def json_object(result: NamedTuple) -> dict[str, Any]:
    """One row as a JSON object: figures as decimal strings, a job id as text."""
    data = {name: json_value(value) for name, value in result._asdict().items()}
    if data.get(JOB_ID) is not None:
        data[JOB_ID] = str(data[JOB_ID])
    return data


def write_xlsx(answers: Iterable[Result], out) -> int:
    """The results as a workbook written as it goes (openpyxl's write-only mode): totals are numbers to the cent."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    failed = append_rows(wb.create_sheet("Results"), answers, RESULT_COLUMNS)
    wb.save(out)
    return failed


def append_rows(ws, answers: Iterable[NamedTuple], columns: tuple[str, ...], first: int = 1) -> int:
    """The rows under a header row on a write-only sheet whose next row is `first`: money as numbers to the cent.

    Returns how many rows could not be priced (have an error).
    """
    from openpyxl.cell import WriteOnlyCell

    from .atomic import OutputError

    ws.append(list(columns))
    failed = 0
    for n, result in enumerate(answers, first + 1):
        if n > XLSX_ROWS:
            raise OutputError(f"more than {XLSX_ROWS - 1:,} jobs do not fit in one sheet: write .csv or .json instead")
        row: list[Any] = []
        for value in result:
            if isinstance(value, str):
                cell = WriteOnlyCell(ws, value or None)
                if value:
                    cell.data_type = "s"  # typed text stays text, even one that starts with "="
            else:
                cell = WriteOnlyCell(ws, value)
                if isinstance(value, Decimal):
                    cell.number_format = "#,##0.00"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
            row.append(cell)
        ws.append(row)
        failed += getattr(result, "error", None) is not None
    return failed


# --- the two faces ------------------------------------------------------------------------------------

class Progress:
    """A line on stderr that counts the jobs done, when stderr is a terminal and the run lasts over a second."""

    def __init__(self, fraction: Callable[[], float | None], stream: TextIO = sys.stderr, after: float = 1.0):
        self.fraction, self.stream = fraction, stream
        self.on = stream.isatty()
        self.start = time.monotonic()
        self.next = self.start + after
        self.shown = False

    def count(self, answers: Iterable[Result]) -> Iterator[Result]:
        """The results as they come, the line updated at most five times a second."""
        for n, result in enumerate(answers, 1):
            if self.on and n % 64 == 0 and time.monotonic() >= self.next:
                self.show(n)
            yield result
        if self.shown:
            self.stream.write("\n")

    def show(self, done: int) -> None:
        now = time.monotonic()
        part = self.fraction()
        share = f" ({min(part, 1):.0%} of the file)" if part is not None else ""
        self.stream.write(f"\rdetailquote batch: {done:,} jobs priced{share}, {done / (now - self.start):,.0f} a second ")
        self.stream.flush()
        self.next, self.shown = now + 0.2, True


def run_file(path: Path, out: Path | None, library: Library, folders: tuple[str, ...] = (),
             processes: int = 1) -> tuple[int, int]:
    """Price every job of the file at `path` into `out` (CSV on stdout when None); returns (jobs, jobs not priced)."""
    kind = ".csv" if out is None else out.suffix.lower()
    if kind not in OUTPUTS:
        raise InputError(f"--out {_name(out)}: expected a .csv, .xlsx or .json file")
    rows, fraction = read_file(path)
    progress = Progress(fraction)
    answers = progress.count(results(jobs(records(rows, _name(path))), library, folders, processes))
    counted = _Counter(answers)
    if out is None:
        failed = write_csv(counted, sys.stdout)
    else:
        with atomic_file(out) as f:
            if kind == ".xlsx":
                failed = write_xlsx(counted, f)
            else:
                text = io.TextIOWrapper(f, encoding="utf-8", newline="")
                failed = (write_csv if kind == ".csv" else write_json)(counted, text)
                text.flush()
                text.detach()  # the file is atomic_file's to close
    return counted.n, failed


class _Counter:
    """Results passed through, counted."""

    def __init__(self, answers: Iterable[Result]):
        self.answers, self.n = answers, 0

    def __iter__(self) -> Iterator[Result]:
        for result in self.answers:
            self.n += 1
            yield result


def batch(jobs_in: Any, library: Library | None = None) -> Any:
    """Price a table of jobs with the engine: a pandas or Polars DataFrame, or any iterable of dicts.

    Columns as for DETAIL_QUOTES (agency, start, end, officers, job_type, requested, vehicles, priority, customer,
    facts, any order, names read loosely) and an optional job_id that joins consecutive rows into one job of
    several shifts. Returns one result a job (RESULT_COLUMNS: total a Decimal, error the message of a job that
    cannot be priced): a DataFrame of the same library when given one, else a list of dicts.
    """
    library = library or default_library()
    answers = [r._asdict() for r in results(jobs(records(dict_rows(jobs_in), "the table")), library)]
    if hasattr(jobs_in, "iter_rows") or hasattr(jobs_in, "to_dict") and hasattr(jobs_in, "columns"):
        return type(jobs_in)({name: [a[name] for a in answers] for name in RESULT_COLUMNS})  # a frame answers in kind
    return answers


def dict_rows(table: Any) -> Iterator[tuple[int, list[Cell]]]:
    """A DataFrame or dicts as rows: first the column names, then each row's values, numbered from 0.

    A missing value of a frame (NaN, NaT, None) is a blank cell.
    """
    if hasattr(table, "iter_rows"):  # Polars
        dicts, names = iter(table.iter_rows(named=True)), list(table.columns)
    elif hasattr(table, "to_dict") and hasattr(table, "columns"):  # pandas
        dicts, names = iter(table.to_dict("records")), list(table.columns)
    elif isinstance(table, (dict, str, bytes)) or not isinstance(table, Iterable):
        raise InputError(f"expected a DataFrame or a list of dicts, one a job, not {type(table).__name__}")
    else:
        dicts = iter(table)
        first = next(dicts, None)
        if first is None:  # no jobs: no results
            yield -1, list(QUOTE_COLUMNS)
            return
        names = list(first) if isinstance(first, dict) else []
        dicts = _chain(first, dicts)
    yield -1, [str(n) for n in names]
    known = set(names)
    for n, row in enumerate(dicts):
        if not isinstance(row, dict):
            raise InputError(f"row {n} is a {type(row).__name__}, not a dict of column names and values")
        if row.keys() != known and row.keys() - known:
            raise InputError(f"row {n} has the column {shown(str(next(iter(row.keys() - known))))}, which the first row has not")
        yield n, [_cell(row.get(k)) for k in names]


def _cell(value: Any) -> Cell:
    """A frame's missing value (NaN, NaT, pandas' NA) as a blank; anything else as it is."""
    try:
        return None if value is None or value != value else value
    except (TypeError, ValueError):  # pandas' NA refuses to be compared
        return None
