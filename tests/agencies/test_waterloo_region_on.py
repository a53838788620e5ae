"""Waterloo Regional Police Service (ON): every figure on pages/waterloo-region-on.txt, and worked jobs.

The file prices the wrps.ca rates (lines 43-63), each with 13% HST added on top (line 27):
  Tier 1, charitable and/or not-for-profit (customer "charity"): Constable 103.99, Sergeant 118.05, Staff Sergeant 131.05;
  Tier 2, commercial and for-profit (no class given):            Constable 121.32, Sergeant 137.73, Staff Sergeant 152.89;
  Tier 3, Provincial Correctional Facilities ("correctional"):   Constable 138.65, Sergeant 157.40 (printed "$1157.40"),
                                                                   Staff Sergeant 174.73;
  Cruiser 39.00 an hour in every tier.
At least 3 hours per officer (line 22), then each started 15 minutes (line 15). From 5 officers one is a Sergeant,
from 10 also a Staff Sergeant (lines 10-12, within the number). Alcohol: at least 2 officers (line 26). One week's
notice asked (line 23). Cancelled under 72 hours: 3 hours per officer (line 21). Payment on receipt of invoice (line 7).
HST is 13% of the officers' and cruisers' charges, rounded once to the cent. Every expected figure is worked by hand.
Job day: Wed 16 Dec 2026 (no time change near it), requested 2026-11-30 09:00 unless a test says otherwise.
"""

import datetime as dt
from decimal import Decimal as M
from pathlib import Path

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote
from detailquote.errors import InputError
from detailquote.explain import explain
from detailquote.payment import payment_terms

A = "waterloo-region-on"
AHEAD = "2026-11-30T09:00"
PAGE = Path(__file__).resolve().parents[2] / "agencies" / "pages" / "waterloo-region-on.txt"


def request(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return Request((Shift(D(start), D(end), officers, vehicles),), requested_at=D(requested) if requested else None, **options)


def job(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return quote(agency(A), request(start, end, officers, vehicles, requested, **options))


def rows(q, role=None):
    """(role, tier, positions, hours, rate, amount) of each line but the fees."""
    return [(l.role, l.tier, l.positions, l.hours, l.rate, l.amount) for l in q.lines
            if l.role != FEE and (role is None or l.role == role)]


def hst(q):
    return [l.amount for l in q.lines if l.role == FEE]


def page_line(n):
    return PAGE.read_text(encoding="utf-8").splitlines()[n - 1]


# --- the published rates ---------------------------------------------------------------------------

def test_every_published_hourly_rate():
    got = {(r.role, r.tier): r.rate for t in agency(A).spec.rate_tables for r in t.rows}
    assert got == {
        ("officer", "charitable"): M("103.99"), ("sergeant", "charitable"): M("118.05"),            # lines 46-47
        ("staff_sergeant", "charitable"): M("131.05"),                                              # line 48
        ("officer", "commercial"): M("121.32"), ("sergeant", "commercial"): M("137.73"),            # lines 53-54
        ("staff_sergeant", "commercial"): M("152.89"),                                              # line 55
        ("officer", "correctional"): M("138.65"), ("sergeant", "correctional"): M("157.40"),        # lines 60-61
        ("staff_sergeant", "correctional"): M("174.73"),                                            # line 62
    }
    assert agency(A).spec.vehicles.rate == M("39.00")  # lines 49, 56, 63: the same cruiser rate in every tier


def test_the_tier_3_sergeant_typo_is_read_as_157_40():
    assert page_line(61) == "Sergeant | $1157.40 | $533.61"
    # Its minimum: 533.61 / 3 / 1.13 = 157.4071 an hour; the Sergeant's pay is the same in every tier:
    # 118.05 / 1.20 = 98.375, 137.73 / 1.40 = 98.378..., 157.40 / 1.60 = 98.375.
    assert M("157.40") * 3 * M("1.13") == M("533.5860")  # 2 cents below the printed 533.61
    assert agency(A).rate("sergeant", "regular", "correctional").rate == M("157.40")


# --- each "Minimum Charge (3hrs)": 3 hours at the hourly rate, plus 13% HST ----------------------------

@pytest.mark.parametrize(
    "customer, supervisors, role, rate, billed, tax, total, printed",
    [
        # line 46: 3 x 103.99 = 311.97; HST 13% = 40.5561 -> 40.56; 352.53, as printed
        ("charity", None, "officer", "103.99", "311.97", "40.56", "352.53", "352.53"),
        # line 47: 3 x 118.05 = 354.15; HST 46.0395 -> 46.04; 400.19 (printed 400.21, worked from an unrounded rate)
        ("charity", 1, "sergeant", "118.05", "354.15", "46.04", "400.19", "400.21"),
        # line 53: 3 x 121.32 = 363.96; HST 47.3148 -> 47.31; 411.27 (printed 411.29)
        (None, None, "officer", "121.32", "363.96", "47.31", "411.27", "411.29"),
        # line 54: 3 x 137.73 = 413.19; HST 53.7147 -> 53.71; 466.90 (printed 466.91)
        (None, 1, "sergeant", "137.73", "413.19", "53.71", "466.90", "466.91"),
        # line 60: 3 x 138.65 = 415.95; HST 54.0735 -> 54.07; 470.02 (printed 470.04)
        ("correctional", None, "officer", "138.65", "415.95", "54.07", "470.02", "470.04"),
        # line 61: 3 x 157.40 = 472.20; HST 61.386 -> 61.39; 533.59 (printed 533.61)
        ("correctional", 1, "sergeant", "157.40", "472.20", "61.39", "533.59", "533.61"),
    ],
)
def test_the_minimum_charge_of_each_officer_row(customer, supervisors, role, rate, billed, tax, total, printed):
    # One position for one hour, billed the 3-hour minimum (line 22). A sergeant alone: the supervisor count.
    q = job("2026-12-16T10:00", "2026-12-16T11:00", customer=customer, supervisors=supervisors)
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows(q)] == [(role, 1, M(3), M(rate), M(billed))]
    assert hst(q) == [M(tax)] and q.total == M(total)
    assert M(printed) - q.total <= M("0.03")  # the page's minimum, to 3 cents at most
    assert f"${printed}" in PAGE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "customer, rate, billed, printed",
    [
        ("charity", "131.05", "393.15", "444.27"),       # line 48: 3 x 131.05; 393.15 x 1.13 = 444.2595 -> 444.26
        (None, "152.89", "458.67", "518.31"),            # line 55: 3 x 152.89; 458.67 x 1.13 = 518.2971 -> 518.30
        ("correctional", "174.73", "524.19", "592.36"),  # line 62: 3 x 174.73; 524.19 x 1.13 = 592.3347 -> 592.33
    ],
)
def test_the_staff_sergeant_minimum_on_a_job_of_ten(customer, rate, billed, printed):
    q = job("2026-12-16T10:00", "2026-12-16T11:00", 10, customer=customer)  # a Staff Sergeant comes at 10 officers
    assert rows(q, "staff_sergeant")[0][2:] == (1, M(3), M(rate), M(billed))
    assert M(printed) - (M(billed) * M("1.13")).quantize(M("0.01")) <= M("0.03")


