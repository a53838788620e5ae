"""An agency's rules in plain words, each with the page line it comes from.

One text serves the quote workbook's Policy sheet and `detailquote explain`,
which prints it so that a reviewer can hold the agency file against its web
page line by line.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .agency import Agency
from .cancellation import _window_words
from .rulebook import (
    BandTrigger,
    CutoffTrigger,
    DatedHoliday,
    EasterHoliday,
    FixedHoliday,
    LastWeekdayHoliday,
    LengthTrigger,
    Lines,
    NoticeTrigger,
    NthWeekdayHoliday,
    Tier,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ORDINALS = ("", "1st", "2nd", "3rd", "4th")


def number(value: Decimal) -> str:
    """4, 4.5, 0.25: hours as a person writes them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def tier_words(tier: Tier, base: bool) -> str:
    """When a rate tier applies."""
    if base:
        return "Every hour no other tier claims."
    if not tier.conditions:
        return "When the customer chooses it." if tier.selectable else "Never by itself."
    words = " and ".join(condition_words(c) for c in tier.conditions)
    chosen = ", or when the customer chooses it" if tier.selectable else ""
    return f"{words[0].upper()}{words[1:]}{chosen}."


def condition_words(when) -> str:
    """One condition of a tier, premium or vehicle rule, in words."""
    if isinstance(when, NoticeTrigger):
        return f"every hour of a shift requested less than {number(when.under_hours)} hours before it starts"
    if isinstance(when, LengthTrigger):
        return f"every hour of a shift longer than {number(when.over_hours)} hours"
    if isinstance(when, CutoffTrigger):
        day = {0: "the day it starts", 1: "the day before"}.get(when.days_before, f"{when.days_before} days before")
        return f"every hour of a shift ordered at or after {when.time:%H:%M} on {day}"
    if isinstance(when, BandTrigger):
        return f"the hours between {when.start:%H:%M} and {when.end:%H:%M}"
    days = ", ".join("holidays" if d == "holiday" else d.capitalize() + "s" for d in when.days)
    scope = {"hour": "the hours on", "shift": "the whole shift when any of it falls on",
             "start": "the whole shift when it starts on",
             "job": "every shift of the job when any part of the job falls on"}[when.scope]
    return f"{scope} {days}"


def holiday_words(rule) -> str:
    """How a holiday's date is found each year."""
    since = f", from {rule.from_:%H:%M}" if rule.from_ else ""
    if isinstance(rule, DatedHoliday):
        return f"{rule.name}: on {', '.join(d.isoformat() for d in rule.dates)}{since}"
    if isinstance(rule, FixedHoliday):
        when = f"{MONTHS[rule.month - 1]} {rule.day}"
    elif isinstance(rule, NthWeekdayHoliday):
        when = f"the {ORDINALS[rule.nth]} {rule.weekday.capitalize()} of {MONTHS[rule.month - 1]}"
    elif isinstance(rule, LastWeekdayHoliday):
        when = f"the last {rule.weekday.capitalize()} of {MONTHS[rule.month - 1]}"
    elif isinstance(rule, EasterHoliday):
        when = "Easter Sunday"
    else:  # pragma: no cover - the rulebook's union is closed
        raise TypeError(rule)
    shift = f", {abs(rule.offset_days)} day{'s' if abs(rule.offset_days) != 1 else ''} {'after' if rule.offset_days > 0 else 'before'}" \
        if rule.offset_days else ""
    kept = {"nearest_weekday": "; on a Saturday also kept the Friday before, on a Sunday the Monday after",
            "following_monday": "; on a weekend also kept the Monday after", None: ""}[rule.observed]
    return f"{rule.name}: {when}{shift}{since}{kept}"


