"""Local wall-clock times to real instants, and shifts split at local midnights.

Hours are real elapsed hours in the agency's time zone (RULES 1): a
22:00-06:00 shift across the autumn clock change is 9 hours long.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .errors import InputError

UTC = dt.timezone.utc


def instant(value: dt.datetime, zone: ZoneInfo, *, later: bool) -> tuple[dt.datetime, str | None]:
    """The UTC instant of `value` read in `zone`, and a note when the wall time was ambiguous.

    A naive time is the agency's wall clock. A time that does not exist (in the
    spring gap) is refused; one that happens twice (the autumn hour) takes the
    reading that costs more: the earlier instant for a start, the later for an
    end (`later`).
    """
    if value.tzinfo is not None:
        return value.astimezone(UTC), None
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


def local(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A UTC instant as naive wall-clock time in `zone`."""
    return value.astimezone(zone).replace(tzinfo=None)


def split_days(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> list[tuple[dt.date, int]]:
    """The seconds of [start, end) that fall on each local date, in order."""
    out: list[tuple[dt.date, int]] = []
    cursor = start
    day = local(start, zone).date()
    while cursor < end:
        midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone).astimezone(UTC)
        stop = min(midnight, end)
        seconds = int((stop - cursor).total_seconds())
        if seconds > 0:
            out.append((day, seconds))
        cursor = stop
        day += dt.timedelta(days=1)
    return out
