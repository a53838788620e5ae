"""The floor: a pricer written by hand for Tucson's rules alone, to measure the engine against.

Plain Python for agencies/tucson-az.toml and nothing else, with no use of the
engine: the rates in integer cents, Tucson's holidays by their dates, its
supervisors, minimum and vehicles as the file gives them. It reads the same
`Request` the engine does (naive wall-clock times; Phoenix keeps no summer
time, so wall-clock hours are real hours) and gives only the total. How fast
it prices the benchmark's Tucson jobs is the floor a general engine can hope
to come near; tests/test_benchmark.py keeps its totals equal to the engine's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from detailquote.quotes import Request

AGENCY = "tucson-az"
# Job type → role → (standard, holiday, emergency) hourly rates in cents; roles highest rank first.
RATES = {
    "regular": {"commander": (8084, 12126, 12126), "sergeant": (7248, 10871, 10871), "officer": (6411, 9617, 9617)},
    "major_event": {"commander": (8920, 13380, 13380), "sergeant": (8084, 12126, 12126), "officer": (7248, 10871, 10871)},
    "critical_need": {"commander": (9478, 14260, 14216), "sergeant": (8641, 12962, 12962), "officer": (7805, 11708, 11708)},
}
RATES["construction"] = RATES["major_event"]
EMERGENCY_UNDER = 48 * 3600  # the emergency rate: requested less than 48 hours before the shift
MINIMUM = 3 * 3600  # per position per shift, vehicle handling included; added hours at the shift's highest rate
HANDLING = 1800  # an officer who brings a vehicle works 30 minutes more
VEHICLE_CENTS = 1500  # a vehicle per billed hour of its officer
FIXED_HOLIDAYS = {(12, 31), (1, 1), (12, 24), (12, 25)}  # and Thanksgiving, the fourth Thursday of November
DAY = dt.timedelta(days=1)


def is_holiday(day: dt.date) -> bool:
    return (day.month, day.day) in FIXED_HOLIDAYS or day.month == 11 and day.weekday() == 3 and 22 <= day.day <= 28


def cost(seconds: int, cents: int) -> int:
    """`seconds` at `cents` an hour, rounded half-up to the cent."""
    return (seconds * cents + 1800) // 3600


def total(request: Request) -> Decimal:
    """The quote's total for a Tucson request without supervisor override, venue, customer or facts."""
    table = RATES[request.job_type or "regular"]
    cents = 0
    for shift in request.shifts:
        short = request.requested_at is not None and (shift.start - request.requested_at).total_seconds() < EMERGENCY_UNDER
        # The shift's seconds on each date, split at midnight: holiday hours are the holiday's date's.
        pieces, at = [], shift.start
        while at < shift.end:
            cut = min(shift.end, dt.datetime.combine(at.date() + DAY, dt.time()))
            pieces.append((int((cut - at).total_seconds()), is_holiday(at.date())))
            at = cut
        scheduled = int((shift.end - shift.start).total_seconds())
        # From 5 positions one is a sergeant, from 16 one is a commander; vehicles go to the highest rank first.
        n, vehicles = shift.officers, shift.vehicles
        crew = {"commander": int(n >= 16), "sergeant": int(n >= 5)}
        crew["officer"] = n - crew["commander"] - crew["sergeant"]
        for role, positions in crew.items():
            if not positions:
                continue
            standard, holiday, emergency = table[role]
            base = max(standard, emergency) if short else standard
            by_rate: dict[int, int] = {}
            for seconds, on_holiday in pieces:
                rate = max(base, holiday) if on_holiday else base
                by_rate[rate] = by_rate.get(rate, 0) + seconds
            top = max(by_rate)
            with_vehicle = min(vehicles, positions)
            vehicles -= with_vehicle
            for count, handling in ((with_vehicle, HANDLING), (positions - with_vehicle, 0)):
                if not count:
                    continue
                billed = max(scheduled + handling, MINIMUM)
                added = billed - scheduled
                each = sum(cost(s + (added if r == top else 0), r) for r, s in by_rate.items())
                if handling:
                    each += cost(billed, VEHICLE_CENTS)
                cents += count * each
    return Decimal(cents).scaleb(-2)
