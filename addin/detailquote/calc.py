"""The quote workbook's hidden Calc sheet: each shift line worked out step by step, in named columns.

Wall-clock times to real minutes (with the agency's clock changes), the tiers
that apply on each local date, each role's count, the pieces of the shift cut
at midnight, partial holidays and time bands, the winning rate per piece, the
minimum and overtime, vehicles, premiums and the amount; then what cancelling
costs (`cancel_columns`). Every rule's own formula comes from its kind's module
in `rules`; this pipeline only wires them together, as the engine does.

Encodings it uses, each named where it is made: a tier's score packs its rate and
its place (`rules.rates.score_formula`); a 0/1 flag is a column a formula
multiplies by; minutes are real minutes; `{name}` in a formula is the named
column on the same row.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from .agency import Agency
from .formulas import num, real_minutes, span_minutes, text
from .line_checks import line_checks
from .rules.billing import billed_formula
from .rules.combine import line_formula
from .rules.conditions import BandTrigger, CalendarTrigger
from .rules.fees import CHARGES
from .rules.overtime import split_formula
from .rules.rates import UNPUBLISHED, rate_of, score_formula, tier_of
from .rules.vehicles import PerHour

FIRST = 15                      # the row of the first shift line
NEVER = 10**9                   # minutes: "no overtime threshold"
# Each local date of a line as the bounds of its part of the shift and the band instances that can touch it.
DAYS = {1: ("{s}", "MIN({e},{mid})", (-1, 0)), 2: ("{mid}", "{e}", (0, 1))}
JOB = {"key": "Calc!$A$2", "min": "Calc!$B$2", "handling": "Calc!$C$2", "after": "Calc!$D$2", "flat": "Calc!$E$2"}


class Calc:
    """The Calc sheet of one agency's workbook: named columns, one row per shift line.

    `add(name, formula)` appends a column; formulas name other columns as {name}, resolved per row.
    """

    def __init__(self, agency: Agency, ws, inputs: dict[str, str], lines: int, tiers: list[str], ranks: list[str]):
        self.agency, self.spec, self.ws = agency, agency.spec, ws
        self.inputs, self.lines, self.tiers, self.ranks = inputs, lines, tiers, ranks
        self.formulas: dict[str, str] = {}
        self.letters: dict[str, str] = {}
        self.partial = agency.calendar.partial
        self.run_on = agency.spec.hours_added == "run_on"  # lines priced to the end of the hours billed
        # lines cut into more pieces than their two dates (a line that runs on: at its scheduled end too)
        self.banded = bool(agency.band_tiers) or self.partial or self.run_on
        self.segments: list[tuple[str, dict[str, str]]] = []  # (minutes column, each tier's 0/1 flag) per piece
        self.tier_flags: dict[str, tuple[dict[int, list[str]], str]] = {}
        self._piece_hits: dict[str, list[str]] = {}
        self.count: dict[str, str] = {}  # each role's count column
        self.ranked: list[str] = []  # the roles the agency staffs, highest rank first
        self.vehicle_parts: list[str] = []  # each role's vehicles' charge on a line
        self.after = JOB["after"]  # the line's overtime threshold in minutes: the job's, or a column of its own

    # --- columns ---------------------------------------------------------------------------------

    def add(self, name: str, formula: str) -> str:
        letter = get_column_letter(len(self.formulas) + 1)
        self.letters[name] = letter
        self.formulas[name] = formula
        return name

    def flag(self, name: str, formula: str) -> str:
        """Add a column and return a reference to it for another formula."""
        return "{" + self.add(name, formula) + "}"

    def input(self, column: str) -> str:
        """The line's cell of a Quote sheet input column (date, start, end, officers, vehicles, priority)."""
        return f"Quote!${self.inputs[column]}{{r}}"

    def ref(self, name: str, row: int | None = None) -> str:
        """A column's cell on one line, or the whole column of lines."""
        letter = self.letters[name]
        if row is None:
            return f"Calc!${letter}${FIRST}:${letter}${FIRST + self.lines - 1}"
        return f"Calc!${letter}{row}"

    def job_wide(self, name: str, per_line: str) -> str:
        """A 0/1 flag decided over the whole job (RULES 16): 1 on every line when `per_line` is 1 on any line."""
        self.add(name, per_line)
        letter = self.letters[name]
        return self.flag(f"{name}_job", f"=MAX(${letter}${FIRST}:${letter}${FIRST + self.lines - 1})")

    def piece_bounds(self, k: int) -> tuple[str, str, tuple[int, ...]]:
        """The `k`th piece's bounds as wall-clock serials, and the days of the band instances that can touch it."""
        return ("{q_%d}" % k, "{q_%d}" % (k + 1), (-1, 0, 1)) if self.banded else DAYS[k]

    def piece_flag(self, tag: str, condition: CalendarTrigger, k: int) -> str:
        """A calendar condition as a 0/1 flag for the `k`th piece of a line cut at partial holidays (engine: Context)."""
        names = self._piece_hits.get(tag)
        if names is None:
            segments = self.segments
            names = [self.add(f"ph{tag}_{j}", condition.piece_formula(j)) for j in range(1, len(segments) + 1)]
            if condition.scope in ("shift", "job"):  # any piece with minutes (of any line, for the job)
                anywhere = "=MAX(" + ",".join(f"IF({{{m}}}>0,{{{h}}},0)" for (m, _), h in zip(segments, names)) + ")"
                if condition.scope == "job":
                    names = [self.job_wide(f"phj{tag}", f"=IF({{ok}}=1,{anywhere[1:]},0)")[1:-1]] * len(names)
                else:
                    names = [self.add(f"phs{tag}", anywhere)] * len(names)
            elif condition.scope == "start":  # the first piece with minutes
                first = "0"
                for (m, _), h in reversed(list(zip(segments, names))):
                    first = f"IF({{{m}}}>0,{{{h}}},{first})"
                names = [self.add(f"pst{tag}", f"={first}")] * len(names)
            self._piece_hits[tag] = names
        return "{" + names[k - 1] + "}"

    # --- the pipeline ----------------------------------------------------------------------------

    def build(self) -> Calc:
        """Every column of a line's price, in order; `cancel_columns` adds what cancelling costs, then `write`."""
        score, overtime = self._job_cells()
        self._times()
        applies = self._tier_flags()
        count = self._staffing()
        ranked = [r for r in self.ranks if r in count]
        self._vehicles(count, ranked)
        self.segments = self._segments(applies)
        self._billing_when()  # after the pieces: a condition on the shift may test each of them
        self._overtime_when()
        self._vehicle_charged()
        self._split()
        covers = {key: p.cover_formula(self, f"p{i}") for i, (key, p) in enumerate(self.spec.premiums.items())}
        amounts = [self._role_amount(role, count, score, overtime, covers) for role in ranked]
        self._totals(amounts, count, ranked)
        self._fee_columns()
        self._flags(count, ranked)
        line_checks(self, self.inputs, self.spec.vehicles)
        self.count, self.ranked = count, ranked
        return self

    def write(self) -> None:
        """Each column's name, and its formula on each line's row."""
        for i, name in enumerate(self.formulas, 1):
            self.ws.cell(FIRST - 1, i, name)
        formulas = list(self.formulas.values())
        for r in range(FIRST, FIRST + self.lines):
            # Every column's cell on this row, made once for all the row's formulas.
            cells = {name: f"{letter}{r}" for name, letter in self.letters.items()}
            cells["r"] = r
            for i, formula in enumerate(formulas, 1):
                self.ws.cell(r, i, formula.format_map(cells))

    def _job_cells(self) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
        """Row 2: the job type, its minimum, handling and overtime minutes, its flat price; each role's tier scores."""
        ws = self.ws
        ws["A1"], ws["B1"], ws["C1"] = "job key", "minimum minutes", "handling minutes"
        ws["A2"] = "=INDEX(JobKeys,MATCH(IF(Quote!$C$6=\"\",DefaultJob,Quote!$C$6),JobLabels,0))"
        ws["B2"] = "=ROUND(INDEX(JobMinimum,MATCH(A2,JobKeys,0))*60,0)"
        ws["C2"] = "=ROUND(HandlingHours*60,0)"
        ws["D1"], ws["D2"] = "overtime after", f"=IF(OvertimeAfter>0,ROUND(OvertimeAfter*60,0),{NEVER})"
        ws["E1"], ws["E2"] = "flat price", "=INDEX(JobFlat,MATCH(A2,JobKeys,0))"
        score: dict[tuple[str, str], str] = {}
        overtime: dict[tuple[str, str], str] = {}
        col = 6
        for role in self.ranks[::-1]:  # lowest rank first, as on the Rates sheet
            for i, tier in enumerate(self.tiers):
                key = f'"{role}|"&$A$2&"|{tier}"'
                ws.cell(1, col, f"{role} {tier} score")
                ws.cell(2, col, score_formula(f"INDEX(RateValues,MATCH({key},RateKeys,0))", i))
                score[role, tier] = f"Calc!${get_column_letter(col)}$2"
                ws.cell(1, col + 1, f"{role} {tier} overtime")
                ws.cell(2, col + 1, f"=IFERROR(INDEX(RateOvertime,MATCH({key},RateKeys,0))+0,0)")
                overtime[role, tier] = f"Calc!${get_column_letter(col + 1)}$2"
                col += 2
        return score, overtime

    def _times(self) -> None:
        """The line's start and end as wall-clock serials, its real minutes on each date, notice, weekdays, holidays."""
        date, start, end = self.input("date"), self.input("start"), self.input("end")
        self.add("ok", "=IF(AND({given}=1,{why}=\"\"),1,0)")
        self.add("s", f"={date}+{start}")
        if self.run_on:  # e: the end of the hours billed, the scheduled end e0 run on by ext real minutes
            self.add("e0", f"={date}+{end}+IF({end}<={start},1,0)")
            self.add("m", "=ROUND(({e0}-{s})*1440,0)+60*SUMPRODUCT(({s}<ClockB)*({e0}>=ClockA)*ClockHours)")
            self.add("bext", f"={self.billed('0')}")
            self.add("ext", f"=IF({JOB['flat']}>0,0,{{bext}}-{{m}})")
            self.add("e1", "={e0}+{ext}/1440")
            self.add("e", "={e1}-SUMPRODUCT(({e0}<ClockA)*({e1}>=ClockA)*ClockHours)/24")
            # An end inside the hour a clock change repeats cannot be read as its first pass: the last piece takes
            # what the wall clock cannot show, so that the pieces come to the minutes priced (0 on any other line).
            self.add("rc", "={m}+{ext}-({m1}+{m2})")
        else:
            self.add("e", f"={date}+{end}+IF({end}<={start},1,0)")
        self.add("mid", f"={date}+1")
        self.add("m1", "=ROUND((MIN({e},{mid})-{s})*1440,0)+60*SUMPRODUCT(({s}<ClockB)*(MIN({e},{mid})>=ClockA)*ClockHours)")
        self.add("m2", "=IF({e}>{mid},ROUND(({e}-{mid})*1440,0)+60*SUMPRODUCT(({mid}<ClockB)*({e}>=ClockA)*ClockHours),0)")
        if not self.run_on:
            self.add("m", "={m1}+{m2}")
        self.add("lead", f"=IF(ISNUMBER(Quote!$C$7),{real_minutes('{s}', 'Quote!$C$7')},\"\")")
        self.add("wd1", f"=WEEKDAY({date},2)")
        self.add("wd2", f"=WEEKDAY({date}+1,2)")
        self.add("hol1", f"=IF(COUNTIF(HolidayDates,{date})>0,1,0)")
        self.add("hol2", f"=IF(COUNTIF(HolidayDates,{date}+1)>0,1,0)")

    def _tier_flags(self) -> dict[tuple[str, int], str]:
        """Which tiers apply on each local date of the line (engine: Plan.day_tiers): every condition must hold."""
        applies: dict[tuple[str, int], str] = {}
        for i, tier in enumerate(self.tiers):
            t = self.spec.tiers[tier]
            chosen = f"IF({self.input('priority')}={text(t.label)},1,0)" if t.selectable else "0"
            if tier == self.spec.base_tier:
                applies[tier, 1] = applies[tier, 2] = "1"
                continue
            if isinstance(t.when, BandTrigger):
                continue  # by the piece of the shift, not the date (_segments)
            flags = t.formula(self, i)
            self.tier_flags[tier] = (flags, chosen)
            for day in (1, 2):
                held = "*".join(flags[day]) or "0"
                applies[tier, day] = self.flag(f"app{i}_{day}", f"=MAX({held},{chosen})")
        return applies

    def _billing_when(self) -> None:
        """Whether each billing by condition holds for the line, and the line's minimum with them, `mn` (engine:
        Agency.billing_when): a condition on the job holds alike on every line, one on the shift by its dates."""
        minimum = JOB["min"]
        for i, rule in reversed(list(enumerate(self.spec.billing_when))):
            self.add(f"bw{i}", rule.formula(self, f"bw{i}"))
            if rule.minimum_hours is not None:
                minimum = f"IF({{bw{i}}}=1,{num(rule.minimum_hours * 60)},{minimum})"
        flat = "INDEX(JobFlat,MATCH(A2,JobKeys,0))>0"  # a flat price has no minimum (Agency.minimum_hours)
        self.add("mn", f"=IF({flat},0,{minimum})" if self.spec.billing_when else f"={minimum}")

    def _overtime_when(self) -> None:
        """The line's overtime threshold, `after`: the job's (Calc!D2), or none on a line the overtime's condition does
        not hold for (engine: Overtime.holds)."""
        rule = self.spec.overtime
        if rule is not None and rule.when is not None:
            self.add("otl", f"={line_formula(rule.when, self, 'ot')}")
            self.after = self.flag("oa", f"=IF({{otl}}=1,{JOB['after']},{NEVER})")

    def _vehicle_charged(self) -> None:
        """Whether a vehicle is charged for on the line, where its charge has a condition (engine: Vehicles.charged_for)."""
        rule = self.spec.vehicles
        if rule is not None and rule.charge_when is not None:
            self.add("vcharged", f"={line_formula(rule.charge_when, self, 'vch')}")

    def _staffing(self) -> dict[str, str]:
        """Each role's count on the line (rules.staffing), and the positions and supervisors in all."""
        staffing, officers = self.spec.staffing, self.input("officers")
        count = {"officer": self.add("n_officer", f"={officers}")} if staffing is None else staffing.formula(self, officers)
        ranked = [r for r in self.ranks if r in count]
        self.add("positions", "=" + "+".join(f"{{{count[r]}}}" for r in ranked))
        self.add("supervisors", "={positions}-" + ("{" + count[staffing.base_role] + "}" if staffing else "{positions}"))
        return count

    def _vehicles(self, count: dict[str, str], ranked: list[str]) -> None:
        """Vehicles: given, or one per position where required; to the highest-paid positions first."""
        rule, vehicles = self.spec.vehicles, self.input("vehicles")
        if rule is None:
            self.add("vehicles", "=0")
        elif rule.required == "always":
            self.add("vehicles", "={positions}")
        elif rule.required == "night":
            night = "+".join(rule.night.formula(self.input("date"), *DAYS[day]) for day in (1, 2))
            self.add("night", f"=IF({night}>0,1,0)")
            self.add("vehicles", f"=IF({{night}}=1,{{positions}},IF(ISNUMBER({vehicles}),{vehicles},0))")
        elif rule.required == "when":  # a condition on the job: the same on every line
            self.add("vreq", f"=IF({rule.when.formula(self, 'veh')[1]}=1,1,0)")
            self.add("vehicles", f"=IF({{vreq}}=1,{{positions}},IF(ISNUMBER({vehicles}),{vehicles},0))")
        else:
            self.add("vehicles", f"=IF(ISNUMBER({vehicles}),{vehicles},0)")
        given = []
        for role in ranked:
            before = "-".join(["{vehicles}", *given]) if given else "{vehicles}"
            given.append(self.flag(f"v_{role}", f"=MAX(0,MIN({{{count[role]}}},{before}))"))

    def _split(self) -> None:
        """Each piece's regular and overtime minutes, in the order worked (RULES 9; rules.overtime)."""
        for k, (minutes, _) in enumerate(self.segments, 1):
            before = "+".join(f"{{{m}}}" for m, _ in self.segments[: k - 1]) or "0"
            self.add(f"reg_{k}", split_formula(f"{{{minutes}}}", before, self.after))
        for k, (minutes, _) in enumerate(self.segments, 1):
            self.add(f"ot_{k}", f"={{{minutes}}}-{{reg_{k}}}")

    def _segments(self, applies: dict[tuple[str, int], str]) -> list[tuple[str, dict[str, str]]]:
        """The pieces of a line: (its minutes column, each tier's 0/1 flag), in the order worked.

        Without band tiers or partial holidays, the shift's two dates. With them, the shift cut at midnight,
        at every edge of each band's instances from the day before to the day after, and where a partial
        holiday starts on either date, sorted (engine: pieces.partial_parts, pieces.band_parts).
        """
        if not self.banded:
            return [(f"m{d}", {t: applies[t, d] for t in self.tiers}) for d in (1, 2)]
        date = self.input("date")
        edges = [(name, *band.edges(date, off)) for name, band in self.agency.band_tiers for off in (-1, 0, 1)]
        points = ["{mid}"] + [x for _, a, b in edges for x in (a, b)] + (["{e0}"] if self.run_on else [])
        if self.partial:  # when a partial holiday starts on either date (0: a whole day, or none)
            for day in (1, 2):
                self.add(f"hf{day}", f"=IFERROR(INDEX(HolidayFrom,MATCH({date}+{day - 1},HolidayDates,0)),0)")
            points += [f"{date}+{{hf1}}", f"{date}+1+{{hf2}}"]
        self.add("pt_0", "={s}")
        for j, x in enumerate(points, 1):
            self.add(f"pt_{j}", f"=MEDIAN({{s}},{x},{{e}})")
        n = len(points) + 1
        self.add(f"pt_{n}", "={e}")
        for k in range(1, n + 2):
            self.add(f"q_{k}", f"=SMALL({{pt_0}}:{{pt_{n}}},{k})")
        segments: list[tuple[str, dict[str, str]]] = []
        for k in range(1, n + 1):
            lo, hi = f"{{q_{k}}}", f"{{q_{k + 1}}}"
            last = f"+IF(AND(ROUND(({hi}-{{e}})*1440,0)=0,ROUND(({lo}-{{e}})*1440,0)<0),{{rc}},0)" if self.run_on else ""
            self.add(f"g_{k}", "=" + span_minutes(lo, hi) + last)
            self.add(f"d_{k}", f"=IF(ROUND(({lo}-{{mid}})*1440,0)>=0,2,1)")
            if self.partial:  # a holiday hour: on a holiday, from the time it starts
                self.add(f"hol_{k}", f"=IF({{d_{k}}}=1,IF(AND({{hol1}}=1,ROUND(({lo}-{date}-{{hf1}})*1440,0)>=0),1,0),"
                                     f"IF(AND({{hol2}}=1,ROUND(({lo}-{date}-1-{{hf2}})*1440,0)>=0),1,0))")
            segments.append((f"g_{k}", {}))
        self.segments = segments
        for k, (_, held) in enumerate(segments, 1):
            for i, t in enumerate(self.tiers):
                held[t] = self._piece_tier(i, t, k, edges, applies)
        return segments

    def _piece_tier(self, i: int, t: str, k: int, edges: list[tuple[str, str, str]], applies: dict[tuple[str, int], str]) -> str:
        """Tier `t`'s 0/1 flag on the `k`th piece: inside its band, by its conditions on a piece, or by the piece's date."""
        when = self.spec.tiers[t].when
        if isinstance(when, BandTrigger):
            inside = ",".join(f"AND(ROUND(({{q_{k}}}-({a}))*1440,0)>=0,ROUND(({{q_{k}}}-({b}))*1440,0)<0)"
                              for tier, a, b in edges if tier == t)
            return self.flag(f"in_{t}_{k}", f"=IF(OR({inside}),1,0)")
        if self.partial and t in self.tier_flags:
            flags, chosen = self.tier_flags[t]
            conditions = self.spec.tiers[t].conditions
            parts = [self.piece_flag(f"{i}_{j}", cond, k) if isinstance(cond, CalendarTrigger)
                     else f"IF({{d_{k}}}=1,{flags[1][j]},{flags[2][j]})" for j, cond in enumerate(conditions)]
            return self.flag(f"pa{i}_{k}", f"=MAX({'*'.join(parts) or '0'},{chosen})")
        return f"IF({{d_{k}}}=1,{applies[t, 1]},{applies[t, 2]})"

    def _role_amount(self, role: str, count: dict[str, str], score: dict, overtime: dict,
                     covers: dict[str, tuple[list[str], list[str]]]) -> str:
        """One role's amount on the line: each piece's winning tier, then the minimum and overtime per vehicle group."""
        flat, pieces = JOB["flat"], len(self.segments)
        self._piece_rates(role, score, overtime)
        rates = [f"{{R_{role}_{k}}}" for k in range(1, pieces + 1)]
        premiums = [(i, key, p) for i, (key, p) in enumerate(self.spec.premiums.items()) if p.for_role(role)]
        extras = [p.amount.formula(p, covers[key][0], rates) for _, key, p in premiums if not p.added_hours]
        added = [(i, key, p) for i, key, p in premiums if p.added_hours]
        for i, key, p in added:  # whether it holds on the piece the hours added are billed at: the first with the top score
            holds = "0"
            for k in range(pieces, 0, -1):
                minutes = self.segments[k - 1][0]
                holds = f"IF(AND({{{minutes}}}>0,{{sc_{role}_{k}}}={{top_{role}}}),{covers[key][1][k - 1]},{holds})"
            self.add(f"ph{i}_{role}", f"={holds}")
        by_position = any(f.rounding == "position" for f in self.spec.fees.values())
        group_amounts = []
        for group, handling in (("v", JOB["handling"]), ("w", "0")):
            g = f"{role}_{group}"
            # A flat price bills the scheduled hours: no minimum, handling time or blocks (engine: positions.price_positions).
            self.add(f"billed_{g}", f"=IF({flat}>0,{{m}},{self.billed(handling)})")
            self.add(f"x_{g}", f"={{billed_{g}}}-{self.priced}")
            self.add(f"regx_{g}", f"=MIN({{x_{g}}},MAX(0,{self.after}-{{m}}))")
            self.add(f"otx_{g}", f"={{x_{g}}}-{{regx_{g}}}")
            buckets = self.by_rate(role, f"{{reg_1}}:{{reg_{pieces}}}", f"{{ot_1}}:{{ot_{pieces}}}", f"{{regx_{g}}}", f"{{otx_{g}}}")
            self.add(f"each_{g}", f"=IF({flat}>0,{flat},{buckets})")
            positions = f"{{v_{role}}}" if group == "v" else f"({{{count[role]}}}-{{v_{role}}})"
            rule = self.spec.vehicles
            charged = rule.charged_formula("{m}", f"{{billed_{g}}}") if rule else f"{{billed_{g}}}"  # a vehicle's minutes
            vehicle = (rule.charge if rule else PerHour).formula(rule, charged, f"{{each_{g}}}") if group == "v" else ""
            if vehicle and rule is not None and rule.charge_when is not None:  # no charge of its own on a job the condition does not hold for
                vehicle = f"+{{vcharged}}*(0{vehicle})"
            if vehicle:  # the vehicles' part, for a fee that is not a percentage of them
                self.vehicle_parts.append(f"IF({{miss_{role}}}=1,0,{positions}*(0{vehicle}))")
            # One position's premiums: the hours added differ by vehicle group (handling time).
            premium = list(extras)
            for i, key, p in added:
                cover = self.flag(f"pa{i}_{g}", f"=IF({{ph{i}_{role}}}=1,{p.added_formula(f'{{billed_{g}}}', self.priced)},0)")
                premium.append(p.amount.formula(p, [*covers[key][0], cover], [*rates, f"{{Rx_{role}}}"]))
            each = f"{{each_{g}}}+IF({flat}>0,0,{'+'.join(premium)})" if premium else f"{{each_{g}}}"
            if by_position:  # one position's charges, for a percentage rounded per position (rules.fees.FeeRefs)
                self.add(f"np_{g}", f"={{ok}}*IF({{miss_{role}}}=1,0,{positions})")
                each = self.flag(f"pl_{g}", f"={each}")
                vehicle = "+" + self.flag(f"pv_{g}", f"=0{vehicle}")
            group_amounts.append(f"{positions}*({each}{vehicle})")
        return self.add(f"amount_{role}", f"=IF({{miss_{role}}}=1,0,{'+'.join(group_amounts)})")

    @property
    def priced(self) -> str:
        """The line's minutes priced piece by piece: as scheduled, and those it runs on for (engine: positions)."""
        return "({m}+{ext})" if self.run_on else "{m}"

    def billed(self, handling: str) -> str:
        """Billed minutes per position for the line's minutes and `handling` (engine: Agency.billed_seconds): the
        minimum, then the job type's blocks or steps, or those of the first billing by condition that holds."""
        at_least = f"MAX({{m}}+{handling},{{mn}})"
        billed = self.by_job_type({k: billed_formula(self.spec.billing_for(k), at_least, "{mn}")
                                   for k in self.spec.job_types}, at_least)
        for i, rule in reversed(list(enumerate(self.spec.billing_when))):  # the first that holds applies
            if rule.billing is not None:
                billed = f"IF({{bw{i}}}=1,{billed_formula(rule.billing, at_least, '{mn}')},{billed})"
        return billed

    def booked(self, k: int) -> str:
        """1 where the `k`th piece is of the scheduled hours, 0 where it is of the hours the line runs on for."""
        if not self.run_on:
            return "1"
        return "{" + (f"bk_{k}" if f"bk_{k}" in self.formulas else self.add(f"bk_{k}", f"=IF(ROUND(({{q_{k}}}-{{e0}})*1440,0)<0,1,0)")) + "}"

    def position_ranges(self) -> tuple[tuple[str, str, str], ...]:
        """Each role group's positions, officer and vehicle charges per position, as Calc ranges (rules.fees.FeeRefs);
        none where no fee is rounded per position."""
        if not any(f.rounding == "position" for f in self.spec.fees.values()):
            return ()
        return tuple((self.ref(f"np_{r}_{g}"), self.ref(f"pl_{r}_{g}"), self.ref(f"pv_{r}_{g}"))
                     for r in self.ranked for g in ("v", "w"))

    def _piece_rates(self, role: str, score: dict, overtime: dict) -> None:
        """Each piece's winning score, tier, rate and overtime rate for `role`, side by side so that each is a range."""
        flat, pieces = JOB["flat"], len(self.segments)
        choose = ",".join(overtime[role, t] for t in self.tiers)
        for k, (minutes, held) in enumerate(self.segments, 1):
            parts = ",".join(f"IF({held[t]}=1,{score[role, t]},-1)" for t in self.tiers)
            self.add(f"sc_{role}_{k}", f"=MAX({parts})")
            missing = ",".join(f"AND({held[t]}=1,{score[role, t]}={UNPUBLISHED})" for t in self.tiers)
            self.add(f"miss_{role}_{k}", f"=IF(AND(OR({missing}),{flat}=0,{{{minutes}}}>0),1,0)")
        for k in range(1, pieces + 1):
            self.add(f"T_{role}_{k}", f"={tier_of(f'{{sc_{role}_{k}}}')}")
        for k in range(1, pieces + 1):
            self.add(f"R_{role}_{k}", f"={rate_of(f'{{sc_{role}_{k}}}')}")
        for k in range(1, pieces + 1):
            self.add(f"O_{role}_{k}", f"=IF({{sc_{role}_{k}}}<0,0,CHOOSE({{T_{role}_{k}}}+1,{choose}))")
        # A piece opens a line when its rate is not an earlier piece's: one line per rate (RULES 20).
        for k in range(1, pieces + 1):
            for kind in ("R", "O"):
                seen = f"COUNTIF({{{kind}_{role}_1}}:{{{kind}_{role}_{k - 1}}},{{{kind}_{role}_{k}}})=0" if k > 1 else "TRUE"
                self.add(f"new{kind}_{role}_{k}", f"=IF({seen},1,0)")
        # Hours added to reach the minimum go at the highest rate of the shift (RULES 8).
        worked = ",".join(f"IF({{{m}}}>0,{{sc_{role}_{k}}},-3)" for k, (m, _) in enumerate(self.segments, 1))
        self.add(f"top_{role}", f"=MAX({worked})")
        self.add(f"Rx_{role}", f"={rate_of(f'{{top_{role}}}')}")
        self.add(f"Ox_{role}", f"=IF({{top_{role}}}<0,0,CHOOSE({tier_of(f'{{top_{role}}}')}+1,{choose}))")
        self.add(f"miss_{role}", "=MAX(" + ",".join(f"{{miss_{role}_{k}}}" for k in range(1, pieces + 1)) + ")")

    def by_rate(self, role: str, regular: str, overtime: str, added: str, added_overtime: str) -> str:
        """One position's labour: one line per rate, regular and overtime apart, each rounded once (RULES 20).

        `regular` and `overtime` are ranges of the pieces' minutes; `added` and `added_overtime` the minutes added
        to reach the minimum, which go at the highest rate of the line (Rx, Ox) (engine: positions._billed).
        """
        pieces = len(self.segments)
        rates, ot_rates = f"{{R_{role}_1}}:{{R_{role}_{pieces}}}", f"{{O_{role}_1}}:{{O_{role}_{pieces}}}"
        return "+".join(
            f"{{newR_{role}_{k}}}*ROUND((SUMIF({rates},{{R_{role}_{k}}},{regular})+IF({{Rx_{role}}}={{R_{role}_{k}}},{added},0))"
            f"*{{R_{role}_{k}}}/60,2)+{{newO_{role}_{k}}}*ROUND((SUMIF({ot_rates},{{O_{role}_{k}}},{overtime})"
            f"+IF({{Ox_{role}}}={{O_{role}_{k}}},{added_overtime},0))*{{O_{role}_{k}}}/60,2)" for k in range(1, pieces + 1))

    def _totals(self, amounts: list[str], count: dict[str, str], ranked: list[str]) -> None:
        """The line's amount, its billed position-minutes, whether it is complete, its first tier and billed hours."""
        flat, staffing = JOB["flat"], self.spec.staffing
        self.add("amount", "={ok}*(" + "+".join(f"{{{n}}}" for n in amounts) + ")")
        # Billed position-hours (in minutes) of the positions priced, for a fee per position-hour.
        held = "+".join(f"IF({{miss_{r}}}=1,0,{{v_{r}}}*{{billed_{r}_v}}+({{{count[r]}}}-{{v_{r}}})*{{billed_{r}_w}})" for r in ranked)
        self.add("posmin", f"={{ok}}*({held})")
        self.add("unpriced", "=IF({ok}=1,MAX(" + ",".join(f"{{miss_{r}}}*({{{count[r]}}}>0)" for r in ranked) + "),0)")
        self.add("incomplete", "=MAX({unpriced},{novehicle})")  # positions or vehicles not priced
        base = staffing.base_role if staffing else "officer"
        first = "-1"
        for k in range(len(self.segments), 0, -1):  # the tier the shift starts in: its first piece with minutes
            first = f"IF({{{self.segments[k - 1][0]}}}>0,{{sc_{base}_{k}}},{first})"
        self.add("sc_start", f"={first}")
        self.add("tier", f"=IF({{ok}}=1,IF({flat}>0,\"Flat price\",IF(OR({{miss_{base}}}=1,{{sc_start}}<0),\"not published\","
                         f"INDEX(TierLabels,{tier_of('{sc_start}')}+1))),{{why}})")
        self.add("billed", f"={{billed_{base}_w}}")

    def by_job_type(self, values: dict[str, str], other: str) -> str:
        """A formula that is `values[k]` on a job of type k, `other` on any other; one value when all agree."""
        if len(set(values.values())) == 1 and len(values) == len(self.spec.job_types):
            return next(iter(values.values()))
        out = other
        for key, value in values.items():
            out = f"IF({JOB['key']}={text(key)},{value},{out})"
        return out

    def _fee_columns(self) -> None:
        """What the fees on top read per line (rules.fees.FeeRefs): its positions, and whether a fee's condition holds."""
        if not self.spec.fees:
            return
        self.add("okpos", "={ok}*{positions}")
        if any(fee.parts != CHARGES for fee in self.spec.fees.values()):
            self.add("vamount", "={ok}*(" + ("+".join(self.vehicle_parts) or "0") + ")")
        for i, fee in enumerate(self.spec.fees.values()):
            if fee.when is not None:  # on any date of the line (engine: plan.conditional_fees)
                flags = fee.when.formula(self, f"f{i}")
                self.add(f"due{i}", f"=IF({{ok}}=1,MAX({flags[1]},{flags[2]}),0)")

    def _flags(self, count: dict[str, str], ranked: list[str]) -> None:
        """Per line, what the warnings under the shifts count: short notice, priority below, vehicles."""
        spec, vehicles = self.spec, self.input("vehicles")
        if spec.lead_times:  # requested with less notice than its job type asks for (rules.conditions.LeadTime)
            flags: dict[int, str] = {}  # one flag per rule, however many job types share it
            for rule in spec.lead_times.values():
                flags.setdefault(id(rule), rule.formula(self, f"lt{len(flags)}"))
            self.add("late", "=" + self.by_job_type({k: flags[id(r)] for k, r in spec.lead_times.items()}, "0"))
            self.add("short", "=IF(AND({ok}=1,{late}=1),1,0)")
        if any(t.selectable for t in spec.tiers.values()):
            priority = self.input("priority")
            picked = f"MATCH({priority},TierLabels,0)-1"

            def other(r: str) -> str:  # a piece of the shift whose tier is not the priority chosen
                return ",".join(f"AND({{{m}}}>0,{{T_{r}_{k}}}<>{picked})" for k, (m, _) in enumerate(self.segments, 1))
            off = ",".join(f"AND({{{count[r]}}}>0,{{miss_{r}}}=0,OR({other(r)}))" for r in ranked)
            self.add("below", f"=IF(AND({{ok}}=1,{priority}<>\"\"),IF(OR({off}),1,0),0)")
        if spec.staffing and spec.staffing.required:
            self.add("understaffed", f"=IF(AND({{ok}}=1,N({self.input('officers')})<{{n_required}}),1,0)")
        if spec.vehicles is None or spec.vehicles.basis == "unpublished":  # vehicles asked for, or required, not priced
            count = vehicles if spec.vehicles is None else "{vehicles}"
            charged = ",{vcharged}=1" if spec.vehicles is not None and spec.vehicles.charge_when is not None else ""
            self.add("novehicle", f"=IF(AND({{ok}}=1,N({count})>0{charged}),1,0)")
        else:
            self.add("novehicle", "=0")
        if spec.vehicles and spec.vehicles.required == "always":
            self.add("vehneeded", f"=IF(AND({{ok}}=1,N({vehicles})<{{positions}}),1,0)")
        elif spec.vehicles and spec.vehicles.required in ("night", "when"):
            needed = "{night}" if spec.vehicles.required == "night" else "{vreq}"
            self.add("vehneeded", f"=IF(AND({{ok}}=1,{needed}=1,N({vehicles})<{{positions}}),1,0)")
