"""The quote workbooks, filled with generated jobs and recalculated by LibreOffice, give the engine's numbers.

For every seed agency, 8 workbooks of 25 shift lines each (200 jobs) cover
holidays, weekends, midnight crossings, clock changes, short notice, minimums,
overtime, supervisors, vehicles and priorities; each agency written from the
practice pages, and each rule-kind test agency (tests/kinds), gets 4. Each workbook is priced by the engine as one
job of all its shifts, and each line must show its shift's part of it; where no tier is decided per job, each line
priced as a job of its own must come to the same. Each workbook is also
cancelled at a generated time (half of them hold a few days' event, so that
shifts fall in every cancellation window), and its charge, and each shift's
part of it, must be the engine's. LibreOffice recalculates every workbook in
one run.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from conftest import EXTRA_AGENCIES, KIND_AGENCIES, SEED_AGENCIES, D, agency
from detailquote import libreoffice, workbook
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, FLAT, Request, Shift, quote
from detailquote.errors import InputError
from detailquote.rules.combine import walk
from detailquote.rules.facts import CustomerTrigger

WORKBOOKS_PER_AGENCY = 8
WORKBOOKS_PER_KIND = 4          # each agency written from seeds-extra, and each rule-kind test agency (tests/kinds)
PARITY = SEED_AGENCIES + EXTRA_AGENCIES + KIND_AGENCIES


def _workbooks(name: str) -> int:
    if name in SEED_AGENCIES:
        return WORKBOOKS_PER_AGENCY
    return WORKBOOKS_PER_KIND + 2 if agency(name).spec.facts else WORKBOOKS_PER_KIND  # job types, classes and facts vary
ERRORS = ("#VALUE!", "#NAME?", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def _line(rng: random.Random, a, number: int, priority: str | None, around: dt.date | None) -> dict:
    """One shift line: varied, but never at a wall time that does not exist."""
    holidays = [d for y in (2026, 2027) for d in a.calendar.year(y)]
    while True:
        kind = number % 5
        if around is not None:               # a few days' event
            day = around + dt.timedelta(days=rng.randrange(0, 4))
        elif kind == 0 and holidays:         # on or around a holiday
            day = rng.choice(holidays) + dt.timedelta(days=rng.choice([-1, 0, 0]))
        elif kind == 1:                      # the clock-change weekends
            day = rng.choice([dt.date(2026, 3, 7), dt.date(2026, 3, 8), dt.date(2026, 10, 31), dt.date(2026, 11, 1),
                              dt.date(2027, 3, 13), dt.date(2027, 11, 6)])
        else:
            day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 730))
        start = dt.time(rng.randrange(24), rng.choice([0, 15, 30, 45, 20, 10]))
        minutes = rng.choice([30, 60, 120, 180, 200, 240, 300, 480, 500, 600, 720, 840, 960, 1200, 1440])
        begin = dt.datetime.combine(day, start)
        end = begin + dt.timedelta(minutes=minutes)
        officers = rng.choice([1, 1, 2, 3, 4, 5, 8, 10, 15, 16, 20, 30, 31, 40])
        line = {
            "date": day, "start": start, "end": end.time(), "officers": officers,
            "vehicles": rng.choice([None, 0, 1, 2, officers]) if a.spec.vehicles else None,
            "priority": priority,
        }
        try:
            _engine(a, None, None, line)
        except InputError:                   # a time in the spring gap, or more vehicles than positions
            continue
        return line


def _shift(line: dict) -> Shift:
    start = dt.datetime.combine(line["date"], line["start"])
    end = dt.datetime.combine(line["date"] + dt.timedelta(days=line["end"] <= line["start"]), line["end"])
    return Shift(start, end, line["officers"], line["vehicles"] or 0)


def _engine(a, job_type, requested, line, job=None):
    """One line priced alone: with the job's customer class and facts, which may set its rates."""
    priority = a.spec.tiers[line["priority"]].label if line["priority"] else None
    return quote(a, Request((_shift(line),), job_type=job_type, requested_at=requested, priority=priority,
                            customer=job and job["customer"], facts=job and job["facts"]))


