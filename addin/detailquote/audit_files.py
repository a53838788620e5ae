"""An invoice audit read from a file and written out: text, CSV, JSON, or a workbook with the summary on top.

The invoice is read with `job_tables.read_file` (a .csv or the first sheet of an
.xlsx, as `batch` reads jobs); the report's lines go through `job_tables`'
writers. Every file is written to a temporary name and moved into place.
"""

from __future__ import annotations

import io
import math
import json
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from .agency import Agency
from .atomic import atomic_file
from .audit import VERDICTS, Audit, Finding, audit
from .errors import InputError, shown
from .invoice import rows as invoice_rows
from .job_tables import dict_rows, json_value, read_file, write_csv
from .loader import Library, default_library
from .money import money_text

OUTPUTS = (".xlsx", ".csv", ".json")
DIFFERS = 3  # the exit status when some charge is not as the rules allow (bad input is 2, as everywhere)
NOTE_WIDTH = 150


class ReportLine(NamedTuple):
    """A finding as the report's line: figures as numbers, the rows as text (5 or 5, 6)."""

    rows: str
    job: str
    charge: str
    billed_hours: Decimal | None
    billed_rate: Decimal | None
    billed: Decimal
    allowed_hours: Decimal | None
    allowed_rate: str
    allowed: Decimal | None
    difference: Decimal | None
    verdict: str
    reason: str


LINE_COLUMNS = ReportLine._fields


def report_line(f: Finding) -> ReportLine:
    return ReportLine(", ".join(map(str, f.rows)) or "(not billed)", f.job, f.what, f.billed_hours, f.billed_rate,
                      f.billed, f.hours, f.rate, f.allowed, f.difference, f.verdict_words, f.reason)


def check_out(out: Path | None) -> None:
    """Refuse a report the audit cannot be written as, before the invoice is read."""
    if out is not None and out.suffix.lower() not in OUTPUTS:
        raise InputError(f"--out {shown(str(out))}: expected a .xlsx, .csv or .json file")


def audit_invoice(agency: Agency | str, invoice: Any, library: Library | None = None) -> Audit:
    """Audit an invoice against the agency's rules (`agency` an Agency or its name): a path to a .csv or .xlsx file,
    a pandas or Polars DataFrame or a list of dicts (one billed line each), or rows of cells with a header row first."""
    if isinstance(agency, str):
        agency = (library or default_library()).get(agency)
    if isinstance(invoice, (str, Path)):
        return audit_file(agency, Path(invoice))
    if isinstance(invoice, list) and invoice and isinstance(invoice[0], (list, tuple)):
        return _audit_rows(agency, enumerate(invoice, 1), "the invoice")
    return _audit_rows(agency, dict_rows(invoice), "the invoice")


def audit_file(agency: Agency, path: Path) -> Audit:
    """Audit the invoice at `path` (a .csv or .xlsx, one billed line a row under a header row)."""
    rows, _ = read_file(path, "invoice lines")
    return _audit_rows(agency, rows, shown(str(path)))


def _audit_rows(agency: Agency, rows, what: str) -> Audit:
    found, ignored = invoice_rows(rows)
    notes = [f"Columns not read: {', '.join(ignored)}."] if ignored else []
    if not found:
        raise InputError(f"{what} has no billed lines under its header row")
    return audit(agency, found, notes)


def write(result: Audit, out: Path | None, stream: TextIO, source: str = "") -> None:
    """The audit to `out` (.xlsx, .csv or .json), or as text on `stream` when `out` is None."""
    check_out(out)
    if out is None:
        stream.write(text(result, source))
    elif out.suffix.lower() == ".xlsx":
        from .xlsx import save

        save(workbook(result, source), out)
    else:
        with atomic_file(out) as f:
            wrapper = io.TextIOWrapper(f, encoding="utf-8", newline="")
            if out.suffix.lower() == ".csv":
                write_csv(map(report_line, result.findings), wrapper, LINE_COLUMNS)
            else:
                json.dump(data(result, source), wrapper, indent=1, ensure_ascii=False)
                wrapper.write("\n")
            wrapper.flush()
            wrapper.detach()  # the file is atomic_file's to close


def title(result: Audit, source: str = "") -> str:
    return f"Invoice audit: {result.agency_name}" + (f", {source}" if source else "")


def summary(result: Audit) -> list[tuple[str, Decimal]]:
    """The totals on top of the report."""
    out = [("Billed", result.billed), ("Allowed by the rules", result.allowed), ("Difference (billed − allowed)", result.difference)]
    if result.unpriced:
        out.append(("Billed on lines not priceable", result.unpriced))
    return out


