"""Holidays by rule, an administrative fee published as a range, a start-day window, payment terms (terms.toml).

Officer 50.00, holiday 75.00, a 4-hour minimum. Holidays: Good Friday (Easter less 2 days), Memorial Day (the
last Monday of May), Thanksgiving (the 4th Thursday of November). The fee held in the rates is 5.00 to 8.00 an
hour over the first 8 hours of the assignment. Chicago time. Each figure below is worked by hand from the file.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain
from detailquote.payment import payment_terms


def test_holidays_found_by_rule_in_2026():
    days = agency("terms").holidays(2026)
    assert days == {dt.date(2026, 4, 3): "Good Friday", dt.date(2026, 5, 25): "Memorial Day",
                    dt.date(2026, 11, 26): "Thanksgiving"}
    thanksgiving = Request((Shift(D("2026-11-26T10:00"), D("2026-11-26T14:00"), 1),))
    assert quote(agency("terms"), thanksgiving).total == 4 * M("75.00")


@pytest.mark.parametrize(("cancelled", "low", "high"), [
    ("2026-03-09T20:00", "0.00", "0.00"),       # the evening before: the approved window, no charge
    ("2026-03-10T01:00", "220.00", "232.00"),   # the start day: the 4-hour minimum, 200.00, and the fee on the other 4 hours
    ("2026-03-10T06:30", "400.00", "400.00"),   # 90 minutes before the start: the full shift
])
def test_a_window_that_opens_on_the_start_day_with_the_fee_as_a_range(cancelled, low, high):
    request = Request((Shift(D("2026-03-10T08:00"), D("2026-03-10T16:00"), 1),))
    charge = cancellation_charge(agency("terms"), request, D(cancelled))
    assert (charge.low, charge.high, charge.charge) == (M(low), M(high), M(high))


def test_payment_terms_on_an_invoice_73_days_old():
    terms = payment_terms(agency("terms"), M("1000.00"), dt.date(2026, 1, 1), dt.date(2026, 3, 15), "card")
    assert terms.due_date == dt.date(2026, 1, 31)
    assert terms.months_late == 2 and terms.late_interest == M("30.00")  # 43 days past 30: two started months at 1.5%
    assert terms.suspension_eligible is False and terms.returned_check_fee == M("25.00")
    assert terms.late_fee == M("15.00")  # 73 days: past the 60 of the late fee
    assert payment_terms(agency("terms"), M("1000.00"), dt.date(2026, 1, 1), dt.date(2026, 3, 2)).late_fee == M("0.00")
    assert terms.surcharge == M("30.00")
    assert payment_terms(agency("terms"), M("50.00"), dt.date(2026, 1, 1), method="card").surcharge == M("2.00")
    assert payment_terms(agency("terms"), M("50.00"), dt.date(2026, 1, 1), method="ach").surcharge == M("1.00")
    assert payment_terms(agency("terms"), M("50.00"), dt.date(2026, 1, 1), dt.date(2026, 4, 2)).suspension_eligible is True


def test_every_term_in_words():
    text = explain(agency("terms"))
    for words in ("Good Friday: Easter Sunday, 2 days before", "Memorial Day: the last Monday of May",
                  "Thanksgiving: the 4th Thursday of November", "The administrative fee is held in the rates: $5.00 to $8.00",
                  "Cancelled on the day the assignment starts: per position, the greater of hours worked and the 4-hour minimum",
                  "Invoices are due in 30 days.", "Late interest 1.5% a month after 30 days.",
                  "Card payments add 3%, at least $2.00.", "ACH payments add $1.00.", "A returned check costs $25.00.",
                  "A late fee of $15.00 on an invoice unpaid after 60 days.",
                  "A deposit of 25% of the quote is due 7 days before the job."):
        assert words in text, words


def test_a_quote_says_its_deposit():
    from detailquote.engine import Request, Shift, quote

    q = quote(agency("terms"), Request((Shift(D("2026-03-03T08:00"), D("2026-03-03T13:00"), 2),)))
    # 25% of the quote, to the cent, once for the job.
    expected = (q.total * M("0.25")).quantize(M("0.01"))
    assert f"A deposit of 25% of the quote is due 7 days before the job: ${expected:,.2f} on this quote." in q.notes


def test_the_late_charge_function_adds_the_late_fee_to_the_interest(monkeypatch):
    from conftest import KINDS
    from detailquote import udfs

    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(KINDS))
    # 1,000.00 invoiced 1 Jan: on 2 Mar, 60 days, 1 started month of interest past 30 days (15.00), no late fee;
    # on 3 Mar, 61 days: 2 started months (30.00) and the 15.00 late fee.
    assert udfs.DETAIL_LATE_CHARGE("terms", 1000.0, "2026-01-01", "2026-03-02") == 15.0
    assert udfs.DETAIL_LATE_CHARGE("terms", 1000.0, "2026-01-01", "2026-03-03") == 45.0
