"""Payment terms for some jobs (terms-when.toml), each figure worked by hand from the file.

Net 30; 1.5% a month once 30 days past the invoice; a 25.00 late fee after 60 days; card 3%; a deposit of 25% of
the quote, kept on cancelling within 7 days (168 hours). A city department: net 60, no deposit, no late interest,
no late fee (its card fee stays the agency's). A special event: a deposit of 50%. Both: the first, the city's.
Officer 50.00, 4-hour minimum. The job: Sat 12 Jun 2027, 08:00-16:00, 2 officers: 2 x 8 x 50 = 800.00.
"""

import datetime as dt
import json
from decimal import Decimal as M

import pytest

from conftest import D, KINDS, agency, workbook_charges
from detailquote import udfs
from detailquote.cancellation import cancellation_charge
from detailquote.cli import main
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec
from detailquote.payment import payment_terms

CITY = {"customer": "city"}
EVENT = {"job_type": "special_event"}
BOTH = {"customer": "city", "job_type": "special_event"}


def job(**options) -> Request:
    return Request((Shift(D("2027-06-12T08:00"), D("2027-06-12T16:00"), 2),), requested_at=D("2027-05-01T09:00"), **options)


@pytest.mark.parametrize(("options", "deposit"), [
    ({}, "200.00"),        # 25% of 800.00
    (CITY, None),          # no deposit
    (EVENT, "400.00"),     # 50% of 800.00
    (BOTH, None),          # the city's terms come first
])
def test_the_deposit_a_quote_says(options, deposit):
    q = quote(agency("terms-when"), job(**options))
    assert q.total == M("800.00")
    said = [n for n in q.notes if n.startswith("A deposit")]
    percent = "50" if deposit == "400.00" else "25"
    assert said == ([f"A deposit of {percent}% of the quote is due 14 days before the job: ${deposit} on this quote."]
                    if deposit else [])


# Cancelled on Wed 9 Jun 08:00, 72 hours ahead: inside 168 hours, the deposit is kept; on Wed 2 Jun, 240 hours
# ahead: nothing; on Sat 12 Jun 09:00, after the start: the full 800.00.
@pytest.mark.parametrize(("options", "kept"), [({}, "200.00"), (CITY, "0.00"), (EVENT, "400.00"), (BOTH, "0.00")])
def test_a_cancellation_keeps_the_deposit_of_the_jobs_terms(options, kept):
    a = agency("terms-when")
    charges = [cancellation_charge(a, job(**options), D(at)).charge
               for at in ("2027-06-02T08:00", "2027-06-09T08:00", "2027-06-12T09:00")]
    assert charges == [M("0.00"), M(kept), M("800.00")]


@pytest.mark.parametrize(("customer", "kept"), [(None, 200.0), ("City department", 0.0)])
def test_detail_cancel_fee_takes_the_customer(monkeypatch, customer, kept):
    # the same job cancelled on Wed 9 Jun 08:00: a deposit of 25% of 800.00 kept, or none for a city department
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(KINDS))
    assert udfs.DETAIL_CANCEL_FEE("terms-when", "2027-06-12 08:00", "2027-06-12 16:00", 2.0, "2027-06-09 08:00", None,
                                  "2027-05-01 09:00", None, None, None, None, customer) == kept


def test_the_workbook_keeps_the_same_deposit(tmp_path):
    a = agency("terms-when")
    got = []
    for i, options in enumerate(({}, CITY, EVENT, BOTH)):
        (tmp_path / str(i)).mkdir()
        got += workbook_charges(a, job(**options), [("2027-06-09T08:00", None)], tmp_path / str(i))
    assert got == [M("200.00"), M("0.00"), M("400.00"), M("0.00")]


def test_payment_terms_on_an_invoice_73_days_old():
    # 1,000.00 invoiced Thu 1 Jan 2026, seen on Sun 15 Mar: 73 days.
    a = agency("terms-when")
    usual = payment_terms(a, M("1000.00"), dt.date(2026, 1, 1), dt.date(2026, 3, 15), "card")
    assert usual.due_date == dt.date(2026, 1, 31)                        # 30 days
    assert (usual.months_late, usual.late_interest) == (2, M("30.00"))   # 43 days past 30: 2 started months at 1.5%
    assert usual.late_fee == M("25.00")                                  # 73 days: past the 60 of the late fee
    assert usual.surcharge == M("30.00")                                 # 3% of 1,000.00
    city = payment_terms(a, M("1000.00"), dt.date(2026, 1, 1), dt.date(2026, 3, 15), "card", customer="city")
    assert city.due_date == dt.date(2026, 3, 2)                          # 60 days: 30 to 31 Jan, 28 to 28 Feb, 2
    assert (city.months_late, city.late_interest, city.late_fee) == (0, M("0.00"), M("0.00"))
    assert city.surcharge == M("30.00")                                  # the agency's card fee still
    assert "For a city customer: invoices are due in 60 days; no deposit; no late interest; no late fee." in city.notes
    event = payment_terms(a, M("1000.00"), dt.date(2026, 1, 1), dt.date(2026, 3, 15), "card", job_type="special_event")
    assert (event.due_date, event.late_interest, event.late_fee) == (dt.date(2026, 1, 31), M("30.00"), M("25.00"))


