"""`detailquote batch` and `detailquote.batch`: every job's answer is the engine's, in every file format.

A generated file of jobs over every bundled agency (the benchmark's workload,
some jobs joined into several shifts, and bad rows among them) is priced
through each input and output format, read back, and each row compared with
`engine.quote` of the same request, or for a row that cannot be priced with
the message the Excel functions give.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import ROOT
from detailquote import batch as batch_api, job_tables, udfs
from detailquote.job_tables import RESULT_COLUMNS, Progress, jobs, records, results
from detailquote.cli import main
from detailquote.engine import FEE, Request, quote
from detailquote.errors import message
from detailquote.loader import default_library

sys.path.insert(0, str(ROOT / "benchmarks"))
import workload  # noqa: E402

LIBRARY = default_library()
HEADER = workload.FILE_HEADER
BAD = {  # rows the engine cannot price, each with the fault it holds
    "unknown agency": ["tuscon-az", "2026-12-24 18:00", "2026-12-25 02:00", "5", "", "", "", ""],
    "end missing": ["tucson-az", "2026-12-24 18:00", "", "5", "", "", "", ""],
    "bad date": ["hartford-ct", "24/12/2026 18:00", "2026-12-25 02:00", "2", "", "", "", ""],
    "end before start": ["peel-on", "2026-12-25 02:00", "2026-12-24 18:00", "2", "", "", "", ""],
}


def _generated() -> list[tuple[str, list[list[str]]]]:
    """Jobs as (job id, rows): 12 per bundled agency, every third a job of two shifts; bad jobs among them."""
    out: list[tuple[str, list[list[str]]]] = []
    for n, name in enumerate(LIBRARY.names()):
        a = LIBRARY.get(name)
        made = workload.jobs([a], 16, seed=n)
        pairs = iter(made)
        for k in range(12):
            job = next(pairs)
            rows = [workload.file_row(job, a, "")[1:]]
            if k % 3 == 0:  # a second shift of the same order: same job type and request time
                rows.append(workload.file_row(next(pairs), a, "")[1:])
                rows[1][0] = rows[1][4] = rows[1][5] = rows[1][7] = ""  # a job's options on its first row only
            out.append((f"{name}-{k}", rows))
        bad = list(BAD.values())[n % len(BAD)]
        out.append((f"{name}-bad", [bad]))
    return out


JOBS = _generated()


def _file_rows() -> list[list[str]]:
    """The jobs as the rows of a file under HEADER, with blank lines and an id used again after other rows."""
    rows: list[list[str]] = []
    for i, (job_id, shifts) in enumerate(JOBS):
        rows += [[job_id, *s] for s in shifts]
        if i % 25 == 7:
            rows.append([""] * len(HEADER))
    rows.append([JOBS[0][0], *JOBS[0][1][0]])  # the first job's id again, after every other job
    return rows


def _expected() -> list[tuple]:
    """Each job's answer as the engine gives it, for the rows of _file_rows, in order."""
    out = []
    row = 2
    for i, (job_id, shifts) in enumerate(JOBS):
        out.append((row, job_id, *_engine(shifts)))
        row += len(shifts) + (1 if i % 25 == 7 else 0)
    out.append((row, JOBS[0][0], JOBS[0][1][0][0], None, None, "", "",
                f"job id '{JOBS[0][0]}' was used before, at row 2: the rows of a job must be consecutive"))
    return out


def _engine(shifts: list[list[str]]) -> tuple:
    """(agency, total, complete, tiers, warnings, error) straight from engine.quote, or the Excel functions' message."""
    first = shifts[0]
    cells = [first[0], first[1], first[2], first[3], first[4], first[5], first[6], first[7]]
    try:
        a = LIBRARY.get(first[0])
        one = udfs._request(a, *cells[1:])
        extra = tuple(udfs._request(a, s[1], s[2], s[3], None, None, s[6]).shifts[0] for s in shifts[1:])
        q = quote(a, Request(one.shifts + extra, *one[1:]))
    except Exception as exc:
        assert len(shifts) == 1
        said = udfs.DETAIL_QUOTE(*cells)  # the message the Excel function gives for the same row
        assert said == message(exc)
        return first[0], None, None, "", "", said
    tiers = list(dict.fromkeys(l.tier_label + (" overtime" if l.overtime else "") for l in q.lines if l.role != FEE and l.tier_label))
    return q.agency, q.total, q.complete, "; ".join(tiers), " ".join(w.message for w in q.warnings), None


EXPECTED = _expected()


