"""An agency's holiday calendar, built on the `holidays` library.

The agency's own list is the calendar, as published: no observed-date
shifting (July 4 on a Saturday is still July 4). A country calendar from the
library can stand in where an agency publishes no list (Hartford: CT).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from holidays.calendars.gregorian import _get_nth_weekday_of_month
from holidays.groups import ChristianHolidays

from .rulebook import (
    WEEKDAYS,
    DatedHoliday,
    EasterHoliday,
    FixedHoliday,
    Holidays,
    LastWeekdayHoliday,
    NthWeekdayHoliday,
)


class AgencyHolidays(ChristianHolidays, holidays.HolidayBase):
    """The dates of one agency's holiday list, computed year by year on demand."""

    def __init__(self, spec: Holidays, years: int | range | None = None):
        self._spec = spec
        ChristianHolidays.__init__(self)
        holidays.HolidayBase.__init__(self, years=years, observed=False)

    def _populate_public_holidays(self) -> None:
        year = self._year
        if self._spec.country:
            country = holidays.country_holidays(
                self._spec.country, subdiv=self._spec.subdivision, years=year, observed=False, language="en_US"
            )
            for day, name in country.items():
                self._add_holiday(name, day)
        for rule in self._spec.rules:
            for day in _rule_dates(rule, year, self):
                self._add_holiday(rule.name, day)


def _rule_dates(rule, year: int, cal: AgencyHolidays) -> list[dt.date]:
    if isinstance(rule, DatedHoliday):
        return [day for day in rule.dates if day.year == year]
    if isinstance(rule, FixedHoliday):
        day = dt.date(year, rule.month, rule.day)
    elif isinstance(rule, NthWeekdayHoliday):
        day = _get_nth_weekday_of_month(rule.nth, WEEKDAYS.index(rule.weekday), rule.month, year)
    elif isinstance(rule, LastWeekdayHoliday):
        day = _get_nth_weekday_of_month(-1, WEEKDAYS.index(rule.weekday), rule.month, year)
    elif isinstance(rule, EasterHoliday):
        day = cal._easter_sunday
    else:  # pragma: no cover - the rulebook's union is closed
        raise TypeError(f"unknown holiday rule {rule!r}")
    return [day + dt.timedelta(days=rule.offset_days)]


class Calendar:
    """Fast holiday look-ups for the engine: one frozen set of dates per year."""

    def __init__(self, spec: Holidays | None):
        self._spec = spec
        self._years: dict[int, dict[dt.date, str]] = {}

    def year(self, year: int) -> dict[dt.date, str]:
        """The agency's holidays in `year`, date → name (names joined where two fall on one day)."""
        found = self._years.get(year)
        if found is None:
            found = {}
            if self._spec is not None and holidays.HolidayBase.start_year <= year <= holidays.HolidayBase.end_year:
                found = dict(sorted(AgencyHolidays(self._spec, years=year).items()))
            self._years[year] = found
        return found

    def name(self, day: dt.date) -> str | None:
        return self.year(day.year).get(day)

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.year(day.year)


@lru_cache(maxsize=None)
def supported_country(country: str, subdivision: str | None) -> str | None:
    """None when the holidays library knows the country and subdivision, else the reason."""
    supported = holidays.list_supported_countries()
    if country not in supported:
        return f"the holidays library has no country {country!r}"
    if subdivision is not None and subdivision not in supported[country]:
        return f"the holidays library has no subdivision {subdivision!r} of {country}"
    return None
