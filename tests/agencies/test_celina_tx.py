"""Celina (TX): every figure on pages/celina-tx.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holidays: Good Friday, 3 Apr 2026 (from Easter); Juneteenth.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import D, agency, lines, price
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift

A = "celina-tx"


@pytest.mark.parametrize(
    "job_type, start, officers, role, tier, rate",
    [
        ("regular", "2026-11-18T10:00", 1, "officer", "standard", "61.60"),      # line 12
        ("traffic", "2026-11-18T10:00", 1, "officer", "standard", "61.60"),      # line 14
        ("regular", "2026-11-18T10:00", 3, "supervisor", "standard", "67.20"),   # lines 16, 26
        ("regular", "2026-04-03T10:00", 1, "officer", "holiday", "84.00"),       # line 18: Good Friday
        ("traffic", "2026-06-19T10:00", 3, "supervisor", "holiday", "95.20"),    # line 20: Juneteenth
    ],
)
def test_rates(job_type, start, officers, role, tier, rate):
    end = (D(start) + dt.timedelta(hours=4)).isoformat()
    q = price(A, start, end, officers, job_type=job_type)
    assert (role, tier, 1, 4, M(rate), 4 * M(rate), False) in lines(q)


def test_emergency_is_not_available():
    # lines 21-22, 30: "N/A": a request an hour ahead is priced at the regular rate.
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", requested_at="2026-11-18T09:00")
    assert q.total == 4 * M("61.60")


def test_four_hour_minimum_per_position():
    q = price(A, "2026-11-18T10:00", "2026-11-18T12:00", 2)  # line 24
    assert lines(q) == [("officer", "standard", 2, 4, M("61.60"), M("492.80"), False)]


def test_a_supervisor_from_three_officers_is_one_of_them_and_can_be_set_to_none():
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 3)  # line 26
    assert q.shifts[0].positions == (("supervisor", 1), ("officer", 2))
    assert q.total == 4 * M("67.20") + 2 * 4 * M("61.60")
    assert price(A, "2026-11-18T10:00", "2026-11-18T14:00", 2).shifts[0].positions == (("officer", 2),)
    none = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 3, supervisors=0)
    assert none.total == 3 * 4 * M("61.60")
    assert any("case by case" in n for n in q.notes)


def test_a_shift_touching_a_holiday_is_billed_wholly_at_the_holiday_rate():
    # line 28: Dec 30 22:00 - Dec 31 02:00 touches New Year's Eve: all 4 hours at 84.00.
    q = price(A, "2026-12-30T22:00", "2026-12-31T02:00")
    assert lines(q) == [("officer", "holiday", 1, 4, M("84.00"), M("336.00"), False)]


def test_the_holiday_list():
    days = agency(A).holidays(2026)
    assert len(days) == 14  # line 28 lists 14 days
    assert days[dt.date(2026, 4, 3)] == "Good Friday" and days[dt.date(2026, 4, 5)] == "Easter"
    assert days[dt.date(2026, 11, 27)] == "Day after Thanksgiving"
    assert dt.date(2026, 11, 11) not in days  # Veterans Day is not on Celina's list


def test_cancellation_within_48_hours():
    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 0),))
    early = cancellation_charge(agency(A), request, D("2026-11-16T09:59"))  # line 32: nothing before 48 h
    late = cancellation_charge(agency(A), request, D("2026-11-16T10:00"))
    assert early.charge == 0
    assert late.charge == 2 * 4 * M("61.60") and not late.complete  # the unpublished ODM fee is left out, and said
