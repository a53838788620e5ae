"""One shift's positions priced into quote lines: the winning tier of each piece, the minimum and blocks, overtime,
premiums and vehicles; and the fees added on top of a quote. What a quote gathers as it goes is a `Work`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from . import money
from .agency import Agency
from .errors import InputError
from .plan import MEMO_SIZE, Plan, job_key
from .quotes import FEE, FLAT, VEHICLE, Cut, Line, Quote, QuoteWarning, Request, Shift, ShiftSummary
from .rules.conditions import Context, Job
from .rules.fees import FeeBase
from .rules.overtime import split
from .rules.staffing import Crew


class Work:
    """What a quote gathers as its shifts are priced."""

    __slots__ = ("agency", "plan", "job", "cut", "lines", "shifts", "warnings", "extra_notes", "topics", "complete",
                 "job_context", "job_key", "fees_due", "fee_base", "position_charges", "shift_context",
                 "shift_key")

    def __init__(self, agency: Agency, plan: Plan, job: str, cut: Cut | None = None):
        self.agency, self.plan, self.job, self.cut = agency, plan, job, cut
        self.lines: list[Line] = []
        self.shifts: list[ShiftSummary] = []
        self.warnings: dict[str, QuoteWarning] = {}
        self.extra_notes: list[str] = []
        self.topics: set[str] = {"general", "rates"}
        self.complete = True
        self.job_context: Job | None = None  # the job type, customer class and facts the conditions test
        self.job_key: tuple = ()  # the job context as a memo's key (plan.job_key)
        self.fees_due: set[str] = set()  # the fees with a condition that held on some shift
        self.fee_base: FeeBase | None = None
        self.position_charges: list[tuple[int, Decimal, Decimal]] = []  # (positions, each's labour, each's vehicle)
        self.shift_context: Context | None = None  # the shift being priced, where rules by its days depend on it
        self.shift_key: tuple[bool, ...] | None = None  # which of those rules' conditions hold for it

    def warn(self, code: str, message: str) -> None:
        self.warnings.setdefault(message, QuoteWarning(code, message))

    def note(self, *texts: str | None) -> None:
        """Add each of `texts` to the quote's own notes, once; a None or empty one is none."""
        for text in texts:
            if text and text not in self.extra_notes:
                self.extra_notes.append(text)

    def finish(self, request: Request) -> Quote:
        notes = self.plan.note_texts(frozenset(self.topics)) + tuple(self.extra_notes)
        total = sum([line.amount for line in self.lines], money.ZERO)
        return Quote(
            self.agency.key, self.agency.name, self.job, tuple(self.shifts), tuple(self.lines), total,
            self.complete, tuple(self.warnings.values()), notes, self.fee_base, self.job_context,
        )


def vehicle_groups(work: Work, index: int, shift: Shift, team: Crew, night: bool = False) -> list[tuple[str, int, bool]]:
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
    elif rule.required == "always" or rule.required == "night" and night or rule.required_for(work.job_context):
        if wanted < team.total:
            work.warn("vehicle_required", f"Vehicles are required on {rule.when_required()}: one vehicle per position is priced.")
        wanted = team.total
    if wanted > team.total:
        where = f"shift {index}: " if index > 1 else ""
        raise InputError(f"{where}{wanted} vehicles for {team.total} positions: at most one vehicle per position")
    if wanted:
        work.topics.add("vehicles")
    if wanted and rule is not None and rule.basis in ("no_charge", "unpublished"):  # nothing to price beside its officer
        if rule.basis == "unpublished" and rule.charged_for(work.job_context, work.shift_context):
            work.complete = False
            work.warn("unpublished_rate", f"{work.agency.spec.short_name} publishes no vehicle rate: the vehicles cannot be priced.")
        return [(role, n, False) for role, n in team.positions]
    groups = []
    for role, n in team.positions:
        with_vehicle = min(wanted, n)
        wanted -= with_vehicle
        if with_vehicle:
            groups.append((role, with_vehicle, True))
        if n - with_vehicle:
            groups.append((role, n - with_vehicle, False))
    return groups


