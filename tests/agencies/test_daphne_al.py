"""Daphne (AL): every figure on pages/daphne-al.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holiday: Thanksgiving, Thu 26 Nov 2026, and the day after.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, lines, price

A = "daphne-al"


@pytest.mark.parametrize(
    "start, end, requested, tier, rate",
    [
        ("2026-11-18T10:00", "2026-11-18T14:00", None, "standard", "51.75"),               # line 4
        ("2026-11-26T10:00", "2026-11-26T14:00", None, "holiday", "63.25"),                # lines 5, 8
        ("2026-11-27T10:00", "2026-11-27T14:00", None, "holiday", "63.25"),                # the day after
        ("2026-11-18T10:00", "2026-11-18T14:00", "2026-11-17T10:01", "emergency", "63.25"),  # lines 6, 9
        ("2026-11-18T10:00", "2026-11-18T14:00", "2026-11-17T10:00", "standard", "51.75"),   # exactly 24 hours
    ],
)
def test_rates(start, end, requested, tier, rate):
    q = price(A, start, end, 1, requested_at=requested)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), 4 * M(rate), False)]


def test_three_hour_minimum_at_the_shifts_highest_rate():
    q = price(A, "2026-11-25T23:00", "2026-11-26T01:00", 1)  # line 7: 1 h regular, 1 h holiday, lifted to 3
    assert lines(q) == [
        ("officer", "standard", 1, 1, M("51.75"), M("51.75"), False),
        ("officer", "holiday", 1, 2, M("63.25"), M("126.50"), False),
    ]


def test_new_years_eve_and_independence_day_are_not_holidays():
    assert price(A, "2026-12-31T10:00", "2026-12-31T14:00", 1).total == 4 * M("51.75")
    assert price(A, "2026-07-04T10:00", "2026-07-04T14:00", 1).total == 4 * M("51.75")


def test_cancellation_within_24_hours():
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 0),))
    early = cancellation_charge(agency(A), request, D("2026-11-17T09:59"))  # line 10: nothing published before
    late = cancellation_charge(agency(A), request, D("2026-11-17T12:00"))
    assert early.charge == 0
    assert late.charge == 2 * 3 * M("51.75") and not late.complete  # the unpublished fee is left out, and said