def test_the_cruiser_at_39_an_hour_and_its_minimum():
    # lines 49, 56, 63: Cruiser $39.00, minimum $117.00 = 3 x 39.00; billed with its officer's 3-hour minimum.
    with_car = job("2026-12-16T10:00", "2026-12-16T11:00", 1, 1, customer="charity")
    assert rows(with_car, "vehicle") == [("vehicle", "", 1, M(3), M("39.00"), M("117.00"))]
    # HST on 311.97 + 117.00 = 428.97: 55.7661 -> 55.77; total 484.74. Less the officer alone (352.53): 132.21,
    # the 2024 table's cruiser minimum (line 34), 117.00 + 15.21 HST.
    assert hst(with_car) == [M("55.77")] and with_car.total == M("484.74")
    assert with_car.total - job("2026-12-16T10:00", "2026-12-16T11:00", customer="charity").total == M("132.21")
    # 4 hours, commercial: cruiser 4 x 39.00 = 156.00; HST on it 20.28; 176.28 = 4 x 44.07 (the 2024 hourly, line 34).
    four = job("2026-12-16T10:00", "2026-12-16T14:00", 1, 1)
    assert rows(four, "vehicle")[0][5] == M("156.00")
    # 4 x 121.32 = 485.28 + 156.00 = 641.28; HST 83.3664 -> 83.37; total 724.65
    assert hst(four) == [M("83.37")] and four.total == M("724.65")
    assert four.total - job("2026-12-16T10:00", "2026-12-16T14:00").total == M("176.28")  # 724.65 - 548.37