class Crewed(NamedTuple):
    """What all the positions of one shift come to (`price_crew`), to be added to a quote as they are."""

    lines: tuple[Line, ...]
    charges: tuple[tuple[int, Decimal, Decimal], ...]  # (positions, each's labour, each's vehicle) by group
    topics: frozenset[str]
    warnings: tuple[QuoteWarning, ...]
    complete: bool


def shape_of(work: Work, days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], scheduled: int,
             chosen: str | None, covered: dict[str, list[int]], held: dict[str, list[bool]]) -> tuple:
    """What one position's lines on a shift depend on besides its role and vehicle, as a memo's key: the job type,
    the pieces' lengths and tiers, the scheduled length, the priority, a cut, the premiums' figures, the conditions on
    the shift that hold, and the job's customer and facts where the lines depend on them."""
    return (work.job, tuple([secs for _, secs in days]), tuple(by_day), scheduled, chosen, work.cut,
            work.job_key if work.plan.lines_by_job else None, _frozen(covered) if covered else (),
            _frozen(held) if held else (), work.shift_key)


def price_crew(
    work: Work, index: int, shift: Shift, team: Crew, night: bool,
    days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], scheduled: int, chosen: str | None,
    covered: dict[str, list[int]], held: dict[str, list[bool]],
) -> None:
    """Every position of shift `index`: the vehicles given out (`vehicle_groups`) and each group priced.

    What a shift's positions come to depends on its shape, not its dates, and a column of quotes repeats a few
    shapes: the plan remembers a shape the second time it meets one (`Plan.crews`), so that a repeated shape costs
    one look-up and a batch of shapes met once costs no more than pricing them.
    """
    plan = work.plan
    shape = shape_of(work, days, by_day, scheduled, chosen, covered, held)
    key = (shape, index, shift.vehicles, team.positions, night, work.job_key)
    crews = plan.crews
    done = crews.get(key)
    if done is None:  # not met before: noted as met once (False), while the memo has room
        if len(crews) < MEMO_SIZE:
            crews[key] = False
        for role, count, vehicle in vehicle_groups(work, index, shift, team, night):
            price_positions(work, index, shape, role, count, vehicle, days, by_day, scheduled, chosen, covered, held)
        return
    if done is False:  # met once before: priced apart and remembered
        alone = Work(work.agency, plan, work.job, work.cut)
        alone.job_context, alone.job_key = work.job_context, work.job_key
        alone.shift_context, alone.shift_key = work.shift_context, work.shift_key
        for role, count, vehicle in vehicle_groups(alone, index, shift, team, night):
            price_positions(alone, index, shape, role, count, vehicle, days, by_day, scheduled, chosen, covered, held)
        done = crews[key] = Crewed(tuple(alone.lines), tuple(alone.position_charges), plan.one(frozenset(alone.topics)),
                                   tuple(alone.warnings.values()), alone.complete)
    work.lines += done.lines
    work.position_charges += done.charges
    work.topics |= done.topics
    for warning in done.warnings:
        work.warnings.setdefault(warning.message, warning)
    if not done.complete:
        work.complete = False


class Priced(NamedTuple):
    """What positions of one role on one shift come to, worked out for one of them (`position_lines`).

    Its lines are Lines of shift 0 and one position; the warnings are raised in this order, and then `missing`, a tier
    with no published rate for the role, leaves the positions unpriced (no lines, no charges).
    """

    lines: tuple[Line, ...]
    each: Decimal  # one position's labour and premiums
    car: Decimal  # one vehicle's charge (zero without one)
    topics: frozenset[str]
    warnings: tuple[tuple[str, str], ...]
    missing: str | None


