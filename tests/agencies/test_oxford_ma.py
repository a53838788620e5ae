"""Oxford (MA): every figure on pages/oxford-ma.txt, and worked jobs.

Weekday: Wed 18 Nov 2026. Weekend: Fri 20 to Mon 23 Nov 2026. Massachusetts holidays: Patriots' Day,
Mon 20 Apr 2026, and Veterans Day, Wed 11 Nov 2026. Requests a month ahead unless a test says otherwise.
Every expected figure is worked by hand: $70.00 an hour, time and one-half $105.00 (1.5 x 70.00).
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote

A = "oxford-ma"
AHEAD = "2026-10-01T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD):
    return Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested) if requested else None)


def price(start, end, officers=1, vehicles=0, requested=AHEAD):
    return quote(agency(A), job(start, end, officers, vehicles, requested))


def officer(q):
    """(hours, rate, amount) of each officer line, and the officers' total."""
    rows = [(l.seconds / M(3600), l.rate, l.amount) for l in q.lines if l.role == "officer"]
    return rows, sum(r[2] for r in rows)


# --- rates -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start, end, total",
    [
        ("2026-11-18T08:00", "2026-11-18T12:00", "280.00"),  # line 6: 4 h x $70.00
        ("2026-04-20T08:00", "2026-04-20T12:00", "420.00"),  # line 11: Patriots' Day (MA), 4 h x $105.00
        ("2026-11-11T08:00", "2026-11-11T12:00", "420.00"),  # line 11: Veterans Day, 4 h x $105.00
        ("2026-11-18T18:00", "2026-11-18T22:00", "420.00"),  # line 12: Mon-Thu after 5:00 PM, 4 h x $105.00
        ("2026-11-18T15:00", "2026-11-18T19:00", "350.00"),  # line 12: 2 h x 70.00 + 2 h after 5 PM x 105.00
        ("2026-11-18T05:00", "2026-11-18T09:00", "350.00"),  # line 12: 2 h before 7 AM x 105.00 + 2 h x 70.00
        ("2026-11-20T13:00", "2026-11-20T17:00", "280.00"),  # line 12: Friday before 5:00 PM, 4 h x 70.00
        ("2026-11-20T17:00", "2026-11-20T21:00", "420.00"),  # line 12: the weekend from 5:00 PM Friday
        ("2026-11-21T10:00", "2026-11-21T14:00", "420.00"),  # line 12: Saturday daytime
        ("2026-11-22T10:00", "2026-11-22T14:00", "420.00"),  # line 12: Sunday daytime
        ("2026-11-23T05:00", "2026-11-23T09:00", "350.00"),  # line 12: weekend to 7:00 AM Monday (2 x 105) + 2 x 70
        ("2026-11-23T07:00", "2026-11-23T11:00", "280.00"),  # line 12: Monday from 7:00 AM, 4 h x 70.00
    ],
)
def test_the_rate_and_time_and_one_half(start, end, total):
    q = price(start, end)
    assert officer(q)[1] == M(total) and q.total == M(total)


def test_the_published_rate_and_its_time_and_one_half():
    a = agency(A)
    assert a.rate("officer", "regular", "standard").rate == M("70.00")  # line 6
    for tier in ("holiday", "night", "weekend", "short_notice"):  # line 9: "Time and one-half the applicable rate"
        assert a.rate("officer", "regular", tier).rate == M("105.00")


@pytest.mark.parametrize(
    "requested, total",
    [
        ("2026-11-18T08:00", "280.00"),  # exactly 2 h before: 4 h x 70.00
        ("2026-11-18T08:01", "420.00"),  # line 13: under 2 h before the start, every hour x 105.00
        ("2026-11-18T09:30", "420.00"),
    ],
)
def test_a_detail_requested_within_two_hours_of_its_start(requested, total):
    assert price("2026-11-18T10:00", "2026-11-18T14:00", requested=requested).total == M(total)


def test_no_request_time_assumes_enough_notice():
    q = price("2026-11-18T10:00", "2026-11-18T14:00", requested=None)
    assert q.total == M("280.00") and any("enough notice" in n for n in q.notes)


# --- minimum, the 8-hour block and the 2-hour steps ----------------------------------------------

@pytest.mark.parametrize(
    "start, end, rows, total",
    [
        # line 7: "A minimum of four (4) hours will be paid": 2 h worked, 4 h x 70.00
        ("2026-11-18T08:00", "2026-11-18T10:00", [(4, "70.00", "280.00")], "280.00"),
        # line 7: "eight (8) hours will be paid after four (4) hours worked": 5 h and 4 h 15 min are paid 8 h
        ("2026-11-18T08:00", "2026-11-18T13:00", [(8, "70.00", "560.00")], "560.00"),
        ("2026-11-18T08:00", "2026-11-18T12:15", [(8, "70.00", "560.00")], "560.00"),
        ("2026-11-18T08:00", "2026-11-18T16:00", [(8, "70.00", "560.00")], "560.00"),
        # line 10: past 8 h, 2-hour minimums at time and one-half: 9 h = 8 x 70.00 + 2 x 105.00
        ("2026-11-18T07:00", "2026-11-18T16:00", [(8, "70.00", "560.00"), (2, "105.00", "210.00")], "770.00"),
        ("2026-11-18T07:00", "2026-11-18T17:00", [(8, "70.00", "560.00"), (2, "105.00", "210.00")], "770.00"),
        # 10.5 h: 8 x 70.00 + 4 x 105.00 (the next 2-hour step)
        ("2026-11-18T07:00", "2026-11-18T17:30", [(8, "70.00", "560.00"), (4, "105.00", "420.00")], "980.00"),
    ],
)
def test_minimum_eight_hour_block_and_two_hour_steps(start, end, rows, total):
    got, officers = officer(price(start, end))
    assert got == [(M(h), M(r), M(a)) for h, r, a in rows] and officers == M(total)


