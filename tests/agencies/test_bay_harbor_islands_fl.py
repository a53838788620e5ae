"""Bay Harbor Islands (FL): both schedules, every figure on their pages, and worked jobs.

The Off Duty Management schedule of 22 February 2021 (pages/bay-harbor-islands-fl.txt) prices jobs that
start before 17 December 2025; the schedule from that day (pages/bay-harbor-islands-fl+2025-12-17.txt)
prices the rest. Standard day under the first: Mon 18 Nov 2024; holiday: Independence Day, Thu 4 Jul
2024; clocks went forward Sun 10 Mar 2024.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price

A = "bay-harbor-islands-fl"


@pytest.mark.parametrize(
    "start, end, requested, tier, rate",
    [
        ("2024-11-18T10:00", "2024-11-18T14:00", None, "standard", "65.00"),             # line 25
        ("2024-07-04T10:00", "2024-07-04T14:00", None, "holiday", "90.00"),              # line 26
        ("2024-11-18T10:00", "2024-11-18T14:00", "2024-11-17T10:00", "emergency", "75.00"),  # lines 27, 33
    ],
)
def test_rates_and_the_vehicle_charge(start, end, requested, tier, rate):
    q = price(A, start, end, 1, requested_at=requested)
    assert lines(q) == [
        ("officer", tier, 1, 4, M(rate), 4 * M(rate), False),
        ("vehicle", "", 1, 4, M("2.27"), M("9.08"), False),  # line 28, required on all shifts (line 31)
    ]


def test_every_position_brings_a_vehicle():
    q = price(A, "2024-11-18T10:00", "2024-11-18T16:00", 3)
    assert lines(q, "vehicle") == [("vehicle", "", 3, 6, M("2.27"), M("40.86"), False)]
    assert q.total == 3 * 6 * M("65.00") + M("40.86")
    assert [w.code for w in q.warnings] == ["vehicle_required"]
    asked = price(A, "2024-11-18T10:00", "2024-11-18T16:00", 3, vehicles=3)
    assert asked.total == q.total and asked.warnings == ()


def test_minimum_lift_is_billed_at_the_holiday_rate_and_the_vehicle_too():
    # Wed 3 Jul 22:00 - Thu 4 Jul 01:00: 2 h regular, 1 h holiday, lifted to 4 h
    q = price(A, "2024-07-03T22:00", "2024-07-04T01:00", 1)
    assert lines(q) == [
        ("officer", "standard", 1, 2, M("65.00"), M("130.00"), False),
        ("officer", "holiday", 1, 2, M("90.00"), M("180.00"), False),
        ("vehicle", "", 1, 4, M("2.27"), M("9.08"), False),
    ]


def test_48_hours_notice():
    assert price(A, "2024-11-18T10:00", "2024-11-18T14:00", 1, 1, requested_at="2024-11-16T10:00").warnings == ()
    late = price(A, "2024-11-18T10:00", "2024-11-18T14:00", 1, 1, requested_at="2024-11-16T10:30")
    assert [w.code for w in late.warnings] == ["short_lead_time"]
    assert late.lines[0].tier == "emergency"


def test_new_years_eve_is_a_holiday_from_midnight():
    q = price(A, "2024-12-30T22:00", "2024-12-31T02:00", 1)
    assert q.total == 2 * M("65.00") + 2 * M("90.00") + 4 * M("2.27")


def test_job_crossing_the_spring_clock_change_counts_real_hours():
    q = price(A, "2024-03-10T00:00", "2024-03-10T06:00", 1)
    assert q.shifts[0].seconds == 5 * 3600
    assert q.total == 5 * M("65.00") + M("11.35")


# --- cancellation (line 35): fee range $6.75-$10.13 -----------------------------------------------

def cancel(cancelled, worked=None):
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2024-11-18T08:00"), D("2024-11-18T16:00"), 1, 1),))
    return cancellation_charge(agency(A), request, D(cancelled), hours_worked=worked)


def test_outside_48_hours_the_fee_is_a_range():
    c = cancel("2024-11-16T07:59")
    assert (c.low, c.high, c.charge) == (8 * M("6.75"), 8 * M("10.13"), M("81.04"))


def test_exactly_48_hours_before():
    c = cancel("2024-11-16T08:00")
    assert (c.low, c.high) == (4 * M("65.00") + 4 * M("6.75"), 4 * M("65.00") + 4 * M("10.13"))
    assert any("Vehicles are not charged" in n for n in c.notes)


def test_cancelled_during_the_shift_with_hours_worked_below_the_minimum():
    c = cancel("2024-11-18T10:00", worked=M(2))
    assert c.high == 4 * M("65.00") + M("40.52")  # 4 x 10.13


# --- the schedule from 17 December 2025 (pages/bay-harbor-islands-fl+2025-12-17.txt) ----------------

@pytest.mark.parametrize(
    "start, end, requested, tier, rate",
    [
        ("2026-11-18T10:00", "2026-11-18T14:00", None, "standard", "90.80"),                 # line 6
        ("2026-07-04T10:00", "2026-07-04T14:00", None, "holiday", "119.18"),                 # line 7
        ("2026-06-19T10:00", "2026-06-19T14:00", None, "holiday", "119.18"),                 # Juneteenth, lines 13-14
        ("2026-11-18T10:00", "2026-11-18T14:00", "2026-11-17T10:00", "emergency", "102.15"),  # lines 8, 12
    ],
)
def test_the_2025_rates(start, end, requested, tier, rate):
    q = price(A, start, end, 1, 1, requested_at=requested)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), 4 * M(rate), False), VEHICLE_4H]


VEHICLE_4H = ("vehicle", "", 1, 4, M("2.27"), M("9.08"), False)


def test_the_vehicle_requirement_carries_over_the_silent_revision():
    # RULES 17: the revised page (line 10) prices a vehicle but does not repeat "Vehicles are required on all
    # shifts" (bay-harbor-islands-fl.txt line 31); the requirement stands. 4 x 90.80 + 4 x 2.27.
    q = price(A, "2026-06-03T10:00", "2026-06-03T14:00", 1)
    assert q.total == M("372.28")
    assert lines(q) == [("officer", "standard", 1, 4, M("90.80"), M("363.20"), False), VEHICLE_4H]
    assert [w.code for w in q.warnings] == ["vehicle_required"]
    assert any("carried over from the earlier schedule" in n for n in q.notes)


def test_a_vehicle_on_every_position_and_the_4_hour_minimum():
    q = price(A, "2026-11-18T10:00", "2026-11-18T12:00", 2, 2)  # lines 10, 11
    assert lines(q) == [("officer", "standard", 2, 4, M("90.80"), M("726.40"), False), ("vehicle", "", 2, 4, M("2.27"), M("18.16"), False)]
    assert q.warnings == ()


def test_crossing_guards_at_their_own_rate_and_unpriced_on_holidays():
    q = price(A, "2026-11-18T07:00", "2026-11-18T11:00", 1, 1, job_type="crossing_guard")  # line 9
    assert lines(q) == [("officer", "standard", 1, 4, M("45.40"), M("181.60"), False), VEHICLE_4H]
    holiday = price(A, "2026-07-04T07:00", "2026-07-04T11:00", 1, 1, job_type="crossing_guard")
    assert not holiday.complete and [w.code for w in holiday.warnings] == ["unpublished_rate"]


def test_new_years_eve_is_no_longer_a_holiday():
    q = price(A, "2025-12-31T18:00", "2026-01-01T02:00", 1, 1)
    assert lines(q) == [
        ("officer", "standard", 1, 6, M("90.80"), M("544.80"), False),
        ("officer", "holiday", 1, 2, M("119.18"), M("238.36"), False),
        ("vehicle", "", 1, 8, M("2.27"), M("18.16"), False),
    ]


def test_a_job_across_the_change_is_priced_by_the_schedule_it_starts_in_and_says_so():
    q = price(A, "2025-12-16T20:00", "2025-12-17T02:00", 1)
    assert q.total == 6 * M("65.00") + 6 * M("2.27")  # the 2021 schedule: vehicles required, $65.00
    assert any("runs past 17 December 2025" in n and "in force when it starts (in force from 22 February 2021)" in n
               for n in q.notes)
    after = price(A, "2025-12-17T00:00", "2025-12-17T06:00", 1)
    assert after.total == 6 * M("90.80") + 6 * M("2.27") and not any("runs past" in n for n in after.notes)


def test_the_rate_on_a_date_and_cancellations_under_the_new_schedule():
    from conftest import D, agency, serial
    from detailquote import udfs
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    assert udfs.DETAIL_RATE(A, "officer", None, None, serial("2025-12-16T00:00")) == 65.0
    assert udfs.DETAIL_RATE(A, "officer", None, None, serial("2025-12-17T00:00")) == 90.8
    assert udfs.DETAIL_RATE(A, "officer") == 90.8
    request = Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), 1, 0),))
    charge = cancellation_charge(agency(A), request, D("2026-11-18T07:00"))
    assert not charge.complete and charge.charge == 0