def price_positions(
    work: Work, index: int, shape: tuple, role: str, count: int, vehicle: bool,
    days: list[tuple[dt.date, int]], by_day: list[frozenset[str]], scheduled: int, chosen: str | None,
    covered: dict[str, list[int]], held: dict[str, list[bool]],
) -> None:
    """The lines of `count` positions of `role` on shift `index`, each piece at its winning tier (RULES 7-9, 20).

    One position's lines depend only on the pieces' lengths and tiers, not on their dates or the count, and recur
    down a column of quotes: the plan remembers them (`Plan.groups`, by the shift's `shape_of`) and they are
    multiplied here.
    """
    plan = work.plan
    key = (shape, role, vehicle)
    priced = plan.groups.get(key)
    if priced is None:
        priced = plan.remember(plan.groups, key, position_lines(work, role, vehicle, days, by_day, scheduled, chosen,
                                                                covered, held))
    for code, message in priced.warnings:
        work.warn(code, message)
    if priced.missing is not None:
        unpublished(work, role, priced.missing, count)
        return
    work.topics.update(priced.topics)
    append = work.lines.append
    for line in priced.lines:
        append(Line(index, line.role, line.label, line.tier, line.tier_label, count, line.seconds, line.rate,
                    line.amount * count, line.overtime, line.premium))
    work.position_charges.append((count, priced.each, priced.car))


def _frozen(pieces: dict[str, list]) -> tuple:
    """A premium's figures for each piece, as a memo's key."""
    return tuple([(key, tuple(values)) for key, values in pieces.items()]) if pieces else ()


class _Group:
    """What `position_lines` gathers for one position: its lines, the topics they touch, the warnings they raise."""

    __slots__ = ("lines", "topics", "warnings")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.topics: set[str] = set()
        self.warnings: list[tuple[str, str]] = []


def position_lines(
    work: Work, role: str, vehicle: bool, days: list[tuple[dt.date, int]], by_day: list[frozenset[str]],
    scheduled: int, chosen: str | None, covered: dict[str, list[int]], held: dict[str, list[bool]],
) -> Priced:
    """One position of `role` on a shift: its lines, each piece at its winning tier (RULES 7-9, 20), its charges.

    Reads of `work` only the agency, plan, job type, job and cut.
    """
    agency, plan, job = work.agency, work.plan, work.job
    out = _Group()
    flat = agency.job(job).flat_price
    if flat is not None:  # the same price per position whatever the hours: no tier, minimum, overtime or premium
        out.lines.append(Line(0, role, agency.role_label(role), FLAT, "Flat price", 1, scheduled, flat, flat))
        car = vehicle_line(work, out, agency.spec.vehicles.charged_seconds(scheduled, scheduled), flat) if vehicle \
            else money.ZERO
        return Priced(tuple(out.lines), flat, car, plan.one(frozenset(out.topics)), (), None)
    # The winning tier of each piece's hours, merged while the tier holds: [tier, row, seconds]; each piece's rate.
    run: list[list] = []
    rates: list[Decimal] = []
    ranks: list[tuple[Decimal, int]] = []  # each piece's (rate, tier order), 0 rate for a piece with no time
    for (_, secs), applicable in zip(days, by_day):
        tier, row = plan.winning_tier(role, job, applicable)
        if row is None:
            return Priced((), money.ZERO, money.ZERO, plan.one(frozenset()), tuple(out.warnings), tier)
        rates.append(row.rate)
        ranks.append((row.rate, plan.tier_order[tier]) if secs else (Decimal(-1), -1))
        if run and run[-1][0] == tier:
            run[-1][2] += secs
        else:
            run.append([tier, row, secs])
        if chosen and tier != chosen:
            out.warnings.append((
                "priority_below_required",
                f"{agency.tier_label(chosen)} was chosen, but {agency.tier_label(tier)} is required for some hours; "
                f"the higher required rate applies to them.",
            ))
    # Handling time and hours up to the minimum, at the shift's highest rate (RULES 8); with a cut, only the hours
    # worked, each at its own rate, then up to its floor: for a shift shortened before it started, at theirs (RULES 18).
    whole, handling = run, plan.handling_seconds if vehicle else 0
    priced = sum(secs for _, secs in days)  # as scheduled, and any hours run on past the end (hours_added)
    if priced > scheduled:
        out.topics.add("minimum")
    if work.cut is None:
        billed = agency.billed_seconds(priced + handling, job, work.job_context, work.shift_context)
    else:
        run, priced = first_seconds(run, work.cut.seconds), min(priced, work.cut.seconds)
        billed = max(priced, work.cut.floor)
    if billed > priced:
        basis = run if work.cut is not None and work.cut.alone and run else whole
        top = basis[0] if len(basis) == 1 else max(basis, key=lambda r: (r[1].rate, plan.tier_order[r[0]]))
        run.append([top[0], top[1], billed - priced])
        if billed > priced + handling:
            out.topics.add("minimum")
    labour = _labour_lines(work, out, role, run)
    top_piece = ranks.index(max(ranks))  # where the hours added are billed (RULES 8)
    each = labour
    for key, seconds in covered.items():
        at = rates
        if key in held and billed > priced and held[key][top_piece]:  # a premium that covers the hours added
            seconds, at = [*seconds, agency.spec.premiums[key].added_seconds(priced, billed)], [*rates, rates[top_piece]]
        each += premium_line(work, out, role, key, seconds, at)
    car = vehicle_line(work, out, agency.spec.vehicles.charged_seconds(scheduled, billed), labour) if vehicle \
        else money.ZERO
    return Priced(tuple(out.lines), each, car, plan.one(frozenset(out.topics)), tuple(out.warnings), None)


