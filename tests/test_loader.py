"""Loading agency files: every problem at once, with file, field and reason; user folders first."""

import shutil
from pathlib import Path

import pytest

from conftest import AGENCIES, SEED_AGENCIES
from detailquote.errors import AgencyFileError, UnknownAgency
from detailquote.loader import Library, load_file, parse_spec

MINIMAL = """
name = "Test PD"
short_name = "Test"
time_zone = "America/Chicago"
[[sources]]
title = "Test page"
[roles]
officer = { label = "Officer" }
[job_types.regular]
label = "Regular"
line = 1
[tiers.standard]
label = "Standard"
line = 1
[[rate_tables]]
title = "Rates"
line = 1
rows = [ { role = "officer", tier = "standard", rate = 50.00, line = 2 } ]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(AgencyFileError) as info:
        parse_spec(text, "test.toml")
    return [f"{p.field}: {p.reason}" for p in info.value.problems]


def test_minimal_file_loads():
    spec = parse_spec(MINIMAL)
    assert spec.rate_tables[0].rows[0].rate == 50


def test_every_structural_problem_is_reported_at_once():
    text = MINIMAL.replace('time_zone = "America/Chicago"', 'time_zone = "America/Chicago"\ncolour = "blue"')
    text = text.replace("rate = 50.00", "rate = -50.00")
    text = text.replace('[tiers.standard]', '[tiers.holiday]\nlabel = "Holiday"\nline = 1\nwhen = { kind = "calendar", days = ["holiday"], scope = "daily" }\n[tiers.standard]')
    text += '[holidays]\nrules = [ { name = "Leap", rule = "fixed", month = 2, day = 30 } ]\n'
    found = problems(text)
    assert "colour: unknown key" in found
    assert any(f.startswith("rate_tables[0].rows[0].rate: Input should be greater than 0") for f in found)
    assert any(f.startswith("tiers.holiday.when.scope:") for f in found)
    assert any(f.startswith("holidays.rules[0]: month 2 day 30 resolves to no date") for f in found)
    assert len(found) == 4


def test_every_cross_reference_problem_is_reported_at_once():
    text = MINIMAL.replace('rows = [ { role = "officer"', 'rows = [ { role = "sergant", tier = "standard", rate = 60.00, line = 3 }, { role = "officer"')
    text = text.replace('[tiers.standard]', '[tiers.rush]\nlabel = "Rush"\nline = 1\nwhen = { kind = "short_notice", under_hours = 48 }\n'
                        '[tiers.emergency]\nlabel = "Emergency"\nline = 1\nwhen = { kind = "short_notice", under_hours = 48 }\n[tiers.standard]')
    text = 'default_job_type = "regualr"\n' + text + '[[rate_tables]]\ntitle = "Again"\nline = 1\nrows = [ { role = "officer", tier = "standard", rate = 55.00, line = 4 } ]\n'
    found = problems(text)
    assert "rate_tables[0].rows[0].role: unknown role 'sergant' (declared: officer)" in found
    assert "default_job_type: unknown job type 'regualr' — did you mean regular?" in found
    assert "tiers.emergency.when: overlaps tier 'rush': both apply on exactly the same condition" in found
    assert any(f.startswith("rate_tables[1].rows[0]: overlaps rate_tables[0].rows[1]") for f in found)
    assert len(found) == 4


@pytest.mark.parametrize(
    "change, expected",
    [
        (("rate = 50.00", "rate = 0"), "rate_tables[0].rows[0].rate: Input should be greater than 0"),
        (("rate = 50.00", 'rate = "50.00"'), "rate_tables[0].rows[0].rate: must be a number, not str"),
        (("rate = 50.00", "rate = nan"), "rate_tables[0].rows[0].rate: must be a finite number"),
        (("rate = 50.00", "rate = 50.005"), "rate_tables[0].rows[0].rate: Decimal input should have no more than 2 decimal places"),
        (('time_zone = "America/Chicago"', 'time_zone = "Mars/Olympus"'), "time_zone: unknown time zone 'Mars/Olympus'"),
        (('label = "Standard"', 'label = "Standard"\nselectable = true'), "tiers.standard: the base tier applies to every hour"),
        (("line = 2 }", "line = 0 }"), "rate_tables[0].rows[0].line"),
        (('tier = "standard"', 'tier = "night"'), "rate_tables[0].rows[0].tier: unknown tier 'night'"),
    ],
)
def test_impossible_values_are_refused(change, expected):
    found = problems(MINIMAL.replace(*change))
    assert any(f.startswith(expected) for f in found), found


def test_holiday_tier_needs_a_holiday_list():
    text = MINIMAL.replace('[tiers.standard]', '[tiers.holiday]\nlabel = "Holiday"\nline = 1\nwhen = { kind = "calendar", days = ["holiday"], scope = "hour" }\n[tiers.standard]')
    assert "holidays: required: a tier applies on holidays but the file has no [holidays] list" in problems(text)


def test_unknown_country_calendar():
    found = problems(MINIMAL + '[holidays]\ncountry = "ZZ"\n')
    assert found == ["holidays.country: the holidays library has no country 'ZZ'"]


def test_malformed_toml_names_the_file():
    with pytest.raises(AgencyFileError, match=r"test.toml: not valid TOML"):
        parse_spec("name = ", "test.toml")


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_bundled_agencies_load(name):
    assert load_file(AGENCIES / f"{name}.toml").key == name


def test_user_folder_wins_and_a_broken_file_hides_nothing(tmp_path: Path):
    (tmp_path / "tucson-az.toml").write_text(MINIMAL)
    (tmp_path / "broken-tx.toml").write_text(MINIMAL.replace("rate = 50.00", "rate = -1"))
    lib = Library([tmp_path])
    assert lib.get("tucson-az").name == "Test PD"
    assert lib.get("hartford-ct").name.startswith("Hartford")
    good, bad = lib.load_all()
    assert len(good) == len(Library().names()) and len(bad) == 1 and "broken-tx.toml" in str(bad[0])


def test_environment_variable_adds_a_folder(tmp_path: Path, monkeypatch):
    from detailquote.loader import default_library

    shutil.copy(AGENCIES / "tucson-az.toml", tmp_path / "my-town.toml")
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(tmp_path))
    assert "my-town" in default_library().names()


@pytest.mark.parametrize(
    "name, message",
    [
        ("tuscon-az", "unknown agency 'tuscon-az' — did you mean tucson-az?"),
        ("../etc/passwd", "is not an agency name"),
        ("/etc/passwd", "is not an agency name"),
        ("tucson\x00az", "is not an agency name"),
        ("x" * 5000, "is not an agency name"),
        ("", "agency must be a name"),
        (None, "agency must be a name"),
    ],
)
def test_agency_names_are_checked(name, message):
    with pytest.raises(UnknownAgency, match=message.replace("?", r"\?")):
        Library().get(name)


def test_names_are_forgiving_about_case_and_extension():
    lib = Library()
    assert lib.get(" Tucson-AZ.toml ").key == "tucson-az"


# --- schedules: NAME+YYYY-MM-DD.toml beside NAME.toml ---------------------------------------------

def _schedules(tmp_path: Path, first: str, later: str, later_name: str = "my-town-tx+2027-07-01.toml") -> Library:
    (tmp_path / "my-town-tx.toml").write_text(first)
    (tmp_path / later_name).write_text(later)
    return Library([tmp_path])


def test_a_later_schedule_prices_the_jobs_that_start_on_or_after_its_day(tmp_path: Path):
    import datetime as dt

    from detailquote.engine import Request, quote

    first = 'effective = 2021-01-01\n' + MINIMAL
    later = 'effective = 2027-07-01\n' + MINIMAL.replace("rate = 50.00", "rate = 60.00")
    a = _schedules(tmp_path, first, later).get("my-town-tx")
    assert [s.spec.effective for s in a.schedules] == [dt.date(2021, 1, 1), dt.date(2027, 7, 1)]
    price = lambda day: quote(a, Request.one(dt.datetime.combine(day, dt.time(9)), dt.datetime.combine(day, dt.time(10)), 1)).total
    assert (price(dt.date(2027, 6, 30)), price(dt.date(2027, 7, 1))) == (50, 60)


@pytest.mark.parametrize("first, later, words", [
    ('effective = 2021-01-01\n' + MINIMAL, 'effective = 2027-08-01\n' + MINIMAL, "effective: is 2027-08-01, but the file name says 2027-07-01"),
    ('effective = 2021-01-01\n' + MINIMAL, MINIMAL, "effective: required: the file name says the schedule starts on 2027-07-01"),
    (MINIMAL, 'effective = 2027-07-01\n' + MINIMAL, "my-town-tx.toml: effective: required: later schedules sit beside this file"),
    ('effective = 2028-01-01\n' + MINIMAL, 'effective = 2027-07-01\n' + MINIMAL, "2028-01-01 is not before the later schedules' dates"),
])
def test_schedules_that_do_not_fit_together_are_refused(tmp_path: Path, first, later, words):
    with pytest.raises(AgencyFileError, match=words.replace("(", r"\(").replace(")", r"\)")):
        _schedules(tmp_path, first, later).get("my-town-tx")