def rules_in_words(a: Agency) -> Iterator[tuple[str, str, Lines | None]]:
    """(topic, the rule in words, its page line) for every rule that is not a rate."""
    spec = a.spec
    if spec.minimum_hours:
        yield "minimum", f"Minimum {number(spec.minimum_hours.hours)} hours per position per shift.", spec.minimum_hours.line
    for key, job in spec.job_types.items():
        if job.minimum_hours is not None:
            yield "minimum", f"{job.label} jobs: minimum {number(job.minimum_hours)} hours per position per shift.", job.line
        if job.permit:
            yield "job types", f"{job.label} jobs: {job.permit}", job.line
        if job.flat_price is not None:
            yield "rates", (f"{job.label} jobs: a flat ${job.flat_price:.2f} per position per shift, whatever its length "
                            f"(no hourly rate, minimum, overtime or premium; vehicles as usual)."), job.line
    for p in spec.premiums.values():
        amount = f"${p.per_hour:.2f} an hour on top" if p.per_hour else \
            f"{number(p.percent)}% of the hour's rate on top" if p.percent else \
            f"${p.rate:.2f} an hour in place of any lower rate" if p.rate else f"{number(p.multiplier - 1)} times the hour's rate on top"
        when = " and ".join(condition_words(c) for c in p.conditions) or "every hour"
        window = f", in the first {number(p.first_hours)} hours of each shift" if p.first_hours else \
            f", past {number(p.after_hours)} hours of each shift" if p.after_hours else ""
        roles = f" ({', '.join(a.role_label(r) for r in p.roles)} only)" if p.roles else ""
        yield "premiums", f"{p.label}: {amount}, for {when}{window}{roles}; premiums stack.", p.line
    if spec.billing:
        b = spec.billing
        blocks = f"in blocks of {', '.join(number(h) for h in b.blocks)} hours" if b.blocks else ""
        steps = f"in steps of {number(b.increment_hours)} hours{' past the last block' if b.blocks else ' past the minimum'}" \
            if b.increment_hours else ""
        yield "minimum", f"Hours are billed {' and then '.join(x for x in (blocks, steps) if x)}, per position per shift.", b.line
    if spec.overtime:
        o = spec.overtime
        how = f"{number(o.multiplier)} times the rate" if o.multiplier else f"${o.rate:.2f}" if o.rate else "the overtime rates"
        cap = f", at most ${o.cap:.2f} an hour" if o.cap else ""
        yield "overtime", f"Hours past {number(o.after_hours)} per position per shift are paid at {how}{cap}.", o.line
    if spec.lead_time:
        yield "notice", f"Requests need {number(spec.lead_time.required_hours)} hours' notice.", spec.lead_time.line
    if spec.staffing:
        for rule in spec.staffing.supervisors:
            basis = a.role_label(rule.of) if rule.of else "officers requested"
            each = f"one per {rule.per} {basis.lower()}" if rule.per else "one"
            yield "staffing", f"{a.role_label(rule.role)}: {each}, from {rule.from_} {basis.lower()} ({spec.staffing.mode}).", rule.line
    if spec.vehicles:
        v = spec.vehicles
        charge = {
            "per_hour": lambda: f"${v.rate:.2f} for each billed hour",
            "per_shift": lambda: f"${v.rate:.2f} a shift",
            "first_hour": lambda: f"${v.rate:.2f} for the first billed hour and ${v.further_rate:.2f} for each hour after",
            "percent_of_labour": lambda: f"{number(v.percent)}% of its officer's hourly charge",
            "officer_time": lambda: "no charge of its own",
        }[v.basis]()
        extra = f", plus {number(v.handling_hours)} hours of the officer's time" if v.handling_hours else ""
        need = {"never": "", "always": "; required on every shift",
                "night": f"; required on a shift with any hour between {v.night.start:%H:%M} and {v.night.end:%H:%M}" if v.night else ""}
        yield "vehicles", f"Vehicle: {charge}{extra}{need[v.required]}.", v.line
    if spec.admin_fee:
        fee = spec.admin_fee
        hourly = fee.hourly
        amount = f"${hourly.low:.2f} to ${hourly.high:.2f}" if hasattr(hourly, "low") else f"${hourly:.2f}" if hourly else None
        held = "each rate less the officer's pay" if fee.from_pay else f"{amount} per position-hour" if amount else "not published"
        yield "admin fee", f"The administrative fee is held in the rates: {held}.", fee.line
    for fee in spec.fees.values():
        yield "fees", f"{fee.label}, added on top: {_fee_words(fee, fee.value)}.", fee.line
        for key, value in fee.classes.items():
            who = spec.customer_classes[key]
            yield "fees", f"{fee.label} for a {who.label.lower()}: {_fee_words(fee, value) if value else 'none'}.", who.line
    if spec.cancellation:
        windows = spec.cancellation.windows
        for w, following in zip(windows, [*windows[1:], None]):  # a window runs until the next one opens
            words = _window_words(a, w, following)
            yield "cancellation", words[:1].upper() + words[1:] + ".", w.line
        for reason in spec.cancellation.reasons.values():
            only = f" ({', '.join(a.job(j).label.lower() for j in reason.job_types)} jobs only)" if reason.job_types else ""
            for w, following in zip(reason.windows, [*reason.windows[1:], None]):
                yield "cancellation", f"{reason.label}{only}: {_window_words(a, w, following)}.", w.line
    if spec.payment:
        p = spec.payment
        if p.due:
            yield "payment", f"Invoices are due in {p.due.days} days.", p.due.line
        if p.late_interest:
            yield "payment", f"Late interest {number(p.late_interest.monthly_percent)}% a month after {p.late_interest.after_days} days.", p.late_interest.line
        if p.suspension:
            yield "payment", f"Service is suspended after {p.suspension.after_days} days unpaid.", p.suspension.line
        if p.card:
            minimum = f", at least ${p.card.minimum:.2f}" if p.card.minimum else ""
            yield "payment", f"Card payments add {number(p.card.percent)}%{minimum}.", p.card.line
        if p.ach:
            yield "payment", f"ACH payments add ${p.ach.fee:.2f}.", p.ach.line
        if p.returned_check:
            yield "payment", f"A returned check costs ${p.returned_check.fee:.2f}.", p.returned_check.line
    for rule in spec.prohibited:
        yield "prohibited", rule.text, rule.line


