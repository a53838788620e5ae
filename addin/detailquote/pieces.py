"""A shift cut into pieces: placed in real time, split at local midnights, where a partial holiday starts,
and at the edges of time bands. Each piece lies on one local date and is priced at one set of tiers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from . import clock, money
from .agency import Agency
from .errors import InputError
from .plan import Plan
from .quotes import MAX_SHIFT_HOURS, Shift
from .rules.conditions import ClockBand, Job


class Span(NamedTuple):
    """A shift placed in time: its instants, wall-clock ends, notes on the clock, and its pieces by local date."""

    start: dt.datetime
    end: dt.datetime
    walls: tuple[dt.datetime, dt.datetime]
    notes: tuple[str | None, str | None]
    days: list[tuple[dt.date, int]]
    early: list[bool] | None  # for each piece, whether it comes before a partial holiday that day starts
    seconds: int  # from start to end, as scheduled (`days` may run on past the end)


def span(agency: Agency, shift: Shift, index: int | None) -> Span:
    """Where `shift` falls: the instants it starts and ends, and its seconds on each local date."""
    start, first = clock.instant(shift.start, agency.zone, later=False)
    end, last = clock.instant(shift.end, agency.zone, later=True)
    seconds = int((end - start).total_seconds())
    if not 0 < seconds <= MAX_SHIFT_HOURS * 3600:
        refuse_length(index, seconds)
    walls = (
        shift.start if shift.start.tzinfo is None else clock.local(start, agency.zone),
        shift.end if shift.end.tzinfo is None else clock.local(end, agency.zone),
    )
    days = clock.split_days(start, end, agency.zone, walls, seconds)
    early = None
    if agency.calendar.partial:  # dates cut where a partial holiday starts
        days, early = partial_parts(agency, days, start)
    return Span(start, end, walls, (first, last), days, early, seconds)


def run_on(agency: Agency, placed: Span, job: Job) -> Span:
    """The shift as if it ran on past its end to the hours billed (hours_added = "run_on"): the pieces of that time
    added after its own, cut at midnight and where a partial holiday starts. Its start, end and walls stay."""
    seconds = placed.seconds
    if agency.job(job.job_type).flat_price is not None:
        return placed
    added = agency.billed_seconds(seconds, job.job_type, job) - seconds
    if added <= 0:
        return placed
    until = placed.end + dt.timedelta(seconds=added)
    more = clock.split_days(placed.end, until, agency.zone)
    if agency.calendar.partial:
        more, early = partial_parts(agency, more, placed.end)
        return placed._replace(days=placed.days + more, early=placed.early + early)
    return placed._replace(days=placed.days + more)


def placed(agency: Agency, shift: Shift, index: int | None, job: Job) -> Span:
    """Where a shift falls, as the agency prices it: with the hours it runs on for, where the agency's do."""
    where = span(agency, shift, index)
    return run_on(agency, where, job) if agency.spec.hours_added == "run_on" else where


def job_days(plan: Plan, shifts: Sequence[Shift], job: Job) -> frozenset[str]:
    """Every kind of day (weekday, 'holiday') any hour of the job falls on, for conditions decided per job (RULES 16)."""
    several = len(shifts) > 1
    kinds: set[str] = set()
    for index, shift in enumerate(shifts, 1):
        placed_ = placed(plan.agency, shift, index if several else None, job)
        for n, (day, _) in enumerate(placed_.days):
            kinds |= plan.day_kinds(day, bool(placed_.early and placed_.early[n]))
    return plan.one(frozenset(kinds))


def refuse_length(index: int | None, seconds: int) -> None:
    where = f"shift {index}: " if index else ""
    if seconds <= 0:
        raise InputError(f"{where}end is {'before' if seconds < 0 else 'the same as'} start")
    raise InputError(f"{where}a shift lasts at most {MAX_SHIFT_HOURS} hours, not {money.hours_text(money.hours(seconds))}")


def band_seconds(agency: Agency, days: list[tuple[dt.date, int]], start: dt.datetime, band: ClockBand) -> list[int]:
    """The real seconds of each date's part of the shift that fall inside the daily band."""
    out, lo = [], start
    for day, secs in days:
        hi = lo + dt.timedelta(seconds=secs)
        out.append(sum(max(0, int((min(hi, b) - max(lo, a)).total_seconds())) for a, b in band.instances(day, agency.zone)))
        lo = hi
    return out


def partial_parts(agency: Agency, days: list[tuple[dt.date, int]], start: dt.datetime) -> tuple[list[tuple[dt.date, int]], list[bool]]:
    """Each date's part of the shift cut where a partial holiday starts; for each piece, whether it comes before."""
    parts, early, lo = [], [], start
    for day, secs in days:
        hi = lo + dt.timedelta(seconds=secs)
        begins = agency.calendar.starts(day)
        cut = None if begins is None else dt.datetime.combine(day, begins, tzinfo=agency.zone).astimezone(clock.UTC)
        if cut is not None and lo < cut < hi:
            parts += [(day, int((cut - lo).total_seconds())), (day, int((hi - cut).total_seconds()))]
            early += [True, False]
        else:
            parts.append((day, secs))
            early.append(cut is not None and hi <= cut)
        lo = hi
    return parts, early


def band_parts(plan: Plan, days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], start: dt.datetime,
               early: list[bool] | None, end: dt.datetime | None = None,
               ) -> tuple[list[tuple[dt.date, int]], list[frozenset[str]], list[bool] | None]:
    """Each piece of the shift cut at the edges of the band tiers' bands, with the tiers (and `early`) for each piece.

    `end`: the scheduled end of a shift that runs on past it (hours_added), which stays an edge between pieces.
    """
    agency, parts, tiers, flags, lo = plan.agency, [], [], [], start
    for n, ((day, secs), applicable) in enumerate(zip(days, by_day)):
        hi = lo + dt.timedelta(seconds=secs)
        spans, cuts = [], {lo, hi}
        for name, band in agency.band_tiers:
            for a, b in band.instances(day, agency.zone):
                if a < hi and b > lo:
                    spans.append((name, a, b))
                    cuts.update(x for x in (a, b) if lo < x < hi)
        points = sorted(cuts)
        for p, q in zip(points, points[1:]):
            here = applicable.union(name for name, a, b in spans if a <= p < b)
            before = bool(early and early[n])
            if tiers and tiers[-1] == here and parts[-1][0] == day and flags[-1] == before and p != end:
                parts[-1] = (day, parts[-1][1] + int((q - p).total_seconds()))
            else:
                parts.append((day, int((q - p).total_seconds())))
                tiers.append(plan.one(here))
                flags.append(before)
        lo = hi
    return parts, tiers, flags if early is not None else None


def tier_runs(days: list[tuple[dt.date, int]], by_day: list[frozenset[str]],
              ) -> tuple[list[tuple[dt.date, int]], list[frozenset[str]]]:
    """The pieces with each run of the same tiers joined into one, on its first piece's date.

    Without premiums a position's lines depend on its tiers' hours in the order worked, not on where the dates
    change: a shift across an ordinary midnight is then the same shape to the plan's memos as one within a day.
    """
    if len(days) == 1:
        return days, by_day
    out, tiers = [days[0]], [by_day[0]]
    for piece, applicable in zip(days[1:], by_day[1:]):
        if applicable == tiers[-1]:
            out[-1] = (out[-1][0], out[-1][1] + piece[1])
        else:
            out.append(piece)
            tiers.append(applicable)
    return out, tiers
