"""A season's budget written out: a workbook with a chart, the job lines as CSV, everything as JSON, or text.

The job lines go through `job_tables`' writers (the ones `batch` writes its
results with); the workbook adds the totals and an openpyxl bar chart of the
months. Every file is written to a temporary name and moved into place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import textwrap
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from .atomic import atomic_file
from .errors import InputError, shown
from .job_tables import append_rows, json_object, json_value, write_csv
from .money import money_text
from .season import LINE_COLUMNS, Budget, Total

OUTPUTS = (".xlsx", ".csv", ".json")
NOT_ASSESSED = "not assessed: no request time given"
NOTE_WIDTH = 140  # characters of a note line on the Summary sheet: about the width of its tables and chart


def check_out(out: Path | None) -> None:
    """Refuse an output the budget cannot be written as, before anything is priced."""
    if out is not None and out.suffix.lower() not in OUTPUTS:
        raise InputError(f"--out {shown(str(out))}: expected a .xlsx, .csv or .json file")


def write(budget: Budget, out: Path | None, stream: TextIO) -> None:
    """The budget to `out` (.xlsx, .csv or .json), or as text on `stream` when `out` is None."""
    check_out(out)
    if out is None:
        stream.write(text(budget))
    elif out.suffix.lower() == ".xlsx":
        from .xlsx import save

        save(workbook(budget), out)
    else:
        with atomic_file(out) as f:
            wrapper = io.TextIOWrapper(f, encoding="utf-8", newline="")
            if out.suffix.lower() == ".csv":
                write_csv(budget.lines, wrapper, LINE_COLUMNS)
            else:
                json.dump(data(budget), wrapper, indent=1, ensure_ascii=False)
                wrapper.write("\n")
            wrapper.flush()
            wrapper.detach()  # the file is atomic_file's to close


def season_words(budget: Budget) -> str:
    """The season as given, or as the job lines span it."""
    low, high = budget.season
    days = [line.date for line in budget.lines]
    low, high = low or min(days, default=None), high or max(days, default=None)
    if low is None:
        return "no dates"
    return f"{low.day} {low:%B %Y} to {high.day} {high:%B %Y}"


def month_label(key: str) -> str:
    """'2027-06' as 'Jun 2027'."""
    return f"{dt.date.fromisoformat(key + '-01'):%b %Y}"


# --- JSON and text ------------------------------------------------------------------------------------

def data(budget: Budget) -> dict[str, Any]:
    """Everything, for JSON: every figure a decimal string to the cent."""
    def groups(found: dict, name: str) -> list[dict[str, Any]]:
        return [{**dict(zip(name.split(","), key if isinstance(key, tuple) else (key,))), "jobs": t.jobs,
                 "total": json_value(t.total)} for key, t in found.items()]

    short = budget.short_notice()
    return {
        "season": {"from": json_value(budget.season[0]), "to": json_value(budget.season[1]), "words": season_words(budget)},
        "total": json_value(budget.total),
        "jobs_priced": len(budget.priced),
        "jobs_not_priced": budget.failed,
        "by_month": groups(budget.by_month(), "month"),
        "by_agency": groups(budget.by_agency(), "agency"),
        "by_event": groups(budget.by_event(), "event,agency"),
        "holidays": _exposure(budget.holidays()),
        "short_notice": None if short is None else _exposure(short),
        "notes": budget.notes,
        "jobs": [json_object(line) for line in budget.lines],
    }


def _exposure(t: Total) -> dict[str, Any]:
    return {"jobs": t.jobs, "total": json_value(t.total)}


def text(budget: Budget) -> str:
    """The budget for a person: totals by month, agency and event, the exposure, and the notes."""
    out = [f"Budget for {season_words(budget)}: {money_text(budget.total)} for {len(budget.priced)} jobs", ""]

    def table(title: str, found: dict[str, Total]) -> None:
        width = max([len(title)] + [len(k) for k in found])
        out.append(f"{title:<{width}}  {'Jobs':>5}  {'Total':>14}")
        out.extend(f"{k:<{width}}  {t.jobs:>5}  {money_text(t.total):>14}" for k, t in found.items())
        out.append("")

    table("Month", {month_label(k): t for k, t in budget.by_month().items()})
    table("Agency", budget.by_agency())
    table("Event", {f"{event} ({agency})": t for (event, agency), t in budget.by_event().items()})
    table("Exposure", _exposures(budget))
    if budget.short_notice() is None:
        out[-1:] = [f"Short notice: {NOT_ASSESSED}", ""]
    out.extend(f"- {note}" for note in budget.notes)
    out.append("")
    out.append("The job lines: --out budget.csv (or .xlsx with a chart, or .json with everything).")
    return "\n".join(out) + "\n"


def _exposures(budget: Budget) -> dict[str, Total]:
    """The jobs on the agencies' holidays and, where request times were given, at short notice."""
    found = {"On the agency's holidays": budget.holidays()}
    short = budget.short_notice()
    if short is not None:
        found["Short notice"] = short
    return found


