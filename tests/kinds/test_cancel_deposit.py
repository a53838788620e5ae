"""A deposit kept on cancelling (cancel-deposit.toml), each charge worked by hand from the file.

Officer 50.00, 4-hour minimum, 10% fee on top; a deposit of 25% of the quote. Within 7 days: the deposit is kept;
within 24 hours: 4 hours per officer, and at least the deposit; after the start: the full shift.
The job: Sat 12 Jun 2027, 08:00-16:00, 2 officers: 2 x 8 x 50 = 800.00 + 80.00 = 880.00; the deposit 220.00.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

JOB = Request((Shift(D("2027-06-12T08:00"), D("2027-06-12T16:00"), 2),), requested_at=D("2027-05-01T09:00"))


def test_the_job_and_its_deposit():
    q = quote(agency("cancel-deposit"), JOB)
    assert q.total == M("880.00")
    assert "A deposit of 25% of the quote is due 14 days before the job: $220.00 on this quote." in q.notes


@pytest.mark.parametrize(("cancelled", "expected"), [
    ("2027-06-02T08:00", "0.00"),      # 10 days ahead
    ("2027-06-07T08:00", "220.00"),    # 5 days ahead: the deposit is kept
    ("2027-06-11T20:00", "440.00"),    # 12 hours ahead: 2 x 4 x 50 = 400.00 + 40.00, more than the deposit
    ("2027-06-12T09:00", "880.00"),    # after the start: the full shift
])
def test_charges(cancelled, expected):
    assert cancellation_charge(agency("cancel-deposit"), JOB, D(cancelled)).charge == M(expected)


def test_a_fixed_deposit_above_the_hours_charged():
    # A $500.00 deposit: 12 hours ahead, 440.00 is less, so 500.00; 5 days ahead, 500.00.
    text = agency("cancel-deposit").source.read_text().replace("deposit = { percent = 25,", "deposit = { amount = 500.00,")
    a = Agency.build("cancel-deposit", parse_spec(text, "cancel-deposit.toml"))
    got = cancellation_charge(a, JOB, D("2027-06-11T20:00"))
    assert got.charge == M("500.00")
    assert [(l.description, l.high) for l in got.lines][-1] == ("Deposit kept: the charge is at least the deposit", M("60.00"))
    assert cancellation_charge(a, JOB, D("2027-06-07T08:00")).charge == M("500.00")


def test_in_words_and_checked():
    words = explain(agency("cancel-deposit"))
    assert "Cancelled 168 hours or less before the start: the deposit is kept. (line 3)" in words
    assert ("Cancelled 24 hours or less before the start: 4 hours per position at the job's rate, and at least the "
            "deposit, which is kept. (line 4)") in words
    text = agency("cancel-deposit").source.read_text().replace("deposit = { percent = 25, days_before = 14, line = 2 }",
                                                               "due = { days = 30, line = 2 }")
    with pytest.raises(AgencyFileError, match="a window keeps the deposit"):
        parse_spec(text, "cancel-deposit.toml")


def test_the_workbook_agrees(tmp_path):
    cases = [("2027-06-02T08:00", None), ("2027-06-07T08:00", None), ("2027-06-11T20:00", None)]
    assert workbook_charges(agency("cancel-deposit"), JOB, cases, tmp_path) == [M("0.00"), M("220.00"), M("440.00")]
