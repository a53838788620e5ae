"""The Calc sheet's columns for a cancellation: each line's charge when the job is cancelled at Quote!$C$10.

The workbook's reading of `cancellation.cancellation_charge`: which window is
open (each window's opening and charge come from `rules.cancellation`), the
minutes it charges, the hours worked each at its own rate and the rest at the
line's highest (RULES 18), and the administrative fee for the rest of its hours.
"""

from __future__ import annotations

from .calc import FIRST, JOB, Calc
from .formulas import real_minutes, text
from .rules.overtime import split_formula

REASON = "Quote!$C$12"  # the cancellation reason, where the agency has terms by reason
WHEN, WORKED = "Quote!$C$10", "Quote!$C$11"  # when the job was cancelled; hours worked of a shift under way


def cancel_columns(calc: Calc) -> None:
    """Each line's charge, low and high, and what it owes for the fees on top."""
    count, ranked = calc.count, calc.ranked
    policy = calc.spec.cancellation
    calc.ws["A3"], calc.ws["A4"] = "first start", (f"=IFERROR(INDEX($B${FIRST}:$B${FIRST + calc.lines - 1},"
                                                   f"MATCH(1,$A${FIRST}:$A${FIRST + calc.lines - 1},0)),0)")
    calc.add("cl", f"=IF(AND({{ok}}=1,ISNUMBER({WHEN})),{real_minutes('{s}', WHEN)},\"\")")
    calc.add("cx", "=IF(ISNUMBER({cl}),1,0)")
    calc.add("ended", "=IF({cx}=1,IF({m}+{cl}<=0,1,0),0)")
    calc.add("running", "=IF({cx}=1,IF(AND({cl}<0,{m}+{cl}>0),1,0),0)")
    calc.add("kept", f"=IF({{running}}=1,ROUND(N({WORKED})*60,0),0)")
    # More than half of a shift under way worked: billed in full, no window's charge or fee (cancellation._charge_shift).
    half = policy is not None and policy.full_once_half_worked
    calc.add("halfdone", "=IF(AND({running}=1,2*{kept}>{m}),1,0)" if half else "=0")
    if policy is None:
        calc.add("low", "=IF({ended}=1,{amount},0)")
        calc.add("high", "={low}")
        calc.add("feemissing", "=0")
        calc.add("nopolicy", "={cx}")
        calc.add("cpm", "=IF({ended}=1,{posmin},0)")
        if "vamount" in calc.letters:
            calc.add("cvam", "=IF({ended}=1,{vamount},0)")
        return
    windows = _window_columns(calc)
    _charged_minutes(calc, windows)
    _worked_pieces(calc)
    _charges(calc, count, ranked)


def _window_columns(calc: Calc) -> list:
    """Each window opened or not, and when (in minutes from the start): the latest opened one applies ({win})."""
    policy = calc.spec.cancellation
    # Each reason's windows stand beside the usual ones; a gate opens the set the reason given selects.
    gates, windows, chosen = [], [], []
    for reason in policy.reasons.values():
        jobs = "1" if reason.job_types is None else f"OR({','.join(f'Calc!$A$2={text(j)}' for j in reason.job_types)})"
        gate = f"AND({REASON}={text(reason.label)},{jobs})"
        chosen.append(gate)
        gates += [f"IF({gate},1,0)"] * len(reason.windows)
        windows += reason.windows
    usual = f"IF(OR({','.join(chosen)}),0,1)" if chosen else "1"
    gates, windows = [usual] * len(policy.windows) + gates, list(policy.windows) + windows
    for k, (w, gate) in enumerate(zip(windows, gates), 1):
        opened, at = w.opening.formula(w, calc.input("date"), WHEN)
        starting = w.applies_formula(calc, calc.input("start"), f"cw{k}")  # for shifts starting before a time, some jobs
        calc.add(f"open{k}", f"=IF({{cx}}=1,{gate}*{opened}{'' if starting == '1' else '*' + starting},0)")
        calc.add(f"at{k}", f"={at}")
    best = ",".join(f"IF({{open{k}}}=1,{{at{k}}},-2000000000)" for k in range(1, len(windows) + 1))
    calc.add("bestat", f"=MAX({best})")
    pick = "0"
    for k in range(len(windows), 0, -1):
        pick = f"IF(AND({{open{k}}}=1,{{at{k}}}={{bestat}}),{k},{pick})"
    calc.add("win", f"={pick}")
    return windows


