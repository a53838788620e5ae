"""An agency's rules in plain words, each with the page line it comes from.

One text serves the quote workbook's Policy sheet and `detailquote explain`,
which prints it so that a reviewer can hold the agency file against its web
page line by line.
"""

from __future__ import annotations

from collections.abc import Iterator

from .agency import Agency
from .rules import cancellation
from .rules.base import Lines
from .rules.billing import RUN_ON


def rules_in_words(a: Agency) -> Iterator[tuple[str, str, Lines | None]]:
    """(topic, the rule in words, its page line) for every rule that is not a rate, in the order a reader meets them.

    Each rule says itself (its `words`): this is only the order of the Policy sheet and of `explain`.
    """
    spec = a.spec
    if spec.minimum_hours:
        yield "minimum", spec.minimum_hours.words(), spec.minimum_hours.line
    for job in spec.job_types.values():
        yield from job.words()
    for name, fact in spec.facts.items():
        yield "job facts", fact.words(name), fact.line
    for p in spec.premiums.values():
        yield "premiums", p.words(a.role_label), p.line
    if spec.billing:
        yield "minimum", spec.billing.words(), spec.billing.line
    for rule in spec.billing_when:
        yield "minimum", rule.words(), rule.line
    if spec.hours_added == "run_on":
        yield "minimum", RUN_ON, spec.minimum_hours.line if spec.minimum_hours else None
    if spec.overtime:
        yield "overtime", spec.overtime.words(), spec.overtime.line
    if spec.lead_time:
        yield "notice", spec.lead_time.words(), spec.lead_time.line
    for rule in spec.staffing.supervisors if spec.staffing else ():
        yield "staffing", rule.words(a.role_label, spec.staffing.mode), rule.line
    for rule in spec.staffing.required if spec.staffing else ():
        yield "staffing", rule.words(), rule.line
    if spec.vehicles:
        yield "vehicles", spec.vehicles.words(), spec.vehicles.line
    if spec.admin_fee:
        yield "admin fee", spec.admin_fee.words(), spec.admin_fee.line
    for fee in spec.fees.values():
        yield "fees", f"{fee.label}, added on top: {fee.words()}.", fee.line
        for key, value in fee.classes.items():
            who = spec.customer_classes[key]
            yield "fees", f"{fee.label} for a {who.label.lower()}: {fee.words(value) if value else 'none'}.", who.line
    if spec.cancellation:
        yield from cancellation.words(spec, lambda j: a.job(j).label)
    if spec.payment:
        yield from spec.payment.words()
    for rule in spec.payment_when:
        yield from rule.words()
    for rule in spec.prohibited:
        yield "prohibited", rule.text, rule.line


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
        out.append(f"  {tier.label}: {tier.words(key == spec.base_tier)} {_line(tier.line)}")
    if spec.holidays:
        out += ["", f"Holidays{' ' + _line(spec.holidays.line) if spec.holidays.line else ''}:"]
        if spec.holidays.country:
            region = f"{spec.holidays.country}{'-' + spec.holidays.subdivision if spec.holidays.subdivision else ''}"
            kept = ", and on the weekdays they are observed on" if spec.holidays.observed else ", on their own dates"
            out.append(f"  the public holidays of {region}, as the holidays library lists them{kept}")
        out += [f"  {rule.words()}" for rule in spec.holidays.rules]
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

