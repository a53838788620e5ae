"""New Orleans (LA) OPSE: every figure the file prices from pages/new-orleans-la.txt, and worked jobs.

The FAQ page's "OPSE 4-Tiered Pay/Fee/Price Schedule" for Police Officer (lines 74-79):
  Tier 2+: Officer Pay $37.00 + Admin Fee $8.00 = Customer Price $45.00   (line 76)
  Tier 3:  Officer Pay $46.33 + Admin Fee $8.00 = Customer Price $54.33   (line 77)
  Tier 4:  Officer Pay $68.00 + Admin Fee $8.00 = Customer Price $76.00   (line 78)
  Tier 5:  Officer Pay $95.00 + Admin Fee $8.00 = Customer Price $103.00  (line 79)
The customer picks the tier (lines 69-70); Tier 2+ when none is named. Holidays at least Tier 3 (line 87), on
the days of line 90, split at midnight. No minimum hours, notice, vehicle rate, cancellation or payment terms
are published; the Sergeant table is cut off (line 80).
Ordinary day: Wed 18 Nov 2026 (Central time), requested a month ahead unless a test says otherwise. Every
expected figure is worked by hand in the comments.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import D, agency, lines, price
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift
from detailquote.errors import InputError
from detailquote.payment import payment_terms

A = "new-orleans-la"
AHEAD = "2026-10-01T09:00"


def job(start, end, officers=1, vehicles=0, requested=AHEAD, **options):
    return price(A, start, end, officers, vehicles, requested_at=requested, **options)


# --- the published schedule (lines 74-79) --------------------------------------------------------

@pytest.mark.parametrize(
    "tier, rate, pay",
    [
        ("tier_2", "45.00", "37.00"),   # line 76: "2+ | $37.00 | $8.00 | $45.00"
        ("tier_3", "54.33", "46.33"),   # line 77: "3 | $46.33 | $8.00 | $54.33"
        ("tier_4", "76.00", "68.00"),   # line 78: "4 | $68.00 | $8.00 | $76.00"
        ("tier_5", "103.00", "95.00"),  # line 79: "5 | $95.00 | $8.00 | $103.00"
    ],
)
def test_customer_price_officer_pay_and_the_8_dollar_admin_fee(tier, rate, pay):
    row = agency(A).rate("officer", "regular", tier)
    assert (row.rate, row.pay) == (M(rate), M(pay))
    assert row.rate - row.pay == M("8.00")  # the Admin Fee column of every row


def test_the_admin_fee_is_held_in_the_rate_not_added():
    a = agency(A)
    assert a.spec.admin_fee.basis == "in_rate" and a.spec.admin_fee.from_pay
    q = job("2026-11-18T18:00", "2026-11-18T22:00")
    assert [l for l in q.lines if l.role == "fee"] == []  # 4 h x 45.00 = 180.00, nothing on top
    assert q.total == M("180.00")


@pytest.mark.parametrize(
    "priority, tier, rate, amount",
    [
        (None, "tier_2", "45.00", "180.00"),       # line 76: none named, Tier 2+: 4 h x 45.00
        ("Tier 3", "tier_3", "54.33", "217.32"),   # line 77: 4 h x 54.33
        ("tier_4", "tier_4", "76.00", "304.00"),   # line 78: 4 h x 76.00
        ("Tier 5", "tier_5", "103.00", "412.00"),  # line 79: 4 h x 103.00
    ],
)
def test_the_customer_chooses_the_tier(priority, tier, rate, amount):
    # lines 69-70: "Customers ultimately decide which rate of pay officers will receive. A customer can offer any
    # one of the Tier rates."
    q = job("2026-11-18T18:00", "2026-11-18T22:00", priority=priority)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), M(amount), False)]
    assert q.total == M(amount) and q.complete and q.warnings == ()


def test_tier_2_plus_is_the_base_and_may_be_named():
    # Lines 69-70: "A customer can offer any one of the Tier rates": naming Tier 2+ is naming none. 4 h x 45.00.
    named = job("2026-11-18T18:00", "2026-11-18T22:00", priority="Tier 2+")
    assert named.total == job("2026-11-18T18:00", "2026-11-18T22:00").total == M("180.00") and named.warnings == ()


def test_several_officers_at_a_chosen_tier():
    # 3 officers x 6 h x 76.00 = 1,368.00
    q = job("2026-11-18T16:00", "2026-11-18T22:00", officers=3, priority="Tier 4")
    assert lines(q) == [("officer", "tier_4", 3, 6, M("76.00"), M("1368.00"), False)]
    assert q.total == M("1368.00")


@pytest.mark.parametrize(
    "end, priority, total",
    [
        ("2026-11-18T19:00", None, "45.00"),       # no minimum published: 1 h x 45.00
        ("2026-11-18T18:30", None, "22.50"),       # 0.5 h x 45.00
        ("2026-11-18T20:20", "Tier 3", "126.77"),  # 2 h 20 min = 7/3 h x 54.33 = 126.77
        ("2026-11-18T19:10", "Tier 5", "120.17"),  # 1 h 10 min = 7/6 h x 103.00 = 120.1666... -> 120.17
    ],
)
def test_billed_for_the_hours_scheduled_with_no_minimum(end, priority, total):
    assert job("2026-11-18T18:00", end, priority=priority).total == M(total)


def test_hours_are_real_hours_across_the_autumn_clock_change():
    # Sun 1 Nov 2026, 00:00-04:00 Central: 5 real hours (01:00-02:00 twice) x 45.00 = 225.00
    q = job("2026-11-01T00:00", "2026-11-01T04:00")
    assert q.shifts[0].seconds == 5 * 3600 and q.total == M("225.00")


# --- holidays: at least Tier 3 (lines 87, 90) ------------------------------------------------------

@pytest.mark.parametrize(
    "day",
    [
        "2027-01-01",  # New Year's Day
        "2027-01-18",  # Martin Luther King's Birthday: 3rd Monday of January 2027 (4, 11, 18)
        "2026-02-16",  # Lundi Gras 2026: Easter 5 Apr 2026 - 48 days
        "2026-02-17",  # Mardi Gras 2026: Easter 5 Apr 2026 - 47 days
        "2027-02-08",  # Lundi Gras 2027: Easter 28 Mar 2027 - 48 days
        "2027-02-09",  # Mardi Gras 2027: Easter 28 Mar 2027 - 47 days
        "2027-03-26",  # Good Friday 2027: Easter 28 Mar - 2 days
        "2027-05-31",  # Memorial Day: last Monday of May 2027
        "2027-07-04",  # Independence Day (a Sunday in 2027)
        "2027-06-19",  # Juneteenth (a Saturday in 2027)
        "2027-09-06",  # Labor Day: 1st Monday of September 2027
        "2026-11-26",  # Thanksgiving Day: 4th Thursday of November 2026 (5, 12, 19, 26)
        "2026-11-27",  # Friday after Thanksgiving
        "2026-12-24",  # Christmas Eve
        "2026-12-25",  # Christmas
        "2026-12-31",  # New Year's Eve
        "2040-02-14",  # Mardi Gras 2040: Easter 1 Apr 2040 - 47 days
        "2041-03-05",  # Mardi Gras 2041: Easter 21 Apr 2041 - 47 days
    ],
)
def test_holidays_are_paid_at_least_at_tier_3(day):
    # line 87: "Holidays, as recognized by the City, will be paid at a minimum at Tier 3": 4 h x 54.33 = 217.32
    q = job(f"{day}T10:00", f"{day}T14:00")
    assert lines(q) == [("officer", "tier_3", 1, 4, M("54.33"), M("217.32"), False)]


@pytest.mark.parametrize(
    "day",
    [
        "2027-01-15",  # Martin Luther King's actual birthday: the City's holiday is the 3rd Monday
        "2027-02-10",  # Ash Wednesday, the day after Mardi Gras
        "2027-02-15",  # Presidents' Day: not on the list
        "2027-03-28",  # Easter Sunday: not on the list
        "2027-07-05",  # Monday after a Sunday July 4: no observed day (RULES 5)
        "2027-06-18",  # Friday before a Saturday Juneteenth: no observed day
        "2026-11-11",  # Veterans Day: not on the list
    ],
)
def test_days_not_on_the_list_are_tier_2_plus(day):
    assert job(f"{day}T10:00", f"{day}T14:00").total == 4 * M("45.00")  # 180.00


def test_the_holiday_list_of_line_90():
    days = agency(A).calendar.year(2027)
    assert sorted(days) == [dt.date(2027, m, d) for m, d in [
        (1, 1), (1, 18), (2, 8), (2, 9), (3, 26), (5, 31), (6, 19), (7, 4), (9, 6), (11, 25), (11, 26), (12, 24),
        (12, 25), (12, 31)]]  # 14 days, as line 90 lists them


def test_a_shift_into_a_holiday_is_split_at_midnight():
    # Wed 23 Dec 22:00 to Thu 24 Dec 02:00: 2 h x 45.00 = 90.00, then 2 h on Christmas Eve x 54.33 = 108.66
    q = job("2026-12-23T22:00", "2026-12-24T02:00")
    assert lines(q) == [
        ("officer", "tier_2", 1, 2, M("45.00"), M("90.00"), False),
        ("officer", "tier_3", 1, 2, M("54.33"), M("108.66"), False),
    ]
    assert q.total == M("198.66")


def test_a_shift_out_of_a_holiday_two_officers():
    # New Year's Eve 2026 20:00 to New Year's Day 2027 02:00: both dates holidays, 2 officers x 6 h x 54.33 = 651.96
    q = job("2026-12-31T20:00", "2027-01-01T02:00", officers=2)
    assert lines(q) == [("officer", "tier_3", 2, 6, M("54.33"), M("651.96"), False)]


def test_a_customer_who_offers_tier_4_or_5_keeps_it_on_a_holiday():
    # line 87 "at a minimum at Tier 3": Tier 4 on Christmas, 4 h x 76.00 = 304.00
    q = job("2026-12-25T10:00", "2026-12-25T14:00", priority="Tier 4")
    assert lines(q) == [("officer", "tier_4", 1, 4, M("76.00"), M("304.00"), False)] and q.warnings == ()
    # Tier 5 from Christmas Eve 20:00 to Christmas 02:00: 6 h x 103.00 = 618.00
    assert job("2026-12-24T20:00", "2026-12-25T02:00", priority="Tier 5").total == M("618.00")


def test_tier_3_chosen_on_a_holiday_is_tier_3():
    # Mardi Gras 2027, Tier 3 named: 5 h x 54.33 = 271.65, no warning
    q = job("2027-02-09T08:00", "2027-02-09T13:00", priority="Tier 3")
    assert q.total == M("271.65") and q.warnings == ()


def test_tier_4_across_midnight_into_a_holiday_is_tier_4_throughout():
    # Thanksgiving eve 22:00 to 02:00, Tier 4 named: 4 h x 76.00 = 304.00 (above Tier 3 on the holiday hours)
    q = job("2026-11-25T22:00", "2026-11-26T02:00", priority="tier_4")
    assert lines(q) == [("officer", "tier_4", 1, 4, M("76.00"), M("304.00"), False)]


def test_lundi_gras_into_mardi_gras_overnight():
    # Mon 16 Feb 2026 22:00 to Tue 17 Feb 2026 03:00: both days on line 90, 5 h x 54.33 = 271.65
    assert job("2026-02-16T22:00", "2026-02-17T03:00").total == M("271.65")


# --- what the page does not publish -------------------------------------------------------------

def test_a_sergeant_is_not_published():
    # line 80: the Sergeant table is cut off. 3 officers x 4 h x 45.00 = 540.00; the sergeant is not priced.
    q = job("2026-11-18T18:00", "2026-11-18T22:00", officers=3, supervisors=1)
    assert dict(q.shifts[0].positions) == {"sergeant": 1, "officer": 3}
    assert q.total == M("540.00") and not q.complete
    assert lines(q, "sergeant") == []


def test_no_supervisor_is_added_by_rule():
    q = job("2026-11-18T18:00", "2026-11-18T22:00", officers=20)
    assert dict(q.shifts[0].positions) == {"officer": 20}
    assert q.total == 20 * 4 * M("45.00") and q.complete  # 3,600.00


def test_vehicles_are_not_published():
    q = job("2026-11-18T18:00", "2026-11-18T22:00", vehicles=1)
    assert q.total == M("180.00") and not q.complete


def test_no_notice_period_means_no_warning():
    # An hour's notice: no lead-time rule is published, so no warning and the same price.
    q = job("2026-11-18T18:00", "2026-11-18T22:00", requested="2026-11-18T17:00")
    assert q.warnings == () and q.total == M("180.00")


def test_task_based_jobs_are_not_a_job_type():
    # line 68: escorts, sweeps, races, parades and second lines are not priced by the hour here.
    assert list(agency(A).spec.job_types) == ["regular"]
    with pytest.raises(InputError):
        job("2026-11-18T18:00", "2026-11-18T22:00", job_type="escort")


# --- cancellation and payment: not published (lines 64-65) ----------------------------------------

def cancel(cancelled, shifts=(("2026-11-18T18:00", "2026-11-18T22:00"),), officers=2):
    request = Request(tuple(Shift(D(s), D(e), officers) for s, e in shifts), requested_at=D(AHEAD))
    return cancellation_charge(agency(A), request, D(cancelled))


def test_a_cancellation_is_not_priced():
    # "See policy for complete details" (line 65): no terms in the stored text; the charge is unknown.
    c = cancel("2026-11-17T10:00")
    assert (c.charge, c.complete, c.lines) == (0, False, ())
    assert "publishes no cancellation policy" in c.warnings[0]
    assert any("police necessity" in n for n in c.notes)  # line 64, in the cancellation note


def test_a_shift_already_worked_is_billed_as_quoted():
    # Shift 1 (Tue 17 Nov 08:00-12:00) ended before the cancellation: 2 officers x 4 h x 45.00 = 360.00;
    # shift 2 (Wed 18 Nov) cannot be priced.
    c = cancel("2026-11-17T13:00", shifts=(("2026-11-17T08:00", "2026-11-17T12:00"), ("2026-11-18T18:00", "2026-11-18T22:00")))
    assert c.charge == M("360.00") and not c.complete


def test_no_payment_terms_are_published():
    terms = payment_terms(agency(A), M("180.00"), dt.date(2026, 11, 30))
    assert terms.due_date is None and terms.late_interest is None
    assert any("publishes no payment terms" in n for n in terms.notes)
