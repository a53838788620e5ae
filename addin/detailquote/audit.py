"""An invoice checked against the agency's rules: each billed charge beside what the rules allow, with a verdict.

The invoice's rows are grouped into jobs as agencies bill them (`invoice.by_job`),
each job is priced by the engine from what the invoice says was worked (its
shifts, the positions of each rank, its vehicles and options), and each billed
charge is set beside the engine's: an officer's hours and rate, a shift's
vehicles, a job's fees. Nothing here prices: the engine does; this module
matches and explains.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from . import money
from .agency import Agency
from .engine import FEE, VEHICLE, Line, Quote, Request, Shift, ShiftSummary, quote, schedule_for
from .errors import DetailQuoteError, InputError, message
from .invoice import JOB_OPTIONS, InvoiceRow, by_job
from .job_rows import request as job_request

# Each verdict and its words, in the order they are reported.
VERDICTS = {
    "matches": "matches",
    "arithmetic": "arithmetic error",
    "minimum": "minimum misapplied",
    "hours": "overbilled hours",
    "underbilled": "hours underbilled",
    "rate": "wrong tier or rate",
    "amount": "amount differs",
    "vehicle": "vehicle charge differs",
    "position": "position not due",
    "fee_missing": "fee missing",
    "fee_not_due": "fee not due",
    "fee": "fee amount differs",
    "unpriceable": "not priceable",
}
VEHICLE_WORDS = ("vehicle", "car", "cruiser", "patrol car", "marked car", "vehicle charge", "vehicle fee", "car charge")
FEE_WORDS = ("fee", "tax", "surcharge", "hst", "gst", "admin", "administrative")
ZERO = money.ZERO


class Finding(NamedTuple):
    """One billed charge (or one the rules allow and the invoice leaves out) beside what the rules allow."""

    rows: tuple[int, ...]  # the invoice rows it audits; none for a charge the invoice leaves out
    job: str  # the job's id, or its shift's day and times
    what: str  # "Officer (Smith)", "Vehicle", "Administrative fee"
    billed_hours: Decimal | None  # each position's hours, as billed
    billed_rate: Decimal | None
    billed: Decimal
    hours: Decimal | None  # each position's hours the rules allow
    rate: str  # the rules' rates for it, in words
    allowed: Decimal | None  # None: not priceable
    verdict: str  # a key of VERDICTS
    reason: str  # the rule behind the allowed figure, what differs, and anything assumed

    @property
    def difference(self) -> Decimal | None:
        """Billed less allowed: above zero where the invoice asks for more than the rules allow."""
        return None if self.allowed is None else self.billed - self.allowed

    @property
    def verdict_words(self) -> str:
        return VERDICTS[self.verdict]


class Audit(NamedTuple):
    """An invoice's findings, and what the audit noted about the invoice as a whole."""

    agency: str
    agency_name: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]

    @property
    def billed(self) -> Decimal:
        return sum((f.billed for f in self.findings), ZERO)

    @property
    def allowed(self) -> Decimal:
        """What the rules allow for the charges that could be priced."""
        return sum((f.allowed for f in self.findings if f.allowed is not None), ZERO)

    @property
    def difference(self) -> Decimal:
        """Billed less allowed, over the charges that could be priced."""
        return sum((f.difference for f in self.findings if f.difference is not None), ZERO)

    @property
    def unpriced(self) -> Decimal:
        """What the invoice bills for charges that could not be priced."""
        return sum((f.billed for f in self.findings if f.allowed is None), ZERO)

    def by_verdict(self) -> dict[str, tuple[int, Decimal, Decimal]]:
        """For each verdict found, in VERDICTS order: (charges, billed, difference)."""
        out: dict[str, tuple[int, Decimal, Decimal]] = {}
        for key in VERDICTS:
            found = [f for f in self.findings if f.verdict == key]
            if found:
                out[key] = (len(found), sum((f.billed for f in found), ZERO),
                            sum((f.difference or ZERO for f in found), ZERO))
        return out

    @property
    def differs(self) -> bool:
        """Whether any charge is not as the rules allow, or could not be checked."""
        return any(f.verdict != "matches" for f in self.findings)


