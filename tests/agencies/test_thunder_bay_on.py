"""Thunder Bay (ON): every figure on pages/thunder-bay-on.txt, and worked jobs.

Patrol officer $72.00, sergeant $80.00, staff sergeant $85.00, civilian $67.00 an hour, 4-hour minimum
(lines 6-9); mobile cruiser $35.00 an hour + 13% HST = $39.55 (line 17); 1.5 times on Christmas Eve & Day
and New Year's Eve & Day (line 22); 16% administration fee on the invoice (line 23); under 24 hours'
cancellation: 4 hours per member (line 20). Every expected figure is worked by hand in the comments.
Ordinary day: Wed 18 Nov 2026, requested a month ahead unless a test says otherwise.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote

A = "thunder-bay-on"
AHEAD = "2026-10-01T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return quote(agency(A), Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested), **options))


def amounts(q):
    return [(l.role, l.tier, l.hours, l.rate, l.amount) for l in q.lines]


def test_published_member_rates():
    rows = {(r.role, r.tier): r.rate for t in agency(A).spec.rate_tables for r in t.rows}
    assert rows == {
        ("officer", "standard"): M("72.00"),         # line 6: Patrol Officer $72.00/hr
        ("sergeant", "standard"): M("80.00"),        # line 7: Sergeant $80.00/hr
        ("staff_sergeant", "standard"): M("85.00"),  # line 8: Staff Sergeant $85.00/hr
        ("civilian", "standard"): M("67.00"),        # line 9: Civilian $67.00/hr
        # line 22: "1.5 times stated rates above" on Christmas Eve & Day and New Year's Eve & Day
        ("officer", "christmas_new_year"): M("108.00"), ("sergeant", "christmas_new_year"): M("120.00"),
        ("staff_sergeant", "christmas_new_year"): M("127.50"), ("civilian", "christmas_new_year"): M("100.50"),
    }


def test_a_patrol_officer_for_4_hours_with_the_16_percent_fee():
    q = job("2026-11-18T10:00", "2026-11-18T14:00")
    # line 6: 4 h x $72.00 = $288.00; line 23: 16% of $288.00 = $46.08; total $334.08
    assert amounts(q) == [
        ("officer", "standard", M("4"), M("72.00"), M("288.00")),
        ("fee", "admin", M("0"), M("46.08"), M("46.08")),
    ]
    assert q.total == M("334.08")


@pytest.mark.parametrize(
    "end, billed, total",
    [
        ("2026-11-18T12:00", "288.00", "334.08"),  # line 6: 2 h scheduled, 4 h minimum: 4 x 72.00; + 16% (46.08)
        ("2026-11-18T11:00", "288.00", "334.08"),  # 1 h scheduled: still 4 h
        ("2026-11-18T16:00", "432.00", "501.12"),  # 6 h x 72.00 = 432.00; 16% = 69.12
    ],
)
def test_the_4_hour_minimum(end, billed, total):
    q = job("2026-11-18T10:00", end)
    assert q.lines[0].amount == M(billed) and q.total == M(total)


def test_a_sergeant_added_by_the_approving_officer():
    q = job("2026-11-18T10:00", "2026-11-18T14:00", supervisors=1)
    # line 7: 4 h x $80.00 = $320.00; officer $288.00; 16% of $608.00 = $97.28; total $705.28
    assert [(l.role, l.amount) for l in q.lines] == [("sergeant", M("320.00")), ("officer", M("288.00")), ("fee", M("97.28"))]
    assert q.total == M("705.28")
    assert job("2026-11-18T10:00", "2026-11-18T14:00", officers=30).shifts[0].positions == (("officer", 30),)  # no rule adds one


@pytest.mark.parametrize(
    "start, end, total",
    [
        ("2026-12-24T10:00", "2026-12-24T14:00", "501.12"),  # Christmas Eve, line 22: 4 h x 1.5 x 72.00 = 4 x 108.00 = 432.00; + 16% (69.12)
        ("2026-12-25T10:00", "2026-12-25T14:00", "501.12"),  # Christmas Day
        ("2026-12-31T10:00", "2026-12-31T14:00", "501.12"),  # New Year's Eve
        ("2027-01-01T10:00", "2027-01-01T14:00", "501.12"),  # New Year's Day
        ("2026-12-26T10:00", "2026-12-26T14:00", "334.08"),  # Boxing Day: not on line 22, 4 x 72.00 + 16%
        ("2026-12-25T22:00", "2026-12-26T02:00", "417.60"),  # 2 h x 108.00 + 2 h x 72.00 = 360.00; 16% = 57.60
        ("2026-12-31T22:00", "2027-01-01T02:00", "501.12"),  # both dates on line 22: 4 x 108.00
    ],
)
def test_christmas_and_new_year_at_1_5_times(start, end, total):
    assert job(start, end).total == M(total)


def test_the_sergeant_on_christmas_day():
    q = job("2026-12-25T10:00", "2026-12-25T14:00", supervisors=1)
    sergeant = sum(l.amount for l in q.lines if l.role == "sergeant")
    assert sergeant == M("480.00")  # lines 7, 22: 4 h x 1.5 x 80.00 = 4 x 120.00


def test_a_holiday_shift_under_the_minimum_is_billed_the_minimum_at_1_5_times():
    # A 2-hour Christmas Day shift: the 4-hour minimum at 1.5 x 72.00: 4 x 108.00 = 432.00; 16% = 69.12.
    assert job("2026-12-25T10:00", "2026-12-25T12:00").total == M("501.12")


@pytest.mark.parametrize(
    "end, vehicle",
    [
        ("2026-11-18T14:00", "158.20"),  # line 17: $35.00 + 13% HST = $39.55 an hour; 4 h = 140.00 + 18.20 HST
        ("2026-11-18T12:00", "158.20"),  # 2 h scheduled: the cruiser's 4 hr minimum, 158.20
        ("2026-11-18T16:00", "237.30"),  # 6 h: 210.00 + 27.30 HST
    ],
)
def test_a_mobile_cruiser_at_35_an_hour_plus_hst_with_4_hour_minimum(end, vehicle):
    q = job("2026-11-18T10:00", end, vehicles=1)
    assert [l.amount for l in q.lines if l.role == "vehicle"] == [M(vehicle)]


def test_the_16_percent_takes_the_cruiser_too():
    q = job("2026-11-18T10:00", "2026-11-18T14:00", vehicles=1)
    # 288.00 + 158.20 = 446.20; line 23: 16% of the total duty = 71.392 -> 71.39; total 517.59
    assert [l.amount for l in q.lines if l.role == "fee"] == [M("71.39")]  # no booking fee a month ahead
    assert q.total == M("517.59")


def test_less_than_48_hours_notice_owes_the_100_booking_fee():
    late = job("2026-11-18T10:00", "2026-11-18T14:00", requested="2026-11-16T10:01")  # line 21: under 48 hrs
    on_time = job("2026-11-18T10:00", "2026-11-18T14:00", requested="2026-11-16T10:00")
    assert on_time.total == M("334.08")  # 4 h x 72.00 = 288.00; 16% = 46.08
    # The same, plus $100 once; the 16% is "of total duty", not of the fee.
    assert [(l.tier, l.amount) for l in late.lines if l.role == "fee"] == [("admin", M("46.08")), ("booking", M("100.00"))]
    assert late.total == M("434.08") and late.warnings == on_time.warnings == ()


@pytest.mark.parametrize(
    "cancelled, charge",
    [
        ("2026-11-17T09:59", "0.00"),    # 24 h 1 min before: no charge is published
        ("2026-11-17T10:00", "768.16"),  # exactly 24 h: the dearer reading
        ("2026-11-18T09:00", "768.16"),  # line 20: 2 members x 4 h x 72.00 = 576.00; 16% = 92.16; PLUS $100
    ],
)
def test_cancelling_under_24_hours_costs_4_hours_a_member(cancelled, charge):
    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 1),), requested_at=D(AHEAD))
    got = cancellation_charge(agency(A), request, D(cancelled))
    assert got.charge == M(charge)  # the cruiser is not charged


def test_cancelling_after_6_hours_worked_costs_the_hours_worked():
    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2),), requested_at=D(AHEAD))
    got = cancellation_charge(agency(A), request, D("2026-11-18T16:00"), hours_worked=M(6))
    assert got.charge == M("1102.24")  # line 37 "a minimum of 4 hrs": 2 x 6 h x 72.00 = 864.00; 16% = 138.24; $100
