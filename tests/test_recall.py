"""One-shift quotes remembered by their signature (recall) change no answer: the same jobs priced with the memo and
without it agree for every bundled and rule-kind agency, near clock changes and across them, and a recalled quote
carries its own shift's times and its own notice."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import KINDS, agency
from detailquote import engine, library, recall
from detailquote.engine import Request, Shift, quote
from detailquote.loader import load_file
from detailquote.plan import forget, plan_for
from test_memos import NAMES, answer, answers, jobs, named

# The bundled agencies the memo applies to in zones with summer time (Central, Eastern, Mountain... and Ontario's).
SUMMER_TIME = ["bay-harbor-islands-fl", "blaine-mn", "celina-tx", "cleburne-tx", "daphne-al", "hartford-ct",
               "hot-springs-ar", "lunenburg-ma", "new-orleans-la", "oxford-ma", "peel-on", "sherman-tx",
               "thunder-bay-on", "waterloo-region-on"]


def without_recall(monkeypatch) -> None:
    monkeypatch.setattr(engine, "recalled", lambda plan, request: (None, None))


@pytest.mark.parametrize("name", NAMES)
def test_recalling_quotes_by_their_signature_changes_no_answer(name, monkeypatch):
    a = named(name)
    requests = jobs(a, 40, seed=len(name) + 2)
    recalled = answers(a, requests)
    kept = len(recall.signer(plan_for(a)).quotes)
    with monkeypatch.context() as m:
        without_recall(m)
        assert answers(a, requests) == recalled
    # The jobs repeat each shape a week later: an agency the memo applies to keeps quotes and finds them again.
    assert (kept > 0) == recall.signer(plan_for(a)).applies


def alike(a, n: int, seed: int) -> list[Request]:
    """Shifts of one length at two times of day, on a date (a holiday of the agency's, a third of them) and on three
    other weekdays after it, with the same notice, near the notices rules compare with: quotes whose signatures
    would meet if a signature held too little of the day, the time or the notice."""
    rng = random.Random(seed)
    holidays = sorted(a.calendar.year(2026)) + sorted(a.calendar.year(2027))
    out = []
    for _ in range(n):
        day = rng.choice(holidays) if holidays and rng.random() < .3 else dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 690))
        hours, officers, vehicles = rng.randint(1, 12), rng.randint(1, 8), rng.randint(0, 2)
        notice = rng.choice([None, 2, 23, 25, 47, 49, 71, 73, 100, 167, 169, 500])
        for hour in rng.sample(range(0, 25 - hours), 2):
            for later in (0, 1, 2, 5):
                start = dt.datetime.combine(day + dt.timedelta(days=later), dt.time()) + dt.timedelta(hours=hour)
                asked = None if notice is None else start - dt.timedelta(hours=notice)
                out.append(Request((Shift(start, start + dt.timedelta(hours=hours), officers, vehicles),),
                                   requested_at=asked))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_shifts_alike_but_for_their_day_time_or_notice_keep_their_own_quotes(name, monkeypatch):
    a = named(name)
    requests = alike(a, 12, seed=len(name))
    recalled = answers(a, requests)
    without_recall(monkeypatch)
    assert answers(a, requests) == recalled


def test_a_rule_by_weekday_keeps_the_weekdays_apart(tmp_path, monkeypatch):
    """Billing by condition on Saturdays, where no tier names the day: Saturday and Friday hit the same tiers, but a
    four-hour Saturday minimum bills a two-hour shift as four, so their quotes differ."""
    text = (KINDS / "billing-when-shift.toml").read_text().replace(
        'when = { kind = "calendar", days = ["holiday"], scope = "shift" }',
        'when = { kind = "calendar", days = ["saturday"], scope = "shift" }')
    (tmp_path / "saturday-minimum.toml").write_text(text)
    a = load_file(tmp_path / "saturday-minimum.toml")
    plan = plan_for(a)
    signed = recall.signer(plan)
    assert signed.applies and signed.day(dt.date(2026, 3, 6))[1] != signed.day(dt.date(2026, 3, 7))[1]
    requests = [Request((Shift(dt.datetime(2026, 3, day, 10), dt.datetime(2026, 3, day, 12), 1),)) for day in (6, 7)]
    forget()
    friday, saturday = [quote(a, r) for r in requests]
    assert (friday.shifts[0].billed, saturday.shifts[0].billed) == (2 * 3600, 4 * 3600)
    assert saturday.total == 2 * friday.total


def test_every_kind_of_condition_is_read_by_a_signature_or_leaves_its_agency_out():
    from detailquote.rules import combine, conditions, facts

    kinds = {*conditions.VARIANTS, *combine.VARIANTS, *facts.VARIANTS} - {conditions.LeadTime}  # notice by job type
    assert kinds == {*recall.READ, *recall.UNREAD}
    assert not set(recall.READ) & set(recall.UNREAD)


def test_the_agencies_the_memo_applies_to():
    """Those whose rules read a shift's dates only as kinds of day and its clock only as notice and time of day:
    premiums, partial holidays, hours run on past the end, a tier by the days of notice or by the order's time of
    day read more."""
    applies = {name for name in library().names() if recall.signer(plan_for(library().get(name))).applies}
    assert applies == set(library().names()) - {"honolulu-hi"}  # premiums
    assert {"casa-grande-az", "nogales-az", "tucson-az", *SUMMER_TIME} == applies
    for kind in ("premiums", "holiday-scopes", "run-on", "notice-days", "notice-business-days", "order-cutoff"):
        assert not recall.signer(plan_for(agency(kind))).applies, kind
    for kind in ("notice-tiers", "billing-when-shift", "overtime-when", "fees-by-job", "vehicle-charge-when"):
        assert recall.signer(plan_for(agency(kind))).applies, kind


def test_a_shift_on_another_tuesday_takes_the_lines_kept_and_its_own_times():
    """Tucson, six hours, five officers (one a sergeant at $72.48, four at $64.11): $434.88 + 4 × $384.66 =
    $1,973.52 on any ordinary Tuesday. The memo notes the signature the first time, keeps the quote the second, and
    the third takes it. Christmas Eve is a holiday ($108.71 and $96.17): $652.26 + 4 × $577.02 = $2,960.34, a
    signature of its own."""
    a = library().get("tucson-az")
    forget()
    tuesdays = [quote(a, Request((Shift(dt.datetime(2026, 3, day, 10), dt.datetime(2026, 3, day, 16), 5),)))
                for day in (3, 10, 17)]
    assert [q.total for q in tuesdays] == [Decimal("1973.52")] * 3
    first, second, third = tuesdays
    assert third.lines is second.lines and second.lines is not first.lines  # the third recalled, not priced
    assert list(recall.signer(plan_for(a)).quotes.values()) == [second]
    shift = third.shifts[0]
    assert (shift.start, shift.end) == (dt.datetime(2026, 3, 17, 10), dt.datetime(2026, 3, 17, 16))
    assert shift.begins == dt.datetime(2026, 3, 17, 17, tzinfo=dt.timezone.utc)  # Phoenix: UTC-7 all year
    assert shift.ends == dt.datetime(2026, 3, 17, 23, tzinfo=dt.timezone.utc)
    assert third == second._replace(shifts=(second.shifts[0]._replace(
        start=shift.start, end=shift.end, begins=shift.begins, ends=shift.ends),))
    eve = quote(a, Request((Shift(dt.datetime(2026, 12, 24, 10), dt.datetime(2026, 12, 24, 16), 5),)))
    assert eve.total == Decimal("2960.34")
    assert len(recall.signer(plan_for(a)).quotes) == 2


def test_a_quote_that_names_its_notice_is_priced_each_time():
    """Tucson asks for 72 hours' notice: requested 5 and 6 hours ahead, both are emergency work at the same total,
    and each warning says its own notice."""
    a = library().get("tucson-az")
    forget()
    start = dt.datetime(2026, 3, 3, 10)
    quotes = [quote(a, Request((Shift(start, start + dt.timedelta(hours=6), 5),),
                               requested_at=start - dt.timedelta(hours=h))) for h in (5, 6)]
    assert [q.total for q in quotes] == [Decimal("2960.34")] * 2
    assert [q.warnings[0].message.split(";")[0] for q in quotes] == [
        "The job was requested only 5 hours before it starts", "The job was requested only 6 hours before it starts"]
    assert not recall.signer(plan_for(a)).quotes


def test_a_shift_near_a_clock_change_has_no_signature():
    """Cleburne keeps Central time (the clocks go forward at 02:00 on 8 March 2026 and back on 1 November) and asks
    for 72 hours' notice."""
    plan = plan_for(library().get("cleburne-tx"))

    def signed(start: dt.datetime, hours: int, asked: dt.datetime | None = None) -> tuple | None:
        found = recall.signature(plan, Request((Shift(start, start + dt.timedelta(hours=hours), 2),), requested_at=asked))
        return None if found is None else found[0]

    assert signed(dt.datetime(2026, 3, 7, 22), 8) is None
    assert signed(dt.datetime(2026, 11, 1, 10), 4) is None
    assert signed(dt.datetime(2026, 10, 30, 20), 30) is None  # runs into the day the clocks go back
    assert signed(dt.datetime(2026, 3, 10, 10), 4) == signed(dt.datetime(2026, 3, 17, 10), 4) is not None
    # Notice across the change is counted in real hours: 6 March 10:00 CST to 9 March 10:00 CDT is 71 hours,
    # short of 72 as 71 hours within one season is, where 72 hours is not.
    notice = [signed(dt.datetime(2026, 3, 9, 10), 4, dt.datetime(2026, 3, 6, 10))[2],
              signed(dt.datetime(2026, 3, 20, 10), 4, dt.datetime(2026, 3, 17, 11))[2],
              signed(dt.datetime(2026, 3, 20, 10), 4, dt.datetime(2026, 3, 17, 10))[2]]
    assert notice[0] == notice[1] != notice[2]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(SUMMER_TIME),
       st.sampled_from([dt.date(2026, 3, 8), dt.date(2026, 11, 1), dt.date(2027, 3, 14), dt.date(2027, 11, 7)]),
       st.integers(-3 * 96, 3 * 96), st.integers(1, 4 * 30), st.integers(1, 12), st.integers(0, 2),
       st.one_of(st.none(), st.integers(1, 24 * 200)))
def test_shifts_and_notice_around_clock_changes_price_alike_with_and_without_the_memo(
        name, change, quarter, quarters, officers, vehicles, notice):
    """Shifts from three days before a clock change to three days after, up to 30 hours long, and notice up to 200
    days, which may cross a change: each priced after its twin a week away (the same signature where the clocks do
    not change near either), and alone with the memo off."""
    a = library().get(name)
    start = dt.datetime.combine(change, dt.time()) + dt.timedelta(minutes=15 * quarter)
    asked = None if notice is None else start - dt.timedelta(hours=notice)

    def request(shift_by: dt.timedelta) -> Request:
        return Request((Shift(start + shift_by, start + shift_by + dt.timedelta(minutes=15 * quarters), officers,
                              vehicles),), requested_at=None if asked is None else asked + shift_by)

    week = dt.timedelta(days=7)
    forget()
    answer(a, request(week))
    with_memo = answer(a, request(dt.timedelta()))
    forget()
    with pytest.MonkeyPatch.context() as m:
        without_recall(m)
        alone = answer(a, request(dt.timedelta()))
    assert with_memo == alone