def _labour_lines(work: Work, out: _Group, role: str, run: list[list]) -> Decimal:
    """Overtime past the threshold, per position per shift (RULES 9); one line per rate, rounded once (RULES 20).

    Returns the labour of one position.
    """
    agency, after = work.agency, work.plan.overtime_seconds
    if after is not None and not agency.spec.overtime.holds(work.job_context, work.shift_context):  # no overtime for this job
        after = None
    buckets: dict[tuple[Decimal, bool], list] = {}  # (rate, overtime) → [tiers in the order worked, seconds]
    elapsed = 0
    for tier, row, secs in run:
        regular = secs if after is None else split(secs, elapsed, after)
        if regular:
            fill(buckets, (row.rate, False), tier, regular)
        if secs > regular:
            fill(buckets, (agency.overtime_rate(row), True), tier, secs - regular)
        elapsed += secs
    label = agency.role_label(role)
    labour = money.ZERO
    for (rate, is_ot), (tiers, secs) in buckets.items():
        if is_ot:
            out.topics.add("overtime")
        each = money.amount(secs, rate)
        labour += each
        names = agency.tier_label(tiers[0]) if len(tiers) == 1 else ", ".join(map(agency.tier_label, tiers))
        out.lines.append(Line(0, role, label, tiers[0], names, 1, secs, rate, each, is_ot))
    return labour


def fill(buckets: dict[tuple[Decimal, bool], list], key: tuple[Decimal, bool], tier: str, seconds: int) -> None:
    """Add `seconds` of `tier` to the line of its rate: [the tiers in the order worked, seconds]."""
    bucket = buckets.get(key)
    if bucket is None:
        buckets[key] = [[tier], seconds]
        return
    if tier not in bucket[0]:
        bucket[0].append(tier)
    bucket[1] += seconds


def first_seconds(run: list[list], seconds: int) -> list[list]:
    """The first `seconds` of a run of [tier, row, seconds] pieces, in the order worked."""
    out, left = [], seconds
    for tier, row, secs in run:
        if left <= 0:
            break
        out.append([tier, row, min(secs, left)])
        left -= secs
    return out