def _charges(q) -> Decimal:
    """A quote's total before the fees added on top: what its shift line shows."""
    return sum((line.amount for line in q.lines if line.role != FEE), Decimal(0))


def _jobs(name: str) -> list[dict]:
    a = agency(name)
    rng = random.Random(f"parity-{name}")
    choices = [k for k, t in a.spec.tiers.items() if t.selectable]
    jobs = []
    for n in range(_workbooks(name)):
        job_type = list(a.spec.job_types)[n % len(a.spec.job_types)]
        priority = rng.choice([None, *choices]) if choices else None
        few_days = n % 2 or name in KIND_AGENCIES  # a rule kind's tiers need shifts near the request time
        around = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 700)) if few_days else None
        holidays = sorted(d for y in (2026, 2027) for d in a.calendar.year(y))
        if name in KIND_AGENCIES and holidays and n % 2 == 0:
            partial = [d for d in holidays if a.calendar.starts(d)]  # holidays that start partway through the day
            around = rng.choice(partial if partial and n == 2 else holidays) - dt.timedelta(days=1)
        lines = [_line(rng, a, i, priority, around) for i in range(workbook.LINES)]
        first = dt.datetime.combine(lines[0]["date"], lines[0]["start"])
        requested = None if n % 4 == 3 else first - dt.timedelta(hours=rng.choice([-30, 2, 9, 20, 30, 47, 49, 80, 24 * 20]))
        if name in KIND_AGENCIES and n == 1:  # late in the evening before the event's first day
            requested = dt.datetime.combine(around - dt.timedelta(days=1), dt.time(23, 0))
        if a.spec.lead_time and a.spec.lead_time.refused and requested is not None:  # a late request is refused
            requested = min(dt.datetime.combine(l["date"], l["start"]) for l in lines) - dt.timedelta(days=30)
        reasons = [r.label for r in a.spec.cancellation.reasons.values()] if a.spec.cancellation else []
        classes = [c.label for c in a.spec.customer_classes.values()]
        # Where a class sets a rate, not only on alternate jobs: job types alternate too, and each needs both.
        by_customer = any(isinstance(c, CustomerTrigger) for _, c in walk(a.spec))
        job = {"agency": name, "job_type": job_type, "requested": requested, "priority": priority, "lines": lines,
               "reason": rng.choice([None, *reasons]) if reasons else None,
               "customer": [None, *classes][(n // 2 if by_customer else n) % (len(classes) + 1)] if classes else None,
               "facts": _facts(rng, a) if a.spec.facts and n % 3 == 0 else None}  # the other jobs: the facts' defaults
        while True:
            job["cancelled"] = first + dt.timedelta(minutes=15 * rng.randrange(-4 * 80, 4 * 80))
            running = [s for s in map(_shift, lines) if s.start < job["cancelled"] < s.end]
            job["worked"] = Decimal(rng.randrange(0, 9)) / 4 if running and rng.random() < 0.7 else None
            try:
                _charge(a, job)
            except InputError:               # a cancellation time the clock change makes ambiguous or impossible
                continue
            break
        jobs.append(job)
    return jobs


def _facts(rng: random.Random, a) -> dict:
    """Facts for a job: each declared fact given a value of its kind (a count around its conditions' thresholds)."""
    values = {"yes_no": lambda f: rng.choice([True, False]), "count": lambda f: rng.choice([0, 400, 999, 1000, 2500, 3001]),
              "choice": lambda f: rng.choice(f.choices)}
    return {name: values[f.kind](f) for name, f in a.spec.facts.items()}


def _request(a, job) -> Request:
    priority = a.spec.tiers[job["priority"]].label if job["priority"] else None
    return Request(tuple(map(_shift, job["lines"])), job_type=job["job_type"], requested_at=job["requested"], priority=priority,
                   customer=job["customer"], facts=job["facts"])


def _charge(a, job):
    return cancellation_charge(a, _request(a, job), job["cancelled"], hours_worked=job["worked"], reason=job["reason"])


def _fill(job: dict, path: Path) -> None:
    a = agency(job["agency"])
    builder = workbook.Builder(a)
    wb = load_workbook(path)
    ws = wb["Quote"]
    ws["C6"] = a.spec.job_types[job["job_type"]].label
    if job["requested"] is not None:
        ws["C7"] = job["requested"]
    ws["C10"] = job["cancelled"]
    if job["worked"] is not None:
        ws["C11"] = float(job["worked"])
    if job["reason"] is not None:
        ws["C12"] = job["reason"]
    if job["customer"] is not None:
        ws[builder.customer_cell] = job["customer"]
    for fact, value in (job["facts"] or {}).items():
        ws[builder.fact_cells[fact]] = ("Yes" if value else "No") if isinstance(value, bool) else value
    for i, line in enumerate(job["lines"]):
        row = workbook.FIRST + i
        for key, value in line.items():
            if key == "priority" and value:
                value = a.spec.tiers[value].label
            if value is not None and key in builder.inputs:
                ws[f"{builder.inputs[key]}{row}"] = value
    wb.save(path)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    if libreoffice.soffice() is None:
        pytest.fail("LibreOffice is not installed: the README's test command installs it")
    built = tmp_path_factory.mktemp("built")
    filled = tmp_path_factory.mktemp("filled")
    jobs, paths = [], []
    for name in PARITY:
        template = workbook.build(agency(name), built)
        for n, job in enumerate(_jobs(name)):
            path = filled / f"{name}-{n}.xlsx"
            path.write_bytes(template.read_bytes())
            _fill(job, path)
            jobs.append(job)
            paths.append(path)
    outputs = libreoffice.convert(paths, tmp_path_factory.mktemp("recalculated"))
    return list(zip(jobs, outputs))


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("name", PARITY)
def test_every_line_and_total_equals_the_engine(recalculated, name):
    a = agency(name)
    builder = workbook.Builder(a)
    amount_col = builder.inputs["amount"]
    checked = 0
    for job, path in ((j, p) for j, p in recalculated if j["agency"] == name):
        ws = load_workbook(path, data_only=True)["Quote"]
        whole = quote(a, _request(a, job))
        for i, line in enumerate(job["lines"]):
            expected = sum((l.amount for l in whole.lines if l.shift == i + 1 and l.role != FEE), Decimal(0))
            got = ws[f"{amount_col}{workbook.FIRST + i}"].value
            assert _money(got) == expected, (path.name, i + 1, line, got, expected)
            shift = whole.shifts[i]  # and the line's other figures: its real hours and its supervisors
            row = workbook.FIRST + i
            assert round(Decimal(str(ws[f"{builder.inputs['hours']}{row}"].value)) * 3600) == shift.seconds, (path.name, i + 1)
            base = a.base_role
            assert ws[f"{builder.inputs['supervisors']}{row}"].value == sum(n for r, n in shift.positions if r != base), (path.name, i + 1)
            first = next((l for l in whole.lines if l.shift == i + 1 and l.role == base and not l.premium), None)
            if first is not None and first.tier != FLAT:  # the tier the shift starts in: its officers' first line's
                assert ws[f"{builder.inputs['tier']}{row}"].value == a.tier_label(first.tier), (path.name, i + 1)
            # hours billed to an officer without a vehicle, by the job type's or the job's or shift's own billing
            flat = a.job(whole.job_type).flat_price is not None
            if all(rule.on_job for rule in a.spec.billing_when):  # else only the shift's context can tell
                assert shift.billed == (shift.seconds if flat else a.billed_seconds(shift.seconds, whole.job_type, whole.job))
            assert round(Decimal(str(ws[f"{builder.inputs['billed']}{row}"].value)) * 3600) == shift.billed, (path.name, i + 1)
            checked += 1
        if not a.job_wide:  # each line priced alone comes to the same as the job
            assert sum(_charges(_engine(a, job["job_type"], job["requested"], l, job)) for l in job["lines"]) == _charges(whole)
        assert _money(ws[f"{amount_col}{builder.charges_row}"].value) == _charges(whole)
        assert _money(ws[f"{amount_col}{builder.total_row}"].value) == whole.total, (path.name, job["customer"])
        label_col = get_column_letter(column_index_from_string(amount_col) - 1)
        fees = [(ws[f"{label_col}{r}"].value, _money(ws[f"{amount_col}{r}"].value))
                for r in range(builder.charges_row + 1, builder.total_row)]
        owed = {l.tier: (l.label, l.amount) for l in whole.lines if l.role == FEE}  # a fee not owed: 0.00 on its row
        assert fees == [owed.get(key, (fee.label, Decimal("0.00"))) for key, fee in a.spec.fees.items()], path.name
    assert checked == _workbooks(name) * workbook.LINES


@pytest.mark.parametrize("name", KIND_AGENCIES)
def test_the_generated_lines_reach_every_tier_premium_and_vehicle_charge_of_a_rule_kind(name):
    a = agency(name)
    reached = {line.tier for job in _jobs(name) for l in job["lines"]
               for line in _engine(a, job["job_type"], job["requested"], l, job).lines}
    charged_vehicles = a.spec.vehicles is not None and a.spec.vehicles.basis not in ("officer_time", "unpublished", "no_charge")
    flat = {FLAT} if any(j.flat_price for j in a.spec.job_types.values()) else set()
    expected = set(a.spec.tiers) | set(a.spec.premiums) | set(a.spec.fees) | flat
    assert reached == expected | ({""} if charged_vehicles else set())  # "": a vehicle
    across = [s for job in _jobs(name) for s in map(_shift, job["lines"])
              if a.calendar.starts(s.start.date()) and s.start.time() < a.calendar.starts(s.start.date()) < s.end.time()]
    assert across or not a.calendar.partial  # a line starts before a partial holiday and runs into it


@pytest.mark.parametrize("name", PARITY)
def test_every_cancellation_charge_equals_the_engine(recalculated, name):
    a = agency(name)
    cols = workbook.Builder(a).inputs
    windows = set()
    for job, path in ((j, p) for j, p in recalculated if j["agency"] == name):
        ws = load_workbook(path, data_only=True)["Quote"]
        charge = _charge(a, job)
        total_row = workbook.Builder(a).total_row
        assert _money(ws[f"{cols['charge']}{total_row}"].value) == charge.high, (path.name, charge.rule)
        low = ws[f"{cols['charge']}{total_row + 1}"].value
        assert (_money(low) if low not in (None, "") else charge.high) == charge.low, path.name
        for i in range(workbook.LINES):
            part = sum((l.high for l in charge.lines if l.shift == i + 1), Decimal(0))
            assert _money(ws[f"{cols['charge']}{workbook.FIRST + i}"].value) == part, (path.name, i + 1, charge.rule)
        windows.add(charge.rule)
    assert len(windows) >= (2 if a.spec.cancellation else 1)


def test_no_cell_anywhere_holds_an_error(recalculated):
    for job, path in recalculated:
        wb = load_workbook(path, data_only=True)
        bad = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith(ERRORS)]
        assert not bad, (path.name, bad[:5])


def test_warnings_follow_the_engine(recalculated):
    """A warning shows in the workbook exactly when the engine gives it for the job."""
    texts = {"short_lead_time": "requested with less notice than", "unpublished_rate": "cannot be priced",
             "vehicle_required": "Vehicles are required", "priority_below_required": "higher rate than the priority"}
    for job, path in recalculated:
        a = agency(job["agency"])
        ws = load_workbook(path, data_only=True)["Quote"]
        column = [str(ws[f"A{r}"].value or "") for r in range(workbook.FIRST + workbook.LINES, ws.max_row + 1)]
        shown = " ".join(column[column.index("Warnings"):column.index("Notes")])
        codes = {w.code for w in quote(a, _request(a, job)).warnings}
        for code, words in texts.items():
            assert (words in shown) == (code in codes), (path.name, code)
        permit = a.spec.job_types[job["job_type"]].permit
        assert (permit is not None and permit in shown) == ("permit_required" in codes), path.name


def test_a_shift_before_the_newest_schedule_is_warned_of(tmp_path):
    """The workbook holds the newest schedule's rules; a shift dated before it says so (the engine prices it apart)."""
    a = agency("bay-harbor-islands-fl")
    cols = workbook.Builder(a).inputs
    (tmp_path / "built").mkdir()
    paths = []
    for n, day in enumerate([dt.date(2025, 12, 10), dt.date(2025, 12, 17)]):
        path = tmp_path / f"bay-{n}.xlsx"
        path.write_bytes(workbook.build(a, tmp_path / "built").read_bytes())
        wb = load_workbook(path)
        ws = wb["Quote"]
        for key, value in (("date", day), ("start", dt.time(9)), ("end", dt.time(13)), ("officers", 1)):
            ws[f"{cols[key]}{workbook.FIRST}"] = value
        wb.save(path)
        paths.append(path)
    warned = []
    for path in libreoffice.convert(paths, tmp_path / "out"):
        ws = load_workbook(path, data_only=True)["Quote"]
        shown = " ".join(str(ws[f"A{r}"].value or "") for r in range(workbook.FIRST + workbook.LINES, ws.max_row + 1))
        warned.append("starts before 17 December 2025" in shown)
    assert warned == [True, False]


def test_one_line_per_rate_and_the_cancellation_limit_in_the_workbook(tmp_path):
    """The workbook rounds the hours of one rate once (RULES 20) and never charges a cancellation above the quote
    (RULES 18), as the engine does: Sherman, whose short-notice and holiday rates are both $50.00 and whose
    cancellation inside 24 hours is 3 hours per position, whatever the shift's length."""
    a = agency("sherman-tx")
    cols = workbook.Builder(a).inputs
    cases = [  # (date, start, end, requested, cancelled, quote, charge)
        (dt.date(2026, 12, 24), dt.time(23, 1), dt.time(0, 59), dt.datetime(2026, 12, 24, 20), None, "98.33", None),
        (dt.date(2026, 9, 16), dt.time(20, 30), dt.time(21, 15), None, dt.datetime(2026, 9, 16, 12), "33.75", "33.75"),
    ]
    (tmp_path / "built").mkdir()
    template = workbook.build(a, tmp_path / "built")
    paths = []
    for n, (day, start, end, requested, cancelled, _, _) in enumerate(cases):
        path = tmp_path / f"sherman-{n}.xlsx"
        path.write_bytes(template.read_bytes())
        wb = load_workbook(path)
        ws = wb["Quote"]
        for key, value in (("date", day), ("start", start), ("end", end), ("officers", 1)):
            ws[f"{cols[key]}{workbook.FIRST}"] = value
        if requested:
            ws["C7"] = requested
        if cancelled:
            ws["C10"] = cancelled
        wb.save(path)
        paths.append(path)
    builder = workbook.Builder(a)
    for case, path in zip(cases, libreoffice.convert(paths, tmp_path / "out")):
        day, start, end, requested, cancelled, total, charge = case
        ws = load_workbook(path, data_only=True)["Quote"]
        shift = Shift(dt.datetime.combine(day, start), dt.datetime.combine(day + dt.timedelta(days=end < start), end), 1)
        request = Request((shift,), requested_at=requested)
        assert _money(ws[f"{cols['amount']}{builder.total_row}"].value) == quote(a, request).total == Decimal(total)
        if cancelled:
            engine = cancellation_charge(a, request, cancelled)
            assert _money(ws[f"{cols['charge']}{builder.total_row}"].value) == engine.charge == Decimal(charge)


TRUST = [  # (case, agency, job-wide cells, shift lines as {input: value})
    ("clean", "tucson-az", {"C7": dt.datetime(2026, 11, 1, 9)},
     [{"date": dt.date(2026, 11, 18), "start": dt.time(8), "end": dt.time(16), "officers": 5}, {},
      {"date": dt.date(2026, 11, 19), "start": dt.time(8), "end": dt.time(12), "officers": 2}]),
    ("incomplete", "hartford-ct", {}, [{"date": dt.date(2026, 11, 18), "start": dt.time(7), "end": dt.time(15), "officers": 31}]),
    ("fraction", "casa-grande-az", {}, [{"date": dt.date(2026, 11, 18), "start": dt.time(9), "end": dt.time(13), "officers": 2.5}]),
    ("text date", "tucson-az", {}, [{"date": "12/24/2026", "start": dt.time(18), "end": dt.time(22), "officers": 1}]),
    ("text time", "tucson-az", {}, [{"date": dt.date(2026, 12, 24), "start": "6pm", "end": dt.time(22), "officers": 1}]),
    ("no officers", "tucson-az", {}, [{"date": dt.date(2026, 12, 24), "start": dt.time(18), "end": dt.time(22), "officers": 0}]),
    ("too late", "tucson-az", {}, [{"date": dt.date(2037, 1, 2), "start": dt.time(18), "end": dt.time(22), "officers": 1}]),
    ("negative", "tucson-az", {}, [{"date": dt.date(2026, 12, 24), "start": dt.time(18), "end": dt.time(22), "officers": 2, "vehicles": -1}]),
    ("too many", "tucson-az", {}, [{"date": dt.date(2026, 12, 24), "start": dt.time(18), "end": dt.time(22), "officers": 2, "vehicles": 3}]),
    ("text request", "tucson-az", {"C7": "tomorrow"},
     [{"date": dt.date(2026, 12, 24), "start": dt.time(18), "end": dt.time(22), "officers": 1}]),
    ("cancelled first", "tucson-az", {"C7": dt.datetime(2026, 12, 1, 9), "C10": dt.datetime(2026, 11, 1, 9)},
     [{"date": dt.date(2026, 12, 24), "start": dt.time(18), "end": dt.time(22), "officers": 1}]),
]


@pytest.fixture(scope="module")
def trusted(tmp_path_factory):
    """The TRUST cases filled in and recalculated by LibreOffice: case → (the Quote sheet's values, the builder)."""
    built, paths = tmp_path_factory.mktemp("trust-built"), []
    for case, name, cells, lines in TRUST:
        builder = workbook.Builder(agency(name))
        path = tmp_path_factory.mktemp("trust") / f"{name}-{case.replace(' ', '-')}.xlsx"
        path.write_bytes(workbook.build(agency(name), built).read_bytes())
        wb = load_workbook(path)
        ws = wb["Quote"]
        for cell, value in cells.items():
            ws[cell] = value
        for i, line in enumerate(lines):
            for key, value in line.items():
                ws[f"{builder.inputs[key]}{workbook.FIRST + i}"] = value
        wb.save(path)
        paths.append(path)
    out = libreoffice.convert(paths, tmp_path_factory.mktemp("trust-out"))
    return {case: (load_workbook(p, data_only=True)["Quote"], workbook.Builder(agency(name)))
            for (case, name, _, _), p in zip(TRUST, out)}


def _headline(ws, builder) -> tuple:
    """(the headline's label, its figure, the red line under it, the total row's label and figure)."""
    label = get_column_letter(column_index_from_string(builder.inputs["amount"]) - 2)
    total_label = get_column_letter(column_index_from_string(builder.inputs["amount"]) - 1)
    amount = builder.inputs["amount"]
    return (ws[f"{label}4"].value, ws[f"{amount}4"].value, ws[f"{label}8"].value,
            ws[f"{total_label}{builder.total_row}"].value, ws[f"{amount}{builder.total_row}"].value)


def test_a_clean_quote_has_no_warning_flag_and_counts_supervisors_as_the_agency_does(trusted):
    ws, b = trusted["clean"]
    a = agency("tucson-az")
    q = quote(a, Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), 5), Shift(D("2026-11-19T08:00"), D("2026-11-19T12:00"), 2)),
                         requested_at=D("2026-11-01T09:00")))
    assert q.warnings == ()
    assert _headline(ws, b) == ("Quote total", float(q.total), None, "Total", float(q.total))
    sup = b.inputs["supervisors"]
    assert ws[f"{sup}{workbook.FIRST - 1}"].value == "Supervisors among them"  # Tucson's sergeant is one of the five
    assert [ws[f"{sup}{workbook.FIRST + i}"].value for i in range(3)] == [1, None, 0]
    assert dict(q.shifts[0].positions) == {"sergeant": 1, "officer": 4}


