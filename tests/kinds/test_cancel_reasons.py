"""Cancellation windows by reason (cancel-reasons.toml).

Officer 50.00, a 4-hour minimum. Usually: 24 hours or less before the start, the greater of hours
worked and the minimum; after the start, the full shift. Weather, for outdoor events: the same from
4 hours before. The officer called to court: nothing. Shift: Tue 10 Mar 2026 08:00-16:00, 2 officers.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift
from detailquote.errors import InputError


def _charge(cancelled: str, reason: str | None, job_type: str = "outdoor"):
    request = Request((Shift(D("2026-03-10T08:00"), D("2026-03-10T16:00"), 2, 0),), job_type=job_type)
    return cancellation_charge(agency("cancel-reasons"), request, D(cancelled), reason=reason)


@pytest.mark.parametrize(
    "cancelled, reason, job_type, charge",
    [
        ("2026-03-09T08:00", None, "outdoor", "400.00"),       # 24 hours before: 2 x the 4-hour minimum
        ("2026-03-09T08:00", "weather", "outdoor", "0.00"),    # weather: only 4 hours' notice needed
        ("2026-03-10T04:00", "weather", "outdoor", "400.00"),
        ("2026-03-10T09:00", "weather", "outdoor", "800.00"),  # after the start: the full shift
        ("2026-03-09T08:00", "weather", "regular", "400.00"),  # weather counts for outdoor events only
        ("2026-03-10T09:00", "court", "regular", "0.00"),      # never a charge
    ],
)
def test_windows_by_reason(cancelled, reason, job_type, charge):
    assert _charge(cancelled, reason, job_type).charge == M(charge)


def test_the_charge_says_which_terms_it_followed():
    assert _charge("2026-03-10T04:00", "Weather").rule.startswith("Weather: cancelled 4 hours or less before the start")
    assert "outdoor event jobs only" in " ".join(_charge("2026-03-09T08:00", "weather", "regular").notes)


def test_a_reason_the_agency_does_not_list_is_refused():
    with pytest.raises(InputError, match="unknown cancellation reason 'snow'"):
        _charge("2026-03-09T08:00", "snow")
