"""Local wall-clock times to real instants, and shifts split at local midnights.

Hours are real elapsed hours in the agency's time zone (RULES 1): a
22:00-06:00 shift across the autumn clock change is 9 hours long.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from .errors import InputError

UTC = dt.timezone.utc
FIRST_YEAR, LAST_YEAR = 1901, 2100  # the years the holidays library computes: outside them no holiday is known
_NAIVE_EPOCH = dt.datetime(1970, 1, 1)
_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_NEAR = dt.timedelta(hours=3)  # farther from a clock change than any zone moves its clocks
_DAY = dt.timedelta(days=1)
_NOON = dt.time(12)


def outside_years(what: str, day: dt.date) -> InputError:
    """The message for a date, given as `what`, in a year whose holidays are not known."""
    return InputError(f"{what} must be a date from {FIRST_YEAR} to {LAST_YEAR}, not {day.isoformat()}")


def known_year(day: dt.date) -> dt.date:
    """`day`, if it falls in a year whose holidays are known; else a message saying which years are."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"{day.isoformat()} is outside the years DetailQuote prices ({FIRST_YEAR} to {LAST_YEAR})")
    return day


def instant(value: dt.datetime, zone: ZoneInfo, *, later: bool) -> tuple[dt.datetime, str | None]:
    """The UTC instant of `value` read in `zone`, and a note when the wall time was ambiguous.

    A naive time is the agency's wall clock. A time that does not exist (in the
    spring gap) is refused; one that happens twice (the autumn hour) takes the
    reading that costs more: the earlier instant for a start, the later for an
    end (`later`).
    """
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        known_year(value.date())
    if value.tzinfo is not None:
        return value.astimezone(UTC), None
    offset = zone.utcoffset(value)
    if zone.utcoffset(value - _NEAR) == offset == zone.utcoffset(value + _NEAR):
        return at_offset(value, offset), None  # no clock change within hours of `value`: one reading
    first = value.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = value.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if first == second:
        return first, None
    back = first.astimezone(zone).replace(tzinfo=None)
    if back != value:
        raise InputError(
            f"{value:%Y-%m-%d %H:%M} does not exist in {zone.key} (the clocks go forward then); "
            f"use a time an hour later or earlier"
        )
    chosen = second if later else first
    abbr = chosen.astimezone(zone).tzname()
    note = (
        f"{value:%Y-%m-%d %H:%M} happens twice in {zone.key} (the clocks go back); "
        f"read as the {'later' if later else 'earlier'} one ({abbr}), which gives the longer shift."
    )
    return chosen, note


def at_offset(value: dt.datetime, offset: dt.timedelta) -> dt.datetime:
    """The UTC instant of the wall-clock time `value` at `offset` from UTC (arithmetic, not replace(), for speed)."""
    return _UTC_EPOCH + (value - _NAIVE_EPOCH - offset)


def steady_offset(day: dt.date, zone: ZoneInfo) -> dt.timedelta | None:
    """`zone`'s offset from UTC all through `day`, from the noon before to the noon after; None if it changes then."""
    noon = dt.datetime.combine(day, _NOON)
    offset = zone.utcoffset(noon)
    return offset if zone.utcoffset(noon - _DAY) == offset == zone.utcoffset(noon + _DAY) else None


def unsteady(zone: ZoneInfo, times: tuple[dt.time, ...], years: range = range(2020, 2041)) -> dt.time | None:
    """The first of `times` that a clock change in `zone` makes happen twice or never on some day, or None."""
    for on in _change_days(zone, years.start, years.stop):
        for t in times:
            value = dt.datetime.combine(on, t, tzinfo=zone)
            if value.utcoffset() != value.replace(fold=1).utcoffset():
                return t
    return None


@lru_cache(maxsize=64)
def _change_days(zone: ZoneInfo, first: int, stop: int) -> tuple[dt.date, ...]:
    """Each day of a clock change in `zone` from `first` to before `stop`, and the day before it; remembered, as a file
    may hold many bands to check against the same changes."""
    day, last = dt.date(first, 1, 1), dt.date(stop, 1, 1)
    days: list[dt.date] = []
    before = zone.utcoffset(dt.datetime.combine(day, dt.time(12)))
    while day < last:
        day += _DAY
        now = zone.utcoffset(dt.datetime.combine(day, dt.time(12)))
        if now != before:  # the clocks changed since yesterday's noon
            days += (day - _DAY, day)
        before = now
    return tuple(days)


def local(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A UTC instant as naive wall-clock time in `zone`."""
    return value.astimezone(zone).replace(tzinfo=None)


def split_days(start: dt.datetime, end: dt.datetime, zone: ZoneInfo,
               walls: tuple[dt.datetime, dt.datetime] | None = None, seconds: int = 0) -> list[tuple[dt.date, int]]:
    """The seconds of [start, end) that fall on each local date, in order.

    `walls`, the same start and end as wall-clock times, and `seconds`, the time between them, spare their
    working out again when the caller has them.
    """
    begin, finish = walls or (local(start, zone), local(end, zone))
    day = begin.date()
    if finish.date() == day or (finish - _DAY).date() == day and finish.time() == dt.time():
        return [(day, seconds or int((end - start).total_seconds()))]
    out: list[tuple[dt.date, int]] = []
    cursor = start
    while cursor < end:
        stop = min(midnight(day, zone), end)
        seconds = int((stop - cursor).total_seconds())
        if seconds > 0:
            out.append((day, seconds))
        cursor = stop
        day += _DAY
    return out


@lru_cache(maxsize=4096)
def midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant `day` ends in `zone`; remembered, as the shifts that cross a night ask for it again."""
    return dt.datetime.combine(day + _DAY, dt.time(), tzinfo=zone).astimezone(UTC)
