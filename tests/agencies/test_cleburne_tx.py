"""Cleburne (TX): every figure on pages/cleburne-tx.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holidays: Thanksgiving, Thu 26 Nov 2026; Good Friday, 3 Apr 2026.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import agency, lines, price

A = "cleburne-tx"


@pytest.mark.parametrize(
    "start, requested, job_type, tier, rate",
    [
        ("2026-11-18T10:00", None, None, "standard", "56.50"),                         # line 7
        ("2026-11-18T10:00", None, "traffic", "standard", "62.15"),                    # line 8
        ("2026-11-26T10:00", None, None, "holiday", "73.45"),                          # line 10
        ("2026-11-18T10:00", "2026-11-15T10:01", None, "emergency", "73.45"),          # lines 11, 17
        ("2026-11-18T10:00", "2026-11-15T10:00", None, "standard", "56.50"),           # exactly 72 hours
        ("2026-11-18T10:00", None, "special_circumstances", "standard", "73.45"),      # lines 12, 18
        ("2026-11-26T10:00", None, "traffic", "holiday", "73.45"),
    ],
)
def test_rates(start, requested, job_type, tier, rate):
    q = price(A, start, start[:11] + "14:00", 1, requested_at=requested, job_type=job_type)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), 4 * M(rate), False)]


def test_the_fifth_officer_is_a_supervisor():
    four = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 4)
    assert four.shifts[0].positions == (("officer", 4),)
    five = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 5)  # line 15
    assert lines(five) == [
        ("supervisor", "standard", 1, 4, M("67.80"), M("271.20"), False),
        ("officer", "standard", 4, 4, M("56.50"), M("904.00"), False),
    ]


def test_two_hour_minimum_and_the_vehicle_fee():
    q = price(A, "2026-11-18T10:00", "2026-11-18T11:00", 1, 1)  # lines 13, 14, 19
    assert lines(q) == [
        ("officer", "standard", 1, 2, M("56.50"), M("113.00"), False),
        ("vehicle", "", 1, 2, M("18.39"), M("36.78"), False),
    ]


def test_the_holiday_list_is_every_federal_holiday_and_the_named_days():
    days = agency(A).calendar.year(2026)
    named = [dt.date(2026, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 1, 19), dt.date(2026, 4, 3), dt.date(2026, 5, 25),
             dt.date(2026, 6, 19), dt.date(2026, 7, 4), dt.date(2026, 9, 7), dt.date(2026, 11, 26), dt.date(2026, 11, 27),
             dt.date(2026, 12, 24), dt.date(2026, 12, 25)]  # line 16, in its order
    federal_only = [dt.date(2026, 2, 16), dt.date(2026, 10, 12), dt.date(2026, 11, 11)]  # "all federal ... holidays"
    assert set(days) == set(named) | set(federal_only)
