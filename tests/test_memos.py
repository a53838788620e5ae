"""The engine's memos (plan.Plan: one position's lines per pattern of pieces, each date's kinds) change no answer:
every bundled and rule-kind agency prices the same jobs alike with its memos warm and emptied before each job."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import KINDS, agency
from detailquote import library
from detailquote.engine import Request, Shift, quote
from detailquote.errors import InputError
from detailquote.plan import plan_for

NAMES = sorted(library().names()) + sorted(p.stem for p in KINDS.glob("*.toml"))


def jobs(a, n: int, seed: int) -> list[Request]:
    """Jobs that vary what a position's lines may depend on: start, length, notice, customer, facts, job type."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        start = dt.datetime(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700), minutes=15 * rng.randint(0, 95))
        options: dict = {}
        if rng.random() < .4:
            options["requested_at"] = start - dt.timedelta(hours=rng.choice([2, 20, 30, 100, 500]))
        if a.spec.customer_classes and rng.random() < .4:
            options["customer"] = rng.choice(sorted(a.spec.customer_classes))
        if a.spec.facts and rng.random() < .5:
            name = rng.choice(sorted(a.spec.facts))
            options["facts"] = f"{name}=" + {"yes_no": "yes", "count": str(rng.choice([100, 1000, 6000]))}.get(
                a.spec.facts[name].kind, "yes")
        if len(a.spec.job_types) > 1 and rng.random() < .4:
            options["job_type"] = rng.choice(sorted(a.spec.job_types))
        end = start + dt.timedelta(minutes=15 * rng.randint(2, 60))
        out.append(Request((Shift(start, end, rng.randint(1, 8), rng.randint(0, 2)),), **options))
    return out


def answer(a, request: Request):
    try:
        return quote(a, request)
    except InputError as exc:
        return str(exc)


@pytest.mark.parametrize("name", NAMES)
def test_the_memos_change_no_answer(name):
    a = library().get(name) if name in library().names() else agency(name)
    requests = jobs(a, 40, seed=len(name))
    warm = [answer(a, r) for r in requests]
    for request, expected in zip(requests, warm):
        for schedule in a.schedules:
            plan_for(schedule).groups.clear()
        assert answer(a, request) == expected
