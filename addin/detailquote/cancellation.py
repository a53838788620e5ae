"""What cancelling or shortening a job costs, from the agency's cancellation windows (RULES 13-15).

`cancellation_charge` prices the same request a quote takes. Each shift is
judged by its own start: the latest window that has opened when the
cancellation arrives sets the charge. The administrative fee covers the
scheduled position-hours inside the first hours of the original assignment,
less the hours billed at the total rate (which already hold their fee).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import clock, money
from .agency import Agency
from .engine import FEE, Cut, Line, Quote, Request, ShiftSummary, quote, schedule_for, shift_contexts
from .errors import InputError, shown
from .positions import fee_lines
from .rules.cancellation import CancelWindow
from .rules.conditions import Context
from .rules.payment import terms_for


@dataclass(frozen=True, slots=True)
class ChargeLine:
    shift: int
    description: str
    positions: int
    seconds: int
    low: Decimal
    high: Decimal

    @property
    def hours(self) -> Decimal:
        return money.hours(self.seconds)


@dataclass(frozen=True)
class Charge:
    agency: str
    charge: Decimal  # the headline figure: the high end of a range (RULES 2)
    low: Decimal
    high: Decimal
    complete: bool
    rule: str
    lines: tuple[ChargeLine, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    quote: Quote


def cancellation_charge(
    agency: Agency,
    request: Request,
    cancelled_at: dt.datetime,
    hours_worked: Decimal | None = None,
    reduced_end: dt.datetime | None = None,
    reason: str | None = None,
) -> Charge:
    """What the customer owes when `request` is cancelled at `cancelled_at` (or shortened to `reduced_end`).

    `reason`: why, where the agency gives some reasons windows of their own (weather); None for any other.
    """
    full = quote(agency, request)
    schedules, agency = agency, schedule_for(agency, request)[0]
    policy = agency.spec.cancellation
    cause = agency.cancel_reason(reason)
    if not isinstance(cancelled_at, dt.datetime):
        raise InputError("cancelled must be a date and time")
    when, _ = clock.instant(cancelled_at, agency.zone, later=True)
    if request.requested_at is not None and when < clock.instant(request.requested_at, agency.zone, later=False)[0]:
        raise InputError("cancelled is before requested: a job cannot be cancelled before it was requested")
    worked = _worked_seconds(hours_worked)
    cut = None if reduced_end is None else clock.instant(reduced_end, agency.zone, later=True)[0]

    work = _Charging(agency, full, agency.customer_class(request.customer), lambda c: quote(schedules, request, c), when)
    if policy is None:  # shifts already worked are owed; for the rest no charge can be worked out
        if cut is None:
            _bill_ended(work, full, when)
        work.incomplete(f"{agency.spec.short_name} publishes no cancellation policy: no charge can be worked out.")
        return work.finish("no cancellation policy is published")

    in_progress = [s for s in full.shifts if s.begins < when < s.ends]
    if worked and not in_progress:
        raise InputError("hours worked were given, but no shift was under way when the cancellation arrived")
    if cut is not None:
        reduced = [i for i, s in enumerate(full.shifts) if s.begins < cut < s.ends]
        if not reduced:
            raise InputError("reduced end must fall inside a shift, after its start and before its end")
        targets = reduced
    else:
        targets = [i for i, s in enumerate(full.shifts) if s.ends > when]
        _bill_ended(work, full, when)

    windows, prefix = _windows_for(work, policy, cause)
    if not all(w.on_job for w in windows):  # windows by a condition on the shift: each shift judged as scheduled
        work.contexts = shift_contexts(schedules, request)
    fee_until = full.shifts[0].begins + dt.timedelta(hours=float(policy.admin_fee_hours or 0))
    rules: list[str] = []
    for i in targets:
        shift = full.shifts[i]
        kept = worked if shift in in_progress else 0
        if cut is not None:
            kept = max(kept, int((cut - shift.begins).total_seconds()))
        rules.append(_charge_shift(work, i, windows, when, kept, cut is not None, fee_until, prefix))
    return work.finish("; ".join(dict.fromkeys(rules)) or "no charge")


def _windows_for(work: _Charging, policy, cause: str | None) -> tuple[list[CancelWindow], str]:
    """The windows that apply: the reason's own where it counts for the job's type (with its label), else the usual."""
    agency, job = work.agency, work.full.job_type
    if cause is None:
        return policy.windows, ""
    special = policy.reasons[cause]
    if special.job_types is None or job in special.job_types:
        return special.windows, f"{special.label}: "
    kinds = ", ".join(agency.job(j).label.lower() for j in special.job_types)
    keys = " or ".join(special.job_types)
    work.note(f"The terms for \"{special.label}\" apply to {kinds} jobs only (job type {keys}): this "
              f"{agency.job(job).label.lower()} job's cancellation follows the usual terms.")
    return policy.windows, ""


def _charge_shift(work: _Charging, i: int, windows: list[CancelWindow], when: dt.datetime, kept: int, shortened: bool,
                  fee_until: dt.datetime, prefix: str) -> str:
    """Charge shift `i` by the window open at `when`, with `kept` seconds worked (or kept); the rule it applied, in words."""
    agency, shift = work.agency, work.full.shifts[i]
    context = work.contexts[i] if work.contexts else None
    windows = [w for w in windows if w.applies(shift.start, work.full.job, context)]  # for this shift, of this job
    window = _window(agency, windows, shift, when)
    if shortened and when > shift.begins and agency.spec.cancellation.reduced_after_start == "full":
        work.full_shift(i)
        return "a shift shortened after its start is billed in full as scheduled"
    if when > shift.begins and 2 * kept > shift.seconds and agency.spec.cancellation.full_once_half_worked:
        work.full_shift(i)
        return "more than half of the shift was worked: it is billed in full as scheduled"
    if window is None:  # no charge for what is given up; the hours kept are a job as any other, minimum and all
        if kept:
            work.labour(i, kept, shift.minimum, "hours kept" if shortened else "hours worked")
        return "shortened before any charge applies: the hours kept are billed as a job" if shortened \
            else "cancelled before any charge applies: no charge"
    billed = work.window_charge(i, window, kept)
    if window.flat_fee:  # once for the job, the largest of the windows its shifts fall in
        work.flat_fee = max(work.flat_fee, window.flat_fee)
    work.keeps_deposit |= window.keeps_deposit
    work.keeps_fees |= window.keeps_fees
    if window.fee_per_position:  # for each position of the shift, beside the fee once for the job
        n = sum(count for _, count in shift.positions)
        fee = window.fee_per_position * n
        work.position_fees.append(ChargeLine(0, "Cancellation fee, per position", n, 0, fee, fee))  # after the fees, as the job's
    if window.admin_fee:
        work.admin_fee(i, shift, fee_until, billed)
    return prefix + window.words(agency.spec, _following(agency, windows, shift, window),
                                 after_start=when > shift.begins, shortened=shortened)


def _bill_ended(work: _Charging, full: Quote, when: dt.datetime) -> None:
    for i, s in enumerate(full.shifts):
        if s.ends <= when:
            work.note(f"Shift {i + 1} ended before the cancellation and is billed as quoted.")
            work.full_shift(i)


def _worked_seconds(hours: Decimal | None) -> int:
    if hours is None:
        return 0
    if isinstance(hours, bool) or not isinstance(hours, (int, Decimal)) or not Decimal(hours).is_finite() or hours < 0:
        raise InputError(f"hours worked must be a number of hours from 0, not {shown(hours)}")
    if hours > 168:
        raise InputError("hours worked must be at most 168")
    return int(Decimal(hours) * 3600)


def _window(agency: Agency, windows: list[CancelWindow], shift: ShiftSummary, when: dt.datetime) -> CancelWindow | None:
    """The window whose opening is the latest at or before `when` (after the start, for 'start')."""
    opened = [(at, w) for w in windows if when >= (at := w.opening.price(w, shift.start, shift.begins, agency.zone))]
    return max(opened, key=lambda pair: pair[0])[1] if opened else None


def _following(agency: Agency, windows: list[CancelWindow], shift: ShiftSummary, w: CancelWindow) -> CancelWindow | None:
    """The window that opens next after `w` for `shift`, which closes `w`; None when `w` runs on."""
    at = w.opening.price(w, shift.start, shift.begins, agency.zone)
    later = [(o, other) for other in windows if (o := other.opening.price(other, shift.start, shift.begins, agency.zone)) > at]
    return min(later, key=lambda pair: pair[0])[1] if later else None


class _Charging:
    """The lines of a charge as its shifts are worked through."""

    def __init__(self, agency: Agency, full: Quote, customer: str | None, worked: Callable[[Cut], Quote], when: dt.datetime):
        self.agency, self.full, self.customer, self.worked, self.when = agency, full, customer, worked, when
        self.position_seconds = 0  # officer time charged, for a fee per position-hour
        self.lines: list[ChargeLine] = []
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.complete = True
        self.charged: set[int] = set()  # the shifts any charge was worked out from the positions of
        self.flat_fee = money.ZERO  # a window's cancellation fee, once for the job
        self.keeps_deposit = False  # a window caught a shift that keeps the deposit
        self.keeps_fees = False  # a window caught a shift that keeps the quote's fees on top
        self.position_fees: list[ChargeLine] = []  # a window's fee per position, for each shift it catches
        self.vehicles = money.ZERO  # the vehicles' part of the charge, for a fee that is not of them
        self.contexts: list[Context] | None = None  # each shift as its windows' conditions on the shift judge it

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def incomplete(self, text: str) -> None:
        self.complete = False
        if text not in self.warnings:
            self.warnings.append(text)

    def shift_lines(self, i: int) -> list[Line]:
        return [line for line in self.full.lines if line.shift == i + 1]

    def full_shift(self, i: int) -> None:
        self.charged.add(i)
        for line in self.shift_lines(i):
            if line.role != "vehicle" and not line.premium:
                self.position_seconds += line.positions * line.seconds
            if line.role == "vehicle":  # vehicles are charged only with a shift in full
                self.vehicles += line.amount
            what = f"{line.label}, {line.tier_label.lower()}{' overtime' if line.overtime else ''}".rstrip(", ")
            self.lines.append(ChargeLine(i + 1, f"{what} (as scheduled)", line.positions, line.seconds, line.amount, line.amount))

    def share(self, i: int, percent: Decimal) -> None:
        """`percent` of shift i as quoted, officers and vehicles, rounded once for the shift."""
        self.charged.add(i)
        lines = self.shift_lines(i)
        self.position_seconds += sum(l.positions * l.seconds for l in lines if l.role != "vehicle" and not l.premium)
        self.vehicles += money.percent_of(sum((l.amount for l in lines if l.role == "vehicle"), money.ZERO), percent)
        amount = money.percent_of(sum((l.amount for l in lines), money.ZERO), percent)
        self.lines.append(ChargeLine(i + 1, f"{percent.normalize():f}% of the shift as quoted", 1, 0, amount, amount))

    def _positions(self, i: int) -> list[tuple[str, int, Line]]:
        """(role, positions, the line with the highest regular rate) for each role on shift i."""
        best: dict[str, Line] = {}
        for line in self.shift_lines(i):
            if line.role != "vehicle" and not (line.overtime or line.premium) and (line.role not in best or line.rate > best[line.role].rate):
                best[line.role] = line
        return [(role, n, best[role]) for role, n in self.full.shifts[i].positions if role in best]

    def labour(self, i: int, kept: int, floor: int, why: str) -> int:
        """Bill the `kept` seconds worked of shift i at their own rates, and up to `floor` at its highest (RULES 18).

        Returns the seconds billed per position. A job at a flat price has no hourly rate: any charge for it is
        the flat price, as scheduled.
        """
        if self.agency.job(self.full.job_type).flat_price is not None:
            self.full_shift(i)
            self.note("The job has a flat price: a cancellation that charges any hours charges the flat price.")
            return self.full.shifts[i].seconds
        self.charged.add(i)
        # A shift shortened before it starts leaves a job of its own: what it kept, at its own highest rate.
        priced = self.worked(Cut(i + 1, kept, floor, alone=self.when <= self.full.shifts[i].begins))
        for line in priced.lines:
            if not line.premium:
                self.position_seconds += line.positions * line.seconds
            what = f"{line.label}, {line.tier_label.lower()}{' overtime' if line.overtime else ''}"
            self.lines.append(ChargeLine(i + 1, f"{what}: {why} at {money.money_text(line.rate)}", line.positions,
                                         line.seconds, line.amount, line.amount))
        return max(kept, floor)

    def window_charge(self, i: int, w: CancelWindow, kept: int) -> int:
        """Add the labour the window charges; return the hours billed per position (in seconds)."""
        priced = w.charging.price(w, kept, self.full.shifts[i].minimum)
        if priced is None and w.charge_percent:  # a share of the shift as quoted
            self.share(i, w.charge_percent)
            return self.full.shifts[i].seconds
        if priced is None:  # the full shift
            self.full_shift(i)
            return self.full.shifts[i].seconds
        floor, why = priced
        billed = self.labour(i, kept, floor, why) if max(kept, floor) else 0
        flat = self.agency.job(self.full.job_type).flat_price is not None
        if not flat and any(line.role == "vehicle" for line in self.shift_lines(i)):
            self.note("Vehicles are not charged on a cancellation: the policy charges officer hours and fees.")
        return billed

    def admin_fee(self, i: int, shift: ShiftSummary, until: dt.datetime, billed: int) -> None:
        """The fee on this shift's scheduled position-hours inside the fee hours, less the hours billed."""
        inside = int((min(shift.ends, until) - shift.begins).total_seconds())
        seconds = max(inside - billed, 0)
        if seconds <= 0:
            return
        if self.agency.job(self.full.job_type).flat_price is not None:
            self.note("The job has a flat price, which holds any administrative fee.")
            return
        spec = self.agency.spec.admin_fee
        self.charged.add(i)
        for role, n, line in self._positions(i):
            row = self.agency.rate(role, self.full.job_type, line.tier)
            fee_range = spec.price(row.rate if row else None, row.pay if row else None)
            if fee_range is not None:
                low, high = fee_range
            else:
                self.incomplete(f"{self.agency.spec.short_name} does not publish its administrative fee: "
                                f"the fee on {money.hours_text(money.hours(seconds))} hours per position is not included.")
                return
            fee = money.money_text(low) if low == high else f"{money.money_text(low)}-{money.money_text(high)}"
            self.lines.append(ChargeLine(
                i + 1, f"Administrative fee, {line.label}: {fee} an hour", n, seconds,
                money.amount(seconds, low) * n, money.amount(seconds, high) * n,
            ))

    def finish(self, rule: str) -> Charge:
        low = sum((line.low for line in self.lines), money.ZERO)
        high = sum((line.high for line in self.lines), money.ZERO)
        # The fees on top go on whatever is charged, as on the quote. Where a window keeps the fees ("all fees are
        # non refundable"), each is at least the quote's: all of it on a cancellation that charges nothing else.
        kept = {line.tier: line for line in self.full.lines if line.role == FEE} if self.keeps_fees else None
        if self.agency.spec.fees and (high > 0 or kept and any(line.amount for line in kept.values())):
            base = self.full.fee_base._replace(position_seconds=self.position_seconds, vehicles=self.vehicles,
                                               positions=None)  # a charge has no positions' lines: rounded once
            lows = fee_lines(self.agency, self.customer, base._replace(charges=low), kept)
            for low_fee, fee in zip(lows, fee_lines(self.agency, self.customer, base._replace(charges=high), kept)):
                self.lines.append(ChargeLine(0, fee.label, fee.positions, fee.seconds, low_fee.amount, fee.amount))
            low = sum((line.low for line in self.lines), money.ZERO)
            high = sum((line.high for line in self.lines), money.ZERO)
            if kept:
                self.note("The fees on top are not refunded: each is charged as the full quote charges it, or as it "
                          "comes on what is charged where that is more.")
        if self.flat_fee:  # a fee of its own, after the fees on top, which never take another fee
            self.lines.append(ChargeLine(0, "Cancellation fee", 1, 0, self.flat_fee, self.flat_fee))
            low, high = low + self.flat_fee, high + self.flat_fee
        for line in self.position_fees:  # the same, per position
            self.lines.append(line)
            low, high = low + line.low, high + line.high
        terms = terms_for(self.agency.spec, self.full.job)[0] if self.keeps_deposit else None
        if terms is not None and terms.deposit is not None:  # kept: the charge is at least the deposit on the full quote
            deposit = terms.deposit.price(self.full.total)
            if deposit > low:
                self.lines.append(ChargeLine(0, "Deposit kept: the charge is at least the deposit", 1, 0,
                                             deposit - low, max(deposit - high, money.ZERO)))
                low, high = deposit, max(high, deposit)
        if high > self.full.total and self.full.complete:  # never more than working the job (RULES 18)
            over = high - self.full.total
            self.lines.append(ChargeLine(0, "Limited to the job's full quote", 1, 0, -max(money.ZERO, low - self.full.total), -over))
            self.note("A cancellation never costs more than the full quote of the same job: the charge is limited to it.")
            low, high = min(low, self.full.total), self.full.total
        if not self.full.complete and self.charged:  # the positions whose rate is unpublished are left out
            self.complete = False
            for w in self.full.warnings:
                if w.code == "unpublished_rate" and w.message not in self.warnings:
                    self.warnings.append(w.message)
        topics = {"cancellation", "admin_fee"} if any(l.low != l.high for l in self.lines) else {"cancellation"}
        notes = [n.text for n in self.agency.notes(topics)] + self.notes
        if low != high and not self.agency.notes({"admin_fee"}):
            notes.append("The fee is published as a range: the charge is the high end, the low end is shown beside it.")
        return Charge(self.agency.key, high, low, high, self.complete, rule[:1].upper() + rule[1:] + ".",
                      tuple(self.lines), tuple(notes), tuple(self.warnings), self.full)