def _charged_minutes(calc: Calc, windows: list) -> None:
    """The minutes the open window charges per position, whether it charges the full line, and the fee minutes."""
    def per_window(values: list[str], none: str) -> str:
        return f"IF({{win}}=0,{none},CHOOSE({{win}},{','.join(values)}))"

    minimum = "{mn}"  # the line's minimum: the job type's, or a billing by condition's
    charged = [w.charging.formula(w, minimum) for w in windows]
    calc.add("labmin", "=" + per_window(charged, f"IF({{kept}}>0,MAX({{kept}},{minimum}),0)"))
    full = per_window(["1" if w.charge == "full" else "0" for w in windows], "0")
    calc.add("full", f"=IF(OR({{halfdone}}=1,AND({JOB['flat']}>0,{{labmin}}>0)),1,{full})")  # a flat price has no hours
    calc.add("adm", "=" + per_window(["1" if w.admin_fee else "0" for w in windows], "0"))
    if any(w.charge_percent for w in windows):  # a share of the line as quoted (rules.cancellation.Share)
        calc.add("share", "=" + per_window([str(w.charge_percent or 0) for w in windows], "0"))

    def caught(values: list[str], each: str = "") -> str:
        """The open window's figure on a line it catches: a line that ended before the cancellation, or was worked
        more than half, is billed as quoted, without a window (cancellation._bill_ended, _charge_shift)."""
        return "=IF(AND({cx}=1,{ended}=0,{halfdone}=0)," + per_window(values, "0") + each + ",0)"

    if calc.spec.cancellation.flat_fees:  # a window's cancellation fee, once for the job: the largest of its lines'
        calc.add("cflat", caught([str(w.flat_fee or 0) for w in windows]))
        calc.add("cpos", caught([str(w.fee_per_position or 0) for w in windows], "*{positions}"))
        calc.ws["B3"], calc.ws["B4"] = "cancellation fee", f"=MAX({calc.ref('cflat')})+SUM({calc.ref('cpos')})"
    if any(w.keeps_deposit for w in windows):  # a window that keeps the deposit caught a line
        calc.add("ckeep", caught(["1" if w.keeps_deposit else "0" for w in windows]))
        calc.ws["C3"], calc.ws["C4"] = "deposit kept", f"=MAX({calc.ref('ckeep')})"
        for i, rule in enumerate(calc.spec.payment_when):  # which terms set the job's deposit (rules.payment.terms_for)
            calc.add(f"pw{i}", f"=IF({rule.when.formula(calc, f'pw{i}')[1]}=1,1,0)")
    if any(w.keeps_fees for w in windows):  # a window that keeps the quote's fees on top caught a line
        calc.add("ckfee", caught(["1" if w.keeps_fees else "0" for w in windows]))
        calc.ws["D3"], calc.ws["D4"] = "fees kept", f"=MAX({calc.ref('ckfee')})"
    calc.add("feebilled", "=IF({full}=1,{m},{labmin})")
    calc.add("fromfirst", "=" + real_minutes("{s}", "Calc!$A$4"))
    calc.add("feemin", "=IF({adm}=1,MAX(MIN({m},ROUND(FeeHours*60,0)-{fromfirst})-{feebilled},0),0)")


def _worked_pieces(calc: Calc) -> None:
    """Hours worked are the first of the line, each at its own rate; the hours added to reach what the window charges,
    at the line's highest rate (RULES 18; engine: quotes.Cut)."""
    after, segments = calc.after, calc.segments
    for k, (minutes, _) in enumerate(segments, 1):
        before = "+".join(f"{{{m}}}" for m, _ in segments[: k - 1]) or "0"
        calc.add(f"wk_{k}", f"=MIN({{{minutes}}},MAX(0,{{kept}}-({before})))")
    for k in range(1, len(segments) + 1):
        done = "+".join(f"{{wk_{j}}}" for j in range(1, k)) or "0"
        calc.add(f"wreg_{k}", split_formula(f"{{wk_{k}}}", done, after))
    for k in range(1, len(segments) + 1):
        calc.add(f"wot_{k}", f"={{wk_{k}}}-{{wreg_{k}}}")
    calc.add("cadd", "=MAX(0,{labmin}-{kept})")
    calc.add("caddreg", f"=MIN({{cadd}},MAX(0,{after}-{{kept}}))")
    calc.add("caddot", "={cadd}-{caddreg}")


