"""The quote engine: a request priced by one agency's rules, as a pure function.

`quote(agency, request)` reads no clock, no file and no setting: the same
request always gives the same quote. The Excel functions, the command line
and the workbook builder all call it. A shift is cut into pieces (`pieces`),
the tiers that apply to each are found (`plan`), and its positions are priced
into lines (`positions`) by the readings of each rule kind (`rules`).
"""

from __future__ import annotations

import datetime as dt
import itertools

from . import clock, money
from .agency import Agency
from .clock import FIRST_YEAR, LAST_YEAR
from .errors import InputError, shown
from .pieces import band_parts, band_seconds, job_days as _job_days, placed, span, tier_runs
from .plan import Plan, plan_for
from .positions import Work, add_fees, price_crew, price_positions, shape_of
from .recall import keep, recalled
from .quotes import (
    FEE, FLAT, MAX_OFFICERS, MAX_SHIFT_HOURS, MAX_SHIFTS, VEHICLE, Cut, Line, Quote, QuoteWarning, Request, Shift,
    ShiftSummary, end_after,
)
from .rules.combine import meets
from .rules.conditions import Context, Job, LeadTime
from .rules.payment import terms_for

__all__ = [
    "FEE", "FIRST_YEAR", "FLAT", "LAST_YEAR", "MAX_OFFICERS", "MAX_SHIFT_HOURS", "MAX_SHIFTS", "VEHICLE", "Cut", "Line",
    "Quote", "QuoteWarning", "Request", "Shift", "ShiftSummary", "end_after", "quote", "schedule_for",
    "shift_contexts", "tier_at",
]


def quote(agency: Agency, request: Request, cut: Cut | None = None) -> Quote:
    """Price `request` by `agency`'s published rules: the schedule in force when the job starts.

    With `cut`, only the hours worked of one shift are priced (cancellation.cancellation_charge).
    """
    _check(request)
    agency, spans = schedule_for(agency, request)
    plan = plan_for(agency)
    signed = None
    if cut is None and spans is None:
        found, signed = recalled(plan, request)  # a one-shift quote met before by its signature, at this shift's times
        if found is not None:
            return found
    context, chosen, unstated, key = plan.job_options(request.job_type, request.customer, request.facts,
                                                      request.priority)
    job, customer, facts = context
    work = Work(agency, plan, job, cut)
    work.job_context, work.job_key = context, key
    requested = note = None
    if request.requested_at is not None:
        # An hour that happens twice: the later reading gives less notice, which costs more.
        requested, note = clock.instant(request.requested_at, agency.zone, later=True)
    elif plan.notice_names or job in plan.lead_times:
        note = "No request time was given: the quote assumes the request came with enough notice."
    if unstated or note or spans:
        work.note(unstated, note, spans)

    several = len(request.shifts) > 1
    days = _job_days(plan, request.shifts, work.job_context) if agency.job_wide else None
    for index, shift in enumerate(request.shifts, 1):
        if cut is None or cut.shift == index:
            _price_shift(work, index, several, shift, requested, chosen, request.supervisors, days)

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
        add_fees(work, customer)
    deposit = terms_for(spec, context)[0]
    if deposit and deposit.deposit and cut is None:  # a deposit due before the job, from the job's terms
        work.topics.add("payment")
        work.note(deposit.deposit.note(sum((line.amount for line in work.lines), money.ZERO)))
    priced = work.finish(request)
    if signed is not None:
        keep(plan, signed, priced)
    return priced


def shift_contexts(agency: Agency, request: Request) -> list[Context]:
    """Each shift of `request` as a condition on the shift judges it, as scheduled: its dates, notice, length and
    officers, the job, and the kinds of day the whole job touches (a cancellation's windows by condition)."""
    agency = schedule_for(agency, request)[0]
    plan = plan_for(agency)
    job = agency.job_context(request.job_type, request.customer, request.facts)
    requested = None if request.requested_at is None else clock.instant(request.requested_at, agency.zone, later=True)[0]
    several, days = len(request.shifts) > 1, _job_days(plan, request.shifts, job)
    contexts = []
    for index, shift in enumerate(request.shifts, 1):
        where = span(agency, shift, index if several else None)
        contexts.append(_judged(plan, where.days, where.early, where.start, where.seconds, requested, days, job,
                                shift.officers))
    return contexts


