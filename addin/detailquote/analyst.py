"""The analyst's example workbook: cells that call every DETAIL_* function, with the answer each should give.

Each example is data (a function and its arguments, cell references or
literals); the formula text and the expected answer are both made from it,
the answer by calling the same function Excel calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.formula import ArrayFormula

from . import udfs
from .lite import workbook_parts
from .loader import Library
from .xlsx import save

FILE_NAME = "detailquote-functions.xlsx"

INSTALL = (
    "The DETAIL_* functions come with this workbook through xlwings Lite (a free add-in for Excel 365 and 2021+ on "
    "Windows, Mac and the web): open it with the add-in installed, trust the workbook when xlwings Lite asks, and "
    "recalculate with Ctrl+Alt+F9. With the classic xlwings add-in on Windows instead, see DetailQuote's README, "
    "under \"Excel functions\"."
)
CHECK = ("Column B shows each formula, column C its live result, column D the answer it should give (worked out by "
         "DetailQuote when this file was built) and column E whether they agree.")


@dataclass(frozen=True)
class Ref:
    """A reference to a cell on the same sheet."""

    cell: str


@dataclass(frozen=True)
class Example:
    label: str
    function: str
    args: tuple[Any, ...]
    spills: bool = False


INPUTS: tuple[tuple[str, Any, str | None], ...] = (
    ("Agency", "tucson-az", None),
    ("Start", dt.datetime(2026, 12, 24, 18, 0), "yyyy-mm-dd hh:mm"),
    ("End", dt.datetime(2026, 12, 25, 2, 0), "yyyy-mm-dd hh:mm"),
    ("Officers", 5, "0"),
    ("Job type", None, None),
    ("Requested", dt.datetime(2026, 12, 1, 9, 0), "yyyy-mm-dd hh:mm"),
    ("Vehicles", 1, "0"),
    ("Priority", None, None),
    ("Cancelled", dt.datetime(2026, 12, 24, 12, 0), "yyyy-mm-dd hh:mm"),
    ("Invoice amount", 1000, '"$"#,##0.00'),
    ("Invoice date", dt.date(2026, 1, 1), "yyyy-mm-dd"),
    ("Paid on", dt.date(2026, 3, 2), "yyyy-mm-dd"),
)
FIRST_INPUT_ROW = 6
CELL = {label: Ref(f"B{FIRST_INPUT_ROW + i}") for i, (label, _, _) in enumerate(INPUTS)}
JOB = tuple(CELL[k] for k in ("Agency", "Start", "End", "Officers", "Job type", "Requested", "Vehicles", "Priority"))

EXAMPLES: tuple[Example, ...] = (
    Example("Total for the job", "DETAIL_QUOTE", JOB),
    Example("Rate tier at the start", "DETAIL_TIER", (CELL["Agency"], CELL["Start"], CELL["Requested"])),
    Example("Minimum hours", "DETAIL_MIN_HOURS", (CELL["Agency"],)),
    Example("Sergeant's holiday rate", "DETAIL_RATE", (CELL["Agency"], "sergeant", "holiday")),
    Example("Is the end date a holiday?", "DETAIL_IS_HOLIDAY", (CELL["Agency"], CELL["End"])),
    Example("Cancellation charge", "DETAIL_CANCEL_FEE", (*JOB[:4], CELL["Cancelled"], CELL["Job type"], CELL["Requested"])),
    Example("Card fee (Hartford)", "DETAIL_PAYMENT_FEE", ("hartford-ct", CELL["Invoice amount"], "card")),
    Example("Late interest (Hartford)", "DETAIL_LATE_CHARGE",
            ("hartford-ct", CELL["Invoice amount"], CELL["Invoice date"], CELL["Paid on"])),
    Example("Version", "DETAIL_VERSION", ()),
)
SPILLS: tuple[tuple[str, Example], ...] = (
    ("G6", Example("The quote, line by line", "DETAIL_QUOTE_LINES", JOB, spills=True)),
    ("G23", Example("Who works 31 officers' detail in Hartford", "DETAIL_STAFFING", ("hartford-ct", 31), spills=True)),
    ("J23", Example("The agency's holidays in 2027", "DETAIL_HOLIDAYS", (CELL["Agency"], 2027), spills=True)),
    ("G33", Example("The agencies", "DETAIL_AGENCIES", (), spills=True)),
)

BATCH_HEADER = ("agency", "start", "end", "officers", "job_type", "requested", "vehicles", "priority")
BATCH: tuple[tuple[Any, ...], ...] = (
    ("tucson-az", dt.datetime(2026, 12, 24, 18), dt.datetime(2026, 12, 25, 2), 5, None, dt.datetime(2026, 12, 1, 9), 1, None),
    ("tucson-az", dt.datetime(2027, 3, 6, 8), dt.datetime(2027, 3, 6, 12), 2, "construction", None, None, None),
    ("hartford-ct", dt.datetime(2027, 4, 9, 7), dt.datetime(2027, 4, 9, 19), 3, None, dt.datetime(2027, 4, 1, 10), None, None),
    ("hartford-ct", dt.datetime(2027, 7, 3, 20), dt.datetime(2027, 7, 4, 4), 8, None, None, None, None),
    ("hot-springs-ar", dt.datetime(2027, 11, 26, 18), dt.datetime(2027, 11, 26, 22), 2, None, None, None, None),
    ("casa-grande-az", dt.datetime(2027, 2, 13, 9), dt.datetime(2027, 2, 13, 13), 1, None, None, None, "priority 2"),
    ("bay-harbor-islands-fl", dt.datetime(2027, 5, 1, 10), dt.datetime(2027, 5, 1, 13), 2, None, dt.datetime(2027, 4, 30, 9), 1, None),
    ("tucson-az", dt.datetime(2027, 1, 10, 14), dt.datetime(2027, 1, 10, 9), 2, None, None, None, None),
    ("tuscon-az", dt.datetime(2027, 1, 10, 9), dt.datetime(2027, 1, 10, 14), 2, None, None, None, None),
)

_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_INPUT = PatternFill("solid", start_color="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")


def build(out_dir: Path) -> Path:
    """Write the example workbook into `out_dir` and return its path."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Functions"
    ws["A1"] = "DetailQuote: the Excel functions, worked examples"
    ws["A1"].font = _TITLE
    for row, text in ((2, INSTALL), (3, CHECK)):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.cell(row, 1, text).alignment = _WRAP
    ws.row_dimensions[2].height, ws.row_dimensions[3].height = 60, 32
    ws["A5"], ws["A5"].font = "Inputs (change them)", _BOLD

    values: dict[str, Any] = {}
    for i, (label, value, fmt) in enumerate(INPUTS):
        row = FIRST_INPUT_ROW + i
        ws.cell(row, 1, label)
        cell = ws.cell(row, 2, value)
        cell.fill = _INPUT
        if fmt:
            cell.number_format = fmt
        values[f"B{row}"] = value

    top = FIRST_INPUT_ROW + len(INPUTS) + 1
    for col, text in enumerate(("Function", "Formula", "Result", "Should show", "Agrees"), 1):
        ws.cell(top, col, text).font = _BOLD
    for i, example in enumerate(EXAMPLES, top + 1):
        ws.cell(i, 1, example.label)
        shown = ws.cell(i, 2, formula(example))
        shown.data_type, shown.alignment = "s", _WRAP  # the formula as text, to read beside its result
        ws.cell(i, 3, formula(example))
        expected = answer(example, values)
        ws.cell(i, 4, expected)
        ws.cell(i, 5, f'=IFERROR(IF(ISNUMBER(D{i}),IF(ROUND(C{i}-D{i},2)=0,"yes","NO"),IF(C{i}=D{i},"yes","NO")),"NO")')
        if isinstance(expected, float):
            ws.cell(i, 3).number_format = ws.cell(i, 4).number_format = '#,##0.00'

    spills = [("Functions", cell) for cell, _ in SPILLS]
    for cell, example in SPILLS:
        label = ws[cell].offset(row=-1)
        label.value, label.font = f"{example.label}: {formula(example)}", _BOLD
        ws[cell] = ArrayFormula(cell, formula(example))
    for column, width in {"A": 30, "B": 44, "C": 16, "D": 16, "E": 8, "G": 14, "H": 26, "J": 12, "K": 22}.items():
        ws.column_dimensions[column].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    spills.append(_many_jobs(wb))
    spills.append(_invoice_audit(wb))
    # xlwings Lite's two tabs, DetailQuote and the bundled agencies inside: the functions work on opening
    return save(wb, Path(out_dir) / FILE_NAME, spills, workbook_parts(Library()))


