"""Quotes as plain data (for JSON) and as a readable table (for the terminal)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from collections.abc import Collection
from typing import Any

from .agency import Agency
from .cancellation import Charge
from .engine import Quote
from .payment import PaymentTerms
from .money import hours_text, money_text


def quote_data(q: Quote) -> dict[str, Any]:
    """The quote as JSON-ready data: every number a decimal string."""
    return {
        "agency": q.agency,
        "agency_name": q.agency_name,
        "job_type": q.job_type,
        "total": f"{q.total:.2f}",
        "complete": q.complete,
        "shifts": [
            {
                "start": s.start.isoformat(timespec="minutes"),
                "end": s.end.isoformat(timespec="minutes"),
                "hours": hours_text(s.hours),
                "positions": {role: n for role, n in s.positions},
            }
            for s in q.shifts
        ],
        "lines": [
            {
                "shift": line.shift,
                "role": line.role,
                "tier": line.tier,
                "overtime": line.overtime,
                "positions": line.positions,
                "hours": hours_text(line.hours),
                "rate": f"{line.rate:.2f}",
                "amount": f"{line.amount:.2f}",
            }
            for line in q.lines
        ],
        "warnings": [{"code": w.code, "message": w.message} for w in q.warnings],
        "notes": list(q.notes),
    }


LINE_HEADER = ("Role", "Rate tier", "Positions", "Hours each", "Rate", "Amount")


def line_rows(q: Quote) -> list[tuple[int, str, str, int, Decimal, Decimal, Decimal]]:
    """The quote's lines as (shift, role, rate tier, positions, hours each, rate, amount)."""
    return [
        (line.shift, line.label, line.tier_label + (" overtime" if line.overtime else ""),
         line.positions, line.hours, line.rate, line.amount)
        for line in q.lines
    ]


# The topics of the notes every quote of an agency carries, whatever the job: how its page is read in general.
GENERAL_TOPICS = frozenset({"general", "rates"})


def general_notes(agency: Agency) -> frozenset[str]:
    """The texts of the notes on GENERAL_TOPICS in any of the agency's schedules."""
    return frozenset(text for s in agency.schedules for text in s.note_texts(GENERAL_TOPICS))


def quote_text(q: Quote, general: Collection[str] = (), all_notes: bool = False) -> str:
    """The quote as a table a person reads in a terminal.

    The notes on this job come first and in full; the `general` ones, which every quote of the agency
    carries, are counted in one line unless `all_notes`.
    """
    out = [q.agency_name, ""]
    several = len(q.shifts) > 1
    for i, s in enumerate(q.shifts, 1):
        crew = ", ".join(f"{n} {role}{'s' if n != 1 else ''}" for role, n in s.positions)
        out.append(f"{'Shift %d: ' % i if several else ''}{_when(s.start)} to {_when(s.end)} ({hours_text(s.hours)} h; {crew})")
    out.append("")
    rows = [("Shift", *LINE_HEADER)]
    for shift, label, tier, positions, hours, rate, amount in line_rows(q):
        rows.append((
            str(shift) if several and shift else "", label, tier, str(positions),
            hours_text(hours) if hours else "", money_text(rate), money_text(amount),
        ))
    if not several:
        rows = [r[1:] for r in rows]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    numeric = {len(widths) - k for k in (1, 2, 3, 4)}
    for r, row in enumerate(rows):
        cells = [cell.rjust(w) if c in numeric else cell.ljust(w) for c, (cell, w) in enumerate(zip(row, widths))]
        out.append("  ".join(cells).rstrip())
        if r == 0:
            out.append("  ".join("-" * w for w in widths))
    total = money_text(q.total)
    out.append(f"{'Total' + ('' if q.complete else ' (incomplete)'):<{sum(widths) + 2 * len(widths) - 2 - len(total)}}{total}")
    return "\n".join(out + _tail([w.message for w in q.warnings], [n for n in q.notes if n not in general])
                     + _general([n for n in q.notes if n in general], all_notes))


