"""Loading agency files: every problem at once, with file, field and reason; user folders first."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import AGENCIES, KINDS, SEED_AGENCIES
from detailquote import loader
from detailquote.errors import AgencyFileError, UnknownAgency
from detailquote.loader import MAX_FILE_BYTES, Library, load_file, parse_spec, shape_problem

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
    assert any(f.startswith("rate_tables[0].rows[0].rate: must be more than 0") for f in found)
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
        (("rate = 50.00", "rate = 0"), "rate_tables[0].rows[0].rate: must be more than 0"),
        (("rate = 50.00, line = 2", "rate = 50.00, line = 0"), "rate_tables[0].rows[0].line: line must be a line number of the page"),
        (("[tiers.standard]", '[tiers.holiday]\nlabel = "Holiday"\nline = 1\nwhen = { kind = "calendar", days = ["holiday"], '
          'scope = "hours" }\n[tiers.standard]'),
         "tiers.holiday.when.scope: must be 'hour', 'shift', 'start' or 'job' — did you mean hour?"),
        (("[tiers.standard]", '[tiers.holiday]\nlabel = "Holiday"\nline = 1\nwhen = { kind = "calender", days = ["holiday"], '
          'scope = "hour" }\n[tiers.standard]'), "tiers.holiday.when: kind must be 'calendar', "),
        (("rate = 50.00", 'rate = "50.00"'), "rate_tables[0].rows[0].rate: must be a number, not str"),
        (("rate = 50.00", "rate = nan"), "rate_tables[0].rows[0].rate: must be a finite number"),
        (("rate = 50.00", "rate = 50.005"), "rate_tables[0].rows[0].rate: dollars take at most 2 decimal places (cents)"),
        (('time_zone = "America/Chicago"', 'time_zone = "Mars/Olympus"'), "time_zone: unknown time zone 'Mars/Olympus'"),
        (('label = "Standard"', 'label = "Standard"\nwhen = { kind = "length", over_hours = 8 }'), "tiers.standard: the base tier applies to every hour"),
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


# --- what is read, and what the TOML parser is given ----------------------------------------------

def _refusal(path: Path) -> str:
    with pytest.raises(AgencyFileError) as info:
        load_file(path)
    (problem,) = info.value.problems
    return str(problem)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_only_regular_files_are_read(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe-tx.toml")  # reading it would wait for a writer for ever
    (tmp_path / "zero-tx.toml").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / "folder-tx.toml").mkdir()
    for name, kind in [("pipe-tx", "a named pipe"), ("zero-tx", "a device"), ("folder-tx", "a folder")]:
        path = tmp_path / f"{name}.toml"
        assert _refusal(path) == f"{path}: file is not a regular file ({kind}): give a TOML text file"


def test_a_file_is_read_no_further_than_the_limit(tmp_path: Path, monkeypatch):
    """A file that grows after its size is taken is still read only to the limit."""
    path = tmp_path / "growing-tx.toml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 500_000))
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    assert _refusal(path) == f"{path}: file is over 1,000,000 bytes; an agency file is at most 1,000,000"
    assert sum(reads) <= MAX_FILE_BYTES + 1 + (1 << 20)


@pytest.mark.parametrize("text, reason", [
    ("x = " + "[" * 5_000 + "]" * 5_000, "line 1: lists and inline tables nest more than 32 deep"),
    ("x = " + "{ a = " * 40 + "1" + " }" * 40, "line 1: lists and inline tables nest more than 32 deep"),
    ("name = 'a'\n[" + ".".join(["a"] * 100_000) + "]", "line 2: a key or table name has more than 16 dotted parts"),
    ("a." * 450_000 + "a = 1", "line 1: a key or table name has more than 16 dotted parts"),
    ("x = { " + "a." * 20 + "b = 1 }", "line 1: a key or table name has more than 16 dotted parts"),
    ("".join(f"k{i} = {i}\n" for i in range(25_000)), "line 20001: more than 20,000 keys, values and comments; an agency file has far fewer"),
    ("x = [" + ", ".join(["1"] * 25_000) + "]", "line 1: more than 20,000 keys, values and comments; an agency file has far fewer"),
    ("# a comment\n" * 25_000, "line 20001: more than 20,000 keys, values and comments; an agency file has far fewer"),
    ("x = " + "9" * 5_000, "a number has too many digits to read"),
])
def test_a_file_the_parser_would_take_minutes_or_its_stack_over_is_refused_first(text, reason):
    with pytest.raises(AgencyFileError) as info:  # by the scan before parsing (test_hostile_files bounds its CPU time)
        parse_spec(text, "test.toml")
    assert [str(p) for p in info.value.problems] == [f"test.toml: {reason}"]


@pytest.mark.parametrize("text", [
    'x = "' + "[{." * 10_000 + '"',  # brackets and dots inside strings and comments are text
    "x = '''" + "[[[.\n" * 1_000 + "'''",
    'x = """' + '"[{.\\"' * 1_000 + '"""',
    "# " + "[{." * 10_000 + "\n",
    '"' + "a." * 100 + '" = 1',
    "x = [" + "[" * 31 + "]" * 31 + "]",
    "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p = 1",
])
def test_what_is_inside_the_bounds_reaches_the_parser(text):
    assert shape_problem(text) is None


def _agency_files() -> list[Path]:
    return sorted(AGENCIES.glob("*.toml")) + sorted(KINDS.glob("*.toml"))


@pytest.mark.parametrize("path", _agency_files(), ids=lambda p: p.name)
def test_every_agency_file_is_well_inside_the_bounds(path: Path, monkeypatch):
    """A quarter of each bound still passes every bundled and rule-kind file."""
    for name in ("MAX_DEPTH", "MAX_PARTS", "MAX_ITEMS"):
        monkeypatch.setattr(loader, name, getattr(loader, name) // 4)
    assert shape_problem(path.read_text()) is None
    assert load_file(path)


def test_many_problems_are_all_listed():
    found = problems("rate_tables = [" + ", ".join(["1"] * 19_000) + "]\n")
    assert len(found) == 19_007 and found[-1] == "rate_tables[18999]: must be a table ({ ... } or a [section])"


def test_many_time_bands_are_checked_against_the_clock_changes():
    bands = "".join(f'[tiers.band_{i}]\nlabel = "Band {i}"\nline = 1\nwhen = {{ kind = "time_band", start = "{i // 60 % 24:02d}:{i % 60:02d}", '
                    f'end = "{(i // 60 + 7) % 24:02d}:{i % 60:02d}" }}\n' for i in range(1_000))
    found = problems(MINIMAL + bands)
    assert len(found) == 120  # the bands starting from 01:00 to 02:59, the hours the clocks repeat or skip
    assert found[0] == ("tiers.band_60.when: 01:00 happens twice or never on the days the clocks change in America/Chicago: "
                        "move the band's edge out of that hour")


# --- text a workbook or a terminal cannot take ---------------------------------------------------

NOTE = '[[notes]]\ntopic = "general"\nrule = 2\ntext = "{}"\n'


@pytest.mark.parametrize("change, expected", [
    (('name = "Test PD"', 'name = "Test\\u0000PD"'), ["name: holds the control character U+0000"]),
    (('label = "Officer"', 'label = "Off\\u001b[31micer"'), ["roles.officer.label: holds the control character U+001B"]),
    (('label = "Standard"', 'label = "Stan\\ndard"'), ["tiers.standard.label: holds the control character U+000A"]),
    (('title = "Rates"', 'title = "Rates\\u007f"'), ["rate_tables[0].title: holds the control character U+007F"]),
    (('title = "Rates"', 'title = "Rates\\u0085"'), ["rate_tables[0].title: holds the control character U+0085"]),
    (('title = "Rates"', 'title = "Rates\\uFFFE"'), ["rate_tables[0].title: holds the control character U+FFFE"]),
    (('officer = { label', '"off\\u0000icer" = { label'), ["roles.off\\x00icer: the key holds the control character U+0000",
                                                         "roles.off\\x00icer: a key is lower-case letters, digits and _, starting with a letter (at most 40)"]),
])
def test_control_characters_are_refused_with_their_field(change, expected):
    assert problems(MINIMAL.replace(*change)) == expected


def test_a_note_may_hold_tabs_and_line_breaks_but_no_other_control_character():
    assert parse_spec(MINIMAL + NOTE.format("First\\tsecond\\nthird")).notes[0].text == "First\tsecond\nthird"
    assert problems(MINIMAL + NOTE.format("Bell\\u0007")) == [
        "notes[0].text: holds the control character U+0007; only tabs and line breaks are allowed"]
    text = MINIMAL + '[holidays]\nrules = [ { name = "New\\u0000Year", rule = "fixed", month = 1, day = 1 } ]\n'
    assert problems(text) == ["holidays.rules[0].name: holds the control character U+0000"]


def test_a_problem_never_prints_a_control_character():
    text = MINIMAL.replace("[roles]", '[roles]\n"\\u001b[2J" = { label = "x" }')
    with pytest.raises(AgencyFileError) as info:
        parse_spec(text, "evil\x1b]0;title\x07.toml")
    lines = str(info.value).splitlines()
    assert lines[0] == "evil\\x1b]0;title\\x07.toml: roles.\\x1b[2J: the key holds the control character U+001B"
    assert all(line.isprintable() for line in lines)


def test_a_bug_met_loading_one_file_hides_no_other_agency(tmp_path: Path, monkeypatch):
    (tmp_path / "buggy-tx.toml").write_text(MINIMAL)
    real = loader.load_agency

    def load(path, later=None):
        if Path(path).stem == "buggy-tx":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, later)

    monkeypatch.setattr(loader, "load_agency", load)
    good, bad = Library([tmp_path]).load_all()
    assert len(good) == len(Library().names())
    assert [str(e) for e in bad] == [f"{tmp_path / 'buggy-tx.toml'}: internal error (RecursionError) while loading"]
