"""Premiums on top of the hour's rate (premiums.toml): they stack with each other and with the tiers.

Officer 50.00, holiday 70.00 (sergeant 60.00, 80.00; one added from 4 officers); a 4-hour minimum.
Night 23:00-07:00 +5.00/h; Saturday and Sunday +3.00/h; holiday hours +10% of their rate; under 24 h
notice the first 4 hours at 1.5 times the rate; officers' hours past 10 +8.00/h. A premium covers the
scheduled hours that meet its condition, not hours added to reach the minimum. Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price

A = "premiums"
AHEAD = "2026-01-01T00:00"


@pytest.mark.parametrize(
    "start, end, requested, total",
    [
        ("2026-03-03T08:00", "2026-03-03T16:00", AHEAD, "400.00"),              # no premium
        ("2026-03-03T20:00", "2026-03-04T04:00", AHEAD, "425.00"),              # 400 + 5 night hours x 5
        ("2026-03-07T06:00", "2026-03-07T12:00", AHEAD, "323.00"),              # Sat: 300 + 1 night h x 5 + 6 h x 3
        ("2026-03-03T08:00", "2026-03-03T14:00", "2026-03-03T07:00", "400.00"), # 300 + 4 h x 50 x 0.5
        ("2026-03-03T06:00", "2026-03-03T18:00", AHEAD, "621.00"),              # 600 + 2 h past 10 x 8 + 1 night h x 5
        ("2026-01-01T10:00", "2026-01-01T14:00", "2025-12-01T00:00", "308.00"), # 280 + 10% of 280
        ("2026-03-03T10:00", "2026-03-03T12:00", AHEAD, "200.00"),              # the minimum's hours take no premium
    ],
)
def test_one_officer(start, end, requested, total):
    assert price(A, start, end, requested_at=requested).total == M(total)


def test_premiums_stack_across_the_spring_clock_change():
    # Sat 7 Mar 22:00 - Sun 8 Mar 06:00 is 7 real hours: 350.00 at 50.00; night 23:00-06:00, 6 real hours
    # x 5.00 = 30.00; the weekend, all 7 hours x 3.00 = 21.00.
    q = price(A, "2026-03-07T22:00", "2026-03-08T06:00", requested_at=AHEAD)
    assert [(l.tier, l.hours, l.amount) for l in q.lines if l.premium] == [
        ("night", 6, M("30.00")), ("weekend", 7, M("21.00")),
    ]
    assert q.total == M("401.00")


def test_each_role_gets_the_premiums_it_is_named_for():
    # 4 officers + 1 sergeant, 11 hours on a Tuesday: past 10 hours is for officers only.
    q = price(A, "2026-03-03T08:00", "2026-03-03T19:00", 4, requested_at=AHEAD)
    assert [l for l in lines(q) if l[1] == "long"] == [("officer", "long", 4, 1, M("8.00"), M("32.00"), False)]
    assert q.total == 11 * M("60.00") + 4 * 11 * M("50.00") + M("32.00")


def test_a_percentage_follows_each_dates_rate():
    # Dec 31 22:00 - Jan 1 02:00 at short notice: 2 h at 50.00 and 2 h at 70.00 (240.00); night 3 h x 5;
    # holiday 10% of 140.00 = 14.00; first 4 hours at half again: (100 + 140) x 0.5 = 120.00.
    q = price(A, "2025-12-31T22:00", "2026-01-01T02:00", requested_at="2025-12-31T12:00")
    premiums = {l.tier: l.amount for l in q.lines if l.premium}
    assert premiums == {"night": M("15.00"), "holiday_pct": M("14.00"), "short_notice": M("120.00")}
    assert q.total == M("240.00") + M("149.00")
