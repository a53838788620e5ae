"""The analyst's example workbook: every formula is wired to the cells it means, and the shipped copy is fresh."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.formula import ArrayFormula

from conftest import ROOT
from detailquote import analyst, udfs

SHIPPED = ROOT / "workbooks" / analyst.FILE_NAME
CALL = re.compile(r"^=(DETAIL_[A-Z_]+)\((.*)\)$")
ARG = re.compile(r'\s*("(?:[^"]|"")*"|[^,]*)\s*(?:,|$)')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return analyst.build(tmp_path_factory.mktemp("wb"))


def evaluate(ws, text: str):
    """Call the function a formula names with the values of the cells it refers to, as Excel would."""
    name, inner = CALL.match(text).groups()
    args = []
    for token in [m.group(1) for m in ARG.finditer(inner)][: inner.count(",") + 1] if inner else []:
        token = token.strip()
        if token.startswith('"'):
            args.append(token[1:-1].replace('""', '"'))
        elif not token:
            args.append(None)
        elif re.fullmatch(r"[A-Z]+\d+:[A-Z]+\d+", token):
            c1, r1, c2, r2 = range_boundaries(token)
            args.append([[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)])
        elif re.fullmatch(r"[A-Z]+\d+", token):
            args.append(ws[token].value)
        else:
            args.append(float(token))
    return getattr(udfs, name)(*args)


def formulas(wb):
    """Each cell that calls a DETAIL_* function (not the formulas shown as text, nor the checks beside them)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value.text if isinstance(cell.value, ArrayFormula) else cell.value
                if isinstance(value, str) and CALL.match(value) and cell.data_type == "f":
                    yield ws, cell, value


def test_every_formula_gives_what_the_sheet_says_it_should(built):
    wb = load_workbook(built)
    checked = set()
    for ws, cell, text in formulas(wb):
        checked.add(CALL.match(text).group(1))
        got = evaluate(ws, text)
        if ws.title == "Functions" and cell.column == 3:
            assert got == ws.cell(cell.row, 4).value, text
            assert ws.cell(cell.row, 2).value == text and ws.cell(cell.row, 2).data_type == "s"  # shown as text beside it
            assert ws.cell(cell.row, 5).value.startswith(f"=IFERROR(IF(ISNUMBER(D{cell.row})")
        elif ws.title == "Many jobs":
            assert [r[0] for r in got[1:]] == [ws.cell(r, 12).value for r in range(2, ws.max_row + 1)]
        else:
            assert isinstance(got, list) and got and not isinstance(got[0], str), text
    assert checked == set(udfs.__all__)


def test_the_sheet_shows_prices_and_errors_side_by_side(built):
    ws = load_workbook(built)["Many jobs"]
    shown = [ws.cell(r, 12).value for r in range(2, ws.max_row + 1)]
    assert shown[0] == 4128.98
    assert "end is before start" in shown and any("did you mean tucson-az?" in str(v) for v in shown)


def test_spilling_formulas_are_marked_as_dynamic_arrays(built):
    import zipfile

    with zipfile.ZipFile(built) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "xl/metadata.xml" in z.namelist()
    for cell, _ in analyst.SPILLS:
        assert f'<c r="{cell}" cm="1">' in sheet


def test_a_rebuild_is_byte_identical(built, tmp_path):
    assert analyst.build(tmp_path).read_bytes() == built.read_bytes()


def test_the_shipped_workbook_is_fresh(built):
    def contents(path):
        wb = load_workbook(path)
        return {
            ws.title: [[c.value.text if isinstance(c.value, ArrayFormula) else c.value for c in row] for row in ws.iter_rows()]
            for ws in wb.worksheets
        }

    assert SHIPPED.exists(), "run: detailquote workbooks"
    assert contents(SHIPPED) == contents(built), "workbooks/ is stale: run `detailquote workbooks`"


def test_the_workbook_carries_xlwings_lites_tabs_as_the_committed_bundle(built):
    """The shipped and built workbooks hold main.py and requirements.txt where xlwings Lite keeps them: properties
    of its web extension (store id WA200008175), with a task pane that opens with the workbook."""
    import zipfile

    from detailquote import lite

    bundle = ROOT / "addin" / "excel" / "lite"
    for path in (built, SHIPPED):
        data = path.read_bytes()
        tabs = lite.tabs_of(data)
        assert tabs["main.py"] == (bundle / "main.py").read_text(encoding="utf-8")
        assert tabs["requirements.txt"] == (bundle / "requirements.txt").read_text(encoding="utf-8")
        assert tabs["xlwingsSettingsWorkbook"] == {"startupBehavior": "taskpane"}
        with zipfile.ZipFile(path) as z:
            extension = z.read("xl/webextensions/webextension1.xml").decode()
            assert 'id="wa200008175"' in extension and 'storeType="OMEX"' in extension
            assert "webextensiontaskpanes" in z.read("_rels/.rels").decode()
            assert 'Target="webextension1.xml"' in z.read("xl/webextensions/_rels/taskpanes.xml.rels").decode()
            types = z.read("[Content_Types].xml").decode()
            assert "/xl/webextensions/webextension1.xml" in types and "/xl/webextensions/taskpanes.xml" in types
