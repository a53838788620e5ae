"""The quote engine: a request priced by one agency's rules, as a pure function.

`quote(agency, request)` reads no clock, no file and no setting: the same
request always gives the same quote. The Excel functions, the command line
and the workbook builder all call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from . import clock, money
from .clock import FIRST_YEAR, LAST_YEAR
from .agency import Agency, fast_condition
from .errors import InputError, shown
from .rulebook import BandTrigger, CutoffTrigger, RateRow
from .staffing import Crew

MAX_SHIFT_HOURS = 168  # RULES says nothing of longer shifts; a week is past any detail
MAX_OFFICERS = 1000
MAX_SHIFTS = 400
VEHICLE = "vehicle"
FEE = "fee"
FLAT = "flat"


# Requests and quotes are immutable named tuples: as safe as frozen dataclasses, and four times
# cheaper to make, which counts when a column of 10,000 quotes is recalculated.

# --- what a customer asks for --------------------------------------------------

class Shift(NamedTuple):
    """One shift: start and end (naive = the agency's wall clock), officers and vehicles requested."""

    start: dt.datetime
    end: dt.datetime
    officers: int
    vehicles: int = 0


class Request(NamedTuple):
    """A job: one or more shifts and the options that apply to all of them."""

    shifts: tuple[Shift, ...]
    job_type: str | None = None
    requested_at: dt.datetime | None = None
    priority: str | None = None
    supervisors: int | None = None
    venue: str | None = None
    customer: str | None = None  # a customer class some fees treat differently (a charity), or None

    @classmethod
    def one(cls, start: dt.datetime, end: dt.datetime, officers: int, vehicles: int = 0, **options) -> Request:
        return cls((Shift(start, end, officers, vehicles),), **options)


def end_after(start: dt.datetime, hours: Decimal, zone) -> dt.datetime:
    """The end of a shift of `hours` real hours from `start` (wall clock in `zone`), in that zone."""
    if not 0 < hours <= MAX_SHIFT_HOURS:
        raise InputError(f"hours must be above 0 and at most {MAX_SHIFT_HOURS}, not {shown(hours)}")
    begin, _ = clock.instant(start, zone, later=False)
    return (begin + dt.timedelta(seconds=int(hours * 3600))).astimezone(zone)


# --- what it costs --------------------------------------------------------------

class Line(NamedTuple):
    """One rate over some positions of one shift: `positions` × round(`hours` × `rate`)."""

    shift: int
    role: str
    label: str
    tier: str
    tier_label: str
    positions: int
    seconds: int
    rate: Decimal
    amount: Decimal
    overtime: bool = False
    premium: bool = False  # an add-on on top of the hours' rate (tier: the premium's key)
    # Fee lines (role FEE, shift 0, tier: the fee's key) come last: `positions` × `hours` × `rate`,
    # or for a percentage or per-job fee one position, no hours and the fee as its rate.

    @property
    def hours(self) -> Decimal:
        return money.hours(self.seconds)


class Cut(NamedTuple):
    """Part of one shift to price instead of the whole job: the hours worked before a cancellation (RULES 18).

    The first `seconds` of shift `shift` (from 1) are billed at their own rates; each position is billed at least
    `floor` seconds, the hours added at the shift's highest rate (RULES 8). No premiums, vehicles or fees on top:
    a cancellation charges officer hours (and the administrative fee, which cancellation adds).
    """

    shift: int
    seconds: int
    floor: int = 0


class QuoteWarning(NamedTuple):
    code: str
    message: str


class ShiftSummary(NamedTuple):
    start: dt.datetime  # wall-clock, agency time zone
    end: dt.datetime
    seconds: int
    positions: tuple[tuple[str, int], ...]
    begins: dt.datetime  # the same start and end as UTC instants
    ends: dt.datetime

    @property
    def hours(self) -> Decimal:
        return money.hours(self.seconds)


class Quote(NamedTuple):
    agency: str
    agency_name: str
    job_type: str
    shifts: tuple[ShiftSummary, ...]
    lines: tuple[Line, ...]
    total: Decimal
    complete: bool
    warnings: tuple[QuoteWarning, ...]
    notes: tuple[str, ...]


# --- the engine -----------------------------------------------------------------

def quote(agency: Agency, request: Request, cut: Cut | None = None) -> Quote:
    """Price `request` by `agency`'s published rules: the schedule in force when the job starts.

    With `cut`, only the hours worked of one shift are priced (cancellation.cancellation_charge).
    """
    _check(request)
    agency, spans = schedule_for(agency, request)
    job = agency.job_type(request.job_type)
    chosen = agency.priority(request.priority)
    customer = agency.customer_class(request.customer)
    work = _Work(agency, job, cut)
    requested = None
    if request.requested_at is not None:
        # An hour that happens twice: the later reading gives less notice, which costs more.
        requested, note = clock.instant(request.requested_at, agency.zone, later=True)
        work.note(note)
    elif agency.notice_names or agency.spec.lead_time:
        work.note("No request time was given: the quote assumes the request came with enough notice.")
    work.note(spans)

    several = len(request.shifts) > 1
    job_days = _job_days(agency, request.shifts) if agency.job_wide else None
    for index, shift in enumerate(request.shifts, 1):
        if cut is None or cut.shift == index:
            _price_shift(work, index, several, shift, requested, chosen, request.supervisors, job_days)

    spec = agency.spec
    if job != spec.default_job_type:
        work.topics.add("job_types")
    if spec.job_types[job].permit:
        work.warn("permit_required", spec.job_types[job].permit)
    if request.venue:
        venue = request.venue.lower()
        for rule in spec.prohibited:
            if any(v in venue for v in rule.venues):
                work.warn("prohibited_venue", rule.text)
    if spec.fees and cut is None:
        _add_fees(work, customer)
    return work.finish(request)


def schedule_for(agency: Agency, request: Request) -> tuple[Agency, str | None]:
    """The agency's schedule in force on the day the job starts, and a note when a later one takes effect during it."""
    if not agency.earlier:
        return agency, None
    starts = [_wall(s.start, agency) for s in request.shifts]
    first = min(starts).date()
    last = max(_wall(s.end, agency) - dt.timedelta(seconds=1) for s in request.shifts).date()
    schedule = agency.schedule_at(first)
    changes = [s.spec.effective for s in agency.schedules if s.spec.effective and first < s.spec.effective <= last]
    if not changes:
        return schedule, None
    since = f" (in force from {schedule.spec.effective:%d %B %Y})" if schedule.spec.effective else ""
    return schedule, (
        f"The job runs past {changes[0]:%d %B %Y}, when {agency.spec.short_name}'s next schedule takes effect; "
        f"it is priced by the schedule in force when it starts{since}."
    )


def _wall(value: dt.datetime, agency: Agency) -> dt.datetime:
    return value if value.tzinfo is None else clock.local(value, agency.zone)


def _check(request: Request) -> None:
    if not isinstance(request, Request):
        raise InputError("expected a Request")
    shifts = request.shifts
    if not shifts:
        raise InputError("a request needs at least one shift")
    if len(shifts) > MAX_SHIFTS:
        raise InputError(f"a request holds at most {MAX_SHIFTS} shifts, not {len(shifts)}")
    for i, s in enumerate(shifts, 1):
        if not (_moment(s.start) and _moment(s.end) and _whole(s.officers, 1, MAX_OFFICERS) and _whole(s.vehicles, 0, MAX_OFFICERS)):
            _refuse_shift(f"shift {i}: " if len(shifts) > 1 else "", s)
    if request.supervisors is not None and not _whole(request.supervisors, 0, MAX_OFFICERS):
        raise InputError(_not_whole("supervisors", request.supervisors, 0, MAX_OFFICERS))
    if request.requested_at is not None and not _moment(request.requested_at):
        _refuse_moment("requested", request.requested_at)
    if request.customer is not None and not isinstance(request.customer, str):
        raise InputError(f"customer class must be text, not {type(request.customer).__name__}")
    if request.venue is not None and (not isinstance(request.venue, str) or len(request.venue) > 500):
        raise InputError("venue must be text of at most 500 characters")


def _moment(value: object) -> bool:
    return isinstance(value, dt.datetime) and FIRST_YEAR <= value.year <= LAST_YEAR


def _refuse_moment(name: str, value: object) -> None:
    if not isinstance(value, dt.datetime):
        raise InputError(f"{name} must be a date and time, not {type(value).__name__}")
    raise clock.outside_years(name, value.date())


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _not_whole(name: str, value: object, low: int, high: int) -> str:
    return f"{name} must be a whole number from {low} to {high:,}, not {shown(value)}"


def _refuse_shift(where: str, s: Shift) -> None:
    for name, value in (("start", s.start), ("end", s.end)):
        if not _moment(value):
            _refuse_moment(f"{where}{name}", value)
    low = 1 if not _whole(s.officers, 1, MAX_OFFICERS) else 0
    name, value = ("officers", s.officers) if low else ("vehicles", s.vehicles)
    raise InputError(_not_whole(f"{where}{name}", value, low, MAX_OFFICERS))


class _Work:
    """What a quote gathers as its shifts are priced."""

    __slots__ = ("agency", "job", "cut", "lines", "shifts", "warnings", "extra_notes", "topics", "complete")

    def __init__(self, agency: Agency, job: str, cut: Cut | None = None):
        self.agency, self.job, self.cut = agency, job, cut
        self.lines: list[Line] = []
        self.shifts: list[ShiftSummary] = []
        self.warnings: dict[str, QuoteWarning] = {}
        self.extra_notes: list[str] = []
        self.topics: set[str] = {"general", "rates"}
        self.complete = True

    def warn(self, code: str, message: str) -> None:
        self.warnings.setdefault(message, QuoteWarning(code, message))

    def note(self, text: str | None) -> None:
        if text and text not in self.extra_notes:
            self.extra_notes.append(text)

    def finish(self, request: Request) -> Quote:
        notes = self.agency.note_texts(frozenset(self.topics)) + tuple(self.extra_notes)
        total = sum([line.amount for line in self.lines], money.ZERO)
        return Quote(
            self.agency.key, self.agency.name, self.job, tuple(self.shifts), tuple(self.lines), total,
            self.complete, tuple(self.warnings.values()), notes,
        )


class _Span(NamedTuple):
    """A shift placed in time: its instants, wall-clock ends, notes on the clock, and its pieces by local date."""

    start: dt.datetime
    end: dt.datetime
    walls: tuple[dt.datetime, dt.datetime]
    notes: tuple[str | None, str | None]
    days: list[tuple[dt.date, int]]
    early: list[bool] | None  # for each piece, whether it comes before a partial holiday that day starts


def _span(agency: Agency, shift: Shift, index: int | None) -> _Span:
    """Where `shift` falls: the instants it starts and ends, and its seconds on each local date."""
    start, first = clock.instant(shift.start, agency.zone, later=False)
    end, last = clock.instant(shift.end, agency.zone, later=True)
    seconds = int((end - start).total_seconds())
    if not 0 < seconds <= MAX_SHIFT_HOURS * 3600:
        _refuse_length(index, seconds)
    walls = (
        shift.start if shift.start.tzinfo is None else clock.local(start, agency.zone),
        shift.end if shift.end.tzinfo is None else clock.local(end, agency.zone),
    )
    days = clock.split_days(start, end, agency.zone, walls)
    early = None
    if agency.calendar.partial:  # dates cut where a partial holiday starts
        days, early = _partial_parts(agency, days, start)
    return _Span(start, end, walls, (first, last), days, early)


def _job_days(agency: Agency, shifts: Sequence[Shift]) -> frozenset[str]:
    """Every kind of day (weekday, 'holiday') any hour of the job falls on, for conditions decided per job (RULES 16)."""
    several = len(shifts) > 1
    kinds: set[str] = set()
    for index, shift in enumerate(shifts, 1):
        span = _span(agency, shift, index if several else None)
        for n, (day, _) in enumerate(span.days):
            kinds |= agency.day_kinds(day, bool(span.early and span.early[n]))
    return frozenset(kinds)


def _price_shift(
    work: _Work, index: int, several: bool, shift: Shift,
    requested: dt.datetime | None, chosen: str | None, supervisors: int | None, job_days: frozenset[str] | None,
) -> None:
    agency, spec = work.agency, work.agency.spec
    start, end, walls, notes, days, early = _span(agency, shift, index if several else None)
    work.note(notes[0])
    work.note(notes[1])
    seconds = int((end - start).total_seconds())

    # Which tiers apply: to the whole shift, or to the hours of each local date.
    lead = None if requested is None else (start - requested).total_seconds()
    ordered = None if requested is None or not (agency.compound_tiers or spec.premiums) else clock.local(requested, agency.zone)
    by_day = day_tiers(agency, [day for day, _ in days], lead, chosen, seconds, ordered, early, job_days)
    if not agency.notice_names.isdisjoint(by_day[0]):
        work.topics.add("notice")
    if any(agency.calendar.is_holiday(day) for day, _ in days):
        work.topics.add("holidays")

    if lead is not None and agency.lead_seconds is not None and lead < agency.lead_seconds:
        work.topics.add("notice")
        subject = f"Shift {index}" if several else "The job"
        when = "after it started" if lead < 0 else f"only {_duration(lead)} before it starts"
        required = money.hours_text(spec.lead_time.required_hours).removesuffix(".00")
        work.warn("short_lead_time", f"{subject} was requested {when}; {spec.short_name} asks for {required} hours' notice.")

    team = agency.crew(shift.officers, supervisors)
    if len(team.positions) > 1 or supervisors is not None:
        work.topics.add("staffing")
    if team.rule_count is not None:
        role = spec.staffing.override_role or spec.staffing.supervisors[0].role
        what = f"{supervisors} {agency.role_label(role).lower()}{'s' if supervisors != 1 else ''}"
        if supervisors < team.rule_count:  # only where the page lets the count be lowered (RULES 19)
            work.warn("supervisors_below_rule", f"{what} set where {spec.short_name}'s rule gives {team.rule_count}: "
                      f"the page lets the count be adjusted, so confirm it with the agency.")
        else:
            work.note(f"Supervisor count set by the user: {what} instead of the {team.rule_count} the agency's rule gives.")
    work.shifts.append(ShiftSummary(*walls, seconds, team.positions, start, end))

    if agency.band_tiers:  # pieces of dates, cut at the bands' edges
        days, by_day, early = _band_parts(agency, days, by_day, start, early)
    if work.cut is not None:  # hours worked: officers' time at the hours' rates; no premiums or vehicles
        covered, groups = {}, [(role, n, False) for role, n in team.positions]
    else:
        covered = _premium_cover(agency, days, lead, seconds, ordered, start, early, job_days) if spec.premiums else {}
        night = spec.vehicles is not None and spec.vehicles.required == "night" and \
            sum(_band_seconds(agency, days, start, spec.vehicles.night)) > 0
        groups = _vehicle_groups(work, index, shift, team, night)
    for role, count, vehicle in groups:
        _price_positions(work, index, role, count, vehicle, days, by_day, seconds, chosen, covered)


def _refuse_length(index: int | None, seconds: int) -> None:
    where = f"shift {index}: " if index else ""
    if seconds <= 0:
        raise InputError(f"{where}end is {'before' if seconds < 0 else 'the same as'} start")
    raise InputError(f"{where}a shift lasts at most {MAX_SHIFT_HOURS} hours, not {money.hours_text(money.hours(seconds))}")


def day_tiers(agency: Agency, days: Sequence[dt.date], lead: float | None, chosen: str | None,
              seconds: int = 0, ordered: dt.datetime | None = None, early: Sequence[bool] | None = None,
              job_days: frozenset[str] | None = None) -> list[frozenset[str]]:
    """The tiers that apply to the hours of each local date of one shift, before the highest rate wins.

    `lead` is the notice in seconds (None when unknown); `chosen` a selectable tier the customer picked;
    `seconds` the shift's scheduled length; `ordered` the request's wall-clock time (None when unknown);
    `early`, for each date's piece, whether it comes before the partial holiday that day starts;
    `job_days`, the kinds of day the whole job touches, for tiers decided per job (None: this shift's own).
    """
    tiers = {agency.spec.base_tier}
    if chosen:
        tiers.add(chosen)
    if lead is not None:
        tiers.update(name for name, under in agency.notice_seconds if lead < under)
    hits = [agency.calendar_hits(day) for day in days] if early is None else list(map(agency.calendar_hits, days, early))
    if job_days is not None and agency.job_scoped:  # a tier decided per job: on every hour of it, or on none
        tiers.update(k for k, when in agency.calendar_tiers if when.scope == "job" and not job_days.isdisjoint(when.days))
        hits = [hit - agency.job_scoped for hit in hits]
    if len(hits) > 1:  # a tier scoped to the whole shift, hit on one of its dates, applies on all of them
        tiers.update(t for hit in hits for t in hit if t in agency.shift_scoped)
        if agency.start_scoped:  # one scoped to the start: by the first date alone
            tiers.update(hits[0] & agency.start_scoped)
            hits = [hit - agency.start_scoped for hit in hits]
    if not agency.compound_tiers:
        return [frozenset(tiers.union(hit)) for hit in hits]
    out = []
    for i, hit in enumerate(hits):
        extra = {name for name, conditions in agency.compound_tiers
                 if all(_holds(agency, c, i, days, early, lead, seconds, ordered, job_days) for c in conditions)}
        out.append(frozenset(tiers.union(hit, extra)))
    return out


def _holds(agency: Agency, condition: tuple[str, object], i: int, days: Sequence[dt.date], early: Sequence[bool] | None,
           lead: float | None, seconds: int, ordered: dt.datetime | None, job_days: frozenset[str] | None = None) -> bool:
    """Whether one condition (agency.fast_condition) holds for the hours of the `i`th piece of a shift over `days`."""
    kind, value = condition
    if kind == "notice":
        return lead is not None and lead < value
    if kind == "length":
        return seconds > value
    if kind == "ordered_after":
        return ordered is not None and ordered >= cutoff(days[0], value)
    if value.scope == "job" and job_days is not None:
        return not job_days.isdisjoint(value.days)
    on = range(len(days)) if value.scope in ("shift", "job") else (0,) if value.scope == "start" else (i,)
    return any(not agency.day_kinds(days[j], bool(early and early[j])).isdisjoint(value.days) for j in on)


def cutoff(start_day: dt.date, condition: CutoffTrigger) -> dt.datetime:
    """The wall-clock moment from which an order for a shift starting on `start_day` is late."""
    return dt.datetime.combine(start_day - dt.timedelta(days=condition.days_before), condition.time)


def winning_tier(agency: Agency, role: str, job: str, applicable: frozenset[str]) -> tuple[str, RateRow | None]:
    """The tier whose rate applies: the highest (RULES 7), ties to the later tier; (tier, None) if unpublished."""
    key = (role, job, applicable)
    found = agency.winners.get(key)
    if found is None:
        found = agency.winners[key] = _winner(agency, role, job, applicable)
    return found


def _winner(agency: Agency, role: str, job: str, applicable: frozenset[str]) -> tuple[str, RateRow | None]:
    order = agency.tier_order
    best: tuple[str, RateRow] | None = None
    for tier in sorted(applicable, key=order.__getitem__):
        row = agency.rate(role, job, tier)
        if row is None:
            return tier, None
        if best is None or (row.rate, order[tier]) > (best[1].rate, order[best[0]]):
            best = (tier, row)
    assert best is not None
    return best


def tier_at(agency: Agency, start: dt.datetime, requested: dt.datetime | None = None,
            job_type: str | None = None, role: str | None = None) -> str:
    """The rate tier for work at `start` (agency wall clock), for a request made at `requested`."""
    begin, _ = clock.instant(start, agency.zone, later=False)
    agency = agency.schedule_at(clock.local(begin, agency.zone).date())
    job = agency.job_type(job_type)
    role = agency.role(role) if role else agency.base_role
    lead = ordered = None
    if requested is not None:
        asked = clock.instant(requested, agency.zone, later=True)[0]
        lead, ordered = (begin - asked).total_seconds(), clock.local(asked, agency.zone)
    wall = clock.local(begin, agency.zone)
    begins = agency.calendar.starts(wall.date())
    early = [begins is not None and wall.time() < begins]
    applicable = day_tiers(agency, [wall.date()], lead, None, 0, ordered, early)[0]
    applicable = applicable.union(name for name, band in agency.band_tiers if in_band(band, wall.time()))
    tier, row = winning_tier(agency, role, job, applicable)
    if row is None:
        raise InputError(
            f"no {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} "
            f"on {agency.job(job).label.lower()} jobs"
        )
    return tier


def _vehicle_groups(work: _Work, index: int, shift: Shift, team: Crew, night: bool = False) -> list[tuple[str, int, bool]]:
    """(role, positions, brings a vehicle) groups; vehicles go to the highest-paid positions first.

    `night`: the shift has hours in the agency's night band, when vehicles may be required.
    """
    rule = work.agency.spec.vehicles
    wanted = shift.vehicles
    if not wanted and (rule is None or rule.required == "never"):
        return [(role, n, False) for role, n in team.positions]
    if rule is None:
        if wanted:
            work.complete = False
            work.warn("unpublished_rate", f"{work.agency.spec.short_name} publishes no vehicle rate: the vehicles requested are not priced.")
        wanted = 0
    elif rule.required == "always" or rule.required == "night" and night:
        if wanted < team.total:
            when = "all shifts" if rule.required == "always" else \
                f"shifts with any hour between {rule.night.start:%H:%M} and {rule.night.end:%H:%M}"
            work.warn("vehicle_required", f"Vehicles are required on {when}: one vehicle per position is priced.")
        wanted = team.total
    if wanted > team.total:
        where = f"shift {index}: " if index > 1 else ""
        raise InputError(f"{where}{wanted} vehicles for {team.total} positions: at most one vehicle per position")
    if wanted:
        work.topics.add("vehicles")
    groups = []
    for role, n in team.positions:
        with_vehicle = min(wanted, n)
        wanted -= with_vehicle
        if with_vehicle:
            groups.append((role, with_vehicle, True))
        if n - with_vehicle:
            groups.append((role, n - with_vehicle, False))
    return groups


def _price_positions(
    work: _Work, index: int, role: str, count: int, vehicle: bool,
    days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], scheduled: int, chosen: str | None,
    covered: dict[str, list[int]],
) -> None:
    agency, job = work.agency, work.job
    flat = agency.job(job).flat_price
    if flat is not None:  # the same price per position whatever the hours: no tier, minimum, overtime or premium
        work.lines.append(Line(index, role, agency.role_label(role), FLAT, "Flat price", count, scheduled, flat, flat * count))
        if vehicle:
            _vehicle_line(work, index, count, scheduled, flat)
        return
    order = agency.tier_order
    # The winning tier of each day's hours: the highest rate among those that apply (RULES 7).
    run: list[list] = []  # [tier, row, seconds]
    rates: list[Decimal] = []
    for (_, secs), applicable in zip(days, by_day):
        tier, row = winning_tier(agency, role, job, applicable)
        if row is None:
            _unpublished(work, role, tier, count)
            return
        rates.append(row.rate)
        if run and run[-1][0] == tier:
            run[-1][2] += secs
        else:
            run.append([tier, row, secs])
        if chosen and tier != chosen:
            work.warn(
                "priority_below_required",
                f"{agency.tier_label(chosen)} was chosen, but {agency.tier_label(tier)} is required for some hours; "
                f"the higher required rate applies to them.",
            )

    # Vehicle handling time and hours up to the minimum: at the shift's highest rate (RULES 8).
    whole = run
    handling = agency.handling_seconds if vehicle else 0
    if work.cut is None:
        billed = agency.billed_seconds(scheduled + handling, job)
    else:  # only the hours worked, each at its own rate; then up to the floor at the highest rate (RULES 18)
        run, scheduled = _first_seconds(run, work.cut.seconds), min(scheduled, work.cut.seconds)
        billed = max(scheduled, work.cut.floor)
    if billed > scheduled:
        top = whole[0] if len(whole) == 1 else max(whole, key=lambda r: (r[1].rate, order[r[0]]))
        run.append([top[0], top[1], billed - scheduled])
        if billed > scheduled + handling:
            work.topics.add("minimum")

    # Overtime past the threshold, per position per shift (RULES 9); one line per rate, rounded once (RULES 20).
    after = agency.overtime_seconds
    buckets: dict[tuple[Decimal, bool], list] = {}  # (rate, overtime) → [tiers in the order worked, seconds]
    elapsed = 0
    for tier, row, secs in run:
        regular = secs if after is None else max(0, min(secs, after - elapsed))
        if regular:
            _fill(buckets, (row.rate, False), tier, regular)
        if secs > regular:
            _fill(buckets, (agency.overtime_rate(row), True), tier, secs - regular)
        elapsed += secs
    label = agency.role_label(role)
    labour = money.ZERO  # per position
    for (rate, is_ot), (tiers, secs) in buckets.items():
        if is_ot:
            work.topics.add("overtime")
        each = money.amount(secs, rate)
        labour += each
        names = agency.tier_label(tiers[0]) if len(tiers) == 1 else ", ".join(map(agency.tier_label, tiers))
        work.lines.append(Line(index, role, label, tiers[0], names, count, secs, rate, each * count, is_ot))
    for key, seconds in covered.items():
        _premium_line(work, index, role, count, key, seconds, rates)
    if vehicle:
        _vehicle_line(work, index, count, billed, labour)


