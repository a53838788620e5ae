"""Honolulu (HI): every figure on pages/honolulu-hi.txt, and worked jobs.

Hourly rates, Regular / Premium (lines 8-14, repeated at 88-94, "Effective 3/1/2020"): Police Officer $50.00 /
$75.00, Solo Motorcycle Officer $53.00 / $78.00, Police Sergeant $54.00 / $79.00, Solo Motorcycle Sergeant $57.00 /
$82.00, Police Lieutenant $60.00 / $90.00, Police Captain $64.00 / $94.00, Police Major $70.00 / $100.00. The
Premium Rate is mandatory under 48 hours' notice (line 16), and for 10 or more officers or more than 900 attending
under 2 weeks' notice (lines 17-18). Alcohol: +$10.00 per hour per officer (line 95). Subsidized vehicle $10.00
(line 21), read per hour. Administrative fee $14.00 for the first officer, $2.00 for each additional (lines 24-25,
81); insurance $5.00 per officer (lines 26, 81). No minimum hours. Ten working days' notice (line 48; a warning).
Cancelled under 24 hours: 2 hours per officer plus the fees (line 40). "All fees are non refundable" (line 82): the
fees are kept on any cancellation once approved, earlier than 24 hours too (the dearer reading).
Every expected figure is worked by hand in the comments.
Ordinary day: Wed 16 Dec 2026, 08:00-12:00 (4 hours), requested Mon 2 Nov 2026 unless a test says otherwise.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote

A = "honolulu-hi"
AHEAD = "2026-11-02T09:00"
START, END = "2026-12-16T08:00", "2026-12-16T12:00"


def request(start=START, end=END, officers=1, vehicles=0, requested=AHEAD, **options):
    return Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested) if requested else None,
                   **options)


def job(start=START, end=END, officers=1, vehicles=0, requested=AHEAD, **options):
    return quote(agency(A), request(start, end, officers, vehicles, requested, **options))


def lines(q):
    return [(l.role, l.tier, l.positions, l.hours, l.rate, l.amount) for l in q.lines]


def fees(q):
    return {l.tier: l.amount for l in q.lines if l.role == FEE}


def codes(q):
    return [w.code for w in q.warnings]


# --- the published rates -----------------------------------------------------------------------

def test_published_rate_schedule():
    rows = {(r.role, r.tier): r.rate for t in agency(A).spec.rate_tables for r in t.rows}
    assert rows == {
        ("officer", "regular"): M("50.00"), ("officer", "premium"): M("75.00"),                          # lines 8, 88
        ("motorcycle_officer", "regular"): M("53.00"), ("motorcycle_officer", "premium"): M("78.00"),    # lines 9, 89
        ("sergeant", "regular"): M("54.00"), ("sergeant", "premium"): M("79.00"),                        # lines 10, 90
        ("motorcycle_sergeant", "regular"): M("57.00"), ("motorcycle_sergeant", "premium"): M("82.00"),  # lines 11, 91
        ("lieutenant", "regular"): M("60.00"), ("lieutenant", "premium"): M("90.00"),                    # lines 12, 92
        ("captain", "regular"): M("64.00"), ("captain", "premium"): M("94.00"),                          # lines 13, 93
        ("major", "regular"): M("70.00"), ("major", "premium"): M("100.00"),                             # lines 14, 94
    }
    a = agency(A)
    assert a.rate("officer", "regular", "regular").rate == M("50.00")
    assert a.rate("major", "regular", "premium").rate == M("100.00")
    assert str(a.spec.effective) == "2020-03-01"  # line 86: "Rate Schedule - Effective 3/1/2020"


def test_a_police_officer_for_4_hours_at_the_regular_rate_with_the_fees():
    q = job()
    # line 8: 4 h x $50.00 = $200.00; line 24: admin $14.00 (1st officer); line 26: insurance $5.00; total $219.00
    assert lines(q) == [
        ("officer", "regular", 1, M("4"), M("50.00"), M("200.00")),
        (FEE, "admin", 1, M("0"), M("14.00"), M("14.00")),
        (FEE, "insurance", 1, M("0"), M("5.00"), M("5.00")),
    ]
    assert q.total == M("219.00") and q.warnings == () and q.complete


# --- the Premium Rate --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "requested, rate, total",
    [
        ("2026-11-02T09:00", "50.00", "219.00"),  # six weeks ahead: 4 x 50.00 + 14.00 + 5.00
        ("2026-12-14T08:00", "50.00", "219.00"),  # exactly 48 h before: not "less than 48 hours"
        ("2026-12-14T08:01", "75.00", "319.00"),  # line 16: 47 h 59 min: 4 x 75.00 = 300.00 + 19.00
        ("2026-12-15T20:00", "75.00", "319.00"),  # 12 h before
    ],
)
def test_the_premium_rate_under_48_hours(requested, rate, total):
    q = job(requested=requested)
    assert [(l.tier, l.rate) for l in q.lines if l.role == "officer"] == [("premium" if rate == "75.00" else "regular", M(rate))]
    assert q.total == M(total)


def test_no_request_time_assumes_enough_notice():
    q = job(requested=None)
    assert q.total == M("219.00") and any("enough notice" in n for n in q.notes)


@pytest.mark.parametrize(
    "officers, facts, requested, tier, total",
    [
        # line 17: 10 officers, requested Thu 3 Dec for Wed 16 Dec: 13 days, under 2 weeks: Premium.
        # 10 x 4 h x 75.00 = 3,000.00; admin 14.00 + 9 x 2.00 = 32.00; insurance 10 x 5.00 = 50.00 -> 3,082.00
        (10, None, "2026-12-03T09:00", "premium", "3082.00"),
        # requested Wed 2 Dec: 14 days, 2 weeks: Regular. 10 x 4 x 50.00 = 2,000.00 + 32.00 + 50.00 = 2,082.00
        (10, None, "2026-12-02T09:00", "regular", "2082.00"),
        # 14 calendar days, even later in the day than the start (the dates decide; see the rates note)
        (10, None, "2026-12-02T20:00", "regular", "2082.00"),
        # 9 officers is not a large event: 9 x 4 x 50.00 = 1,800.00; admin 14.00 + 8 x 2.00 = 30.00; 45.00 -> 1,875.00
        (9, None, "2026-12-03T09:00", "regular", "1875.00"),
        # line 17: ">900 ATTENDEES": 901 attending, 13 days ahead: 4 x 75.00 = 300.00 + 19.00 = 319.00
        (1, "attendance=901", "2026-12-03T09:00", "premium", "319.00"),
        # 900 attending is not more than 900: 4 x 50.00 + 19.00 = 219.00
        (1, "attendance=900", "2026-12-03T09:00", "regular", "219.00"),
        # 5,000 attending, requested 2 weeks ahead: Regular, 219.00
        (1, "attendance=5000", "2026-12-02T09:00", "regular", "219.00"),
        # 30 officers, 5,000 attending, 44 days ahead: 30 x 4 x 50.00 = 6,000.00; admin 14 + 29 x 2 = 72.00; 150.00
        (30, "attendance=5000", AHEAD, "regular", "6222.00"),
    ],
)
def test_large_events_requested_under_2_weeks_take_the_premium_rate(officers, facts, requested, tier, total):
    q = job(officers=officers, requested=requested, facts=facts)
    assert {l.tier for l in q.lines if l.role == "officer"} == {tier}
    assert q.total == M(total)


def test_each_shift_has_its_own_notice():
    # Requested Mon 14 Dec 09:00. Tue 15 Dec 08:00-12:00 is 23 h ahead: 4 x 75.00 = 300.00. Thu 17 Dec 08:00-12:00 is
    # 71 h ahead: 4 x 50.00 = 200.00. One officer: admin 14.00, insurance 5.00. Total 519.00.
    r = Request((Shift(D("2026-12-15T08:00"), D("2026-12-15T12:00"), 1), Shift(D("2026-12-17T08:00"), D("2026-12-17T12:00"), 1)),
                requested_at=D("2026-12-14T09:00"))
    q = quote(agency(A), r)
    assert [(l.shift, l.tier, l.amount) for l in q.lines if l.role == "officer"] == [(1, "premium", M("300.00")),
                                                                                     (2, "regular", M("200.00"))]
    assert q.total == M("519.00")


# --- a sergeant, added by the supervisor count ---------------------------------------------------

@pytest.mark.parametrize(
    "requested, total",
    [
        # line 10: sergeant 4 h x 54.00 = 216.00; officer 200.00; 2 officers: admin 14.00 + 2.00 = 16.00,
        # insurance 10.00 -> 442.00
        (AHEAD, "442.00"),
        # under 48 h: 4 x 79.00 = 316.00 + 4 x 75.00 = 300.00 + 16.00 + 10.00 = 642.00
        ("2026-12-15T09:00", "642.00"),
    ],
)
def test_a_police_sergeant_added_with_the_supervisor_count(requested, total):
    q = job(requested=requested, supervisors=1)
    assert q.shifts[0].positions == (("sergeant", 1), ("officer", 1))
    assert q.total == M(total)


def test_no_rule_adds_a_supervisor():
    assert job(officers=30).shifts[0].positions == (("officer", 30),)  # lines 54-55: staffing is HPD's review


# --- alcohol, the vehicle, no minimum -------------------------------------------------------------

@pytest.mark.parametrize(
    "requested, supervisors, total",
    [
        # line 95: +$10 per hour per officer: 4 x 50.00 = 200.00 + 4 x 10.00 = 40.00 + 19.00 = 259.00
        (AHEAD, None, "259.00"),
        # on top of the Premium Rate: 4 x 75.00 = 300.00 + 40.00 + 19.00 = 359.00
        ("2026-12-15T09:00", None, "359.00"),
        # a sergeant too: 216.00 + 40.00 + 200.00 + 40.00 + admin 16.00 + insurance 10.00 = 522.00
        (AHEAD, 1, "522.00"),
    ],
)
def test_events_with_alcohol_add_10_an_hour_per_officer(requested, supervisors, total):
    q = job(requested=requested, supervisors=supervisors, facts="alcohol=yes")
    assert [(l.role, l.hours, l.rate, l.amount) for l in q.lines if l.premium] == \
        [(role, M("4"), M("10.00"), M("40.00")) for role in (["sergeant"] if supervisors else []) + ["officer"]]
    assert q.total == M(total)
    assert job(requested=requested, supervisors=supervisors, facts="alcohol=no").total == M(total) - M("40.00") * (2 if supervisors else 1)


@pytest.mark.parametrize(
    "end, total",
    [
        ("2026-12-16T12:00", "259.00"),  # line 21: $10.00 x 4 h = 40.00; 4 x 50.00 = 200.00; + 19.00
        ("2026-12-16T14:00", "379.00"),  # 6 h: 60.00 + 300.00 + 19.00
    ],
)
def test_the_subsidized_vehicle_at_10_an_hour(end, total):
    q = job(end=end, vehicles=1)
    hours = M(4) if end.endswith("12:00") else M(6)
    assert [(l.hours, l.rate, l.amount) for l in q.lines if l.role == "vehicle"] == [(hours, M("10.00"), hours * 10)]
    assert q.total == M(total)


@pytest.mark.parametrize(
    "end, billed, total",
    [
        ("2026-12-16T09:00", "50.00", "69.00"),   # no minimum is published: 1 h x 50.00 + 19.00
        ("2026-12-16T10:30", "125.00", "144.00"),  # 2.5 h x 50.00 = 125.00 + 19.00
    ],
)
def test_no_minimum_hours(end, billed, total):
    q = job(end=end)
    assert [l.amount for l in q.lines if l.role == "officer"] == [M(billed)] and q.total == M(total)


# --- the fees ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "officers, admin, insurance",
    [
        (1, "14.00", "5.00"),   # line 24: $14.00 for the 1st officer; line 26: $5.00 per officer
        (2, "16.00", "10.00"),  # line 25: + $2.00 for each additional officer: 14 + 2
        (5, "22.00", "25.00"),  # 14 + 4 x 2; 5 x 5
        (12, "36.00", "60.00"),  # 14 + 11 x 2; 12 x 5
    ],
)
def test_administrative_and_insurance_fees(officers, admin, insurance):
    assert fees(job(officers=officers)) == {"admin": M(admin), "insurance": M(insurance)}


def test_the_officers_of_a_job_are_its_largest_shift():
    # 2 officers Wednesday, 3 Thursday: 5 x 4 h x 50.00 = 1,000.00; admin 14 + 2 x 2 = 18.00; insurance 3 x 5 = 15.00
    r = Request((Shift(D(START), D(END), 2), Shift(D("2026-12-17T08:00"), D("2026-12-17T12:00"), 3)),
                requested_at=D(AHEAD))
    q = quote(agency(A), r)
    assert fees(q) == {"admin": M("18.00"), "insurance": M("15.00")} and q.total == M("1033.00")


# --- notice: ten working days, a warning ------------------------------------------------------------

@pytest.mark.parametrize(
    "start, requested, warned",
    [
        # Wed 16 Dec 2026 requested Wed 2 Dec: Dec 3, 4, 7-11, 14, 15, 16 = 10 working days
        ("2026-12-16T08:00", "2026-12-02T09:00", False),
        # requested Thu 3 Dec: 9 working days (line 48 asks for 10; the form's 5, line 69, is not used)
        ("2026-12-16T08:00", "2026-12-03T09:00", True),
        ("2026-12-16T08:00", "2026-12-07T09:00", True),  # 7 working days: still warned
        # Wed 6 Jan 2027 requested Mon 21 Dec: Dec 22, 23, 24, (25 Christmas), 28-31, (Jan 1), Jan 4, 5, 6 = 10
        ("2027-01-06T08:00", "2026-12-21T09:00", False),
        ("2027-01-06T08:00", "2026-12-22T09:00", True),  # 9
        # Wed 25 Aug 2027 requested Tue 10 Aug: Aug 11, 12, 13, 16-19, (20 Statehood Day), 23, 24, 25 = 10
        ("2027-08-25T08:00", "2027-08-10T09:00", False),
        ("2027-08-25T08:00", "2027-08-11T09:00", True),  # 9
        # Wed 26 Apr 2028 requested Tue 11 Apr: Apr 12, 13, (14 Good Friday), 17-21, 24, 25, 26 = 10
        ("2028-04-26T08:00", "2028-04-11T09:00", False),
        ("2028-04-26T08:00", "2028-04-12T09:00", True),  # 9
    ],
)
def test_ten_working_days_notice_is_a_warning(start, requested, warned):
    end = start[:11] + "12:00"
    q = job(start, end, requested=requested)
    assert codes(q) == (["short_lead_time"] if warned else [])
    assert q.total == M("219.00")  # the notice changes no price: 4 x 50.00 + 19.00 (more than 48 hours ahead)


def test_a_late_request_is_warned_of_in_working_days():
    q = job(requested="2026-12-03T09:00")
    assert "9 business days" in q.warnings[0].message and "10 business days" in q.warnings[0].message


# --- cancellation -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "requested, facts, cancelled, charge",
    [
        # line 40: 24 h 1 min notice: no hours are charged, but "All fees are non refundable" (line 82) keeps the
        # fees: admin 14 + 2 x 2 = 18.00; insurance 3 x 5 = 15.00 -> 33.00 (no charge before the fees were kept)
        ("2026-11-02T09:00", None, "2026-12-15T07:59", "33.00"),
        # exactly 24 h (the dearer reading): 3 officers x 2 h x 50.00 = 300.00; admin 14 + 2 x 2 = 18.00;
        # insurance 3 x 5 = 15.00 -> 333.00
        ("2026-11-02T09:00", None, "2026-12-15T08:00", "333.00"),
        ("2026-11-02T09:00", None, "2026-12-16T07:00", "333.00"),  # 1 h before: the same
        ("2026-11-02T09:00", "alcohol=yes", "2026-12-16T07:00", "333.00"),  # the alcohol add-on is not charged
        # a Premium Rate job (requested 23 h ahead): 3 x 2 x 75.00 = 450.00 + 18.00 + 15.00 = 483.00
        ("2026-12-15T09:00", None, "2026-12-15T20:00", "483.00"),
    ],
)
def test_cancelling_under_24_hours_costs_2_hours_per_officer_and_the_fees(requested, facts, cancelled, charge):
    r = request("2026-12-16T08:00", "2026-12-16T16:00", 3, 1, requested, facts=facts)
    got = cancellation_charge(agency(A), r, D(cancelled))
    assert got.charge == M(charge)  # the vehicle is not charged


def test_the_fees_on_a_cancellation_are_lines_of_their_own():
    got = cancellation_charge(agency(A), request("2026-12-16T08:00", "2026-12-16T16:00", 3), D("2026-12-16T07:00"))
    assert [(l.positions, l.hours, l.high) for l in got.lines] == [
        (3, M("2"), M("300.00")),  # line 40: 2 hours per officer at $50.00
        (1, M("0"), M("18.00")),   # "along with Administrative fees": 14.00 + 2 x 2.00
        (3, M("0"), M("15.00")),   # "and Worker Comp fees": 3 officers x 5.00
    ]


@pytest.mark.parametrize(
    "officers, cancelled, charge",
    [
        # 3 officers cancelled 3 days ahead (Sun 13 Dec 08:00): the fees are kept (line 82), nothing else:
        # admin 14.00 + 2 x 2.00 = 18.00; insurance 3 x 5.00 = 15.00 -> $14 + 2 x $2 + 3 x $5 = 33.00
        (3, "2026-12-13T08:00", "33.00"),
        (1, "2026-12-13T08:00", "19.00"),  # 1 officer: 14.00 + 5.00
        (1, "2026-11-03T09:00", "19.00"),  # the day after the request, six weeks ahead: the same
    ],
)
def test_all_fees_are_non_refundable(officers, cancelled, charge):
    got = cancellation_charge(agency(A), request("2026-12-16T08:00", "2026-12-16T16:00", officers), D(cancelled))
    assert got.charge == M(charge)
    assert [l.description for l in got.lines] == ["Administrative fee", "Insurance (workers' compensation) fee"]
    assert got.rule == ("Cancelled once approved, more than 24 hours before the start: the administrative fee and the "
                        "insurance (workers' compensation) fee are kept in full, as quoted.")


def test_the_fees_kept_are_the_jobs_on_a_job_of_two_shifts():
    # Wed 16 Dec 08:00-16:00 with 3 officers and Thu 17 Dec 08:00-12:00 with 2: the job's officers are those of its
    # largest shift, 3: admin 14.00 + 2 x 2.00 = 18.00, insurance 3 x 5.00 = 15.00.
    # Cancelled Wed 16 Dec 07:00: Wednesday's shift 1 hour ahead, 3 x 2 h x 50.00 = 300.00; Thursday's 25 hours
    # ahead, no hours: 300.00 + 18.00 + 15.00 = 333.00.
    r = Request((Shift(D("2026-12-16T08:00"), D("2026-12-16T16:00"), 3), Shift(D("2026-12-17T08:00"), D("2026-12-17T12:00"), 2)),
                requested_at=D(AHEAD))
    assert cancellation_charge(agency(A), r, D("2026-12-16T07:00")).charge == M("333.00")
    # Cancelled Mon 14 Dec 08:00, both shifts more than 24 hours ahead: the fees alone, 18.00 + 15.00 = 33.00.
    assert cancellation_charge(agency(A), r, D("2026-12-14T08:00")).charge == M("33.00")


def test_hours_worked_past_the_two_hours_are_billed_as_worked():
    # Cancelled at 13:00 after 5 hours worked: 3 x 5 h x 50.00 = 750.00 + 18.00 + 15.00 = 783.00
    got = cancellation_charge(agency(A), request("2026-12-16T08:00", "2026-12-16T16:00", 3), D("2026-12-16T13:00"),
                              hours_worked=M(5))
    assert got.charge == M("783.00")


def test_a_cancellation_never_costs_more_than_the_job():
    # A 1-hour job cancelled late: 2 h x 50.00 = 100.00 + 19.00 = 119.00, but the job itself costs 1 x 50.00 + 19.00 =
    # 69.00 (RULES 18): the charge is 69.00.
    got = cancellation_charge(agency(A), request("2026-12-16T08:00", "2026-12-16T09:00"), D("2026-12-16T07:00"))
    assert got.charge == M("69.00")


# --- payment ---------------------------------------------------------------------------------------

def test_no_payment_terms_are_published():
    # line 15: "Payments are made directly to the officer by the requestor": no terms in days.
    assert agency(A).spec.payment is None
