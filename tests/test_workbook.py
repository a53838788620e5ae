"""The quote workbooks as files: reproducible, fresh, Excel-2007-safe formulas, protected, print-ready."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from conftest import AGENCIES, KIND_AGENCIES, ROOT, SEED_AGENCIES, agency
from detailquote import filled, workbook
from detailquote.agency import Agency
from detailquote.loader import parse_spec

SHIPPED = ROOT / "workbooks"
# What LibreOffice 7.4 and every Excel since 2007 evaluate without an _xlfn. prefix.
ALLOWED = {"IF", "AND", "OR", "ISNUMBER", "INDEX", "MATCH", "ROUND", "ROUNDUP", "MIN", "MAX", "SUM", "SUMPRODUCT",
           "WEEKDAY", "COUNTIF", "SUMIF", "MOD", "INT", "CHOOSE", "IFERROR", "SEARCH", "N", "TIME", "MEDIAN", "SMALL",
           "COUNTA", "NOT"}


def contents(path):
    wb = load_workbook(path)
    return {
        ws.title: [[c.value.text if isinstance(c.value, ArrayFormula) else c.value for c in row] for row in ws.iter_rows()]
        for ws in wb.worksheets
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("wb")
    return {name: workbook.build(agency(name), out) for name in SEED_AGENCIES + KIND_AGENCIES}


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_the_shipped_workbook_is_fresh(built, name):
    assert contents(SHIPPED / f"{name}.xlsx") == contents(built[name]), "workbooks/ is stale: run `detailquote workbooks`"


def test_a_rebuild_is_byte_identical(built, tmp_path):
    for name, path in built.items():
        assert workbook.build(agency(name), tmp_path).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name", SEED_AGENCIES + KIND_AGENCIES)
def test_formulas_use_only_functions_excel_2007_and_libreoffice_share(built, name):
    used = set()
    for sheet in contents(built[name]).values():
        for row in sheet:
            for value in row:
                if isinstance(value, str) and value.startswith("="):
                    body = re.sub(r'"(?:[^"]|"")*"', '""', value)  # not inside text literals
                    used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", body))
    assert used <= ALLOWED, used - ALLOWED


def test_inputs_unlocked_formulas_locked_and_sheets_protected(built):
    wb = load_workbook(built["tucson-az"])
    ws = wb["Quote"]
    cols = workbook.Builder(agency("tucson-az")).inputs
    row = workbook.FIRST
    assert ws.protection.sheet and all(wb[s].protection.sheet for s in ("Rates", "Holidays", "Policy", "Calc"))
    for key in ("date", "start", "end", "officers", "vehicles"):
        assert ws[f"{cols[key]}{row}"].protection.locked is False
    for key in ("hours", "tier", "amount"):
        assert ws[f"{cols[key]}{row}"].protection.locked is True and str(ws[f"{cols[key]}{row}"].value).startswith("=")
    assert ws["C6"].protection.locked is False and ws["C7"].protection.locked is False
    assert wb["Calc"].sheet_state == "hidden"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["C6"] == "=JobLabels"
    casa = load_workbook(built["casa-grande-az"])["Quote"].data_validations.dataValidation
    assert {dv.formula1 for dv in casa if dv.type == "list"} == {"=JobLabels", "=Priorities"}


def test_the_quote_prints_on_one_page_and_the_other_sheets_landscape_one_page_wide(built):
    wb = load_workbook(built["hartford-ct"])
    ws = wb["Quote"]
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("portrait", 1, 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${workbook.FIRST - 1}:${workbook.FIRST - 1}"
    assert ws.oddHeader.left.text == "Hartford (CT) Police Department" and ws.oddHeader.right.text == "&D"
    for name in ("Rates", "Holidays", "Policy"):
        other = wb[name]
        assert (other.page_setup.orientation, other.page_setup.fitToWidth, other.page_setup.fitToHeight) == ("landscape", 1, 0)
        assert other.sheet_properties.pageSetUpPr.fitToPage
    assert wb["Rates"].column_dimensions["H"].hidden and wb["Rates"]["H1"].value == "Key"  # the look-up key, not printed


def test_every_input_cell_is_checked_by_excel_with_a_message(built):
    ws = load_workbook(built["tucson-az"])["Quote"]
    cols = workbook.Builder(agency("tucson-az")).inputs
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    rows = f"{workbook.FIRST}:{{}}{workbook.FIRST + workbook.LINES - 1}"
    expected = {"C4": "textLength", "C5": "textLength", "C6": "list", "C7": "date", "C8": "date", "C9": "textLength",
                "C10": "date", "C11": "decimal"}
    expected |= {f"{cols[k]}{rows.format(cols[k])}": t for k, t in
                 (("date", "date"), ("start", "time"), ("end", "time"), ("officers", "whole"), ("vehicles", "whole"))}
    assert {ref: rules[ref].type for ref in expected} == expected
    assert all(rules[ref].prompt and rules[ref].error and rules[ref].showInputMessage for ref in expected)
    assert (rules[f"{cols['officers']}{rows.format(cols['officers'])}"].formula1, rules[f"{cols['officers']}{rows.format(cols['officers'])}"].formula2) == ("1", "1000")


def test_arizona_has_no_filler_clock_change(built):
    ws = load_workbook(built["tucson-az"])["Holidays"]
    assert (ws["D2"].value, ws["E2"].value, ws["F2"].value) == (None, None, 0)


def test_holidays_run_ten_years_ahead_from_the_engines_calendar(built):
    ws = load_workbook(built["tucson-az"])["Holidays"]
    days = [r[0].date() for r in ws.iter_rows(min_row=2, max_col=1, values_only=True) if r[0] is not None]
    a = agency("tucson-az")
    assert days == [d for y in workbook.HOLIDAY_YEARS for d in a.calendar.year(y)]
    assert workbook.HOLIDAY_YEARS.stop - workbook.HOLIDAY_YEARS.start >= 11


def test_agency_text_that_looks_like_a_formula_stays_text(tmp_path):
    source = (AGENCIES / "tucson-az.toml").read_text()
    source = source.replace('text = "Quotes are not-to-exceed', 'text = "=HYPERLINK(\\"http://x\\") Quotes are not-to-exceed', 1)
    source = source.replace('label = "Regular"', 'label = "+Regular"', 1)
    odd = Agency.build("odd-az", parse_spec(source, "odd-az.toml"))
    wb = load_workbook(workbook.build(odd, tmp_path))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and (c.value.startswith("=HYPERLINK") or c.value.startswith("• =HYPERLINK")
                                               or c.value == "+Regular")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_clock_changes_match_the_time_zone():
    import datetime as dt
    from zoneinfo import ZoneInfo

    changes = workbook.clock_changes(ZoneInfo("America/New_York"), range(2026, 2027))
    assert changes == [
        (dt.datetime(2026, 3, 8, 2), dt.datetime(2026, 3, 8, 2), -1),
        (dt.datetime(2026, 11, 1, 1), dt.datetime(2026, 11, 1, 2), 1),
    ]
    assert workbook.clock_changes(ZoneInfo("America/Phoenix"), range(2026, 2030)) == []


def test_pdf_render_of_a_filled_quote(tmp_path):
    from detailquote import libreoffice

    if libreoffice.soffice() is None:
        pytest.fail("LibreOffice is not installed: the README's test command installs it")
    pdf, png = filled.render([agency("hartford-ct")], tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and png.read_bytes().startswith(b"\x89PNG")
    # the filled example, recalculated: three shifts priced from the page's weekend and weekday tables
    recalculated = libreoffice.convert([_filled(tmp_path)], tmp_path / "out")[0]
    ws = load_workbook(recalculated, data_only=True)["Quote"]
    amounts = [ws[f"K{workbook.FIRST + i}"].value for i in range(3)]
    # Sat night 5 positions, Sun 2 officers, Mon 8-hour minimum: the job touches a weekend, so Monday too is priced
    # from the weekend/holiday table (RULES 16)
    assert amounts == [5187.6, 1927.2, 963.6]


def _filled(tmp_path):
    (tmp_path / "filled").mkdir()
    path = workbook.build(agency("hartford-ct"), tmp_path / "filled")
    filled.fill(agency("hartford-ct"), path, *filled.EXAMPLE)
    return path


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_every_workbook_names_its_inputs_and_outputs_alike(built, name):
    names = load_workbook(built[name]).defined_names
    same = {"Customer": "$C$4", "Venue": "$C$5", "JobType": "$C$6", "RequestedAt": "$C$7", "PreparedOn": "$C$8",
            "PreparedBy": "$C$9", "CancelledAt": "$C$10", "HoursWorked": "$C$11"}
    assert {n: names[n].attr_text for n in same} == {n: f"'Quote'!{ref}" for n, ref in same.items()}
    first, last = workbook.FIRST, workbook.FIRST + workbook.LINES - 1
    assert names["ShiftDates"].attr_text == f"'Quote'!$B${first}:$B${last}"
    assert names["Shifts"].attr_text.startswith(f"'Quote'!$B${first}:$") and names["Shifts"].attr_text.endswith(f"${last}")
    cols = workbook.Builder(agency(name)).inputs
    for key, column in workbook.SHIFT_NAMES.items():
        if key in cols:
            assert names[column].attr_text == f"'Quote'!${cols[key]}${first}:${cols[key]}${last}", column
    for single in ("QuoteTotal", "CancellationCharge", "CancellationLow"):
        assert names[single].attr_text.startswith("'Quote'!$"), single


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_the_words_a_line_or_the_header_shows_fit_their_columns(built, name):
    """A line's reason fits the Rate tier column; the permit flag fits beside the job type, short of the headline."""
    wb = load_workbook(built[name])
    b = workbook.Builder(agency(name))
    why = wb["Calc"].cell(workbook.FIRST, list(b_columns(b)).index("why") + 1).value
    for words in filter(None, re.findall(r'"((?:[^"]|"")*)"', why)):
        assert len(words) <= workbook.TIER_WIDTH, words
    assert wb["Quote"].column_dimensions[b.inputs["tier"]].width == workbook.TIER_WIDTH
    permit = list(filter(None, re.findall(r'"((?:[^"]|"")*)"', wb["Quote"]["G6"].value)))
    headline = column_index_from_string(b.inputs["amount"]) - 2  # the column of "Quote total" and "If cancelled"
    room = sum(wb["Quote"].column_dimensions[get_column_letter(c)].width for c in range(7, headline))
    assert permit == ["Permit needed"] and len(permit[0]) <= room
    hints = [wb["Quote"][f"G{r}"].value for r in (4, 5, 7, 8, 9, 10, 11, 12)]
    assert hints == [None] * 8  # the other hints are each input's own message, shown when it is selected