def _fill(buckets: dict[tuple[Decimal, bool], list], key: tuple[Decimal, bool], tier: str, seconds: int) -> None:
    """Add `seconds` of `tier` to the line of its rate: [the tiers in the order worked, seconds]."""
    bucket = buckets.get(key)
    if bucket is None:
        buckets[key] = [[tier], seconds]
        return
    if tier not in bucket[0]:
        bucket[0].append(tier)
    bucket[1] += seconds


def _first_seconds(run: list[list], seconds: int) -> list[list]:
    """The first `seconds` of a run of [tier, row, seconds] pieces, in the order worked."""
    out, left = [], seconds
    for tier, row, secs in run:
        if left <= 0:
            break
        out.append([tier, row, min(secs, left)])
        left -= secs
    return out


def _vehicle_line(work: _Work, index: int, count: int, billed: int, labour: Decimal) -> None:
    """The charge for `count` vehicles on one shift, each with a position billed `billed` seconds for `labour`."""
    rule = work.agency.spec.vehicles
    if rule.basis == "officer_time":
        return  # the vehicle costs only the handling time already billed to its officer
    if rule.basis == "per_hour":
        rate, each = rule.rate, money.amount(billed, rule.rate)
    elif rule.basis == "per_shift":
        rate, each = rule.rate, rule.rate
    elif rule.basis == "first_hour":
        rate, each = rule.rate, rule.rate + money.amount(max(0, billed - 3600), rule.further_rate)
    else:
        rate = each = money.percent_of(labour, rule.percent)
    work.lines.append(Line(index, VEHICLE, VEHICLE_LABELS[rule.basis], "", "", count, billed, rate, each * count))


