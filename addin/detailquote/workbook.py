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
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from .agency import Agency
from .calc import FIRST, Calc
from .cancel_columns import cancel_columns
from .explain import rules_in_words
from .line_checks import HOLIDAY_YEARS
from .quote_sheet import NOT_PRICED, SHIFT_NAMES, TIER_WIDTH, WORDS, QuoteSheet
from .sheets import BOLD, DATE, HEAD_FILL, MONEY, STAMP, TIME, TITLE, WHITE, WRAP, page_lines, put_text, widths, wrapped_height
from .xlsx import save

__all__ = ["FIRST", "HOLIDAY_YEARS", "LINES", "NOT_PRICED", "SHIFT_NAMES", "TIER_WIDTH", "WORDS", "Builder", "build",
           "clock_changes", "file_name", "put_text"]

LINES = 25                      # shift lines on the Quote sheet
RULE_WIDTH, RULE_LINE = 90, 105  # the Policy sheet's column of rules and notes; the characters of text a line holds

def file_name(agency: Agency) -> str:
    return f"{agency.key}.xlsx"


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
    step, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    at, before = start, start.astimezone(zone).utcoffset()
    while at < end:
        # A day whose end keeps its start's offset is passed over whole: clocks change at most once a day.
        if at + day <= end and (at + day).astimezone(zone).utcoffset() == before:
            at += day
            continue
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


class Builder(QuoteSheet):
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
        # Beside the job's inputs, from row 9: the job's facts (rulebook: at most 4), and the customer class where no
        # fee needs it under the lines, beside the charges.
        aside = not self.spec.fees and bool(self.spec.customer_classes)
        beside = [f"{self.inputs['supervisors']}{9 + i}" for i in range(len(self.spec.facts) + aside)]
        self.fact_cells = dict(zip(self.spec.facts, beside))
        self.customer_cell = (beside[-1] if aside else f"C{self.charges_row + 1}") if self.spec.customer_classes else None

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
        cancel_columns(self.columns)
        self.columns.write()
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
            cell.font, cell.fill = WHITE, HEAD_FILL
        rows = sorted(
            self.a.cells.items(),
            key=lambda kv: (list(self.spec.job_types).index(kv[0][1]), self.tiers.index(kv[0][2]), self.roles.index(kv[0][0])
                            if kv[0][0] in self.roles else 99),
        )
        for (role, job, tier), row in rows:
            ws.append([
                self.a.role_label(role), self.spec.job_types[job].label, self.a.tier_label(tier),
                float(row.rate), float(self.a.overtime_rate(row)) if self.spec.overtime else None,
                float(row.pay) if row.pay is not None else None, page_lines(row.line), f"{role}|{job}|{tier}",
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
        widths(ws, {"A": 20, "B": 34, "C": 20, "D": 13, "E": 14, "F": 14, "G": 10, "H": 40})
        ws.column_dimensions["H"].hidden = True  # the look-up key the formulas match, not for reading

    def _holidays(self) -> None:
        ws = self.holidays
        ws.append(["Date", "Holiday", "From", "Clock change from", "to", "Hours gained"])
        for cell in ws[1]:
            cell.font = BOLD
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
        widths(ws, {"A": 16, "B": 34, "D": 18, "E": 18, "F": 13})

    def _policy(self) -> None:
        """The Policy sheet: job types, tiers and the lists the Quote's drop-downs read, constants, every rule in words."""
        put_text(self.policy, "A1", f"{self.spec.name}: rules and notes").font = TITLE
        self._job_types()
        self._tiers()
        self._constants()
        self._rules_in_words()

    def _job_types(self) -> None:
        """The Quote's job type drop-down, with each one's minimum, permit and flat price."""
        ws, spec = self.policy, self.spec
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

    def _tiers(self) -> None:
        """The rate tiers with when each applies; the priorities, customer classes and reasons a Quote may choose."""
        ws, spec = self.policy, self.spec
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

    def _constants(self) -> None:
        """The agency's figures the formulas read by name: vehicle charges, handling, overtime, notice, fees."""
        ws, spec = self.policy, self.spec
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
        ]
        low, high = spec.admin_fee.range if spec.admin_fee else (None, None)
        constants += [
            ("FeeLow", float(low) if low is not None else 0, "administrative fee per position-hour, low end"),
            ("FeeHigh", float(high) if high is not None else 0, "administrative fee per position-hour, high end"),
            ("FeeHours", float(spec.cancellation.admin_fee_hours or 0) if spec.cancellation else 0,
             "the first hours of an assignment the fee is owed for on a cancellation"),
        ]
        for name, value, words in constants:
            ws.append([name, value, words])
            self.name(name, ws, f"$B${ws.max_row}")

    def _rules_in_words(self) -> None:
        """Every rule in words with its page line, the agency's notes, and its source."""
        ws, spec = self.policy, self.spec
        # Every rule in words, with its source line.
        ws.append([])
        ws.append(["Topic", "Rule", "Page line"])
        rows = [(topic, words, page_lines(line)) for topic, words, line in rules_in_words(self.a)]
        rows += [(note.topic.replace("_", " "), note.text, note.rule or "") for note in spec.notes]
        for topic, words, cited in rows:
            ws.append([topic, None, cited])
            put_text(ws, f"B{ws.max_row}", words)
            for cell in ws[ws.max_row][:3]:  # the topic and the page line beside the first line of the rule
                cell.alignment = WRAP
            ws.row_dimensions[ws.max_row].height = wrapped_height(words, RULE_LINE)
        source = spec.sources[0]
        ws.append([])
        ws.append(["Source", None])
        put_text(ws, f"B{ws.max_row}", f"{source.title} {source.url or ''}".strip())
        widths(ws, {"A": 26, "B": RULE_WIDTH, "C": 12, "D": 60})

    def calc_ref(self, name: str, row: int | None = None) -> str:
        return self.columns.ref(name, row)

def build(agency: Agency, out_dir: Path, lines: int = LINES) -> Path:
    """Write `agency`'s quote workbook, with `lines` shift lines, into `out_dir` and return its path."""
    builder = Builder(agency, lines)
    return save(builder.build(), Path(out_dir) / file_name(agency))


# --- small helpers ---------------------------------------------------------------------------
