"""Several short-notice tiers (notice-tiers.toml): officer 50.00; 55.00 under 7 days' notice; 65.00 under
72 hours'; the page asks for 72 hours. Each applies to every hour; the highest that applies wins.
"""

from decimal import Decimal as M

import pytest

from conftest import price


@pytest.mark.parametrize(
    "requested, total, warned",
    [
        ("2027-03-02T08:00", "200.00", False),   # 8 days: the standard rate
        ("2027-03-03T08:00", "200.00", False),   # exactly 7 days: not under 7 days
        ("2027-03-03T08:01", "220.00", False),   # a minute less: 4 h at 55.00
        ("2027-03-07T08:00", "220.00", False),   # exactly 72 hours: not under 72 hours
        ("2027-03-07T08:01", "260.00", True),    # under 72 hours: 65.00 beats 55.00
        ("2027-03-10T09:00", "260.00", True),    # after the start
        (None, "200.00", False),                 # unknown: enough notice assumed, and said
    ],
)
def test_the_shortest_notice_that_applies_sets_the_rate(requested, total, warned):
    q = price("notice-tiers", "2027-03-10T08:00", "2027-03-10T12:00", requested_at=requested)
    assert q.total == M(total)
    assert any(w.code == "short_lead_time" for w in q.warnings) == warned
    assert any("assumes the request came with enough notice" in n for n in q.notes) == (requested is None)
