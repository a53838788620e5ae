"""Holidays: the agency's own list of holiday rules, and a country's calendar from the holidays library.

Each rule is one class with its price (the dates it gives in a year) and its
words. The quote workbook reads those dates from its Holidays sheet, so a rule
has no formula of its own. `calendar.Calendar` gathers a year's dates.
"""

from __future__ import annotations

import calendar as _months
import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Literal

from dateutil.easter import easter
from .model import Field, model_validator

from ..clock import unsteady
from ..errors import Problem
from .base import WEEKDAYS, ClockTime, Lines, Strict, Text, Weekday
from .conditions import CalendarTrigger

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where

# The years the holidays library computes; outside them an agency has no known holidays.
FIRST_YEAR, LAST_YEAR = 1901, 2100
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ORDINALS = ("", "1st", "2nd", "3rd", "4th")


class _HolidayBase(Strict):
    name: Text
    offset_days: Annotated[int, Field(ge=-70, le=70)] = Field(
        0, description="Days after (+) or before (-) the date the rule computes (Mardi Gras: Easter less 47).")
    from_: ClockTime | None = Field(None, alias="from", description="A partial day: the holiday starts at this time "
                                    "of its day (New Year's Eve from 12:00); none: the whole day.")
    observed: Literal["nearest_weekday", "following_monday"] | None = Field(
        None, description="A holiday on a weekend is also kept on a weekday: nearest_weekday, Saturday's on the "
        "Friday before and Sunday's on the Monday after; following_monday, either on the Monday after."
    )

    def price(self, year: int) -> list[dt.date]:
        """The dates the rule gives in `year` (before `observed`)."""
        if not FIRST_YEAR - 1 <= year <= LAST_YEAR + 1:
            return []
        return [self.date(year) + dt.timedelta(days=self.offset_days)]

    def date(self, year: int) -> dt.date:
        raise NotImplementedError

    def kept(self, day: dt.date) -> dt.date | None:
        """The weekday a weekend holiday is also kept on, by `observed` (None: not moved)."""
        if self.observed is None or day.weekday() < 5:
            return None
        if self.observed == "nearest_weekday" and day.weekday() == 5:
            return day - dt.timedelta(days=1)
        return day + dt.timedelta(days=7 - day.weekday())

    def when(self) -> str:
        raise NotImplementedError

    def words(self) -> str:
        since = f", from {self.from_:%H:%M}" if self.from_ else ""
        shift = f", {abs(self.offset_days)} day{'s' if abs(self.offset_days) != 1 else ''} {'after' if self.offset_days > 0 else 'before'}" \
            if self.offset_days else ""
        kept = {"nearest_weekday": "; on a Saturday also kept the Friday before, on a Sunday the Monday after",
                "following_monday": "; on a weekend also kept the Monday after", None: ""}[self.observed]
        return f"{self.name}: {self.when()}{shift}{since}{kept}"