def audit(agency: Agency, invoice: Iterable[InvoiceRow], notes: Iterable[str] = ()) -> Audit:
    """Audit the invoice's rows against `agency`'s rules: one finding per billed charge, and per charge left out."""
    findings: list[Finding] = []
    for job_id, rows in by_job(list(invoice)):
        findings += _job(agency, job_id, rows)
    return Audit(agency.key, agency.name, tuple(findings), tuple(notes))


# --- one job --------------------------------------------------------------------------------------

class _Unit(NamedTuple):
    """The rows one charge is billed on: one officer's (or one row's positions') hours of one shift."""

    rows: list[InvoiceRow]
    role: str
    positions: int


def _job(agency: Agency, job_id: str | None, rows: list[InvoiceRow]) -> list[Finding]:
    label = job_id or _shift_words(next((r for r in rows if r.start), None))
    out: list[Finding] = []
    labour: list[tuple[InvoiceRow, str]] = []
    vehicles: list[InvoiceRow] = []
    fees: list[tuple[InvoiceRow, str | None]] = []
    for r in rows:
        try:
            if r.problem:
                raise InputError(r.problem)
            kind, key = _kind(agency, r)
            if kind == "labour" and r.start is None:
                raise InputError("the row gives no start: give a date with start and end (or start and hours)")
        except InputError as exc:
            out.append(_unpriced([r], label, r.role or "", str(exc)))
            continue
        if kind == "labour":
            labour.append((r, key))
        elif kind == "vehicle":
            vehicles.append(r)
        else:
            fees.append((r, key))
        if kind != "vehicle" and r.vehicle_amount is not None:
            vehicles.append(r)
        if kind != "fee" and r.fees is not None:
            fees.append((r, None))
    if not labour:
        return out + [_unpriced([r], label, r.role or "", "no officer hours are billed for this job, so this charge "
                                "cannot be checked against them") for r in _charges(vehicles, fees)]
    spans = sorted({(r.start, r.end) for r, _ in labour})
    units = _units(agency, labour, spans)
    try:
        q, asked = _priced(agency, rows, labour, vehicles, spans, units)
    except DetailQuoteError as exc:
        why = message(exc)
        return out + [_unpriced(u.rows, label, _what(agency, u), why) for u in units] + \
            [_unpriced([r], label, r.role or "", why) for r in _charges(vehicles, fees)]
    schedule = schedule_for(agency, _bare(spans))[0]
    slots = _slots(q)
    for i in range(len(spans)):
        found = _labour(schedule, q, label, i, [u for u in units if _shift_of(u.rows[0], spans) == i], slots)
        supervisor = q_set_role(agency)
        out += [f._replace(reason=f"{f.reason} ({asked})") if asked and supervisor and
                f.what.startswith(agency.role_label(supervisor)) else f for f in found]
        out += _vehicles(q, label, i, [r for r in vehicles if _shift_of(r, spans) == i])
    out += _fees(agency, q, label, fees)
    return sorted(out, key=_order)


def _order(f: Finding) -> float:
    """A job's findings in the order of their first rows; charges not billed last."""
    return min(f.rows) if f.rows else float("inf")


def _kind(agency: Agency, r: InvoiceRow) -> tuple[str, str | None]:
    """What a row charges for: ("labour", role key), ("vehicle", None) or ("fee", fee key or None)."""
    if r.role is None:
        return "labour", agency.base_role
    try:
        return "labour", agency.role(r.role)
    except InputError as exc:
        unknown = exc
    text = r.role.strip().lower()
    if text in VEHICLE_WORDS or text.replace("_", " ") in VEHICLE_WORDS:
        return "vehicle", None
    key = _fee_named(agency, text)
    if key is not None:
        return "fee", key
    if any(word in text.replace("_", " ").split() or text.startswith(word) for word in FEE_WORDS):
        return "fee", None
    raise InputError(f"{unknown} (or vehicle, or a fee)")


_FILLER = {"fee", "fees", "charge", "charges", "the", "of", "a", "and"}


def _words(text: str) -> set[str]:
    """The words that name a fee: 'Insurance Fee' and "Insurance (workers' compensation) fee" share 'insurance'."""
    plain = "".join(c if c.isalnum() else " " for c in text.lower())
    return set(plain.split()) - _FILLER