INVOICE_HEADER = ("job", "date", "start", "end", "role", "officer", "hours", "rate", "amount")
_TUESDAY, _SATURDAY = dt.datetime(2026, 11, 3), dt.datetime(2026, 11, 7)
INVOICE: tuple[tuple[Any, ...], ...] = (  # the README's Hartford invoice: a charge of each kind of error, and two right
    ("D-2210", _TUESDAY, dt.time(7), dt.time(15), "Police Sergeant", "Sgt. Rivera", 8, 111.10, 888.80),
    ("D-2210", _TUESDAY, dt.time(7), dt.time(15), "Police Officer", "Ofc. Chen", 9, 80.30, 722.70),
    ("D-2210", _TUESDAY, dt.time(7), dt.time(15), "Police Officer", "Ofc. Walsh", 8, 120.45, 963.60),
    ("D-2210", _TUESDAY, dt.time(7), dt.time(15), "Police Officer", "Ofc. Okafor", 8, 80.30, 662.40),
    ("D-2211", _SATURDAY, dt.time(18), dt.time(21), "Police Officer", "Ofc. Chen", 3, 120.45, 361.35),
    ("D-2211", _SATURDAY, dt.time(18), dt.time(21), "Police Officer", "Ofc. Lane", 8, 120.45, 963.60),
    ("D-2211", _SATURDAY, None, None, "Admin fee", None, None, None, 50.00),
)


