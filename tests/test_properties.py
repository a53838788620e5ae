"""Invariants over generated jobs for every agency (hypothesis), each over 2,000 examples."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED_AGENCIES, agency
from detailquote.engine import Request, Shift, quote

EXAMPLES = settings(max_examples=2_000, deadline=None, derandomize=True)  # the same examples on every run
starts = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, minute=d.minute // 15 * 15)
)
lengths = st.integers(min_value=1, max_value=16 * 4).map(lambda q: dt.timedelta(minutes=15 * q))
names = st.sampled_from(SEED_AGENCIES)


def job(name, start, length, officers, vehicles=0, requested=None, **options):
    a = agency(name)
    vehicles = vehicles if a.spec.vehicles else 0
    try:
        return quote(a, Request((Shift(start, start + length, officers, min(vehicles, officers)),), requested_at=requested, **options))
    except ValueError as exc:  # only the spring-gap wall times are refused here
        assert "does not exist" in str(exc)
        return None


@EXAMPLES
@given(names, starts, lengths, st.integers(1, 40), st.integers(0, 3))
def test_total_is_the_sum_of_the_lines_and_repeatable(name, start, length, officers, vehicles):
    q = job(name, start, length, officers, vehicles)
    if q is not None:
        assert q.total == sum(line.amount for line in q.lines)
        for line in q.lines:  # positions x (exact hours x rate, half-up to the cent), computed apart from the engine
            cents = floor(Fraction(line.seconds) * Fraction(line.rate) * 100 / 3600 + Fraction(1, 2))
            assert line.amount == line.positions * Decimal(cents) / 100
        assert job(name, start, length, officers, vehicles) == q


@EXAMPLES
@given(names, starts, lengths, st.integers(1, 39), st.integers(1, 5))
def test_more_officers_never_cost_less(name, start, length, officers, more):
    a, b = job(name, start, length, officers), job(name, start, length, officers + more)
    if a is not None and b is not None and a.complete and b.complete:
        assert b.total >= a.total


@EXAMPLES
@given(names, starts, lengths, lengths, st.integers(1, 20))
def test_longer_shifts_never_bill_fewer_hours_nor_cost_less_once_past_the_minimum(name, start, length, extra, officers):
    """More hours never cost less, with one exception RULES 8 makes: hours added to reach the minimum are billed
    at the highest rate of the shift, so a short holiday shift lifted to its minimum can cost more than a
    longer one whose later hours fall on a cheaper day (Bay Harbor Islands, 15 minutes on Memorial Day at
    21:00: 4 hours at $119.18; the same to 00:15: 3.75 at $119.18 and 0.25 at $90.80)."""
    a, b = job(name, start, length, officers), job(name, start, length + extra, officers)
    if a is not None and b is not None and a.complete and b.complete:
        assert _billed(b) >= _billed(a)
        if length.total_seconds() >= agency(name).minimum_seconds(a.job_type):
            assert b.total >= a.total


def _billed(q) -> int:
    return sum(line.seconds * line.positions for line in q.lines if line.role != "vehicle")


def test_the_exception_rules_8_makes():
    a = job("bay-harbor-islands-fl", dt.datetime(2026, 5, 25, 21), dt.timedelta(minutes=15), 1)
    b = job("bay-harbor-islands-fl", dt.datetime(2026, 5, 25, 21), dt.timedelta(hours=3, minutes=15), 1)
    # the vehicle every position brings (RULES 17) adds 4 x 2.27 to each
    assert (a.total, b.total) == (Decimal("485.80"), Decimal("478.71"))


@EXAMPLES
@given(names, starts, lengths, st.integers(1, 20), st.integers(0, 72 * 60))
def test_short_notice_never_costs_less(name, start, length, officers, notice_minutes):
    early = job(name, start, length, officers, requested=start - dt.timedelta(days=30))
    late = job(name, start, length, officers, requested=start - dt.timedelta(minutes=notice_minutes))
    if early is not None and late is not None:
        assert late.total >= early.total


@EXAMPLES
@given(st.sampled_from(SEED_AGENCIES), st.integers(2026, 2030), lengths, st.integers(1, 20))
def test_holidays_never_cost_less_than_the_same_weekday_job(name, year, length, officers):
    a = agency(name)
    holidays = sorted(a.calendar.year(year))
    if not holidays:
        return
    day = holidays[len(holidays) // 2]
    ordinary = day - dt.timedelta(days=7)
    while a.calendar.is_holiday(ordinary) or a.calendar.is_holiday(ordinary + dt.timedelta(days=1)):
        ordinary -= dt.timedelta(days=7)
    on = job(name, dt.datetime.combine(day, dt.time(9)), length, officers)
    off = job(name, dt.datetime.combine(ordinary, dt.time(9)), length, officers)
    assert on.total >= off.total


@EXAMPLES
@given(names, starts, lengths, st.integers(1, 20), st.integers(-96 * 4, 16 * 4), st.integers(0, 3))
def test_a_cancellation_never_costs_more_than_the_job(name, start, length, officers, quarter_hours, vehicles):
    from detailquote.cancellation import cancellation_charge

    q = job(name, start, length, officers, vehicles)
    if q is None:
        return
    when = start + dt.timedelta(minutes=15 * quarter_hours)
    request = Request((Shift(start, start + length, officers, min(vehicles, officers) if agency(name).spec.vehicles else 0),))
    try:
        charge = cancellation_charge(agency(name), request, when)
    except ValueError as exc:
        assert "does not exist" in str(exc)
        return
    assert 0 <= charge.low <= charge.high <= q.total


@EXAMPLES
@given(names, starts, lengths, lengths, st.integers(1, 20))
def test_a_job_split_in_two_never_bills_either_part_below_its_minimum(name, start, first, second, officers):
    """Two back-to-back jobs: each is billed at least the minimum for every position, and costs at least that."""
    a = agency(name)
    parts = [job(name, start, first, officers), job(name, start + first, second, officers)]
    if None in parts:
        return
    minimum = a.minimum_seconds(a.spec.default_job_type)
    lowest = min(row.rate for row in a.cells.values())
    for q in parts:
        billed: dict[str, int] = {}
        for line in q.lines:
            if line.role != "vehicle":
                billed[line.role] = billed.get(line.role, 0) + line.seconds
        assert all(seconds >= minimum for seconds in billed.values()), (q.lines, minimum)
        if q.complete:
            positions = sum(n for _, n in q.shifts[0].positions)
            assert q.total >= positions * lowest * Decimal(minimum) / 3600
