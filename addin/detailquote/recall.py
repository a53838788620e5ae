"""One-shift quotes remembered by their signature: what a quote depends on besides the dates it falls on.

Where an agency's rules read a shift's dates only as kinds of day, two one-shift requests whose pieces fall on the
same kinds of day for the same seconds, with the same job, counts, options and notice (and, where a time band is
priced, starting at the same time of day), get the same lines, warnings and notes. A column of quotes repeats a
few such signatures: each plan keeps each quote by its signature (`Signer.quotes`), and a request with a signature met
before takes that quote with its own shift's times, without the engine's placing and pricing. Rules that read more
(premiums, partial holidays, hours run on past the end, a condition on the days of notice or on the order's time of
day) leave an agency out (`applies`); a shift or request near a clock change, a later schedule taking effect during
the job, a job of several shifts, or a quote whose words name its notice is priced afresh each time."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from typing import TYPE_CHECKING

from . import clock
from .plan import MEMO_SIZE, Plan
from .quotes import MAX_SHIFT_HOURS, Quote, Request, ShiftSummary
from .rules.combine import AllOf, AnyOf, NotOf, walk
from .rules.conditions import (
    BandTrigger, CalendarTrigger, Context, CutoffTrigger, LengthTrigger, NoticeDaysTrigger, NoticeTrigger, OfficersTrigger,
)
from .rules.facts import CustomerTrigger, FactTrigger, JobTypeTrigger

if TYPE_CHECKING:
    from .rules.model import AgencyFile

_DAY = dt.timedelta(days=1)
_DAY_SECONDS = 86400
_LONGEST = MAX_SHIFT_HOURS * 3600
_new = tuple.__new__


# The conditions whose reading a signature holds: the kinds of day, the notice, the length, the officers, the time of
# day (a band, by the shift's start) and the job; and the combinations of them. Those it does not hold read the
# dates between order and start, or the order's time of day: an agency with one is priced afresh each time. A new
# kind of condition goes in one or the other (tests/test_recall.py holds every kind to it).
READ = (CalendarTrigger, NoticeTrigger, LengthTrigger, OfficersTrigger, BandTrigger, AllOf, AnyOf, NotOf,
        JobTypeTrigger, CustomerTrigger, FactTrigger)
UNREAD = (NoticeDaysTrigger, CutoffTrigger)


def _conditions(spec: AgencyFile) -> list[object]:
    """Every condition a quote of a whole job may judge: the file's, less its cancellation's and payment terms'."""
    return [c for field, c in walk(spec) if not field.startswith(("cancellation.", "payment_when"))]


def applies(plan: Plan) -> bool:
    """Whether the plan's agency's rules read a one-shift job's dates only as kinds of day, and its clock only as
    the notice given and the time of day."""
    spec = plan.agency.spec
    return not (plan.agency.calendar.partial or spec.premiums or spec.hours_added == "run_on") and \
        all(isinstance(c, READ) for c in _conditions(spec))


def thresholds(plan: Plan) -> tuple[int, ...]:
    """Every notice, in seconds, that a rule compares a request's notice with (each as notice < it)."""
    notices = {c.seconds for c in _conditions(plan.agency.spec) if isinstance(c, NoticeTrigger)}
    return tuple(sorted(notices | {s for s in plan.lead_seconds.values() if s is not None}))


def day_reads(plan: Plan) -> list[int]:
    """What each of the 14 kinds of day (plan.day_class) is to a quote, as a number: the calendar tiers it hits and
    whether it is a holiday, where only tiers ask of the day; the kind itself where other rules do. (A number, so
    that a signature holds no object the garbage collector goes over.)"""
    calendar = [c for c in _conditions(plan.agency.spec) if isinstance(c, CalendarTrigger)]
    tiers = {id(when) for _, when in plan.calendar_tiers}
    if not all(id(c) in tiers for c in calendar):
        return list(range(14))
    reads: dict[tuple[frozenset[str], bool], int] = {}
    return [reads.setdefault((hits, n >= 7), len(reads)) for n, hits in enumerate(plan.hit_sets)]


class Signer:
    """What signatures need of one plan, worked out once: whether its agency's rules allow them (`applies`), the
    notices compared with a request's, what each kind of day is to a quote, whether a band reads the time of day,
    whether a job type asks for notice in days; and its memos: each date's offset and kind, the quotes kept."""

    __slots__ = ("plan", "applies", "thresholds", "reads", "reads_clock", "in_days", "days", "quotes")

    def __init__(self, plan: Plan):
        self.plan = plan
        self.applies = applies(plan)
        self.thresholds = thresholds(plan)
        self.reads = day_reads(plan)
        self.reads_clock = bool(plan.band_tiers) or plan.night is not None
        self.in_days = None in plan.lead_seconds.values()
        self.days: dict[dt.date, tuple[dt.timedelta | None, int]] = {}
        self.quotes: dict[tuple, Quote | bool] = {}  # a signature met once: False

    def day(self, day: dt.date) -> tuple[dt.timedelta | None, int]:
        """`day`'s offset from UTC, where the clocks do not change from the noon before it to the noon after (None
        where they do), and what the day is to a quote (`day_reads`); remembered per date."""
        found = self.days.get(day)
        if found is None:
            plan = self.plan
            found = plan.remember(self.days, day, (clock.steady_offset(day, plan.agency.zone),
                                                   self.reads[plan.day_class(day)]))
        return found


