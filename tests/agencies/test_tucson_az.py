"""Tucson (AZ): every cell of the three rate tables on pages/tucson-az.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holiday: Thanksgiving, Thu 26 Nov 2026.
Arizona keeps no daylight saving time.
"""

from decimal import Decimal as M

import pytest

from conftest import lines, price
from detailquote.errors import InputError

A = "tucson-az"
CREW = {"officer": 1, "sergeant": 5, "commander": 16}  # positions that put one of each role on the job
TIER_JOB = {
    "standard": dict(start="2026-11-18T10:00", end="2026-11-18T13:00"),
    "holiday": dict(start="2026-11-26T10:00", end="2026-11-26T13:00"),
    "emergency": dict(start="2026-11-18T10:00", end="2026-11-18T13:00", requested_at="2026-11-17T10:00"),
}
TABLE = [  # (job types, role, tier, published rate, page line)
    *[(("regular",), role, tier, rate, line) for role, tier, rate, line in [
        ("officer", "standard", "64.11", 43), ("sergeant", "standard", "72.48", 44), ("commander", "standard", "80.84", 45),
        ("officer", "holiday", "96.17", 46), ("sergeant", "holiday", "108.71", 47), ("commander", "holiday", "121.26", 48),
        ("officer", "emergency", "96.17", 49), ("sergeant", "emergency", "108.71", 50), ("commander", "emergency", "121.26", 51),
    ]],
    *[(("major_event", "construction"), role, tier, rate, line) for role, tier, rate, line in [
        ("officer", "standard", "72.48", 57), ("sergeant", "standard", "80.84", 58), ("commander", "standard", "89.20", 59),
        ("officer", "holiday", "108.71", 60), ("sergeant", "holiday", "121.26", 61), ("commander", "holiday", "133.80", 62),
        ("officer", "emergency", "108.71", 63), ("sergeant", "emergency", "121.26", 64), ("commander", "emergency", "133.80", 65),
    ]],
    *[(("critical_need",), role, tier, rate, line) for role, tier, rate, line in [
        ("officer", "standard", "78.05", 70), ("sergeant", "standard", "86.41", 71), ("commander", "standard", "94.78", 74),
        ("officer", "holiday", "117.08", 75), ("sergeant", "holiday", "129.62", 76), ("commander", "holiday", "142.60", 77),
        ("officer", "emergency", "117.08", 78), ("sergeant", "emergency", "129.62", 79), ("commander", "emergency", "142.16", 80),
    ]],
]


@pytest.mark.parametrize("jobs, role, tier, rate, line", TABLE, ids=lambda v: str(v))
def test_every_published_rate(jobs, role, tier, rate, line):
    for job in jobs:
        q = price(A, officers=CREW[role], job_type=job, **TIER_JOB[tier])
        assert lines(q, role) == [(role, tier, 1, 3, M(rate), 3 * M(rate), False)]


def test_holiday_rate_starts_at_midnight():
    # 22:00-24:00 standard, 00:00-02:00 Thanksgiving
    q = price(A, "2026-11-25T22:00", "2026-11-26T02:00", 1)
    assert lines(q) == [
        ("officer", "standard", 1, 2, M("64.11"), M("128.22"), False),
        ("officer", "holiday", 1, 2, M("96.17"), M("192.34"), False),
    ]
    assert q.total == M("320.56")


def test_emergency_rate_covers_every_hour_of_a_short_notice_shift():
    q = price(A, "2026-11-18T08:00", "2026-11-18T16:00", 1, requested_at="2026-11-16T08:01")  # 47 h 59 min
    assert lines(q) == [("officer", "emergency", 1, 8, M("96.17"), M("769.36"), False)]
    assert [w.code for w in q.warnings] == ["short_lead_time"]


def test_exactly_48_hours_is_not_short_notice_but_still_under_72():
    q = price(A, "2026-11-18T08:00", "2026-11-18T16:00", 1, requested_at="2026-11-16T08:00")
    assert q.total == 8 * M("64.11")
    assert [w.code for w in q.warnings] == ["short_lead_time"]
    enough = price(A, "2026-11-18T08:00", "2026-11-18T16:00", 1, requested_at="2026-11-15T08:00")
    assert enough.warnings == ()


def test_holiday_and_emergency_do_not_stack():
    q = price(A, "2026-11-26T10:00", "2026-11-26T13:00", 1, job_type="critical_need", requested_at="2026-11-26T08:00")
    assert q.total == 3 * M("117.08")


