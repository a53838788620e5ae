"""A season of events priced as a budget: `detailquote budget` and `detailquote.budget`.

An events file has one event a row: its name, agency, clock times, officers and
the job options `batch` takes, and when it recurs (a `dates` list, or an `rrule`
read by `recurrence`). Each occurrence is one job priced by the engine with the
schedule in force on its date; a `--rate-change` is a later schedule of the
agency's own (`rate_changes`). Totals are exact Decimal sums of the engine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from . import cells, money
from .agency import Agency
from .cells import Cell
from .engine import Quote, quote
from .errors import InputError, message, shown
from .job_rows import agency as agency_named, request
from .job_tables import dict_rows, header, read_file, tiers
from .loader import Library, default_library
from .rate_changes import RateChange, changed, parse as parse_change, words as change_words
from .recurrence import listed_dates, rule_dates
from .rules.conditions import TIMED

EVENT_COLUMNS = ("event", "agency", "start", "end", "officers", "job_type", "vehicles", "priority", "customer", "facts",
                 "requested", "dates", "rrule", "first", "dtstart", "until", "count")
REQUIRED = ("event", "agency", "start", "end", "officers")
LINE_COLUMNS = ("date", "event", "agency", "total", "complete", "holiday", "short_notice", "tiers", "warnings", "error")
_OPTIONS = ("officers", "job_type", "requested", "vehicles", "priority", "customer", "facts")  # job_rows.request's order


class Event(NamedTuple):
    """One row of the events file: what the job is, and the dates of the season it happens on."""

    row: int
    name: str
    agency: Agency  # with any rate changes as its later schedules
    start: dt.time
    end: dt.time  # at or before the start: the next day
    options: tuple[Cell, ...]  # the row's cells in _OPTIONS order
    dates: tuple[dt.date, ...]


class JobLine(NamedTuple):
    """One occurrence priced: the engine's total, or why it cannot be priced."""

    date: dt.date
    event: str
    agency: str
    total: Decimal | None
    complete: bool | None
    holiday: str  # the agency's holiday the job falls on, if any
    short_notice: bool | None  # a short-notice rate or lead-time warning; None without a request time
    tiers: str
    warnings: str
    error: str | None


class Total(NamedTuple):
    """The jobs in one group and the sum of their totals (jobs that could not be priced are left out)."""

    jobs: int
    total: Decimal


@dataclass
class Budget:
    """A season's job lines, with their totals by month, agency and event, the exposure and what was assumed."""

    lines: list[JobLine]
    season: tuple[dt.date | None, dt.date | None]  # --from and --to, as given
    notes: list[str] = field(default_factory=list)
    requested: bool = False  # whether any event gave a request time (short notice is judged only then)

    @property
    def priced(self) -> list[JobLine]:
        return [line for line in self.lines if line.total is not None]

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.priced), money.ZERO)

    def by(self, key) -> dict[Any, Total]:
        """The priced lines grouped by `key(line)`, in order of first appearance (lines are in date order)."""
        groups: dict[Any, Total] = {}
        for line in self.priced:
            jobs, total = groups.get(key(line), Total(0, money.ZERO))
            groups[key(line)] = Total(jobs + 1, total + line.total)
        return groups

    def by_month(self) -> dict[str, Total]:
        return self.by(lambda line: f"{line.date:%Y-%m}")

    def by_agency(self) -> dict[str, Total]:
        return dict(sorted(self.by(lambda line: line.agency).items()))

    def by_event(self) -> dict[tuple[str, str], Total]:
        return self.by(lambda line: (line.event, line.agency))

    def holidays(self) -> Total:
        return _count(line for line in self.priced if line.holiday)

    def short_notice(self) -> Total | None:
        return _count(line for line in self.priced if line.short_notice) if self.requested else None

    @property
    def failed(self) -> int:
        return sum(line.error is not None for line in self.lines)


def _count(lines: Iterable[JobLine]) -> Total:
    lines = list(lines)
    return Total(len(lines), sum((line.total for line in lines), money.ZERO))


# --- reading the events ----------------------------------------------------------------------------

def events(rows: Iterable[tuple[int, list[Cell]]], library: Library, season: tuple[dt.date | None, dt.date | None],
           what: str = "the events") -> list[Event]:
    """The events of the rows, the first of which names the columns; every problem of a row names its row."""
    rows = iter(rows)
    names = header(rows, EVENT_COLUMNS, (*REQUIRED, "dates or rrule"), what, "event")
    if "first" in names and "dtstart" in names:
        raise InputError(f"the header row of {what} names both first and dtstart: they are one column")
    at = {name: i for i, name in enumerate(names) if name}
    found = []
    for number, row in rows:
        if all(cells.blank(v) for v in row):
            continue
        values = {name: row[i] if i < len(row) else None for name, i in at.items()}
        try:
            found.append(_event(number, values, library, season))
        except InputError as exc:
            raise InputError(f"row {number}: {exc}") from None
    return found


def _event(number: int, values: dict[str, Cell], library: Library, season) -> Event:
    name = cells.name(cells.required(values["event"], "event", "the event's name"), "event")
    agency = agency_named(values["agency"], library)
    start, end = cells.clock_time(values["start"], "start"), cells.clock_time(values["end"], "end")
    dates = set(listed_dates(values.get("dates"), "dates"))
    low, high = season
    dates = {d for d in dates if (low is None or d >= low) and (high is None or d <= high)}
    rule = values.get("rrule")
    if not cells.blank(rule):
        first = cells.day(values.get("first", values.get("dtstart")), "first")
        count = cells.count(values.get("count"), "count", low=1)
        dates.update(rule_dates(rule, first, cells.day(values.get("until"), "until"), count, season, "rrule"))
    elif cells.blank(values.get("dates")):
        raise InputError(f"event {shown(name)} has neither dates nor an rrule: give the dates it happens on")
    options = tuple(values.get(option) for option in _OPTIONS)
    event = Event(number, name, agency, start, end, options, tuple(sorted(dates)))
    if event.dates:
        job_request(event, event.dates[0])  # a bad count or time is the row's error, not every job's
    return event