VEHICLE_LABELS = {"per_hour": "Vehicle", "per_shift": "Vehicle, per shift", "first_hour": "Vehicle, first hour and after",
                  "percent_of_labour": "Vehicle, share of the officer's charge"}


def _premium_cover(agency: Agency, days: list[tuple[dt.date, int]], lead: float | None, seconds: int,
                   ordered: dt.datetime | None, start: dt.datetime, early: list[bool] | None,
                   job_days: frozenset[str] | None = None) -> dict[str, list[int]]:
    """For each premium, the scheduled seconds it covers in each piece of the shift."""
    dates = [day for day, _ in days]
    out = {}
    for key, p in agency.spec.premiums.items():
        band = p.conditions[0] if p.conditions and isinstance(p.conditions[0], BandTrigger) else None
        if band is not None:
            out[key] = _band_seconds(agency, days, start, band)
            continue
        window = (0, money.seconds(p.first_hours)) if p.first_hours else (money.seconds(p.after_hours), 1 << 40) \
            if p.after_hours else (0, 1 << 40)
        conditions = [fast_condition(c) for c in p.conditions]
        cover, offset = [], 0
        for i, (_, secs) in enumerate(days):
            held = all(_holds(agency, c, i, dates, early, lead, seconds, ordered, job_days) for c in conditions)
            cover.append(max(0, min(offset + secs, window[1]) - max(offset, window[0])) if held else 0)
            offset += secs
        out[key] = cover
    return out


