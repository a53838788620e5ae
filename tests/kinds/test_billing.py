"""Billing past the minimum: blocks (billing-blocks.toml) and increments (billing-increments.toml).

Both bill 50.00 an hour, 75.00 on New Year's Day; the hours added are at the shift's highest rate.
Blocks: 4, 8 or 12 hours, then 2-hour steps. Increments: a 4-hour minimum, then 2-hour steps.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price


@pytest.mark.parametrize(
    "end, billed, total",
    [
        ("2026-03-03T11:00", 4, "200.00"),    # 3 h: the 4-hour block
        ("2026-03-03T12:00", 4, "200.00"),
        ("2026-03-03T12:15", 8, "400.00"),    # past 4 hours: jumps to the 8-hour block
        ("2026-03-03T17:00", 12, "600.00"),   # 9 h: the 12-hour block
        ("2026-03-03T20:00", 12, "600.00"),
        ("2026-03-03T20:30", 14, "700.00"),   # 12.5 h: 12, then a 2-hour step
    ],
)
def test_blocks(end, billed, total):
    q = price("billing-blocks", "2026-03-03T08:00", end)
    assert q.total == M(total)
    assert sum(l.hours for l in q.lines) == billed


def test_a_minute_past_two_steps_takes_a_third():
    assert price("billing-blocks", "2026-03-03T08:00", "2026-03-04T00:01").total == M("900.00")  # 16 h 1 min: 18 h


def test_the_hours_a_block_adds_are_at_the_shifts_highest_rate():
    # Dec 31 23:00 - Jan 1 02:00: 1 h at 50.00, 2 h at 75.00, and 1 h added at 75.00 to fill the 4-hour block.
    q = price("billing-blocks", "2025-12-31T23:00", "2026-01-01T02:00", 2)
    assert lines(q) == [
        ("officer", "standard", 2, 1, M("50.00"), M("100.00"), False),
        ("officer", "holiday", 2, 3, M("75.00"), M("450.00"), False),
    ]


@pytest.mark.parametrize(
    "end, total",
    [
        ("2026-03-03T10:00", "200.00"),   # 2 h: the 4-hour minimum
        ("2026-03-03T12:00", "200.00"),
        ("2026-03-03T12:30", "300.00"),   # 4.5 h: one 2-hour step past the minimum, 6 h
        ("2026-03-03T14:00", "300.00"),
        ("2026-03-03T14:01", "400.00"),   # 6 h 1 min: 8 h
    ],
)
def test_increments(end, total):
    assert price("billing-increments", "2026-03-03T08:00", end).total == M(total)


@pytest.mark.parametrize(
    "end, billed",
    [
        ("2026-03-03T09:00", 4),    # 1 hour: the road job's own 4-hour minimum
        ("2026-03-03T12:00", 4),
        ("2026-03-03T12:01", 8),    # once over 4: 8
        ("2026-03-03T16:00", 8),
        ("2026-03-03T16:30", 9),    # past 8: 1-hour steps (a regular job would bill 12)
        ("2026-03-03T21:10", 14),   # 13 h 10 min: 14
    ],
)
def test_road_jobs_are_billed_by_their_own_blocks(end, billed):
    q = price("billing-blocks", "2026-03-03T08:00", end, job_type="road")
    assert [(l.hours, l.amount) for l in q.lines] == [(M(billed), billed * M("50.00"))]


def test_a_job_types_billing_in_words():
    from conftest import agency
    from detailquote.explain import explain

    assert "Road work jobs: Hours are billed in blocks of 4, 8 hours and then in steps of 1 hour past the last block" in \
        explain(agency("billing-blocks"))