def _judged(plan: Plan, days: list[tuple[dt.date, int]], early: list[bool] | None, start: dt.datetime, seconds: int,
            requested: dt.datetime | None, job_days: frozenset[str] | None, job: Job, officers: int) -> Context:
    """What a condition on a shift is judged on: its pieces' dates, the notice from `requested` (an instant) to `start`,
    the request's wall-clock time, its scheduled `seconds`, the job and the officers requested."""
    lead = None if requested is None else (start - requested).total_seconds()
    ordered = None if requested is None else clock.local(requested, plan.agency.zone)
    return Context(plan, [day for day, _ in days], early, lead, seconds, ordered, job_days, job, officers)


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


def _price_shift(
    work: Work, index: int, several: bool, shift: Shift,
    requested: dt.datetime | None, chosen: str | None, supervisors: int | None, job_days: frozenset[str] | None,
) -> None:
    agency, plan, spec = work.agency, work.plan, work.agency.spec
    start, end, walls, notes, days, early, seconds = placed(agency, shift, index if several else None,
                                                           work.job_context)
    if notes != (None, None):
        work.note(*notes)

    # Which tiers apply: to the whole shift, or to the hours of each local date.
    lead = None if requested is None else (start - requested).total_seconds()
    ordered = None if requested is None or not plan.asks_order_time else clock.local(requested, agency.zone)
    dates = [day for day, _ in days]
    by_day = plan.day_tiers(dates, lead, chosen, seconds, ordered, early, job_days, work.job_context,
                            shift.officers)
    if not plan.notice_names.isdisjoint(by_day[0]):
        work.topics.add("notice")
    if any(map(agency.calendar.is_holiday, dates)):
        work.topics.add("holidays")
    rule, in_hours = plan.lead_times.get(work.job), plan.lead_seconds.get(work.job)
    by_days = rule is not None and in_hours is None and requested is not None
    if plan.conditional_fees or by_days:
        local = None if requested is None else ordered or clock.local(requested, agency.zone)
        ctx = Context(plan, dates, early, lead, seconds, local, job_days, work.job_context, shift.officers)
        # the fees owed only where their condition holds on some shift
        work.fees_due.update(key for key, when in plan.conditional_fees if any(when.price(ctx, i) for i in range(len(days))))
        if by_days and rule.price(ctx):
            _short_notice(work, rule, index, several, lead, rule.given(ctx))
    if lead is not None and in_hours is not None and lead < in_hours:
        _short_notice(work, rule, index, several, lead)
    team = plan.crew(shift.officers, supervisors, work.job_context)
    if len(team.positions) > 1 or supervisors is not None or team.required:
        _supervisors(work, team, supervisors, shift.officers)
    work.shift_context = work.shift_key = None
    if plan.shift_rules:  # billing, overtime or a vehicle's charge by the shift's days, notice or length
        ctx = work.shift_context = _judged(plan, days, early, start, seconds, requested, job_days, work.job_context,
                                           shift.officers)
        work.shift_key = tuple([meets(when, work.job_context, ctx) for when in plan.shift_rules])
    billed = seconds if work.job in plan.flat_jobs else \
        agency.billed_seconds(seconds, work.job, work.job_context, work.shift_context)
    work.shifts.append(ShiftSummary(*walls, seconds, team.positions, start, end,
                                    agency.minimum_seconds(work.job, work.job_context, work.shift_context), billed))

    if plan.band_tiers:  # pieces of dates, cut at the bands' edges
        days, by_day, early = band_parts(plan, days, by_day, start, early, end)
    covered: dict[str, list[int]] = {}
    held: dict[str, list[bool]] = {}  # on which pieces a premium that covers added hours holds
    night = plan.night is not None and sum(band_seconds(agency, days, start, plan.night)) > 0
    if work.cut is not None or not spec.premiums:  # premiums are the one reading that asks where dates change
        days, by_day = tier_runs(days, by_day)
    if work.cut is not None:  # hours worked: officers' time at the hours' rates; no premiums or vehicles
        shape = shape_of(work, days, by_day, seconds, chosen, covered, held)
        for role, n in team.positions:
            price_positions(work, index, shape, role, n, False, days, by_day, seconds, chosen, covered, held)
    else:
        if spec.premiums:
            ctx = Context(plan, [day for day, _ in days], early, lead, seconds, ordered, job_days, work.job_context,
                          shift.officers)
            pieces = [secs for _, secs in days]
            covered = {key: p.cover(ctx, pieces, lambda band: band_seconds(agency, days, start, band))
                       for key, p in spec.premiums.items()}
            if sum(pieces) > seconds:  # run on past the end: a premium covers those hours only with added_hours
                booked = list(itertools.accumulate(pieces, initial=0))[:-1]
                covered = {key: [c if at < seconds or spec.premiums[key].added_hours else 0 for c, at in zip(cover, booked)]
                           for key, cover in covered.items()}
            held = {key: [p.holds(ctx, i) for i in range(len(days))] for key, p in spec.premiums.items() if p.added_hours}
        price_crew(work, index, shift, team, night, days, by_day, seconds, chosen, covered, held)


