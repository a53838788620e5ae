"""A cancellation fee per position, and a shift billed in full once more than half of it is worked
(cancel-per-position.toml), each charge worked by hand from the file.

Officer 60.00, 4-hour minimum. Under 48 hours: 25.00 per officer; under 12 hours: 4 hours per officer plus the
25.00; after the start: hours worked, at least the minimum; more than half worked: the whole shift.
The job: Sat 12 Jun 2027, 08:00-16:00 (8 hours), 2 officers: 2 x 8 x 60 = 960.00.
"""

from decimal import Decimal as M

import pytest
from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.explain import explain



def request(days: int = 1):
    from detailquote.engine import Request, Shift

    shifts = [Shift(D(f"2027-06-{12 + d}T08:00"), D(f"2027-06-{12 + d}T16:00"), 2) for d in range(days)]
    return Request(tuple(shifts), requested_at=D("2027-05-01T09:00"))


@pytest.mark.parametrize(("cancelled", "worked", "expected"), [
    ("2027-06-09T12:00", None, "0.00"),     # more than 48 hours ahead
    ("2027-06-11T12:00", None, "50.00"),    # 20 hours ahead: 2 x 25.00
    ("2027-06-12T00:00", None, "530.00"),   # 8 hours ahead: 2 x 4 x 60 = 480.00, + 2 x 25.00
    ("2027-06-12T11:00", 3, "480.00"),      # 3 of 8 hours worked: the 4-hour minimum, 2 x 4 x 60
    ("2027-06-12T12:00", 4, "480.00"),      # exactly half worked: not more than half, 4 hours each
    ("2027-06-12T13:00", 5, "960.00"),      # 5 of 8 hours worked: the whole shift
])
def test_charges(cancelled, worked, expected):
    got = cancellation_charge(agency("cancel-per-position"), request(), D(cancelled), hours_worked=worked and M(worked))
    assert got.charge == M(expected)


def test_fee_per_position_on_each_shift_it_catches():
    # Two days, cancelled at 13:00 on the first with 5 hours worked: day 1 in full (960.00); day 2 starts 19 hours
    # later, inside 48 hours: 2 x 25.00. Total 1,010.00.
    got = cancellation_charge(agency("cancel-per-position"), request(2), D("2027-06-12T13:00"), hours_worked=M(5))
    assert got.charge == M("1010.00")
    assert [(l.description, l.positions, l.high) for l in got.lines if "fee" in l.description] == \
        [("Cancellation fee, per position", 2, M("50.00"))]


def test_in_words():
    words = explain(agency("cancel-per-position"))
    assert "Cancelled 12 hours or less before the start: 4 hours per position at the job's rate, plus $25.00 per position." in words
    assert "A shift cancelled or cut short once more than half of it is worked is billed in full." in words


def test_the_workbook_agrees(tmp_path):
    a = agency("cancel-per-position")
    cases = [("2027-06-12T13:00", M(5)), ("2027-06-12T12:00", M(4)), ("2027-06-11T12:00", None)]
    expected = [cancellation_charge(a, request(2), D(c), hours_worked=w).charge for c, w in cases]
    assert expected == [M("1010.00"), M("530.00"), M("100.00")]
    assert workbook_charges(a, request(2), cases, tmp_path) == expected
