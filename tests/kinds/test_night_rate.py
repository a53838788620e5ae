"""A rate that replaces the hour's rate inside a daily band (night-rate.toml): officer 50.00, night 22:00-06:00
60.00, holiday 70.00 by the hour; the highest rate wins each hour. 4-hour minimum, overtime after 8 hours at
1.5 x, a weekend add-on of 5.00 an hour, and 10% of each hour's rate past 6 hours; Chicago time.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import KINDS, D, agency, price
from detailquote.errors import AgencyFileError
from detailquote.loader import parse_spec
from detailquote.engine import tier_at


@pytest.mark.parametrize(
    "start, end, total, buckets",
    [
        # 4 h at 50.00, then 4 h at night; the last 2 h add 10% of 60.00.
        ("2027-03-02T18:00", "2027-03-03T02:00", "452.00", [("standard", False, 4), ("night", False, 4), ("long", False, 2)]),
        # Overtime in the order worked: 20-22 and 22-04 regular, 04-06 at 90.00 and 06-08 at 75.00.
        # 10% past 6 h: 4 h of 60.00 and 2 h of 50.00 (the regular rates).
        ("2027-03-02T20:00", "2027-03-03T08:00", "824.00",
         [("standard", False, 2), ("night", False, 6), ("night", True, 2), ("standard", True, 2), ("long", False, 6)]),
        # New Year's Day from midnight: the holiday's 70.00 beats the night's 60.00.
        ("2026-12-31T20:00", "2027-01-01T04:00", "514.00",
         [("standard", False, 2), ("night", False, 2), ("holiday", False, 4), ("long", False, 2)]),
        # One night hour lifted to the minimum at the shift's highest rate.
        ("2027-03-02T23:00", "2027-03-03T00:00", "240.00", [("night", False, 4)]),
        # The clocks go forward inside the band: 7 real night hours, the last in overtime; 9 weekend hours
        # at 5.00; 10% of 60.00 for the 3 real hours past 6, from 03:00.
        ("2027-03-13T20:00", "2027-03-14T06:00", "613.00",
         [("standard", False, 2), ("night", False, 6), ("night", True, 1), ("weekend", False, 9), ("long", False, 3)]),
        # The clocks go back: 9 real night hours, 8 at 60.00 and 1 at 90.00; 9 weekend hours at 5.00; 3 long.
        ("2026-10-31T22:00", "2026-11-01T06:00", "633.00",
         [("night", False, 8), ("night", True, 1), ("weekend", False, 9), ("long", False, 3)]),
    ],
)
def test_the_night_rate_replaces_the_hours_rate_inside_the_band(start, end, total, buckets):
    q = price("night-rate", start, end)
    assert q.total == M(total)
    assert [(l.tier, l.overtime, l.hours) for l in q.lines] == [(t, ot, M(h)) for t, ot, h in buckets]


def test_each_role_takes_its_own_night_rate():
    q = price("night-rate", "2027-03-02T20:00", "2027-03-03T00:00", 4)
    # A sergeant from 4 officers: 2 h at 60.00 and 2 h at 72.00; each officer 2 h at 50.00 and 2 h at 60.00.
    assert q.total == M("264.00") + 4 * M("220.00")


@pytest.mark.parametrize("at, tier", [("2027-03-02T21:59", "standard"), ("2027-03-02T22:00", "night"),
                                      ("2027-03-03T05:59", "night"), ("2027-03-03T06:00", "standard"),
                                      ("2027-01-01T03:00", "holiday")])
def test_the_tier_at_a_moment_knows_the_band(at, tier):
    assert tier_at(agency("night-rate"), D(at)) == tier


def test_a_shift_inside_the_band_all_night_stays_one_line():
    q = price("night-rate", "2027-03-02T22:00", "2027-03-03T06:00", 1, 1)
    assert [(l.tier, l.amount) for l in q.lines] == [("night", M("480.00")), ("long", M("12.00")), ("", M("40.00"))]
    assert q.shifts[0].start == dt.datetime(2027, 3, 2, 22)


NIGHT = (KINDS / "night-rate.toml").read_text()


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ('start = "22:00", end = "06:00"', 'start = "02:30", end = "06:00"',
         "tiers.night.when: 02:30 happens twice or never on the days the clocks change in America/Chicago"),
        ('start = "22:00", end = "06:00"', 'start = "22:00", end = "01:30"', "tiers.night.when: 01:30 happens twice or never"),
        ('when = { kind = "time_band", start = "22:00", end = "06:00" }',
         'when = [{ kind = "time_band", start = "22:00", end = "06:00" }, { kind = "length", over_hours = 8 }]', "tiers.night.when"),
    ],
)
def test_a_band_that_cannot_be_priced_right_is_refused(old, new, problem):
    with pytest.raises(AgencyFileError) as info:
        parse_spec(NIGHT.replace(old, new), "night-rate.toml")
    found = [f"{p.field}: {p.reason}" for p in info.value.problems]
    assert any(f.startswith(problem) for f in found), found


def test_a_shift_shortened_before_it_starts_is_a_job_of_its_own():
    """RULES 18: Fri 2 Jan 2026 07:00-22:15 shortened to end 07:15, more than a day ahead: no charge for what is given
    up, and the quarter hour kept is billed as a job, its 4-hour minimum at the day rate (4 x 50.00), not at the night
    rate the dropped evening would have reached. Once a shift has started, added hours take its highest rate (RULES 8)."""
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift, quote

    request = Request((Shift(D("2026-01-02T07:00"), D("2026-01-02T22:15"), 1),), requested_at=D("2025-12-28T07:00"))
    shortened = cancellation_charge(agency("night-rate"), request, D("2025-12-31T06:45"), reduced_end=D("2026-01-02T07:15"))
    assert shortened.charge == 4 * M("50.00") == quote(agency("night-rate"), request._replace(
        shifts=(Shift(D("2026-01-02T07:00"), D("2026-01-02T07:15"), 1),))).total
