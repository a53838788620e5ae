"""A cancellation window that opens at 12:00 the day before the shift (cancel-clock-time.toml).

Officer 50.00, a 4-hour minimum. Before noon the day before: nothing; from noon: the greater of hours
worked and the minimum; from 2 hours before the start: the full shift. Shift: Tue 10 Mar 2026
08:00-16:00, 2 officers (800.00). Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift


@pytest.mark.parametrize(
    "cancelled, charge",
    [
        ("2026-03-09T11:59", "0.00"),
        ("2026-03-09T12:00", "400.00"),   # at noon the day before: 2 x the 4-hour minimum
        ("2026-03-10T05:59", "400.00"),
        ("2026-03-10T06:00", "800.00"),   # 2 hours before: the full shift
    ],
)
def test_windows(cancelled, charge):
    request = Request((Shift(D("2026-03-10T08:00"), D("2026-03-10T16:00"), 2, 0),))
    result = cancellation_charge(agency("cancel-clock-time"), request, D(cancelled))
    assert result.charge == M(charge)


def test_each_shift_has_its_own_day_before():
    # Two shifts, on 10 and 11 March; cancelled at 13:00 on the 10th, after the first started.
    request = Request((Shift(D("2026-03-10T08:00"), D("2026-03-10T12:00"), 1, 0),
                       Shift(D("2026-03-11T08:00"), D("2026-03-11T12:00"), 1, 0)))
    result = cancellation_charge(agency("cancel-clock-time"), request, D("2026-03-10T13:00"))
    assert result.charge == M("200.00") + M("200.00")  # the first ended: as quoted; the second: its minimum
    early = cancellation_charge(agency("cancel-clock-time"), request, D("2026-03-09T13:00"))
    assert early.charge == M("200.00")  # only the first shift's window has opened