@pytest.mark.parametrize(
    "officers, crew",
    [
        (1, {"officer": 1}),
        (3, {"officer": 3}),
        (4, {"officer": 4}),
        (5, {"sergeant": 1, "officer": 4}),
        (7, {"sergeant": 1, "officer": 6}),
        (15, {"sergeant": 1, "officer": 14}),
        (16, {"commander": 1, "sergeant": 1, "officer": 14}),
    ],
)
def test_supervisors_are_substituted_within_the_positions_requested(officers, crew):
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", officers)
    assert dict(q.shifts[0].positions) == crew


@pytest.mark.parametrize("officers, total", [(1, "256.44"), (3, "769.32"), (5, "1315.68"), (7, "1828.56"), (16, "4203.44")])
def test_totals_by_crew_size(officers, total):
    # 4 h: officer 256.44, sergeant 289.92, commander 323.36
    assert price(A, "2026-11-18T10:00", "2026-11-18T14:00", officers).total == M(total)


def test_vehicle_adds_half_an_hour_and_is_billed_for_it():
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 1, vehicles=1)
    assert lines(q) == [
        ("officer", "standard", 1, M("4.5"), M("64.11"), M("288.50"), False),  # 288.495 rounds half-up
        ("vehicle", "", 1, M("4.5"), M("15.00"), M("67.50"), False),
    ]


def test_vehicle_handling_counts_toward_the_minimum():
    q = price(A, "2026-11-18T10:00", "2026-11-18T12:00", 1, vehicles=1)  # 2 h + 0.5 h, lifted to 3 h
    assert q.total == 3 * M("64.11") + 3 * M("15.00")


def test_vehicles_go_to_the_highest_paid_positions_first():
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 5, vehicles=2)
    assert lines(q) == [
        ("sergeant", "standard", 1, M("4.5"), M("72.48"), M("326.16"), False),
        ("vehicle", "", 1, M("4.5"), M("15.00"), M("67.50"), False),
        ("officer", "standard", 1, M("4.5"), M("64.11"), M("288.50"), False),
        ("vehicle", "", 1, M("4.5"), M("15.00"), M("67.50"), False),
        ("officer", "standard", 3, 4, M("64.11"), M("769.32"), False),
    ]


def test_short_job_is_lifted_to_the_3_hour_minimum_at_the_highest_rate():
    q = price(A, "2026-11-25T23:00", "2026-11-26T01:00", 1)  # 1 h standard, 1 h Thanksgiving
    assert lines(q) == [
        ("officer", "standard", 1, 1, M("64.11"), M("64.11"), False),
        ("officer", "holiday", 1, 2, M("96.17"), M("192.34"), False),
    ]


def test_no_clock_change_in_arizona():
    q = price(A, "2026-10-31T22:00", "2026-11-01T06:00", 1)
    assert q.shifts[0].seconds == 8 * 3600


def test_more_vehicles_than_positions_is_refused():
    with pytest.raises(InputError, match="at most one vehicle per position"):
        price(A, "2026-11-18T10:00", "2026-11-18T14:00", 2, vehicles=3)


# --- cancellation (lines 107-121) --------------------------------------------------------

def cancel(cancelled, shifts=(("2026-11-18T08:00", "2026-11-18T16:00"),), officers=2, worked=None):
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request(tuple(Shift(D(s), D(e), officers) for s, e in shifts))
    return cancellation_charge(agency(A), request, D(cancelled), hours_worked=worked)


def test_once_approved_the_fee_for_the_first_24_hours_is_a_range():
    c = cancel("2026-11-17T07:59")  # 24 h 1 min before: outside the window
    assert (c.low, c.high, c.charge) == (2 * 8 * M("6.40"), 2 * 8 * M("12.00"), M("192.00"))


def test_exactly_24_hours_before_is_inside_the_window():
    c = cancel("2026-11-17T08:00")
    # per position 3 h at 64.11, plus the fee on the other 5 of the 8 scheduled hours
    assert (c.low, c.high) == (2 * 3 * M("64.11") + 2 * 5 * M("6.40"), 2 * 3 * M("64.11") + 2 * 5 * M("12.00"))
    assert c.charge == M("504.66") and c.complete


def test_after_the_start_hours_worked_count_when_above_the_minimum():
    c = cancel("2026-11-18T13:00", worked=M(5))
    assert (c.low, c.high) == (2 * 5 * M("64.11") + 2 * 3 * M("6.40"), 2 * 5 * M("64.11") + 2 * 3 * M("12.00"))