def _general(notes: list[str], shown: bool) -> list[str]:
    """The general notes in full, or one line that counts them."""
    if not notes:
        return []
    if shown:
        return ["", "General notes:", *(f"  - {n}" for n in notes)]
    count = f"{len(notes)} general note{'s' if len(notes) != 1 else ''}"
    return ["", f"{count} on how the agency's page is read: --all-notes shows {'them' if len(notes) != 1 else 'it'}."]


def _tail(warnings, notes) -> list[str]:
    """The warnings and notes that close every report."""
    out = ["", "Warnings:", *(f"  ! {w}" for w in warnings)] if warnings else []
    return out + (["", "Notes:", *(f"  - {n}" for n in notes)] if notes else [])


def _when(value: dt.datetime) -> str:
    return value.strftime("%a %d %b %Y %H:%M")


def charge_data(c: Charge) -> dict[str, Any]:
    """A cancellation charge as JSON-ready data: every figure a decimal string."""
    return {
        "agency": c.agency,
        "charge": f"{c.charge:.2f}",
        "low": f"{c.low:.2f}",
        "high": f"{c.high:.2f}",
        "complete": c.complete,
        "rule": c.rule,
        "lines": [
            {"shift": l.shift, "description": l.description, "positions": l.positions, "hours": hours_text(l.hours),
             "low": f"{l.low:.2f}", "high": f"{l.high:.2f}"}
            for l in c.lines
        ],
        "warnings": list(c.warnings),
        "notes": list(c.notes),
        "quote_total": f"{c.quote.total:.2f}",
    }


def charge_text(c: Charge) -> str:
    def figure(low, high):
        return money_text(high) if low == high else f"{money_text(high)} (range {money_text(low)} to {money_text(high)})"

    out = [c.quote.agency_name, "", c.rule, ""]
    for l in c.lines:
        count = f"{l.positions} x {hours_text(l.hours)} h = " if l.seconds else ""  # a fee or limit: an amount alone
        out.append(f"  {l.description}: {count}{figure(l.low, l.high)}")
    out.append(f"Charge{'' if c.complete else ' (incomplete)'}: {figure(c.low, c.high)}   (the job was quoted at {money_text(c.quote.total)})")
    return "\n".join(out + _tail(c.warnings, c.notes))


def payment_data(p: PaymentTerms) -> dict[str, Any]:
    def text(value):
        return None if value is None else f"{value:.2f}"

    return {
        "agency": p.agency,
        "agency_name": p.agency_name,
        "amount": text(p.amount),
        "method": p.method,
        "due_date": p.due_date.isoformat() if p.due_date else None,
        "surcharge": text(p.surcharge),
        "days_outstanding": p.days_outstanding,
        "months_late": p.months_late,
        "late_interest": text(p.late_interest),
        "late_fee": text(p.late_fee),
        "returned_check_fee": text(p.returned_check_fee),
        "suspension_eligible": p.suspension_eligible,
        "notes": list(p.notes),
    }


def payment_text(p: PaymentTerms) -> str:
    def show(value):
        return "not published" if value is None else money_text(value)

    rows = [
        ("Invoice", money_text(p.amount)),
        ("Due date", p.due_date.isoformat() if p.due_date else "not published"),
        (f"Fee for paying by {p.method}", show(p.surcharge)),
        ("Days outstanding", str(p.days_outstanding)),
        (f"Late interest ({p.months_late} month{'s' if p.months_late != 1 else ''})", show(p.late_interest)),
        ("Late fee", show(p.late_fee)),
        ("Returned-check fee", show(p.returned_check_fee)),
        ("Past the suspension point", "not published" if p.suspension_eligible is None else ("yes" if p.suspension_eligible else "no")),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join([p.agency_name, ""] + [f"{k:<{width}}  {v}" for k, v in rows] + _tail((), p.notes))
