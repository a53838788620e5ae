"""Sherman (TX): every figure on pages/sherman-tx.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. National holiday: Independence Day, Sat 4 Jul 2026 (also Juneteenth).
Requests a month ahead unless a test says otherwise.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, lines, price

A = "sherman-tx"
AHEAD = "2026-10-01T09:00"


@pytest.mark.parametrize(
    "start, requested, job_type, tier, rate",
    [
        ("2026-11-18T10:00", AHEAD, None, "standard", "45.00"),                 # line 2
        ("2026-11-18T10:00", "2026-11-11T10:00", None, "standard", "45.00"),    # exactly seven days: line 2
        ("2026-11-18T10:00", "2026-11-11T10:01", None, "short_notice", "50.00"),  # less than seven days: line 4
        ("2026-07-04T10:00", AHEAD, None, "holiday", "50.00"),                  # line 6
        ("2026-06-19T10:00", AHEAD, None, "holiday", "50.00"),                  # Juneteenth, a federal holiday
        ("2026-11-18T10:00", AHEAD, "outdoor", "standard", "50.00"),            # line 3
    ],
)
def test_rates(start, requested, job_type, tier, rate):
    q = price(A, start, start[:11] + "14:00", 1, requested_at=requested, job_type=job_type)
    assert lines(q) == [("officer", tier, 1, 4, M(rate), 4 * M(rate), False)]


def test_more_than_four_officers_add_a_supervisor_at_50():
    four = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 4, requested_at=AHEAD)
    assert four.total == 4 * 4 * M("45.00") and len(four.shifts[0].positions) == 1
    five = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 5, requested_at=AHEAD)  # line 5
    assert lines(five) == [
        ("supervisor", "standard", 1, 4, M("50.00"), M("200.00"), False),
        ("officer", "standard", 5, 4, M("45.00"), M("900.00"), False),
    ]
    assert price(A, "2026-11-18T10:00", "2026-11-18T14:00", 30, requested_at=AHEAD).shifts[0].positions == (
        ("supervisor", 1), ("officer", 30))


def test_a_patrol_vehicle_at_23_an_hour():
    q = price(A, "2026-11-18T10:00", "2026-11-18T14:00", 1, 1, requested_at=AHEAD)  # line 7
    assert lines(q, "vehicle") == [("vehicle", "", 1, 4, M("23.00"), M("92.00"), False)]


def test_cancellation_inside_24_hours_costs_3_hours_a_position():
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 0),), requested_at=D(AHEAD))
    early = cancellation_charge(agency(A), request, D("2026-11-17T09:59"))   # line 9: more than 24 hours' notice
    exactly = cancellation_charge(agency(A), request, D("2026-11-17T10:00"))  # the boundary: the dearer reading
    assert (early.charge, exactly.charge) == (M("0.00"), 2 * 3 * M("45.00"))


@pytest.mark.parametrize(
    "job_type, reason, cancelled, charge",
    [
        ("outdoor", "weather", "2026-11-18T05:59", "0.00"),          # line 10: more than 4 hours' notice
        ("outdoor", "weather", "2026-11-18T06:00", "300.00"),        # 4 hours: 2 x 3 h x 50.00 (outdoor, line 4)
        ("outdoor", None, "2026-11-18T05:59", "300.00"),             # another reason: the 24 hours apply
        ("outdoor", "Weather (outdoor events)", "2026-11-17T12:00", "0.00"),  # by its label
        (None, "weather", "2026-11-18T05:59", "270.00"),             # not an outdoor event: 24 hours, 45.00
    ],
)
def test_a_weather_cancellation_of_an_outdoor_event_needs_4_hours_notice(job_type, reason, cancelled, charge):
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 0),), job_type=job_type, requested_at=D(AHEAD))
    result = cancellation_charge(agency(A), request, D(cancelled), reason=reason)
    assert result.charge == M(charge)
    assert any("outdoor jobs only" in n for n in result.notes) == (job_type is None)


def test_an_unknown_reason_is_refused():
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift
    from detailquote.errors import InputError

    request = Request((Shift(D("2026-11-18T10:00"), D("2026-11-18T18:00"), 2, 0),))
    with pytest.raises(InputError, match="unknown cancellation reason 'hail'"):
        cancellation_charge(agency(A), request, D("2026-11-18T09:00"), reason="hail")
