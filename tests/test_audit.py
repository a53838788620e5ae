"""The invoice audit: reading invoices loosely, grouping their rows into jobs, the report's faces, and the property
that a quote billed as an invoice audits clean. The verdicts on each agency's own figures are in tests/audit/."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from detailquote import library, quote
from detailquote.audit import VERDICTS, audit, row_answers
from detailquote.cli import main
from detailquote.errors import InputError
from detailquote.invoice import rows as invoice_rows
from detailquote.quotes import FEE, VEHICLE, Request, Shift

ROOT = Path(__file__).resolve().parents[1]
HARTFORD = library().get("hartford-ct")
TUCSON = library().get("tucson-az")


def audited(agency, table):
    found, ignored = invoice_rows(list(enumerate(table, 1)))
    return audit(agency, found, [f"Columns not read: {', '.join(ignored)}."] if ignored else [])


def verdicts(result):
    return [(f.rows, f.verdict, f.allowed, f.difference) for f in result.findings]


# --- reading invoices ---------------------------------------------------------------------------------

def test_columns_go_by_their_usual_names_and_others_are_left_alone():
    # Hartford, a Tuesday 07:00-15:00: an officer's 8 h at the weekday rate, $80.30 (seed page) = $642.40.
    table = [["Detail #", "Work Date", "Time In", "Time Out", "Rank", "Employee", "Hrs", "Bill Rate", "Line Total", "Location"],
             ["D-1", "2026-11-03", "07:00", "15:00", "Police Officer", "Chen", "8", "$80.30", "$642.40", "Main St"]]
    result = audited(HARTFORD, table)
    assert verdicts(result) == [((2,), "matches", Decimal("642.40"), Decimal("0.00"))]
    assert result.notes == ("Columns not read: Location.",)
    assert result.findings[0].job == "D-1" and result.findings[0].what == "Police Officer (Chen)"


@pytest.mark.parametrize("header, message", [
    (["date", "start", "end", "hours_biled"], "unknown column 'hours_biled' in the invoice's header row — did you mean hours_billed?"),
    (["date", "start", "end", "role"], "names no amount, rate or hours column"),
    (["role", "amount"], "names no date or start column"),
    (["date", "amount", "Total"], "names the amount column twice ('amount' and 'Total')"),
])
def test_a_header_the_audit_cannot_read_is_refused_with_why(header, message):
    with pytest.raises(InputError, match="^.*" + message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        invoice_rows([(1, header)])


def test_clock_times_cross_midnight_and_a_date_with_hours_assumes_a_morning_start():
    table = [["date", "start", "end", "hours", "rate", "amount"],
             ["2026-11-03", "22:00", "06:00", 8, 80.30, 642.40],  # ends the next day: 8 h
             ["2026-11-04", None, None, 8, 80.30, 642.40]]  # no times: 08:00 to 16:00, and said so
    found, _ = invoice_rows(list(enumerate(table, 1)))
    assert (found[0].start, found[0].end) == (dt.datetime(2026, 11, 3, 22), dt.datetime(2026, 11, 4, 6))
    assert (found[1].start, found[1].end) == (dt.datetime(2026, 11, 4, 8), dt.datetime(2026, 11, 4, 16))
    result = audit(HARTFORD, found)
    assert [f.verdict for f in result.findings] == ["matches", "matches"]
    assert "assumed 08:00" in result.findings[1].reason


def test_amounts_are_read_as_billed_with_signs_and_separators():
    table = [["date", "start", "end", "amount", "fees"], ["2026-11-03", "07:00", "17:00", "$1,234.50", "(12.50)"]]
    found, _ = invoice_rows(list(enumerate(table, 1)))
    assert (found[0].amount, found[0].fees) == (Decimal("1234.50"), Decimal("-12.50"))


def test_a_row_that_cannot_be_read_is_not_priceable_and_the_others_still_audit():
    table = [["job", "date", "start", "end", "role", "hours", "rate", "amount"],
             ["A", "2026-11-03", "07:00", "15:00", "officer", 8, 80.30, 642.40],
             ["B", "2026-11-03", "soon", "15:00", "officer", 8, 80.30, 642.40],
             ["C", "2026-11-03", "07:00", "15:00", "captian", 8, 80.30, 642.40]]
    result = audited(HARTFORD, table)
    assert [(f.rows, f.verdict) for f in result.findings] == [((2,), "matches"), ((3,), "unpriceable"), ((4,), "unpriceable")]
    assert "start 'soon' is not a date and time" in result.findings[1].reason
    assert "unknown role 'captian' — did you mean captain?" in result.findings[2].reason
    assert result.unpriced == Decimal("1284.80") and result.allowed == Decimal("642.40")


# --- grouping rows as agencies bill --------------------------------------------------------------------

def test_an_officers_regular_and_overtime_rows_are_one_charge_and_unnamed_overtime_rows_join_their_row():
    # Hartford, Tuesday 07:00-17:00, 3 officers and their sergeant (one from 3 officers): 8 h at the weekday rate
    # and 2 h at weekday overtime. Officer: 8 × $80.30 + 2 × $120.45 = $642.40 + $240.90 = $883.30.
    # Sergeant: 8 × $111.10 + 2 × $166.65 = $888.80 + $333.30 = $1,222.10.
    rows = [["date", "start", "end", "role", "officer", "positions", "hours", "rate", "amount", "tier"],
            ["2026-10-06", "07:00", "17:00", "sergeant", "Rivera", None, 8, 111.10, 888.80, "Weekday"],
            ["2026-10-06", "07:00", "17:00", "sergeant", "Rivera", None, 2, 166.65, 333.30, "Weekday overtime"],
            ["2026-10-06", "07:00", "17:00", "officer", None, 3, 8, 80.30, 1926.20, "Weekday"],
            ["2026-10-06", "07:00", "17:00", "officer", None, 3, 2, 120.45, 722.70, "OT"]]
    result = audited(HARTFORD, rows)
    assert verdicts(result) == [((2, 3), "matches", Decimal("1222.10"), Decimal("0.00")),
                                ((4, 5), "arithmetic", Decimal("2649.90"), Decimal("-1.00"))]
    # 3 × 8 h × $80.30 = $1,927.20, not the $1,926.20 billed.
    assert result.findings[1].reason.startswith("row 4: 3 × 8.00 h × $80.30 is $1,927.20, not $1,926.20")


def test_rows_without_a_job_id_are_billed_by_shift_and_a_dated_fee_joins_its_day():
    # Honolulu bills an administrative fee per job: with it left on its own day's row, the shift's job takes it.
    honolulu = library().get("honolulu-hi")
    q = quote(honolulu, Request.one(dt.datetime(2026, 6, 10, 8), dt.datetime(2026, 6, 10, 12), 1))
    labour = [x for x in q.lines if x.role not in (FEE,)]
    fee = next(x for x in q.lines if x.role == FEE and x.tier == "admin")
    table = [["date", "start", "end", "role", "hours", "rate", "amount"],
             *[["2026-06-10", "08:00", "12:00", x.label, x.hours, x.rate, x.amount] for x in labour],
             ["2026-06-10", None, None, fee.label, None, None, fee.amount]]
    result = audited(honolulu, table)
    by_what = {f.what: f.verdict for f in result.findings}
    assert by_what[fee.label] == "matches"
    assert any(f.verdict == "fee_missing" for f in result.findings) == any(
        x.role == FEE and x.tier != "admin" for x in q.lines)


def test_supervisors_beyond_the_rules_count_are_priced_as_asked_for_and_said_so():
    # Tucson counts one sergeant within 5 positions; a customer may ask for more. Two sergeants and three officers,
    # 4 h on a weekday: 4 × $72.48 = $289.92 each sergeant, 4 × $64.11 = $256.44 each officer.
    row = ["2027-03-03", "08:00", "12:00"]
    table = [["date", "start", "end", "role", "officer", "hours", "rate", "amount"],
             [*row, "sergeant", "A", 4, 72.48, 289.92],
             [*row, "sergeant", "B", 4, 72.48, 289.92],
             *[[*row, "officer", name, 4, 64.11, 256.44] for name in "CDE"]]
    result = audited(TUCSON, table)
    assert {f.verdict for f in result.findings} == {"matches"}
    assert result.findings[0].reason.endswith("(taken as the customer's choice of 2 Sergeants: the rules give 1 for 5 requested)")


def test_more_positions_than_the_rules_can_staff_are_not_due():
    # Casa Grande staffs officers only: a sergeant billed on its detail is no position of its rules.
    table = [["date", "start", "end", "role", "hours", "rate", "amount"],
             ["2027-03-03", "08:00", "12:00", "officer", 4, 66.90, 267.60],
             ["2027-03-03", "08:00", "12:00", "sergeant", 4, 80.00, 320.00]]
    result = audited(library().get("casa-grande-az"), table)
    assert [f.verdict for f in result.findings] == ["matches", "unpriceable"]


# --- an engine quote, billed as an invoice, audits clean ------------------------------------------------

def invoice_of(q, named: bool) -> list[list]:
    """The quote's lines as an agency would bill them: one row a line (the overtime and premium rows marked by
    their tier), or with `named`, one row per position and line, each position an officer of its own."""
    rows = [["job", "date", "start", "end", "role", "officer", "positions", "hours", "rate", "amount", "tier"]]
    names: dict[tuple, int] = {}
    for x in q.lines:
        if x.role == FEE:
            rows.append(["J", None, None, None, x.label, None, None, None, None, x.amount, None])
            continue
        s = q.shifts[x.shift - 1]
        when = [s.start.date().isoformat(), s.start.isoformat(sep=" "), s.end.isoformat(sep=" ")]
        if x.role == VEHICLE:
            rows.append(["J", *when, "vehicle", None, x.positions, x.hours, x.rate, x.amount, None])
            continue
        tier = x.tier_label + (" overtime" if x.overtime else "")
        if not named:
            rows.append(["J", *when, x.label, None, x.positions, x.hours, x.rate, x.amount, tier])
            continue
        for _ in range(x.positions):
            key = (x.shift, x.role, x.rate, x.overtime, x.premium, x.tier)
            n = names[key] = names.get(key, 0) + 1
            rows.append(["J", *when, x.label, f"{x.role}-{n}", None, x.hours, x.rate, x.amount / x.positions, tier])
    return rows


AGENCIES = sorted(library().names())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(AGENCIES), day=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
       hour=st.integers(0, 23), minutes=st.sampled_from([60, 150, 240, 300, 480, 600, 720]),
       officers=st.integers(1, 9), vehicles=st.integers(0, 2), named=st.booleans())
def test_a_quote_billed_as_an_invoice_audits_clean(name, day, hour, minutes, officers, vehicles, named):
    """Billed a row per officer and line, or a row per line (its positions, its tier: a night band's hours on a
    row of their own), every agency's quote audits clean, to its total."""
    agency = library().get(name)
    start = dt.datetime.combine(day, dt.time(hour))
    try:
        q = quote(agency, Request.one(start, start + dt.timedelta(minutes=minutes), officers, vehicles))
    except InputError:
        assume(False)
    assume(q.complete)
    result = audited(agency, invoice_of(q, named=named))
    assert [f.verdict for f in result.findings if f.verdict != "matches"] == [], [f for f in result.findings if f.verdict != "matches"]
    assert result.allowed == result.billed == q.total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["hartford-ct", "tucson-az", "casa-grande-az", "hot-springs-ar", "bay-harbor-islands-fl"]),
       day=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)), hour=st.integers(0, 23),
       minutes=st.sampled_from([120, 240, 480, 600, 720]), officers=st.integers(1, 9), extra=st.integers(1, 3))
