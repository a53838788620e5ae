"""The cancellation deadline chosen by the job's start time (cancel-by-start.toml), worked by hand from the file.

Officer 50.00, 4-hour minimum. A shift starting before 15:00 must be cancelled by 15:00 the day before; one
starting at 15:00 or later at least 24 hours ahead; too late: 4 hours per officer (2 officers: 400.00); after
the start: the shift in full. New York time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift
from detailquote.explain import explain


def charge(start: str, end: str, cancelled: str):
    request = Request((Shift(D(start), D(end), 2),), requested_at=D("2027-04-01T09:00"))
    return cancellation_charge(agency("cancel-by-start"), request, D(cancelled)).charge


@pytest.mark.parametrize(("start", "end", "cancelled", "expected"), [
    # Thu 15 Apr 2027, 09:00-17:00 (before 15:00): by 15:00 on Wed 14 Apr.
    ("2027-04-15T09:00", "2027-04-15T17:00", "2027-04-14T14:59", "0.00"),
    ("2027-04-15T09:00", "2027-04-15T17:00", "2027-04-14T15:00", "400.00"),   # 2 x 4 x 50.00
    # 18:00-23:00 (15:00 or later): 24 hours ahead, 18:00 on Wed 14 Apr; 15:00 that day is still in time.
    ("2027-04-15T18:00", "2027-04-15T23:00", "2027-04-14T15:00", "0.00"),
    ("2027-04-15T18:00", "2027-04-15T23:00", "2027-04-14T18:00", "400.00"),
    ("2027-04-15T18:00", "2027-04-15T23:00", "2027-04-15T19:00", "500.00"),   # after the start: 2 x 5 x 50.00
    # 14:59 is before 15:00: by 15:00 the day before, though 24 hours ahead would be 14:59.
    ("2027-04-15T14:59", "2027-04-15T18:59", "2027-04-14T14:59", "0.00"),
    # 15:30 is not: 24 hours ahead, so 15:10 the day before is in time.
    ("2027-04-15T15:30", "2027-04-15T19:30", "2027-04-14T15:10", "0.00"),
    ("2027-04-15T15:30", "2027-04-15T19:30", "2027-04-14T15:30", "400.00"),
])
def test_the_deadline_by_start_time(start, end, cancelled, expected):
    assert charge(start, end, cancelled) == M(expected)


def test_the_deadlines_in_words():
    words = explain(agency("cancel-by-start"))
    assert "Cancelled once approved: no charge. (line 3)" in words
    assert ("Cancelled from 15:00 the day before the assignment, for a shift starting before 15:00: per position, "
            "the greater of hours worked and the 4-hour minimum at the total rate. (line 3)") in words
    assert ("Cancelled 24 hours or less before the start, for a shift starting at 15:00 or later: per position, the "
            "greater of hours worked and the 4-hour minimum at the total rate. (line 4)") in words