def test_hours_added_to_the_minimum_take_the_highest_rate_of_the_shift():
    # RULES 8: 16:00-18:00 is 1 h at 70.00 and 1 h at 105.00 (after 5 PM); the 2 h added go at 105.00.
    assert price("2026-11-18T16:00", "2026-11-18T18:00").total == M("70.00") + 3 * M("105.00")  # 385.00


def test_time_and_one_half_is_not_compounded_past_eight_hours():
    # Saturday 08:00-17:00: 8 h x 105.00 + 2 h (one 2-hour step) x 105.00, not 157.50.
    assert price("2026-11-21T08:00", "2026-11-21T17:00").total == 10 * M("105.00")  # 1,050.00


def test_two_officers():
    assert price("2026-11-18T08:00", "2026-11-18T12:00", 2).total == 2 * 4 * M("70.00")  # 560.00


# --- the cruiser -------------------------------------------------------------------------------

def test_the_cruiser_at_15_an_hour():
    q = price("2026-11-18T08:00", "2026-11-18T12:00", 1, 1)  # line 17: $15.00 an hour
    cars = [(l.seconds / M(3600), l.rate, l.amount) for l in q.lines if l.role == "vehicle"]
    assert cars == [(M(4), M("15.00"), M("60.00"))] and q.total == M("280.00") + M("60.00")
    # A 9-hour detail: the officer is billed 10 hours (8 + one 2-hour step), the cruiser its 9 deployed: 135.00.
    q = price("2026-11-18T07:00", "2026-11-18T16:00", 1, 1)
    assert q.total == M("770.00") + 9 * M("15.00")


def test_the_cruiser_is_charged_for_actual_hours_deployed():
    # Line 17: "for actual hours deployed": 2 h x 15.00 = 30.00, though the officer is paid the 4-hour minimum.
    q = price("2026-11-18T08:00", "2026-11-18T10:00", 1, 1)
    assert q.total == M("280.00") + M("30.00")
    assert not [l for l in q.lines if l.role == FEE]  # Oxford publishes no administration fee


# --- cancellation ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start, end, officers, cancelled, charge",
    [
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-17T19:59", "0.00"),    # more than 12 h before: none
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-17T20:00", "140.00"),  # line 14: exactly 12 h, 2 h x 70.00
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T06:59", "140.00"),  # line 14: 1 h 1 min before
        ("2026-11-18T08:00", "2026-11-18T16:00", 2, "2026-11-18T03:00", "280.00"),  # 2 officers x 2 h x 70.00
        ("2026-11-21T08:00", "2026-11-21T16:00", 1, "2026-11-21T03:00", "210.00"),  # "the applicable rate": 2 h x 105.00
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T07:00", "280.00"),  # line 15: within the hour, 4 h x 70.00
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T07:59", "280.00"),
        ("2026-11-18T18:00", "2026-11-19T02:00", 1, "2026-11-18T17:30", "420.00"),  # line 15: 4 h x 105.00 (night)
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T08:30", "560.00"),  # line 16: after the start, 8 h x 70.00
        ("2026-11-18T07:00", "2026-11-18T16:00", 1, "2026-11-18T08:00", "770.00"),  # line 16: the 9 h requested, billed 10
    ],
)
def test_cancellation(start, end, officers, cancelled, charge):
    assert cancellation_charge(agency(A), job(start, end, officers), D(cancelled)).charge == M(charge)


def test_the_hours_scheduled_are_paid_once_the_detail_starts():
    # Line 8: "when the detail work commences the number of hours originally scheduled will be utilized":
    # an 8-hour detail released after 2 hours is paid 8 h x 70.00.
    charge = cancellation_charge(agency(A), job("2026-11-18T08:00", "2026-11-18T16:00"), D("2026-11-18T09:00"),
                                 reduced_end=D("2026-11-18T10:00"))
    assert charge.charge == M("560.00")


def test_a_cancellation_before_the_start_does_not_charge_the_cruiser():
    # Line 17: the cruiser is paid for hours deployed; none are before the start. Line 14: 2 h x 70.00.
    charge = cancellation_charge(agency(A), job("2026-11-18T08:00", "2026-11-18T16:00", 1, 1), D("2026-11-18T03:00"))
    assert charge.charge == M("140.00")


def test_a_cruiser_with_each_officer_on_a_public_way():
    # line 18: "a cruiser shall be deployed with the detail on all public ways"; line 17: $15.00 an hour. A Wednesday,
    # 08:00-12:00, two officers on a public way: 2 x 4 h x $70.00 = $560.00, and 2 cruisers x 4 h x $15.00 = $120.00.
    from detailquote.engine import Request, Shift, quote

    request = Request((Shift(D("2026-03-11T08:00"), D("2026-03-11T12:00"), 2),), requested_at=D("2026-03-01T08:00"),
                      facts="public_way=yes")
    q = quote(agency("oxford-ma"), request)
    assert q.total == M("680.00")
    assert [w.code for w in q.warnings] == ["vehicle_required"]
    assert quote(agency("oxford-ma"), request._replace(facts=None)).total == M("560.00")