# --- the workbook -------------------------------------------------------------------------------------

def workbook(budget: Budget):
    """Summary (monthly totals and their bar chart, agencies, exposure, notes), By event, and Jobs sheets."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Summary")
    _landscape(ws)
    for column, width in zip("ABC", (34, 8, 14)):
        ws.column_dimensions[column].width = width
    bold = Font(bold=True)

    def put(*values: Any, strong: bool = False) -> None:
        row = []
        for value in values:
            cell = WriteOnlyCell(ws, value)
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            if strong:
                cell.font = bold
            row.append(cell)
        ws.append(row)

    put(f"Budget for {season_words(budget)}", strong=True)
    put("Total", len(budget.priced), budget.total, strong=True)
    put()
    put("Month", "Jobs", "Total", strong=True)
    months = budget.by_month()
    first = 5
    for key, t in months.items():
        put(month_label(key), t.jobs, t.total)
    last = first + len(months) - 1
    put()
    put("Agency", "Jobs", "Total", strong=True)
    for key, t in budget.by_agency().items():
        put(key, t.jobs, t.total)
    put()
    put("Exposure", "Jobs", "Total", strong=True)
    for key, t in _exposures(budget).items():
        put(key, t.jobs, t.total)
    if budget.short_notice() is None:
        put(f"Short notice: {NOT_ASSESSED}")
    put()
    put("Notes", strong=True)
    for note in budget.notes:  # cut into lines that print within the page's width, beside nothing
        for part in textwrap.wrap(note, NOTE_WIDTH, subsequent_indent="  "):
            put(part)
    if months:
        ws.add_chart(_chart(ws, first, last), "E1")

    events = wb.create_sheet("By event")
    for column, width in zip("ABCD", (30, 22, 8, 14)):
        events.column_dimensions[column].width = width
    append_rows(events, _event_rows(budget), ("event", "agency", "jobs", "total"))

    jobs = wb.create_sheet("Jobs")
    _landscape(jobs)
    for column, width in zip("ABCDEFGHIJ", (12, 26, 20, 12, 9, 20, 12, 24, 40, 40)):
        jobs.column_dimensions[column].width = width
    append_rows(jobs, budget.lines, LINE_COLUMNS)
    return wb


def _landscape(ws) -> None:
    """Print the sheet landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _event_rows(budget: Budget) -> Iterable[tuple]:
    for (event, agency), t in budget.by_event().items():
        yield (event, agency, t.jobs, t.total)


def _chart(ws, first: int, last: int):
    """A bar chart of the monthly totals in rows `first` to `last` of the Summary sheet."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = "Budget by month"
    chart.y_axis.title = "Total ($)"
    chart.y_axis.numFmt = "#,##0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides both axes unless told otherwise
    chart.y_axis.delete = False
    chart.legend = None
    chart.add_data(Reference(ws, min_col=3, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.width, chart.height = 18, 9
    return chart
