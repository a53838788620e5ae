"""Quotes as plain data (for JSON) and as a readable table (for the terminal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .engine import Quote
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


def quote_text(q: Quote) -> str:
    """The quote as a table a person reads in a terminal."""
    out = [q.agency_name, ""]
    several = len(q.shifts) > 1
    for i, s in enumerate(q.shifts, 1):
        crew = ", ".join(f"{n} {role}{'s' if n != 1 else ''}" for role, n in s.positions)
        out.append(f"{'Shift %d: ' % i if several else ''}{_when(s.start)} to {_when(s.end)} ({hours_text(s.hours)} h; {crew})")
    out.append("")
    rows = [("", "Role", "Rate tier", "Positions", "Hours each", "Rate", "Amount")]
    for line in q.lines:
        tier = line.tier_label + (" overtime" if line.overtime else "")
        rows.append((
            str(line.shift) if several else "", line.label, tier, str(line.positions),
            hours_text(line.hours), money_text(line.rate), money_text(line.amount),
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
    if q.warnings:
        out += ["", "Warnings:"] + [f"  ! {w.message}" for w in q.warnings]
    if q.notes:
        out += ["", "Notes:"] + [f"  - {n}" for n in q.notes]
    return "\n".join(out)


def _when(value: dt.datetime) -> str:
    return value.strftime("%a %d %b %Y %H:%M")
