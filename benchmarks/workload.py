"""The benchmark's fixed workload: seeded jobs over every bundled agency.

Jobs come in orders: each order is one agency, one job type and one request
time, with single-shift jobs spread around it, so that the same jobs fill a
quote workbook (whose job type and request time are per workbook) as well as
rows of DETAIL_QUOTES. The mix covers holidays, midnight crossings, short
notice, minimum lifts, overtime, supervisors, vehicles and priorities, and a
tenth of the jobs are also cancelled.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.cells import datetime_to_serial
from detailquote.engine import Request, Shift, quote
from detailquote.errors import InputError
from detailquote.loader import SCHEDULE_MARK, bundled_dir

ORDER_SIZE = 250
FIRST_DAY = dt.date(2026, 1, 1)
DAYS = 730


@dataclass(frozen=True)
class Job:
    agency: str
    order: int
    shift: Shift
    job_type: str
    requested: dt.datetime
    priority: str | None            # the tier's label, as a customer types it
    cancelled: dt.datetime | None
    worked: Decimal | None

    def request(self) -> Request:
        return Request((self.shift,), job_type=self.job_type, requested_at=self.requested, priority=self.priority)

    def row(self, agency: Agency) -> list:
        """The job as a DETAIL_QUOTES row, the way Excel hands it over: serial dates, float counts."""
        return [
            self.agency, datetime_to_serial(self.shift.start), datetime_to_serial(self.shift.end),
            float(self.shift.officers), agency.spec.job_types[self.job_type].label,
            datetime_to_serial(self.requested), float(self.shift.vehicles) if agency.spec.vehicles else None,
            self.priority,
        ]


FILE_HEADER = ["job_id", "agency", "start", "end", "officers", "job_type", "requested", "vehicles", "priority"]


def file_row(job: Job, agency: Agency, job_id: str) -> list[str]:
    """The job as a row of a jobs file for `detailquote batch`: text as people type it, under FILE_HEADER."""
    return [
        job_id, job.agency, job.shift.start.isoformat(sep=" ", timespec="minutes"),
        job.shift.end.isoformat(sep=" ", timespec="minutes"), str(job.shift.officers),
        agency.spec.job_types[job.job_type].label, job.requested.isoformat(sep=" ", timespec="minutes"),
        str(job.shift.vehicles) if agency.spec.vehicles else "", job.priority or "",
    ]


def jobs(agencies: list[Agency], total: int = 10_000, seed: int = 2026) -> list[Job]:
    """`total` jobs, in orders of ORDER_SIZE, the orders dealt round the agencies in turn."""
    rng = random.Random(seed)
    out: list[Job] = []
    order = 0
    while len(out) < total:
        a = agencies[order % len(agencies)]
        out += _order(rng, a, order, min(ORDER_SIZE, total - len(out)))
        order += 1
    return out


def _order(rng: random.Random, a: Agency, order: int, size: int) -> list[Job]:
    job_types = list(a.spec.job_types)
    job_type = a.spec.default_job_type if order % 3 else rng.choice(job_types)
    requested = dt.datetime.combine(FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), dt.time(rng.randrange(8, 18)))
    holidays = [d for y in range(requested.year, requested.year + 3) for d in a.calendar.year(y) if d > requested.date()]
    choices = [t.label for t in a.spec.tiers.values() if t.selectable]
    out: list[Job] = []
    while len(out) < size:
        kind = rng.random()
        if kind < 0.15:                      # short notice: within three days of the request
            begin = requested + dt.timedelta(minutes=15 * rng.randrange(-8, 4 * 72))
        elif kind < 0.35 and holidays:       # on or the evening before a holiday
            day = rng.choice(holidays) - dt.timedelta(days=rng.choice([0, 0, 1]))
            begin = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.choice([0, 30])))
        else:
            begin = requested + dt.timedelta(days=rng.randrange(3, 400), minutes=15 * rng.randrange(96))
        minutes = rng.choice([60, 120, 180, 240, 300, 480, 480, 510, 600, 720, 840, 960])
        officers = rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 10, 12, 16, 20, 31, 40])
        vehicles = rng.choice([0, 0, 1, 2, officers]) if a.spec.vehicles else 0
        shift = Shift(begin, begin + dt.timedelta(minutes=minutes), officers, min(vehicles, officers))
        priority = rng.choice([None, *choices]) if choices else None
        cancelled = worked = None
        if rng.random() < 0.1:
            cancelled = begin - dt.timedelta(minutes=15 * rng.randrange(-8, 4 * 96))
            worked = Decimal(rng.randrange(0, 9)) / 4 if shift.start < cancelled < shift.end else None
        job = Job(a.key, order, shift, job_type, requested, priority, cancelled, worked)
        try:
            quote(a, job.request())
            if cancelled is not None:
                cancellation_charge(a, job.request(), cancelled, hours_worked=worked)
        except InputError:                   # a wall time the spring clock change skips
            continue
        out.append(job)
    return out


def agency_folder(folder: Path, count: int = 1_000) -> list[str]:
    """A folder of `count` agency files, the bundled ones copied in turn under new names: their names."""
    sources = sorted(p for p in bundled_dir().glob("*.toml") if SCHEDULE_MARK not in p.stem)
    names = []
    for i in range(count):
        source = sources[i % len(sources)]
        name = f"{source.stem}-{i:04d}"
        text = re.sub(r'^name = "(.*)"$', lambda m: f'name = "{m.group(1)} {i:04d}"', source.read_text(encoding="utf-8"),
                      count=1, flags=re.MULTILINE)  # each file's bytes differ, as different agencies' do
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
        names.append(name)
    return names
