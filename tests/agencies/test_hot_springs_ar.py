"""Hot Springs (AR): every figure on pages/hot-springs-ar.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Central time: clocks go back Sun 1 Nov 2026.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, lines, price

A = "hot-springs-ar"


@pytest.mark.parametrize(
    "job_type, start, end, requested, tier",
    [
        ("regular", "2026-11-18T10:00", "2026-11-18T13:00", None, "standard"),  # line 26
        ("traffic", "2026-11-18T10:00", "2026-11-18T13:00", None, "standard"),  # line 27
        ("regular", "2026-11-26T10:00", "2026-11-26T13:00", None, "holiday"),   # line 29
    ],
)
def test_officer_total_rate_is_35_40(job_type, start, end, requested, tier):
    q = price(A, start, end, 1, job_type=job_type)
    assert lines(q) == [("officer", tier, 1, 3, M("35.40"), M("106.20"), False)]


def test_supervisor_rate_is_47_20_and_only_by_override():
    assert dict(price(A, "2026-11-18T10:00", "2026-11-18T13:00", 20).shifts[0].positions) == {"officer": 20}
    q = price(A, "2026-11-18T10:00", "2026-11-18T13:00", 2, supervisors=1)
    assert lines(q, "supervisor") == [("supervisor", "standard", 1, 3, M("47.20"), M("141.60"), False)]
    assert dict(q.shifts[0].positions) == {"supervisor": 1, "officer": 2}


def test_published_officer_pay_gives_the_fee():
    a = agency(A)
    officer, supervisor = a.rate("officer", "regular", "standard"), a.rate("supervisor", "regular", "standard")
    assert (officer.pay, officer.rate - officer.pay) == (M("30.00"), M("5.40"))
    assert (supervisor.pay, supervisor.rate - supervisor.pay) == (M("40.00"), M("7.20"))
    assert a.rate("officer", "traffic", "emergency").rate == M("35.40")  # line 30


def test_3_hour_minimum():
    assert price(A, "2026-11-18T10:00", "2026-11-18T11:00", 2).total == 2 * 3 * M("35.40")


def test_job_crossing_the_autumn_clock_change_counts_real_hours():
    q = price(A, "2026-11-01T00:00", "2026-11-01T04:00", 1)
    assert q.shifts[0].seconds == 5 * 3600
    assert q.total == 5 * M("35.40")


def test_no_lead_time_rule_means_no_warning():
    assert price(A, "2026-11-18T10:00", "2026-11-18T13:00", 1, requested_at="2026-11-18T09:00").warnings == ()


# --- cancellation (lines 47-48): the fee is known, $5.40 an hour on the officer rate ---------

def cancel(cancelled, officers=2):
    from conftest import D
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    return cancellation_charge(agency(A), Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), officers),)), D(cancelled))


def test_outside_48_hours_the_fee_for_the_first_24_hours():
    c = cancel("2026-11-16T07:59")
    assert (c.low, c.high) == (2 * 8 * M("5.40"), 2 * 8 * M("5.40"))


def test_exactly_48_hours_before_is_inside_the_window():
    c = cancel("2026-11-16T08:00")
    assert c.charge == c.low == 2 * 3 * M("35.40") + 2 * 5 * M("5.40")


def test_supervisor_fee_is_7_20():
    from conftest import D
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T08:00"), D("2026-11-18T16:00"), 1),), supervisors=1)
    c = cancellation_charge(agency(A), request, D("2026-11-10T08:00"))
    assert sorted(l.high for l in c.lines) == [8 * M("5.40"), 8 * M("7.20")]


def test_hours_at_one_rate_make_one_line_rounded_once():
    # RULES 3 and 20: the regular and holiday rates are the same, $47.20 for a supervisor and $35.40 for an
    # officer (lines 26-30), so 182 minutes from 23:02 on 30 December are one line each: 182/60 x 47.20 = 143.17, 182/60 x 35.40 = 107.38, together 250.55
    # (two lines per position, each rounded, would give 250.56).
    q = price(A, "2026-12-30T23:02", "2026-12-31T02:04", 1, supervisors=1)
    assert [(l.role, l.tier_label, l.hours, l.amount) for l in q.lines] == [
        ("supervisor", "Regular, Holiday", M("3.0333"), M("143.17")),
        ("officer", "Regular, Holiday", M("3.0333"), M("107.38")),
    ]
    assert q.total == M("250.55")
    # with seconds, 22 officers from Juneteenth into the 20th: 43,907 s x 35.40 / 3600 = 431.75 each
    assert price(A, "2027-06-19T22:50:41", "2027-06-20T11:02:28", 22).total == M("9498.50")
