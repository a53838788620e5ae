"""Overtime after 8 hours per position per shift: a capped multiplier (overtime-multiplier.toml) and a
fixed rate (overtime-fixed.toml).

Multiplier: 1.5 times the hour's rate, rounded to the cent, at most 80.00; a row may publish its own.
Fixed: every overtime hour at 90.00.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, lines, price


@pytest.mark.parametrize(
    "start, job_type, regular, overtime, total",
    [
        ("2026-03-03T08:00", "regular", "50.00", "75.00", "550.00"),    # 8 x 50 + 2 x 75
        ("2026-01-01T08:00", "regular", "70.00", "80.00", "720.00"),    # 1.5 x 70 = 105, capped at 80
        ("2026-03-03T08:00", "escort", "45.55", "68.33", "501.06"),     # 1.5 x 45.55 = 68.325, to the cent
        ("2026-01-01T08:00", "escort", "52.00", "77.00", "570.00"),     # the row's own overtime rate
    ],
)
def test_multiplier(start, job_type, regular, overtime, total):
    end = start.replace("T08:00", "T18:00")
    q = price("overtime-multiplier", start, end, job_type=job_type)
    assert [(l.rate, l.hours, l.overtime) for l in q.lines] == [(M(regular), 8, False), (M(overtime), 2, True)]
    assert q.total == M(total)


def test_the_overtime_rates_shown_are_the_ones_charged():
    a = agency("overtime-multiplier")
    assert sorted(a.overtime_rate(row) for row in a.cells.values()) == [M("68.33"), M("75.00"), M("77.00"), M("80.00")]


def test_fixed_rate_whatever_the_hours_rate():
    # Dec 31 20:00 - Jan 1 06:00, 10 h: 4 h at 50.00, 4 h holiday at 70.00, the 2 overtime hours at 90.00.
    q = price("overtime-fixed", "2025-12-31T20:00", "2026-01-01T06:00", 3)
    assert lines(q) == [
        ("officer", "standard", 3, 4, M("50.00"), M("600.00"), False),
        ("officer", "holiday", 3, 4, M("70.00"), M("840.00"), False),
        ("officer", "holiday", 3, 2, M("90.00"), M("540.00"), True),
    ]
    assert price("overtime-fixed", "2026-03-03T08:00", "2026-03-03T10:00").total == M("150.00")  # the 3-hour minimum