def _fee_named(agency: Agency, text: str) -> str | None:
    """The agency's fee a row names: by its key or label, or by words all found in one fee's key and label."""
    for key, fee in agency.spec.fees.items():
        if text in (key, key.replace("_", " "), fee.label.lower()):
            return key
    said = _words(text)
    found = [key for key, fee in agency.spec.fees.items() if said and said <= _words(f"{key.replace('_', ' ')} {fee.label}")]
    return found[0] if len(found) == 1 else None


def _charges(vehicles: list[InvoiceRow], fees: list[tuple[InvoiceRow, str | None]]) -> list[InvoiceRow]:
    """The rows of vehicle and fee charges, each once."""
    return list({r.row: r for r in [*vehicles, *(r for r, _ in fees)]}.values())


def _units(agency: Agency, labour: list[tuple[InvoiceRow, str]], spans: list[tuple]) -> list[_Unit]:
    """The charges billed: a named officer's rows on one shift are one charge (regular and overtime hours, a
    premium, on rows of their own); so are unnamed rows of the same shift, rank and positions that bill the same
    hours at other rates (`_joins`). Any other row is a charge of its own, for its positions."""
    units: dict[object, _Unit] = {}
    open_rows: dict[tuple, list[_Unit]] = {}  # unnamed charges by (shift, role, positions), for their extra rows
    for r, role in labour:
        at = _shift_of(r, spans)
        if r.officer:
            key: object = (at, role, r.officer.lower())
        else:
            key = ("row", r.row)
            base = (at, role, r.positions)
            taker = next((u for u in open_rows.get(base, []) if _joins(agency, u, r)), None)
            if taker is not None:
                taker.rows.append(r)
                continue
        if key in units:
            units[key].rows.append(r)
            continue
        units[key] = _Unit([r], role, 1 if r.officer else r.positions)
        if not r.officer:
            open_rows.setdefault((at, role, r.positions), []).append(units[key])
    return list(units.values())


def _joins(agency: Agency, u: _Unit, r: InvoiceRow) -> bool:
    """Whether unnamed row `r` bills more hours of unit `u`'s positions rather than positions of its own: an overtime
    or premium row that `u` has none of yet, or hours at another rate that, with `u`'s, are no more than the shift bills
    (a shift across a night band, billed a row a rate)."""
    kind = _extra(agency, r)
    if kind:
        return not any(_extra(agency, x) == kind for x in u.rows)
    hours = [x.hours for x in u.rows if not _extra(agency, x)]
    if r.hours is None or None in hours or r.rate is None or r.rate in {x.rate for x in u.rows}:
        return False
    worked = int((r.end - r.start).total_seconds())
    billed = max(worked, agency.billed_seconds(worked, agency.spec.default_job_type))  # a minimum or block added
    return sum(hours, r.hours) <= money.hours(billed)


def _extra(agency: Agency, r: InvoiceRow) -> str | None:
    """'premium' for a row whose tier names one of the agency's premiums, 'overtime' for one whose tier says
    overtime: hours billed on top of, or beside, an officer's rows at the hour's own rate."""
    tier = (r.tier or "").strip().lower()
    if not tier:
        return None
    if any(tier in (key.replace("_", " "), key, p.label.lower()) for key, p in agency.spec.premiums.items()):
        return "premium"
    words = tier.replace("-", " ").split()
    return "overtime" if "overtime" in words or "ot" in words or "over" in words and "time" in words else None


def _shift_of(r: InvoiceRow, spans: list[tuple]) -> int:
    """The index of the row's shift; a vehicle or fee row without times goes with the job's first shift."""
    return spans.index((r.start, r.end)) if (r.start, r.end) in spans else 0


def _bare(spans: list[tuple]) -> Request:
    return Request(tuple(Shift(s, e, 1) for s, e in spans))


def q_set_role(agency: Agency) -> str | None:
    """The role whose count a customer may set (the supervisors), if any."""
    return agency.spec.staffing.set_role if agency.spec.staffing else None