def _invoice_audit(wb: Workbook) -> tuple[str, str]:
    """The sheet of an invoice checked by one DETAIL_AUDIT call; returns where its answer spills from."""
    ws = wb.create_sheet("Invoice audit")
    ws.append(INVOICE_HEADER)
    formats = {dt.datetime: "yyyy-mm-dd", dt.time: "hh:mm", float: "#,##0.00"}
    for row in INVOICE:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if type(cell.value) in formats:
                cell.number_format = formats[type(cell.value)]
    last = ws.max_row
    audit = Example("Audit", "DETAIL_AUDIT", ("hartford-ct", Ref(f"A1:I{last}")), spills=True)
    ws["K1"] = ArrayFormula("K1", formula(audit))
    ws["O1"] = "Should show (allowed, difference)"
    table = [list(INVOICE_HEADER), *[list(r) for r in INVOICE]]
    for i, (allowed, difference, _) in enumerate(udfs.DETAIL_AUDIT("hartford-ct", table)[1:], 2):
        ws.cell(i, 15, allowed).number_format = "#,##0.00"
        ws.cell(i, 16, difference).number_format = "#,##0.00"
    ws.cell(last + 2, 1, "One DETAIL_AUDIT call checks each row of Hartford's invoice against its rules: "
                         "what they allow, the difference, and why.")
    for column, width in {"A": 9, "B": 11, "E": 16, "F": 12, "K": 10, "L": 10, "M": 60, "O": 12, "P": 12}.items():
        ws.column_dimensions[column].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return "Invoice audit", "K1"


def _many_jobs(wb: Workbook) -> tuple[str, str]:
    """The sheet of many jobs priced by one DETAIL_QUOTES call; returns where its answer spills from."""
    batch = wb.create_sheet("Many jobs")
    batch.append(BATCH_HEADER)
    for row in BATCH:
        batch.append(row)
        for cell in batch[batch.max_row]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    last = batch.max_row
    many = Example("Totals", "DETAIL_QUOTES", (Ref(f"A1:H{last}"),), spills=True)
    batch["J1"] = ArrayFormula("J1", formula(many))
    batch["L1"] = "Should show"
    table = [list(BATCH_HEADER), *[list(r) for r in BATCH]]
    for i, (total,) in enumerate(udfs.DETAIL_QUOTES(table)[1:], 2):
        batch.cell(i, 12, total)
    batch["N1"] = "One DETAIL_QUOTES call prices every row; a row that cannot be priced shows why."
    for column, width in {"A": 22, "B": 17, "C": 17, "E": 13, "F": 17, "J": 14, "L": 40}.items():
        batch.column_dimensions[column].width = width
    return "Many jobs", "J1"


def formula(example: Example) -> str:
    """The formula text for `example`: references as they are, text quoted, blanks left out."""
    return f"={example.function}({','.join(_argument(a) for a in example.args)})"


def _argument(value: Any) -> str:
    if isinstance(value, Ref):
        return value.cell
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return repr(value)


def answer(example: Example, values: dict[str, Any]) -> Any:
    """What the formula gives, by calling the function as Excel would with the cells' values."""
    args = [values.get(a.cell) if isinstance(a, Ref) else a for a in example.args]
    return getattr(udfs, example.function)(*args)
