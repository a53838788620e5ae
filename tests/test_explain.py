"""`detailquote explain` reads an agency's rules back in words; `detailquote new-agency` starts a file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SEED_AGENCIES, agency
from detailquote.cli import main
from detailquote.explain import explain
from detailquote.loader import load_file


def test_explain_reads_each_rule_with_its_page_line(capsys):
    assert main(["explain", "tucson-az"]) == 0
    text = capsys.readouterr().out
    for words in [
        "Tucson (AZ) Police Department",
        "Officer, holiday on regular jobs: $96.17 (line 46)",
        "Emergency: Every hour of a shift requested less than 48 hours before it starts. (lines 49, 91)",
        "Thanksgiving Day: the 4th Thursday of November",
        "Minimum 3 hours per position per shift. (line 82)",
        "Sergeant: one, from 5 officers requested (substituted). (line 84)",
        "Vehicle: $15.00 for each billed hour, plus 0.5 hours of the officer's time.",
    ]:
        assert words in text, words


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_explain_shows_every_published_rate(name):
    a = agency(name)
    text = explain(a)
    for schedule in a.schedules:
        for row in {id(r): r for r in schedule.cells.values()}.values():
            assert f"${row.rate:.2f}" in text
        for rule in schedule.spec.holidays.rules if schedule.spec.holidays else ():
            assert f"{rule.name}:" in text


def test_explain_gives_every_schedule_newest_first():
    text = explain(agency("bay-harbor-islands-fl"))
    newest = text.index("Schedule from 17 December 2025.")
    oldest = text.index("Schedule through Off Duty Management, from 22 February 2021 until 17 December 2025.")
    assert newest < oldest
    assert "Juneteenth: June 19" in text[:oldest] and "New Year's Eve: December 31" not in text[:oldest]
    assert "New Year's Eve: December 31" in text[oldest:]


def test_a_new_agency_file_lists_what_is_left_to_fill_in_then_prices(tmp_path: Path, capsys):
    assert main(["new-agency", "springfield-il", "--out", str(tmp_path)]) == 0
    path = tmp_path / "springfield-il.toml"
    assert capsys.readouterr().out == f"{path}\n{tmp_path / 'schema.json'}\n"
    assert main(["check", str(path)]) == 1
    left = capsys.readouterr().out
    assert "10 problems" in left and "rate_tables[0].rows[0].rate: must be more than 0" in left
    assert 'name = "Springfield (IL) Police Department"' in path.read_text()

    filled = path.read_text().replace("rate = 0", "rate = 50.00")
    filled = re.sub(r"line = 0\b", "line = 1", filled)
    path.write_text(filled)
    assert main(["check", str(path)]) == 1  # it loads, but cites a page not saved yet
    assert "sources[0].page: no saved page springfield-il.txt" in capsys.readouterr().out
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "springfield-il.txt").write_text("Off-duty officers: $50.00 an hour.\n")
    assert main(["check", str(path)]) == 0
    assert load_file(path).key == "springfield-il"


@pytest.mark.parametrize("name, words", [
    ("springfield-il", "exists already: edit it, or choose another name"),
    ("../springfield", "must be lower case letters, digits and dashes"),
    ("Springfield IL", "must be lower case letters, digits and dashes"),
])
def test_new_agency_refuses_to_overwrite_or_escape(tmp_path: Path, capsys, name, words):
    (tmp_path / "springfield-il.toml").write_text("kept")
    assert main(["new-agency", name, "--out", str(tmp_path)]) == 2
    assert words in capsys.readouterr().err
    assert (tmp_path / "springfield-il.toml").read_text() == "kept"


def test_the_authoring_guides_examples_together_make_an_agency_that_prices():
    """Every example in agencies/README.md is real: joined, they load, and price a job."""
    import datetime as dt

    from conftest import AGENCIES
    from detailquote.agency import Agency
    from detailquote.engine import Request, quote
    from detailquote.loader import parse_spec

    guide = (AGENCIES / "README.md").read_text()
    blocks = re.findall(r"```toml\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 10
    spec = parse_spec("\n".join(blocks), "agencies/README.md")
    a = Agency.build("springfield-il", spec)
    q = quote(a, Request.one(dt.datetime(2026, 11, 18, 8), dt.datetime(2026, 11, 18, 12), 4))
    assert q.complete and q.total > 0


def test_every_file_the_guide_names_as_an_example_exists_and_writes_its_kind():
    guide = (ROOT / "agencies" / "README.md").read_text()
    table = guide[guide.index("## Where each kind is written in full"):guide.index("## When the agency changes")]
    named = set(re.findall(r"`((?:tests/kinds/)?[a-z0-9+-]+\.toml)`", table))
    assert len(named) >= 25
    for name in named:
        path = ROOT / name if name.startswith("tests/") else ROOT / "agencies" / name
        assert path.exists(), name
    written = {name: (ROOT / name if name.startswith("tests/") else ROOT / "agencies" / name).read_text() for name in named}
    for name, key in [("tests/kinds/holiday-scopes.toml", 'scope = "start"'), ("tests/kinds/holiday-scopes.toml", 'from = "'),
                      ("tests/kinds/holiday-scopes.toml", 'rule = "dates"'), ("tests/kinds/holiday-scopes.toml", "observed ="),
                      ("tests/kinds/night-rate.toml", '"time_band"'), ("tests/kinds/flat-price.toml", "flat_price ="),
                      ("tests/kinds/fees.toml", "[customer_classes."), ("cleburne-tx.toml", 'mode = "substituted"'),
                      ("hartford-ct.toml", "of = "), ("casa-grande-az.toml", 'opens = "start_day"')]:
        assert key in written[name], (name, key)