def _priced(agency: Agency, rows: list[InvoiceRow], labour, vehicles: list[InvoiceRow], spans: list[tuple],
            units: list[_Unit]) -> tuple[Quote, str]:
    """The engine's quote of the job the invoice describes: its shifts, the officers whose crew is the one billed,
    the vehicles billed or brought, and the job's options as its rows give them; and, where the supervisors billed
    are not the rules' count, that the customer is taken to have asked for them."""
    options = [next((r.options[i] for r in rows if r.options and r.options[i] is not None), None)
               for i in range(len(JOB_OPTIONS))]
    job_type, requested, priority, customer, facts = options
    first = job_request(agency, spans[0][0], spans[0][1], 1, job_type, requested, None, priority, customer, facts)
    trial = quote(agency, first._replace(shifts=tuple(Shift(s, e, 1) for s, e in spans)))
    billed = [{} for _ in spans]
    for u in units:
        counts = billed[_shift_of(u.rows[0], spans)]
        counts[u.role] = counts.get(u.role, 0) + u.positions
    officers, supervisors = _crews(agency, billed, trial.job)
    cars = [0] * len(spans)
    for r in vehicles:
        if r.role is not None and _kind(agency, r)[0] == "vehicle":
            cars[_shift_of(r, spans)] += r.positions
    for i, (s, e) in enumerate(spans):  # no vehicle rows: the vehicles the officers' rows say they brought
        if not cars[i]:
            cars[i] = sum(r.vehicles or 0 for r, _ in labour if (r.start, r.end) == (s, e))
    shifts = tuple(Shift(s, e, n, min(c, sum(b.values()))) for (s, e), n, c, b in zip(spans, officers, cars, billed))
    asked = ""
    if supervisors is not None:
        role = q_set_role(agency)
        rules = (_crew(agency, officers[0], None, trial.job) or {}).get(role, 0)
        if rules != supervisors:
            asked = (f"taken as the customer's choice of {supervisors} {agency.role_label(role)}"
                     f"{'s' if supervisors != 1 else ''}: the rules give {rules} for {officers[0]} requested")
    return quote(agency, first._replace(shifts=shifts, supervisors=supervisors)), asked


def _crews(agency: Agency, billed: list[dict[str, int]], job) -> tuple[list[int], int | None]:
    """The officers to request on each shift, and the supervisor count to set (None: the rules'), so that the
    agency's staffing gives the positions billed; where none does, the officers of the base rank billed."""
    set_role = q_set_role(agency)
    counts = {b.get(set_role, 0) for b in billed} if set_role else set()
    for override in [None, *([counts.pop()] if len(counts) == 1 else [])]:
        found = []
        for b in billed:
            total = sum(b.values())
            n = next((n for n in range(1, total + 1) if _crew(agency, n, override, job) == b), None)
            if n is None:
                break
            found.append(n)
        else:
            return found, override
    return [b.get(agency.base_role) or sum(b.values()) for b in billed], None


def _crew(agency: Agency, officers: int, override: int | None, job) -> dict[str, int] | None:
    try:
        return {role: n for role, n in agency.crew(officers, override, job).positions if n}
    except InputError:
        return None


# --- what the engine allows each position ---------------------------------------------------------

class _Slot(NamedTuple):
    """One position's share of the engine's lines: its labour lines, its hours and charge, and its vehicle's."""

    lines: tuple[Line, ...]
    seconds: int  # hours billed, premiums aside
    amount: Decimal  # labour and premiums
    vehicle: Decimal


def _slots(q: Quote) -> dict[tuple[int, str], list[_Slot]]:
    """Each shift's positions of each role, from the quote's lines.

    The engine writes a group of positions' lines together (labour, then premiums, then the vehicle of a group
    that brings one), so a group ends where the role, shift or positions change, after a vehicle line, or where a
    rate the group already has comes again.
    """
    groups: list[list] = []  # [shift, role, positions, lines, vehicle line]
    seen: set = set()
    for line in q.lines:
        if line.role == FEE:
            continue
        if line.role == VEHICLE:
            if groups:
                groups[-1][4] = line
            seen = {"closed"}
            continue
        key = (line.rate, line.overtime, line.premium, line.tier if line.premium else "")
        g = groups[-1] if groups else None
        premium_before = g is not None and any(x.premium for x in g[3])
        if g is None or "closed" in seen or (g[0], g[1], g[2]) != (line.shift, line.role, line.positions) \
                or key in seen or (premium_before and not line.premium):
            groups.append([line.shift, line.role, line.positions, [], None])
            seen = set()
        groups[-1][3].append(line)
        seen.add(key)
    out: dict[tuple[int, str], list[_Slot]] = {}
    for shift, role, count, lines, car in groups:
        slot = _Slot(tuple(lines), sum(x.seconds for x in lines if not x.premium),
                     sum((x.amount for x in lines), ZERO) / count,
                     car.amount / car.positions if car is not None else ZERO)
        out.setdefault((shift, role), []).extend([slot] * count)
    return out