def data(result: Audit, source: str = "") -> dict[str, Any]:
    """Everything, for JSON: every figure a decimal string."""
    return {
        "agency": result.agency,
        "invoice": source,
        "billed": json_value(result.billed),
        "allowed": json_value(result.allowed),
        "difference": json_value(result.difference),
        "not_priceable_billed": json_value(result.unpriced),
        "differs": result.differs,
        "by_verdict": [{"verdict": VERDICTS[k], "charges": n, "billed": json_value(b), "difference": json_value(d)}
                       for k, (n, b, d) in result.by_verdict().items()],
        "notes": list(result.notes),
        "lines": [{k: json_value(v) for k, v in report_line(f)._asdict().items()} for f in result.findings],
    }


def text(result: Audit, source: str = "") -> str:
    """The audit for a person: the totals, the verdicts, and each charge that differs with why."""
    out = [title(result, source), ""]
    out += [f"{name:<31} {money_text(value):>12}" for name, value in summary(result)]
    out.append("")
    out.append(f"{'Verdict':<24} {'Charges':>7} {'Billed':>12} {'Difference':>12}")
    out += [f"{VERDICTS[k]:<24} {n:>7} {money_text(b):>12} {money_text(d):>12}" for k, (n, b, d) in result.by_verdict().items()]
    differing = [f for f in result.findings if f.verdict != "matches"]
    if differing:
        out += ["", "Charges that differ:"]
    for f in differing:
        rows = f"rows {', '.join(map(str, f.rows))}" if len(f.rows) > 1 else f"row {f.rows[0]}" if f.rows else "not billed"
        diff = "" if f.difference is None else f" ({'+' if f.difference > 0 else ''}{money_text(f.difference)})"
        out.append(f"- {rows}, {f.job}, {f.what}: {f.verdict_words}{diff}")
        out += textwrap.wrap(f.reason, NOTE_WIDTH - 4, initial_indent="    ", subsequent_indent="    ")
    if not differing:
        out += ["", "Every charge is as the rules allow."]
    out += [""] + [f"- {note}" for note in result.notes] + ([""] if result.notes else [])
    out.append("Each line with the rule behind it: --out report.xlsx (or .csv, or .json).")
    return "\n".join(out) + "\n"


# --- the workbook -------------------------------------------------------------------------------------

WIDTHS = (7, 14, 24, 9, 9, 11, 9, 20, 11, 12, 19, 64)
HEADINGS = ("Rows", "Job", "Charge", "Hours billed", "Rate billed", "Billed", "Hours allowed", "Rates allowed",
            "Allowed", "Difference", "Verdict", "Reason")


def workbook(result: Audit, source: str = ""):
    """One sheet: the summary and the verdicts on top, the notes, then every line, those that differ highlighted."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold, red = Font(name="Calibri", bold=True), Font(name="Calibri", bold=True, color="9C0006")
    shade = PatternFill("solid", start_color="FFC7CE")
    money = "#,##0.00;[Red]-#,##0.00"
    ws.append([title(result, source)])
    ws["A1"].font = Font(name="Calibri", bold=True, size=14)
    ws.append([])
    for name, value in summary(result):
        ws.append([name, None, None, None, None, value])
        ws.cell(ws.max_row, 1).font = bold
        ws.cell(ws.max_row, 6).number_format = money
    if result.difference:
        ws.cell(5, 6).font = red
    ws.append([])
    ws.append(["Verdict", None, None, "Charges", None, "Billed", None, "Difference"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for key, (n, billed, diff) in result.by_verdict().items():
        ws.append([VERDICTS[key], None, None, n, None, billed, None, diff])
        ws.cell(ws.max_row, 6).number_format = ws.cell(ws.max_row, 8).number_format = money
        if key != "matches":
            for column in range(1, 9):
                ws.cell(ws.max_row, column).fill = shade
    if result.notes:
        ws.append([])
        for note in result.notes:
            ws.append([note])
    ws.append([])
    ws.append(list(HEADINGS))
    header = ws.max_row
    ws.row_dimensions[header].height = 30
    for cell in ws[header]:
        cell.font = bold
        cell.alignment = Alignment(vertical="bottom", wrap_text=True)
    for f in result.findings:
        line = report_line(f)
        ws.append(list(line))
        n = ws.max_row
        for column, value in enumerate(line, 1):
            cell = ws.cell(n, column)
            if isinstance(value, Decimal):
                cell.number_format = money if column in (6, 9, 10) else "0.00##"
            cell.alignment = Alignment(vertical="top", wrap_text=column in (3, 8, 11, 12))
            if f.verdict != "matches":
                cell.fill = shade
        # Row heights are not worked out on opening by every program: set one that shows the reason whole.
        lines = max(math.ceil(len(str(v)) / (WIDTHS[c] * 1.15)) for c, v in enumerate(line) if c in (2, 7, 10, 11))
        ws.row_dimensions[n].height = 13 * max(1, lines)
        if f.difference:
            ws.cell(n, 10).font = red
    ws.auto_filter.ref = f"A{header}:{get_column_letter(len(LINE_COLUMNS))}{ws.max_row}"
    ws.print_title_rows = f"{header}:{header}"
    return wb
