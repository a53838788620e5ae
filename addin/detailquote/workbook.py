"""A coordinator's quote workbook for one agency: the sheets' layout, over the Calc pipeline of `calc`.

The workbook needs no add-in: every figure is an ordinary formula that Excel,
LibreOffice and Google Sheets evaluate (no XLOOKUP, LET or FILTER, no macros).
The formulas are generated here from the same rule objects the engine prices
with, and the parity tests recalculate filled workbooks in LibreOffice and
require the engine's numbers to the cent.

Sheets: Quote (what a coordinator fills in and prints), Rates, Holidays and
Policy (the agency's rules, read by the formulas through defined names), and
Calc, a hidden sheet that works out each shift line step by step (`calc`,
`cancel_columns`). Rendering a filled workbook to PDF is `filled` and
`libreoffice`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from .agency import Agency
from .calc import FIRST, HOLIDAY_YEARS, Calc
from .explain import rules_in_words
from .formulas import num as _num, serial as _serial, text
from .quotes import MAX_OFFICERS
from .xlsx import save

LINES = 25                      # shift lines on the Quote sheet

MONEY = '"$"#,##0.00'
DATE = "ddd yyyy-mm-dd"
TIME = "hh:mm"
STAMP = "yyyy-mm-dd hh:mm"
HOURS = "0.00"

_INPUT_FILL = PatternFill("solid", start_color="FFF2CC")
_HEAD_FILL = PatternFill("solid", start_color="1F3864")
_BAND = PatternFill("solid", start_color="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Calibri"
_TITLE = Font(name=_FONT, bold=True, size=16, color="1F3864")
_BOLD = Font(name=_FONT, bold=True)
_WHITE = Font(name=_FONT, bold=True, color="FFFFFF")
_HINT = Font(name=_FONT, italic=True, color="7F7F7F")
_BIG = Font(name=_FONT, bold=True, size=14, color="1F3864")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def file_name(agency: Agency) -> str:
    return f"{agency.key}.xlsx"


def put_text(ws, cell: str, value: str):
    """Store agency or user text as text, even when it starts with =, +, - or @."""
    ws[cell] = value
    ws[cell].data_type = "s"
    return ws[cell]


# --- the agency's clock changes -------------------------------------------------------------

def clock_changes(zone: ZoneInfo, years: range) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """(A, B, hours) per clock change: a shift from s to e gains `hours` when s < B and e ≥ A (wall clock).

    Spring forward: A = B = the wall time that is skipped from, hours = -1.
    Fall back: A..B is the hour that happens twice, hours = +1. A start in
    that hour reads the earlier instant and an end the later, as the engine does.
    """
    utc = dt.timezone.utc
    out = []
    start = dt.datetime(years.start, 1, 1, tzinfo=utc)
    end = dt.datetime(years.stop, 1, 1, tzinfo=utc)
    step = dt.timedelta(hours=1)
    at, before = start, start.astimezone(zone).utcoffset()
    while at < end:
        after = (at + step).astimezone(zone).utcoffset()
        if after != before:
            change = at + step  # the first instant of the new offset
            wall_after = change.astimezone(zone).replace(tzinfo=None)
            wall_before = (change - dt.timedelta(microseconds=1)).astimezone(zone).replace(tzinfo=None)
            wall_before = wall_before.replace(microsecond=0) + dt.timedelta(seconds=1)
            hours = int((after - before).total_seconds() // 3600)
            if hours > 0:  # spring: wall jumps from wall_before to wall_after
                out.append((wall_before, wall_before, -hours))
            else:          # autumn: wall goes back from wall_before to wall_after
                out.append((wall_after, wall_before, -hours))
            before = after
        at += step
    return out


class Builder:
    """Writes one agency's workbook."""

    def __init__(self, agency: Agency, lines: int = LINES):
        if not 1 <= lines <= 10_000:
            raise ValueError(f"a quote workbook holds 1 to 10,000 shift lines, not {lines}")
        self.a = agency
        self.lines = lines
        self.spec = agency.spec
        self.wb = Workbook()
        self.quote = self.wb.active
        self.quote.title = "Quote"
        self.rates = self.wb.create_sheet("Rates")
        self.holidays = self.wb.create_sheet("Holidays")
        self.policy = self.wb.create_sheet("Policy")
        self.calc = self.wb.create_sheet("Calc")
        self.tiers = list(self.spec.tiers)
        self.roles = list(reversed(self._rank_order()))  # lowest rank first in Rates
        self.choices = [k for k, t in self.spec.tiers.items() if t.selectable]
        self.inputs = self._input_columns()
        # The shift lines' sum, then a row per fee added on top and the total, when the agency has such fees.
        self.charges_row = FIRST + lines
        self.total_row = self.charges_row + (len(self.spec.fees) + 1 if self.spec.fees else 0)
        self.customer_cell = f"C{self.charges_row + 1}" if self.spec.customer_classes else None

    # --- names ------------------------------------------------------------------------

    def name(self, name: str, sheet, ref: str) -> None:
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(sheet.title)}!{ref}")

    def _rank_order(self) -> list[str]:
        """Roles from the highest rank down, as the engine orders positions (vehicles go to them first)."""
        return self.spec.staffing.ranks() if self.spec.staffing else ["officer"]

    def _input_columns(self) -> dict[str, str]:
        names = ["date", "start", "end", "officers", "vehicles"] + (["priority"] if self.choices else [])
        cols = {n: get_column_letter(i + 2) for i, n in enumerate(names)}
        after = len(names) + 2
        for i, n in enumerate(["hours", "tier", "supervisors", "billed", "amount", "charge"]):
            cols[n] = get_column_letter(after + i)
        return cols

    # --- sheets -----------------------------------------------------------------------

    def build(self) -> Workbook:
        self._rates()
        self._holidays()
        self._policy()
        self.columns = Calc(self.a, self.calc, self.inputs, self.lines, self.tiers, self._rank_order()).build()
        self._quote()
        self.calc.sheet_state = "hidden"
        for ws in (self.rates, self.holidays, self.policy, self.calc):
            ws.protection.sheet = True
        for ws in (self.rates, self.holidays, self.policy):  # printed landscape, as wide as the page
            ws.page_setup.orientation = "landscape"
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        return self.wb

    def _rates(self) -> None:
        ws = self.rates
        ws.append(["Role", "Job type", "Rate tier", "Hourly rate", "Overtime rate", "Officer's pay", "Page line", "Key"])
        for cell in ws[1]:
            cell.font, cell.fill = _WHITE, _HEAD_FILL
        rows = sorted(
            self.a.cells.items(),
            key=lambda kv: (list(self.spec.job_types).index(kv[0][1]), self.tiers.index(kv[0][2]), self.roles.index(kv[0][0])
                            if kv[0][0] in self.roles else 99),
        )
        for (role, job, tier), row in rows:
            ws.append([
                self.a.role_label(role), self.spec.job_types[job].label, self.a.tier_label(tier),
                float(row.rate), float(self.a.overtime_rate(row)) if self.spec.overtime else None,
                float(row.pay) if row.pay is not None else None, _lines(row.line), f"{role}|{job}|{tier}",
            ])
            for cell in ws[ws.max_row][:3]:
                cell.data_type = "s"  # the agency's labels are text, even one that starts with "="
        last = ws.max_row
        for r in range(2, last + 1):
            for c in "DEF":
                ws[f"{c}{r}"].number_format = MONEY
        self.name("RateKeys", ws, f"$H$2:$H${last}")
        self.name("RateValues", ws, f"$D$2:$D${last}")
        self.name("RateOvertime", ws, f"$E$2:$E${last}")
        self.name("RatePay", ws, f"$F$2:$F${last}")
        _widths(ws, {"A": 20, "B": 34, "C": 20, "D": 13, "E": 14, "F": 14, "G": 10, "H": 40})
        ws.column_dimensions["H"].hidden = True  # the look-up key the formulas match, not for reading

    def _holidays(self) -> None:
        ws = self.holidays
        ws.append(["Date", "Holiday", "From", "Clock change from", "to", "Hours gained"])
        for cell in ws[1]:
            cell.font = _BOLD
        days = [(d, n) for y in HOLIDAY_YEARS for d, n in self.a.calendar.year(y).items()]
        for i, (day, name) in enumerate(days, 2):
            ws.cell(i, 1, day).number_format = DATE
            put_text(ws, f"B{i}", name)
            begins = self.a.calendar.starts(day)
            if begins is not None:  # a partial day: the holiday starts then
                ws.cell(i, 3, begins).number_format = TIME
        self.name("HolidayDates", ws, f"$A$2:$A${max(2, len(days) + 1)}")
        self.name("HolidayFrom", ws, f"$C$2:$C${max(2, len(days) + 1)}")
        changes = clock_changes(self.a.zone, HOLIDAY_YEARS)
        for i, (a, b, hours) in enumerate(changes, 2):
            ws.cell(i, 4, a).number_format = STAMP
            ws.cell(i, 5, b).number_format = STAMP
            ws.cell(i, 6, hours)
        if not changes:  # the formulas need one row: none, gaining no hours
            ws["F2"] = 0
        last = max(2, len(changes) + 1)
        self.name("ClockA", ws, f"$D$2:$D${last}")
        self.name("ClockB", ws, f"$E$2:$E${last}")
        self.name("ClockHours", ws, f"$F$2:$F${last}")
        ws["H1"] = f"Holidays {HOLIDAY_YEARS.start}-{HOLIDAY_YEARS.stop - 1} from the agency's list; clock changes in {self.spec.time_zone}."
        _widths(ws, {"A": 16, "B": 34, "D": 18, "E": 18, "F": 13})

    def _policy(self) -> None:
        ws, spec = self.policy, self.spec
        put_text(ws, "A1", f"{spec.name}: rules and notes").font = _TITLE
        # Job types: the Quote's drop-down, with each one's minimum and permit.
        ws.append([])
        ws.append(["Job type", "Key", "Minimum hours", "Permit", "Flat price"])
        top = ws.max_row + 1
        for key, job in spec.job_types.items():
            minimum = self.a.minimum_hours(key)
            ws.append([None, key, float(minimum) if minimum is not None else 0, None, float(job.flat_price or 0)])
            put_text(ws, f"A{ws.max_row}", job.label)
            put_text(ws, f"D{ws.max_row}", job.permit or "")
        bottom = ws.max_row
        self.name("JobLabels", ws, f"$A${top}:$A${bottom}")
        self.name("JobKeys", ws, f"$B${top}:$B${bottom}")
        self.name("JobMinimum", ws, f"$C${top}:$C${bottom}")
        self.name("JobPermit", ws, f"$D${top}:$D${bottom}")
        self.name("JobFlat", ws, f"$E${top}:$E${bottom}")
        self.name("DefaultJob", ws, f"$A${top + list(spec.job_types).index(spec.default_job_type)}")
        # Tiers and priorities.
        ws.append([])
        ws.append(["Rate tier", "Key", "When it applies"])
        top = ws.max_row + 1
        for key, tier in spec.tiers.items():
            ws.append([None, key, None])
            put_text(ws, f"A{ws.max_row}", tier.label)
            put_text(ws, f"C{ws.max_row}", tier.words(key == spec.base_tier))
        self.name("TierLabels", ws, f"$A${top}:$A${ws.max_row}")
        if self.choices:
            ws.append([])
            ws.append(["Priority the customer may choose"])
            top = ws.max_row + 1
            for key in self.choices:
                ws.append([None])
                put_text(ws, f"A{ws.max_row}", spec.tiers[key].label)
            self.name("Priorities", ws, f"$A${top}:$A${ws.max_row}")
        if spec.customer_classes:
            ws.append([])
            ws.append(["Customer class some fees treat differently"])
            top = ws.max_row + 1
            for item in spec.customer_classes.values():
                ws.append([None])
                put_text(ws, f"A{ws.max_row}", item.label)
            self.name("Classes", ws, f"$A${top}:$A${ws.max_row}")
        reasons = spec.cancellation.reasons if spec.cancellation else {}
        if reasons:
            ws.append([])
            ws.append(["Cancellation reason with terms of its own"])
            top = ws.max_row + 1
            for reason in reasons.values():
                ws.append([None])
                put_text(ws, f"A{ws.max_row}", reason.label)
            self.name("Reasons", ws, f"$A${top}:$A${ws.max_row}")
        # Constants the formulas read.
        ws.append([])
        ws.append(["Constant", "Value", "What it is"])
        constants = [
            ("VehicleRate", float(spec.vehicles.rate or 0) if spec.vehicles else 0,
             "vehicle charge: per hour, per shift, or for the first hour"),
            ("VehicleFurther", float(spec.vehicles.further_rate or 0) if spec.vehicles else 0,
             "vehicle charge for each hour after the first"),
            ("VehiclePercent", float(spec.vehicles.percent or 0) if spec.vehicles else 0,
             "vehicle charge as a percentage of its officer's charge"),
            ("HandlingHours", float(spec.vehicles.handling_hours) if spec.vehicles else 0,
             "time added for each officer who brings a vehicle"),
            ("OvertimeAfter", float(spec.overtime.after_hours) if spec.overtime else 0,
             "hours per position per shift before overtime (0: none)"),
            ("LeadTimeHours", float(spec.lead_time.required_hours) if spec.lead_time else 0,
             "notice the agency asks for (0: none)"),
        ]
        fee = spec.admin_fee.hourly if spec.admin_fee else None
        low, high = (fee.low, fee.high) if hasattr(fee, "low") else (fee, fee)
        constants += [
            ("FeeLow", float(low) if low is not None else 0, "administrative fee per position-hour, low end"),
            ("FeeHigh", float(high) if high is not None else 0, "administrative fee per position-hour, high end"),
            ("FeeHours", float(spec.cancellation.admin_fee_hours or 0) if spec.cancellation else 0,
             "the first hours of an assignment the fee is owed for on a cancellation"),
        ]
        for name, value, words in constants:
            ws.append([name, value, words])
            self.name(name, ws, f"$B${ws.max_row}")
        # Every rule in words, with its source line.
        ws.append([])
        ws.append(["Topic", "Rule", "Page line"])
        for topic, words, line in rules_in_words(self.a):
            ws.append([topic, None, _lines(line)])
            put_text(ws, f"B{ws.max_row}", words).alignment = _WRAP
        for note in spec.notes:
            ws.append([note.topic.replace("_", " "), None, note.rule or ""])
            put_text(ws, f"B{ws.max_row}", note.text).alignment = _WRAP
        source = spec.sources[0]
        ws.append([])
        ws.append(["Source", None])
        put_text(ws, f"B{ws.max_row}", f"{source.title} {source.url or ''}".strip())
        _widths(ws, {"A": 26, "B": 90, "C": 12, "D": 60})

    def calc_ref(self, name: str, row: int | None = None) -> str:
        return self.columns.ref(name, row)

    def _quote(self) -> None:
        ws, spec, cols = self.quote, self.spec, self.inputs
        last_col = cols["charge"]
        put_text(ws, "A1", f"{spec.name}: off-duty detail quote").font = _TITLE
        broker = f", through {spec.broker}" if spec.broker else ""
        effective = f", schedule effective {spec.effective:%d %B %Y}" if spec.effective else ""
        ws["A2"] = f"Priced by the agency's published rates{broker}{effective}. Yellow cells are yours to fill in."
        fields = [
            (4, "Customer", None), (5, "Venue / location", None), (6, "Job type", None),
            (7, "Request made on", STAMP), (8, "Quote prepared on", DATE), (9, "Prepared by", None),
        ]
        for row, label, fmt in fields:
            ws[f"A{row}"] = label
            ws[f"A{row}"].font = _BOLD
            ws.merge_cells(f"C{row}:F{row}")
            cell = ws[f"C{row}"]
            cell.fill, cell.protection, cell.border = _INPUT_FILL, _UNLOCKED, _BOX
            if fmt:
                cell.number_format = fmt
        for row, label, fmt in ((10, "Cancelled on", STAMP), (11, "Hours worked", HOURS)):
            ws[f"A{row}"], ws[f"A{row}"].font = label, _BOLD
            ws.merge_cells(f"C{row}:F{row}")
            cell = ws[f"C{row}"]
            cell.fill, cell.protection, cell.border, cell.number_format = _INPUT_FILL, _UNLOCKED, _BOX, fmt
        reasons = self.spec.cancellation.reasons if self.spec.cancellation else {}
        if reasons:
            ws["A12"], ws["A12"].font = "Cancellation reason", _BOLD
            ws.merge_cells("C12:F12")
            cell = ws["C12"]
            cell.fill, cell.protection, cell.border = _INPUT_FILL, _UNLOCKED, _BOX
            _drop_down(ws, "C12", "Reasons", "Choose a reason from the list, or leave it blank.", "Cancellation reason",
                       "Only where the agency has terms for the reason; blank for any other.")
        years = (str(_serial(dt.date(HOLIDAY_YEARS.start - 1, 1, 1))), str(_serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 31))))
        moment = lambda: DataValidation(type="date", operator="between", formula1=years[0], formula2=years[1] + ".99999")  # noqa: E731
        _validate(ws, "C7", moment(), "Request made on", "A date and time, such as 2026-12-01 09:00.",
                  "When the customer asked. Blank if not known: short-notice rates then do not apply.")
        _validate(ws, "C8", DataValidation(type="date", operator="between", formula1=years[0], formula2=years[1]),
                  "Quote prepared on", "A date, such as 2026-12-02.", "The date this quote is written.")
        _validate(ws, "C10", moment(), "Cancelled on", "A date and time, such as 2026-12-24 12:00.",
                  "Fill in to see what cancelling the job costs.")
        _validate(ws, "C11", DataValidation(type="decimal", operator="between", formula1="0", formula2="168"), "Hours worked",
                  "A number of hours from 0 to 168.", "Only for a shift under way when it is cancelled: hours each position had worked.")
        for cell, title in (("C4", "Customer"), ("C5", "Venue / location"), ("C9", "Prepared by")):
            _validate(ws, cell, DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500"), title,
                      "At most 500 characters.", "Shown on the quote." if cell != "C5" else "Where the officers work.")
        put_text(ws, "C6", spec.job_types[spec.default_job_type].label)
        ws["G6"] = "=IF(INDEX(JobPermit,MATCH(Calc!$A$2,JobKeys,0))=\"\",\"\",\"Permit needed\")"
        ws["G6"].font = _HINT
        _drop_down(ws, "C6", "JobLabels", "Choose a job type from the list.", "Job type", "The kind of job: it sets the rates.")

        header_row = FIRST - 1
        heads = {"date": "Date", "start": "Start", "end": "End", "officers": "Officers", "vehicles": "Vehicles",
                 "priority": "Priority", "hours": "Hours", "tier": "Rate tier",
                 "supervisors": "Supervisors among them" if spec.staffing and spec.staffing.mode == "substituted" else "Supervisors added",
                 "billed": "Billed hours each", "amount": "Amount", "charge": "If cancelled"}
        ws[f"A{header_row}"] = "Shift"
        for key, letter in cols.items():
            ws[f"{letter}{header_row}"] = heads[key]
        for cell in ws[header_row][: _index(last_col)]:
            cell.font, cell.fill, cell.border = _WHITE, _HEAD_FILL, _BOX
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.row_dimensions[header_row].height = 45
        ws[f"A{header_row - 1}"] = "End times at or before the start time are the next day. A shift is at most 24 hours."
        ws[f"A{header_row - 1}"].font = _HINT
        formats = {"date": DATE, "start": TIME, "end": TIME, "officers": "0", "vehicles": "0"}
        for r in range(FIRST, FIRST + self.lines):
            ws[f"A{r}"] = r - FIRST + 1
            for key in ("date", "start", "end", "officers", "vehicles", "priority"):
                if key in cols:
                    cell = ws[f"{cols[key]}{r}"]
                    cell.fill, cell.protection, cell.border = _INPUT_FILL, _UNLOCKED, _BOX
                    cell.number_format = formats.get(key, "General")
            ok = self.calc_ref("ok", r)
            ws[f"{cols['hours']}{r}"] = f"=IF({ok}=1,{self.calc_ref('m', r)}/60,\"\")"
            ws[f"{cols['tier']}{r}"] = f"={self.calc_ref('tier', r)}"
            ws[f"{cols['supervisors']}{r}"] = f"=IF({ok}=1,{self.calc_ref('supervisors', r)},\"\")"
            ws[f"{cols['billed']}{r}"] = f"=IF({ok}=1,{self.calc_ref('billed', r)}/60,\"\")"
            ws[f"{cols['amount']}{r}"] = f"=IF({ok}=1,{self.calc_ref('amount', r)},\"\")"
            ws[f"{cols['charge']}{r}"] = f"=IF({self.calc_ref('cx', r)}=1,{self.calc_ref('high', r)},\"\")"
            ws[f"{cols['charge']}{r}"].number_format = MONEY
            for key, fmt in (("hours", HOURS), ("billed", HOURS), ("amount", MONEY), ("supervisors", "0")):
                ws[f"{cols[key]}{r}"].number_format = fmt
            for cell in ws[r][: _index(last_col)]:
                cell.border = _BOX
        first_input, last_row = FIRST, FIRST + self.lines - 1
        years = (str(_serial(dt.date(HOLIDAY_YEARS.start, 1, 1))), str(_serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 30))))
        for key, rule, title, error, prompt in (
            ("date", DataValidation(type="date", operator="between", formula1=years[0], formula2=years[1]), "Date",
             f"A date from {HOLIDAY_YEARS.start} to {HOLIDAY_YEARS.stop - 1}.", "The day the shift starts."),
            ("start", DataValidation(type="time", operator="between", formula1="0", formula2="0.999988426"), "Start",
             "A time of day, such as 18:00.", "When the shift starts, such as 18:00."),
            ("end", DataValidation(type="time", operator="between", formula1="0", formula2="0.999988426"), "End",
             "A time of day, such as 02:00.", "When it ends; at or before the start is the next day."),
            ("officers", DataValidation(type="whole", operator="between", formula1="1", formula2=str(MAX_OFFICERS)),
             "Officers", f"A whole number from 1 to {MAX_OFFICERS:,}.", "Officers requested for the shift."),
            ("vehicles", DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_OFFICERS)),
             "Vehicles", "A whole number from 0, at most one per position.", "Vehicles requested; blank for none."),
        ):
            _validate(ws, f"{cols[key]}{first_input}:{cols[key]}{last_row}", rule, title, error, prompt)
        if self.choices:
            _drop_down(ws, f"{cols['priority']}{first_input}:{cols['priority']}{last_row}", "Priorities",
                       "Choose a priority from the list, or leave it blank.", "Priority", "Blank for the usual rate.")

        total_row = self.total_row
        label_col = get_column_letter(_index(cols["amount"]) - 1)
        ws[f"{label_col}{total_row}"] = "Total"
        ws[f"{label_col}{total_row}"].font = _BOLD
        total = ws[f"{cols['amount']}{total_row}"]
        problems = self._problems()
        total.value = f"=IF({problems[0]}<>\"\",{text(NOT_PRICED)},SUM({self.calc_ref('amount')}))"
        if spec.fees:
            total.value = f"=IF({problems[0]}<>\"\",{text(NOT_PRICED)},SUM({cols['amount']}{self.charges_row}:{cols['amount']}{total_row - 1}))"
            self._fees(ws, label_col)
        incomplete = f"SUM({self.calc_ref('incomplete')})>0"
        ws[f"{label_col}{total_row}"] = f"=IF({incomplete},\"Total (incomplete)\",\"Total\")"
        total.number_format, total.font, total.border = MONEY, Font(name=_FONT, bold=True, size=12), _BOX
        self.total_cell = f"{cols['amount']}{total_row}"
        self.name("QuoteTotal", ws, f"${cols['amount']}${total_row}")
        charge_col = cols["charge"]
        charge = ws[f"{charge_col}{total_row}"]

        def capped(x: str) -> str:  # never more than the full quote, when that is complete (cancellation._Charging)
            return f"IF(SUM({self.calc_ref('incomplete')})=0,MIN({x},{self.total_cell}),{x})"

        high = f"SUM({self.calc_ref('high')})"
        low = f"SUM({self.calc_ref('low')})"
        if spec.fees:  # the fees go on the charge too: the high end's in their rows, the low end's worked out here
            high = f"SUM({charge_col}{self.charges_row}:{charge_col}{total_row - 1})"
            on_low = "+".join(self.fee_formula(f, low, "cpm", f"SUM({self.calc_ref('high')})>0") for f in spec.fees.values())
            low = f"({low}+IF(SUM({self.calc_ref('high')})>0,{on_low},0))"
        charge.value = f"=IF(ISNUMBER($C$10),IF({problems[1]}<>\"\",{text(NOT_PRICED)},{capped(high)}),\"\")"
        low = capped(low)
        charge.number_format, charge.font, charge.border = MONEY, Font(name=_FONT, bold=True, size=12), _BOX
        low_cell = ws[f"{charge_col}{total_row + 1}"]  # a number: the reader's Excel shows it with its own separators
        low_cell.value = f"=IF(ISNUMBER({charge_col}{total_row}),IF({low}<{charge_col}{total_row},{low},\"\"),\"\")"
        low_cell.number_format = '"from $"#,##0.00'
        self.name("CancellationCharge", ws, f"${charge_col}${total_row}")
        label = get_column_letter(_index(cols["amount"]) - 2)
        for row, words, formula in (
            (4, f"=IF({incomplete},\"Quote total (incomplete)\",\"Quote total\")", f"={cols['amount']}{total_row}"),
            (6, "If cancelled", f"={charge_col}{total_row}"),
        ):
            ws[f"{label}{row}"], ws[f"{label}{row}"].font = words, _BIG
            ws[f"{label}{row}"].alignment = Alignment(horizontal="right")
            cell = ws[f"{cols['amount']}{row}"]
            cell.value, cell.number_format, cell.font = formula, MONEY, _BIG
            ws.merge_cells(f"{cols['amount']}{row}:{charge_col}{row}")
        ws[f"{cols['amount']}{7}"] = f"={charge_col}{total_row + 1}"
        warnings = self._warnings()
        shown = f"COUNTIF(A{total_row + 3}:A{total_row + 2 + len(warnings)},\"?*\")>0"  # the warning rows, not the notes
        ws[f"{label}{8}"] = (f"=IF({problems[0]}<>\"\",{problems[0]},IF(AND(ISNUMBER($C$10),{problems[1]}<>\"\"),{problems[1]},"
                             f"IF({shown},\"See the warnings under the shifts.\",\"\")))")
        ws[f"{label}{8}"].font = Font(name=_FONT, bold=True, color="C00000")
        self.name("CancellationLow", ws, f"${charge_col}${total_row + 1}")
        self._input_names()

        row = total_row + 2
        ws[f"A{row}"], ws[f"A{row}"].font = "Warnings", _BOLD
        # Each warning's formula in Calc, numbered as it shows; the Quote lists those that show, one under the other.
        base = FIRST + self.lines + 2
        for i, formula in enumerate(warnings):
            self.calc[f"A{base + i}"] = formula
            self.calc[f"B{base + i}"] = f"=IF(A{base + i}<>\"\",1,0)" + (f"+B{base + i - 1}" if i else "")
        listed = f"Calc!$A${base}:$A${base + len(warnings) - 1}", f"Calc!$B${base}:$B${base + len(warnings) - 1}"
        for k in range(1, len(warnings) + 1):
            row += 1
            ws[f"A{row}"] = f"=IFERROR(INDEX({listed[0]},MATCH({k},{listed[1]},0)),\"\")"
            ws[f"A{row}"].font = Font(name=_FONT, color="C00000")
        row += 2
        ws[f"A{row}"], ws[f"A{row}"].font = "Notes", _BOLD
        for note in self.a.notes({"general", "rates", "holidays", "minimum", "vehicles", "staffing", "notice", "overtime"}):
            row += 1
            put_text(ws, f"A{row}", f"• {note.text}").alignment = _WRAP
            ws.merge_cells(f"A{row}:{last_col}{row}")
            ws.row_dimensions[row].height = 15 * (1 + len(note.text) // 150)
        self.last_row = row
        _widths(ws, {"A": 7, **{cols[k]: w for k, w in (("date", 16), ("start", 8), ("end", 8), ("officers", 10),
                                                       ("vehicles", 10), ("priority", 14), ("hours", 8), ("tier", TIER_WIDTH),
                                                       ("supervisors", 12), ("billed", 10), ("amount", 13), ("charge", 13)) if k in cols}})
        ws.protection.sheet = True
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.print_area = f"A1:{last_col}{row}"
        ws.page_setup.orientation = "portrait"  # a quote of all its lines, warnings and notes on one page
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddHeader.left.text = spec.name.replace("&", "&&")
        ws.oddHeader.right.text = "&D"
        ws.oddFooter.center.text = "Page &P of &N"
        ws.freeze_panes = f"A{FIRST}"

    def _input_names(self) -> None:
        """The same names in every agency's workbook for what a script fills in and reads (README: quote workbooks)."""
        ws, cols, first, last = self.quote, self.inputs, FIRST, FIRST + self.lines - 1
        cells = {"Customer": "C4", "Venue": "C5", "JobType": "C6", "RequestedAt": "C7", "PreparedOn": "C8",
                 "PreparedBy": "C9", "CancelledAt": "C10", "HoursWorked": "C11"}
        if self.spec.cancellation and self.spec.cancellation.reasons:
            cells["CancellationReason"] = "C12"
        if self.customer_cell:
            cells["CustomerClass"] = self.customer_cell
        for name, ref in cells.items():
            self.name(name, ws, f"${ref[0]}${ref[1:]}")
        last_input = [k for k in ("date", "start", "end", "officers", "vehicles", "priority") if k in cols][-1]
        self.name("Shifts", ws, f"${cols['date']}${first}:${cols[last_input]}${last}")
        for key, name in SHIFT_NAMES.items():
            if key in cols:
                self.name(name, ws, f"${cols[key]}${first}:${cols[key]}${last}")
        self.name("QuoteProblem", self.calc, "$A$6")

    def _problems(self) -> tuple[str, str]:
        """Cells saying why the quote, and why the cancellation charge, cannot be priced ("" when they can).

        The engine refuses such input outright; the workbook shows the reason instead of a number.
        """
        ws = self.calc
        lines = f"COUNTIF({self.calc_ref('why')},\"?*\")>0"
        ws["A5"], ws["B5"] = "quote problem", "charge problem"
        ws["A6"] = (f"=IF({lines},{text('A shift line cannot be priced: see its Rate tier.')},"
                    f"IF(AND(Quote!$C$7<>\"\",NOT(ISNUMBER(Quote!$C$7))),{text(WORDS['requested'])},\"\"))")
        ws["B6"] = (f"=IF(Calc!$A$6<>\"\",Calc!$A$6,IF(AND(Quote!$C$10<>\"\",NOT(ISNUMBER(Quote!$C$10))),{text(WORDS['cancelled'])},"
                    f"IF(AND(Quote!$C$11<>\"\",OR(NOT(ISNUMBER(Quote!$C$11)),N(Quote!$C$11)<0,N(Quote!$C$11)>168)),{text(WORDS['worked'])},"
                    f"IF(AND(ISNUMBER(Quote!$C$7),ISNUMBER(Quote!$C$10),N(Quote!$C$10)<N(Quote!$C$7)),{text(WORDS['before'])},\"\"))))")
        return "Calc!$A$6", "Calc!$B$6"

    def _fees(self, ws, label_col: str) -> None:
        """The shift lines' charges, then each fee added on top (engine._add_fees), with the customer class input."""
        spec, amount = self.spec, self.inputs["amount"]
        row = self.charges_row
        ws[f"{label_col}{row}"] = "Charges"
        ws[f"{amount}{row}"] = f"=SUM({self.calc_ref('amount')})"
        ws[f"{amount}{row}"].number_format, ws[f"{amount}{row}"].border = MONEY, _BOX
        if self.customer_cell:
            ws[f"A{row + 1}"], ws[f"A{row + 1}"].font = "Customer class", _BOLD
            ws.merge_cells(f"C{row + 1}:F{row + 1}")
            cell = ws[self.customer_cell]
            cell.fill, cell.protection, cell.border = _INPUT_FILL, _UNLOCKED, _BOX
            ws[f"A{row + 2}"] = "Blank for any other customer."
            ws[f"A{row + 2}"].font = _HINT
            _drop_down(ws, self.customer_cell, "Classes", "Choose a class from the list, or leave it blank.", "Customer class")
        charge, high = self.inputs["charge"], f"SUM({self.calc_ref('high')})"
        ws[f"{charge}{row}"] = f"=IF(ISNUMBER($C$10),{high},\"\")"
        ws[f"{charge}{row}"].number_format, ws[f"{charge}{row}"].border = MONEY, _BOX
        charges = f"${amount}${row}"
        for fee in spec.fees.values():
            row += 1
            put_text(ws, f"{label_col}{row}", fee.label)
            if fee.percent is not None:  # with the customer's percentage, as the engine's line says it
                ws[f"{label_col}{row}"] = f"={text(fee.label)}&\" (\"&{self.figure(fee)}&\"%)\""
            ws[f"{label_col}{row}"].alignment = Alignment(horizontal="right")
            ws[f"{amount}{row}"] = "=" + self.fee_formula(fee, charges, "posmin", f"SUM({self.calc_ref('ok')})>0")
            on_charge = self.fee_formula(fee, high, "cpm", f"{high}>0")
            ws[f"{charge}{row}"] = f"=IF(ISNUMBER($C$10),IF({high}>0,{on_charge},0),\"\")"
            for col in (amount, charge):
                ws[f"{col}{row}"].number_format, ws[f"{col}{row}"].border = MONEY, _BOX

    def figure(self, fee) -> str:
        """A fee's figure for the customer class chosen on the Quote sheet (the usual one for any other)."""
        return fee.figure_formula(f"$C${self.charges_row + 1}", lambda key: self.spec.customer_classes[key].label)

    def fee_formula(self, fee, base: str, minutes: str, any_charge: str) -> str:
        """One fee on top (rules.fees): of `base`, of the Calc column `minutes` summed, or once when `any_charge`."""
        return fee.kind.formula(self.figure(fee), base, f"SUM({self.calc_ref(minutes)})", any_charge)

    def _warnings(self) -> list[str]:
        spec, out = self.spec, []

        def any_line(name: str) -> str:
            return f"SUM({self.calc_ref(name)})>0"

        permit = "INDEX(JobPermit,MATCH(Calc!$A$2,JobKeys,0))"
        out.append(f"=IF(AND(SUM({self.calc_ref('ok')})>0,{permit}<>\"\"),{permit},\"\")")
        out.append(f"=IF({any_line('incomplete')},{text('Some positions cannot be priced: the agency publishes no rate for them (see Rates). The total leaves them out.')},\"\")")
        if spec.lead_time:
            words = f"A shift was requested less than {_num(spec.lead_time.required_hours)} hours before it starts; {spec.short_name} asks for that much notice."
            out.append(f"=IF({any_line('short')},{text(words)},\"\")")
        if self.choices:
            out.append(f"=IF({any_line('below')},{text('A higher rate than the priority chosen is required for some hours; the higher required rate applies to them.')},\"\")")
        if spec.vehicles is None:
            out.append(f"=IF({any_line('novehicle')},{text(spec.short_name + ' publishes no vehicle rate: the vehicles requested are not priced.')},\"\")")
        elif spec.vehicles.required != "never":
            v = spec.vehicles
            when = v.when_required()
            words = f"Vehicles are required on {when}: one vehicle per position is priced."
            out.append(f"=IF({any_line('vehneeded')},{text(words)},\"\")")
        out.append(f"=IF(AND(N(Quote!$C$11)>0,ISNUMBER(Quote!$C$10),SUM({self.calc_ref('running')})=0),{text('Hours worked were given, but no shift was under way when the job was cancelled: they are left out.')},\"\")")
        out.append(f"=IF({any_line('feemissing')},{text(spec.short_name + ' does not publish its administrative fee: the cancellation charge leaves it out.')},\"\")")
        out.append(f"=IF({any_line('nopolicy')},{text(spec.short_name + ' publishes no cancellation policy: no charge can be worked out.')},\"\")")
        if self.a.earlier:  # the formulas hold the newest schedule only
            cells = f"Quote!${self.inputs['date']}${FIRST}:${self.inputs['date']}${FIRST + self.lines - 1}"
            since = spec.effective
            words = (f"A shift starts before {since:%d %B %Y}, when this schedule took effect: this workbook prices it by "
                     f"this schedule; the earlier one applies to it (DETAIL_QUOTE and the command line use it).")
            out.append(f"=IF(SUMPRODUCT(ISNUMBER({cells})*({cells}<{_serial(since)}))>0,{text(words)},\"\")")
        for rule in (r for r in spec.prohibited if r.venues):
            hits = ",".join(f"ISNUMBER(SEARCH({text(v)},Quote!$C$5))" for v in rule.venues)
            out.append(f"=IF(OR({hits}),{text(rule.text)},\"\")")
        return out


TIER_WIDTH = 27  # the Rate tier column, which also says why a line cannot be priced
SHIFT_NAMES = {  # the Quote sheet's columns of shift lines, by the names every agency's workbook gives them
    "date": "ShiftDates", "start": "ShiftStarts", "end": "ShiftEnds", "officers": "ShiftOfficers", "vehicles": "ShiftVehicles",
    "priority": "ShiftPriorities", "hours": "ShiftHours", "tier": "ShiftTiers", "supervisors": "ShiftSupervisors",
    "billed": "ShiftBilledHours", "amount": "ShiftAmounts", "charge": "ShiftCharges",
}
NOT_PRICED = "cannot be priced"
WORDS = {  # why a job-wide input cannot be priced, as the engine would refuse it
    "requested": "Request made on: a date and time, such as 2026-12-01 09:00.",
    "cancelled": "Cancelled on: a date and time, such as 2026-12-24 12:00.",
    "worked": "Hours worked: a number of hours from 0 to 168.",
    "before": "Cancelled on: a job cannot be cancelled before it was requested.",
}


def build(agency: Agency, out_dir: Path, lines: int = LINES) -> Path:
    """Write `agency`'s quote workbook, with `lines` shift lines, into `out_dir` and return its path."""
    builder = Builder(agency, lines)
    return save(builder.build(), Path(out_dir) / file_name(agency))


# --- small helpers ---------------------------------------------------------------------------

def _lines(line) -> str:
    if line is None:
        return ""
    return ", ".join(map(str, line)) if isinstance(line, (list, tuple)) else str(line)


def _index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def _drop_down(ws, ref: str, source: str, error: str, title: str, prompt: str | None = None) -> None:
    """A list to choose from, in the cells at `ref`, of the values the defined name `source` holds."""
    _validate(ws, ref, DataValidation(type="list", formula1=f"={source}"), title, error, prompt)


def _validate(ws, ref: str, rule: DataValidation, title: str, error: str, prompt: str | None = None) -> None:
    """Excel's own check on the input cells at `ref`: `error` when a value breaks `rule`, `prompt` on selecting one."""
    rule.allow_blank, rule.error, rule.errorTitle = True, error, title
    if prompt:
        rule.prompt, rule.promptTitle, rule.showInputMessage = prompt, title, True
    ws.add_data_validation(rule)
    rule.add(ref)


def _widths(ws, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
