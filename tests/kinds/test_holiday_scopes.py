"""Holiday scopes by the start date, observed dates and partial days (holiday-scopes.toml): officer 50.00;
60.00 for the whole shift when it starts on a Saturday or Sunday; 70.00 for the hours on holidays, and 10%
of each hour's rate on a shift with any holiday hour. Independence Day is also kept on the nearest weekday,
Christmas on the Monday after; New Year's Eve is a holiday from 12:00; Rosh Hashanah is listed by date.
Chicago time.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import KINDS, D, agency, price
from detailquote.errors import AgencyFileError
from detailquote.loader import parse_spec
from detailquote.agency import Agency
from detailquote.engine import tier_at


@pytest.mark.parametrize(
    "start, end, total",
    [
        ("2027-03-05T22:00", "2027-03-06T02:00", "200.00"),   # starts on a Friday: no weekend hour, not even Saturday's
        ("2027-03-06T22:00", "2027-03-07T02:00", "240.00"),   # starts on a Saturday: the whole shift
        ("2027-03-07T22:00", "2027-03-08T02:00", "240.00"),   # starts on a Sunday: Monday's hours too
        ("2026-07-03T10:00", "2026-07-03T14:00", "308.00"),   # July 4 2026 is a Saturday: Friday the 3rd is kept
        ("2026-07-04T10:00", "2026-07-04T14:00", "308.00"),   # and the 4th itself stays a holiday (70.00 beats 60.00)
        ("2027-07-05T10:00", "2027-07-05T14:00", "308.00"),   # July 4 2027 is a Sunday: Monday the 5th
        ("2027-12-27T10:00", "2027-12-27T14:00", "308.00"),   # Christmas 2027 is a Saturday: the Monday after
        ("2027-12-24T10:00", "2027-12-24T14:00", "200.00"),   # not the Friday before
        ("2027-12-24T22:00", "2027-12-25T02:00", "264.00"),   # Friday into Christmas: 2 h at 50.00, 2 h at 70.00, +10%
        ("2027-12-31T08:00", "2027-12-31T11:00", "150.00"),   # New Year's Eve before 12:00: no holiday hour
        ("2027-12-31T10:00", "2027-12-31T14:00", "264.00"),   # 2 h at 50.00, 2 h at 70.00 from noon; 10% of 240.00
        ("2027-12-31T20:00", "2028-01-01T02:00", "462.00"),   # into New Year's Day: 6 h at 70.00, +10%
        ("2026-09-12T10:00", "2026-09-12T14:00", "308.00"),   # Rosh Hashanah, by its listed date
        ("2027-10-01T22:00", "2027-10-02T02:00", "264.00"),   # into Rosh Hashanah 2027: 2 h at 50.00, 2 h at 70.00, +10%
        ("2028-09-21T10:00", "2028-09-21T14:00", "200.00"),   # a year the list leaves out: no holiday
    ],
)
def test_by_the_start_date_and_observed(start, end, total):
    assert price("holiday-scopes", start, end).total == M(total)


def test_observed_dates_are_named():
    days = agency("holiday-scopes").holidays(2027)
    assert days[dt.date(2027, 7, 5)] == "Independence Day (observed)"
    assert days[dt.date(2027, 12, 27)] == "Christmas Day (observed)"
    assert dt.date(2027, 12, 24) not in days


@pytest.mark.parametrize("at, tier", [("2027-12-31T11:59", "standard"), ("2027-12-31T12:00", "holiday"),
                                      ("2027-12-30T23:00", "standard")])
def test_a_partial_holiday_starts_at_its_time(at, tier):
    assert tier_at(agency("holiday-scopes"), D(at)) == tier


def test_a_partial_holiday_cannot_start_in_the_hour_the_clocks_change():
    text = (KINDS / "holiday-scopes.toml").read_text().replace('from = "12:00"', 'from = "02:30"')
    with pytest.raises(AgencyFileError) as info:
        parse_spec(text, "holiday-scopes.toml")
    assert [f"{p.field}: {p.reason}" for p in info.value.problems] == [
        "holidays.rules[2].from: 02:30 happens twice or never on the days the clocks change in America/Chicago: "
        "start the holiday out of that hour"]


def test_a_country_calendar_can_keep_its_observed_days():
    text = (KINDS / "holiday-scopes.toml").read_text().replace("[holidays]\n", '[holidays]\ncountry = "US"\nobserved = true\n')
    days = Agency.build("us", parse_spec(text)).holidays(2027)
    assert days[dt.date(2027, 7, 5)] == "Independence Day (observed)"   # July 4 2027 is a Sunday
    assert days[dt.date(2027, 12, 24)] == "Christmas Day (observed)"    # the federal Friday, beside the rule's Monday
    assert days[dt.date(2027, 12, 27)] == "Christmas Day (observed)"
    without = Agency.build("us", parse_spec(text.replace("observed = true\n", ""))).holidays(2027)
    assert dt.date(2027, 12, 24) not in without
