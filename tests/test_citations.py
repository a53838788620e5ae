"""Every `line` an agency file cites exists on its saved page, and each rate row's line shows its rate."""

import re
import tomllib
from decimal import Decimal

import pytest

from conftest import AGENCIES, agency
from detailquote.loader import load_file, parse_spec

FILES = sorted(p.name for p in AGENCIES.glob("*.toml"))  # every schedule of every agency


def cited(node, path=""):
    if isinstance(node, dict):
        if "line" in node:
            yield path, node
        for key, value in node.items():
            yield from cited(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from cited(value, f"{path}[{i}]")


def as_list(line):
    return line if isinstance(line, list) else [line]


@pytest.mark.parametrize("name", FILES)
def test_cited_lines_exist(name):
    data = tomllib.loads((AGENCIES / name).read_text(), parse_float=Decimal)
    page = (AGENCIES / "pages" / data["sources"][0]["page"]).read_text().splitlines()
    for path, node in cited(data):
        for line in as_list(node["line"]):
            assert 1 <= line <= len(page) and page[line - 1].strip(), f"{name} {path}: line {line} is empty or missing"


@pytest.mark.parametrize("name", FILES)
def test_each_rate_is_on_its_cited_line(name):
    """Each figure as printed, or printed to more places and rounded up to the cent ($95.8451: 95.85); a rate the page
    gives as a multiple of another ("time and one-half") is checked against it by the loader instead."""
    spec = load_file(AGENCIES / name).spec
    page = (AGENCIES / "pages" / spec.sources[0].page).read_text().splitlines()
    for table in spec.rate_tables:
        for row in table.rows:
            text = " ".join(page[n - 1] for n in as_list(row.line)).replace(",", "")
            printed = {Decimal(x) for x in re.findall(r"\d+\.\d{3,}", text)}
            dollars = {Decimal(x) for x in re.findall(r"\$ ?(\d+)(?:[^\d.]|\.(?!\d)|$)", text)}  # "$100/hour"
            for figure in (None if row.multiple_of else row.rate, row.overtime, row.pay):
                if figure is not None:
                    assert f"{figure:.2f}" in text or any(figure - Decimal("0.01") < x <= figure for x in printed) \
                        or figure in dollars, f"{name}: {figure} not on line(s) {row.line}"


def test_a_multiple_is_checked_against_the_rate_it_multiplies():
    from detailquote.errors import AgencyFileError

    text = (AGENCIES / "oxford-ma.toml").read_text().replace("rate = 105.00, multiple_of", "rate = 105.01, multiple_of", 1)
    with pytest.raises(AgencyFileError, match=r"1.5 x 70.00 is 105.00, not 105.01"):
        parse_spec(text, "oxford-ma.toml")


def _copy(tmp_path, name: str, change=None):
    """An agency file and its saved page in a folder of their own, the file's text changed by `change`."""
    (tmp_path / "pages").mkdir()
    text = (AGENCIES / f"{name}.toml").read_text()
    data = tomllib.loads(text, parse_float=Decimal)
    page = data["sources"][0]["page"]
    (tmp_path / "pages" / page).write_text((AGENCIES / "pages" / page).read_text())
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(*change) if change else text)
    return path


def test_check_holds_a_file_against_its_page(tmp_path, capsys):
    from detailquote.cli import main

    path = _copy(tmp_path, "tucson-az", ('rate = 64.11, line = 43', 'rate = 64.12, line = 43'))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "rate_tables[0].rows[0].rate: 64.12 is not on line 43 of tucson-az.txt (line 58)" in out


def test_check_finds_a_line_past_the_page_and_a_tier_without_rates(tmp_path, capsys):
    from detailquote.cli import main

    path = _copy(tmp_path, "sherman-tx")
    text = path.read_text()
    path.write_text(text + '\n[tiers.unpriced]\nlabel = "Unpriced"\nline = 1\nwhen = { kind = "length", over_hours = 20 }\n')
    assert main(["check", str(path)]) == 0
    assert "warning: tier unpriced has no rate row" in capsys.readouterr().out
    path.write_text(text.replace('officer = { label = "Officer", line = 2 }', 'officer = { label = "Officer", line = 100000 }'))
    assert main(["check", str(path)]) == 1
    assert "roles.officer.line: line 100000 of sherman-tx.txt is past its end (line 16)" in capsys.readouterr().out


@pytest.mark.parametrize(("when", "why"), [
    ('[{ kind = "calendar", days = ["saturday"], scope = "hour" }, { kind = "calendar", days = ["weekday"], scope = "hour" }]',
     "no day is both saturday and weekday"),
    ('{ kind = "all", of = [{ kind = "length", over_hours = 8 }, { kind = "not", of = { kind = "length", over_hours = 8 } }] }',
     "it asks for every hour of a shift longer than 8 hours and for its opposite"),
    ('{ kind = "all", of = [{ kind = "job_type", one_of = ["regular"] }, { kind = "job_type", one_of = ["outdoor"] }] }',
     "no job is both regular and outdoor"),
])
def test_check_warns_of_a_rule_that_can_never_hold(tmp_path, capsys, when, why):
    from detailquote.cli import main

    path = _copy(tmp_path, "sherman-tx")
    text = path.read_text()
    path.write_text(text + f'\n[premiums.never]\nlabel = "Never"\nline = 1\nper_hour = 1.00\nwhen = {when}\n')
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"warning: premiums.never.when can never hold: {why}" in out, out


def test_check_does_not_warn_where_a_holiday_may_fall_on_the_day():
    from detailquote.rules.combine import never_holding

    for name in ("hartford-ct", "job-facts", "holiday-scopes"):
        assert list(never_holding(agency(name).spec)) == [], name
