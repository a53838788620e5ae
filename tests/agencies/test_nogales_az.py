"""Nogales (AZ): every figure on pages/nogales-az.txt, and worked jobs.

Standard day: Wed 18 Nov 2026. Holiday: Veterans Day, Wed 11 Nov 2026.
Requests a month ahead unless a test says otherwise.
"""

import datetime as dt
from decimal import Decimal as M

import pytest

from conftest import agency, lines, price

A = "nogales-az"
AHEAD = "2026-10-01T09:00"
SHORT = "2026-11-10T09:00"  # under 48 hours before a shift on 11 Nov, and on 18 Nov it is a week ahead


def _shift(day: str, hours: float) -> tuple[str, str]:
    start = dt.datetime.fromisoformat(f"{day}T06:00")
    return start.isoformat(), (start + dt.timedelta(hours=hours)).isoformat()


@pytest.mark.parametrize(
    "day, hours, requested, officer, supervisor",
    [
        ("2026-11-18", 8, AHEAD, "56.50", "62.15"),           # lines 8-9, first column
        ("2026-11-18", 9, AHEAD, "84.75", "87.58"),           # "Detail 8.1 hrs-10hrs"
        ("2026-11-18", 10, AHEAD, "84.75", "87.58"),
        ("2026-11-18", 11, AHEAD, "113.00", "124.30"),        # "11+hrs"
        ("2026-11-11", 8, AHEAD, "67.80", "73.45"),           # lines 10-11: Veterans Day (line 17)
        ("2026-11-11", 9, AHEAD, "101.70", "101.70"),
        ("2026-11-11", 12, AHEAD, "135.60", "135.60"),
        ("2026-11-11", 4, SHORT, "84.75", "84.75"),           # line 12, over the holiday rate (line 19)
        ("2026-11-11", 9, SHORT, "113.00", "113.00"),
        ("2026-11-11", 11, SHORT, "169.50", "169.50"),
    ],
)
def test_rates(day, hours, requested, officer, supervisor):
    start, end = _shift(day, hours)
    q = price(A, start, end, 1, requested_at=requested, supervisors=1)
    h = M(str(hours))
    assert lines(q) == [
        ("supervisor", q.lines[0].tier, 1, h, M(supervisor), h * M(supervisor), False),
        ("officer", q.lines[1].tier, 1, h, M(officer), h * M(officer), False),
    ]


def test_a_detail_between_10_and_11_hours_takes_the_11_plus_rate():
    start, end = _shift("2026-11-18", 10.5)
    assert price(A, start, end, 1, requested_at=AHEAD).total == M("10.5") * M("113.00")


def test_emergency_at_48_hours():
    start, end = _shift("2026-11-18", 4)  # 06:00
    assert price(A, start, end, requested_at="2026-11-16T06:00").total == 4 * M("56.50")   # exactly 48 h
    assert price(A, start, end, requested_at="2026-11-16T06:01").total == 4 * M("84.75")   # line 19


def test_vehicle_per_hour_whatever_the_length():
    start, end = _shift("2026-11-18", 9)  # line 13: $4.52, N/A in the longer columns
    q = price(A, start, end, 2, vehicles=1, requested_at=AHEAD)
    assert ("vehicle", "", 1, 9, M("4.52"), M("40.68"), False) in lines(q)
    assert q.total == 2 * 9 * M("84.75") + M("40.68")


def test_four_hour_minimum_at_the_first_column():
    start, end = _shift("2026-11-18", 2)  # line 15: billed 4 hours, the length is still 2
    assert lines(price(A, start, end, requested_at=AHEAD)) == [("officer", "standard", 1, 4, M("56.50"), M("226.00"), False)]


def test_a_long_detail_across_midnight_into_a_holiday():
    # Nov 10 20:00 - Nov 11 05:00, 9 hours: 4 h at 84.75 (339.00), 5 h on Veterans Day at 101.70 (508.50).
    q = price(A, "2026-11-10T20:00", "2026-11-11T05:00", requested_at=AHEAD)
    assert lines(q) == [
        ("officer", "long", 1, 4, M("84.75"), M("339.00"), False),
        ("officer", "holiday_long", 1, 5, M("101.70"), M("508.50"), False),
    ]


def test_no_supervisor_unless_asked_for():
    start, end = _shift("2026-11-18", 4)
    assert price(A, start, end, 20, requested_at=AHEAD).shifts[0].positions == (("officer", 20),)


def test_the_holiday_list():
    days = agency(A).holidays(2026)
    assert len(days) == 12  # line 17 lists 12 days
    assert days[dt.date(2026, 11, 11)] == "Veterans Day" and days[dt.date(2026, 12, 31)] == "New Year's Eve"
    assert dt.date(2026, 6, 19) not in days  # no Juneteenth on Nogales' list


def test_no_cancellation_policy_is_recorded():
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    start, end = _shift("2026-11-18", 8)
    request = Request((Shift(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end), 1, 0),))
    charge = cancellation_charge(agency(A), request, dt.datetime(2026, 11, 18, 5))
    assert charge.charge == 0 and not charge.complete