def _band_seconds(agency: Agency, days: list[tuple[dt.date, int]], start: dt.datetime, band: BandTrigger) -> list[int]:
    """The real seconds of each date's part of the shift that fall inside the daily band."""
    zone, out, lo = agency.zone, [], start
    crosses = band.end <= band.start
    for day, secs in days:
        hi = lo + dt.timedelta(seconds=secs)
        total = 0
        for first in (day - dt.timedelta(days=1), day):
            a = dt.datetime.combine(first, band.start, tzinfo=zone).astimezone(clock.UTC)
            b = dt.datetime.combine(first + dt.timedelta(days=crosses), band.end, tzinfo=zone).astimezone(clock.UTC)
            total += max(0, int((min(hi, b) - max(lo, a)).total_seconds()))
        out.append(total)
        lo = hi
    return out


def _partial_parts(agency: Agency, days: list[tuple[dt.date, int]], start: dt.datetime) -> tuple[list[tuple[dt.date, int]], list[bool]]:
    """Each date's part of the shift cut where a partial holiday starts; for each piece, whether it comes before."""
    parts, early, lo = [], [], start
    for day, secs in days:
        hi = lo + dt.timedelta(seconds=secs)
        begins = agency.calendar.starts(day)
        cut = None if begins is None else dt.datetime.combine(day, begins, tzinfo=agency.zone).astimezone(clock.UTC)
        if cut is not None and lo < cut < hi:
            parts += [(day, int((cut - lo).total_seconds())), (day, int((hi - cut).total_seconds()))]
            early += [True, False]
        else:
            parts.append((day, secs))
            early.append(cut is not None and hi <= cut)
        lo = hi
    return parts, early