def vehicle_line(work: Work, out: _Group, billed: int, labour: Decimal) -> Decimal:
    """The charge for one vehicle on one shift, with a position billed `billed` seconds for `labour`."""
    rule = work.agency.spec.vehicles
    charge = rule.charge
    priced = charge.price(rule, billed, labour) if rule.charged_for(work.job_context, work.shift_context) else None
    if priced is None:
        return money.ZERO  # the vehicle costs only the handling time already billed to its officer
    rate, each = priced
    out.lines.append(Line(0, VEHICLE, charge.label, "", "", 1, billed, rate, each))
    return each


def premium_line(work: Work, out: _Group, role: str, key: str, covered: list[int], rates: list[Decimal]) -> Decimal:
    """The premium `key` on one position of `role`, for the seconds it covers in each piece at that piece's rate."""
    p = work.agency.spec.premiums[key]
    seconds = sum(covered)
    if not seconds or not p.for_role(role):
        return money.ZERO
    priced = p.amount.price(p, covered, rates)
    if priced is None:
        return money.ZERO
    each, rate = priced
    out.topics.add("rates")
    out.lines.append(Line(0, role, work.agency.role_label(role), key, p.label, 1, seconds, rate, each, False, True))
    return each


def add_fees(work: Work, customer: str | None) -> None:
    """The fees added on top of the quote's lines."""
    charges = sum([line.amount for line in work.lines], money.ZERO)
    vehicles = sum([line.amount for line in work.lines if line.role == VEHICLE], money.ZERO)
    position_seconds = sum(line.positions * line.seconds for line in work.lines if line.role != VEHICLE and not line.premium)
    officers = max((sum(n for _, n in s.positions) for s in work.shifts), default=0)
    base = work.fee_base = FeeBase(charges, vehicles, position_seconds, officers, work.job_context,
                                   frozenset(work.fees_due), positions=tuple(work.position_charges))
    # A column of quotes repeats its charges, and the fees on them: the plan remembers them by what they are taken of
    # (the customer class is the job's).
    key = (charges, vehicles, position_seconds, officers, work.job_key, base.due, base.positions)
    plan = work.plan
    lines = plan.fees.get(key)
    if lines is None:
        lines = plan.remember(plan.fees, key, tuple(fee_lines(work.agency, customer, base)))
    work.lines += lines
    work.topics.add("admin_fee")


def fee_lines(agency: Agency, customer: str | None, base: FeeBase, kept: Mapping[str, Line] | None = None) -> list[Line]:
    """The fees added on top, in the file's order (rules.fees): `customer`, a class key, takes its own figures.

    A fee with a condition that held on no shift of the job is not owed, and has no line. `kept`: fee lines (by key)
    that are owed whatever `base` gives, as a cancellation that keeps the quote's fees owes them: the larger line of
    each fee is charged, and the fees after it are taken of that one.
    """
    who = agency.spec.customer_classes[customer].label if customer else ""
    out, before = [], money.ZERO
    for key, fee in agency.spec.fees.items():
        if fee.when is not None and key not in base.due:
            continue
        seconds, rate, amount, label = fee.kind.price(fee, fee.figure(customer), base._replace(fees=before) if before else base)
        count = base.officers if fee.per_officer is not None else 1  # a fee per officer shows them as its positions
        line = Line(0, FEE, label, key, who if customer in fee.classes else "", count, seconds, rate, amount)
        if kept and key in kept and kept[key].amount > amount:
            line = kept[key]
        before += line.amount
        out.append(line)
    return out


def unpublished(work: Work, role: str, tier: str, count: int) -> None:
    agency = work.agency
    work.complete = False
    work.warn(
        "unpublished_rate",
        f"No {agency.tier_label(tier).lower()} rate is published for {agency.role_label(role)} on "
        f"{agency.job(work.job).label.lower()} jobs: {'that position is' if count == 1 else 'those positions are'} not priced.",
    )
