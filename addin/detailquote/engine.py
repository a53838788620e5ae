"""The quote engine: a request priced by one agency's rules, as a pure function.

`quote(agency, request)` reads no clock, no file and no setting: the same
request always gives the same quote. The Excel functions, the command line
and the workbook builder all call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import clock, money
from .agency import Agency
from .errors import InputError
from .rulebook import WEEKDAYS, RateRow
from .staffing import Crew, crew

MAX_SHIFT_HOURS = 168  # RULES says nothing of longer shifts; a week is past any detail
MAX_OFFICERS = 1000
MAX_SHIFTS = 400
VEHICLE = "vehicle"


# --- what a customer asks for --------------------------------------------------

@dataclass(frozen=True, slots=True)
class Shift:
    """One shift: start and end (naive = the agency's wall clock), officers and vehicles requested."""

    start: dt.datetime
    end: dt.datetime
    officers: int
    vehicles: int = 0



@dataclass(frozen=True, slots=True)
class Request:
    """A job: one or more shifts and the options that apply to all of them."""

    shifts: tuple[Shift, ...]
    job_type: str | None = None
    requested_at: dt.datetime | None = None
    priority: str | None = None
    supervisors: int | None = None
    venue: str | None = None

    @classmethod
    def one(cls, start: dt.datetime, end: dt.datetime, officers: int, vehicles: int = 0, **options) -> Request:
        return cls((Shift(start, end, officers, vehicles),), **options)


def end_after(start: dt.datetime, hours: Decimal, zone) -> dt.datetime:
    """The end of a shift of `hours` real hours from `start` (wall clock in `zone`), in that zone."""
    if not 0 < hours <= MAX_SHIFT_HOURS:
        raise InputError(f"hours must be above 0 and at most {MAX_SHIFT_HOURS}, not {hours}")
    begin, _ = clock.instant(start, zone, later=False)
    return (begin + dt.timedelta(seconds=int(hours * 3600))).astimezone(zone)


# --- what it costs --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Line:
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

    @property
    def hours(self) -> Decimal:
        return money.hours(self.seconds)


@dataclass(frozen=True, slots=True)
class QuoteWarning:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ShiftSummary:
    start: dt.datetime  # wall-clock, agency time zone
    end: dt.datetime
    seconds: int
    positions: tuple[tuple[str, int], ...]
    begins: dt.datetime  # the same start and end as UTC instants
    ends: dt.datetime

    @property
    def hours(self) -> Decimal:
        return money.hours(self.seconds)


@dataclass(frozen=True)
class Quote:
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

def quote(agency: Agency, request: Request) -> Quote:
    """Price `request` by `agency`'s published rules."""
    _check(request)
    job = agency.job_type(request.job_type)
    chosen = agency.priority(request.priority)
    work = _Work(agency, job)
    requested = None
    if request.requested_at is not None:
        # An hour that happens twice: the later reading gives less notice, which costs more.
        requested, note = clock.instant(request.requested_at, agency.zone, later=True)
        work.note(note)
    elif agency.notice_tiers or agency.spec.lead_time:
        work.note("No request time was given: the quote assumes the request came with enough notice.")

    several = len(request.shifts) > 1
    for index, shift in enumerate(request.shifts, 1):
        _price_shift(work, index, several, shift, requested, chosen, request.supervisors)

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
    return work.finish(request)


def _check(request: Request) -> None:
    if not isinstance(request, Request):
        raise InputError("expected a Request")
    if not request.shifts:
        raise InputError("a request needs at least one shift")
    if len(request.shifts) > MAX_SHIFTS:
        raise InputError(f"a request holds at most {MAX_SHIFTS} shifts, not {len(request.shifts)}")
    for i, s in enumerate(request.shifts, 1):
        where = f"shift {i}: " if len(request.shifts) > 1 else ""
        for name, value in (("start", s.start), ("end", s.end)):
            if not isinstance(value, dt.datetime):
                raise InputError(f"{where}{name} must be a date and time, not {type(value).__name__}")
        _count(f"{where}officers", s.officers, 1, MAX_OFFICERS)
        _count(f"{where}vehicles", s.vehicles, 0, MAX_OFFICERS)
    if request.supervisors is not None:
        _count("supervisors", request.supervisors, 0, MAX_OFFICERS)
    if request.requested_at is not None and not isinstance(request.requested_at, dt.datetime):
        raise InputError(f"requested must be a date and time, not {type(request.requested_at).__name__}")
    if request.venue is not None and (not isinstance(request.venue, str) or len(request.venue) > 500):
        raise InputError("venue must be text of at most 500 characters")


def _count(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"{name} must be a whole number from {low} to {high:,}, not {value!r}")


@dataclass
class _Work:
    """What a quote gathers as its shifts are priced."""

    agency: Agency
    job: str
    lines: list[Line] = field(default_factory=list)
    shifts: list[ShiftSummary] = field(default_factory=list)
    warnings: dict[str, QuoteWarning] = field(default_factory=dict)
    extra_notes: list[str] = field(default_factory=list)
    topics: set[str] = field(default_factory=lambda: {"general", "rates"})
    complete: bool = True

    def warn(self, code: str, message: str) -> None:
        self.warnings.setdefault(message, QuoteWarning(code, message))

    def note(self, text: str | None) -> None:
        if text and text not in self.extra_notes:
            self.extra_notes.append(text)

    def finish(self, request: Request) -> Quote:
        notes = [n.text for n in self.agency.notes(self.topics)] + self.extra_notes
        total = sum((line.amount for line in self.lines), money.ZERO)
        return Quote(
            agency=self.agency.key,
            agency_name=self.agency.name,
            job_type=self.job,
            shifts=tuple(self.shifts),
            lines=tuple(self.lines),
            total=total,
            complete=self.complete,
            warnings=tuple(self.warnings.values()),
            notes=tuple(notes),
        )


def _price_shift(
    work: _Work, index: int, several: bool, shift: Shift,
    requested: dt.datetime | None, chosen: str | None, supervisors: int | None,
) -> None:
    agency, spec = work.agency, work.agency.spec
    where = f"shift {index}: " if several else ""
    start, note = clock.instant(shift.start, agency.zone, later=False)
    work.note(note)
    end, note = clock.instant(shift.end, agency.zone, later=True)
    work.note(note)
    seconds = int((end - start).total_seconds())
    if seconds <= 0:
        raise InputError(f"{where}end is {'before' if seconds < 0 else 'the same as'} start")
    if seconds > MAX_SHIFT_HOURS * 3600:
        raise InputError(f"{where}a shift lasts at most {MAX_SHIFT_HOURS} hours, not {money.hours_text(money.hours(seconds))}")

    # Which tiers apply: to the whole shift, or to the hours of each local date.
    days = clock.split_days(start, end, agency.zone)
    lead = None if requested is None else (start - requested).total_seconds()
    by_day = day_tiers(agency, [day for day, _ in days], lead, chosen)
    if any(t in by_day[0] for t, _ in agency.notice_tiers):
        work.topics.add("notice")
    if any(agency.calendar.is_holiday(day) for day, _ in days):
        work.topics.add("holidays")

    if spec.lead_time and lead is not None and lead < spec.lead_time.required_hours * 3600:
        work.topics.add("notice")
        subject = f"Shift {index}" if several else "The job"
        when = "after it started" if lead < 0 else f"only {_duration(lead)} before it starts"
        required = money.hours_text(spec.lead_time.required_hours).removesuffix(".00")
        work.warn("short_lead_time", f"{subject} was requested {when}; {spec.short_name} asks for {required} hours' notice.")

    team = crew(spec.staffing, shift.officers, supervisors, spec.short_name)
    if len(team.positions) > 1 or supervisors is not None:
        work.topics.add("staffing")
    if team.rule_count is not None:
        role = spec.staffing.override_role or spec.staffing.supervisors[0].role
        work.note(
            f"Supervisor count set by the user: {supervisors} {agency.role_label(role).lower()}"
            f"{'s' if supervisors != 1 else ''} instead of the {team.rule_count} the agency's rule gives."
        )
    work.shifts.append(ShiftSummary(
        clock.local(start, agency.zone), clock.local(end, agency.zone), seconds, team.positions, start, end
    ))

    for role, count, vehicle in _vehicle_groups(work, index, shift, team):
        _price_positions(work, index, role, count, vehicle, days, by_day, seconds, chosen)


def day_tiers(agency: Agency, days: Sequence[dt.date], lead: float | None, chosen: str | None) -> list[set[str]]:
    """The tiers that apply to the hours of each local date of one shift, before the highest rate wins.

    `lead` is the notice in seconds (None when unknown); `chosen` a selectable tier the customer picked.
    """
    tiers = {agency.spec.base_tier}
    if chosen:
        tiers.add(chosen)
    for name, trigger in agency.notice_tiers:
        if lead is not None and lead < trigger.under_hours * 3600:
            tiers.add(name)
    kinds = [_day_kinds(agency, day) for day in days]
    by_day = [set(tiers) for _ in days]
    for name, trigger in agency.calendar_tiers:
        hits = [bool(k.intersection(trigger.days)) for k in kinds]
        for i, hit in enumerate(hits):
            if hit or (trigger.scope == "shift" and any(hits)):
                by_day[i].add(name)
    return by_day


def winning_tier(agency: Agency, role: str, job: str, applicable: set[str]) -> tuple[str, RateRow | None]:
    """The tier whose rate applies: the highest (RULES 7), ties to the later tier; (tier, None) if unpublished."""
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
    job = agency.job_type(job_type)
    role = agency.role(role) if role else agency.base_role
    begin, _ = clock.instant(start, agency.zone, later=False)
    lead = None
    if requested is not None:
        lead = (begin - clock.instant(requested, agency.zone, later=True)[0]).total_seconds()
    applicable = day_tiers(agency, [clock.local(begin, agency.zone).date()], lead, None)[0]
    tier, row = winning_tier(agency, role, job, applicable)
    if row is None:
        raise InputError(
            f"no {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} "
            f"on {agency.job(job).label.lower()} jobs"
        )
    return tier


def _day_kinds(agency: Agency, day: dt.date) -> set[str]:
    kinds = {WEEKDAYS[day.weekday()]}
    if agency.calendar.is_holiday(day):
        kinds.add("holiday")
    return kinds


def _vehicle_groups(work: _Work, index: int, shift: Shift, team: Crew) -> list[tuple[str, int, bool]]:
    """(role, positions, brings a vehicle) groups; vehicles go to the highest-paid positions first."""
    rule = work.agency.spec.vehicles
    wanted = shift.vehicles
    if rule is None:
        if wanted:
            work.complete = False
            work.warn("unpublished_rate", f"{work.agency.spec.short_name} publishes no vehicle rate: the vehicles requested are not priced.")
        wanted = 0
    elif rule.required == "always":
        if wanted < team.total:
            work.warn("vehicle_required", "Vehicles are required on all shifts: one vehicle per position is priced.")
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
    days: list[tuple[dt.date, int]], by_day: list[set[str]], scheduled: int, chosen: str | None,
) -> None:
    agency, spec, job = work.agency, work.agency.spec, work.job
    order = agency.tier_order
    # The winning tier of each day's hours: the highest rate among those that apply (RULES 7).
    run: list[list] = []  # [tier, row, seconds]
    for (_, secs), applicable in zip(days, by_day):
        tier, row = winning_tier(agency, role, job, applicable)
        if row is None:
            work.complete = False
            work.warn(
                "unpublished_rate",
                f"No {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} on "
                f"{spec.job_types[job].label.lower()} jobs: {'that position is' if count == 1 else 'those positions are'} not priced.",
            )
            return
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
    handling = money.seconds(spec.vehicles.handling_hours) if vehicle and spec.vehicles else 0
    minimum = agency.minimum_hours(job)
    billed = max(scheduled + handling, money.seconds(minimum) if minimum else 0)
    if billed > scheduled:
        top = max(run, key=lambda r: (r[1].rate, order[r[0]]))
        run.append([top[0], top[1], billed - scheduled])
        if billed > scheduled + handling:
            work.topics.add("minimum")

    # Overtime past the threshold, per position per shift (RULES 9).
    after = money.seconds(spec.overtime.after_hours) if spec.overtime else None
    buckets: dict[tuple[str, bool], list] = {}
    elapsed = 0
    for tier, row, secs in run:
        regular = secs if after is None else max(0, min(secs, after - elapsed))
        for is_ot, part in ((False, regular), (True, secs - regular)):
            if part:
                buckets.setdefault((tier, is_ot), [row, 0])[1] += part
        elapsed += secs
    for (tier, is_ot), (row, secs) in buckets.items():
        rate = row.overtime if is_ot else row.rate
        if is_ot:
            work.topics.add("overtime")
        work.lines.append(Line(
            index, role, agency.role_label(role), tier, agency.tier_label(tier),
            count, secs, rate, money.amount(secs, rate) * count, is_ot,
        ))
    if vehicle:
        rate = spec.vehicles.rate
        work.lines.append(Line(index, VEHICLE, "Vehicle", "", "", count, billed, rate, money.amount(billed, rate) * count))


def _duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds) // 60, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} hours"