# --- each kind of charge beside the rules ---------------------------------------------------------

def _labour(agency: Agency, q: Quote, label: str, i: int, units: list[_Unit],
            slots: dict[tuple[int, str], list[_Slot]]) -> list[Finding]:
    """Each officer's (or row's) hours on shift `i` against the positions the engine priced.

    Within a rank, the longest-billed rows take the positions with the most hours (those that bring a vehicle
    work longer). Rows of a rank the rules have fewer positions of then take the positions left, highest rank
    first: a fifth officer where the rules make the fifth position a sergeant is that sergeant, billed at the
    wrong rate. What is left after that is not due.
    """
    shift = q.shifts[i]
    staffed = dict(q.shifts[i].positions)
    free = {role: sorted(slots.get((i + 1, role), []), key=lambda s: -s.seconds) for role in staffed}
    out: list[Finding] = []
    left: list[_Unit] = []
    for u in sorted(units, key=lambda u: -(_hours(agency, u) or 0)):
        pool = free.get(u.role, [])
        if u.role in staffed and not slots.get((i + 1, u.role)):
            why = next((w.message for w in q.warnings if w.code == "unpublished_rate"), "the rules price no such position")
            out.append(_unpriced(u.rows, label, _what(agency, u), why))
        elif len(pool) >= u.positions:
            free[u.role] = pool[u.positions:]
            out.append(_compare(agency, q, label, u, _what(agency, u), pool[:u.positions], shift))
        else:
            left.append(u)
    for u in left:
        role = next((r for r in staffed if len(free[r]) >= u.positions), None)
        if role is None:
            out.append(_not_due(agency, q, label, u, _what(agency, u), i))
            continue
        mine, free[role] = free[role][:u.positions], free[role][u.positions:]
        f = _compare(agency, q, label, u, _what(agency, u), mine, shift)
        out.append(f._replace(reason=f"the rules staff {'this position' if u.positions == 1 else 'these positions'} "
                                     f"as {agency.role_label(role)}: {f.reason}"))
    return out


