"""Each agency's holiday dates for 2020-2035 against expectations computed independently of `holidays`."""

import calendar as cal
import datetime as dt

import pytest

from conftest import agency

YEARS = range(2020, 2036)
EASTER = {  # Western Easter Sunday, from published tables
    2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9), 2024: (3, 31), 2025: (4, 20), 2026: (4, 5),
    2027: (3, 28), 2028: (4, 16), 2029: (4, 1), 2030: (4, 21), 2031: (4, 13), 2032: (3, 28), 2033: (4, 17),
    2034: (4, 9), 2035: (3, 25),
}
MON, THU = 0, 3


def nth(year, month, weekday, n):
    days = [d for d in cal.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[-1]


def fixed(m, d):
    return lambda y: dt.date(y, m, d)


NYE, NYD, JUNETEENTH, JULY4, VETERANS, XMAS_EVE, XMAS = (
    fixed(12, 31), fixed(1, 1), fixed(6, 19), fixed(7, 4), fixed(11, 11), fixed(12, 24), fixed(12, 25)
)
MLK = lambda y: nth(y, 1, MON, 3)
PRESIDENTS = lambda y: nth(y, 2, MON, 3)
MEMORIAL = lambda y: nth(y, 5, MON, -1)
LABOR = lambda y: nth(y, 9, MON, 1)
THANKSGIVING = lambda y: nth(y, 11, THU, 4)
DAY_AFTER = lambda y: THANKSGIVING(y) + dt.timedelta(days=1)
EASTER_SUNDAY = lambda y: dt.date(y, *EASTER[y])

EXPECTED = {
    "tucson-az": [NYE, NYD, THANKSGIVING, XMAS_EVE, XMAS],
    "hot-springs-ar": [NYE, NYD, MLK, PRESIDENTS, EASTER_SUNDAY, MEMORIAL, JUNETEENTH, JULY4, LABOR, VETERANS,
                       THANKSGIVING, DAY_AFTER, XMAS_EVE, XMAS],
    "casa-grande-az": [NYD, NYE, MLK, MEMORIAL, JUNETEENTH, LABOR, VETERANS, THANKSGIVING, DAY_AFTER, XMAS_EVE, XMAS],
    "bay-harbor-islands-fl": [NYE, NYD, MLK, PRESIDENTS, MEMORIAL, JULY4, LABOR, VETERANS, THANKSGIVING, DAY_AFTER,
                              XMAS_EVE, XMAS],
}


# Later schedules with their own lists: the day each takes effect, and its list.
LATER = {
    "bay-harbor-islands-fl": (dt.date(2025, 12, 17), [NYD, MLK, PRESIDENTS, MEMORIAL, JUNETEENTH, JULY4, LABOR, VETERANS,
                                                      THANKSGIVING, DAY_AFTER, XMAS_EVE, XMAS]),
}


def expected(name: str, year: int) -> set[dt.date]:
    days = {rule(year) for rule in EXPECTED[name]}
    if name in LATER:
        change, rules = LATER[name]
        days = {d for d in days if d < change} | {d for d in (rule(year) for rule in rules) if d >= change}
    return days


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("year", YEARS)
def test_agency_list_matches_independent_dates(name, year):
    assert set(agency(name).holidays(year)) == expected(name, year)


def test_a_new_schedule_changes_the_list_on_its_day():
    bay = agency("bay-harbor-islands-fl")
    assert bay.is_holiday(dt.date(2024, 12, 31)) and not bay.is_holiday(dt.date(2025, 12, 31))  # New Year's Eve dropped
    assert not bay.is_holiday(dt.date(2025, 6, 19)) and bay.is_holiday(dt.date(2026, 6, 19))    # Juneteenth added


def test_tucson_2026_exactly():
    assert sorted(agency("tucson-az").calendar.year(2026)) == [
        dt.date(2026, 1, 1), dt.date(2026, 11, 26), dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2026, 12, 31)
    ]


def test_fourth_friday_is_read_as_the_day_after_thanksgiving():
    # In 2024 November began on a Friday: the 4th Friday (22nd) is not the day after Thanksgiving (29th).
    days = agency("hot-springs-ar").calendar.year(2024)
    assert dt.date(2024, 11, 29) in days and dt.date(2024, 11, 22) not in days


@pytest.mark.parametrize("year", YEARS)
def test_hartford_uses_connecticut_holidays_without_observed_days(year):
    days = agency("hartford-ct").calendar.year(year)
    good_friday = EASTER_SUNDAY(year) - dt.timedelta(days=2)
    expected = {NYD(year), MLK(year), dt.date(year, 2, 12), PRESIDENTS(year), good_friday, MEMORIAL(year),
                JULY4(year), LABOR(year), nth(year, 10, MON, 2), VETERANS(year), THANKSGIVING(year), XMAS(year)}
    if year >= 2021:
        expected.add(JUNETEENTH(year))  # a federal holiday from 2021, which the library applies in every state
    assert set(days) == expected


def test_hartford_2026_has_no_observed_shift():
    days = agency("hartford-ct").calendar.year(2026)
    assert dt.date(2026, 7, 4) in days and dt.date(2026, 7, 3) not in days  # July 4 is a Saturday


def test_calendar_answers_outside_the_library_range_with_no_holidays():
    assert agency("tucson-az").calendar.year(1850) == {}
