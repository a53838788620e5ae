"""The spelling of values in spreadsheet formulas, shared by every rule's Excel reading and the workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def text(value: str) -> str:
    """A string literal for a formula."""
    return '"' + value.replace('"', '""') + '"'


def num(value: Decimal | float | int) -> str:
    """A number as a formula writes it: 4, 4.5, 0.25."""
    written = f"{Decimal(str(value)):f}"
    return written.rstrip("0").rstrip(".") if "." in written else written


def serial(day: dt.date) -> int:
    """Excel's serial number of a date (the 1900 system)."""
    return (day - dt.date(1899, 12, 30)).days


def clock(moment: dt.time) -> str:
    """A wall-clock time of day as a formula's fraction of a day."""
    return f"TIME({moment.hour},{moment.minute},0)"


def real_minutes(later: str, earlier: str) -> str:
    """Real minutes from `earlier` to `later` (wall-clock serials), negative when `later` comes first.

    The Holidays sheet's clock changes (ClockA, ClockB, ClockHours) add or take away the hour a change moves.
    """
    return (f"ROUND(({later}-{earlier})*1440,0)+60*SUMPRODUCT(({earlier}<ClockA)*({later}>=ClockB)*ClockHours)"
            f"-60*SUMPRODUCT(({later}<ClockA)*({earlier}>=ClockB)*ClockHours)")


def span_minutes(lo: str, hi: str) -> str:
    """Real minutes of the stretch [lo, hi) of wall-clock serials that lie forward of each other, else 0."""
    return f"IF({hi}>{lo},ROUND(({hi}-{lo})*1440,0)+60*SUMPRODUCT(({lo}<ClockB)*({hi}>=ClockA)*ClockHours),0)"