def test_multi_day_job_only_the_first_24_hours_carry_the_fee():
    shifts = (("2026-11-18T18:00", "2026-11-19T02:00"),   # inside the window when cancelled
              ("2026-11-19T14:00", "2026-11-19T22:00"),   # 4 of its hours fall in the first 24 h
              ("2026-11-20T14:00", "2026-11-20T22:00"))   # wholly after the first 24 h
    c = cancel("2026-11-18T06:00", shifts, officers=1)
    assert [(l.shift, l.hours) for l in c.lines] == [(1, 3), (1, 5), (2, 4)]
    assert (c.low, c.high) == (M("192.33") + 9 * M("6.40"), M("192.33") + 9 * M("12.00"))


def test_worked_hours_need_a_shift_under_way():
    with pytest.raises(InputError, match="no shift was under way"):
        cancel("2026-11-17T08:00", worked=M(2))


def test_hours_worked_are_billed_at_their_own_rates_not_the_shifts_highest():
    # RULES 18: 23 Dec 18:00 to 24 Dec 02:00 (the 24th a holiday from midnight, line 89), cancelled at 22:00
    # with 4 hours worked, all on the 23rd: 4 x 64.11, plus the fee on the other 4 scheduled hours (4 x 6.40-12.00).
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-12-23T18:00"), D("2026-12-24T02:00"), 1),), requested_at=D("2026-11-01T00:00"))
    c = cancellation_charge(agency(A), request, D("2026-12-23T22:00"), hours_worked=M(4))
    assert (c.low, c.high, c.charge) == (M("282.04"), M("304.44"), M("304.44"))
    assert [(l.description, l.hours, l.high) for l in c.lines][0] == ("Officer, standard: hours worked at $64.11", 4, M("256.44"))


def test_a_shift_cut_an_hour_short_costs_less_than_the_whole_shift():
    # 25 Dec 23:00 to 26 Dec 23:00 (1 h of Christmas at 96.17, 23 h at 64.11: 1,570.70), shortened at 01:00 on the
    # 26th to end at 22:00: the 23 hours kept at their own rates, 96.17 + 22 x 64.11 = 1,506.59, plus the fee on the
    # hour taken off the first 24 (6.40-12.00).
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-12-25T23:00"), D("2026-12-26T23:00"), 1),))
    assert price(A, "2026-12-25T23:00", "2026-12-26T23:00").total == M("1570.70")
    c = cancellation_charge(agency(A), request, D("2026-12-26T01:00"), reduced_end=D("2026-12-26T22:00"))
    assert (c.low, c.high) == (M("1512.99"), M("1518.59"))


def test_a_minimum_lifted_after_an_hour_worked_adds_only_the_missing_hours_at_the_highest_rate():
    # 23 Dec 23:00 to 24 Dec 07:00, cancelled at 23:30 after half an hour: 0.5 h at 64.11 worked, 2.5 h added to
    # reach the 3-hour minimum at the shift's highest rate, 96.17 (RULES 8), and the fee on the 5 hours left.
    c = cancel("2026-12-23T23:30", (("2026-12-23T23:00", "2026-12-24T07:00"),), officers=1, worked=M("0.5"))
    assert [(l.hours, l.high) for l in c.lines[:2]] == [(M("0.5"), M("32.06")), (M("2.5"), M("240.43"))]
    assert c.high == M("32.06") + M("240.43") + 5 * M("12.00")


def test_a_supervisor_count_below_what_the_page_requires_is_refused():
    # line 84: "5 or more officers requested will require a Sergeant as the 5th officer" (RULES 19)
    with pytest.raises(InputError, match="Tucson PD requires 1 sergeant for 5 officers: the supervisor count can add "
                                         "to that, not go below it"):
        price(A, "2026-12-24T18:00", "2026-12-25T02:00", 5, supervisors=0)
    raised = price(A, "2026-11-18T08:00", "2026-11-18T16:00", 5, supervisors=2)
    assert raised.shifts[0].positions == (("sergeant", 2), ("officer", 3))


def test_a_cancellation_before_the_request_is_refused():
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-12-23T18:00"), D("2026-12-24T02:00"), 1),), requested_at=D("2026-03-01T00:00"))
    with pytest.raises(InputError, match="cancelled is before requested: a job cannot be cancelled before it was requested"):
        cancellation_charge(agency(A), request, D("2026-02-01T00:00"))
    assert cancellation_charge(agency(A), request, D("2026-03-01T00:00")).charge == 8 * M("12.00")
