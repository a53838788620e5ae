"""A coordinator's quote workbook for one agency: native formulas made from the agency's rule objects.

The workbook needs no add-in: every figure is an ordinary formula that Excel,
LibreOffice and Google Sheets evaluate (no XLOOKUP, LET or FILTER, no macros).
The formulas are generated here from the same rule objects the engine prices
with, and the parity tests recalculate filled workbooks in LibreOffice and
require the engine's numbers to the cent.

Sheets: Quote (what a coordinator fills in and prints), Rates, Holidays and
Policy (the agency's rules, read by the formulas through defined names), and
Calc, a hidden sheet that works out each shift line step by step:
wall-clock times to real minutes (with the agency's clock changes), the tiers
that apply on each local date, the winning rate per role, minimum and
overtime buckets, vehicles, and the amount.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from .agency import Agency
from .engine import MAX_OFFICERS
from .explain import rules_in_words, tier_words
from .rulebook import WEEKDAYS, BandTrigger, CalendarTrigger, CutoffTrigger, LengthTrigger, NoticeTrigger
from .xlsx import save

LINES = 25                      # shift lines on the Quote sheet
FIRST = 15                      # the row of the first shift line
REASON = "Quote!$C$12"         # the cancellation reason, where the agency has terms by reason
HOLIDAY_YEARS = range(2025, 2037)
NEVER = 10**9                   # minutes: "no overtime threshold"

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


def text(value: str) -> str:
    """A string literal for a formula."""
    return '"' + value.replace('"', '""') + '"'


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


# --- Calc: the per-line columns ---------------------------------------------------------------

@dataclass
class Columns:
    """Named columns of the Calc sheet; formulas refer to each other as {name}, resolved per row."""

    formulas: dict[str, str] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, formula: str) -> str:
        letter = get_column_letter(len(self.formulas) + 1)
        self.letters[name] = letter
        self.formulas[name] = formula
        return name

    def row(self, name: str, row: int) -> str:
        return self.formulas[name].format(**{k: f"{v}{row}" for k, v in self.letters.items()}, r=row)


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
        staffing = self.spec.staffing
        if staffing is None:
            return ["officer"]
        order = [rule.role for rule in staffing.supervisors]
        if staffing.override_role and staffing.override_role not in order:
            order.append(staffing.override_role)
        return [*reversed(order), staffing.base_role]

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
        self._calc()
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
            put_text(ws, f"C{ws.max_row}", tier_words(tier, key == spec.base_tier))
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

    def _calc(self) -> None:
        ws, spec = self.calc, self.spec
        q = lambda col: f"Quote!${self.inputs[col]}{{r}}"  # noqa: E731
        # Job-level cells (row 2): the job type, its minimum, and the rates and scores per role and tier.
        ws["A1"], ws["B1"], ws["C1"] = "job key", "minimum minutes", "handling minutes"
        ws["A2"] = "=INDEX(JobKeys,MATCH(IF(Quote!$C$6=\"\",DefaultJob,Quote!$C$6),JobLabels,0))"
        ws["B2"] = "=ROUND(INDEX(JobMinimum,MATCH(A2,JobKeys,0))*60,0)"
        ws["C2"] = "=ROUND(HandlingHours*60,0)"
        ws["D1"], ws["D2"] = "overtime after", f"=IF(OvertimeAfter>0,ROUND(OvertimeAfter*60,0),{NEVER})"
        ws["E1"], ws["E2"] = "flat price", "=INDEX(JobFlat,MATCH(A2,JobKeys,0))"
        job = {"key": "Calc!$A$2", "min": "Calc!$B$2", "handling": "Calc!$C$2", "after": "Calc!$D$2", "flat": "Calc!$E$2"}
        flat = job["flat"]
        score: dict[tuple[str, str], str] = {}
        overtime: dict[tuple[str, str], str] = {}
        col = 6
        for role in self.roles:
            for i, tier in enumerate(self.tiers):
                key = f'"{role}|"&$A$2&"|{tier}"'
                rate = f"INDEX(RateValues,MATCH({key},RateKeys,0))"
                ws.cell(1, col, f"{role} {tier} score")
                ws.cell(2, col, f"=IFERROR(ROUND({rate}*100,0)*100+{i},-2)")
                score[role, tier] = f"Calc!${get_column_letter(col)}$2"
                ws.cell(1, col + 1, f"{role} {tier} overtime")
                ws.cell(2, col + 1, f"=IFERROR(INDEX(RateOvertime,MATCH({key},RateKeys,0))+0,0)")
                overtime[role, tier] = f"Calc!${get_column_letter(col + 1)}$2"
                col += 2

        c = Columns()
        c.add("ok", "=IF(AND({given}=1,{why}=\"\"),1,0)")
        c.add("s", f"={q('date')}+{q('start')}")
        c.add("e", f"={q('date')}+{q('end')}+IF({q('end')}<={q('start')},1,0)")
        c.add("mid", f"={q('date')}+1")
        c.add("m1", "=ROUND((MIN({e},{mid})-{s})*1440,0)+60*SUMPRODUCT(({s}<ClockB)*(MIN({e},{mid})>=ClockA)*ClockHours)")
        c.add("m2", "=IF({e}>{mid},ROUND(({e}-{mid})*1440,0)+60*SUMPRODUCT(({mid}<ClockB)*({e}>=ClockA)*ClockHours),0)")
        c.add("m", "={m1}+{m2}")
        c.add("lead", f"=IF(ISNUMBER(Quote!$C$7),{_real_minutes('{s}', 'Quote!$C$7')},\"\")")
        c.add("wd1", f"=WEEKDAY({q('date')},2)")
        c.add("wd2", f"=WEEKDAY({q('date')}+1,2)")
        c.add("hol1", f"=IF(COUNTIF(HolidayDates,{q('date')})>0,1,0)")
        c.add("hol2", f"=IF(COUNTIF(HolidayDates,{q('date')}+1)>0,1,0)")

        # Which tiers apply on each local date of the shift (engine.day_tiers): every condition must hold.
        applies: dict[tuple[str, int], str] = {}
        self.tier_flags: dict[str, tuple[dict[int, list[str]], str]] = {}
        for i, tier in enumerate(self.tiers):
            t = spec.tiers[tier]
            chosen = f"IF({q('priority')}={text(t.label)},1,0)" if t.selectable else "0"
            if tier == spec.base_tier:
                applies[tier, 1] = applies[tier, 2] = "1"
                continue
            if isinstance(t.when, BandTrigger):
                continue  # by the piece of the shift, not the date (self._segments)
            flags: dict[int, list[str]] = {1: [], 2: []}
            for j, condition in enumerate(t.conditions):
                for day, flag in self._condition(c, q, f"{i}_{j}", condition).items():
                    flags[day].append(flag)
            self.tier_flags[tier] = (flags, chosen)
            for day in (1, 2):
                held = "*".join(flags[day]) or "0"
                applies[tier, day] = "{" + c.add(f"app{i}_{day}", f"=MAX({held},{chosen})") + "}"

        # Staffing (staffing.crew): counts per role, highest rank first.
        count: dict[str, str] = {}
        staffing = spec.staffing
        officers = q("officers")
        if staffing is None:
            count["officer"] = c.add("n_officer", f"={officers}")
        else:
            for rule in staffing.supervisors:
                basis = f"{{{count[rule.of]}}}" if rule.of else officers
                n = f"ROUNDUP({basis}/{rule.per},0)" if rule.per else "1"
                count[rule.role] = c.add(f"n_{rule.role}", f"=IF({basis}<{rule.from_},0,{n})")
            sup = "+".join(f"{{{count[r.role]}}}" for r in staffing.supervisors) or "0"
            base = f"={officers}-({sup})" if staffing.mode == "substituted" else f"={officers}"
            count[staffing.base_role] = c.add(f"n_{staffing.base_role}", base)
        ranked = [r for r in self._rank_order() if r in count]
        c.add("positions", "=" + "+".join(f"{{{count[r]}}}" for r in ranked))
        c.add("supervisors", "={positions}-" + ("{" + count[staffing.base_role] + "}" if staffing else "{positions}"))

        # Vehicles: given, or one per position where required; to the highest-paid positions first.
        vehicles = q("vehicles")
        if spec.vehicles is None:
            c.add("vehicles", "=0")
        elif spec.vehicles.required == "always":
            c.add("vehicles", "={positions}")
        elif spec.vehicles.required == "night":
            night = "+".join(self._band_minutes(q, spec.vehicles.night, *DAYS[day]) for day in (1, 2))
            c.add("night", f"=IF({night}>0,1,0)")
            c.add("vehicles", f"=IF({{night}}=1,{{positions}},IF(ISNUMBER({vehicles}),{vehicles},0))")
        else:
            c.add("vehicles", f"=IF(ISNUMBER({vehicles}),{vehicles},0)")
        given = []
        for role in ranked:
            before = "-".join(["{vehicles}", *given]) if given else "{vehicles}"
            name = c.add(f"v_{role}", f"=MAX(0,MIN({{{count[role]}}},{before}))")
            given.append("{" + name + "}")

        # The shift in pieces, each on one date and inside or outside each band (engine._band_parts),
        # with its regular and overtime minutes in the order worked (RULES 9).
        segments = self._segments(c, q, applies)
        K = len(segments)
        A = job["after"]
        for k, (minutes, _) in enumerate(segments, 1):
            before = "+".join(f"{{{m}}}" for m, _ in segments[: k - 1]) or "0"
            c.add(f"reg_{k}", f"=MIN({{{minutes}}},MAX(0,{A}-({before})))")
        for k, (minutes, _) in enumerate(segments, 1):
            c.add(f"ot_{k}", f"={{{minutes}}}-{{reg_{k}}}")
        self.segments = segments
        covers = self._premium_cover(c, q, segments)
        regs, ots = f"{{reg_1}}:{{reg_{K}}}", f"{{ot_1}}:{{ot_{K}}}"

        # Each role: the winning tier of each piece, then the minimum and overtime buckets per vehicle group.
        amounts = []
        for role in ranked:
            choose = ",".join(overtime[role, t] for t in self.tiers)
            for k, (minutes, held) in enumerate(segments, 1):
                parts = ",".join(f"IF({held[t]}=1,{score[role, t]},-1)" for t in self.tiers)
                c.add(f"sc_{role}_{k}", f"=MAX({parts})")
                missing = ",".join(f"AND({held[t]}=1,{score[role, t]}=-2)" for t in self.tiers)
                c.add(f"miss_{role}_{k}", f"=IF(AND(OR({missing}),{flat}=0,{{{minutes}}}>0),1,0)")
            # Each piece's tier, rate and overtime rate, side by side so that each is a range for SUMIF.
            for k in range(1, K + 1):
                c.add(f"T_{role}_{k}", f"=MOD({{sc_{role}_{k}}},100)")
            for k in range(1, K + 1):
                c.add(f"R_{role}_{k}", f"=INT({{sc_{role}_{k}}}/100)/100")
            for k in range(1, K + 1):
                c.add(f"O_{role}_{k}", f"=IF({{sc_{role}_{k}}}<0,0,CHOOSE({{T_{role}_{k}}}+1,{choose}))")
            # A piece opens a line when its rate is not an earlier piece's: one line per rate (RULES 20).
            for k in range(1, K + 1):
                for kind in ("R", "O"):
                    seen = f"COUNTIF({{{kind}_{role}_1}}:{{{kind}_{role}_{k - 1}}},{{{kind}_{role}_{k}}})=0" if k > 1 else "TRUE"
                    c.add(f"new{kind}_{role}_{k}", f"=IF({seen},1,0)")
            # Hours added to reach the minimum go at the highest rate of the shift (RULES 8).
            worked = ",".join(f"IF({{{m}}}>0,{{sc_{role}_{k}}},-3)" for k, (m, _) in enumerate(segments, 1))
            c.add(f"top_{role}", f"=MAX({worked})")
            c.add(f"Rx_{role}", f"=INT({{top_{role}}}/100)/100")
            c.add(f"Ox_{role}", f"=IF({{top_{role}}}<0,0,CHOOSE(MOD({{top_{role}}},100)+1,{choose}))")
            c.add(f"miss_{role}", "=MAX(" + ",".join(f"{{miss_{role}_{k}}}" for k in range(1, K + 1)) + ")")
            group_amounts = []
            for group, handling in (("v", job["handling"]), ("w", "0")):
                g = f"{role}_{group}"
                # A flat price bills the scheduled hours: no minimum, handling time or blocks (engine._price_positions).
                c.add(f"billed_{g}", f"=IF({flat}>0,{{m}}," + self._billed(f"MAX({{m}}+{handling},{job['min']})", job["min"]) + ")")
                c.add(f"x_{g}", f"={{billed_{g}}}-{{m}}")
                c.add(f"regx_{g}", f"=MIN({{x_{g}}},MAX(0,{A}-{{m}}))")
                c.add(f"otx_{g}", f"={{x_{g}}}-{{regx_{g}}}")
                buckets = self._by_rate(role, K, regs, ots, f"{{regx_{g}}}", f"{{otx_{g}}}")
                c.add(f"each_{g}", f"=IF({flat}>0,{flat},{buckets})")
                positions = f"{{v_{role}}}" if group == "v" else f"({{{count[role]}}}-{{v_{role}}})"
                vehicle = self._vehicle_amount(g) if group == "v" else ""
                group_amounts.append(f"{positions}*({{each_{g}}}{vehicle})")
            extras = self._premium_amounts(c, role, covers)
            if extras:
                group_amounts.append(f"IF({flat}>0,0,{{{count[role]}}}*({extras}))")
            amounts.append(c.add(f"amount_{role}", f"=IF({{miss_{role}}}=1,0,{'+'.join(group_amounts)})"))
        c.add("amount", "={ok}*(" + "+".join(f"{{{n}}}" for n in amounts) + ")")
        # Billed position-hours (in minutes) of the positions priced, for a fee per position-hour.
        held = "+".join(f"IF({{miss_{r}}}=1,0,{{v_{r}}}*{{billed_{r}_v}}+({{{count[r]}}}-{{v_{r}}})*{{billed_{r}_w}})" for r in ranked)
        c.add("posmin", f"={{ok}}*({held})")
        c.add("incomplete", "=IF({ok}=1,MAX(" + ",".join(f"{{miss_{r}}}*({{{count[r]}}}>0)" for r in ranked) + "),0)")
        base = staffing.base_role if staffing else "officer"
        first = "-1"
        for k in range(len(segments), 0, -1):  # the tier the shift starts in: its first piece with minutes
            first = f"IF({{{segments[k - 1][0]}}}>0,{{sc_{base}_{k}}},{first})"
        c.add("sc_start", f"={first}")
        c.add("tier", f"=IF({{ok}}=1,IF({flat}>0,\"Flat price\",IF(OR({{miss_{base}}}=1,{{sc_start}}<0),\"not published\","
                      f"INDEX(TierLabels,MOD({{sc_start}},100)+1))),{{why}})")
        c.add("billed", f"={{billed_{base}_w}}")
        if spec.lead_time:
            c.add("short", "=IF(AND({ok}=1,ISNUMBER({lead})),IF({lead}<ROUND(LeadTimeHours*60,0),1,0),0)")
        if self.choices:
            picked = f"MATCH({q('priority')},TierLabels,0)-1"
            def other(r: str) -> str:  # a piece of the shift whose tier is not the priority chosen
                return ",".join(f"AND({{{m}}}>0,{{T_{r}_{k}}}<>{picked})" for k, (m, _) in enumerate(segments, 1))
            off = ",".join(f"AND({{{count[r]}}}>0,{{miss_{r}}}=0,OR({other(r)}))" for r in ranked)
            c.add("below", f"=IF(AND({{ok}}=1,{q('priority')}<>\"\"),IF(OR({off}),1,0),0)")
        c.add("novehicle", f"=IF(AND({{ok}}=1,{vehicles}>0,{1 if spec.vehicles is None else 0}=1),1,0)")
        if spec.vehicles and spec.vehicles.required == "always":
            c.add("vehneeded", f"=IF(AND({{ok}}=1,N({vehicles})<{{positions}}),1,0)")
        elif spec.vehicles and spec.vehicles.required == "night":
            c.add("vehneeded", f"=IF(AND({{ok}}=1,{{night}}=1,N({vehicles})<{{positions}}),1,0)")
        self._line_checks(c, q)

        self._cancellation_columns(c, q, job, count, ranked)
        self.columns = c
        for i, name in enumerate(c.formulas, 1):
            ws.cell(FIRST - 1, i, name)
        for r in range(FIRST, FIRST + self.lines):
            for i, name in enumerate(c.formulas, 1):
                ws.cell(r, i, c.row(name, r))

    @staticmethod
    def _by_rate(role: str, pieces: int, regular: str, overtime: str, added: str, added_overtime: str) -> str:
        """One position's labour: one line per rate, regular and overtime apart, each rounded once (RULES 20).

        `regular` and `overtime` are ranges of the pieces' minutes; `added` and `added_overtime` the minutes added
        to reach the minimum, which go at the highest rate of the line (Rx, Ox) (engine._price_positions).
        """
        rates, ot_rates = f"{{R_{role}_1}}:{{R_{role}_{pieces}}}", f"{{O_{role}_1}}:{{O_{role}_{pieces}}}"
        return "+".join(
            f"{{newR_{role}_{k}}}*ROUND((SUMIF({rates},{{R_{role}_{k}}},{regular})+IF({{Rx_{role}}}={{R_{role}_{k}}},{added},0))"
            f"*{{R_{role}_{k}}}/60,2)+{{newO_{role}_{k}}}*ROUND((SUMIF({ot_rates},{{O_{role}_{k}}},{overtime})"
            f"+IF({{Ox_{role}}}={{O_{role}_{k}}},{added_overtime},0))*{{O_{role}_{k}}}/60,2)" for k in range(1, pieces + 1))

    def _line_checks(self, c: Columns, q) -> None:
        """Why a filled shift line cannot be priced, in the words of the engine's refusal; blank when it can."""
        inputs = [q(k) for k in ("date", "start", "end", "officers", "vehicles", "priority") if k in self.inputs]
        c.add("given", f"=IF(COUNTA({','.join(inputs)})>0,1,0)")
        date, officers, vehicles = q("date"), q("officers"), q("vehicles")
        first, last = _serial(dt.date(HOLIDAY_YEARS.start, 1, 1)), _serial(dt.date(HOLIDAY_YEARS.stop - 1, 12, 30))
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
        rule = self.spec.vehicles
        if rule is not None and rule.required != "always":  # where vehicles are required, one per position is priced
            over = f"N({vehicles})>{{positions}}" if rule.required == "never" else f"AND({{night}}=0,N({vehicles})>{{positions}})"
            checks.append((over, "Vehicles: ≤ 1 per position"))
        why = "\"\""
        for wrong, words in reversed(checks):
            why = f"IF({wrong},{text(words)},{why})"
        c.add("why", f"=IF({{given}}=0,\"\",{why})")

    def _segments(self, c: Columns, q, applies: dict[tuple[str, int], str]) -> list[tuple[str, dict[str, str]]]:
        """The pieces of a shift line: (its minutes column, each tier's 0/1 flag), in the order worked.

        Without band tiers or partial holidays, the shift's two dates. With them, the shift cut at midnight,
        at every edge of each band's instances from the day before to the day after, and where a partial
        holiday starts on either date, sorted (engine._partial_parts, engine._band_parts).
        """
        bands, partial = self.a.band_tiers, self.a.calendar.partial
        if not bands and not partial:
            return [(f"m{d}", {t: applies[t, d] for t in self.tiers}) for d in (1, 2)]
        date = q("date")
        edges = []  # (tier, start, end) of each instance of each band near the shift, as wall-clock serials
        for name, band in bands:
            crosses = 1 if band.end <= band.start else 0
            for off in (-1, 0, 1):
                a = f"{date}+{off}+TIME({band.start.hour},{band.start.minute},0)"
                b = f"{date}+{off + crosses}+TIME({band.end.hour},{band.end.minute},0)"
                edges.append((name, a, b))
        points = ["{mid}"] + [x for _, a, b in edges for x in (a, b)]
        if partial:  # when a partial holiday starts on either date (0: a whole day, or none)
            for day in (1, 2):
                c.add(f"hf{day}", f"=IFERROR(INDEX(HolidayFrom,MATCH({date}+{day - 1},HolidayDates,0)),0)")
            points += [f"{date}+{{hf1}}", f"{date}+1+{{hf2}}"]
        c.add("pt_0", "={s}")
        for j, x in enumerate(points, 1):
            c.add(f"pt_{j}", f"=MEDIAN({{s}},{x},{{e}})")
        n = len(points) + 1
        c.add(f"pt_{n}", "={e}")
        for k in range(1, n + 2):
            c.add(f"q_{k}", f"=SMALL({{pt_0}}:{{pt_{n}}},{k})")
        segments: list[tuple[str, dict[str, str]]] = []
        for k in range(1, n + 1):
            lo, hi = f"{{q_{k}}}", f"{{q_{k + 1}}}"
            c.add(f"g_{k}", f"=IF({hi}>{lo},ROUND(({hi}-{lo})*1440,0)+60*SUMPRODUCT(({lo}<ClockB)*({hi}>=ClockA)*ClockHours),0)")
            c.add(f"d_{k}", f"=IF(ROUND(({lo}-{{mid}})*1440,0)>=0,2,1)")
            if partial:  # a holiday hour: on a holiday, from the time it starts
                c.add(f"hol_{k}", f"=IF({{d_{k}}}=1,IF(AND({{hol1}}=1,ROUND(({lo}-{date}-{{hf1}})*1440,0)>=0),1,0),"
                                  f"IF(AND({{hol2}}=1,ROUND(({lo}-{date}-1-{{hf2}})*1440,0)>=0),1,0))")
            segments.append((f"g_{k}", {}))
        self._piece_hits: dict[str, list[str]] = {}
        for k, (_, held) in enumerate(segments, 1):
            for i, t in enumerate(self.tiers):
                when = self.spec.tiers[t].when
                if isinstance(when, BandTrigger):
                    inside = ",".join(f"AND(ROUND(({{q_{k}}}-({a}))*1440,0)>=0,ROUND(({{q_{k}}}-({b}))*1440,0)<0)"
                                      for tier, a, b in edges if tier == t)
                    held[t] = "{" + c.add(f"in_{t}_{k}", f"=IF(OR({inside}),1,0)") + "}"
                elif partial and t in self.tier_flags:
                    flags, chosen = self.tier_flags[t]
                    conditions = self.spec.tiers[t].conditions
                    parts = [self._piece_flag(c, f"{i}_{j}", cond, k, segments) if isinstance(cond, CalendarTrigger)
                             else f"IF({{d_{k}}}=1,{flags[1][j]},{flags[2][j]})" for j, cond in enumerate(conditions)]
                    held[t] = "{" + c.add(f"pa{i}_{k}", f"=MAX({'*'.join(parts) or '0'},{chosen})") + "}"
                else:
                    held[t] = f"IF({{d_{k}}}=1,{applies[t, 1]},{applies[t, 2]})"
        return segments

    def _piece_flag(self, c: Columns, tag: str, condition: CalendarTrigger, k: int, segments: list) -> str:
        """A calendar condition as a 0/1 flag for the `k`th piece of a line cut at partial holidays (engine._holds)."""
        names = self._piece_hits.get(tag)
        if names is None:
            names = []
            for j in range(1, len(segments) + 1):
                parts = [f"IF({{d_{j}}}=1,{{wd1}},{{wd2}})={WEEKDAYS.index(d) + 1}" for d in condition.days if d != "holiday"]
                if "holiday" in condition.days:
                    parts.append(f"{{hol_{j}}}=1")
                names.append(c.add(f"ph{tag}_{j}", f"=IF(OR({','.join(parts)}),1,0)"))
            if condition.scope in ("shift", "job"):  # any piece with minutes (of any line, for the job)
                anywhere = "=MAX(" + ",".join(f"IF({{{m}}}>0,{{{h}}},0)" for (m, _), h in zip(segments, names)) + ")"
                if condition.scope == "job":
                    names = [self._job_wide(c, f"phj{tag}", f"=IF({{ok}}=1,{anywhere[1:]},0)")[1:-1]] * len(names)
                else:
                    names = [c.add(f"phs{tag}", anywhere)] * len(names)
            elif condition.scope == "start":  # the first piece with minutes
                first = "0"
                for (m, _), h in reversed(list(zip(segments, names))):
                    first = f"IF({{{m}}}>0,{{{h}}},{first})"
                names = [c.add(f"pst{tag}", f"={first}")] * len(names)
            self._piece_hits[tag] = names
        return "{" + names[k - 1] + "}"

    def _billed(self, minutes: str, minimum: str) -> str:
        """Billed minutes per position (Agency.billed_seconds): the minimum applied, then blocks or steps."""
        rule = self.spec.billing
        if rule is None:
            return minutes
        blocks = [_num(b * 60) for b in rule.blocks or ()]
        if rule.increment_hours is None:
            past = minutes
        else:
            base, step = (blocks[-1] if blocks else minimum), _num(rule.increment_hours * 60)
            past = f"{base}+ROUNDUP(MAX(0,{minutes}-{base})/{step},0)*{step}"
        for block in reversed(blocks):
            past = f"IF({minutes}<={block},{block},{past})"
        return past

    def _vehicle_amount(self, g: str) -> str:
        """What one vehicle adds to its position's charge (engine._vehicle_line)."""
        basis = self.spec.vehicles.basis if self.spec.vehicles else "per_hour"
        return {
            "per_hour": f"+ROUND({{billed_{g}}}*VehicleRate/60,2)",
            "per_shift": "+VehicleRate",
            "first_hour": f"+VehicleRate+ROUND(MAX(0,{{billed_{g}}}-60)*VehicleFurther/60,2)",
            "percent_of_labour": f"+ROUND({{each_{g}}}*VehiclePercent/100,2)",
            "officer_time": "",
        }[basis]

    def _premium_cover(self, c: Columns, q, segments: list[tuple[str, dict]]) -> dict[str, list[str]]:
        """Each premium's covered minutes in each piece of the shift (engine._premium_cover)."""
        covers = {}
        partial = self.a.calendar.partial
        banded = bool(self.a.band_tiers) or partial
        for i, (key, p) in enumerate(self.spec.premiums.items()):
            band = p.conditions[0] if p.conditions and isinstance(p.conditions[0], BandTrigger) else None
            flags: dict[int, list[str]] = {1: [], 2: []}
            for j, condition in enumerate([] if band else p.conditions):
                for day, flag in self._condition(c, q, f"p{i}_{j}", condition).items():
                    flags[day].append(flag)
            cover = []
            for k, (minutes, _) in enumerate(segments, 1):
                if band is not None:
                    bounds = ("{q_%d}" % k, "{q_%d}" % (k + 1), (-1, 0, 1)) if banded else DAYS[k]
                    formula = self._band_minutes(q, band, *bounds)
                else:
                    done = "+".join(f"{{{m}}}" for m, _ in segments[: k - 1]) or "0"  # minutes before the piece
                    n = _num((p.first_hours or p.after_hours or 0) * 60)
                    head = f"MIN({{{minutes}}},MAX(0,{n}-({done})))"
                    window = head if p.first_hours else f"({{{minutes}}}-{head})" if p.after_hours else f"{{{minutes}}}"
                    held = [self._piece_flag(c, f"p{i}_{j}", cond, k, segments) if partial and isinstance(cond, CalendarTrigger)
                            else f"IF({{d_{k}}}=1,{a},{b})" if banded else (a, b)[k - 1]
                            for j, (cond, a, b) in enumerate(zip(p.conditions, flags[1], flags[2]))]
                    formula = "*".join([*held, window])
                cover.append("{" + c.add(f"pc{i}_{k}", "=" + formula) + "}")
            covers[key] = cover
        return covers

    def _band_minutes(self, q, band, lo: str, hi: str, offsets: tuple[int, ...]) -> str:
        """Real minutes of [lo, hi) inside the daily band: its instances starting `offsets` days from the line's date."""
        date = q("date")
        parts = []
        for shift in offsets:
            first = f"({date}+{shift})" if shift else date
            a = f"{first}+TIME({band.start.hour},{band.start.minute},0)"
            b = f"{first}+{1 if band.end <= band.start else 0}+TIME({band.end.hour},{band.end.minute},0)"
            low, high = f"MAX({lo},{a})", f"MIN({hi},{b})"
            parts.append(f"IF({high}>{low},ROUND(({high}-{low})*1440,0)"
                         f"+60*SUMPRODUCT(({low}<ClockB)*({high}>=ClockA)*ClockHours),0)")
        return "+".join(parts)

    def _premium_amounts(self, c: Columns, role: str, covers: dict[str, list[str]]) -> str:
        """What the premiums add per position of `role` on one shift line (engine._premium_line)."""
        out = []
        for key, p in self.spec.premiums.items():
            if p.roles is not None and role not in p.roles:
                continue
            if p.per_hour is not None:
                out.append(f"ROUND(({'+'.join(covers[key])})*{_num(p.per_hour)}/60,2)")
            elif p.rate is not None:
                lifted = "+".join(f"{cover}*MAX(0,{_num(p.rate)}-{{R_{role}_{k}}})" for k, cover in enumerate(covers[key], 1))
                out.append(f"ROUND(({lifted})/60,2)")
            else:
                factor = f"{_num(p.percent)}/100" if p.percent is not None else f"{_num(p.multiplier - 1)}"
                weighted = "+".join(f"{cover}*{{R_{role}_{k}}}" for k, cover in enumerate(covers[key], 1))
                out.append(f"ROUND(({weighted})*{factor}/60,2)")
        return "+".join(out)

    def _condition(self, c: Columns, q, tag: str, condition) -> dict[int, str]:
        """One condition of a tier as a 0/1 flag for each local date of the shift (engine._holds)."""
        if isinstance(condition, NoticeTrigger):
            flag = "{" + c.add(f"notice{tag}", f"=IF(ISNUMBER({{lead}}),IF({{lead}}<{_num(condition.under_hours * 60)},1,0),0)") + "}"
            return {1: flag, 2: flag}
        if isinstance(condition, LengthTrigger):
            flag = "{" + c.add(f"long{tag}", f"=IF({{m}}>{_num(condition.over_hours * 60)},1,0)") + "}"
            return {1: flag, 2: flag}
        if isinstance(condition, CutoffTrigger):
            at = f"{q('date')}-{condition.days_before}+TIME({condition.time.hour},{condition.time.minute},0)"
            flag = "{" + c.add(f"late{tag}", f"=IF(ISNUMBER(Quote!$C$7),IF(ROUND((Quote!$C$7-({at}))*1440,0)>=0,1,0),0)") + "}"
            return {1: flag, 2: flag}
        hits = {}
        for day in (1, 2):
            parts = [f"{{wd{day}}}={WEEKDAYS.index(d) + 1}" for d in condition.days if d != "holiday"]
            if "holiday" in condition.days:
                parts.append(f"{{hol{day}}}=1")
            hit = f"OR({','.join(parts)})" + ("" if day == 1 else ",{m2}>0")
            hits[day] = "{" + c.add(f"hit{tag}_{day}", f"=IF(AND({hit}),1,0)") + "}"
        if condition.scope == "start":
            return {1: hits[1], 2: hits[1]}
        if condition.scope == "shift":
            both = f"MAX({hits[1]},{hits[2]})"
            return {1: both, 2: both}
        if condition.scope == "job":
            job = self._job_wide(c, f"jhit{tag}", f"=IF({{ok}}=1,MAX({hits[1]},{hits[2]}),0)")
            return {1: job, 2: job}
        return hits

    def _job_wide(self, c: Columns, name: str, per_line: str) -> str:
        """A 0/1 flag decided over the whole job (RULES 16): 1 on every line when `per_line` is 1 on any line."""
        c.add(name, per_line)
        letter = c.letters[name]
        return "{" + c.add(f"{name}_job", f"=MAX(${letter}${FIRST}:${letter}${FIRST + self.lines - 1})") + "}"

    def _cancellation_columns(self, c: Columns, q, job: dict, count: dict, ranked: list[str]) -> None:
        """Each line's charge when the job is cancelled at Quote!CANCELLED (cancellation.cancellation_charge)."""
        spec, ws = self.spec, self.calc
        policy = spec.cancellation
        when, worked = "Quote!$C$10", "Quote!$C$11"
        ws["A3"], ws["A4"] = "first start", f"=IFERROR(INDEX($B${FIRST}:$B${FIRST + self.lines - 1},MATCH(1,$A${FIRST}:$A${FIRST + self.lines - 1},0)),0)"
        c.add("cl", f"=IF(AND({{ok}}=1,ISNUMBER({when})),{_real_minutes('{s}', when)},\"\")")
        c.add("cx", "=IF(ISNUMBER({cl}),1,0)")
        c.add("ended", "=IF({cx}=1,IF({m}+{cl}<=0,1,0),0)")
        c.add("running", "=IF({cx}=1,IF(AND({cl}<0,{m}+{cl}>0),1,0),0)")
        c.add("kept", f"=IF({{running}}=1,ROUND(N({worked})*60,0),0)")
        if policy is None:
            c.add("low", "=IF({ended}=1,{amount},0)")
            c.add("high", "={low}")
            c.add("feemissing", "=0")
            c.add("nopolicy", "={cx}")
            c.add("cpm", "=IF({ended}=1,{posmin},0)")
            return
        # Each reason's windows stand beside the usual ones; a gate opens the set the reason given selects.
        gates, windows = [], []
        chosen = []
        for key, reason in policy.reasons.items():
            jobs = "1" if reason.job_types is None else f"OR({','.join(f'Calc!$A$2={text(j)}' for j in reason.job_types)})"
            gate = f"AND({REASON}={text(reason.label)},{jobs})"
            chosen.append(gate)
            gates += [f"IF({gate},1,0)"] * len(reason.windows)
            windows += reason.windows
        usual = f"IF(OR({','.join(chosen)}),0,1)" if chosen else "1"
        gates, windows = [usual] * len(policy.windows) + gates, list(policy.windows) + windows
        for k, (w, gate) in enumerate(zip(windows, gates), 1):
            if w.opens == "approved":
                opened, at = "1", "-1000000000"
            elif w.opens == "hours_before":
                opened, at = f"IF({{cl}}<={_num(w.hours * 60)},1,0)", f"-{_num(w.hours * 60)}"
            elif w.opens in ("start_day", "clock_time"):
                moment = q("date") if w.time is None else \
                    f"({q('date')}-{w.days_before}+TIME({w.time.hour},{w.time.minute},0))"
                opened = f"IF(ROUND(({when}-{moment})*1440,0)>=0,1,0)"
                at = f"-({_real_minutes('{s}', moment)})"
            else:  # after the start
                opened, at = "IF({cl}<0,1,0)", "0.5"
            c.add(f"open{k}", f"=IF({{cx}}=1,{gate}*{opened},0)")
            c.add(f"at{k}", f"={at}")
        best = ",".join(f"IF({{open{k}}}=1,{{at{k}}},-2000000000)" for k in range(1, len(windows) + 1))
        c.add("bestat", f"=MAX({best})")
        pick = "0"
        for k in range(len(windows), 0, -1):
            pick = f"IF(AND({{open{k}}}=1,{{at{k}}}={{bestat}}),{k},{pick})"
        c.add("win", f"={pick}")

        def per_window(values: list[str], none: str) -> str:
            return f"IF({{win}}=0,{none},CHOOSE({{win}},{','.join(values)}))"

        charged = []
        for w in windows:
            if w.charge == "hours":
                charged.append(f"MAX({_num(w.charge_hours * 60)},{{kept}})")
            elif w.charge == "minimum_or_worked":
                charged.append(f"MAX({{kept}},{job['min']})")
            elif w.charge == "nothing":
                charged.append(f"IF({{kept}}>0,MAX({{kept}},{job['min']}),0)")
            else:
                charged.append("0")
        c.add("labmin", "=" + per_window(charged, f"IF({{kept}}>0,MAX({{kept}},{job['min']}),0)"))
        full = per_window(["1" if w.charge == "full" else "0" for w in windows], "0")
        c.add("full", f"=IF(AND({job['flat']}>0,{{labmin}}>0),1,{full})")  # a flat price has no hours to charge
        c.add("adm", "=" + per_window(["1" if w.admin_fee else "0" for w in windows], "0"))
        c.add("feebilled", "=IF({full}=1,{m},{labmin})")
        c.add("fromfirst", "=" + _real_minutes("{s}", "Calc!$A$4"))
        c.add("feemin", "=IF({adm}=1,MAX(MIN({m},ROUND(FeeHours*60,0)-{fromfirst})-{feebilled},0),0)")

        fee = spec.admin_fee
        published = fee is not None and (fee.from_pay or fee.hourly is not None)
        tiers = ",".join(text(t) for t in self.tiers)
        # Hours worked are the first of the line, each at its own rate; the hours added to reach what the window
        # charges, at the line's highest rate (RULES 18; engine.Cut).
        A, K = job["after"], len(self.segments)
        for k, (minutes, _) in enumerate(self.segments, 1):
            before = "+".join(f"{{{m}}}" for m, _ in self.segments[: k - 1]) or "0"
            c.add(f"wk_{k}", f"=MIN({{{minutes}}},MAX(0,{{kept}}-({before})))")
        for k in range(1, K + 1):
            done = "+".join(f"{{wk_{j}}}" for j in range(1, k)) or "0"
            c.add(f"wreg_{k}", f"=MIN({{wk_{k}}},MAX(0,{A}-({done})))")
        for k in range(1, K + 1):
            c.add(f"wot_{k}", f"={{wk_{k}}}-{{wreg_{k}}}")
        c.add("cadd", "=MAX(0,{labmin}-{kept})")
        c.add("caddreg", f"=MIN({{cadd}},MAX(0,{A}-{{kept}}))")
        c.add("caddot", "={cadd}-{caddreg}")
        wregs, wots = f"{{wreg_1}}:{{wreg_{K}}}", f"{{wot_1}}:{{wot_{K}}}"
        labour, low, high = [], [], []
        for role in ranked:
            # The highest regular rate the role is billed at on the line (cancellation._Charging._positions).
            for k in range(1, K + 1):
                c.add(f"has{k}_{role}", f"=IF(AND({{{count[role]}}}>0,{{miss_{role}}}=0,{{reg_{k}}}>0),1,0)")
            c.add(f"bestR_{role}", "=MAX(" + ",".join(f"IF({{has{k}_{role}}}=1,{{R_{role}_{k}}},0)" for k in range(1, K + 1)) + ")")
            best = f"{{T_{role}_1}}"
            for k in range(K, 0, -1):
                best = f"IF(AND({{has{k}_{role}}}=1,{{R_{role}_{k}}}={{bestR_{role}}}),{{T_{role}_{k}}},{best})"
            c.add(f"bestT_{role}", f"={best}")
            each = self._by_rate(role, K, wregs, wots, "{caddreg}", "{caddot}")
            labour.append(c.add(f"lab_{role}", f"=IF(OR({{miss_{role}}}=1,{{labmin}}=0),0,{{{count[role]}}}*({each}))"))
            if fee is not None and fee.from_pay:
                key = f'"{role}|"&Calc!$A$2&"|"&CHOOSE({{bestT_{role}}}+1,{tiers})'
                rate = f"IFERROR({{bestR_{role}}}-INDEX(RatePay,MATCH({key},RateKeys,0)),0)"
                c.add(f"feeL_{role}", f"={rate}")
                c.add(f"feeH_{role}", f"={{feeL_{role}}}")
            else:
                c.add(f"feeL_{role}", "=FeeLow")
                c.add(f"feeH_{role}", "=FeeHigh")
            for side, out in (("L", low), ("H", high)):
                out.append(c.add(f"fee{side}amt_{role}", f"=IF({{bestR_{role}}}>0,{{{count[role]}}}*ROUND({{feemin}}*{{fee{side}_{role}}}/60,2),0)"))
        lab = "+".join(f"{{{n}}}" for n in labour)
        gate = "1" if published else "0"
        for name, fees in (("low", low), ("high", high)):
            owed = "+".join(f"{{{n}}}" for n in fees)
            c.add(name, f"=IF({{cx}}=0,0,IF(OR({{ended}}=1,{{full}}=1),{{amount}},{lab}+{gate}*({owed})))")
        c.add("feemissing", f"=IF(AND({{cx}}=1,{{ended}}=0,{{full}}=0,{{feemin}}>0,{gate}=0),1,0)")
        c.add("nopolicy", "=0")
        # Officer time charged, in position-minutes, for a fee per position-hour (cancellation._Charging).
        held = "+".join(f"IF({{bestR_{r}}}>0,{{{count[r]}}}*{{labmin}},0)" for r in ranked)
        c.add("cpm", f"=IF({{cx}}=0,0,IF(OR({{ended}}=1,{{full}}=1),{{posmin}},{held}))")

    def calc_ref(self, name: str, row: int | None = None) -> str:
        letter = self.columns.letters[name]
        if row is None:
            return f"Calc!${letter}${FIRST}:${letter}${FIRST + self.lines - 1}"
        return f"Calc!${letter}{row}"

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
        figure = _num(fee.value)
        for cls, value in reversed(list(fee.classes.items())):
            figure = f"IF($C${self.charges_row + 1}={text(self.spec.customer_classes[cls].label)},{_num(value)},{figure})"
        return figure

    def fee_formula(self, fee, base: str, minutes: str, any_charge: str) -> str:
        """One fee on top (engine.fee_lines): of `base`, of the Calc column `minutes` summed, or once when `any_charge`."""
        figure = self.figure(fee)
        return {
            "percent": f"ROUND({base}*{figure}/100,2)",
            "per_hour": f"ROUND(SUM({self.calc_ref(minutes)})*{figure}/60,2)",
            "per_job": f"IF({any_charge},{figure},0)",
        }[fee.basis]

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
            when = "all shifts" if v.required == "always" else f"shifts with any hour between {v.night.start:%H:%M} and {v.night.end:%H:%M}"
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

# Each local date of a line as the bounds of its part of the shift and the band instances that can touch it.
DAYS = {1: ("{s}", "MIN({e},{mid})", (-1, 0)), 2: ("{mid}", "{e}", (0, 1))}


def _real_minutes(later: str, earlier: str) -> str:
    """Real minutes from `earlier` to `later` (wall-clock serials), negative when `later` comes first."""
    return (f"ROUND(({later}-{earlier})*1440,0)+60*SUMPRODUCT(({earlier}<ClockA)*({later}>=ClockB)*ClockHours)"
            f"-60*SUMPRODUCT(({later}<ClockA)*({earlier}>=ClockB)*ClockHours)")


def _lines(line) -> str:
    if line is None:
        return ""
    return ", ".join(map(str, line)) if isinstance(line, (list, tuple)) else str(line)


def _serial(day: dt.date) -> int:
    """Excel's serial number of a date (the 1900 system)."""
    return (day - dt.date(1899, 12, 30)).days


def _num(value: Decimal | float | int) -> str:
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


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