def job_request(event: Event, day: dt.date):
    """The Request of the event on `day`: one shift, ending the next day when its end is at or before its start."""
    start = dt.datetime.combine(day, event.start)
    end = dt.datetime.combine(day if event.end > event.start else day + dt.timedelta(days=1), event.end)
    officers, *options = event.options
    return request(event.agency, start, end, officers, *options)


# --- pricing -------------------------------------------------------------------------------------------

def line(event: Event, day: dt.date) -> JobLine:
    """The event on `day` priced by the engine; an error becomes the line's message."""
    requested = not cells.blank(event.options[_OPTIONS.index("requested")])
    try:
        job = job_request(event, day)
        q = quote(event.agency, job)
    except Exception as exc:  # each job answers for itself; the others still price
        return JobLine(day, event.name, event.agency.key, None, None, "", None, "", "", message(exc))
    return JobLine(day, event.name, q.agency, q.total, q.complete, holiday(event.agency, job.shifts[0]),
                   short_notice(event.agency.schedule_at(day), q) if requested else None, tiers(q),
                   " ".join(w.message for w in q.warnings), None)


def holiday(agency: Agency, shift) -> str:
    """The name of the agency's holiday any hour of the shift falls on (its own list, by the schedule in force), or ''."""
    last = (shift.end - dt.timedelta(seconds=1)).date()
    days = [shift.start.date()] + ([last] if last != shift.start.date() else [])
    return "; ".join(name for day in days if (name := agency.schedule_at(day).calendar.name(day)))


def short_notice(schedule: Agency, q: Quote) -> bool:
    """Whether short notice cost or warned: a line at a short-notice tier, or the agency's lead-time warning."""
    timed = {key for key, tier in schedule.spec.tiers.items() if any(isinstance(c, TIMED) for c in tier.conditions)}
    return any(l.tier in timed for l in q.lines) or any(w.code == "short_lead_time" for w in q.warnings)


def price(found: Sequence[Event], season: tuple[dt.date | None, dt.date | None], notes: Sequence[str] = ()) -> Budget:
    """Every occurrence of every event priced, in date order (events in file order within a day)."""
    lines = [line(event, day) for day, _, event in sorted((d, i, e) for i, e in enumerate(found) for d in e.dates)]
    requested = any(not cells.blank(e.options[_OPTIONS.index("requested")]) for e in found)
    budget = Budget(lines, season, list(notes), requested)
    budget.notes += _notes(budget)
    return budget


def _notes(budget: Budget) -> list[str]:
    """What the totals assume, in words."""
    said = ["Each date of an event is priced as a job of its own, by the agency's schedule in force on that date; "
            "totals are the exact sums of the engine's totals, to the cent."]
    if not budget.requested:
        said.append("No request time was given (no requested column): each quote assumes enough notice, and the "
                    "short-notice exposure is not assessed.")
    if budget.failed:
        said.append(f"{budget.failed} job{'s' if budget.failed != 1 else ''} could not be priced and "
                    f"{'are' if budget.failed != 1 else 'is'} left out of the totals: see the error column.")
    incomplete = sum(line.complete is False for line in budget.lines)
    if incomplete:
        said.append(f"{incomplete} job{'s' if incomplete != 1 else ''} {'are' if incomplete != 1 else 'is'} incomplete: "
                    "a rate is not published, and the total leaves those positions out.")
    return said


# --- the faces -------------------------------------------------------------------------------------------

def season_bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The season's first and last dates, refused when the last is before the first."""
    if start is not None and end is not None and end < start:
        raise InputError(f"--to {end} is before --from {start}")
    return start, end


def plan(source: Iterable[tuple[int, list[Cell]]], library: Library, start: dt.date | None, end: dt.date | None,
         rate_changes: Iterable[str | RateChange] = (), what: str = "the events") -> Budget:
    """The budget of the events in `source` (a header row, then an event a row), with any what-if rate changes."""
    season = season_bounds(start, end)
    changes = [c if isinstance(c, RateChange) else parse_change(c, library) for c in rate_changes]
    found = events(source, library, season, what)
    agencies = {e.agency.key: e.agency for e in found}
    notes = []
    for key, agency in agencies.items():
        raised = changed(agency, changes)
        found = [e._replace(agency=raised) if e.agency.key == key else e for e in found]
    for change in changes:
        agency = library.get(change.agency)
        notes.append(change_words(change, agency) + ("" if change.agency in agencies else " No event of the file is theirs."))
    return price(found, season, notes)


def budget(events_in: Any, start: dt.date | None = None, end: dt.date | None = None,
           rate_changes: Iterable[str | RateChange] = (), library: Library | None = None) -> Budget:
    """Price a season of events: a path to a .csv or .xlsx events file, a pandas or Polars DataFrame, or dicts.

    Columns as for `detailquote budget` (event, agency, start, end, officers, the job options, dates or rrule);
    `start` and `end` bound the season; `rate_changes` are what-ifs as AGENCY:+4%@2027-07-01 or RateChange.
    Returns a Budget: its job lines, totals by month, agency and event, holiday and short-notice exposure, notes.
    """
    library = library or default_library()
    if isinstance(events_in, (str, Path)):
        rows, _ = read_file(Path(events_in), "events")
        return plan(rows, library, start, end, rate_changes, shown(str(events_in)))
    return plan(dict_rows(events_in), library, start, end, rate_changes, "the table")

