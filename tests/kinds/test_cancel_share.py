"""A share of the quote on cancelling (cancel-share.toml), each charge worked by hand from the file.

Officer 60.00, 4-hour minimum, vehicle 10.00 an hour, 10% administrative fee. Cancelled 7 days or less before the
start: 25% of the shift as quoted; 48 hours or less: 50%; after the start: the whole shift.
The job: Sat 12 Jun 2027, 09:00-17:00, 2 officers and a vehicle: 2 x 8 x 60.00 = 960.00 + 8 x 10.00 = 80.00;
1,040.00 + 104.00 = 1,144.00.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain

FIRST = Shift(D("2027-06-12T09:00"), D("2027-06-12T17:00"), 2, 1)
SECOND = Shift(D("2027-06-13T09:00"), D("2027-06-13T13:00"), 2, 1)  # 2 x 4 x 60.00 + 4 x 10.00 = 520.00


def charge(cancelled: str, *shifts: Shift):
    request = Request(shifts or (FIRST,), requested_at=D("2027-05-01T09:00"))
    return cancellation_charge(agency("cancel-share"), request, D(cancelled))


@pytest.mark.parametrize(("cancelled", "expected"), [
    ("2027-06-05T08:59", "0.00"),      # more than 7 days ahead
    ("2027-06-05T09:00", "286.00"),    # 7 days: 25% of 1,040.00 = 260.00, + 26.00
    ("2027-06-10T09:00", "572.00"),    # 48 hours: 50% = 520.00, + 52.00
    ("2027-06-12T10:00", "1144.00"),   # after the start: the whole shift, vehicle and fee
])
def test_a_share_of_the_shift_as_quoted(cancelled, expected):
    assert quote(agency("cancel-share"), Request((FIRST,))).total == M("1144.00")
    assert charge(cancelled).charge == M(expected)


def test_each_shift_takes_the_share_of_its_own_window():
    # Cancelled Fri 11 Jun 12:00: Saturday's shift is 21 hours ahead (50% of 1,040.00 = 520.00), Sunday's 45 hours
    # (50% of 520.00 = 260.00): 780.00 + 78.00 = 858.00.
    assert charge("2027-06-11T12:00", FIRST, SECOND).charge == M("858.00")
    # Cancelled Wed 9 Jun 12:00: Saturday's is 69 hours ahead (25%: 260.00), Sunday's 93 (25% of 520.00 = 130.00).
    assert charge("2027-06-09T12:00", FIRST, SECOND).charge == M("429.00")


def test_a_share_rounds_once_per_shift():
    # 3 officers 09:00-12:10, billed 4 hours each: 720.00 + the vehicle 4 x 10.00 = 760.00; 25% = 190.00, + 19.00.
    # 1 officer for 7 hours: 420.00 + 70.00 = 490.00; 25% = 122.50, + 12.25 = 134.75.
    odd = Shift(D("2027-06-12T09:00"), D("2027-06-12T12:10"), 3, 1)
    assert charge("2027-06-08T09:00", odd).charge == M("209.00")
    seven = Shift(D("2027-06-12T09:00"), D("2027-06-12T16:00"), 1, 1)
    assert charge("2027-06-08T09:00", seven).charge == M("134.75")


def test_the_share_in_words():
    words = explain(agency("cancel-share"))
    assert "Cancelled 168 hours or less before the start: 25% of the shift as quoted. (line 5)" in words
    assert "Cancelled 48 hours or less before the start: 50% of the shift as quoted. (line 6)" in words


def test_the_workbook_charges_the_share(tmp_path):
    request = Request((FIRST, SECOND), requested_at=D("2027-05-01T09:00"))
    assert workbook_charges(agency("cancel-share"), request, [("2027-06-11T12:00", None)], tmp_path) == [M("858.00")]
