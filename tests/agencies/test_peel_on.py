"""Peel Regional Police (ON): every figure on pages/peel-on.txt, and worked jobs.

Constables $71.00, sergeants $80.00, staff sergeants $89.00, communicators $62.00, prisoner escort officers
$60.00 an hour (line 38); billed by the hour or any part thereof (line 37), at least 3 hours (line 40);
a sergeant from 5 officers (line 39); 15% administration, 1.95% EHT, 0.39% W.S.I.B., all subject to 13%
HST (lines 41-42), read as compounding; vehicle $36.00 + HST = $40.68 an hour (line 43); cancelled under
24 hours: 3 hours per officer (line 29). Every expected figure is worked by hand in the comments, the fees
compounded as the page's fees would be on an invoice:
  admin = 15% of L; EHT = 1.95% of (L + admin); WSIB = 0.39% of (L + admin + EHT); HST = 13% of the three.
Ordinary day: Wed 18 Nov 2026, requested a month ahead unless a test says otherwise.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote

A = "peel-on"
AHEAD = "2026-10-01T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return quote(agency(A), Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested), **options))


def fees(q):
    return [l.amount for l in q.lines if l.role == "fee"]


def test_published_hourly_rates():
    rows = {r.role: r.rate for t in agency(A).spec.rate_tables for r in t.rows}
    assert rows == {  # line 38
        "officer": M("71.00"), "sergeant": M("80.00"), "staff_sergeant": M("89.00"),
        "communicator": M("62.00"), "prisoner_escort": M("60.00"),
    }


def test_a_constable_for_3_hours_with_the_fees_and_hst_on_them():
    q = job("2026-11-18T10:00", "2026-11-18T13:00")
    # line 38: 3 h x 71.00 = 213.00
    # line 41: admin 15% of 213.00 = 31.95; EHT 1.95% of 244.95 = 4.776525 -> 4.78;
    #          WSIB 0.39% of (244.95 + 4.776525 = 249.726525) = 0.97393 -> 0.97
    # line 42: HST 13% of (31.95 + 4.78 + 0.97 = 37.70) = 4.901 -> 4.90
    assert [(l.role, l.hours, l.amount) for l in q.lines if l.role == "officer"] == [("officer", M("3"), M("213.00"))]
    assert fees(q) == [M("31.95"), M("4.78"), M("0.97"), M("4.90")]
    assert q.total == M("255.60")  # 213.00 + 31.95 + 4.78 + 0.97 + 4.90


@pytest.mark.parametrize(
    "end, hours, billed",
    [
        ("2026-11-18T11:00", "3", "213.00"),  # line 40: 1 h scheduled, paid for a minimum of three hours
        ("2026-11-18T13:10", "4", "284.00"),  # line 37: 3 h 10 min, "or any part thereof": 4 h x 71.00
        ("2026-11-18T15:00", "5", "355.00"),  # 5 h x 71.00
    ],
)
def test_billed_by_the_hour_or_any_part_with_a_3_hour_minimum(end, hours, billed):
    q = job("2026-11-18T10:00", end)
    assert [(l.hours, l.amount) for l in q.lines if l.role == "officer"] == [(M(hours), M(billed))]


def test_five_hours_with_fees():
    # 355.00: admin 53.25; EHT 1.95% of 408.25 = 7.960875 -> 7.96; WSIB 0.39% of 416.210875 = 1.623 -> 1.62;
    # HST 13% of (53.25 + 7.96 + 1.62 = 62.83) = 8.1679 -> 8.17; total 426.00
    assert job("2026-11-18T10:00", "2026-11-18T15:00").total == M("426.00")


def test_hst_is_13_percent_of_the_fees_as_invoiced():
    # 284.00: admin 42.60; EHT 1.95% of 326.60 = 6.3687 -> 6.37; WSIB 0.39% of (326.60 + 6.37 = 332.97) = 1.2986 -> 1.30.
    # HST 13% of the fees as rounded on the invoice (42.60 + 6.37 + 1.30 = 50.27) = 6.5351 -> 6.54.
    q = job("2026-11-18T10:00", "2026-11-18T13:10")
    assert fees(q) == [M("42.60"), M("6.37"), M("1.30"), M("6.54")]
    assert q.total == M("340.81")


def test_a_sergeant_is_added_from_five_officers():
    four = job("2026-11-18T10:00", "2026-11-18T13:00", officers=4)
    assert four.shifts[0].positions == (("officer", 4),)
    five = job("2026-11-18T10:00", "2026-11-18T13:00", officers=5)  # line 39
    assert five.shifts[0].positions == (("sergeant", 1), ("officer", 5))
    # 3 h x 80.00 = 240.00 + 5 x 3 h x 71.00 = 1065.00 -> 1305.00
    # admin 195.75; EHT 1.95% of 1500.75 = 29.264625 -> 29.26; WSIB 0.39% of 1530.014625 = 5.967 -> 5.97;
    # HST 13% of (195.75 + 29.26 + 5.97 = 230.98) = 30.0274 -> 30.03
    assert [l.amount for l in five.lines if l.role == "sergeant"] == [M("240.00")]
    assert fees(five) == [M("195.75"), M("29.26"), M("5.97"), M("30.03")]
    assert five.total == M("1566.01")


@pytest.mark.parametrize(
    "end, vehicle",
    [
        ("2026-11-18T13:00", "122.04"),  # line 43: $40.68 an hour including HST (36.00 x 1.13); 3 h
        ("2026-11-18T11:00", "122.04"),  # billed with its officer's 3-hour minimum
        ("2026-11-18T13:10", "162.72"),  # line 37: "including Police vehicles ... or any part thereof": 4 h
    ],
)
def test_a_police_vehicle_at_40_68_an_hour_including_hst(end, vehicle):
    q = job("2026-11-18T10:00", end, vehicles=1)
    assert [l.amount for l in q.lines if l.role == "vehicle"] == [M(vehicle)]


def test_the_fees_are_not_charged_on_the_vehicle():
    q = job("2026-11-18T10:00", "2026-11-18T13:00", vehicles=1)
    # Line 41: "This hourly rate is subject to" the fees; line 43: the vehicle "is subject to H.S.T." only.
    # The officer with fees, 255.60 (above), + the vehicle with HST, 122.04 = 377.64.
    assert fees(q) == [M("31.95"), M("4.78"), M("0.97"), M("4.90")]
    assert q.total == M("377.64")


@pytest.mark.parametrize(
    "requested, job_type, warned",
    [
        ("2026-11-15T23:59", "regular", False),  # line 8: Mon 16, Tue 17, Wed 18: 3 business days
        ("2026-11-16T00:01", "regular", True),   # Tue 17, Wed 18: 2
        # Line 11: "Business days exclude weekends and statutory holidays": ordered Thu 24 Dec for Tue 29 Dec:
        # Fri 25 (Christmas), Sat 26 (Boxing Day, kept on its date), Sun 27: Mon 28, Tue 29 are 2 business days.
        ("2026-12-24T09:00", "regular", True),
        ("2026-12-23T09:00", "regular", False),  # Thu 24 as well: 3
        ("2026-11-04T09:00", "special_event", False),  # line 9: Thu 5, Fri 6, 9-13, 16-18 Nov: 10 business days
        ("2026-11-05T09:00", "special_event", True),   # from Fri 6: 9
        ("2026-10-19T09:00", "major_event", False),    # line 10: 30 days, by the calendar: 19 Oct to 18 Nov
        ("2026-10-20T09:00", "major_event", True),     # 29 days
    ],
)
def test_the_notice_each_kind_of_duty_needs(requested, job_type, warned):
    start, end = ("2026-12-29T10:00", "2026-12-29T13:00") if requested.startswith("2026-12") else \
        ("2026-11-18T10:00", "2026-11-18T13:00")
    q = job(start, end, requested=requested, job_type=job_type)
    assert [w.code for w in q.warnings] == (["short_lead_time"] if warned else [])
    assert q.total == M("255.60")  # notice changes no price


@pytest.mark.parametrize(
    "cancelled, charge",
    [
        ("2026-11-17T09:59", "0.00"),    # line 29: more than 24 hours' notice
        ("2026-11-17T10:00", "511.20"),  # exactly 24 hours: the dearer reading
        ("2026-11-17T22:00", "511.20"),  # 12 h before: the earlier page's 12 hours (line 54) would also charge
        # line 29: 2 officers x 3 h x 71.00 = 426.00; admin 63.90; EHT 1.95% of 489.90 = 9.55305 -> 9.55;
        # WSIB 0.39% of 499.45305 = 1.9479 -> 1.95; HST 13% of (63.90 + 9.55 + 1.95 = 75.40) = 9.802 -> 9.80
    ],
)
def test_cancelling_under_24_hours_costs_3_hours_an_officer(cancelled, charge):
    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 1),), requested_at=D(AHEAD))
    got = cancellation_charge(agency(A), request, D(cancelled))
    assert got.charge == M(charge)  # the vehicle is not charged