def test_the_2024_table_is_not_priced_but_is_consistent_and_cheaper():
    # lines 31-34, "Current Paid Duty Rates for 2024", Tier 1 "Incl. 20% Admin Fee and 13% HST": minimum = 3 x hourly.
    table = {31: ("Constable", "109.17", "327.51"), 32: ("Sergeant", "123.94", "371.82"),
             33: ("Staff Sergeant", "137.58", "412.74"), 34: ("Cruiser", "44.07", "132.21")}
    for n, (rank, hourly, minimum) in table.items():
        assert page_line(n).replace(" ", "") == f"{rank.replace(' ', '')}|${hourly}|${minimum}"
        assert 3 * M(hourly) == M(minimum)
    # The priced Tier 1 hour with HST is dearer for each rank: 103.99 x 1.13 = 117.5087 > 109.17;
    # 118.05 x 1.13 = 133.3965 > 123.94; 131.05 x 1.13 = 148.0865 > 137.58; the cruiser 39.00 x 1.13 = 44.07 equal.
    assert page_line(37) == "Hou"  # Tier 2 of 2024 is cut off: not published there
    notes = " ".join(n.text for n in agency(A).spec.notes)
    for figure in ("$109.17", "$123.94", "$137.58", "$44.07", "$1157.40", "35%"):
        assert figure in notes


# --- tiers by customer ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "customer, tier, officers, tax, total",
    [
        (None, "commercial", "485.28", "63.09", "548.37"),             # 4 x 121.32; HST 63.0864 -> 63.09
        ("charity", "charitable", "415.96", "54.07", "470.03"),        # 4 x 103.99; HST 54.0748 -> 54.07
        ("correctional", "correctional", "554.60", "72.10", "626.70"),  # 4 x 138.65; HST 72.098 -> 72.10
    ],
)
def test_the_tier_follows_the_customer_and_no_class_is_commercial(customer, tier, officers, tax, total):
    q = job("2026-12-16T10:00", "2026-12-16T14:00", customer=customer)
    assert rows(q) == [("officer", tier, 1, M(4), rows(q)[0][4], M(officers))]
    assert hst(q) == [M(tax)] and q.total == M(total) and q.complete


def test_an_unknown_customer_class_is_refused():
    with pytest.raises(InputError):
        job("2026-12-16T10:00", "2026-12-16T14:00", customer="school")


# --- minimum and the 15-minute steps after it --------------------------------------------------------

@pytest.mark.parametrize(
    "end, hours, amount",
    [
        ("2026-12-16T11:00", "3", "363.96"),    # line 22: 1 h worked, 3 h billed x 121.32
        ("2026-12-16T13:00", "3", "363.96"),    # exactly 3 h
        ("2026-12-16T13:01", "3.25", "394.29"),  # line 15: a started 15 minutes past 3 h: 3.25 x 121.32
        ("2026-12-16T13:15", "3.25", "394.29"),
        ("2026-12-16T13:16", "3.5", "424.62"),   # 3.5 x 121.32
        ("2026-12-16T14:50", "5", "606.60"),     # 4 h 50 min -> 5.00 h x 121.32
    ],
)
def test_three_hour_minimum_then_15_minute_steps(end, hours, amount):
    q = job("2026-12-16T10:00", end)
    assert [(r[3], r[5]) for r in rows(q)] == [(M(hours), M(amount))]


# --- staffing --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "officers, positions",
    [
        (4, (("officer", 4),)),                                          # line 10: no supervisor
        (5, (("sergeant", 1), ("officer", 4))),                          # line 11: the fifth is a Sergeant
        (9, (("sergeant", 1), ("officer", 8))),
        (10, (("staff_sergeant", 1), ("sergeant", 1), ("officer", 8))),  # line 12: a Sergeant and a Staff Sergeant
        (25, (("staff_sergeant", 1), ("sergeant", 1), ("officer", 23))),
    ],
)
def test_supervisors_within_the_officers_required(officers, positions):
    assert job("2026-12-16T10:00", "2026-12-16T14:00", officers).shifts[0].positions == positions


def test_a_job_of_ten_worked_by_hand():
    q = job("2026-12-16T10:00", "2026-12-16T14:00", 10)
    # Staff Sergeant 4 x 152.89 = 611.56; Sergeant 4 x 137.73 = 550.92; 8 Constables x 4 x 121.32 = 8 x 485.28 = 3882.24
    assert [(r[0], r[2], r[5]) for r in rows(q)] == [
        ("staff_sergeant", 1, M("611.56")), ("sergeant", 1, M("550.92")), ("officer", 8, M("3882.24"))]
    # 5044.72; HST 655.8136 -> 655.81; total 5700.53
    assert hst(q) == [M("655.81")] and q.total == M("5700.53")