def test_an_incomplete_quote_says_so_beside_its_total(trusted):
    ws, b = trusted["incomplete"]
    q = quote(agency("hartford-ct"), Request((Shift(D("2026-11-18T07:00"), D("2026-11-18T15:00"), 31),)))
    assert not q.complete
    assert _headline(ws, b) == ("Quote total (incomplete)", float(q.total), "See the warnings under the shifts.",
                                "Total (incomplete)", float(q.total))


@pytest.mark.parametrize("case, message, refused", [
    ("fraction", "Officers: whole, 1 to 1,000", "officers must be a whole number from 1 to 1,000, not 2.5"),
    ("text date", "Date: such as 2026-12-24", None),
    ("text time", "Start: such as 18:00", None),
    ("no officers", "Officers: whole, 1 to 1,000", "officers must be a whole number from 1 to 1,000, not 0"),
    ("too late", "Date: 2025 to 2036 only", None),
    ("negative", "Vehicles: whole, 0 to 1,000", None),
    ("too many", "Vehicles: ≤ 1 per position", None),
])
def test_a_line_the_engine_would_refuse_says_why_and_the_quote_is_not_priced(trusted, case, message, refused):
    ws, b = trusted[case]
    assert ws[f"{b.inputs['tier']}{workbook.FIRST}"].value == message
    assert ws[f"{b.inputs['amount']}{workbook.FIRST}"].value is None
    assert _headline(ws, b)[1:] == ("cannot be priced", "A shift line cannot be priced: see its Rate tier.", "Total", "cannot be priced")
    if refused:  # the engine's own refusal of the same line
        a = agency(dict((c, n) for c, n, _, _ in TRUST)[case])
        officers = 2.5 if case == "fraction" else 0
        with pytest.raises(InputError, match=refused):
            quote(a, Request((Shift(D("2026-11-18T09:00"), D("2026-11-18T13:00"), officers),)))


def test_a_request_time_that_is_not_a_time_is_refused_not_ignored(trusted):
    ws, b = trusted["text request"]
    assert _headline(ws, b)[1:3] == ("cannot be priced", workbook.WORDS["requested"])


def test_a_cancellation_before_the_request_is_refused_as_the_engine_does(trusted):
    ws, b = trusted["cancelled first"]
    assert ws[f"{b.inputs['charge']}{b.total_row}"].value == "cannot be priced"
    assert _headline(ws, b)[2] == workbook.WORDS["before"]
    request = Request((Shift(D("2026-12-24T18:00"), D("2026-12-24T22:00"), 1),), requested_at=D("2026-12-01T09:00"))
    with pytest.raises(InputError, match="before it was requested"):
        cancellation_charge(agency("tucson-az"), request, D("2026-11-01T09:00"))
