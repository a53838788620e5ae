"""Casa Grande (AZ): every priority rate on pages/casa-grande-az.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holiday: Thanksgiving, Thu 26 Nov 2026.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price
from detailquote.errors import InputError

A = "casa-grande-az"
DAY = dict(start="2026-11-18T10:00", end="2026-11-18T14:00")


@pytest.mark.parametrize(
    "options, tier, rate",
    [
        ({}, "standard", "66.90"),                                          # line 24
        ({"requested_at": "2026-11-16T10:01"}, "priority_1", "78.05"),    # lines 25, 34: under 48 h
        ({"priority": "Priority 2"}, "priority_2", "89.20"),              # lines 26, 54: chosen
        ({"priority": "priority_4"}, "priority_4", "111.50"),             # lines 28, 54: chosen
    ],
)
def test_priority_rates(options, tier, rate):
    q = price(A, officers=1, **DAY, **options)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), 4 * M(rate), False)]


def test_priority_3_applies_on_holidays():  # lines 27, 36
    q = price(A, "2026-11-26T10:00", "2026-11-26T14:00", 1)
    assert lines(q) == [("officer", "priority_3", 1, 4, M("100.35"), M("401.40"), False)]


def test_exactly_48_hours_is_standard():
    assert price(A, officers=1, requested_at="2026-11-16T10:00", **DAY).total == 4 * M("66.90")


def test_a_higher_priority_may_be_chosen_over_the_required_one():
    q = price(A, officers=1, requested_at="2026-11-18T08:00", priority="priority 2", **DAY)
    assert q.total == 4 * M("89.20")
    assert q.warnings == ()


def test_a_lower_priority_than_required_gives_way_with_a_warning():
    q = price(A, "2026-11-26T10:00", "2026-11-26T14:00", 1, priority="Priority 1")
    assert q.total == 4 * M("100.35")
    assert [w.code for w in q.warnings] == ["priority_below_required"]


def test_chosen_priority_against_a_holiday_split_at_midnight():
    q = price(A, "2026-11-25T22:00", "2026-11-26T02:00", 1, priority="priority_2")
    assert lines(q) == [
        ("officer", "priority_2", 1, 2, M("89.20"), M("178.40"), False),
        ("officer", "priority_3", 1, 2, M("100.35"), M("200.70"), False),
    ]


def test_holiday_hours_split_at_midnight():
    q = price(A, "2026-11-25T22:00", "2026-11-26T02:00", 1)
    assert q.total == 2 * M("66.90") + 2 * M("100.35")


def test_funeral_escort_has_a_2_hour_minimum():  # line 32
    assert price(A, "2026-11-18T10:00", "2026-11-18T11:00", 1, job_type="funeral escort").total == 2 * M("66.90")
    assert price(A, "2026-11-18T10:00", "2026-11-18T11:00", 1).total == 4 * M("66.90")


def test_unknown_priority_suggests_the_right_one():
    with pytest.raises(InputError, match="did you mean priority_3"):
        price(A, officers=1, priority="priorty_3", **DAY)


def test_vehicles_are_not_published():
    q = price(A, officers=1, vehicles=1, **DAY)
    assert not q.complete and q.total == 4 * M("66.90")
