"""The Quote sheet of a quote workbook: what a coordinator fills in, what the job costs, and what it prints.

Every figure here reads the Calc sheet's columns (`calc`, `cancel_columns`);
the layout is shared by every agency, so scripts find the same defined names
in each workbook (README: quote workbooks).
"""

from __future__ import annotations

import datetime as dt
from copy import copy

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .calc import FIRST
from .formulas import serial, text
from .rules.fees import FeeRefs
from .line_checks import HOLIDAY_YEARS
from .quotes import MAX_OFFICERS
from .rules.facts import MAX_COUNT, cell_name
from .rules.payment import deposit_formula
from .sheets import (
    BIG, BOLD, BOX, DATE, FONT, HEAD_FILL, HINT, HOURS, INPUT_FILL, MONEY, STAMP, TIME, TITLE, UNLOCKED, WHITE, WRAP,
    drop_down, index, put_text, validate, widths, wrapped_height,
)

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


class QuoteSheet:
    """The Quote sheet's part of the workbook builder (workbook.Builder)."""

    def _quote(self) -> None:
        """The Quote sheet: the job's inputs, the shift lines, the totals and charge, warnings, notes, print setup."""
        self._cover()
        self._job_facts()
        self._shift_lines()
        problems = self._problems()
        incomplete = self._total(problems)
        self._charge(problems)
        warnings = self._warnings()
        self._headline(problems, incomplete, warnings)
        self._input_names()
        row = self._warning_rows(warnings)
        self._notes_and_print(row)

    def _cover(self) -> None:
        """The job's inputs above the lines: customer, venue, job type, request and cancellation times."""
        ws, spec = self.quote, self.spec
        put_text(ws, "A1", f"{spec.name}: off-duty detail quote").font = TITLE
        broker = f", through {spec.broker}" if spec.broker else ""
        effective = f", schedule effective {spec.effective:%d %B %Y}" if spec.effective else ""
        ws["A2"] = f"Priced by the agency's published rates{broker}{effective}. Yellow cells are yours to fill in."
        fields = [
            (4, "Customer", None), (5, "Venue / location", None), (6, "Job type", None),
            (7, "Request made on", STAMP), (8, "Quote prepared on", DATE), (9, "Prepared by", None),
        ]
        for row, label, fmt in fields:
            ws[f"A{row}"] = label
            ws[f"A{row}"].font = BOLD
            ws.merge_cells(f"C{row}:F{row}")
            cell = ws[f"C{row}"]
            cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, BOX
            if fmt:
                cell.number_format = fmt
        for row, label, fmt in ((10, "Cancelled on", STAMP), (11, "Hours worked", HOURS)):
            ws[f"A{row}"], ws[f"A{row}"].font = label, BOLD
            ws.merge_cells(f"C{row}:F{row}")
            cell = ws[f"C{row}"]
            cell.fill, cell.protection, cell.border, cell.number_format = INPUT_FILL, UNLOCKED, BOX, fmt
        self._cover_checks()

    def _job_facts(self) -> None:
        """The facts of the event the agency prices by, beside the job's inputs: one input each, named Fact_<name>."""
        ws, cols = self.quote, self.inputs
        if not self.spec.fees and self.customer_cell:  # no fee row needs it under the lines
            self._aside(self.customer_cell, "Customer class")
            drop_down(ws, self.customer_cell, "Classes", "Choose a class from the list, or leave it blank.", "Customer class")
        for name, cell in self.fact_cells.items():
            fact = self.spec.facts[name]
            self._aside(cell, fact.label)
            self.name(cell_name(name), ws, f"${cols['supervisors']}${cell[len(cols['supervisors']):]}")
            if fact.kind == "yes_no":
                rule, error = DataValidation(type="list", formula1='"Yes,No"'), "Yes or No."
            elif fact.kind == "count":
                rule = DataValidation(type="whole", operator="between", formula1="0", formula2=str(MAX_COUNT))
                error = f"A whole number from 0 to {MAX_COUNT:,}."
            else:
                rule, error = DataValidation(type="list", formula1='"' + ",".join(fact.choices) + '"'), \
                    f"One of: {', '.join(fact.choices)}."
            validate(ws, cell, rule, fact.label, error, "A fact of the event the agency prices by; blank is no, 0 or none.")

    def _aside(self, cell: str, label: str) -> None:
        """An input beside the job's: its label right-aligned in the Rate tier column, the input over the next two."""
        ws, cols = self.quote, self.inputs
        row = int(cell[len(cols["supervisors"]):])
        shown = put_text(ws, f"{cols['tier']}{row}", label)
        shown.font, shown.alignment = BOLD, Alignment(horizontal="right")
        ws.merge_cells(f"{cell}:{cols['billed']}{row}")
        ws[cell].fill, ws[cell].protection, ws[cell].border = INPUT_FILL, UNLOCKED, BOX

    def _cover_checks(self) -> None:
        """Excel's own checks and drop-downs on the job's inputs."""
        ws, spec = self.quote, self.spec
        reasons = self.spec.cancellation.reasons if self.spec.cancellation else {}
        if reasons:
            ws["A12"], ws["A12"].font = "Cancellation reason", BOLD
            ws.merge_cells("C12:F12")
            cell = ws["C12"]
            cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, BOX
            drop_down(ws, "C12", "Reasons", "Choose a reason from the list, or leave it blank.", "Cancellation reason",
                       "Only where the agency has terms for the reason; blank for any other.")
        years = (str(serial(dt.date(HOLIDAY_YEARS.start - 1, 1, 1))), str(serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 31))))
        moment = lambda: DataValidation(type="date", operator="between", formula1=years[0], formula2=years[1] + ".99999")  # noqa: E731
        validate(ws, "C7", moment(), "Request made on", "A date and time, such as 2026-12-01 09:00.",
                  "When the customer asked. Blank if not known: short-notice rates then do not apply.")
        validate(ws, "C8", DataValidation(type="date", operator="between", formula1=years[0], formula2=years[1]),
                  "Quote prepared on", "A date, such as 2026-12-02.", "The date this quote is written.")
        validate(ws, "C10", moment(), "Cancelled on", "A date and time, such as 2026-12-24 12:00.",
                  "Fill in to see what cancelling the job costs.")
        validate(ws, "C11", DataValidation(type="decimal", operator="between", formula1="0", formula2="168"), "Hours worked",
                  "A number of hours from 0 to 168.", "Only for a shift under way when it is cancelled: hours each position had worked.")
        for cell, title in (("C4", "Customer"), ("C5", "Venue / location"), ("C9", "Prepared by")):
            validate(ws, cell, DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500"), title,
                      "At most 500 characters.", "Shown on the quote." if cell != "C5" else "Where the officers work.")
        put_text(ws, "C6", spec.job_types[spec.default_job_type].label)
        ws["G6"] = "=IF(INDEX(JobPermit,MATCH(Calc!$A$2,JobKeys,0))=\"\",\"\",\"Permit needed\")"
        ws["G6"].font = HINT
        drop_down(ws, "C6", "JobLabels", "Choose a job type from the list.", "Job type", "The kind of job: it sets the rates.")


    def _shift_lines(self) -> None:
        """The shift lines: the header, each line's inputs and the figures its Calc row works out."""
        ws, spec, cols = self.quote, self.spec, self.inputs
        last_col = cols["charge"]
        header_row = FIRST - 1
        heads = {"date": "Date", "start": "Start", "end": "End", "officers": "Officers", "vehicles": "Vehicles",
                 "priority": "Priority", "hours": "Hours", "tier": "Rate tier",
                 "supervisors": "Supervisors among them" if spec.staffing and spec.staffing.mode == "substituted" else "Supervisors added",
                 "billed": "Billed hours each", "amount": "Amount", "charge": "If cancelled"}
        ws[f"A{header_row}"] = "Shift"
        for key, letter in cols.items():
            ws[f"{letter}{header_row}"] = heads[key]
        for cell in ws[header_row][: index(last_col)]:
            cell.font, cell.fill, cell.border = WHITE, HEAD_FILL, BOX
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.row_dimensions[header_row].height = 45
        ws[f"A{header_row - 1}"] = "End times at or before the start time are the next day. A shift is at most 24 hours."
        ws[f"A{header_row - 1}"].font = HINT
        width = index(last_col)
        for r in range(FIRST, FIRST + self.lines):
            ws[f"A{r}"] = r - FIRST + 1
            ok = self.calc_ref("ok", r)
            ws[f"{cols['hours']}{r}"] = f"=IF({ok}=1,{self.calc_ref('m', r)}/60,\"\")"
            ws[f"{cols['tier']}{r}"] = f"={self.calc_ref('tier', r)}"
            ws[f"{cols['supervisors']}{r}"] = f"=IF({ok}=1,{self.calc_ref('supervisors', r)},\"\")"
            ws[f"{cols['billed']}{r}"] = f"=IF({ok}=1,{self.calc_ref('billed', r)}/60,\"\")"
            ws[f"{cols['amount']}{r}"] = f"=IF({ok}=1,{self.calc_ref('amount', r)},\"\")"
            ws[f"{cols['charge']}{r}"] = f"=IF({self.calc_ref('cx', r)}=1,{self.calc_ref('high', r)},\"\")"
            if r == FIRST:
                self._line_styles(r, width)
                first = ws[r][:width]
            else:  # each line looks like the first: its cells take the first line's styles, as openpyxl copies a sheet
                for cell, like in zip(ws[r][:width], first):
                    cell._style = copy(like._style)
        self._line_input_checks()

    def _line_styles(self, r: int, width: int) -> None:
        """A shift line's look: its inputs' fill, protection and formats, its figures' formats, and a box round each cell."""
        ws, cols = self.quote, self.inputs
        formats = {"date": DATE, "start": TIME, "end": TIME, "officers": "0", "vehicles": "0"}
        for key in ("date", "start", "end", "officers", "vehicles", "priority"):
            if key in cols:
                cell = ws[f"{cols[key]}{r}"]
                cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, BOX
                cell.number_format = formats.get(key, "General")
        ws[f"{cols['charge']}{r}"].number_format = MONEY
        for key, fmt in (("hours", HOURS), ("billed", HOURS), ("amount", MONEY), ("supervisors", "0")):
            ws[f"{cols[key]}{r}"].number_format = fmt
        for cell in ws[r][:width]:
            cell.border = BOX

    def _line_input_checks(self) -> None:
        """Excel's own checks on each column of the lines' inputs."""
        ws, cols = self.quote, self.inputs
        first_input, last_row = FIRST, FIRST + self.lines - 1
        years = (str(serial(dt.date(HOLIDAY_YEARS.start, 1, 1))), str(serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 30))))
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
            validate(ws, f"{cols[key]}{first_input}:{cols[key]}{last_row}", rule, title, error, prompt)
        if self.choices:
            drop_down(ws, f"{cols['priority']}{first_input}:{cols['priority']}{last_row}", "Priorities",
                       "Choose a priority from the list, or leave it blank.", "Priority", "Blank for the usual rate.")


    def _total(self, problems: tuple[str, str]) -> str:
        """The total under the lines (the charges and each fee on top first, where the agency adds fees)."""
        ws, spec, cols = self.quote, self.spec, self.inputs
        total_row = self.total_row
        label_col = get_column_letter(index(cols["amount"]) - 1)
        ws[f"{label_col}{total_row}"] = "Total"
        ws[f"{label_col}{total_row}"].font = BOLD
        total = ws[f"{cols['amount']}{total_row}"]
        problems = self._problems()
        total.value = f"=IF({problems[0]}<>\"\",{text(NOT_PRICED)},SUM({self.calc_ref('amount')}))"
        if spec.fees:
            total.value = f"=IF({problems[0]}<>\"\",{text(NOT_PRICED)},SUM({cols['amount']}{self.charges_row}:{cols['amount']}{total_row - 1}))"
            self._fees(ws, label_col)
        incomplete = f"SUM({self.calc_ref('incomplete')})>0"
        ws[f"{label_col}{total_row}"] = f"=IF({incomplete},\"Total (incomplete)\",\"Total\")"
        total.number_format, total.font, total.border = MONEY, Font(name=FONT, bold=True, size=12), BOX
        self.total_cell = f"{cols['amount']}{total_row}"
        self.name("QuoteTotal", ws, f"${cols['amount']}${total_row}")
        return incomplete

    def _charge(self, problems: tuple[str, str]) -> None:
        """What cancelling costs, beside the total: the high end, and the low end under it where they differ."""
        ws, spec, cols, total_row = self.quote, self.spec, self.inputs, self.total_row
        charge_col = cols["charge"]
        charge = ws[f"{charge_col}{total_row}"]

        def capped(x: str) -> str:  # never more than the full quote, when that is complete (cancellation._Charging)
            return f"IF(SUM({self.calc_ref('incomplete')})=0,MIN({x},{self.total_cell}),{x})"

        high, low = f"SUM({self.calc_ref('high')})", f"SUM({self.calc_ref('low')})"
        if spec.fees:  # the fees go on the charge too: the high end's in their rows, the low end's worked out here
            before: list[str] = []  # each fee's low end, for a fee taken of the fees before it
            for i, f in enumerate(spec.fees.values()):
                on_low = self.fee_formula(i, f, low, "cpm", f"{high}>0", "cvam", "+".join(before) or "0")
                before.append(self.fee_charged(i, f"IF({high}>0,{on_low},0)"))
            low = f"({low}+{'+'.join(before)})"
            high = f"SUM({charge_col}{self.charges_row}:{charge_col}{total_row - 1})"
        if spec.cancellation and spec.cancellation.flat_fees:  # a window's fee of its own, once, after the fees on top
            low = f"({low}+Calc!$B$4)"
            high = f"({high}+Calc!$B$4)" if not spec.fees else high
        if spec.cancellation and any(w.keeps_deposit for w in spec.cancellation.all_windows):
            # the charge is at least the job's deposit on the full quote (cancellation._Charging.finish)
            flags = [self.calc_ref(f"pw{i}", FIRST) for i in range(len(spec.payment_when))]
            kept = f"IF(Calc!$C$4=1,{deposit_formula(spec, self.total_cell, flags)},0)"
            high, low = f"MAX({high},{kept})", f"MAX({low},{kept})"
        charge.value = f"=IF(ISNUMBER($C$10),IF({problems[1]}<>\"\",{text(NOT_PRICED)},{capped(high)}),\"\")"
        low = capped(low)
        charge.number_format, charge.font, charge.border = MONEY, Font(name=FONT, bold=True, size=12), BOX
        low_cell = ws[f"{charge_col}{total_row + 1}"]  # a number: the reader's Excel shows it with its own separators
        low_cell.value = f"=IF(ISNUMBER({charge_col}{total_row}),IF({low}<{charge_col}{total_row},{low},\"\"),\"\")"
        low_cell.number_format = '"from $"#,##0.00'
        self.name("CancellationCharge", ws, f"${charge_col}${total_row}")

    def _headline(self, problems: tuple[str, str], incomplete: str, warnings: list[str]) -> None:
        """The quote total and the charge in large type at the top, and why either cannot be priced."""
        ws, cols, total_row, charge_col = self.quote, self.inputs, self.total_row, self.inputs["charge"]
        label = get_column_letter(index(cols["amount"]) - 2)
        for row, words, formula in (
            (4, f"=IF({incomplete},\"Quote total (incomplete)\",\"Quote total\")", f"={cols['amount']}{total_row}"),
            (6, "If cancelled", f"={charge_col}{total_row}"),
        ):
            ws[f"{label}{row}"], ws[f"{label}{row}"].font = words, BIG
            ws[f"{label}{row}"].alignment = Alignment(horizontal="right")
            cell = ws[f"{cols['amount']}{row}"]
            cell.value, cell.number_format, cell.font = formula, MONEY, BIG
            ws.merge_cells(f"{cols['amount']}{row}:{charge_col}{row}")
        ws[f"{cols['amount']}{7}"] = f"={charge_col}{total_row + 1}"
        shown = f"COUNTIF(A{total_row + 3}:A{total_row + 2 + len(warnings)},\"?*\")>0"  # the warning rows, not the notes
        ws[f"{label}{8}"] = (f"=IF({problems[0]}<>\"\",{problems[0]},IF(AND(ISNUMBER($C$10),{problems[1]}<>\"\"),{problems[1]},"
                             f"IF({shown},\"See the warnings under the shifts.\",\"\")))")
        ws[f"{label}{8}"].font = Font(name=FONT, bold=True, color="C00000")
        self.name("CancellationLow", ws, f"${charge_col}${total_row + 1}")

    def _warning_rows(self, warnings: list[str]) -> int:
        """The warnings under the shifts: each worked out in Calc, the Quote listing those that show. Returns the last row."""
        ws = self.quote
        row = self.total_row + 2
        ws[f"A{row}"], ws[f"A{row}"].font = "Warnings", BOLD
        # Each warning's formula in Calc, numbered as it shows; the Quote lists those that show, one under the other.
        base = FIRST + self.lines + 2
        for i, formula in enumerate(warnings):
            self.calc[f"A{base + i}"] = formula
            self.calc[f"B{base + i}"] = f"=IF(A{base + i}<>\"\",1,0)" + (f"+B{base + i - 1}" if i else "")
        listed = f"Calc!$A${base}:$A${base + len(warnings) - 1}", f"Calc!$B${base}:$B${base + len(warnings) - 1}"
        for k in range(1, len(warnings) + 1):
            row += 1
            ws[f"A{row}"] = f"=IFERROR(INDEX({listed[0]},MATCH({k},{listed[1]},0)),\"\")"
            ws[f"A{row}"].font = Font(name=FONT, color="C00000")
        return row

    def _notes_and_print(self, row: int) -> None:
        """The agency's notes under the warnings, then the page set up to print the quote on one page."""
        ws, spec, cols, last_col, header_row = self.quote, self.spec, self.inputs, self.inputs["charge"], FIRST - 1
        row += 2
        ws[f"A{row}"], ws[f"A{row}"].font = "Notes", BOLD
        for note in self.a.notes({"general", "rates", "holidays", "minimum", "vehicles", "staffing", "notice", "overtime"}):
            row += 1
            put_text(ws, f"A{row}", f"• {note.text}").alignment = WRAP
            ws.merge_cells(f"A{row}:{last_col}{row}")
            ws.row_dimensions[row].height = wrapped_height(note.text, 150)
        self.last_row = row
        widths(ws, {"A": 7, **{cols[k]: w for k, w in (("date", 16), ("start", 8), ("end", 8), ("officers", 10),
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
        ws[f"{amount}{row}"].number_format, ws[f"{amount}{row}"].border = MONEY, BOX
        if self.customer_cell:
            ws[f"A{row + 1}"], ws[f"A{row + 1}"].font = "Customer class", BOLD
            ws.merge_cells(f"C{row + 1}:F{row + 1}")
            cell = ws[self.customer_cell]
            cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, BOX
            ws[f"A{row + 2}"] = "Blank for any other customer."
            ws[f"A{row + 2}"].font = HINT
            drop_down(ws, self.customer_cell, "Classes", "Choose a class from the list, or leave it blank.", "Customer class")
        charge, high = self.inputs["charge"], f"SUM({self.calc_ref('high')})"
        flat = "+Calc!$B$4" if spec.cancellation and spec.cancellation.flat_fees else ""  # with a window's own fee
        ws[f"{charge}{row}"] = f"=IF(ISNUMBER($C$10),{high}{flat},\"\")"
        ws[f"{charge}{row}"].number_format, ws[f"{charge}{row}"].border = MONEY, BOX
        charges = f"${amount}${row}"
        for i, fee in enumerate(spec.fees.values()):
            row += 1
            put_text(ws, f"{label_col}{row}", fee.label)
            if fee.percent is not None:  # with the customer's percentage, as the engine's line says it
                ws[f"{label_col}{row}"] = f"={text(fee.label)}&\" (\"&{self.figure(fee)}&\"%)\""
            ws[f"{label_col}{row}"].alignment = Alignment(horizontal="right")
            above = f"SUM({{0}}{self.charges_row + 1}:{{0}}{row - 1})" if i else "0"  # the fees before this one
            ws[f"{amount}{row}"] = "=" + self.fee_formula(i, fee, charges, "posmin", f"SUM({self.calc_ref('ok')})>0",
                                                          "vamount", above.format(amount), self.columns.position_ranges())
            on_charge = self.fee_formula(i, fee, high, "cpm", f"{high}>0", "cvam", above.format(charge))
            ws[f"{charge}{row}"] = f"=IF(ISNUMBER($C$10),{self.fee_charged(i, f'IF({high}>0,{on_charge},0)')},\"\")"
            for col in (amount, charge):
                ws[f"{col}{row}"].number_format, ws[f"{col}{row}"].border = MONEY, BOX

    def fee_charged(self, i: int, on_charge: str) -> str:
        """The `i`th fee on top on a cancellation, from its formula `on_charge` on what is charged: at least the
        quote's own fee where a window that keeps the fees caught a line (Calc!$D$4; cancellation._Charging.finish)."""
        if not (self.spec.cancellation and any(w.keeps_fees for w in self.spec.cancellation.all_windows)):
            return on_charge
        return f"MAX(IF(Calc!$D$4=1,{self.inputs['amount']}{self.charges_row + 1 + i},0),{on_charge})"

    def figure(self, fee) -> str:
        """A fee's figure for the customer class chosen on the Quote sheet (the usual one for any other)."""
        return fee.figure_formula(f"$C${self.charges_row + 1}", lambda key: self.spec.customer_classes[key].label)

    def fee_formula(self, i: int, fee, base: str, minutes: str, any_charge: str, vehicles: str, fees: str,
                    positions: tuple[tuple[str, str, str], ...] = ()) -> str:
        """The `i`th fee on top (rules.fees): of `base` (the Calc column `vehicles` summed being the vehicles' part,
        `fees` the fees before it), of the Calc column `minutes` summed, once when `any_charge`, or per officer of the
        job's largest line; 0 where its condition holds on no line."""
        vehicles = f"SUM({self.calc_ref(vehicles)})" if "vamount" in self.columns.letters else "0"
        refs = FeeRefs(base, f"SUM({self.calc_ref(minutes)})", any_charge, f"MAX({self.calc_ref('okpos')})", vehicles, fees,
                       positions)
        formula = fee.kind.formula(fee, self.figure(fee), refs)
        return formula if fee.when is None else f"IF(SUM({self.calc_ref(f'due{i}')})>0,{formula},0)"

    def _warnings(self) -> list[str]:
        spec, out = self.spec, []

        def any_line(name: str) -> str:
            return f"SUM({self.calc_ref(name)})>0"

        permit = "INDEX(JobPermit,MATCH(Calc!$A$2,JobKeys,0))"
        out.append(f"=IF(AND(SUM({self.calc_ref('ok')})>0,{permit}<>\"\"),{permit},\"\")")
        out.append(f"=IF({any_line('unpriced')},{text('Some positions cannot be priced: the agency publishes no rate for them (see Rates). The total leaves them out.')},\"\")")
        if spec.lead_times:
            words = {k: text(f"A shift was requested with less notice than {spec.short_name} asks for ({r.asked}).")
                     for k, r in spec.lead_times.items()}
            said = self.columns.by_job_type(words, '""')
            out.append(f"=IF({any_line('short')},{said},\"\")")
        if spec.staffing and spec.staffing.required:
            words = f"{spec.short_name} requires more officers for this job than were requested: the quote prices what it requires."
            out.append(f"=IF({any_line('understaffed')},{text(words)},\"\")")
        if self.choices:
            out.append(f"=IF({any_line('below')},{text('A higher rate than the priority chosen is required for some hours; the higher required rate applies to them.')},\"\")")
        if spec.vehicles is None:
            out.append(f"=IF({any_line('novehicle')},{text(spec.short_name + ' publishes no vehicle rate: the vehicles requested are not priced.')},\"\")")
        if spec.vehicles is not None and spec.vehicles.basis == "unpublished":
            out.append(f"=IF({any_line('novehicle')},{text(spec.short_name + ' publishes no vehicle rate: the vehicles cannot be priced.')},\"\")")
        if spec.vehicles is not None and spec.vehicles.required != "never":
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
            out.append(f"=IF(SUMPRODUCT(ISNUMBER({cells})*({cells}<{serial(since)}))>0,{text(words)},\"\")")
        for rule in (r for r in spec.prohibited if r.venues):
            hits = ",".join(f"ISNUMBER(SEARCH({text(v)},Quote!$C$5))" for v in rule.venues)
            out.append(f"=IF(OR({hits}),{text(rule.text)},\"\")")
        return out
