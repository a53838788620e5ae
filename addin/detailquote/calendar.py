"""An agency's holiday calendar: its own published list, and a country's from the `holidays` library.

The agency's own list is the calendar, as published: no observed-date
shifting (July 4 on a Saturday is still July 4) unless a rule, or the country
calendar, says `observed`, and then the date itself stays a holiday too. A
country calendar from the library can stand in where an agency publishes no
list (Hartford: CT), or add to one (Cleburne: "all federal holidays"); the
library is loaded only for those agencies, which keeps a fresh Excel
session's first answer quick.
"""

from __future__ import annotations

import datetime as dt

from .rules.holidays import FIRST_YEAR, LAST_YEAR, Holidays


def agency_holidays(spec: Holidays, year: int) -> dict[dt.date, str]:
    """One year of an agency's list: its country's calendar (from the holidays library) and its own rules.

    A rule with `observed` adds the weekday a weekend holiday is kept on; the date itself stays a holiday.
    """
    return _year(spec, year)[0]


def _year(spec: Holidays, year: int) -> tuple[dict[dt.date, str], dict[dt.date, dt.time]]:
    """The year's holidays, date → name, and the partial days among them, date → the time the holiday starts."""
    found: dict[dt.date, list[str]] = {}
    whole: set[dt.date] = set()
    starts: dict[dt.date, dt.time] = {}
    if spec.country:
        import holidays  # only agencies that take a country's calendar pay for loading the library

        country = holidays.country_holidays(spec.country, subdiv=spec.subdivision, years=year, observed=spec.observed,
                                            language="en_US")
        for day, name in country.items():
            found.setdefault(day, []).extend(name.split("; "))
            whole.add(day)
    for rule in spec.rules:  # a rule of the year before or after can land in this one by its offset
        for day in (d for y in (year - 1, year, year + 1) for d in rule.price(y)):
            kept = rule.kept(day)
            for on, name in ((day, rule.name), (kept, f"{rule.name} (observed)")):
                if on is not None and on.year == year:
                    found.setdefault(on, []).append(name)
                    if rule.from_ is None:
                        whole.add(on)
                    else:  # two partial holidays on one date: the earlier start
                        starts[on] = min(starts.get(on, rule.from_), rule.from_)
    names = {day: "; ".join(dict.fromkeys(names)) for day, names in sorted(found.items())}
    return names, {day: t for day, t in starts.items() if day not in whole}


class Calendar:
    """Fast holiday look-ups for the engine: one frozen set of dates per year."""

    def __init__(self, spec: Holidays | None):
        self._spec = spec
        self._years: dict[int, dict[dt.date, str]] = {}
        self._starts: dict[int, dict[dt.date, dt.time]] = {}
        self.partial = spec is not None and any(rule.from_ is not None for rule in spec.rules)

    def year(self, year: int) -> dict[dt.date, str]:
        """The agency's holidays in `year`, date → name (names joined where two fall on one day)."""
        found = self._years.get(year)
        if found is None:
            found, starts = {}, {}
            if self._spec is not None and FIRST_YEAR <= year <= LAST_YEAR:
                found, starts = _year(self._spec, year)
            self._years[year], self._starts[year] = found, starts
        return found

    def starts(self, day: dt.date) -> dt.time | None:
        """The time a partial holiday on `day` starts (New Year's Eve from 12:00); None for a whole day or none."""
        self.year(day.year)
        return self._starts[day.year].get(day)

    def name(self, day: dt.date) -> str | None:
        return self.year(day.year).get(day)

    def is_holiday(self, day: dt.date) -> bool:
        found = self._years.get(day.year)  # the year's holidays, when worked out before: the usual case, first
        return day in (self.year(day.year) if found is None else found)
