"""The engine's memos (plan.Plan: a shift's positions by its shape, one position's lines per pattern of pieces, each
date's kinds) change no answer:
every bundled and rule-kind agency prices the same jobs alike with its memos warm and emptied before each job."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import KINDS, agency
from detailquote import engine, library
from detailquote.engine import Request, Shift, quote
from detailquote.errors import InputError
from detailquote.plan import forget

NAMES = sorted(library().names()) + sorted(p.stem for p in KINDS.glob("*.toml"))


def jobs(a, n: int, seed: int) -> list[Request]:
    """Jobs that vary what a position's lines may depend on: start, length, notice, customer, facts, job type, priority.

    Each shift comes three times: as drawn, a week later, and with the other options drawn afresh, so that the same
    shape of shift meets other dates, notice and jobs, where a memo that keys too little would answer wrongly.
    """
    rng = random.Random(seed)

    def options(start: dt.datetime) -> dict:
        out: dict = {}
        if rng.random() < .4:
            out["requested_at"] = start - dt.timedelta(hours=rng.choice([2, 20, 30, 100, 500]))
        if a.spec.customer_classes and rng.random() < .4:
            out["customer"] = rng.choice(sorted(a.spec.customer_classes))
        if a.spec.facts and rng.random() < .5:
            name = rng.choice(sorted(a.spec.facts))
            out["facts"] = f"{name}=" + {"yes_no": "yes", "count": str(rng.choice([100, 1000, 6000]))}.get(
                a.spec.facts[name].kind, "yes")
        if len(a.spec.job_types) > 1 and rng.random() < .4:
            out["job_type"] = rng.choice(sorted(a.spec.job_types))
        chosen = sorted(k for k, t in a.spec.tiers.items() if t.selectable)
        if chosen and rng.random() < .4:
            out["priority"] = rng.choice(chosen)
        return out

    out = []
    week = dt.timedelta(days=7)
    for _ in range(n):
        start = dt.datetime(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700), minutes=15 * rng.randint(0, 95))
        end = start + dt.timedelta(minutes=15 * rng.randint(2, 60))
        shifts = [Shift(start, end, rng.randint(1, 8), rng.randint(0, 2))]
        if rng.random() < .25:  # a second shift, whose lines are the same shape under another shift number
            shifts.append(Shift(start + dt.timedelta(days=1), end + dt.timedelta(days=1), rng.randint(1, 8), 1))
        drawn = options(start)
        later = {**drawn, "requested_at": drawn["requested_at"] + week} if "requested_at" in drawn else drawn
        out += [Request(tuple(shifts), **drawn),
                Request(tuple(s._replace(start=s.start + week, end=s.end + week) for s in shifts), **later),
                Request(tuple(shifts), **options(start))]
    return out


def answer(a, request: Request):
    try:
        return quote(a, request)
    except InputError as exc:
        return str(exc)


def answers(a, requests: list[Request]) -> list:
    """Each request's quote (or its error), priced with every memo emptied first."""
    forget()
    return [answer(a, r) for r in requests]


def named(name: str):
    """A bundled agency or a rule-kind test agency."""
    return library().get(name) if name in library().names() else agency(name)


@pytest.mark.parametrize("name", NAMES)
def test_the_memos_change_no_answer(name):
    a = named(name)
    requests = jobs(a, 40, seed=len(name))
    warm = [answer(a, r) for r in requests]
    for request, expected in zip(requests, warm):
        forget()
        assert answer(a, request) == expected


@pytest.mark.parametrize("name", NAMES)
def test_joining_each_run_of_the_same_tiers_into_one_piece_changes_no_answer(name, monkeypatch):
    a = named(name)
    requests = jobs(a, 40, seed=len(name) + 1)
    joined = answers(a, requests)
    monkeypatch.setattr(engine, "tier_runs", lambda days, by_day: (days, by_day))  # each date's piece priced apart
    assert answers(a, requests) == joined


