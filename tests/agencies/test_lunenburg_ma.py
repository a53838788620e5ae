"""Lunenburg (MA): every figure on pages/lunenburg-ma.txt, and worked jobs.

Weekday: Wed 18 Nov 2026. Weekend: Fri 20 to Sun 22 Nov 2026. Massachusetts holidays: Patriots' Day,
Mon 20 Apr 2026, and Veterans Day, Wed 11 Nov 2026. Requests a month ahead unless a test says otherwise.
The page's rates are to the hundredth of a cent. Its hourly rate is printed $63.8937, but its minimums and
its time-and-one-half rate follow from $63.8967 (the dearer reading); the quote holds the rates to the cent:
$63.90 and $95.85. Every expected figure is worked by hand from those.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote

A = "lunenburg-ma"
AHEAD = "2026-10-01T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD):
    return Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested) if requested else None)


def price(start, end, officers=1, vehicles=0, requested=AHEAD):
    return quote(agency(A), job(start, end, officers, vehicles, requested))


def parts(q):
    """(officers' charge, vehicles' charge, administration fee) of a quote."""
    def total(role):
        return sum((l.amount for l in q.lines if l.role == role), M("0.00"))
    return total("officer"), total("vehicle"), total(FEE)


# --- the published figures ---------------------------------------------------------------------

def test_the_published_rates_to_the_cent():
    # The page's own figures agree with $63.8967, not the $63.8937 printed on line 8:
    # line 9: 4 x 63.8967 = 255.5868; line 10: 8 x 63.8967 = 511.1736; line 11: 1.5 x 63.8967 = 95.84505 -> 95.8451.
    a = agency(A)
    standard = a.rate("officer", "regular", "standard").rate
    assert standard == M("63.90") and M("0") <= standard - M("63.8967") < M("0.005")  # lines 8-10, half-up
    for tier in ("weekend_holiday", "night"):
        premium = a.rate("officer", "regular", tier).rate
        assert premium == M("95.85") and M("0") <= premium - M("95.8451") < M("0.005")  # line 11: $95.8451, half-up


@pytest.mark.parametrize(
    "start, end, officers, published",
    [
        # line 9: "4 Hour Minimum $255.5868": 4 x 63.90 = 255.60 (2 h and 4 h details)
        ("2026-11-18T08:00", "2026-11-18T10:00", "255.60", "255.5868"),
        ("2026-11-18T08:00", "2026-11-18T12:00", "255.60", "255.5868"),
        # line 10-11: "8 Hour Minimum* $511.1736", "*more than 4 hours, but less than 8 hours, shall be paid for 8"
        ("2026-11-18T08:00", "2026-11-18T12:15", "511.20", "511.1736"),
        ("2026-11-18T08:00", "2026-11-18T14:00", "511.20", "511.1736"),
        ("2026-11-18T08:00", "2026-11-18T16:00", "511.20", "511.1736"),
    ],
)
def test_the_4_and_8_hour_minimums(start, end, officers, published):
    got = parts(price(start, end))[0]
    assert got == M(officers) and M("0") <= got - M(published) < M("0.04")  # never below the page's figure


@pytest.mark.parametrize(
    "start, end, officers",
    [
        ("2026-11-21T10:00", "2026-11-21T14:00", "383.40"),  # line 11: Saturday, 4 x 95.85
        ("2026-11-22T10:00", "2026-11-22T14:00", "383.40"),  # line 11: Sunday
        ("2026-04-20T10:00", "2026-04-20T14:00", "383.40"),  # line 11: Patriots' Day (MA)
        ("2026-11-11T10:00", "2026-11-11T14:00", "383.40"),  # line 11: Veterans Day
        ("2026-11-18T19:00", "2026-11-18T23:00", "383.40"),  # line 12: nights 7:00pm-7:00am, 4 x 95.85
        ("2026-11-18T17:00", "2026-11-18T21:00", "319.50"),  # line 12: 2 x 63.90 + 2 x 95.85 (night hours only)
        ("2026-11-18T05:00", "2026-11-18T09:00", "319.50"),  # line 12: 2 x 95.85 before 7:00am + 2 x 63.90
        ("2026-11-18T13:00", "2026-11-18T17:00", "255.60"),  # weekday daytime: 4 x 63.90
    ],
)
def test_nights_weekends_and_holidays_at_time_and_one_half(start, end, officers):
    assert parts(price(start, end))[0] == M(officers)


def test_a_detail_that_touches_the_weekend_is_priced_wholly_at_time_and_one_half():
    # Fri 16:00 to Sat 00:30 (8.5 h): the weekend takes the whole shift (the dearer reading), so the
    # 3 Friday daytime hours are at 95.85 too: 8 x 95.85 = 766.80, + 0.5 h past 8 x 95.85 = 47.925 -> 47.93.
    assert parts(price("2026-11-20T16:00", "2026-11-21T00:30"))[0] == M("814.73")
    # The same hours on a Tuesday into Wednesday: 3 x 63.90 + 5 x 95.85 (night) + 0.5 x 95.85 (past 8)
    # = 191.70 + 479.25 + 47.93 = 718.88.
    assert parts(price("2026-11-17T16:00", "2026-11-18T00:30"))[0] == M("718.88")


@pytest.mark.parametrize(
    "start, end, officers",
    [
        # line 13: past 8 h at time and one-half: 10 h = 8 x 63.90 + 2 x 95.85 = 511.20 + 191.70
        ("2026-11-18T07:00", "2026-11-18T17:00", "702.90"),
        # 8 h 30 min: 511.20 + 0.5 x 95.85 (47.925 -> 47.93); past 8 h the hours are as worked
        ("2026-11-18T07:00", "2026-11-18T15:30", "559.13"),
        # a night detail past 8 h is not compounded: 10 x 95.85
        ("2026-11-18T19:00", "2026-11-19T05:00", "958.50"),
    ],
)
def test_time_and_one_half_after_8_hours(start, end, officers):
    assert parts(price(start, end))[0] == M(officers)


def test_the_administration_fee_of_10_percent():
    # line 14: 4 x 63.90 = 255.60; 10% = 25.56; total 281.16
    q = price("2026-11-18T08:00", "2026-11-18T12:00")
    assert parts(q) == (M("255.60"), M("0.00"), M("25.56")) and q.total == M("281.16")
    # two officers on a Saturday: 2 x 4 x 95.85 = 766.80; 10% = 76.68
    q = price("2026-11-21T08:00", "2026-11-21T12:00", 2)
    assert parts(q) == (M("766.80"), M("0.00"), M("76.68")) and q.total == M("843.48")


@pytest.mark.parametrize(
    "start, end, officers, cruiser",
    [
        ("2026-11-18T08:00", "2026-11-18T10:00", "255.60", "25.00"),  # line 21: "4 Hour Minimum $25.00"
        ("2026-11-18T08:00", "2026-11-18T12:00", "255.60", "25.00"),
        ("2026-11-18T08:00", "2026-11-18T12:15", "511.20", "50.00"),  # line 22: "Over 4 Hours $50.00"
        ("2026-11-18T08:00", "2026-11-18T16:00", "511.20", "50.00"),
        ("2026-11-18T07:00", "2026-11-18T17:00", "702.90", "50.00"),  # 10 hours: still "Over 4 Hours $50.00"
    ],
)
def test_the_cruiser_fee(start, end, officers, cruiser):
    q = price(start, end, 1, 1)
    fee = ((M(officers) + M(cruiser)) * M("0.10")).quantize(M("0.01"))  # line 14: 10% on the officer and the cruiser
    assert parts(q) == (M(officers), M(cruiser), fee) and q.total == M(officers) + M(cruiser) + fee


def test_a_cruiser_only_if_requested():
    # line 20: "Cruiser fee, if requested": none is added unasked.
    q = price("2026-11-18T08:00", "2026-11-18T12:00")
    assert parts(q)[1] == M("0.00") and not q.warnings


def test_48_hours_notice_is_asked_for_but_does_not_change_the_price():
    # line 5: "Details need to be requested at least 48 hours in advance."
    late = price("2026-11-18T08:00", "2026-11-18T12:00", requested="2026-11-17T08:01")
    assert [w.code for w in late.warnings] == ["short_lead_time"] and late.total == M("281.16")
    assert price("2026-11-18T08:00", "2026-11-18T12:00", requested="2026-11-16T08:00").warnings == ()


# --- cancellation ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start, end, officers, cancelled, charge",
    [
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T05:59", "0.00"),    # line 15: over 2 h notice
        # line 16: "Failure to notify will result in payment of the 4 hour minimum": 4 x 63.90 = 255.60 + 10% 25.56
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T06:00", "281.16"),  # exactly 2 h: the dearer reading
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T07:59", "281.16"),
        ("2026-11-21T08:00", "2026-11-21T16:00", 2, "2026-11-21T06:00", "843.48"),  # 2 x 4 x 95.85 + 10%
        ("2026-11-18T19:00", "2026-11-18T23:00", 1, "2026-11-18T18:00", "421.74"),  # night: 4 x 95.85 + 10% 38.34
        # line 17: terminated after the shift begins, full pay for the scheduled 8 h: 511.20 + 10% 51.12
        ("2026-11-18T08:00", "2026-11-18T16:00", 1, "2026-11-18T10:00", "562.32"),
    ],
)
def test_cancellation(start, end, officers, cancelled, charge):
    assert cancellation_charge(agency(A), job(start, end, officers), D(cancelled)).charge == M(charge)


def test_a_detail_ended_early_is_paid_for_its_scheduled_duration():
    # line 17: an 8-hour detail ended after 2 hours: 8 x 63.90 = 511.20, + 10% 51.12.
    charge = cancellation_charge(agency(A), job("2026-11-18T08:00", "2026-11-18T16:00"), D("2026-11-18T09:00"),
                                 reduced_end=D("2026-11-18T10:00"))
    assert charge.charge == M("562.32")
