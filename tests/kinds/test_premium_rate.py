"""A premium as a replacement rate over the first hours (premium-rate.toml): officer 50.00, holiday 80.00; a
call-out at under 24 hours' notice pays at least 75.00 an hour for the first 3 hours. Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import price


@pytest.mark.parametrize(
    "start, end, requested, total",
    [
        ("2027-03-03T08:00", "2027-03-03T12:00", "2027-03-03T06:00", "275.00"),   # 200.00 + 3 h x (75.00 - 50.00)
        ("2027-03-03T08:00", "2027-03-03T12:00", "2027-03-01T06:00", "200.00"),   # enough notice: no call-out
        ("2027-03-03T08:00", "2027-03-03T09:00", "2027-03-03T06:00", "125.00"),   # 1 h lifted to 2 (100.00); 1 h covered
        ("2027-01-01T08:00", "2027-01-01T12:00", "2027-01-01T06:00", "320.00"),   # the holiday's 80.00 is higher: nothing
        ("2026-12-31T22:00", "2027-01-01T02:00", "2026-12-31T20:00", "310.00"),   # 260.00; 2 h at 50.00 lifted, 1 h at 80.00 not
    ],
)
def test_a_replacement_rate_lifts_the_first_hours_to_it(start, end, requested, total):
    q = price("premium-rate", start, end, requested_at=requested)
    assert q.total == M(total)
    lifted = [l for l in q.lines if l.premium]
    assert bool(lifted) == (total not in ("200.00", "320.00"))