def _fee_words(fee, value) -> str:
    return {"percent": f"{number(value)}% of the officers' and vehicles' charges",
            "per_hour": f"${value:.2f} for each billed position-hour",
            "per_job": f"${value:.2f} a job"}[fee.basis]


def explain(a: Agency) -> str:
    """The agency's rules as plain text: what a customer pays, when, and why, each with its page line."""
    out: list[str] = []
    for schedule in reversed(a.schedules):
        out += _schedule(schedule, a)
    return "\n".join(out).rstrip() + "\n"


def _schedule(a: Agency, newest: Agency) -> list[str]:
    spec = a.spec
    out = [spec.name]
    since = f"from {spec.effective:%d %B %Y}" if spec.effective else ""
    later = [s.spec.effective for s in newest.schedules if s.spec.effective and spec.effective and s.spec.effective > spec.effective]
    until = f" until {min(later):%d %B %Y}" if later else ""
    broker = f"through {spec.broker}" if spec.broker else ""
    head = ", ".join(x for x in (broker, since + until) if x)
    source = spec.sources[0]
    out += [f"Schedule {head}." if head else "", f"Source: {source.title}{f' ({source.url})' if source.url else ''}"
            f"{f', saved as pages/{source.page}' if source.page else ''}; (line N) is a line of that page.", ""]

    out.append("Hourly rates:")
    for (role, job, tier), row in a.cells.items():
        extra = f", overtime ${a.overtime_rate(row):.2f}" if spec.overtime else ""
        pay = f" (officer's pay ${row.pay:.2f})" if row.pay else ""
        job_words = f" on {spec.job_types[job].label.lower()} jobs" if len(spec.job_types) > 1 else ""
        out.append(f"  {a.role_label(role)}, {a.tier_label(tier).lower()}{job_words}: ${row.rate:.2f}{extra}{pay} {_line(row.line)}")
    out += ["", "When each rate applies (the highest that applies wins):"]
    for key, tier in spec.tiers.items():
        out.append(f"  {tier.label}: {tier_words(tier, key == spec.base_tier)} {_line(tier.line)}")
    if spec.holidays:
        out += ["", f"Holidays{' ' + _line(spec.holidays.line) if spec.holidays.line else ''}:"]
        if spec.holidays.country:
            region = f"{spec.holidays.country}{'-' + spec.holidays.subdivision if spec.holidays.subdivision else ''}"
            kept = ", and on the weekdays they are observed on" if spec.holidays.observed else ", on their own dates"
            out.append(f"  the public holidays of {region}, as the holidays library lists them{kept}")
        out += [f"  {holiday_words(rule)}" for rule in spec.holidays.rules]
    out += ["", "Rules:"]
    out += [f"  {words} {_line(line)}" for _, words, line in rules_in_words(a)]
    if spec.notes:
        out += ["", "How DetailQuote reads the page:"]
        out += [f"  {note.text}" for note in spec.notes]
    return out + ["", ""]


def _line(line: Lines | None) -> str:
    if line is None:
        return ""
    lines = line if isinstance(line, list) else [line]
    return f"(line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"