def _compare(agency: Agency, q: Quote, label: str, u: _Unit, what: str, mine: list[_Slot], shift: ShiftSummary) -> Finding:
    """One unit's billed hours, rate and amount against its positions' lines: the verdict and its reasons."""
    p = u.positions
    billed_hours, rate = _hours(agency, u), _rate(agency, u)
    amount, assumed = _amount(u)
    allowed = sum((s.amount for s in mine), ZERO)
    seconds = sum(s.seconds for s in mine)
    hours = money.hours(seconds // p) if len({s.seconds for s in mine}) == 1 else money.hours(seconds) / p
    lines = [x for x in mine[0].lines if not x.premium]
    rules = _rule_words(mine[0].lines, p, allowed)
    found: list[tuple[str, str]] = []
    for r in u.rows:
        wrong = _arithmetic(r)
        if wrong:
            found.append(("arithmetic", f"row {r.row}: {wrong}"))
    if billed_hours is not None and billed_hours * p != money.hours(seconds):
        found.append(_hours_finding(agency, billed_hours, hours, shift))
    rates = {x.rate for x in lines}
    hourly = [r for r in u.rows if r.rate is not None and _extra(agency, r) != "premium"]
    off = next((r for r in hourly if r.rate not in rates), None) if amount != allowed else None
    if off is not None:
        found.append(("rate", f"billed at {money.money_text(off.rate)}/h{_named_tier(agency, q, u.role, off.rate, [off])}; "
                              f"the rules give {rules}"))
    elif hourly and amount != allowed and not found:
        found.append(("rate", f"the hours are billed at {' and '.join(money.money_text(r.rate) for r in hourly)}; "
                              f"the rules give {rules}"))
    if amount != allowed and not found:
        found.append(("amount", f"billed {money.money_text(amount)}; the rules give {rules}"))
    verdict = found[0][0] if found else "matches"
    reason = "; ".join(w for _, w in found) if found else f"as the rules give: {rules}"
    extra = [a for a in (*dict.fromkeys(r.assumed for r in u.rows if r.assumed), assumed) if a]
    return Finding(tuple(r.row for r in u.rows), label, what, billed_hours, rate, amount, hours,
                   _rates_words(lines), allowed, verdict, reason + "".join(f" ({a})" for a in extra))


def _hours_finding(agency: Agency, billed: Decimal, allowed: Decimal, shift: ShiftSummary) -> tuple[str, str]:
    """Why billed hours differ: a minimum (or block) applied where the rules do not, or not where they do; or
    more (or fewer) hours than the shift's. The shift's own minimum and billed hours are the engine's."""
    worked, rules_bill = shift.seconds, shift.billed
    said = f"billed {money.hours_text(billed)} h; the rules allow {money.hours_text(allowed)} h"
    if rules_bill > worked:
        floor = f"the {money.hours(shift.minimum).normalize():f}-hour minimum" if shift.minimum >= rules_bill \
            else "the billing blocks"
        return "minimum", f"{said} for {money.hours_text(money.hours(worked))} h worked, by {floor}"
    if billed > allowed and billed in _minimums(agency):
        return "minimum", f"{said}: {money.hours_text(money.hours(worked))} h worked, and no minimum applies to this shift"
    return ("hours" if billed > allowed else "underbilled"), \
        f"{said}: the shift ran {money.hours_text(money.hours(worked))} h"


def _minimums(agency: Agency) -> set[Decimal]:
    """Every minimum the agency's file sets, for any job: an invoice billing one where none applies misapplies it."""
    spec = agency.spec
    found = {spec.minimum_hours.hours} if spec.minimum_hours else set()
    found |= {j.minimum_hours for j in spec.job_types.values() if j.minimum_hours is not None}
    found |= {b.minimum_hours for b in spec.billing_when if b.minimum_hours is not None}
    return found


def _not_due(agency: Agency, q: Quote, label: str, u: _Unit, what: str, i: int) -> Finding:
    """A unit billing positions the rules do not staff the shift with."""
    amount, _ = _amount(u)
    crew = ", ".join(f"{n} {agency.role_label(role)}" for role, n in q.shifts[i].positions)
    these = "this position is" if u.positions == 1 else f"these {u.positions} positions are"
    return Finding(tuple(r.row for r in u.rows), label, what, _hours(agency, u), _rate(agency, u), amount, None, "",
                   ZERO, "position", f"the rules staff this shift with {crew}, all billed on other rows: {these} not due")


def _vehicles(q: Quote, label: str, i: int, rows: list[InvoiceRow]) -> list[Finding]:
    """The vehicles billed on shift `i` against the engine's vehicle lines of that shift."""
    lines = [x for x in q.lines if x.role == VEHICLE and x.shift == i + 1]
    allowed = sum((x.amount for x in lines), ZERO)
    billed = sum(((r.amount or ZERO) if r.vehicle_amount is None or _is_vehicle_row(r) else r.vehicle_amount
                  for r in rows), ZERO)
    if not rows and not allowed:
        return []
    rules = "; ".join(f"{x.positions} × {money.hours_text(x.hours)} h at {money.money_text(x.rate)}" for x in lines) \
        or "no vehicle charge"
    wrong = [f"row {r.row}: {w}" for r in rows if _is_vehicle_row(r) for w in [_arithmetic(r, flat=True)] if w]
    if wrong:
        verdict, reason = "arithmetic", "; ".join(wrong)
    elif billed != allowed:
        verdict, reason = "vehicle", f"billed {money.money_text(billed)}; the rules give {rules}"
    else:
        verdict, reason = "matches", f"as the rules give: {rules}"
    if not rows:
        reason = f"not billed; the rules give {rules}"
    return [Finding(tuple(r.row for r in rows), label, lines[0].label if lines else "Vehicle", None, None, billed,
                    None, "", allowed, verdict, reason)]


def _is_vehicle_row(r: InvoiceRow) -> bool:
    return r.role is not None and r.role.strip().lower().replace("_", " ") in VEHICLE_WORDS


def _fees(agency: Agency, q: Quote, label: str, rows: list[tuple[InvoiceRow, str | None]]) -> list[Finding]:
    """The job's fees billed against the engine's fee lines: each named fee against its own, the rest together."""
    due = {x.tier: x for x in q.lines if x.role == FEE}
    named: dict[str, list[InvoiceRow]] = {}
    loose: list[InvoiceRow] = []
    for r, key in rows:
        if key is not None:
            named.setdefault(key, []).append(r)
        else:
            loose.append(r)
    rest = [k for k in due if k not in named]
    if loose and len(rest) == 1:
        named[rest[0]], loose, rest = loose, [], []
    out = []
    for key in [*named, *(k for k in due if k not in named and not loose)]:
        out.append(_fee(agency, label, named.get(key, []), [due[key]] if key in due else [],
                        due[key].label if key in due else agency.spec.fees[key].label))
    if loose:
        named_row = next((r.role for r in loose if _is_fee_row(agency, r)), None)
        out.append(_fee(agency, label, loose, [due[k] for k in rest], named_row or "Fees"))
    return out


def _fee(agency: Agency, label: str, rows: list[InvoiceRow], lines: list[Line], what: str) -> Finding:
    billed = sum(((r.fees if r.fees is not None and not _is_fee_row(agency, r) else r.amount) or ZERO
                  for r in rows), ZERO)
    allowed = sum((x.amount for x in lines), ZERO)
    rules = "; ".join(f"{x.label} {money.money_text(x.amount)}" for x in lines) or "no such fee on this job"
    if not rows:
        verdict, reason = "fee_missing", f"not billed; the rules give {rules}"
    elif not lines and billed:
        verdict, reason = "fee_not_due", f"billed {money.money_text(billed)}; the rules give {rules}"
    elif billed != allowed:
        verdict, reason = "fee", f"billed {money.money_text(billed)}; the rules give {rules}"
    else:
        verdict, reason = "matches", f"as the rules give: {rules}"
    return Finding(tuple(r.row for r in rows), label, what, None, None, billed, None, "", allowed, verdict, reason)


def _is_fee_row(agency: Agency, r: InvoiceRow) -> bool:
    try:
        return r.role is not None and _kind(agency, r)[0] == "fee"
    except InputError:
        return False


# --- words and figures of a unit ------------------------------------------------------------------

def _unpriced(rows: list[InvoiceRow], label: str, what: str, why: str) -> Finding:
    billed = sum((r.billed for r in rows), ZERO)
    return Finding(tuple(r.row for r in rows), label, what, None, None, billed, None, "", None, "unpriceable", why)


def _what(agency: Agency, u: _Unit) -> str:
    r = u.rows[0]
    name = agency.role_label(u.role)
    return f"{name} ({r.officer})" if r.officer else f"{name} × {u.positions}" if u.positions > 1 else name


def _hours(agency: Agency, u: _Unit) -> Decimal | None:
    """Each position's hours as billed: the sum of its rows', premiums aside (they bill hours already counted)."""
    given = [r.hours for r in u.rows if _extra(agency, r) != "premium"]
    return None if not given or any(h is None for h in given) else sum(given, Decimal(0))


def _rate(agency: Agency, u: _Unit) -> Decimal | None:
    """The hourly rate billed, where the unit's rows (premiums aside) bill one."""
    rates = {r.rate for r in u.rows if _extra(agency, r) != "premium"}
    return rates.pop() if len(rates) == 1 else None


def _amount(u: _Unit) -> tuple[Decimal, str]:
    """What the unit bills: its rows' amounts, or hours × rate where a row gives no amount (and that it did so)."""
    total, assumed = ZERO, ""
    for r in u.rows:
        if r.amount is not None:
            total += r.amount
        elif r.hours is not None and r.rate is not None:
            total += money.cents(r.positions * money.cents(r.hours * r.rate))
            assumed = "no amount given: taken as hours × rate"
    return total, assumed


def _arithmetic(r: InvoiceRow, flat: bool = False) -> str | None:
    """A row whose amount is not its positions × hours × rate, rounded per position or once; with `flat` (a
    vehicle, which may be charged by the shift), positions × rate will do too."""
    if r.hours is None or r.rate is None or r.amount is None:
        return None
    each = money.cents(r.hours * r.rate)
    if r.amount in (money.cents(r.positions * each), money.cents(r.positions * r.hours * r.rate)) or \
            flat and r.amount == money.cents(r.positions * r.rate):
        return None
    times = f"{r.positions} × " if r.positions > 1 else ""
    return (f"{times}{money.hours_text(r.hours)} h × {money.money_text(r.rate)} is "
            f"{money.money_text(money.cents(r.positions * each))}, not {money.money_text(r.amount)}")


def _rule_words(lines: Iterable[Line], positions: int, allowed: Decimal) -> str:
    """A position's lines in words: '8.00 h at $50.00 (Regular) + 2.00 h at $75.00 (Regular overtime) = $550.00',
    and what the positions come to where there are several."""
    parts = []
    for x in lines:
        name = x.tier_label + (" overtime" if x.overtime else "")
        parts.append(f"{money.hours_text(x.hours)} h at {money.money_text(x.rate)}" + (f" ({name})" if name else ""))
    each = " + ".join(parts) or "nothing"
    if positions > 1:
        return f"each of the {positions} positions {each} = {money.money_text(allowed / positions)}, " \
               f"{money.money_text(allowed)} in all"
    return f"{each} = {money.money_text(allowed)}" if len(parts) > 1 else each


def _rates_words(lines: list[Line]) -> str:
    return "; ".join(dict.fromkeys(f"{money.money_text(x.rate)} {x.tier_label}{' overtime' if x.overtime else ''}".strip()
                                   for x in lines))


def _named_tier(agency: Agency, q: Quote, role: str, rate: Decimal, rows: list[InvoiceRow]) -> str:
    """' (the Holiday rate)' where a tier of the agency has the rate billed, or the row names its tier."""
    names = [agency.tier_label(t) for t in agency.spec.tiers for row in [agency.rate(role, q.job_type, t)]
             if row is not None and row.rate == rate]
    names += [f"{agency.tier_label(t)} overtime" for t in agency.spec.tiers for row in [agency.rate(role, q.job_type, t)]
              if row is not None and agency.overtime_rate(row) == rate]
    if names:
        return f" (the {' rate, or the '.join(dict.fromkeys(names))} rate)"
    billed = next((r.tier for r in rows if r.tier), None)
    return f" (as {billed})" if billed else ""


def _shift_words(r: InvoiceRow | None) -> str:
    if r is None or r.start is None:
        return "(no date)"
    end = f"{r.end:%H:%M}" if r.end.date() == r.start.date() else f"{r.end:%a %d %b %H:%M}"
    return f"{r.start:%a %d %b %Y %H:%M}–{end}"


def row_answers(result: Audit, rows: Iterable[int]) -> dict[int, tuple[Decimal | None, Decimal | None, str]]:
    """For each invoice row: (allowed, difference, reason) of the findings it comes first in.

    A charge billed over several rows is answered on its first; a charge the invoice leaves out (a fee not
    billed) on the first row of its job, so that the allowed and difference columns add up to the audit's.
    """
    answers: dict[int, list[Finding]] = {n: [] for n in rows}
    first_of_job: dict[str, int] = {}
    for f in result.findings:
        if f.rows:
            first_of_job.setdefault(f.job, min(f.rows))
    for f in result.findings:
        at = min(f.rows) if f.rows else first_of_job.get(f.job)
        if at in answers:
            answers[at].append(f)
    out = {}
    for n, found in answers.items():
        priced = [f for f in found if f.allowed is not None]
        allowed = sum((f.allowed for f in priced), ZERO) if priced else None
        difference = sum((f.difference for f in priced), ZERO) if priced else None
        words = "; ".join(f"{f.what}: {f.verdict_words}" + ("" if f.verdict == "matches" else f": {f.reason}") for f in found)
        out[n] = (allowed, difference, words)
    return out

