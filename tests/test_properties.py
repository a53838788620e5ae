"""Invariants over generated jobs for every agency (hypothesis), each over 2,000 examples."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXTRA_AGENCIES, KIND_AGENCIES, SEED_AGENCIES, agency
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


every = st.sampled_from(SEED_AGENCIES + EXTRA_AGENCIES + KIND_AGENCIES)


@EXAMPLES
@given(every, starts, lengths, st.integers(1, 20), st.integers(-96 * 4, 16 * 4), st.integers(0, 96), st.booleans(),
       st.integers(0, 3), st.booleans())
def test_a_cancellation_never_costs_more_than_the_job(name, start, length, officers, quarter_hours, worked, shorten,
                                                       vehicles, second_day):
    """RULES 18: whatever is cancelled, worked or cut short, the charge is at most the full quote, fees included; and
    hours worked (or kept) cost what a job ending when they do costs, where an hour's rate depends only on when it falls."""
    from detailquote.cancellation import cancellation_charge

    a = agency(name)
    vehicles = min(vehicles, officers) if a.spec.vehicles else 0
    shifts = [Shift(start, start + length, officers, vehicles)]
    if second_day:  # a job of two shifts, the second a day later
        shifts.append(Shift(start + dt.timedelta(days=1), start + dt.timedelta(days=1) + length, officers, vehicles))
    ahead = dt.timedelta(days=15 if a.spec.lead_time and a.spec.lead_time.refused else 5)  # never a refused request
    request = Request(tuple(shifts), requested_at=start - ahead)
    when = start + dt.timedelta(minutes=15 * quarter_hours)
    running = start < when < start + length
    hours = Decimal(min(worked, quarter_hours)) / 4 if running else None  # at most the time since the start
    cut = start + dt.timedelta(minutes=15 * max(1, min(worked, length // dt.timedelta(minutes=15) - 1)))
    try:
        q = quote(a, request)
        if shorten and start < cut < start + length:
            charge = cancellation_charge(a, request, when, reduced_end=cut)
            hours = max(hours or 0, Decimal((cut - start) // dt.timedelta(minutes=15)) / 4)  # the hours kept
        else:
            charge = cancellation_charge(a, request, when, hours_worked=hours)
    except ValueError as exc:  # a wall time the clocks skip, or a cancellation the rules cannot place
        assert "does not exist" in str(exc) or "no shift was under way" in str(exc), exc
        return
    assert 0 <= charge.low <= charge.high
    if q.complete:
        assert charge.high <= q.total, (charge.rule, charge.lines)
    labour_lines = [l for l in charge.lines if l.shift == 1 and not l.description.startswith(("Administrative", "Limited"))]
    if hours and labour_lines and all(": hours worked at" in l.description or ": hours kept at" in l.description for l in labour_lines) \
            and _hours_price_alone(a):
        # Two ways to the same number: the hours worked as the charge bills them, and a job that ends when they do.
        labour = sum(l.high for l in labour_lines)
        alone = quote(a, request._replace(shifts=(Shift(start, start + dt.timedelta(hours=float(hours)), officers),)))
        assert labour == sum(l.amount for l in alone.lines if l.role not in ("vehicle", "fee") and not l.premium), charge.lines


def _hours_price_alone(a) -> bool:
    """Whether an hour's rate depends only on when it falls, not on how long the shift is or what else it touches."""
    whole_shift = any(getattr(c, "scope", "hour") in ("shift", "job") or c.kind == "length" for t in a.spec.tiers.values() for c in t.conditions)
    return not whole_shift and a.spec.billing is None and not any(j.flat_price for j in a.spec.job_types.values())


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


near_holidays = st.sampled_from(SEED_AGENCIES + EXTRA_AGENCIES).flatmap(lambda name: st.tuples(
    st.just(name),
    st.one_of(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 30)),
              st.sampled_from(sorted(d + dt.timedelta(days=k) for y in (2026, 2027) for d in agency(name).calendar.year(y)
                                     for k in (-1, 0)) or [dt.date(2026, 7, 1)])),  # an agency with no holidays: any day
))


@EXAMPLES
@given(near_holidays, st.integers(1, 23 * 60 - 1), st.integers(1, 23 * 60 - 1), st.integers(1, 30), st.integers(0, 59),
       st.integers(0, 59))
def test_a_shift_across_midnight_between_days_of_equal_rates_costs_what_it_costs_within_one_day(
        name_day, minutes, before, officers, second, second_before):
    """Splitting a shift where nothing changes never changes its price (RULES 20): across midnight between two days
    whose hours have the same rates, a shift costs exactly what the same length costs inside either day."""
    name, day = name_day
    a = agency(name)
    if a.band_tiers or a.spec.premiums or a.calendar.partial:
        return  # the time of day matters there
    before = min(before, minutes - 1)
    if before < 1:
        return
    length = dt.timedelta(minutes=minutes, seconds=second)
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    across = job(name, midnight - dt.timedelta(minutes=before, seconds=second_before), length, officers)
    first = job(name, dt.datetime.combine(day, dt.time()), length, officers)
    second_day = job(name, midnight, length, officers)
    if None in (across, first, second_day) or {s.seconds for q in (across, first, second_day) for s in q.shifts} != {length.seconds}:
        return  # a clock change on one of the days
    rates = [sorted((l.role, l.rate, l.overtime, l.positions) for l in q.lines) for q in (first, second_day)]
    if rates[0] == rates[1] and first.complete:
        assert across.total == first.total == second_day.total, (across.lines, first.lines)


@EXAMPLES
@given(st.lists(st.tuples(starts, lengths), min_size=2, max_size=4), st.integers(1, 12))
def test_a_job_priced_as_a_whole_costs_at_least_its_shifts_priced_apart(shifts, officers):
    """Hartford prices jobs (RULES 16): a job of several shifts costs at least its shifts quoted as jobs of their own,
    and when any of them touches a weekend or holiday, every line is from the weekend/holiday table."""
    a = agency("hartford-ct")
    try:
        whole = quote(a, Request(tuple(Shift(s, s + n, officers) for s, n in shifts)))
        apart = [quote(a, Request((Shift(s, s + n, officers),))) for s, n in shifts]
    except ValueError as exc:
        assert "does not exist" in str(exc)
        return
    assert whole.total >= sum(q.total for q in apart)
    if any(l.tier == "weekend_holiday" for q in apart for l in q.lines):
        assert {l.tier for l in whole.lines} == {"weekend_holiday"}
    else:
        assert whole.total == sum(q.total for q in apart)