def b_columns(builder):
    """The Calc sheet's column names in order, as the builder lays them out."""
    builder.build()
    return builder.columns.formulas


def test_a_filled_quote_to_send_gives_the_engines_total_and_is_reproducible(tmp_path):
    from decimal import Decimal as M

    from conftest import D
    from detailquote import libreoffice
    from detailquote.engine import Request, Shift, quote
    from detailquote.errors import InputError

    a = agency("hartford-ct")
    request = Request((Shift(D("2026-12-04T09:00"), D("2026-12-04T17:00"), 3), Shift(D("2026-12-05T09:00"), D("2026-12-05T13:00"), 2)),
                      requested_at=D("2026-11-20T10:00"), venue="Main St & 5th")
    cover = filled.Cover(customer="Acme Paving")
    xlsx, pdf = filled.write(a, request, tmp_path / "quote.xlsx", tmp_path / "quote.pdf", cover)
    assert pdf.read_bytes().startswith(b"%PDF")
    again = filled.write(a, request, tmp_path / "again.xlsx", None, cover)[0]
    assert again.read_bytes() == xlsx.read_bytes()
    ws = load_workbook(libreoffice.convert([xlsx], tmp_path / "out")[0], data_only=True)["Quote"]
    total = workbook.Builder(a)
    assert (ws["C4"].value, ws["C5"].value) == ("Acme Paving", "Main St & 5th")
    # Friday's 3 officers and a sergeant, Saturday's 2 lifted to 8 hours, all from the weekend table (RULES 16)
    assert ws[f"{total.inputs['amount']}{total.total_row}"].value == float(quote(a, request).total) == 6151.20
    assert quote(a, request).total == 3 * M("963.60") + M("1333.20") + 2 * M("963.60")
    with pytest.raises(InputError, match="at most 25 shifts"):
        filled.write(a, Request(tuple(request.shifts[:1]) * 26), tmp_path / "many.xlsx", None)
    with pytest.raises(InputError, match="shifts of up to 24 hours"):
        filled.write(a, Request((Shift(D("2026-12-04T09:00"), D("2026-12-05T10:00"), 1),)), tmp_path / "long.xlsx", None)
    assert not (tmp_path / "many.xlsx").exists() and not (tmp_path / "long.xlsx").exists()
