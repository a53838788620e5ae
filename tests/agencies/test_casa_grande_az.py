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


# --- cancellation (lines 56-60): the same calendar day, and shortened shifts ------------------

def cancel(cancelled, reduced_end=None):
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), 1),))
    return cancellation_charge(agency(A), request, D(cancelled), reduced_end=D(reduced_end) if reduced_end else None)


def test_cancelled_the_day_before_costs_nothing():
    c = cancel("2026-11-17T23:59")
    assert (c.charge, c.complete, c.lines) == (0, True, ())


def test_first_minute_of_the_start_day_charges_the_minimum_and_an_unpublished_fee():
    c = cancel("2026-11-18T00:00")
    assert c.charge == 4 * M("66.90")
    assert not c.complete and "does not publish its administrative fee" in c.warnings[0]


def test_shortened_after_the_start_is_billed_in_full():
    c = cancel("2026-11-18T10:00", reduced_end="2026-11-18T12:00")
    assert c.charge == 8 * M("66.90")


def test_shortened_before_the_start_bills_the_hours_kept():
    c = cancel("2026-11-18T07:00", reduced_end="2026-11-18T14:00")
    assert [(l.description, l.hours, l.high) for l in c.lines] == [("Officer, standard: hours worked at $66.90", 6, 6 * M("66.90"))]
    assert not c.complete  # the fee on the 2 hours taken off is not published
