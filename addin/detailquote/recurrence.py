"""When an event recurs: a list of dates, or an iCalendar RRULE read by dateutil, cut to the season.

A rule is the RRULE's parts (FREQ=WEEKLY;BYDAY=SA;BYMONTH=6), with or without
"RRULE:" before it, its first date in a column of its own; or a DTSTART line and
an RRULE line as iCalendar writes them (DTSTART:20270605, then RRULE:..., on two
lines or joined by a typed "\\n"). Its end is UNTIL or COUNT in the rule, or the
until and count columns, or the season's --to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from . import cells
from .cells import Cell
from .errors import InputError, shown

MAX_DATES = 5_000  # dates one rule may give before the season ends: some thirteen years of days
_SPLIT = re.compile(r"[;,\s]+")
_ENDS = re.compile(r"(?:^|[;:\s])(UNTIL|COUNT)\s*=", re.IGNORECASE)
_FREQ = re.compile(r"FREQ\s*=\s*(\w+)", re.IGNORECASE)
_BY_DAY_OR_MORE = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}


def listed_dates(value: Cell, what: str) -> list[dt.date]:
    """The dates of a `dates` cell: ISO dates separated by ';', ',' or spaces, or one date cell; [] when blank."""
    if cells.blank(value):
        return []
    if not isinstance(value, str):
        return [cells.day(value, what)]
    days = []
    for word in _SPLIT.split(value.strip()):
        try:
            days.append(dt.date.fromisoformat(word))
        except ValueError:
            raise InputError(f"{what}: {shown(word)} is not a date; list dates as 2027-06-05; 2027-06-12") from None
    return days


def rule_dates(text: Cell, first: dt.date | None, until: dt.date | None, count: int | None,
               season: tuple[dt.date | None, dt.date | None], what: str) -> list[dt.date]:
    """The dates a rule gives inside the season (from, to: either may be None), in order.

    A rule with no end (no UNTIL or COUNT, no until or count column) needs the season's end.
    """
    if not isinstance(text, str):
        raise InputError(f"{what} must be text such as FREQ=WEEKLY;BYDAY=SA, not {shown(text)}")
    rule = text.strip().replace("\\n", "\n")
    frequency = _FREQ.search(rule)
    if frequency is None:
        raise InputError(f"{what} {shown(text)} has no FREQ: write it as FREQ=WEEKLY;BYDAY=SA (iCalendar RRULE)")
    if frequency[1].upper() not in _BY_DAY_OR_MORE:
        raise InputError(f"{what} {shown(text)}: an event recurs by the day at most (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)")
    ended = _ENDS.search(rule) is not None
    if ended and (until is not None or count is not None):
        raise InputError(f"{what} {shown(text)} has its own UNTIL or COUNT: leave the until and count columns blank")
    if until is not None and count is not None:
        raise InputError(f"{what}: give until or count, not both")
    start, end = season
    if not ended and until is None and count is None and end is None:
        raise InputError(f"{what} {shown(text)} repeats without end: give --to DATE, or an until or count column "
                         "(or UNTIL= or COUNT= in the rule)")
    has_start = "DTSTART" in rule.upper()
    if has_start and first is not None:
        raise InputError(f"{what} {shown(text)} has a DTSTART and the row a first date: give the first date once")
    first = first or (None if has_start else start)
    if not has_start and first is None:
        raise InputError(f"{what} {shown(text)} needs its first date: a first column (or DTSTART in the rule, or --from)")
    recurrence = _read(rule, first, until, count, text, what)
    return _within(recurrence, start, end, what)


def _read(rule: str, first: dt.date | None, until: dt.date | None, count: int | None, text: str, what: str):
    """The rule as dateutil reads it, with the row's end put into it."""
    from dateutil.rrule import rrule, rrulestr

    try:
        found = rrulestr(rule, dtstart=None if first is None else dt.datetime(first.year, first.month, first.day),
                         ignoretz=True)
        if until is not None or count is not None:
            if not isinstance(found, rrule):
                raise ValueError("a rule with RDATE or EXDATE takes its end in the rule")
            found = found.replace(until=None if until is None else dt.datetime(until.year, until.month, until.day, 23, 59),
                                  count=count)
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as exc:
        raise InputError(f"{what} {shown(text)} cannot be read as an iCalendar RRULE: {str(exc) or type(exc).__name__}") from None
    return found


def _within(recurrence: Iterable[dt.datetime], start: dt.date | None, end: dt.date | None, what: str) -> list[dt.date]:
    """The rule's dates from `start` to `end`, both included; refused past MAX_DATES."""
    days: list[dt.date] = []
    try:
        for n, moment in enumerate(recurrence):
            day = moment.date()
            if end is not None and day > end:
                break
            if n >= MAX_DATES:
                raise InputError(f"{what} gives more than {MAX_DATES:,} dates: narrow the season with --from and --to")
            if start is None or day >= start:
                days.append(day)
    except (ValueError, OverflowError) as exc:  # dateutil runs past the year 9999
        raise InputError(f"{what} cannot be followed: {exc}") from None
    return days
