"""A late-order tier by clock time (order-cutoff.toml), beside a tier that needs short notice on a weekend.

Standard 50.00; ordered at or after 22:00 the day before the start 70.00; at or after 06:00 on the
start day 80.00; a Saturday or Sunday hour ordered under 168 hours ahead 65.00. Shift: Sun 10 May
2026 08:00-12:00 (4 h) unless a test says otherwise; Tue 12 May for the weekday cases.
"""

from decimal import Decimal as M

import pytest

from conftest import price

A = "order-cutoff"


@pytest.mark.parametrize(
    "requested, tier, total",
    [
        ("2026-05-09T21:59", "short_weekend", "260.00"),   # before the cut-off: short notice on a Sunday
        ("2026-05-09T22:00", "late", "280.00"),            # at the cut-off exactly: late
        ("2026-05-10T05:59", "late", "280.00"),
        ("2026-05-10T06:00", "same_day", "320.00"),        # the same-day cut-off, and the highest rate wins
        ("2026-04-01T09:00", "standard", "200.00"),        # weeks ahead: no tier of its own
    ],
)
def test_sunday_shift(requested, tier, total):
    q = price(A, "2026-05-10T08:00", "2026-05-10T12:00", requested_at=requested)
    assert {line.tier for line in q.lines} == {tier}
    assert q.total == M(total)


@pytest.mark.parametrize(
    "requested, tier, total",
    [
        ("2026-05-11T21:59", "standard", "200.00"),   # short notice, but not a weekend: no tier
        ("2026-05-11T23:30", "late", "280.00"),
        ("2026-05-08T23:30", "standard", "200.00"),   # after 22:00, but four days before
    ],
)
def test_weekday_shift(requested, tier, total):
    q = price(A, "2026-05-12T08:00", "2026-05-12T12:00", requested_at=requested)
    assert {line.tier for line in q.lines} == {tier}
    assert q.total == M(total)


def test_without_a_request_time_no_order_tier_applies_and_the_quote_says_so():
    q = price(A, "2026-05-12T08:00", "2026-05-12T12:00")
    assert q.total == M("200.00")
    assert any("No request time was given" in n for n in q.notes)
