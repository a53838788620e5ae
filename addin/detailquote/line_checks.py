"""Why a filled shift line of a quote workbook cannot be priced: each input checked as the engine checks it.

The engine refuses such a request outright; the workbook says why in the line's Rate tier instead of a number.
"""

from __future__ import annotations

import datetime as dt

from .formulas import serial, text
from .quotes import MAX_OFFICERS
from .rules.base import Sheet
from .rules.vehicles import Vehicles

HOLIDAY_YEARS = range(2025, 2037)  # the years the Holidays sheet lists, and a line's date may fall in


def line_checks(calc: Sheet, columns: dict[str, str], rule: Vehicles | None) -> None:
    """Add the columns {given} and {why}: why a filled line cannot be priced, in the words of the engine's refusal.

    `columns`: the Quote sheet's input columns; `rule`: the agency's vehicles, which may limit the vehicles a line asks.
    A request with less notice than a job type asks for is refused where the agency refuses it ({late} is its flag).
    """
    q = calc.input
    inputs = [q(k) for k in ("date", "start", "end", "officers", "vehicles", "priority") if k in columns]
    calc.add("given", f"=IF(COUNTA({','.join(inputs)})>0,1,0)")
    date, officers, vehicles = q("date"), q("officers"), q("vehicles")
    first, last = serial(dt.date(HOLIDAY_YEARS.start, 1, 1)), serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 30))
    checks = [  # (the input is wrong when, the message), in the order of the row
        (f"NOT(ISNUMBER({date}))", "Date: such as 2026-12-24"),
        (f"OR({date}<{first},{date}>{last})", f"Date: {HOLIDAY_YEARS.start} to {HOLIDAY_YEARS.stop - 1} only"),
        (f"OR(NOT(ISNUMBER({q('start')})),{q('start')}<0,{q('start')}>=1)", "Start: such as 18:00"),
        (f"OR(NOT(ISNUMBER({q('end')})),{q('end')}<0,{q('end')}>=1)", "End: such as 02:00"),
        (f"OR(NOT(ISNUMBER({officers})),{officers}<>INT(N({officers})),N({officers})<1,N({officers})>{MAX_OFFICERS})",
         f"Officers: whole, 1 to {MAX_OFFICERS:,}"),
        (f"AND({vehicles}<>\"\",OR(NOT(ISNUMBER({vehicles})),{vehicles}<>INT(N({vehicles})),N({vehicles})<0,"
         f"N({vehicles})>{MAX_OFFICERS}))", f"Vehicles: whole, 0 to {MAX_OFFICERS:,}"),
    ]
    if calc.spec.hours_added == "run_on":  # the workbook's lines span two dates
        checks.append((f"{{e}}>{date}+2", "End: the hours billed run into a third day"))
    if rule is not None and rule.required != "always":  # where vehicles are required, one per position is priced
        needed = "{night}" if rule.required == "night" else "{vreq}"
        over = f"N({vehicles})>{{positions}}" if rule.required == "never" else f"AND({needed}=0,N({vehicles})>{{positions}})"
        checks.append((over, "Vehicles: ≤ 1 per position"))
    refused = {k: r for k, r in calc.spec.lead_times.items() if r.refused}
    if refused:
        asked = {r.asked for r in refused.values()}
        words = f"Requested too late: {asked.pop()} notice" if len(asked) == 1 else "Requested too late for this job type"
        checks.append((f"AND({{late}}=1,{calc.by_job_type({k: '1' for k in refused}, '0')}=1)", words))
    why = "\"\""
    for wrong, words in reversed(checks):
        why = f"IF({wrong},{text(words)},{why})"
    calc.add("why", f"=IF({{given}}=0,\"\",{why})")