class FixedHoliday(_HolidayBase):
    rule: Literal["fixed"]
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]

    @model_validator(mode="after")
    def _real_date(self) -> FixedHoliday:
        try:
            dt.date(2001, self.month, self.day)  # a common year: Feb 29 resolves to no date in most years
        except ValueError:
            raise ValueError(f"month {self.month} day {self.day} resolves to no date in most years") from None
        return self

    def date(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    def when(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.day}"


def _weekdays(year: int, month: int, weekday: str) -> list[dt.date]:
    number = WEEKDAYS.index(weekday)
    return [d for d in _months.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == number]


class NthWeekdayHoliday(_HolidayBase):
    rule: Literal["nth_weekday"]
    month: Annotated[int, Field(ge=1, le=12)]
    weekday: Weekday
    nth: Annotated[int, Field(ge=1, le=4, description="1 to 4; use last_weekday for the last one.")]

    def date(self, year: int) -> dt.date:
        return _weekdays(year, self.month, self.weekday)[self.nth - 1]

    def when(self) -> str:
        return f"the {ORDINALS[self.nth]} {self.weekday.capitalize()} of {MONTHS[self.month - 1]}"


class LastWeekdayHoliday(_HolidayBase):
    rule: Literal["last_weekday"]
    month: Annotated[int, Field(ge=1, le=12)]
    weekday: Weekday

    def date(self, year: int) -> dt.date:
        return _weekdays(year, self.month, self.weekday)[-1]

    def when(self) -> str:
        return f"the last {self.weekday.capitalize()} of {MONTHS[self.month - 1]}"


class EasterHoliday(_HolidayBase):
    rule: Literal["easter"]

    def date(self, year: int) -> dt.date:
        return easter(year)

    def when(self) -> str:
        return "Easter Sunday"


class DatedHoliday(Strict):
    """Holidays no rule computes (Rosh Hashanah): an explicit list of dates."""

    name: Text
    rule: Literal["dates"]
    dates: Annotated[list[dt.date], Field(min_length=1)]
    from_: ClockTime | None = Field(None, alias="from", description="A partial day: the holiday starts at this time.")

    def price(self, year: int) -> list[dt.date]:
        return [day for day in self.dates if day.year == year]

    def kept(self, day: dt.date) -> dt.date | None:
        return None

    def words(self) -> str:
        since = f", from {self.from_:%H:%M}" if self.from_ else ""
        return f"{self.name}: on {', '.join(d.isoformat() for d in self.dates)}{since}"


HolidayRule = Annotated[
    FixedHoliday | NthWeekdayHoliday | LastWeekdayHoliday | EasterHoliday | DatedHoliday,
    Field(discriminator="rule"),
]


class Holidays(Strict):
    line: Lines | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Take a country's public holidays from the holidays library."
    )
    subdivision: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,3}$")] | None = None
    observed: bool = Field(False, description="Also keep the country's holidays on the weekdays its law observes them on.")
    rules: list[HolidayRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some(self) -> Holidays:
        if self.country is None and not self.rules:
            raise ValueError("give a country or at least one rule")
        if self.subdivision and not self.country:
            raise ValueError("a subdivision needs a country")
        if self.observed and not self.country:
            raise ValueError("observed is for a country's calendar; give each rule its own observed")
        return self


def check_holidays(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A country the holidays library knows; each rule named once; a tier on holidays has a list to read."""
    h = spec.holidays
    if h is not None:
        if h.country is not None and (reason := supported_country(h.country, h.subdivision)):
            yield where("holidays.country", reason)
        first: dict[str, int] = {}
        for i, rule in enumerate(h.rules):
            if first.setdefault(rule.name, i) != i:
                yield where(f"holidays.rules[{i}].name", f"{where.shown(rule.name)} is listed twice")
    elif any(isinstance(c, CalendarTrigger) and "holiday" in c.days for t in spec.tiers.values() for c in t.conditions):
        yield where("holidays", "required: a tier applies on holidays but the file has no [holidays] list")


@lru_cache(maxsize=None)
def supported_country(country: str, subdivision: str | None) -> str | None:
    """None when the holidays library knows the country and subdivision, else the reason."""
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        return f"the holidays library has no country {country!r}"
    if subdivision is not None and subdivision not in supported[country]:
        return f"the holidays library has no subdivision {subdivision!r} of {country}"
    return None


def check_partial_days(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A partial holiday starts at a time that happens once on every day."""
    zone = where.zone
    for i, rule in enumerate(spec.holidays.rules if spec.holidays and zone else ()):
        if rule.from_ is not None and unsteady(zone, (rule.from_,)) is not None:
            yield where(f"holidays.rules[{i}].from", f"{rule.from_:%H:%M} happens twice or never on the days the clocks "
                                                    f"change in {spec.time_zone}: start the holiday out of that hour")


VARIANTS = (FixedHoliday, NthWeekdayHoliday, LastWeekdayHoliday, EasterHoliday, DatedHoliday)
CHECKS = (check_holidays, check_partial_days)
READINGS = ("price", "words")  # no formula: the workbook's Holidays sheet lists the dates each rule gives