def test_an_hour_billed_too_many_is_found_and_priced_at_its_rate(name, day, hour, minutes, officers, extra):
    agency = library().get(name)
    start = dt.datetime.combine(day, dt.time(hour))
    q = quote(agency, Request.one(start, start + dt.timedelta(minutes=minutes), officers))
    assume(q.complete and q.job is not None)
    table = invoice_of(q, named=True)
    row = next(i for i, r in enumerate(table[1:], 1) if r[4] != "vehicle" and r[9] is not None and "overtime" not in (r[10] or ""))
    table[row][7] = table[row][7] + extra  # more hours at the same rate, the amount worked out from them
    table[row][9] = (table[row][7] * Decimal(str(table[row][8]))).quantize(Decimal("0.01"))
    result = audited(agency, table)
    wrong = [f for f in result.findings if f.verdict != "matches"]
    assert len(wrong) == 1 and row + 1 in wrong[0].rows
    assert wrong[0].verdict in ("hours", "minimum")
    assert wrong[0].difference > 0


# --- the faces: DETAIL_AUDIT and the command ---------------------------------------------------------

EXAMPLE = ROOT / "docs" / "invoice-template.csv"


def test_the_template_audits_clean_and_the_command_says_so(capsys):
    assert main(["audit", "hartford-ct", str(EXAMPLE)]) == 0
    assert "Every charge is as the rules allow." in capsys.readouterr().out