def _band_parts(agency: Agency, days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], start: dt.datetime,
                early: list[bool] | None) -> tuple[list[tuple[dt.date, int]], list[frozenset[str]], list[bool] | None]:
    """Each piece of the shift cut at the edges of the band tiers' bands, with the tiers (and `early`) for each piece."""
    zone, parts, tiers, flags, lo = agency.zone, [], [], [], start
    for n, ((day, secs), applicable) in enumerate(zip(days, by_day)):
        hi = lo + dt.timedelta(seconds=secs)
        spans, cuts = [], {lo, hi}
        for name, band in agency.band_tiers:
            for first in (day - dt.timedelta(days=1), day):
                a = dt.datetime.combine(first, band.start, tzinfo=zone).astimezone(clock.UTC)
                b = dt.datetime.combine(first + dt.timedelta(days=band.end <= band.start), band.end, tzinfo=zone).astimezone(clock.UTC)
                if a < hi and b > lo:
                    spans.append((name, a, b))
                    cuts.update(x for x in (a, b) if lo < x < hi)
        points = sorted(cuts)
        for p, q in zip(points, points[1:]):
            here = applicable.union(name for name, a, b in spans if a <= p < b)
            before = bool(early and early[n])
            if tiers and tiers[-1] == here and parts[-1][0] == day and flags[-1] == before:
                parts[-1] = (day, parts[-1][1] + int((q - p).total_seconds()))
            else:
                parts.append((day, int((q - p).total_seconds())))
                tiers.append(here)
                flags.append(before)
        lo = hi
    return parts, tiers, flags if early is not None else None


