"""Bay Harbor Islands (FL): every figure on pages/bay-harbor-islands-fl.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holiday: Independence Day, Sat 4 Jul 2026.
Eastern time: clocks go forward Sun 8 Mar 2026.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price

A = "bay-harbor-islands-fl"


@pytest.mark.parametrize(
    "start, end, requested, tier, rate",
    [
        ("2026-11-18T10:00", "2026-11-18T14:00", None, "standard", "65.00"),             # line 25
        ("2026-07-04T10:00", "2026-07-04T14:00", None, "holiday", "90.00"),              # line 26
        ("2026-11-18T10:00", "2026-11-18T14:00", "2026-11-17T10:00", "emergency", "75.00"),  # lines 27, 33
    ],
)
def test_rates_and_the_vehicle_charge(start, end, requested, tier, rate):
    q = price(A, start, end, 1, requested_at=requested)
    assert lines(q) == [
        ("officer", tier, 1, 4, M(rate), 4 * M(rate), False),
        ("vehicle", "", 1, 4, M("2.27"), M("9.08"), False),  # line 28, required on all shifts (line 31)
    ]


def test_every_position_brings_a_vehicle():
    q = price(A, "2026-11-18T10:00", "2026-11-18T16:00", 3)
    assert lines(q, "vehicle") == [("vehicle", "", 3, 6, M("2.27"), M("40.86"), False)]
    assert q.total == 3 * 6 * M("65.00") + M("40.86")
    assert [w.code for w in q.warnings] == ["vehicle_required"]
    asked = price(A, "2026-11-18T10:00", "2026-11-18T16:00", 3, vehicles=3)
    assert asked.total == q.total and asked.warnings == ()


def test_minimum_lift_is_billed_at_the_holiday_rate_and_the_vehicle_too():
    # Fri 3 Jul 22:00 - Sat 4 Jul 01:00: 2 h regular, 1 h holiday, lifted to 4 h
    q = price(A, "2026-07-03T22:00", "2026-07-04T01:00", 1)
    assert lines(q) == [
        ("officer", "standard", 1, 2, M("65.00"), M("130.00"), False),
        ("officer", "holiday", 1, 2, M("90.00"), M("180.00"), False),
        ("vehicle", "", 1, 4, M("2.27"), M("9.08"), False),
    ]


def test_48_hours_notice():
    assert price(A, "2026-11-18T10:00", "2026-11-18T14:00", 1, 1, requested_at="2026-11-16T10:00").warnings == ()
    late = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 1, 1, requested_at="2026-11-16T10:30")
    assert [w.code for w in late.warnings] == ["short_lead_time"]
    assert late.lines[0].tier == "emergency"


def test_new_years_eve_is_a_holiday_from_midnight():
    q = price(A, "2026-12-30T22:00", "2026-12-31T02:00", 1)
    assert q.total == 2 * M("65.00") + 2 * M("90.00") + 4 * M("2.27")


def test_job_crossing_the_spring_clock_change_counts_real_hours():
    q = price(A, "2026-03-08T00:00", "2026-03-08T06:00", 1)
    assert q.shifts[0].seconds == 5 * 3600
    assert q.total == 5 * M("65.00") + M("11.35")


# --- cancellation (line 35): fee range $6.75-$10.13 -----------------------------------------------

def cancel(cancelled, worked=None):
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), 1, 1),))
    return cancellation_charge(agency(A), request, D(cancelled), hours_worked=worked)


def test_outside_48_hours_the_fee_is_a_range():
    c = cancel("2026-11-16T07:59")
    assert (c.low, c.high, c.charge) == (8 * M("6.75"), 8 * M("10.13"), M("81.04"))


def test_exactly_48_hours_before():
    c = cancel("2026-11-16T08:00")
    assert (c.low, c.high) == (4 * M("65.00") + 4 * M("6.75"), 4 * M("65.00") + 4 * M("10.13"))
    assert any("Vehicles are not charged" in n for n in c.notes)


def test_cancelled_during_the_shift_with_hours_worked_below_the_minimum():
    c = cancel("2026-11-18T10:00", worked=M(2))
    assert c.high == 4 * M("65.00") + M("40.52")  # 4 x 10.13
