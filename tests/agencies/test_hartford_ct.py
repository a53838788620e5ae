"""Hartford (CT): every figure on pages/hartford-ct.txt, and worked jobs.

Weekday: Wed 18 Nov 2026. Weekend: Sat 21 Nov 2026. CT holiday: Columbus
Day, Mon 12 Oct 2026. Clocks go back Sun 1 Nov 2026 and forward Sun 8 Mar 2026.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, lines, price

A = "hartford-ct"


# --- published figures -------------------------------------------------------

@pytest.mark.parametrize(
    "start, end, role_count, role, published",
    [
        # line 36: "Police Officer $80.30 $642.40 $120.45"
        ("2026-11-18T07:00", "2026-11-18T15:00", 1, "officer", "642.40"),
        # line 52: "Police Officer $120.45  $963.60 $160.60"
        ("2026-11-21T07:00", "2026-11-21T15:00", 1, "officer", "963.60"),
        # line 37: "Police Sergeant or Lieutenant1 $111.10 $888.80 $166.65"
        ("2026-11-18T07:00", "2026-11-18T15:00", 3, "sergeant", "888.80"),
        # line 53: "Police Sergeant or Lieutenant1 $166.65 $1,333.20 $222.20"
        ("2026-11-21T07:00", "2026-11-21T15:00", 3, "sergeant", "1333.20"),
    ],
)
def test_minimum_8_hour_amounts(start, end, role_count, role, published):
    q = price(A, start, end, role_count)
    (line,) = lines(q, role)
    assert line[3] == 8 and line[5] == M(published) * (role_count if role == "officer" else 1)


@pytest.mark.parametrize(
    "day, role_count, role, base, overtime",
    [
        ("2026-11-18", 1, "officer", "80.30", "120.45"),
        ("2026-11-18", 3, "sergeant", "111.10", "166.65"),
        ("2026-11-21", 1, "officer", "120.45", "160.60"),
        ("2026-11-21", 3, "sergeant", "166.65", "222.20"),
    ],
)
def test_overtime_rates_after_8_hours(day, role_count, role, base, overtime):
    q = price(A, f"{day}T06:00", f"{day}T15:00", role_count)
    regular, extra = lines(q, role)
    assert (regular[3], regular[4], regular[6]) == (8, M(base), False)
    assert (extra[3], extra[4], extra[5] / (role_count if role == "officer" else 1), extra[6]) == (1, M(overtime), M(overtime), True)


def test_overtime_rates_are_the_published_multiples():
    # "(1.5 x hourly rate)" on weekdays (line 34), "(2 x hourly rate)" on weekends (line 50)
    a = agency(A)
    for role in ("officer", "sergeant", "lieutenant"):
        weekday, weekend = a.rate(role, "regular", "standard"), a.rate(role, "regular", "weekend_holiday")
        assert weekday.overtime == weekday.rate * M("1.5")
        assert weekend.rate == weekday.rate * M("1.5")
        assert weekend.overtime == weekday.rate * 2


def test_lieutenant_bills_at_the_sergeant_rate():
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 7)
    assert lines(q, "lieutenant") == [("lieutenant", "standard", 1, 8, M("111.10"), M("888.80"), False)]


# --- worked jobs -------------------------------------------------------------------

def test_long_weekday_job_with_overtime():
    # 12 h: 8 h at $80.30 + 4 h at $120.45 = 642.40 + 481.80
    q = price(A, "2026-11-18T06:00", "2026-11-18T18:00", 1)
    assert q.total == M("1124.20")
    assert "overtime" in " ".join(q.notes)


def test_short_job_is_lifted_to_the_8_hour_minimum():
    q = price(A, "2026-11-18T09:00", "2026-11-18T13:00", 2)
    assert lines(q) == [("officer", "standard", 2, 8, M("80.30"), M("1284.80"), False)]
    assert any("8-hour minimum" in n for n in q.notes)


def test_shift_crossing_midnight_into_saturday_is_priced_wholly_as_weekend():
    q = price(A, "2026-11-20T20:00", "2026-11-21T04:00", 1)
    assert q.total == M("963.60")


def test_state_holiday_uses_the_weekend_holiday_table():
    q = price(A, "2026-10-12T08:00", "2026-10-12T16:00", 1)  # Columbus Day, a Monday
    assert q.total == M("963.60")
    assert any("Connecticut" in n for n in q.notes)


def test_job_crossing_the_autumn_clock_change_counts_real_hours():
    # Sat 31 Oct 22:00 to Sun 1 Nov 06:00 is 9 real hours: 8 + 1 overtime, weekend table.
    q = price(A, "2026-10-31T22:00", "2026-11-01T06:00", 1)
    assert q.shifts[0].seconds == 9 * 3600
    assert q.total == M("963.60") + M("160.60")


def test_job_crossing_the_spring_clock_change_is_lifted_to_the_minimum():
    q = price(A, "2026-03-07T22:00", "2026-03-08T06:00", 1)  # 7 real hours
    assert q.shifts[0].seconds == 7 * 3600
    assert q.total == M("963.60")


@pytest.mark.parametrize(
    "officers, crew",
    [
        (1, {"officer": 1}),
        (2, {"officer": 2}),
        (3, {"officer": 3, "sergeant": 1}),
        (5, {"officer": 5, "sergeant": 1}),
        (6, {"officer": 6, "sergeant": 1}),
        (7, {"officer": 7, "sergeant": 2, "lieutenant": 1}),
        (12, {"officer": 12, "sergeant": 2, "lieutenant": 1}),
        (16, {"officer": 16, "sergeant": 3, "lieutenant": 1}),
        (31, {"officer": 31, "sergeant": 6, "lieutenant": 2, "captain": 1}),
    ],
)
def test_supervisors_are_added_by_the_union_cascade(officers, crew):
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", officers)
    assert dict(q.shifts[0].positions) == crew


@pytest.mark.parametrize("officers, total", [(1, "642.40"), (3, "2816.00"), (5, "4100.80"), (7, "7163.20"), (16, "13833.60")])
def test_totals_by_crew_size(officers, total):
    # officers x 642.40 + sergeants x 888.80 + lieutenants x 888.80
    assert price(A, "2026-11-18T07:00", "2026-11-18T15:00", officers).total == M(total)


def test_captain_rate_is_unpublished_so_the_quote_is_incomplete():
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 31)
    assert not q.complete
    assert not lines(q, "captain")
    assert any(w.code == "unpublished_rate" and "Captain" in w.message for w in q.warnings)
    assert q.total == 31 * M("642.40") + 8 * M("888.80")


def test_supervisor_override_can_lower_the_count_as_the_page_allows_with_a_warning():
    # line 15: "The private job supervisor may adjust the number of Sergeants and Lieutenants." (RULES 19)
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 7, supervisors=1)
    assert dict(q.shifts[0].positions) == {"officer": 7, "sergeant": 1}
    assert [(w.code, w.message) for w in q.warnings] == [("supervisors_below_rule", "1 police sergeant set where Hartford "
                                                          "PD's rule gives 2: the page lets the count be adjusted, so confirm it with the agency.")]
    more = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 7, supervisors=3)
    assert dict(more.shifts[0].positions) == {"officer": 7, "sergeant": 3, "lieutenant": 1}
    assert more.warnings == () and any("instead of the 2" in n for n in more.notes)


def test_short_notice_warns_but_does_not_change_the_price():
    late = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 1, requested_at="2026-11-17T12:00")
    on_time = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 1, requested_at="2026-11-17T07:00")
    assert late.total == on_time.total == M("642.40")
    assert [w.code for w in late.warnings] == ["short_lead_time"]
    assert on_time.warnings == ()  # exactly 24 hours is enough


def test_construction_rates_are_unpublished():
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 1, job_type="construction")
    assert not q.complete and q.total == 0
    assert {w.code for w in q.warnings} == {"unpublished_rate", "permit_required"}


def test_xfinity_theater_is_flagged():
    q = price(A, "2026-11-18T07:00", "2026-11-18T15:00", 1, venue="XFINITY Theatre, parking lot B")
    assert [w.code for w in q.warnings] == ["prohibited_venue"]


# --- cancellation and payment (lines 68-94) ------------------------------------------

def cancel(officers, cancelled, start="2026-11-18T08:00", end="2026-11-18T16:00"):
    from conftest import D
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    return cancellation_charge(agency(A), Request((Shift(D(start), D(end), officers),)), D(cancelled))


@pytest.mark.parametrize(
    "cancelled, charge",
    [
        ("2026-11-17T08:00", "0.00"),      # the day before
        ("2026-11-18T05:59", "0.00"),      # more than 2 hours before (line 70)
        ("2026-11-18T06:00", "1408.00"),   # exactly 2 hours before: 4 h x (3 x 80.30 + 111.10) (line 72)
        ("2026-11-18T08:00", "1408.00"),   # at the start is still within 2 hours, not after it
        ("2026-11-18T08:01", "2816.00"),   # after the start: the full amount (line 74)
    ],
)
def test_cancellation_windows(cancelled, charge):
    c = cancel(3, cancelled)
    assert (c.charge, c.low, c.high, c.complete) == (M(charge), M(charge), M(charge), True)


def test_weekend_cancellation_is_at_the_rate_the_job_was_priced_at():
    c = cancel(1, "2026-11-21T07:00", start="2026-11-21T08:00", end="2026-11-21T16:00")
    assert c.charge == 4 * M("120.45")


def payment(amount="1000", invoice="2026-10-01", as_of=None, method="check", legal=None):
    import datetime as dt

    from detailquote.payment import payment_terms

    return payment_terms(agency(A), M(amount), dt.date.fromisoformat(invoice),
                         dt.date.fromisoformat(as_of) if as_of else None, method, legal)


def test_card_ach_and_returned_check_fees():
    assert payment("1000", method="card").surcharge == M("29.50")   # 2.95% (line 94)
    assert payment("50", method="card").surcharge == M("1.95")      # $1.95 minimum
    assert payment("1000", method="ach").surcharge == M("0.50")     # ACH/EFT fixed fee
    assert payment("1000", method="check").surcharge == 0
    assert payment().returned_check_fee == M("20.00")                # line 81


def test_due_date_is_30_days_after_the_invoice():
    import datetime as dt

    assert payment(invoice="2026-10-01").due_date == dt.date(2026, 10, 31)  # line 79


@pytest.mark.parametrize("as_of, months, interest, suspended", [
    ("2026-10-31", 0, "0.00", False),   # day 30: not yet over 30 days
    ("2026-11-01", 1, "15.00", False),  # day 31
    ("2026-11-30", 1, "15.00", False),  # day 60
    ("2026-12-01", 2, "30.00", True),   # day 61: a second month started, and past 60 days (line 85)
])
def test_late_interest_and_suspension(as_of, months, interest, suspended):
    p = payment("1000", "2026-10-01", as_of)
    assert (p.months_late, p.late_interest, p.suspension_eligible) == (months, M(interest), suspended)


def test_lower_legal_maximum_wins():
    p = payment("1000", "2026-10-01", "2026-11-01", legal=M("1"))
    assert p.late_interest == M("10.00") and any("legal maximum" in n for n in p.notes)


def test_a_job_with_any_weekend_shift_is_priced_wholly_from_the_weekend_table():
    # line 55 "Rates apply to jobs that occur on weekends and/or holidays"; RULES 4 and 16: Friday and Saturday,
    # 8 hours each, one job: 2 x 8 x 120.45 = 1,927.20 (not 642.40 + 963.60).
    from conftest import D
    from detailquote.engine import Request, Shift, quote

    request = Request((Shift(D("2026-12-04T09:00"), D("2026-12-04T17:00"), 1), Shift(D("2026-12-05T09:00"), D("2026-12-05T17:00"), 1)))
    q = quote(agency(A), request)
    assert q.total == M("1927.20")
    assert [(l.shift, l.tier, l.amount) for l in q.lines] == [(1, "weekend_holiday", M("963.60")), (2, "weekend_holiday", M("963.60"))]
    assert any("separate job" in n for n in q.notes)
    assert price(A, "2026-12-04T09:00", "2026-12-04T17:00").total == M("642.40")  # Friday asked for on its own


def test_a_free_cancellation_is_complete_even_when_a_rate_is_unpublished():
    # RULES 13: more than 2 hours ahead nothing is owed, so the captain's missing rate (31 officers) does not matter.
    c = cancel(31, "2026-01-12T13:00", start="2026-01-15T10:00", end="2026-01-15T18:00")
    assert (c.charge, c.complete, c.warnings) == (M("0.00"), True, ())
    assert c.rule == "Cancelled more than 2 hours before the start: no charge."
    inside = cancel(31, "2026-01-15T09:00", start="2026-01-15T10:00", end="2026-01-15T18:00")
    assert not inside.complete and any("Police Captain" in w for w in inside.warnings)
    assert inside.charge == 4 * (31 * M("80.30") + 8 * M("111.10"))  # 31 officers, 6 sergeants and 2 lieutenants