def in_band(band: BandTrigger, moment: dt.time) -> bool:
    """Whether a wall-clock time of day falls inside the daily band."""
    if band.start < band.end:
        return band.start <= moment < band.end
    return moment >= band.start or moment < band.end


def _premium_line(work: _Work, index: int, role: str, count: int, key: str, covered: list[int], rates: list[Decimal]) -> None:
    p = work.agency.spec.premiums[key]
    seconds = sum(covered)
    if not seconds or (p.roles is not None and role not in p.roles):
        return
    if p.per_hour is not None:
        each, rate = money.amount(seconds, p.per_hour), p.per_hour
    else:
        if p.rate is not None:  # a replacement rate: what it adds to each covered hour's own rate, if anything
            value = sum(secs * max(money.ZERO, p.rate - r) for secs, r in zip(covered, rates)) / 3600
        else:
            factor = p.percent / 100 if p.percent is not None else p.multiplier - 1
            value = sum(secs * r for secs, r in zip(covered, rates)) * factor / 3600
        if not value:
            return
        each, rate = money.cents(value), money.cents(value * 3600 / seconds)
    work.topics.add("rates")
    work.lines.append(Line(index, role, work.agency.role_label(role), key, p.label, count, seconds, rate, each * count, False, True))


def _add_fees(work: _Work, customer: str | None) -> None:
    """The fees added on top of the quote's lines."""
    charges = sum([line.amount for line in work.lines], money.ZERO)
    position_seconds = sum(line.positions * line.seconds for line in work.lines if line.role != VEHICLE and not line.premium)
    work.lines += fee_lines(work.agency, customer, charges, position_seconds)
    work.topics.add("admin_fee")