def test_a_shift_across_an_ordinary_midnight_is_priced_as_the_same_shape_as_one_within_a_day():
    """Tucson, six hours, five officers (one a sergeant), no vehicle: Tuesday 20:00 to Wednesday 02:00 is two dates'
    pieces at the standard rate, the same lines as Tuesday 10:00 to 16:00; Christmas Eve into Christmas Day is not."""
    from detailquote.plan import plan_for

    a = library().get("tucson-az")
    forget()
    night = quote(a, Request((Shift(dt.datetime(2026, 3, 3, 20), dt.datetime(2026, 3, 4, 2), 5),)))
    for _ in range(2):  # remembered the second time a shape is met
        day = quote(a, Request((Shift(dt.datetime(2026, 3, 3, 10), dt.datetime(2026, 3, 3, 16), 5),)))
    assert len(plan_for(a).crews) == 1 and plan_for(a).crews.popitem()[1] is not False
    assert night.lines == day.lines
    # 4 officers × 6 h × $64.11 = $1,538.64; 1 sergeant × 6 h × $72.48 = $434.88
    assert [(line.role, line.positions, line.seconds, line.amount) for line in day.lines] == [
        ("sergeant", 1, 6 * 3600, Decimal("434.88")), ("officer", 4, 6 * 3600, Decimal("1538.64"))]
    forget()
    quote(a, Request((Shift(dt.datetime(2026, 3, 3, 10), dt.datetime(2026, 3, 3, 16), 5),)))
    holiday = quote(a, Request((Shift(dt.datetime(2026, 12, 24, 20), dt.datetime(2026, 12, 25, 2), 5),)))
    assert len(plan_for(a).crews) == 2 and holiday.total > day.total


def _sets(value, found: list) -> None:
    """Every frozenset of names in `value`, a memo's keys and answers, however deep."""
    if isinstance(value, frozenset):
        found.append(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _sets(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _sets(key, found)
            _sets(item, found)


@pytest.mark.parametrize("name", ["tucson-az", "lunenburg-ma", "oxford-ma"])
def test_the_memos_keep_one_copy_of_each_set_of_names(name):
    from detailquote.plan import plan_for

    forget()
    a = library().get(name)
    for request in jobs(a, 40, seed=3):
        answer(a, request)
    plan = plan_for(a)
    found: list = []
    for memo in (plan.crews, plan.groups, plan._kinds, plan._hits):
        _sets(memo, found)
    assert len(found) > 100
    assert len({id(s) for s in found}) == len(set(found))  # equal sets are one object


@pytest.mark.parametrize("name", ["tucson-az", "lunenburg-ma", "oxford-ma", "hartford-ct"])
def test_each_date_is_the_kind_of_day_its_weekday_and_holidays_make_it(name):
    """The plan reads a date as one of 14 kinds of day; checked against the date's own weekday and the agency's
    holidays for every date of two years, before and after a partial holiday starts, with the memos cold and warm."""
    from detailquote.plan import plan_for
    from detailquote.rules.conditions import CalendarTrigger

    a = library().get(name)
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    calendar_tiers = {k: set(t.when.days) for k, t in a.spec.tiers.items() if isinstance(t.when, CalendarTrigger)}
    forget()
    plan = plan_for(a)
    holidays = 0
    for _ in range(2):
        day = dt.date(2026, 1, 1)
        while day.year < 2028:
            for early in (False, True):
                expected = {weekdays[day.weekday()], "weekend" if day.weekday() >= 5 else "weekday"}
                if a.calendar.is_holiday(day) and not early:
                    expected.add("holiday")
                    holidays += 1
                assert plan.day_kinds(day, early) == expected, (day, early)
                assert plan.calendar_hits(day, early) == {k for k, days in calendar_tiers.items() if expected & days}
            day += dt.timedelta(days=1)
    assert holidays >= 2 * 2 * 4  # each pass met each year's holidays


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.sampled_from(["honolulu-hi", "peel-on", "hartford-ct"]), st.dates(dt.date(2025, 6, 1), dt.date(2029, 6, 1)),
       st.integers(-3, 800), st.integers(0, 400))
def test_business_days_are_the_weekdays_that_are_not_holidays_counted_one_by_one(name, first, span, cap):
    """Plan.business_days counts by whole weeks and looks holidays up by bisection; counted here date by date."""
    from detailquote.plan import plan_for

    a = library().get(name)
    last = first + dt.timedelta(days=span)
    days = [first + dt.timedelta(days=i) for i in range(span + 1)]
    expected = sum(1 for d in days if d.weekday() < 5 and not a.calendar.is_holiday(d))
    assert plan_for(a).business_days(first, last, cap) == min(expected, cap)