def _short_notice(work: Work, rule: LeadTime, index: int, several: bool, lead: float, days: str | None = None) -> None:
    """Warn that a shift was requested with less notice than the agency asks for; refuse it where the agency does.

    `days`: the notice given, in the days the agency counts ("4 business days"), where it asks for days.
    """
    spec = work.agency.spec
    work.topics.add("notice")
    subject = f"Shift {index}" if several else "The job"
    when = "after it started" if lead < 0 else f"only {days or _duration(lead)} before {'the day ' if days else ''}it starts"
    kind = f" for {work.agency.job(work.job).label.lower()} jobs" if rule is not spec.lead_time else ""
    if rule.refused:
        raise InputError(f"{subject} was requested {when}: {spec.short_name} refuses requests with less than "
                         f"{rule.asked} notice{kind}")
    work.warn("short_lead_time", f"{subject} was requested {when}; {spec.short_name} asks for {rule.asked} notice{kind}.")


def _supervisors(work: Work, team, supervisors: int | None, requested: int) -> None:
    """A shift with supervisors: the staffing notes, a note or a warning when the user set the count (RULES 19), and
    a warning when the agency requires more officers than were requested."""
    agency, spec = work.agency, work.agency.spec
    work.topics.add("staffing")
    if team.required is not None and team.required > requested:
        work.warn("officers_below_required", f"{spec.short_name} requires {team.required} officers for this job; "
                  f"{requested} {'was' if requested == 1 else 'were'} requested: the quote prices {team.required}.")
    if team.rule_count is not None:
        what = f"{supervisors} {agency.role_label(spec.staffing.set_role).lower()}{'s' if supervisors != 1 else ''}"
        if supervisors < team.rule_count:  # only where the page lets the count be lowered (RULES 19)
            work.warn("supervisors_below_rule", f"{what} set where {spec.short_name}'s rule gives {team.rule_count}: "
                      f"the page lets the count be adjusted, so confirm it with the agency.")
        else:
            work.note(f"Supervisor count set by the user: {what} instead of the {team.rule_count} the agency's rule gives.")


def tier_at(agency: Agency, start: dt.datetime, requested: dt.datetime | None = None,
            job_type: str | None = None, role: str | None = None) -> str:
    """The rate tier for work at `start` (agency wall clock), for a request made at `requested`."""
    begin, _ = clock.instant(start, agency.zone, later=False)
    agency = agency.schedule_at(clock.local(begin, agency.zone).date())
    plan: Plan = plan_for(agency)
    job = agency.job_type(job_type)
    role = agency.role(role) if role else agency.base_role
    lead = ordered = None
    if requested is not None:
        asked = clock.instant(requested, agency.zone, later=True)[0]
        lead, ordered = (begin - asked).total_seconds(), clock.local(asked, agency.zone)
    wall = clock.local(begin, agency.zone)
    begins = agency.calendar.starts(wall.date())
    early = [begins is not None and wall.time() < begins]
    applicable = plan.day_tiers([wall.date()], lead, None, 0, ordered, early, None, Job(job))[0]
    applicable = applicable.union(name for name, band in agency.band_tiers if band.price(wall.time()))
    tier, row = plan.winning_tier(role, job, applicable)
    if row is None:
        raise InputError(
            f"no {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} "
            f"on {agency.job(job).label.lower()} jobs"
        )
    return tier


def _duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds) // 60, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} hours"