INVOICE = """job,date,start,end,role,officer,hours,rate,amount
D-2210,2026-11-03,07:00,15:00,Police Sergeant,Sgt. Rivera,8,111.10,888.80
D-2210,2026-11-03,07:00,15:00,Police Officer,Ofc. Chen,9,80.30,722.70
D-2210,2026-11-03,07:00,15:00,Police Officer,Ofc. Walsh,8,120.45,963.60
D-2210,2026-11-03,07:00,15:00,Police Officer,Ofc. Okafor,8,80.30,662.40
D-2211,2026-11-07,18:00,21:00,Police Officer,Ofc. Chen,3,120.45,361.35
D-2211,2026-11-07,18:00,21:00,Police Officer,Ofc. Lane,8,120.45,963.60
D-2211,2026-11-07,,,Admin fee,,,,50.00
"""


def test_the_readme_invoice_gives_the_readme_report(tmp_path, capsys):
    path = tmp_path / "invoice.csv"
    path.write_text(INVOICE)
    readme = (ROOT / "README.md").read_text()
    assert INVOICE.strip() in readme
    assert main(["audit", "hartford-ct", str(path)]) == 3
    out = capsys.readouterr().out
    assert out.strip() in readme
    # Worked from Hartford's page: weekday officer $80.30, weekend $120.45, sergeant $111.10, 8-hour minimum.
    assert "overbilled hours (+$80.30)" in out  # Chen: 9 h of an 8-hour shift, 1 h × $80.30
    assert "wrong tier or rate (+$321.20)" in out  # Walsh: 8 × ($120.45 − $80.30) = 8 × $40.15
    assert "arithmetic error (+$20.00)" in out  # Okafor: 8 × $80.30 = $642.40, billed $662.40
    assert "minimum misapplied (-$602.25)" in out  # Chen: 3 h billed, 8-hour minimum: 5 × $120.45 short
    assert "fee not due (+$50.00)" in out  # Hartford publishes no administrative fee


