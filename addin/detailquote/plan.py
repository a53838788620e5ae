"""What the engine works out once per agency schedule and remembers between calls.

The agency's tiers sorted by kind with their thresholds in seconds, the
calendar tiers hit on each of the 14 kinds of day, and memos of answers that
repeat down a column of quotes (a request's job and priority by their
spelling, the kinds of day and tiers of a date, the winning tier of a set, the
crew for a count, one position's lines, a shift's positions by shape, a
quote's fees by what they are taken of), with one copy of each set of tier
and topic names they hold (`one`). `forget` empties them all. It belongs to
the engine: an Agency holds only its data, and a plan is found for it in
`plan_for`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from weakref import WeakKeyDictionary

from . import money
from .agency import Agency
from .rules.base import DAY_GROUPS, WEEKDAYS
from .rules.combine import on_job
from .clock import midnight
from .rules.conditions import TIMED, BandTrigger, CalendarTrigger, Context, Job, NoticeTrigger, band_instances
from .rules.facts import missing_words
from .rules.rates import RateRow, winner
from .rules.staffing import Crew

# The weekdays among the first n days (n < 7) of a run that starts on each weekday (Monday 0).
_WEEKDAYS_IN = tuple(tuple(sum(1 for i in range(n) if (start + i) % 7 < 5) for n in range(7)) for start in range(7))
MEMO_SIZE = 1024  # answers a memo keeps: a column's patterns, not every job ever priced
_PLANS: WeakKeyDictionary[Agency, Plan] = WeakKeyDictionary()
_LAST: list[Plan | None] = [None]  # the plan asked for last


def plan_for(agency: Agency) -> Plan:
    """The engine's plan of `agency`, made on first use (a column of quotes asks for one agency's again and again)."""
    last = _LAST[0]
    if last is not None and last.agency is agency:
        return last
    found = _PLANS.get(agency)
    if found is None:
        found = _PLANS[agency] = Plan(agency)
    _LAST[0] = found
    return found


def forget() -> None:
    """Empty every memo of answers: each agency's plan, and the amounts, band instants and midnights remembered by
    value. The next quotes are priced cold, as a first batch of new jobs is."""
    _PLANS.clear()
    _LAST[0] = None
    money.amount.cache_clear()
    band_instances.cache_clear()
    midnight.cache_clear()


class Plan:
    """One agency schedule's tiers by kind, in whole seconds, and the engine's memos for it."""

    def __init__(self, agency: Agency):
        spec = agency.spec
        self.agency = agency
        self.base_tier = spec.base_tier
        self.tier_order = {k: i for i, k in enumerate(spec.tiers)}  # breaks ties between equal rates
        self.calendar_tiers = [(k, t.when) for k, t in spec.tiers.items() if isinstance(t.when, CalendarTrigger)]
        # Short-notice tiers and the notice, in seconds, under which each applies.
        self.notice_seconds = tuple((k, t.when.seconds) for k, t in spec.tiers.items()
                                    if isinstance(t.when, NoticeTrigger))
        simple = (NoticeTrigger, CalendarTrigger, BandTrigger)
        # Tiers with several conditions, or one on the shift's length or order time: each judged by its conditions.
        self.compound_tiers = tuple((k, t) for k, t in spec.tiers.items()
                                    if t.conditions and not (len(t.conditions) == 1 and isinstance(t.conditions[0], simple)))
        self.band_tiers = agency.band_tiers
        self.shift_scoped = frozenset(k for k, w in self.calendar_tiers if w.scope == "shift")
        self.start_scoped = frozenset(k for k, w in self.calendar_tiers if w.scope == "start")
        self.job_scoped = frozenset(k for k, w in self.calendar_tiers if w.scope == "job")
        self.notice_names = frozenset(k for k, t in spec.tiers.items() if any(isinstance(c, TIMED) for c in t.conditions))
        # Each job type's notice, and it in seconds where it is asked in hours (None: in days).
        self.lead_times = spec.lead_times
        self.lead_seconds = {k: money.seconds(r.required_hours) if r.required_hours is not None else None
                             for k, r in self.lead_times.items()}
        self.handling_seconds = money.seconds(spec.vehicles.handling_hours) if spec.vehicles else 0
        self.overtime_seconds = money.seconds(spec.overtime.after_hours) if spec.overtime else None
        self.by_job = spec.staffing is not None and spec.staffing.by_job
        self.flat_jobs = frozenset(k for k, j in spec.job_types.items() if j.flat_price is not None)
        # Whether a tier needs the request's wall-clock time; the band in which vehicles are required, if any.
        self.asks_order_time = bool(self.compound_tiers or spec.premiums)
        self.night = spec.vehicles.night if spec.vehicles is not None and spec.vehicles.required == "night" else None
        self.conditional_fees = tuple((k, fee.when) for k, fee in spec.fees.items() if fee.when is not None)
        # The conditions on the shift (its days, notice, length) of billing, overtime or a vehicle's charge: which of
        # them hold decides a shift's lines.
        rules = [r.when for r in spec.billing_when] + [spec.overtime.when if spec.overtime else None,
                                                       spec.vehicles.charge_when if spec.vehicles else None]
        self.shift_rules = tuple(when for when in rules if when is not None and not on_job(when))
        # Whether a position's lines depend on the job's customer and facts (billing, overtime or a vehicle's charge
        # by condition).
        self.lines_by_job = bool(spec.billing_when) or spec.overtime is not None and spec.overtime.when is not None \
            or spec.vehicles is not None and spec.vehicles.charge_when is not None
        self._sets: dict[frozenset[str], frozenset[str]] = {}  # one copy of each set of names (`one`)
        # A date is one of 14 kinds of day to a calendar condition, by its weekday and whether it is a holiday: the
        # kinds' names, and the calendar tiers hit, of each (`day_class`).
        self._kind_sets = [self.one(frozenset((WEEKDAYS[d], DAY_GROUPS[d], "holiday") if holiday else
                                              (WEEKDAYS[d], DAY_GROUPS[d]))) for holiday in (False, True) for d in range(7)]
        self._is_holiday = agency.calendar.is_holiday
        self.hit_sets = [self.one(frozenset(k for k, when in self.calendar_tiers if kinds.intersection(when.days)))
                          for kinds in self._kind_sets]
        self._kinds: dict[object, frozenset[str]] = {}  # by date, the kinds of day and the calendar tiers hit
        self._hits: dict[object, frozenset[str]] = {}
        self._workday_off: dict[int, tuple[dt.date, ...]] = {}  # each year's holidays that fall on weekdays
        self._winners: dict[tuple, tuple[str, RateRow | None]] = {}
        self._crews: dict[tuple, Crew] = {}
        self._options: dict[tuple, tuple] = {}  # a request's job, priority and note on its facts (`job_options`)
        self._notes: dict[frozenset[str], tuple[str, ...]] = {}
        self.groups: dict[tuple, object] = {}  # one position's lines by role and pieces (positions.price_positions)
        # a shift's positions by its shape (positions.price_crew); False for a shape met once
        self.crews: dict[tuple, object] = {}
        self.fees: dict[tuple, object] = {}  # a quote's fee lines by what they are taken of (positions.add_fees)
        self.signer: object = None  # what recall.py knows of this plan, made there on first use (recall.signer)

    def day_class(self, day: dt.date, early: bool = False) -> int:
        """Which of the 14 kinds of day `day` is: its weekday, plus 7 on a holiday.

        `early`: the hours before a partial holiday starts (New Year's Eve before 12:00), which are no holiday's.
        """
        weekday = day.weekday()
        return weekday + 7 if not early and self._is_holiday(day) else weekday

    def day_kinds(self, day: dt.date, early: bool = False) -> frozenset[str]:
        """What `day` is for a calendar condition: its weekday, weekday or weekend, and 'holiday' when it is one;
        remembered per date, as the conditions of each shift ask for its dates again."""
        key = (day, early) if early else day
        found = self._kinds.get(key)
        if found is None:
            found = self.remember(self._kinds, key, self._kind_sets[self.day_class(day, early)])
        return found

    def business_days(self, first: dt.date, last: dt.date, cap: int) -> int:
        """The weekdays from `first` to `last` that are not the agency's holidays, counted up to `cap`.

        Whole weeks hold five weekdays each; the holidays that fall on weekdays are then taken off.
        """
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        weekdays = weeks * 5 + _WEEKDAYS_IN[first.weekday()][rest]
        holidays = 0
        for year in range(first.year, last.year + 1):
            days = self._weekday_holidays(year)
            holidays += bisect_right(days, last) - bisect_left(days, first)
        return min(weekdays - holidays, cap)

    def _weekday_holidays(self, year: int) -> tuple[dt.date, ...]:
        """The year's holidays that fall on weekdays, in order."""
        found = self._workday_off.get(year)
        if found is None:
            found = self._workday_off[year] = tuple(sorted(d for d in self.agency.calendar.year(year) if d.weekday() < 5))
        return found

    def calendar_hits(self, day: dt.date, early: bool = False) -> frozenset[str]:
        """The calendar tiers whose days include `day` (a holiday, a weekday), remembered per date."""
        key = (day, early) if early else day
        found = self._hits.get(key)
        if found is None:
            found = self.remember(self._hits, key, self.hit_sets[self.day_class(day, early)])
        return found

    def winning_tier(self, role: str, job: str, applicable: frozenset[str]) -> tuple[str, RateRow | None]:
        """The tier whose rate applies (rules.rates.winner), remembered per role, job type and set of tiers."""
        key = (role, job, applicable)
        found = self._winners.get(key)
        if found is None:
            cells = self.agency.cells
            found = self._winners[key] = winner(lambda tier: cells.get((role, job, tier)), applicable, self.tier_order)
        return found

    def job_options(self, job_type: object, customer: object, facts: object,
                    priority: object) -> tuple[Job, str | None, str | None, tuple]:
        """A request's job (its type, customer class and facts), its chosen priority tier, the note on the facts it
        leaves out, and the job as a memo's key (`job_key`); remembered per spelling, as a column of quotes gives the
        same few again and again."""
        key: tuple | None = (job_type, customer, facts, priority)
        try:
            found = self._options.get(key)
        except TypeError:  # facts given as a mapping, which cannot be a key
            found = key = None
        if found is None:
            found = self._job_options(job_type, customer, facts, priority)
            if key is not None:
                self.remember(self._options, key, found)
        return found

    def _job_options(self, job_type: object, customer: object, facts: object,
                     priority: object) -> tuple[Job, str | None, str | None, tuple]:
        agency = self.agency
        job = agency.job_context(job_type, customer, facts)
        chosen = agency.priority(priority)
        return job, chosen, missing_words(agency.spec.facts, job.facts) if agency.spec.facts else None, job_key(job)

    def crew(self, officers: int, override: int | None = None, job: Job | None = None) -> Crew:
        """Who works a shift (rules.staffing.crew), remembered per count, and per job where the staffing depends on it."""
        key = (officers, override) if not self.by_job or job is None else (officers, override, job_key(job))
        found = self._crews.get(key)
        if found is None:
            found = self._crews[key] = self.agency.crew(officers, override, job)
        return found

    @staticmethod
    def remember(memo: dict, key: object, value: object) -> object:
        """Keep `value` under `key` in `memo`; once it holds MEMO_SIZE answers, a new one takes the newest's place.

        The answers kept first stay, so a column with more patterns than the memo holds still finds those each time
        it is recalculated (emptying a full memo would find none of them).
        """
        if len(memo) >= MEMO_SIZE:
            memo.popitem()
        memo[key] = value
        return value

    def one(self, names: frozenset[str]) -> frozenset[str]:
        """The copy of `names` this plan keeps: the memos hold a shift's tiers and topics by the thousand, and about
        300 sets among them differ; kept once, they take no memory each and no time of the garbage collector."""
        found = self._sets.get(names)
        if found is None:
            if len(self._sets) < MEMO_SIZE:
                self._sets[names] = names
            return names
        return found

    def note_texts(self, topics: frozenset[str]) -> tuple[str, ...]:
        found = self._notes.get(topics)
        if found is None:
            found = self._notes[topics] = self.agency.note_texts(topics)
        return found

    def day_tiers(self, days: Sequence[dt.date], lead: float | None, chosen: str | None,
                  seconds: int = 0, ordered: dt.datetime | None = None, early: Sequence[bool] | None = None,
                  job_days: frozenset[str] | None = None, job: Job | None = None, officers: int = 0) -> list[frozenset[str]]:
        """The tiers that apply to the hours of each local date of one shift, before the highest rate wins.

        `lead` is the notice in seconds (None when unknown); `chosen` a selectable tier the customer picked;
        `seconds` the shift's scheduled length; `ordered` the request's wall-clock time (None when unknown);
        `early`, for each date's piece, whether it comes before the partial holiday that day starts;
        `job_days`, the kinds of day the whole job touches, for tiers decided per job (None: this shift's own);
        `job`, its type, customer class and facts, for tiers that test them; `officers`, the officers requested.
        """
        tiers = {self.base_tier}
        if chosen:
            tiers.add(chosen)
        if lead is not None:
            for name, under in self.notice_seconds:
                if lead < under:
                    tiers.add(name)
        hits = list(map(self.calendar_hits, days)) if early is None else list(map(self.calendar_hits, days, early))
        if job_days is not None and self.job_scoped:  # a tier decided per job: on every hour of it, or on none
            tiers.update(k for k, when in self.calendar_tiers if when.scope == "job" and not job_days.isdisjoint(when.days))
            hits = [hit - self.job_scoped for hit in hits]
        if len(hits) > 1:  # a tier scoped to the whole shift, hit on one of its dates, applies on all of them
            tiers.update(t for hit in hits for t in hit if t in self.shift_scoped)
            if self.start_scoped:  # one scoped to the start: by the first date alone
                tiers.update(hits[0] & self.start_scoped)
                hits = [hit - self.start_scoped for hit in hits]
        if not self.compound_tiers:
            return [self.one(frozenset(tiers.union(hit))) for hit in hits]
        ctx = Context(self, days, early, lead, seconds, ordered, job_days, job, officers)
        out = []
        for i, hit in enumerate(hits):
            extra = {name for name, tier in self.compound_tiers if tier.price(ctx, i)}
            out.append(self.one(frozenset(tiers.union(hit, extra))))
        return out


def job_key(job: Job) -> tuple:
    """The job's type, customer class and facts, as a memo's key."""
    return job.job_type, job.customer, tuple(sorted(job.facts.items())) if job.facts else ()
