"""The look of the quote workbook's sheets: number formats, fills and fonts, and small helpers for cells."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.datavalidation import DataValidation

MONEY = '"$"#,##0.00'
DATE = "ddd yyyy-mm-dd"
TIME = "hh:mm"
STAMP = "yyyy-mm-dd hh:mm"
HOURS = "0.00"

INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
HEAD_FILL = PatternFill("solid", start_color="1F3864")
BAND = PatternFill("solid", start_color="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Calibri"
TITLE = Font(name=FONT, bold=True, size=16, color="1F3864")
BOLD = Font(name=FONT, bold=True)
WHITE = Font(name=FONT, bold=True, color="FFFFFF")
HINT = Font(name=FONT, italic=True, color="7F7F7F")
BIG = Font(name=FONT, bold=True, size=14, color="1F3864")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def put_text(ws, cell: str, value: str):
    """Store agency or user text as text, even when it starts with =, +, - or @."""
    ws[cell] = value
    ws[cell].data_type = "s"
    return ws[cell]


def page_lines(line) -> str:
    if line is None:
        return ""
    return ", ".join(map(str, line)) if isinstance(line, (list, tuple)) else str(line)


def index(letter: str) -> int:
    return column_index_from_string(letter)


def drop_down(ws, ref: str, source: str, error: str, title: str, prompt: str | None = None) -> None:
    """A list to choose from, in the cells at `ref`, of the values the defined name `source` holds."""
    validate(ws, ref, DataValidation(type="list", formula1=f"={source}"), title, error, prompt)


def validate(ws, ref: str, rule: DataValidation, title: str, error: str, prompt: str | None = None) -> None:
    """Excel's own check on the input cells at `ref`: `error` when a value breaks `rule`, `prompt` on selecting one."""
    rule.allow_blank, rule.error, rule.errorTitle = True, error, title
    if prompt:
        rule.prompt, rule.promptTitle, rule.showInputMessage = prompt, title, True
    ws.add_data_validation(rule)
    rule.add(ref)


def wrapped_height(text: str, chars: int) -> float:
    """The height in points of a row whose wrapped text runs about `chars` characters a line: a row keeps the height
    it is saved with, so wrapped text in a row of the default height would run over the rows below it."""
    return 15 * (1 + len(text) // chars)


def widths(ws, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