def test_a_charity_job_of_five_with_a_cruiser_past_three_hours():
    q = job("2026-12-16T10:00", "2026-12-16T13:10", 5, 1, customer="charity")
    # 3 h 10 min -> 3.25 h. Sergeant 3.25 x 118.05 = 383.6625 -> 383.66; Constables 3.25 x 103.99 = 337.9675 -> 337.97,
    # x 4 = 1351.88; cruiser 3.25 x 39.00 = 126.75. 1862.29; HST 242.0977 -> 242.10; total 2104.39
    assert sorted((r[0], r[5]) for r in rows(q)) == [
        ("officer", M("1351.88")), ("sergeant", M("383.66")), ("vehicle", M("126.75"))]
    assert hst(q) == [M("242.10")] and q.total == M("2104.39")


def test_the_supervisor_count_adds_sergeants_but_never_removes_the_rule_s():
    assert job("2026-12-16T10:00", "2026-12-16T14:00", 5, supervisors=2).shifts[0].positions == (("sergeant", 2), ("officer", 3))
    with pytest.raises(InputError, match="not go below"):
        job("2026-12-16T10:00", "2026-12-16T14:00", 5, supervisors=0)


def test_alcohol_needs_two_officers():
    q = job("2026-12-16T18:00", "2026-12-16T22:00", 1, customer="charity", facts="alcohol=yes")  # line 26
    assert q.shifts[0].positions == (("officer", 2),)
    assert "officers_below_required" in [w.code for w in q.warnings]
    # 2 x 4 x 103.99 = 831.92; HST 108.1496 -> 108.15; total 940.07
    assert hst(q) == [M("108.15")] and q.total == M("940.07")
    assert job("2026-12-16T18:00", "2026-12-16T22:00", 1, customer="charity", facts="alcohol=no").total == M("470.03")
    assert job("2026-12-16T18:00", "2026-12-16T22:00", 3, customer="charity", facts="alcohol=yes").shifts[0].positions == (
        ("officer", 3),)


# --- notice ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "requested, warned",
    [
        ("2026-12-09T18:00", False),  # line 23: 7 days before the start date
        ("2026-12-10T08:00", True),   # 6 days: "At least one-week notice is requested"
        ("2026-12-16T07:00", True),   # the same day: accepted, warned
    ],
)
def test_one_week_notice_is_asked_not_required(requested, warned):
    q = job("2026-12-16T10:00", "2026-12-16T14:00", requested=requested)
    assert ("short_lead_time" in [w.code for w in q.warnings]) is warned
    assert q.total == M("548.37")  # short notice costs the same


# --- cancellation ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "customer, cancelled, worked, charge",
    [
        (None, "2026-12-13T09:59", None, "0.00"),      # line 21: received more than 72 hours before the start
        # exactly 72 hours: the dearer reading. 2 officers x 3 h x 121.32 = 727.92; HST 94.6296 -> 94.63; 822.55
        (None, "2026-12-13T10:00", None, "822.55"),
        (None, "2026-12-16T09:00", None, "822.55"),
        # after the start, 3.5 h worked: 2 x 3.5 x 121.32 = 849.24; HST 110.4012 -> 110.40; 959.64
        (None, "2026-12-16T13:30", M("3.5"), "959.64"),
        # a charity: 2 x 3 x 103.99 = 623.94; HST 81.1122 -> 81.11; 705.05
        ("charity", "2026-12-14T10:00", None, "705.05"),
    ],
)
def test_cancelled_under_72_hours_costs_3_hours_an_officer(customer, cancelled, worked, charge):
    req = request("2026-12-16T10:00", "2026-12-16T18:00", 2, 1, customer=customer)
    got = cancellation_charge(agency(A), req, D(cancelled), hours_worked=worked)
    assert got.charge == got.high == got.low == M(charge)  # the cruiser is not charged


# --- payment ---------------------------------------------------------------------------------------

def test_payment_is_due_on_receipt_of_the_invoice():
    terms = payment_terms(agency(A), M("548.37"), dt.date(2026, 12, 20))
    assert terms.due_date == dt.date(2026, 12, 20)  # line 7: "upon receipt of an invoice"
    assert terms.late_interest is None and terms.returned_check_fee is None
    assert any("deposit is required for new customer accounts" in n for n in terms.notes)


# --- read back -------------------------------------------------------------------------------------

def test_every_rule_in_words():
    text = explain(agency(A))
    for words in ("Minimum 3 hours per position per shift.", "Hours are billed in steps of 0.25 hours past the minimum",
                  "Requests need 7 days' notice.", "Sergeant: one, from 5 officers requested (substituted).",
                  "Staff Sergeant: one, from 10 officers requested (substituted).",
                  "Officers required: at least 2 officers, for a job with alcohol.", "Vehicle: $39.00 for each billed hour.",
                  "13% of the officers' and vehicles' charges", "Cancelled more than 72 hours before the start: no charge.",
                  "Invoices are due on receipt."):
        assert words in text, words