def _write_csv(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for row in _file_rows():
            w.writerow(row if any(row) else [])  # a blank line
    return path


def _typed(value: str, column: str):
    """A cell as a workbook holds it: real dates and numbers, nothing where the CSV is empty."""
    if value == "":
        return None
    if column in ("start", "end", "requested"):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value  # the bad date stays text
    return int(value) if column in ("officers", "vehicles") else value


def _write_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in _file_rows():
        ws.append([_typed(v, c) for v, c in zip(row, HEADER)])
    wb.save(path)
    return path


def _read_back(path: Path) -> list[tuple]:
    """The results file as (row, job id, agency, total, complete, tiers, warnings, error), blanks as None."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = [[d[c] for c in RESULT_COLUMNS] for d in data]
    elif path.suffix == ".xlsx":
        ws = load_workbook(path, read_only=True).worksheets[0]
        got = list(ws.iter_rows(values_only=True))
        assert list(got[0]) == list(RESULT_COLUMNS)
        rows = [[*r, *[None] * (len(RESULT_COLUMNS) - len(r))] for r in got[1:]]  # trailing blanks are not stored
    else:
        with open(path, newline="", encoding="utf-8") as f:
            got = list(csv.reader(f))
        assert got[0] == list(RESULT_COLUMNS)
        rows = got[1:]
    return [_normal(r) for r in rows]


def _normal(r: list) -> tuple:
    row, job_id, agency, total, complete, tiers, warnings, error = r
    if isinstance(total, float):
        total = repr(total)
    complete = {"true": True, "false": False, "": None}.get(complete, complete) if isinstance(complete, str) else complete
    return (int(row), job_id, agency, Decimal(total) if total not in ("", None) else None, complete,
            tiers or "", warnings or "", error or None)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("batch")
    return {".csv": _write_csv(folder / "jobs.csv"), ".xlsx": _write_xlsx(folder / "jobs.xlsx")}


def test_the_generated_file_covers_every_agency_several_shifts_and_bad_rows():
    assert {e[2] for e in EXPECTED if e[-1] is None} == set(LIBRARY.names())
    assert sum(len(shifts) > 1 for _, shifts in JOBS) >= 4 * len(LIBRARY.names())
    assert sum(e[-1] is not None for e in EXPECTED) == len(LIBRARY.names()) + 1
    assert any(e[4] is False for e in EXPECTED)  # an incomplete quote (Hartford's captain) is among them
    assert len(EXPECTED) > 200


@pytest.mark.parametrize("source, target, processes", [
    (".csv", ".csv", "1"), (".csv", ".xlsx", "1"), (".csv", ".json", "1"), (".xlsx", ".csv", "1"),
    (".xlsx", ".json", "1"), (".csv", ".csv", "2"),
])
def test_every_job_gets_the_engines_answer(files, tmp_path, capsys, monkeypatch, source, target, processes):
    monkeypatch.setattr(job_tables, "CHUNK", 16)  # chunks small enough that --jobs 2 starts its workers
    out = tmp_path / f"results{target}"
    code = main(["batch", str(files[source]), "--out", str(out), "--jobs", processes])
    assert _read_back(out) == EXPECTED
    assert code == 3  # some rows could not be priced
    failed = sum(e[-1] is not None for e in EXPECTED)
    assert capsys.readouterr().err == f"detailquote: {failed} of {len(EXPECTED)} jobs could not be priced: see the error column\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left beside it


def test_without_out_the_results_are_csv_on_stdout_and_all_priced_is_status_0(tmp_path, capsys):
    path = tmp_path / "jobs.csv"
    path.write_text("Agency,Start,End,Officers,Vehicles,Requested\n"
                    "tucson-az,2026-12-24 18:00,2026-12-25 02:00,5,1,2026-12-01 09:00\n", encoding="utf-8")
    assert main(["batch", str(path)]) == 0
    assert capsys.readouterr().out == (
        "row,job_id,agency,total,complete,tiers,warnings,error\n2,,tucson-az,4128.98,true,Holiday,,\n")


def test_a_jobs_later_rows_may_not_change_its_options(tmp_path, capsys):
    path = tmp_path / "jobs.csv"
    path.write_text("job_id,agency,start,end,officers,job_type\n"
                    "7,hartford-ct,2026-07-04 08:00,2026-07-04 16:00,3,\n"
                    "7,hartford-ct,2026-07-05 08:00,2026-07-05 16:00,3,construction\n", encoding="utf-8")
    assert main(["batch", str(path), "--jobs", "1"]) == 3
    assert capsys.readouterr().out.splitlines()[1] == (
        "2,7,hartford-ct,,,,,\"row 3 gives job_type 'construction' but the job's first row, 2, gives a blank: "
        "give the job's options on its first row\"")


@pytest.mark.parametrize("setup, argv, said", [
    (lambda d: (d / "jobs.csv").write_text("agency,start,end,officers\n"), ["job.csv"],
     "detailquote: error: no file 'job.csv' — did you mean jobs.csv?\n"),
    (lambda d: (d / "jobs.csv").write_text("agency,strat,end,officers\n"), ["jobs.csv"],
     "detailquote: error: unknown column 'strat' in the header row — did you mean start?\n"),
    (lambda d: (d / "jobs.csv").write_text("agency,start,officers\n"), ["jobs.csv"],
     "detailquote: error: the header row of 'jobs.csv' has no column end (a job needs agency, start, end, officers; "
     "the first row names the columns)\n"),
    (lambda d: (d / "jobs.csv").write_text(""), ["jobs.csv"],
     "detailquote: error: 'jobs.csv' is empty: expected a header row (agency, start, end, officers, ...) and then a "
     "job a row\n"),
    (lambda d: (d / "jobs.csv").write_text("agency,start,end,officers\n"), ["jobs.csv", "--out", "missing/out.csv"],
     "detailquote: error: output folder 'missing' does not exist: create it, or choose another\n"),
    (lambda d: (d / "jobs.csv").write_text("agency,start,end,officers\n"), ["jobs.csv", "--out", "out.txt"],
     "detailquote: error: --out 'out.txt': expected a .csv, .xlsx or .json file\n"),
    (lambda d: (d / "jobs.xlsx").write_text("not a workbook"), ["jobs.xlsx"],
     "detailquote: error: 'jobs.xlsx' is not an Excel workbook (.xlsx) that can be read: BadZipFile\n"),
    (lambda d: (d / "jobs.csv").write_bytes(b"agency,start,end,officers\n\xff\xfe\n"), ["jobs.csv"],
     "detailquote: error: 'jobs.csv' is not UTF-8 text: save it as CSV UTF-8\n"),
])
def test_a_new_users_slips_get_one_clear_line_and_status_2(tmp_path, monkeypatch, capsys, setup, argv, said):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["batch", *argv]) == 2
    seen = capsys.readouterr()
    assert (seen.out, seen.err) == ("", said)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_header_alone_gives_an_empty_result_and_says_so(tmp_path, capsys):
    path = tmp_path / "jobs.csv"
    path.write_text("agency,start,end,officers\n", encoding="utf-8")
    assert main(["batch", str(path)]) == 0
    seen = capsys.readouterr()
    assert seen.out == "row,job_id,agency,total,complete,tiers,warnings,error\n"
    assert seen.err == f"detailquote: {path} has no jobs under its header row\n"


def test_rows_are_priced_as_they_are_read_never_all_held():
    """An endless stream of rows gives its first answers: nothing waits for the end of the input."""
    row = ["tucson-az", "2026-12-24 18:00", "2026-12-25 02:00", "5"]
    endless = itertools.chain([(1, ["agency", "start", "end", "officers"])], ((n, row) for n in itertools.count(2)))
    first = list(itertools.islice(results(jobs(records(endless, "stream")), LIBRARY), 3))
    assert [(r.row, r.total) for r in first] == [(2, Decimal("3947.12")), (3, Decimal("3947.12")), (4, Decimal("3947.12"))]


def test_the_progress_line_shows_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = [None] * 130
    screen, pipe = Terminal(), io.StringIO()
    assert len(list(Progress(lambda: 0.5, screen, after=0).count(fake))) == 130
    assert screen.getvalue().startswith("\rdetailquote batch: 64 jobs priced (50% of the file), ")
    assert screen.getvalue().endswith("\n")
    list(Progress(lambda: 0.5, pipe, after=0).count(fake))
    assert pipe.getvalue() == ""


# --- the Python face ---------------------------------------------------------------------------------

def _dicts(typed: bool = True) -> list[dict]:
    """The file's rows as dicts: cells as a workbook holds them, or (`typed` false) the text of the CSV."""
    return [dict(zip(HEADER, [_typed(v, c) if typed else v or None for v, c in zip(row, HEADER)]))
            for row in _file_rows() if any(row)]


def _python_expected() -> list[dict]:
    """EXPECTED numbered as a list is (from 0, blank lines left out), as dicts."""
    starts = list(itertools.accumulate([0] + [len(s) for _, s in JOBS]))
    rows = [*starts[:-1], starts[-1]]
    out = [dict(zip(RESULT_COLUMNS, (n, *e[1:]))) for n, e in zip(rows, EXPECTED)]
    out[-1]["error"] = out[-1]["error"].replace("at row 2:", "at row 0:")
    return out


def test_python_batch_of_dicts_gives_the_engines_answers():
    assert batch_api(_dicts()) == _python_expected()
    assert batch_api([]) == []


def test_python_batch_of_a_pandas_frame_answers_with_a_frame():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(_dicts())
    assert frame["vehicles"].isna().any()  # missing vehicles are NaN: read as blank
    got = batch_api(frame)
    assert isinstance(got, pandas.DataFrame) and list(got.columns) == list(RESULT_COLUMNS)
    assert _records(got.to_dict("records")) == _python_expected()


def test_python_batch_of_a_polars_frame_answers_with_a_frame():
    polars = pytest.importorskip("polars")
    frame = polars.DataFrame(_dicts(typed=False))  # a Polars column holds one type: the bad date is text
    got = batch_api(frame)
    assert isinstance(got, polars.DataFrame) and got.columns == list(RESULT_COLUMNS)
    assert _records(got.iter_rows(named=True)) == _python_expected()


def _records(rows) -> list[dict]:
    """A frame's rows with its missing values (NaN, None) as None and its numbers as the Python types."""
    out = []
    for r in rows:
        d = {k: (None if v is None or v != v else v) for k, v in r.items()}
        d["row"] = int(d["row"])
        if d["total"] is not None:
            d["total"] = Decimal(str(d["total"])) if not isinstance(d["total"], Decimal) else d["total"]
        if d["complete"] is not None:
            d["complete"] = bool(d["complete"])
        out.append(d)
    return out
