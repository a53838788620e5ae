"""Blaine (MN): every figure on pages/blaine-mn.txt, and worked jobs.

Routine $100 an hour, holiday $200 an hour, both with a three-hour minimum (lines 23-24, 88); the holiday rate for
jobs that begin on the listed holidays (lines 32-43); one officer per 1,000 of expected attendance, two with alcohol
(lines 25-26, 58); a supervisor from 6 officers and an incident commander from 10, no rate published (lines 59-60);
the administrative fee by estimated attendance, $0 / $100 / $250 / $500 / $2000 (lines 93-98); under 24 hours'
cancellation notice, three hours per officer, not for weather (lines 69-70); 14 business days' notice or less
warns (line 9); payment within 30 days, suspension more than 30 days past due (lines 14, 89).

Ordinary weekday: Wed 9 Dec 2026, requested a month ahead (Mon 2 Nov 2026) unless a test says otherwise.
Every expected figure is worked by hand in the comments.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote
from detailquote.payment import payment_terms

A = "blaine-mn"
AHEAD = "2026-11-02T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested) if requested else None,
                   **options)


def price(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return quote(agency(A), job(start, end, officers, vehicles, requested, **options))


def officers(q):
    """(positions, hours, rate, amount) of each officer line."""
    return [(l.positions, l.hours, l.rate, l.amount) for l in q.lines if l.role == "officer"]


def fee(q):
    [line] = [l for l in q.lines if l.role == FEE]
    return line.amount


def codes(q):
    return [w.code for w in q.warnings]


# --- the published rates and the three-hour minimum (lines 22-24, 88) ---------------------------------------

def test_the_published_rates():
    a = agency(A)
    assert a.rate("officer", "regular", "routine").rate == M("100.00")  # line 23, 88: "$100/hour"
    assert a.rate("officer", "regular", "holiday").rate == M("200.00")  # line 24, 88: "$200/hr"


@pytest.mark.parametrize(
    "start, end, rows, total",
    [
        # line 23: routine, 4 h x $100 = $400
        ("2026-12-09T10:00", "2026-12-09T14:00", [(1, "4", "100.00", "400.00")], "400.00"),
        # line 23: "with a three hour minimum": 2 h scheduled, 3 h x $100 = $300
        ("2026-12-09T10:00", "2026-12-09T12:00", [(1, "3", "100.00", "300.00")], "300.00"),
        # exactly 3 h: 3 x $100 = $300
        ("2026-12-09T10:00", "2026-12-09T13:00", [(1, "3", "100.00", "300.00")], "300.00"),
        # 3 h 30 min: 3.5 x $100 = $350 (billed as scheduled past the minimum)
        ("2026-12-09T10:00", "2026-12-09T13:30", [(1, "3.5", "100.00", "350.00")], "350.00"),
        # line 24: holiday (Christmas Day), 4 h x $200 = $800
        ("2026-12-25T10:00", "2026-12-25T14:00", [(1, "4", "200.00", "800.00")], "800.00"),
        # line 24: "with a three hour minimum": 1 h on Christmas Day, 3 h x $200 = $600
        ("2026-12-25T10:00", "2026-12-25T11:00", [(1, "3", "200.00", "600.00")], "600.00"),
    ],
)
def test_rates_and_the_three_hour_minimum(start, end, rows, total):
    q = price(start, end)
    assert officers(q) == [(p, M(h), M(r), M(a)) for p, h, r, a in rows]
    assert fee(q) == 0 and q.total == M(total) and q.complete


def test_per_officer():
    # line 88: "$100/hour per officer": 3 officers x 5 h x $100 = $1,500
    assert price("2026-12-09T10:00", "2026-12-09T15:00", 3).total == M("1500.00")


def test_a_marked_squad_costs_nothing():
    # line 52: "There will be NO additional fee for the use of a marked police vehicle": 4 h x $100 = $400 only
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 1, 1)
    assert q.total == M("400.00") and not [l for l in q.lines if l.role == "vehicle"]


# --- holidays (lines 31-43) ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "day, name",
    [
        ("2026-01-19", "Martin Luther King Day: 3rd Monday of January 2026"),
        ("2026-02-16", "President's Day: 3rd Monday of February 2026"),
        ("2026-05-25", "Memorial Day: last Monday of May 2026"),
        ("2026-07-04", "Independence Day: July 4 (a Saturday in 2026)"),
        ("2026-09-07", "Labor Day: 1st Monday of September 2026"),
        ("2026-11-11", "Veteran's Day: November 11"),
        ("2026-11-26", "Thanksgiving Day: 4th Thursday of November 2026"),
        ("2026-11-27", "Day after Thanksgiving"),
        ("2026-12-24", "Christmas Eve"),
        ("2026-12-25", "Christmas Day"),
        ("2027-01-01", "New Year's Day"),
        ("2027-01-18", "Martin Luther King Day 2027"),
        ("2027-05-31", "Memorial Day 2027"),
        ("2027-11-25", "Thanksgiving Day 2027"),
        ("2027-11-26", "Day after Thanksgiving 2027"),
    ],
)
def test_each_listed_holiday_is_at_the_holiday_rate(day, name):
    # line 24, 32: 4 h x $200 = $800 (requested a long way ahead)
    q = price(f"{day}T10:00", f"{day}T14:00", requested="2025-10-01T09:00")
    assert officers(q) == [(1, M(4), M("200.00"), M("800.00"))], name


@pytest.mark.parametrize(
    "day, why",
    [
        ("2026-07-03", "Friday before a Saturday July 4: no observed day"),
        ("2027-07-05", "Monday after a Sunday July 4: no observed day"),
        ("2028-11-10", "Friday before a Saturday Veteran's Day: no observed day"),
        ("2026-12-31", "New Year's Eve is not listed"),
        ("2026-12-26", "the day after Christmas is not listed"),
        ("2026-10-12", "Columbus Day is not listed"),
        ("2026-06-19", "Juneteenth is not listed"),
    ],
)
def test_other_days_are_routine(day, why):
    # 4 h x $100 = $400
    q = price(f"{day}T10:00", f"{day}T14:00", requested="2025-10-01T09:00")
    assert q.total == M("400.00"), why


@pytest.mark.parametrize(
    "start, end, rate, total",
    [
        # line 32: "jobs that begin on the following holidays": Jul 4 20:00 to Jul 5 02:00 begins on the holiday,
        # all 6 h at $200 = $1,200 (the hours after midnight too)
        ("2026-07-04T20:00", "2026-07-05T02:00", "200.00", "1200.00"),
        # Jul 3 20:00 to Jul 4 02:00 begins the day before: all 6 h at $100 = $600 (the 2 h on July 4 too)
        ("2026-07-03T20:00", "2026-07-04T02:00", "100.00", "600.00"),
        # New Year's Eve 20:00 into New Year's Day: begins on Dec 31, 6 h x $100 = $600
        ("2026-12-31T20:00", "2027-01-01T02:00", "100.00", "600.00"),
        # Christmas Eve 18:00 to Christmas Day 02:00: 8 h x $200 = $1,600
        ("2026-12-24T18:00", "2026-12-25T02:00", "200.00", "1600.00"),
        # Day after Thanksgiving 22:00 to Saturday 04:00: 6 h x $200 = $1,200
        ("2026-11-27T22:00", "2026-11-28T04:00", "200.00", "1200.00"),
    ],
)
def test_the_holiday_rate_goes_by_the_day_the_job_begins(start, end, rate, total):
    q = price(start, end, requested="2025-10-01T09:00")
    assert [l.rate for l in q.lines if l.role == "officer"] == [M(rate)] and q.total == M(total)


def test_each_shift_of_a_job_goes_by_its_own_start():
    # July 4 10:00-14:00 (4 h x $200 = $800) and July 5 10:00-14:00 (4 h x $100 = $400): $1,200
    request = Request((Shift(D("2026-07-04T10:00"), D("2026-07-04T14:00"), 1),
                       Shift(D("2026-07-05T10:00"), D("2026-07-05T14:00"), 1)), requested_at=D("2026-05-01T09:00"))
    assert quote(agency(A), request).total == M("1200.00")


# --- staffing by expected attendance (lines 25-26, 57-64) -------------------------------------------------------

@pytest.mark.parametrize(
    "facts, required",
    [
        ("attendance=999", 1),                 # line 25: one officer per (started) 1,000
        ("attendance=1000", 1),
        ("attendance=1001", 2),                # a second thousand started: 2 (the dearer reading)
        ("attendance=2500", 3),                # 2,500: three thousands started, 3 officers
        ("attendance=2500; alcohol=no", 3),
        ("attendance=1000; alcohol=yes", 2),   # line 26: two per 1,000 with alcohol
        ("attendance=2000; alcohol=yes", 4),
        ("attendance=2001; alcohol=yes", 6),   # 3 thousands started x 2 = 6
    ],
)
def test_officers_required_by_attendance(facts, required):
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 1, facts=facts)
    assert dict(q.shifts[0].positions)["officer"] == required
    assert codes(q).count("officers_below_required") == (1 if required > 1 else 0)


def test_the_required_officers_are_priced():
    # line 26: 2,000 attending with alcohol: 4 officers though 1 was requested; 4 x 4 h x $100 = $1,600;
    # line 95: attendance 1,000-3,000, fee $100; total $1,700
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 1, facts="attendance=2000; alcohol=yes")
    assert officers(q) == [(4, M(4), M("100.00"), M("1600.00"))]
    assert fee(q) == M("100.00") and q.total == M("1700.00") and q.complete
    assert codes(q) == ["officers_below_required"]


def test_more_officers_than_required_are_priced_as_requested():
    # 500 attending needs 1; 3 requested: 3 x 3 h (minimum) x $100 = $900, fee $0
    q = price("2026-12-09T10:00", "2026-12-09T12:00", 3, facts="attendance=500")
    assert q.shifts[0].positions == (("officer", 3),) and q.total == M("900.00") and q.warnings == ()


def test_from_six_officers_a_supervisor_with_no_published_rate():
    # line 59: 6 officers: a supervisor "may be required", added; no rate published: the quote prices the
    # officers only (6 x 4 h x $100 = $2,400) and is incomplete.
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 6)
    assert q.shifts[0].positions == (("supervisor", 1), ("officer", 6))
    assert q.total == M("2400.00") and not q.complete and "unpublished_rate" in codes(q)
    # 5 officers: no supervisor, complete: 5 x 4 x $100 = $2,000
    five = price("2026-12-09T10:00", "2026-12-09T14:00", 5)
    assert five.shifts[0].positions == (("officer", 5),) and five.total == M("2000.00") and five.complete


def test_the_captain_may_decide_on_less_supervision():
    # line 62: the supervisor count may be set to 0, with a warning; the quote is then complete: $2,400
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 6, supervisors=0)
    assert q.shifts[0].positions == (("officer", 6),)
    assert q.total == M("2400.00") and q.complete and codes(q) == ["supervisors_below_rule"]


def test_from_ten_officers_an_incident_commander_as_well():
    # line 60: 10 officers: an incident commander and an on-site supervisor, neither priced: 10 x 4 x $100 = $4,000
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 10)
    assert q.shifts[0].positions == (("commander", 1), ("supervisor", 1), ("officer", 10))
    assert q.total == M("4000.00") and not q.complete
    # the supervisor can be set to 0; the commander stays, so the quote stays incomplete
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 10, supervisors=0)
    assert q.shifts[0].positions == (("commander", 1), ("officer", 10)) and not q.complete


def test_officers_required_by_attendance_bring_the_supervisor():
    # lines 26, 59: 2,500 attending with alcohol: 6 officers (3 x 2), so a supervisor; 6 x 3 h x $100 = $1,800,
    # fee $100 (line 95): $1,900, incomplete
    q = price("2026-12-09T10:00", "2026-12-09T12:00", 2, facts="attendance=2500; alcohol=yes")
    assert q.shifts[0].positions == (("supervisor", 1), ("officer", 6))
    assert q.total == M("1900.00") and not q.complete


# --- the administrative fee by estimated attendance (lines 91-98) -------------------------------------------

@pytest.mark.parametrize(
    "attendance, amount",
    [
        (None, "0.00"),      # no attendance given: the $0 band ("if applicable", line 92)
        (0, "0.00"),         # line 94: 0 - 1000, $0
        (1000, "0.00"),      # the shared end point 1000 is in the lower band
        (1001, "100.00"),    # line 95: 1000 - 3000, $100
        (3000, "100.00"),
        (3001, "250.00"),    # line 96: 3000 - 5000, $250
        (5000, "250.00"),
        (5001, "500.00"),    # line 97: 5000 - 10,000, $500
        (10000, "500.00"),   # "Over 10,000" (line 98) leaves 10,000 here
        (10001, "2000.00"),  # line 98: over 10,000, $2000
        (50000, "2000.00"),
    ],
)
def test_administrative_fee_by_attendance(attendance, amount):
    facts = None if attendance is None else f"attendance={attendance}"
    q = price("2026-12-09T10:00", "2026-12-09T14:00", 1, facts=facts)
    assert fee(q) == M(amount)


def test_a_worked_event_with_the_fee():
    # 4,000 attending, no alcohol: 4 officers (line 25), 5 h each: 4 x 5 x $100 = $2,000; fee $250 (line 96);
    # total $2,250
    q = price("2026-12-09T10:00", "2026-12-09T15:00", 4, facts="attendance=4000")
    assert officers(q) == [(4, M(5), M("100.00"), M("2000.00"))]
    assert fee(q) == M("250.00") and q.total == M("2250.00") and q.complete


def test_the_fee_is_once_per_job():
    # Two days, 2,000 attending: 2 officers each day (line 25). Saturday 12 Dec 10:00-16:00: 2 x 6 x $100 = $1,200;
    # Sunday 13 Dec 10:00-14:00: 2 x 4 x $100 = $800; fee $100 once (line 95): $2,100
    request = Request((Shift(D("2026-12-12T10:00"), D("2026-12-12T16:00"), 2),
                       Shift(D("2026-12-13T10:00"), D("2026-12-13T14:00"), 2)),
                      requested_at=D(AHEAD), facts="attendance=2000")
    q = quote(agency(A), request)
    assert fee(q) == M("100.00") and q.total == M("2100.00")


def test_a_holiday_event_with_alcohol():
    # July 4 2026 (Saturday), 18:00-23:00, 6,000 attending with alcohol: 12 officers (6 x 2, line 26), a supervisor
    # and an incident commander (lines 59-60, not priced); 12 x 5 h x $200 = $12,000; fee $500 (line 97): $12,500
    q = price("2026-07-04T18:00", "2026-07-04T23:00", 12, requested="2026-05-01T09:00",
              facts="attendance=6000; alcohol=yes")
    assert officers(q) == [(12, M(5), M("200.00"), M("12000.00"))]
    assert fee(q) == M("500.00") and q.total == M("12500.00") and not q.complete


# --- notice: 14 business days or less warns (line 9) -------------------------------------------------------------

@pytest.mark.parametrize(
    "requested, warned",
    [
        # Event Wed 16 Dec 2026. Business days from the day after the request to the event day, not counting
        # weekends, Thanksgiving (Thu 26 Nov) or the day after (Fri 27 Nov):
        ("2026-11-20T09:00", False),  # Fri 20 Nov: 23, 24, 25 Nov + 30 Nov-4 Dec (5) + 7-11 Dec (5) + 14-16 Dec (3) = 16
        ("2026-11-23T23:59", False),  # Mon 23 Nov: 24 Nov to 16 Dec = 15, enough whatever the hour
        ("2026-11-24T08:00", True),   # Tue 24 Nov: 25 Nov to 16 Dec = 14: "14 business days or less"
        ("2026-11-25T08:00", True),   # Wed 25 Nov: 13
        ("2026-12-15T08:00", True),   # the day before: 1
    ],
)
def test_fourteen_business_days_or_less_warns(requested, warned):
    q = price("2026-12-16T10:00", "2026-12-16T14:00", requested=requested)
    assert codes(q) == (["short_lead_time"] if warned else [])
    assert q.total == M("400.00")  # the price does not change: 4 h x $100


def test_the_warning_counts_business_days():
    q = price("2026-12-16T10:00", "2026-12-16T14:00", requested="2026-11-24T08:00")
    assert "14 business days" in q.warnings[0].message and "15 business days" in q.warnings[0].message


# --- cancellation (lines 67-81) -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "cancelled, worked, charge",
    [
        # job: Wed 9 Dec 2026 10:00-16:00, 2 officers, no attendance given (fee $0)
        ("2026-12-01T10:00", None, "0.00"),    # line 69: well before 24 hours: no charge
        ("2026-12-08T09:59", None, "0.00"),    # 24 h 1 min before: no charge
        ("2026-12-08T10:00", None, "0.00"),    # exactly 24 h: "at least 24 hours before" (line 69): in time
        ("2026-12-08T10:01", None, "600.00"),  # line 70: less than 24 hours: 2 officers x 3 h x $100 = $600
        ("2026-12-09T09:30", None, "600.00"),
        # line 74: the business closed, the applicant did not tell: the normal minimum, 2 x 3 h x $100 = $600
        ("2026-12-09T10:30", M("0.5"), "600.00"),
        # after 5 h worked: the greater of 5 h and the minimum: 2 x 5 x $100 = $1,000
        ("2026-12-09T15:00", M("5"), "1000.00"),
    ],
)
def test_cancellation_by_the_applicant(cancelled, worked, charge):
    request = job("2026-12-09T10:00", "2026-12-09T16:00", 2)
    assert cancellation_charge(agency(A), request, D(cancelled), hours_worked=worked).charge == M(charge)


def test_a_late_cancellation_of_a_holiday_job():
    # line 70 with line 24: July 4, 10:00-16:00, cancelled at 08:00 the same day: 3 h x $200 = $600
    request = job("2026-07-04T10:00", "2026-07-04T16:00", 1, requested="2026-05-01T09:00")
    assert cancellation_charge(agency(A), request, D("2026-07-04T08:00")).charge == M("600.00")


def test_a_late_cancellation_carries_the_administrative_fee():
    # 2,500 attending: 3 officers (line 25). Cancelled at 06:00 the same day: 3 x 3 h x $100 = $900, plus the
    # fee of $100 (line 95): $1,000
    request = job("2026-12-09T10:00", "2026-12-09T16:00", 3, facts="attendance=2500")
    charge = cancellation_charge(agency(A), request, D("2026-12-09T06:00"))
    assert charge.charge == M("1000.00") and charge.low == charge.high == M("1000.00")
    # cancelled in time: nothing, fee included
    assert cancellation_charge(agency(A), request, D("2026-12-07T06:00")).charge == M("0.00")


@pytest.mark.parametrize(
    "cancelled, worked, charge",
    [
        ("2026-12-09T08:00", None, "0.00"),     # line 69: weather, 2 h before: no charge
        ("2026-12-09T09:59", None, "0.00"),
        # weather after the start: the hours worked with the three-hour minimum (line 23): 2 x 3 x $100 = $600
        ("2026-12-09T11:00", M("1"), "600.00"),
        ("2026-12-09T14:00", M("4"), "800.00"),  # 2 x 4 h x $100
    ],
)
def test_a_weather_cancellation(cancelled, worked, charge):
    request = job("2026-12-09T10:00", "2026-12-09T16:00", 2)
    got = cancellation_charge(agency(A), request, D(cancelled), hours_worked=worked, reason="weather")
    assert got.charge == M(charge)


def test_a_shift_cut_short_after_it_begins_is_billed_as_worked():
    # 10:00-16:00 cut to 12:00 at 11:00: 2 h kept, billed the 3-hour minimum: 2 officers x 3 x $100 = $600;
    # cut to 14:00: 2 x 4 x $100 = $800
    request = job("2026-12-09T10:00", "2026-12-09T16:00", 2)
    assert cancellation_charge(agency(A), request, D("2026-12-09T11:00"), reduced_end=D("2026-12-09T12:00")).charge \
        == M("600.00")
    assert cancellation_charge(agency(A), request, D("2026-12-09T13:00"), reduced_end=D("2026-12-09T14:00")).charge \
        == M("800.00")


# --- payment (lines 12-15, 89) --------------------------------------------------------------------------------------

def payment(amount="1000", invoice="2026-10-01", as_of=None, method="check"):
    return payment_terms(agency(A), M(amount), dt.date.fromisoformat(invoice),
                         dt.date.fromisoformat(as_of) if as_of else None, method)


def test_due_within_30_days_of_the_invoice():
    assert payment(invoice="2026-10-01").due_date == dt.date(2026, 10, 31)  # line 89


@pytest.mark.parametrize(
    "as_of, suspended",
    [
        ("2026-10-31", False),  # day 30: due
        ("2026-11-30", False),  # day 60: 30 days past due
        ("2026-12-01", True),   # day 61: more than 30 days past due (line 14)
    ],
)
def test_suspension_more_than_30_days_past_due(as_of, suspended):
    assert payment("1000", "2026-10-01", as_of).suspension_eligible is suspended


def test_no_late_interest_or_card_fee_is_published():
    p = payment("1000", "2026-10-01", "2026-12-15", method="card")
    assert p.late_interest is None and p.surcharge is None and p.returned_check_fee is None
    assert payment(method="check").surcharge == 0