def test_the_excel_functions_and_the_pay_command_take_the_job(monkeypatch, capsys):
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(KINDS))
    # 2 started months at 1.5% of 1,000.00 and the late fee: 30.00 + 25.00; a city department: nothing.
    assert udfs.DETAIL_LATE_CHARGE("terms-when", 1000.0, "2026-01-01", "2026-03-15") == 55.0
    assert udfs.DETAIL_LATE_CHARGE("terms-when", 1000.0, "2026-01-01", "2026-03-15", None, "City department") == 0.0
    assert udfs.DETAIL_LATE_CHARGE("terms-when", 1000.0, "2026-01-01", "2026-03-15", "Special event") == 55.0
    assert udfs.DETAIL_PAYMENT_FEE("terms-when", 1000.0, "card", None, "city") == 30.0
    assert udfs.DETAIL_LATE_CHARGE("terms-when", 1000.0, "2026-01-01", "2026-03-15", None, "county") == \
        "unknown customer class 'county' — did you mean city?"
    assert main(["pay", "terms-when", "--amount", "1000", "--invoice-date", "2026-01-01", "--as-of", "2026-03-15",
                 "--customer", "city", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["due_date"], data["late_interest"], data["late_fee"]) == ("2026-03-02", "0.00", "0.00")


def test_in_words():
    words = explain(agency("terms-when"))
    assert "For a city customer: invoices are due in 60 days; no deposit; no late interest; no late fee. (line 8)" in words
    assert "For a special event job: a deposit of 50% of the quote is due 14 days before the job. (line 9)" in words


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('waived = ["deposit", "late_interest", "late_fee"]', 'waived = ["deposit", "late_interest", "suspension"]',
     r"payment_when\[0\]\.waived\[2\]: waives suspension, which \[payment\] does not charge"),
    ('waived = ["deposit", "late_interest", "late_fee"]', 'waived = ["deposit", "late_interest", "late_fee", "due"]',
     r"payment_when\[0\]\.waived\[3\]: must be 'deposit', 'late_interest'"),
    ('waived = ["deposit", "late_interest", "late_fee"]', 'waived = ["deposit"]\nlate_interest = '
     '{ monthly_percent = 1, after_days = 30, line = 8 }\nlate_fee = { fee = 10.00, after_days = 60, line = 8 }',
     None),
    ('due = { days = 60, line = 8 }\nwaived = ["deposit", "late_interest", "late_fee"]', 'waived = ["deposit", "deposit"]',
     r"payment_when\[0\]: waived names a term twice"),
    ('due = { days = 60, line = 8 }\nwaived = ["deposit", "late_interest", "late_fee"]', '',
     r"payment_when\[0\]: give the terms for these jobs, or the terms they are spared in waived"),
    ('deposit = { percent = 50, days_before = 14, line = 9 }\n', 'deposit = { percent = 50, line = 9 }\n'
     'waived = ["deposit"]\n', r"payment_when\[1\]: deposit is both given and waived"),
    ('when = { kind = "job_type", one_of = ["special_event"] }', 'when = { kind = "calendar", days = ["saturday"], scope = "hour" }',
     r"payment_when\[1\]\.when: payment terms by condition depends on the job, not on its days or hours"),
])
def test_terms_for_some_jobs_that_cannot_hold_are_refused(old, new, problem):
    text = agency("terms-when").source.read_text()
    assert old in text
    text = text.replace(old, new)
    if problem is None:  # terms given in place of the agency's: a valid file
        assert parse_spec(text, "terms-when.toml").payment_when[0].late_fee.fee == M("10.00")
        return
    with pytest.raises(AgencyFileError, match=rf"terms-when\.toml.*{problem}"):
        parse_spec(text, "terms-when.toml")
