"""Rates by length of detail (detail-length.toml): every hour at the rate for the shift's length.

A 4-hour minimum. Up to 8 hours 50.00; over 8 hours 75.00; over 10 hours 100.00.
On New Year's Day 60.00, and 90.00 for a detail over 8 hours (both conditions hold).
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price

A = "detail-length"


@pytest.mark.parametrize(
    "start, end, tier, total",
    [
        ("2026-03-03T08:00", "2026-03-03T16:00", "standard", "400.00"),   # 8 h: not over 8
        ("2026-03-03T08:00", "2026-03-03T16:30", "long", "637.50"),       # 8.5 h x 75
        ("2026-03-03T08:00", "2026-03-03T18:00", "long", "750.00"),       # 10 h: not over 10
        ("2026-03-03T08:00", "2026-03-03T18:15", "longest", "1025.00"),   # 10.25 h x 100
        ("2026-03-03T08:00", "2026-03-03T11:00", "standard", "200.00"),   # 3 h, billed the 4-hour minimum
    ],
)
def test_the_whole_detail_takes_the_rate_for_its_length(start, end, tier, total):
    q = price(A, start, end)
    assert {line.tier for line in q.lines} == {tier}
    assert q.total == M(total)


def test_a_long_detail_into_a_holiday_takes_the_long_holiday_rate_for_the_holiday_hours():
    # Dec 31 20:00 - Jan 1 05:00, 9 h: 4 h at 75.00 (300.00), then 5 h at 90.00 (450.00).
    q = price(A, "2025-12-31T20:00", "2026-01-01T05:00")
    assert lines(q) == [
        ("officer", "long", 1, M("4.0000"), M("75.00"), M("300.00"), False),
        ("officer", "holiday_long", 1, M("5.0000"), M("90.00"), M("450.00"), False),
    ]


def test_a_short_detail_on_a_holiday_takes_the_plain_holiday_rate():
    q = price(A, "2026-01-01T08:00", "2026-01-01T14:00", officers=2)
    assert lines(q) == [("officer", "holiday", 2, M("6.0000"), M("60.00"), M("720.00"), False)]
    assert q.total == M("720.00")
