"""Fees kept on cancelling (cancel-fees-kept.toml), each charge worked by hand from the file.

Officer 60.00, 4-hour minimum; on top, a booking fee of 25.00 a job and an administrative fee of 10% of the charges.
"All fees are non refundable": within 7 days (168 hours) the fees are charged as the quote charges them, and nothing
else; within 24 hours, 4 hours per officer as well, with the quote's fees (10% of the whole job, not of the 4 hours);
after the start, the full shift.
The job: Sat 12 Jun 2027, 08:00-16:00, 2 officers: 2 x 8 x 60.00 = 960.00; booking 25.00; admin 10% of 960.00 =
96.00; total 1,081.00.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

A = "cancel-fees-kept"
JOB = Request((Shift(D("2027-06-12T08:00"), D("2027-06-12T16:00"), 2),), requested_at=D("2027-05-01T09:00"))
# Two shifts: Sat 12 Jun 08:00-16:00, 2 officers (960.00), and Sun 13 Jun 08:00-12:00, 3 officers: 3 x 4 x 60.00 =
# 720.00. Charges 1,680.00; booking 25.00; admin 10% = 168.00; total 1,873.00.
TWO = Request((Shift(D("2027-06-12T08:00"), D("2027-06-12T16:00"), 2), Shift(D("2027-06-13T08:00"), D("2027-06-13T12:00"), 3)),
              requested_at=D("2027-05-01T09:00"))


def test_the_jobs():
    assert quote(agency(A), JOB).total == M("1081.00")
    assert quote(agency(A), TWO).total == M("1873.00")


@pytest.mark.parametrize(("cancelled", "expected"), [
    ("2027-06-02T08:00", "0.00"),      # 10 days ahead: before any window, nothing
    ("2027-06-07T08:00", "121.00"),    # 5 days ahead: the fees are kept, 25.00 + 96.00, and nothing else
    ("2027-06-05T08:00", "121.00"),    # exactly 168 hours ahead: the window is open ("or less"), the same
    # 12 hours ahead: 2 x 4 x 60.00 = 480.00 + 25.00 + the quote's 96.00 (more than 10% of 480.00 = 48.00) = 601.00
    ("2027-06-11T20:00", "601.00"),
    ("2027-06-12T09:00", "1081.00"),   # after the start: the full shift, 960.00 + 25.00 + 96.00
])
def test_charges(cancelled, expected):
    assert cancellation_charge(agency(A), JOB, D(cancelled)).charge == M(expected)


def test_cancelled_early_the_fees_are_the_only_lines():
    got = cancellation_charge(agency(A), JOB, D("2027-06-07T08:00"))
    assert [(l.description, l.high) for l in got.lines] == [("Booking fee", M("25.00")),
                                                             ("Administrative fee (10%)", M("96.00"))]
    assert got.rule == ("Cancelled 168 hours or less before the start: the booking fee and the administrative fee are "
                        "kept in full, as quoted.")
    assert any(n.startswith("The fees on top are not refunded") for n in got.notes)


def test_inside_24_hours_the_charge_and_the_quotes_fees():
    got = cancellation_charge(agency(A), JOB, D("2027-06-11T20:00"))
    assert [(l.positions, l.hours, l.high) for l in got.lines] == [
        (2, M("4"), M("480.00")),  # 4 hours per officer at 60.00
        (1, M("0"), M("25.00")),   # the booking fee, once
        (1, M("0"), M("96.00")),   # 10% of the quote's 960.00, kept; 10% of the 480.00 charged would be 48.00
    ]


def test_a_job_of_two_shifts():
    # Cancelled Fri 11 Jun 20:00: Saturday's shift is 12 hours ahead, 2 x 4 x 60.00 = 480.00; Sunday's is 36 hours
    # ahead, in the 7-day window, nothing for it. Fees as quoted: 25.00 + 168.00 (10% of 1,680.00, more than 10% of
    # 480.00 = 48.00): 480.00 + 25.00 + 168.00 = 673.00.
    assert cancellation_charge(agency(A), TWO, D("2027-06-11T20:00")).charge == M("673.00")
    # Cancelled Mon 7 Jun 08:00: both shifts in the 7-day window: the fees alone, 25.00 + 168.00 = 193.00.
    assert cancellation_charge(agency(A), TWO, D("2027-06-07T08:00")).charge == M("193.00")


def test_in_words_and_checked():
    words = explain(agency(A))
    assert "Cancelled more than 168 hours before the start: no charge. (line 3)" in words
    assert ("Cancelled 168 hours or less before the start: the booking fee and the administrative fee are kept in "
            "full, as quoted. (line 3)") in words
    assert ("Cancelled 24 hours or less before the start: 4 hours per position at the job's rate, and the booking fee "
            "and the administrative fee in full, as quoted. (line 4)") in words
    text = agency(A).source.read_text()
    no_fees = text[:text.index("[fees.booking]")] + text[text.index("[cancellation]"):]
    with pytest.raises(AgencyFileError, match="a window keeps the fees on top, but the agency adds none"):
        parse_spec(no_fees, "cancel-fees-kept.toml")


def test_the_workbook_agrees(tmp_path):
    cases = [("2027-06-02T08:00", None), ("2027-06-07T08:00", None), ("2027-06-11T20:00", None)]
    assert workbook_charges(agency(A), JOB, cases, tmp_path) == [M("0.00"), M("121.00"), M("601.00")]
    (tmp_path / "two").mkdir()
    assert workbook_charges(agency(A), TWO, [("2027-06-11T20:00", None)], tmp_path / "two") == [M("673.00")]