def signer(plan: Plan) -> Signer:
    """The plan's Signer, made on first use (the memos are the plan's, emptied with it by plan.forget)."""
    found = plan.signer
    if found is None:
        found = plan.signer = Signer(plan)
    return found


def signature(plan: Plan, request: Request) -> tuple[tuple, dt.timedelta] | None:
    """What a one-shift request's quote depends on, as a memo's key, and the zone's offset from UTC through the
    shift; None where the quote may depend on more.

    The key, one flat tuple: the shift's officers and vehicles, how many of the notices that rules compare with it
    the request gives, the start's time of day where a band reads it, the job's options as spelled, then its pieces
    by local date, each as what the day is to a quote and its seconds.
    """
    signed = plan.signer or signer(plan)
    shifts = request.shifts
    if len(shifts) != 1 or not signed.applies:
        return None
    start, end, officers, vehicles = shifts[0]
    if start.tzinfo is not None or end.tzinfo is not None or start.microsecond or end.microsecond:
        return None
    seconds = int((end - start).total_seconds())
    if not 0 < seconds <= _LONGEST:
        return None
    steady, day_of = signed.days, signed.day
    day = start.date()
    offset, kind = steady.get(day) or day_of(day)
    if offset is None:
        return None
    # Split at local midnights, as clock.split_days does where the clocks do not change: wall-clock arithmetic.
    first = _DAY_SECONDS - (start.hour * 3600 + start.minute * 60 + start.second)
    if seconds <= first:
        pieces: tuple = (kind, seconds)
    else:
        out, left = [kind, first], seconds - first
        while left > 0:
            day += _DAY
            here, kind = steady.get(day) or day_of(day)
            if here != offset:
                return None
            out += (kind, min(left, _DAY_SECONDS))
            left -= _DAY_SECONDS
        pieces = tuple(out)
    asked = request.requested_at
    if asked is None:
        notice = None
    else:
        if asked.tzinfo is not None:
            return None
        then = (steady.get(asked.date()) or day_of(asked.date()))[0]
        if then is None:
            return None
        # The real time between: the wall clock's, less any change of the zone's offset in between.
        lead = start - asked if then == offset else (start - asked) - (offset - then)
        notice = bisect_right(signed.thresholds, lead.total_seconds())
        if signed.in_days and _short_in_days(plan, request, start.date(), asked):
            return None  # its warning says the days given
    # The time of day matters only to a band: the seconds from the start to the first midnight.
    return (officers, vehicles, notice, first if signed.reads_clock else None, request.job_type, request.priority,
            request.supervisors, request.venue, request.customer, request.facts) + pieces, offset


def _short_in_days(plan: Plan, request: Request, day: dt.date, asked: dt.datetime) -> bool:
    """Whether the request gives less notice than its job type asks for in days (rules.conditions.LeadTime)."""
    job = plan.job_options(request.job_type, request.customer, request.facts, request.priority)[0].job_type
    rule = plan.lead_times.get(job)
    return rule is not None and plan.lead_seconds[job] is None and \
        rule.price(Context(plan, (day,), None, None, 0, asked, None))


def recalled(plan: Plan, request: Request) -> tuple[Quote | None, tuple | None]:
    """The quote kept for the request's signature, with the request's own times; and the signature, to keep the
    quote the engine then prices (`keep`). (None, None) where the request has no signature."""
    found = signature(plan, request)
    if found is None:
        return None, None
    key, offset = found
    try:
        kept = plan.signer.quotes.get(key)
    except TypeError:  # facts given as a mapping, which cannot be a key
        return None, None
    if not kept:  # not met before (None), or met once (False)
        return None, key
    start, end = request.shifts[0][:2]
    shift = kept.shifts[0]
    # Made as namedtuple's own _make makes them (tuple.__new__), without the call to check their length.
    placed = _new(ShiftSummary, (start, end, shift.seconds, shift.positions, clock.at_offset(start, offset),
                                 clock.at_offset(end, offset), shift.minimum, shift.billed))
    return _new(Quote, (kept.agency, kept.agency_name, kept.job_type, (placed,), kept.lines, kept.total, kept.complete,
                        kept.warnings, kept.notes, kept.fee_base, kept.job)), key


def keep(plan: Plan, key: tuple, quote: Quote) -> None:
    """Keep `quote` under its request's signature the second time the signature is met (the first, only that it was
    met), unless its words name the notice given (a short-notice warning).

    A batch of jobs with signatures met once then keeps no quotes: each kept is garbage the collector goes over.
    """
    if any(w.code == "short_lead_time" for w in quote.warnings):
        return
    signed = signer(plan)
    if key in signed.quotes:
        signed.quotes[key] = quote
    elif len(signed.quotes) < MEMO_SIZE:
        signed.quotes[key] = False