def _charges(calc: Calc, count: dict[str, str], ranked: list[str]) -> None:
    """Each role's labour and fee on the line, the line's charge low and high, and its officer time charged."""
    fee, pieces = calc.spec.admin_fee, len(calc.segments)
    published = fee is not None and (fee.from_pay or fee.hourly is not None)
    tiers = ",".join(text(t) for t in calc.tiers)
    labour, low, high = [], [], []
    for role in ranked:
        # The highest regular rate the role is billed at on the line (cancellation._Charging._positions).
        for k in range(1, pieces + 1):
            calc.add(f"has{k}_{role}", f"=IF(AND({{{count[role]}}}>0,{{miss_{role}}}=0,{{reg_{k}}}>0),1,0)")
        calc.add(f"bestR_{role}", "=MAX(" + ",".join(f"IF({{has{k}_{role}}}=1,{{R_{role}_{k}}},0)" for k in range(1, pieces + 1)) + ")")
        best = f"{{T_{role}_1}}"
        for k in range(pieces, 0, -1):
            best = f"IF(AND({{has{k}_{role}}}=1,{{R_{role}_{k}}}={{bestR_{role}}}),{{T_{role}_{k}}},{best})"
        calc.add(f"bestT_{role}", f"={best}")
        each = calc.by_rate(role, f"{{wreg_1}}:{{wreg_{pieces}}}", f"{{wot_1}}:{{wot_{pieces}}}", "{caddreg}", "{caddot}")
        labour.append(calc.add(f"lab_{role}", f"=IF(OR({{miss_{role}}}=1,{{labmin}}=0),0,{{{count[role]}}}*({each}))"))
        key = f'"{role}|"&Calc!$A$2&"|"&CHOOSE({{bestT_{role}}}+1,{tiers})'
        calc.add(f"feeL_{role}", fee.formula(f"{{bestR_{role}}}", key, "Low") if fee else "=FeeLow")
        calc.add(f"feeH_{role}", f"={{feeL_{role}}}" if fee and fee.from_pay else "=FeeHigh")
        for side, out in (("L", low), ("H", high)):
            out.append(calc.add(f"fee{side}amt_{role}",
                                f"=IF({{bestR_{role}}}>0,{{{count[role]}}}*ROUND({{feemin}}*{{fee{side}_{role}}}/60,2),0)"))
    lab = "+".join(f"{{{n}}}" for n in labour)
    gate = "1" if published else "0"
    shared = "share" in calc.letters

    def part(whole: str, otherwise: str) -> str:  # of a line in full, of its share, or as the window charges
        share = f"IF({{share}}>0,ROUND({whole}*{{share}}/100,2),{otherwise})" if shared else otherwise
        return f"=IF({{cx}}=0,0,IF(OR({{ended}}=1,{{full}}=1),{whole},{share}))"

    for name, fees in (("low", low), ("high", high)):
        owed = "+".join(f"{{{n}}}" for n in fees)
        calc.add(name, part("{amount}", f"{lab}+{gate}*({owed})"))
    if "vamount" in calc.letters:  # the vehicles' part: charged only with a line in full, or its share
        calc.add("cvam", part("{vamount}", "0"))
    calc.add("feemissing", f"=IF(AND({{cx}}=1,{{ended}}=0,{{full}}=0,{{feemin}}>0,{gate}=0),1,0)")
    calc.add("nopolicy", "=0")
    # Officer time charged, in position-minutes, for a fee per position-hour (cancellation._Charging).
    held = "+".join(f"IF({{bestR_{r}}}>0,{{{count[r]}}}*{{labmin}},0)" for r in ranked)
    whole = "OR({ended}=1,{full}=1,{share}>0)" if shared else "OR({ended}=1,{full}=1)"
    calc.add("cpm", f"=IF({{cx}}=0,0,IF({whole},{{posmin}},{held}))")