def fee_lines(agency: Agency, customer: str | None, charges: Decimal, position_seconds: int) -> list[Line]:
    """The fees added on top, in the file's order: a percentage of `charges`, per billed position-hour, or per job.

    `customer`: the customer class (a key), whose own figures replace the usual ones.
    """
    who = agency.spec.customer_classes[customer].label if customer else ""
    out = []
    for key, fee in agency.spec.fees.items():
        figure = fee.classes.get(customer, fee.value) if customer else fee.value
        label = fee.label
        if fee.percent is not None:
            rate = amount = money.percent_of(charges, figure)
            seconds, label = 0, f"{fee.label} ({figure.normalize():f}%)"
        elif fee.per_hour is not None:
            seconds, rate, amount = position_seconds, figure, money.amount(position_seconds, figure)
        else:
            seconds, rate, amount = 0, figure, figure
        out.append(Line(0, FEE, label, key, who if customer in fee.classes else "", 1, seconds, rate, amount))
    return out


def _unpublished(work: _Work, role: str, tier: str, count: int) -> None:
    agency = work.agency
    work.complete = False
    work.warn(
        "unpublished_rate",
        f"No {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} on "
        f"{agency.job(work.job).label.lower()} jobs: {'that position is' if count == 1 else 'those positions are'} not priced.",
    )


def _duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds) // 60, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} hours"
