"""Notice counted in calendar days (notice-days.toml): by the dates of the order and of the shift, not by hours.

Officer 50.00; 65.00 for a shift ordered fewer than 3 days before the day it starts; a 10.00 an hour add-on when
ordered the same day. A 4-hour shift on Fri 11 Dec 2026 08:00-12:00, 2 officers. Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.engine import Request, Shift, quote, tier_at
from detailquote.explain import explain


@pytest.mark.parametrize(("ordered", "total"), [
    ("2026-12-07T23:59", 2 * 4 * M("50.00")),              # 4 days before: the usual rate
    ("2026-12-08T00:00", 2 * 4 * M("50.00")),              # 3 days before, however early: still 3 days' notice
    ("2026-12-09T07:00", 2 * 4 * M("65.00")),              # 2 days before: under 3 days, though 49 hours ahead
    ("2026-12-11T06:00", 2 * 4 * (M("65.00") + M("10.00"))),  # the same day: the add-on too
])
def test_the_rate_follows_the_order_date(ordered, total):
    request = Request((Shift(D("2026-12-11T08:00"), D("2026-12-11T12:00"), 2),), requested_at=D(ordered))
    assert quote(agency("notice-days"), request).total == total


def test_without_an_order_time_the_usual_rate_and_a_note():
    q = quote(agency("notice-days"), Request((Shift(D("2026-12-11T08:00"), D("2026-12-11T12:00"), 2),)))
    assert q.total == 2 * 4 * M("50.00")
    assert any("No request time was given" in note for note in q.notes)


def test_tier_at_and_words():
    assert tier_at(agency("notice-days"), D("2026-12-11T08:00"), D("2026-12-09T23:00")) == "short_days"
    words = explain(agency("notice-days"))
    assert "Under 3 days' notice: Every hour of a shift requested fewer than 3 days before the day it starts." in words
    assert "Rush add-on: $10.00 an hour on top, for every hour of a shift requested on the day it starts" in words