def test_each_report_file_holds_the_lines_and_the_totals(tmp_path, capsys):
    path = tmp_path / "invoice.csv"
    path.write_text(INVOICE)
    for suffix in (".xlsx", ".csv", ".json"):
        assert main(["audit", "hartford-ct", str(path), "--out", str(tmp_path / f"report{suffix}")]) == 3
    assert "5 of 7 charges differ" in capsys.readouterr().err
    data = json.loads((tmp_path / "report.json").read_text())
    assert (data["billed"], data["allowed"], data["difference"]) == ("4612.45", "4743.20", "-130.75")
    assert [v["verdict"] for v in data["by_verdict"]] == [
        "matches", "arithmetic error", "minimum misapplied", "overbilled hours", "wrong tier or rate", "fee not due"]
    lines = list(csv.DictReader((tmp_path / "report.csv").open()))
    assert [line["verdict"] for line in lines] == [VERDICTS[k] for k in (
        "matches", "hours", "rate", "arithmetic", "minimum", "matches", "fee_not_due")]
    assert sum(Decimal(line["difference"]) for line in lines) == Decimal("-130.75")
    ws = openpyxl.load_workbook(tmp_path / "report.xlsx").active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["Billed", None, None, None, None, 4612.45] in [v[:6] for v in values]
    header = next(i for i, v in enumerate(values) if v[0] == "Rows")
    assert [v[10] for v in values[header + 1:]] == [line["verdict"] for line in lines]
    shaded = [ws.cell(header + 2 + i, 1).fill.start_color.rgb for i in range(len(lines))]  # rows count from 1
    assert [s.endswith("FFC7CE") for s in shaded] == [line["verdict"] != "matches" for line in lines]


@pytest.mark.parametrize("args, message", [
    (["audit", "hartford-ct", "nope.csv"], "no file 'nope.csv'"),
    (["audit", "hartford-ct", "invoice.csv", "--out", "report.pdf"], "expected a .xlsx, .csv or .json file"),
    (["audit", "hartfrod-ct", "invoice.csv"], "did you mean hartford-ct?"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "invoice.csv").write_text(INVOICE)
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoice.csv"]


def test_detail_audit_answers_each_row_and_its_columns_add_up_to_the_audit():
    from detailquote import udfs

    table = list(csv.reader(INVOICE.splitlines()))
    answer = udfs.DETAIL_AUDIT("hartford-ct", table)
    assert answer[0] == ["allowed", "difference", "reason"] and len(answer) == len(table)
    result = audited(HARTFORD, table)
    assert sum(Decimal(str(r[1])) for r in answer[1:] if r[1] != "") == result.difference
    assert answer[2][:2] == [642.40, 80.30] and answer[2][2].startswith("Police Officer (Ofc. Chen): overbilled hours")
    assert row_answers(result, [8])[8][2].startswith("Admin fee: fee not due")
