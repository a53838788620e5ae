"""What-if rate changes: an agency's hourly rates raised by a percentage from a date, as a later schedule of its own.

A change is not new pricing logic: it is a derived schedule built from the agency's
own rules with each rate row's rate (and its own overtime rate) scaled to the cent,
in force from the change's date, exactly as a `NAME+YYYY-MM-DD.toml` file beside
the agency's would be (`Agency.schedule_at`). The engine then prices each job by
the schedule in force on the day it starts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from . import money
from .agency import Agency
from .errors import InputError, UnknownAgency, shown
from .loader import Library, semantic_problems
from .rules.rates import RateRow, RateTable

_FORM = re.compile(r"\s*(?P<agency>[^:@%]+?)\s*:\s*(?P<percent>[+-]?\d+(?:\.\d+)?)\s*%\s*@\s*(?P<day>\S+)\s*")
EXAMPLE = "tucson-az:+4%@2027-07-01"
LOWEST = Decimal(-100)  # a cut of 100% or more would leave no rate


class RateChange(NamedTuple):
    """An agency's hourly rates raised by `percent` for jobs starting on or after `effective`."""

    agency: str
    percent: Decimal
    effective: dt.date


def parse(text: str, library: Library) -> RateChange:
    """A change as typed, AGENCY:+4%@2027-07-01; an unknown agency is refused with the nearest name."""
    found = _FORM.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise InputError(f"--rate-change {shown(text)} is not AGENCY:PERCENT%@DATE, such as {EXAMPLE}")
    percent = Decimal(found["percent"])
    if percent <= LOWEST:
        raise InputError(f"--rate-change {shown(text)}: a change must leave a rate above 0, so more than -100%")
    try:
        day = dt.date.fromisoformat(found["day"])
    except ValueError:
        raise InputError(f"--rate-change {shown(text)}: {shown(found['day'])} is not a date such as 2027-07-01") from None
    try:
        agency = library.get(found["agency"])
    except UnknownAgency as exc:
        raise UnknownAgency(f"--rate-change {shown(text)}: {exc}") from None
    return RateChange(agency.key, percent, day)


def changed(agency: Agency, changes: Iterable[RateChange]) -> Agency:
    """The agency with each of its changes (for it) as a later schedule, in date order, each on top of the earlier."""
    for change in sorted((c for c in changes if c.agency == agency.key), key=lambda c: c.effective):
        agency = _with_change(agency, change)
    return agency


def _with_change(agency: Agency, change: RateChange) -> Agency:
    """The agency's schedules up to the change, then the schedule in force on its date and every later one, scaled."""
    day, percent = change.effective, change.percent
    first = agency.schedules[0].spec.effective
    if first is not None and day < first:  # the change predates the agency's first schedule: every one is raised
        before, scaled = [], [_scaled(s, percent, s.spec.effective) for s in agency.schedules]
    else:
        before = [s for s in agency.schedules if s.spec.effective is None or s.spec.effective < day]
        later = [s for s in agency.schedules if s.spec.effective is not None and s.spec.effective > day]
        scaled = [_scaled(agency.schedule_at(day), percent, day)] + [_scaled(s, percent, s.spec.effective) for s in later]
    schedules = before + scaled
    return schedules[-1].with_earlier(tuple(schedules[:-1]))


def _scaled(schedule: Agency, percent: Decimal, effective: dt.date) -> Agency:
    """One schedule with every rate row's rate and own overtime rate raised by `percent`, to the cent, from `effective`.

    A rate the page gives as a multiple of another tier's ("time and one-half") stays that multiple of the raised rate.
    """
    spec = schedule.spec
    factor = 1 + percent / 100
    raised: dict[tuple[str, str, str], Decimal] = {}  # (role, job type, tier) → its raised rate, for multiples
    for table in spec.rate_tables:
        for row in table.rows:
            if row.multiple_of is None:
                for job in row.job_types or table.job_types or spec.job_types:
                    for role in row.roles:
                        raised[(role, job, row.tier)] = money.cents(row.rate * factor)
    tables = [table.model_copy(update={"rows": [_row(row, table, spec, factor, raised) for row in table.rows]})
              for table in spec.rate_tables]
    new = spec.model_copy(update={"rate_tables": tables, "effective": effective})
    problems = semantic_problems(new, f"{schedule.key} raised {percent}%")
    if problems:  # the change broke a rule of the file (a pay above its rate, a multiple that does not hold)
        raise InputError(f"a {percent}% change of {spec.short_name}'s rates breaks its file: {problems[0]}")
    return Agency.build(schedule.key, new, schedule.source)


def _row(row: RateRow, table: RateTable, spec, factor: Decimal, raised: dict[tuple[str, str, str], Decimal]) -> RateRow:
    """A rate row raised: its own rate and overtime by the factor, or a multiple of its base's raised rate."""
    if row.multiple_of is not None:
        job = (row.job_types or table.job_types or list(spec.job_types))[0]
        rate = money.cents(raised[(row.roles[0], job, row.multiple_of)] * row.times)
    else:
        rate = money.cents(row.rate * factor)
    overtime = None if row.overtime is None else money.cents(row.overtime * factor)
    return row.model_copy(update={"rate": rate, "overtime": overtime})


def words(change: RateChange, agency: Agency) -> str:
    """What the what-if assumed, in words, for the budget's notes."""
    how = "raised" if change.percent >= 0 else "lowered"
    return (f"What-if: {agency.spec.short_name}'s hourly rates {how} {abs(change.percent)}% for jobs starting on or after "
            f"{change.effective.day} {change.effective:%B %Y}, as a later schedule built from its own rules in force then: each rate row's "
            "rate and its own overtime rate scaled and rounded half-up to the cent (a rate published as a multiple of "
            "another stays that multiple). Flat prices, vehicle charges, fixed overtime rates and caps, premiums in "
            "dollars and fees in dollars stay as published; overtime and fees worked out as a percentage follow the rates.")
