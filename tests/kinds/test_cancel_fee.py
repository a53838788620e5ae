"""A cancellation fee of its own (cancel-fee.toml), each charge worked by hand from the file.

Officer 72.00, 4-hour minimum, 10% administration fee on top. Under 24 hours: 4 hours per officer plus 100.00;
after the start: the full shift plus 150.00; for weather, under 24 hours: 2 hours per officer and no fee. The
cancellation fee is a fee of its own: the 10% is not charged on it (a percentage never takes another fee).
The job: Sat 12 Jun 2027, 10:00-16:00 (6 hours), 3 officers: 3 x 6 x 72 = 1,296.00 + 129.60 = 1,425.60.
"""

from decimal import Decimal as M

import pytest
from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain

JOB = Request((Shift(D("2027-06-12T10:00"), D("2027-06-12T16:00"), 3),), requested_at=D("2027-05-01T09:00"))
SECOND = Shift(D("2027-06-13T10:00"), D("2027-06-13T16:00"), 3)


def charge(cancelled: str, reason: str | None = None, request: Request = JOB):
    return cancellation_charge(agency("cancel-fee"), request, D(cancelled), reason=reason)


@pytest.mark.parametrize(("cancelled", "reason", "expected"), [
    ("2027-06-10T09:00", None, "0.00"),         # more than 24 hours ahead: nothing
    ("2027-06-11T12:00", None, "1050.40"),      # 3 x 4 x 72 = 864.00, + 10% = 86.40, + 100.00
    ("2027-06-11T12:00", "Weather", "475.20"),  # 3 x 2 x 72 = 432.00 + 43.20; no fee
    # After the start: 1,296.00 + 129.60 + 150.00 = 1,575.60, more than the job's 1,425.60: limited to it.
    ("2027-06-12T11:00", None, "1425.60"),
])
def test_the_cancellation_fee(cancelled, reason, expected):
    assert charge(cancelled, reason).charge == M(expected)


def test_the_fee_is_charged_once_for_the_job_the_largest_of_its_windows():
    # Two days, cancelled on the first after its start: day 1 in full (1,296.00, fee 150.00), day 2 under 24 hours
    # ahead (864.00, fee 100.00): 1,296.00 + 864.00 = 2,160.00, + 10% = 216.00, + 150.00: 2,526.00.
    two = Request((*JOB.shifts, SECOND), requested_at=JOB.requested_at)
    got = charge("2027-06-12T11:00", request=two)
    assert got.charge == M("2526.00")
    assert [l.description for l in got.lines].count("Cancellation fee") == 1


def test_the_fee_in_words():
    words = explain(agency("cancel-fee"))
    assert ("Cancelled 24 hours or less before the start: 4 hours per position at the job's rate, "
            "plus a cancellation fee of $100.00.") in words


def test_the_workbook_charges_the_fee_once(tmp_path):
    a = agency("cancel-fee")
    two = Request((*JOB.shifts, SECOND), requested_at=JOB.requested_at)
    assert workbook_charges(a, two, [("2027-06-12T11:00", None)], tmp_path) == [M("2526.00")]
    assert quote(a, two).total == M("2851.20")


def test_a_strict_window_lets_a_cancellation_exactly_at_its_hour_through(tmp_path):
    # "at least 24 hours before" is in time: with strict = true, 10:00 the day before a 10:00 start costs nothing;
    # a minute later, 4 hours each and the fee. Checked in the engine and, recalculated, in the workbook.
    from detailquote.agency import Agency
    from detailquote.loader import parse_spec

    text = agency("cancel-fee").source.read_text().replace(
        'hours = 24, charge = "hours", charge_hours = 4, flat_fee', 'hours = 24, strict = true, charge = "hours", charge_hours = 4, flat_fee')
    a = Agency.build("cancel-fee", parse_spec(text, "cancel-fee.toml"))
    assert "Cancelled less than 24 hours before the start: 4 hours per position" in explain(a)
    cases = [("2027-06-11T10:00", None), ("2027-06-11T10:01", None)]
    expected = [cancellation_charge(a, JOB, D(c)).charge for c, _ in cases]
    assert expected == [M("0.00"), M("1050.40")]
    assert workbook_charges(a, JOB, cases, tmp_path) == expected
