"""Hostile input through every face: each bad value gets its own message, never a traceback or a wrong number.

The Excel functions are tried argument by argument: every argument of every
function is given every hostile value of its kind, the others staying valid,
and must answer with the message written here (as the cell's text, the classic
add-in's form). Every DETAIL_QUOTE case is also tried as a row of
DETAIL_QUOTES beside a good row, which must still price. The command line is
tried option by option the same way and must exit 2 with one line on stderr.
"""

from __future__ import annotations

import math

import pytest

from conftest import serial
from detailquote import udfs
from detailquote.cli import main

S, E = serial("2026-12-24T18:00"), serial("2026-12-25T02:00")  # Tucson's Christmas Eve job, as Excel gives it
LONG = "x" * 10_000

# --- hostile values by kind of argument, each with the words its message must hold ------------
# {arg} is the argument as the message names it.

MOMENT = [
    (math.nan, "{arg} must be a date, not nan"),
    (math.inf, "{arg} must be a date, not inf"),
    (-math.inf, "{arg} must be a date, not -inf"),
    (-1.0, "{arg} must be a date, not the negative number -1"),
    (0.5, "{arg} is a time with no date: add the date"),
    (60.0, "{arg} is 29 February 1900, a day Excel shows but that never was"),
    (60.75, "{arg} is 29 February 1900"),
    (1e12, "{arg} must be a date, not the number 1e+12"),
    (2958465.9999999, "{arg} must be a date from 1901 to 2100, not 9999-12-31"),  # the last instant Excel holds
    (2958465.0, "{arg} must be a date from 1901 to 2100, not 9999-12-31"),
    (2958466.0, "{arg} must be a date, not the number 2.95847e+06"),
    (100.0, "{arg} must be a date from 1901 to 2100, not 1900-04-09"),
    (73416.5, "{arg} must be a date from 1901 to 2100, not 2101-01-01"),
    (True, "{arg} must be a date and time, not TRUE"),
    ("tomorrow", "{arg} 'tomorrow' is not a date and time"),
    ("2026-02-30 10:00", "{arg} '2026-02-30 10:00' is not a date and time"),
    ("24/12/2026 18:00", "{arg} '24/12/2026 18:00' is not a date and time"),
    ("=NOW()", "{arg} '=NOW()' is not a date and time"),
    ("@TODAY()", "{arg} '@TODAY()' is not a date and time"),
    ("-45000", "{arg} '-45000' is not a date and time"),
    ("1800-07-04 08:00", "1901 to 2100"),
    ("2101-01-01 00:00", "1901 to 2100"),
    (LONG, "{arg} '" + "x" * 40 + "…' is not a date and time"),
    ("\x00", "is not a date and time"),
    ([[1.0, 2.0]], "{arg} must be a date and time, not a range of cells"),
]
DAY = [(v, m) for v, m in MOMENT if not str(v).startswith(("2101", "1800"))]
OFFICERS = [
    (math.nan, "officers must be a whole number ≥ 1, not nan"),
    (math.inf, "officers must be a whole number ≥ 1, not inf"),
    (-math.inf, "officers must be a whole number ≥ 1, not -inf"),
    (-3.0, "officers must be a whole number ≥ 1, not -3"),
    (0.0, "officers must be a whole number ≥ 1, not 0"),
    (0.5, "officers must be a whole number ≥ 1, not 0.5"),
    (2.5, "officers must be a whole number ≥ 1, not 2.5"),
    (5000.0, "1,000, not 5000"),
    (1e300, "officers must be a whole number ≥ 1 and at most 1,000,000,000, not 1e+300"),
    ("1e999999999", "and at most 1,000,000,000, not '1e999999999'"),
    (True, "officers must be a whole number ≥ 1, not TRUE"),
    ("five", "officers must be a whole number ≥ 1, not 'five'"),
    ("=1+1", "officers must be a whole number ≥ 1, not '=1+1'"),
    ("-1", "officers must be a whole number ≥ 1, not '-1'"),
    (LONG, "officers must be a whole number ≥ 1, not '" + "x" * 40 + "…'"),
    ([[1.0]], "officers must be a whole number ≥ 1, not a range of cells"),
]
VEHICLES = [
    (math.nan, "vehicles must be a whole number ≥ 0, not nan"),
    (math.inf, "vehicles must be a whole number ≥ 0, not inf"),
    (-1.0, "vehicles must be a whole number ≥ 0, not -1"),
    (0.5, "vehicles must be a whole number ≥ 0, not 0.5"),
    (9.0, "9 vehicles for 5 positions: at most one vehicle per position"),
    (5000.0, "vehicles must be a whole number from 0 to 1,000, not 5000"),
    (True, "vehicles must be a whole number ≥ 0, not TRUE"),
    ("two", "vehicles must be a whole number ≥ 0, not 'two'"),
    ("@A1", "vehicles must be a whole number ≥ 0, not '@A1'"),
    ([[1.0]], "vehicles must be a whole number ≥ 0, not a range of cells"),
]


def names(words: str, choices: str) -> list[tuple[object, str]]:
    """Hostile values for a name argument: `words` is how the message names it."""
    return [
        (3.0, f"{words} must be text, such as a name, not 3"),
        (True, f"{words} must be text, such as a name, not TRUE"),
        (math.nan, f"{words} must be text, such as a name, not nan"),
        ([[1.0]], f"{words} must be text, such as a name, not a range of cells"),
        ("parade", f"unknown {words} 'parade' (expected one of: {choices})"),
        ("=cmd|' /C calc'!A0", f"unknown {words} \"=cmd|' /C calc'!A0\""),
        ("+SUM(1)", f"unknown {words} '+SUM(1)'"),
        ("../../etc/passwd", f"unknown {words} '../../etc/passwd'"),
        ("\x00", f"unknown {words} '\\x00'"),
        (LONG, f"unknown {words} '" + "x" * 40 + "…'"),
    ]


JOB_TYPES = names("job type", "construction, critical_need, major_event, regular") + [
    ("constructon", "unknown job type 'constructon' — did you mean construction?"),
]
PRIORITIES = names("priority", "priority_1, priority_2, priority_3, priority_4") + [
    ("priority 5", "unknown priority 'priority 5' — did you mean priority_"),
]
REASONS = [(v, w.replace("cancellation reason must", "reason must")) for v, w in names("cancellation reason", "weather")] + [
    ("wether", "unknown cancellation reason 'wether' — did you mean weather?"),
]
# Tucson charges every customer alike: any class is refused (tests/kinds/test_fees.py covers an agency with classes).
CUSTOMERS = [(v, w if "must be text" in w else "Tucson PD charges every customer alike: leave the customer class blank")
             for v, w in names("customer class", "")]
ROLES = names("role", "commander, officer, sergeant") + [("sergant", "unknown role 'sergant' — did you mean sergeant?")]
TIERS = names("tier", "emergency, holiday, standard") + [("holliday", "unknown tier 'holliday' — did you mean holiday?")]
AGENCY = [
    ("tuscon-az", "unknown agency 'tuscon-az' — did you mean tucson-az?"),
    ("nowhere-tx", "unknown agency 'nowhere-tx'"),
    ("../etc/passwd", "agency '../etc/passwd' is not an agency name"),
    ("/etc/passwd", "agency '/etc/passwd' is not an agency name"),
    ("C:\\agencies\\tucson-az", "is not an agency name"),
    ("tucson-az/../hartford-ct", "is not an agency name"),
    ("~/tucson-az", "is not an agency name"),
    ("%2e%2e%2ftucson-az", "is not an agency name"),
    ("tucson\x00az", "is not an agency name"),
    ("=HYPERLINK(\"http://x\")", "is not an agency name"),
    (LONG, "agency '" + "x" * 40 + "…' is not an agency name"),
    (3.0, "agency must be a name such as tucson-az"),
    (True, "agency must be a name such as tucson-az"),
    ([[1.0]], "agency must be a name such as tucson-az"),
]
AMOUNT = [
    (math.nan, "amount must be a number, not nan"),
    (math.inf, "amount must be a number, not inf"),
    (True, "amount must be a number, not TRUE"),
    ("lots", "amount must be a number, not 'lots'"),
    ("=1+1", "amount must be a number, not '=1+1'"),
    ([[1.0]], "amount must be a number, not a range of cells"),
    (-1.0, "amount must be above 0 and at most 1,000,000,000"),
    (0.0, "amount must be above 0"),
    ("-5", "amount must be above 0"),
    (1e12, "at most 1,000,000,000"),
]
METHOD = [
    (3.0, "payment method must be one of: check, card, ach, not 3"),
    (True, "payment method must be one of: check, card, ach, not TRUE"),
    ("bitcoin", "payment method must be one of: check, card, ach, not 'bitcoin'"),
    ("=cmd", "not '=cmd'"),
    (LONG, "not '" + "x" * 40 + "…'"),
]
YEAR = [
    (math.nan, "year must be a whole number ≥ 1, not nan"),
    (2.5, "year must be a whole number ≥ 1, not 2.5"),
    (-1.0, "year must be a whole number ≥ 1, not -1"),
    (True, "year must be a whole number ≥ 1, not TRUE"),
    ("two thousand", "year must be a whole number ≥ 1, not 'two thousand'"),
    (3000.0, "year must be from 1901 to 2100, not 3000"),
    (1800.0, "year must be from 1901 to 2100, not 1800"),
]
WORKED = [
    (math.nan, "worked must be a number, not nan"),
    (-1.0, "hours worked must be a number of hours from 0, not -1"),
    (200.0, "hours worked must be at most 168"),
    (1e9, "hours worked must be at most 168"),
    ("lots", "worked must be a number, not 'lots'"),
    (True, "worked must be a number, not TRUE"),
]
KINDS = {
    "agency": AGENCY, "start": MOMENT, "end": MOMENT, "requested": MOMENT, "cancelled": MOMENT,
    "officers": OFFICERS, "vehicles": VEHICLES, "job_type": JOB_TYPES, "priority": PRIORITIES, "role": ROLES,
    "tier": TIERS, "date": DAY, "on_date": DAY, "invoice_date": DAY, "as_of": DAY, "amount": AMOUNT,
    "method": METHOD, "year": YEAR, "worked": WORKED, "reason": REASONS, "customer": CUSTOMERS,
}
REQUIRED = {"agency", "start", "end", "officers", "cancelled", "role", "date", "year", "amount", "method", "invoice_date", "as_of"}

# A valid call of each function; each case changes one argument.
RUNNING = S + 1 / 24  # during the Christmas Eve shift
BASE = {
    "DETAIL_QUOTE": dict(agency="tucson-az", start=S, end=E, officers=5.0, job_type=None, requested=None, vehicles=None, priority=None,
                         customer=None),
    "DETAIL_QUOTE_LINES": dict(agency="tucson-az", start=S, end=E, officers=5.0, job_type=None, requested=None, vehicles=None,
                               priority=None, customer=None),
    "DETAIL_CANCEL_FEE": dict(agency="tucson-az", start=S, end=E, officers=5.0, cancelled=RUNNING, job_type=None, requested=None,
                              worked=None, vehicles=None, priority=None, reason=None),
    "DETAIL_RATE": dict(agency="tucson-az", role="officer", tier=None, job_type=None, on_date=None),
    "DETAIL_MIN_HOURS": dict(agency="tucson-az", job_type=None),
    "DETAIL_STAFFING": dict(agency="tucson-az", officers=5.0),
    "DETAIL_TIER": dict(agency="tucson-az", start=S, requested=None),
    "DETAIL_IS_HOLIDAY": dict(agency="tucson-az", date=S),
    "DETAIL_HOLIDAYS": dict(agency="tucson-az", year=2027.0),
    "DETAIL_PAYMENT_FEE": dict(agency="hartford-ct", amount=100.0, method="card"),
    "DETAIL_LATE_CHARGE": dict(agency="hartford-ct", amount=100.0, invoice_date=serial("2026-10-01T00:00"),
                               as_of=serial("2026-12-01T00:00")),
}
SHOWN = {"job_type": "job type", "on_date": "on_date", "invoice_date": "invoice_date", "as_of": "as_of"}


def _cases() -> list[tuple[str, dict, str]]:
    cases = []
    for function, base in BASE.items():
        for arg in base:
            values = list(KINDS[arg])
            if arg in REQUIRED:
                values += [(None, "{arg} is required"), ("   ", "{arg} is required")]
            for value, words in values:
                if arg == "officers" and function == "DETAIL_STAFFING" and "1,000, not" in words:
                    words = "officers must be at most 1,000"
                if arg == "vehicles" and function == "DETAIL_CANCEL_FEE" and "vehicles for" in words:
                    continue  # a cancellation prices no vehicles
                call = dict(base, **{arg: value})
                if arg == "priority":
                    call["agency"] = "casa-grande-az"
                if arg == "reason":
                    call["agency"] = "sherman-tx"  # an agency with terms by reason
                cases.append((function, call, words.format(arg=SHOWN.get(arg, arg))))
    return cases


CASES = _cases()


def test_the_table_is_large():
    assert len(CASES) >= 300


@pytest.mark.parametrize("function, call, words", CASES, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(CASES)])
def test_every_bad_argument_gets_its_message(function, call, words):
    answer = getattr(udfs, function)(*call.values())
    text = answer if isinstance(answer, str) else None
    assert text is not None, f"{function}({call!r}) gave {answer!r}"
    assert words in text, text
    assert "Traceback" not in text and "internal error" not in text


QUOTE_CASES = [(call, words) for function, call, words in CASES if function == "DETAIL_QUOTE" and "is required" not in words]


@pytest.mark.parametrize("call, words", QUOTE_CASES)
def test_a_bad_row_of_quotes_answers_for_itself(call, words):
    good = ["tucson-az", S, E, 5.0, None, serial("2026-12-01T09:00"), 1.0, None, None]
    answer = udfs.DETAIL_QUOTES([good, list(call.values()), good])
    assert answer[0] == answer[2] == [4128.98]
    assert isinstance(answer[1][0], str) and words in answer[1][0], answer[1][0]


# --- shifts that cannot be, and times that happen twice or never --------------------------------

@pytest.mark.parametrize("start, end, words", [
    (E, S, "end is before start"),
    (S, S, "end is the same as start"),
    (S, S + 7 + 1 / 1440, "a shift lasts at most 168 hours, not 168.0167"),
    (S, S + 30, "a shift lasts at most 168 hours"),
])
def test_shifts_that_cannot_be(start, end, words):
    assert words in udfs.DETAIL_QUOTE("tucson-az", start, end, 1.0)


def test_a_week_is_the_longest_shift():
    assert isinstance(udfs.DETAIL_QUOTE("tucson-az", S, S + 7, 1.0), float)


def test_a_time_the_spring_clock_change_skips_is_refused():
    start = serial("2027-03-14T02:30")  # Hartford: 02:00 becomes 03:00
    answer = udfs.DETAIL_QUOTE("hartford-ct", start, start + 4 / 24, 1.0)
    assert answer == "2027-03-14 02:30 does not exist in America/New_York (the clocks go forward then); use a time an hour later or earlier"


def test_a_time_the_autumn_change_repeats_is_read_the_dearer_way_and_said():
    start, end = serial("2026-10-31T20:00"), serial("2026-11-01T01:30")  # 01:30 happens twice in Miami
    rows = udfs.DETAIL_QUOTE_LINES("bay-harbor-islands-fl", start, end, 1.0)
    assert rows[1][:4] == ["Officer", "Regular", 1, 6.5]  # the later 01:30: the longer shift, 6.5 real hours
    notes = [r[1] for r in rows if r[0] == "Note"]
    assert any("01:30 happens twice" in n and "the later one (EST), which gives the longer shift" in n for n in notes)


# --- the command line ---------------------------------------------------------------------------

JOB = {"--start": "2026-12-24T18:00", "--end": "2026-12-25T02:00", "--officers": "5"}


def job(**changes: str) -> list[str]:
    """`detailquote quote` of Tucson's Christmas Eve job with options changed (`job_type` is --job-type)."""
    options = dict(JOB, **{"--" + k.replace("_", "-"): v for k, v in changes.items()})
    return ["quote", "tucson-az", *(part for pair in options.items() for part in pair)]


CLI_VALUES = {
    "start": [("tomorrow", "start 'tomorrow' is not a date and time"), ("2026-02-30T10:00", "is not a date and time"),
              ("nan", "is not a date and time"), ("", "is not a date and time"), ("=NOW()", "is not a date and time"),
              ("1800-07-04T08:00", "1901 to 2100"), ("9999-12-31T20:00", "1901 to 2100"), (LONG, "'" + "x" * 40 + "…'")],
    "end": [("2026-12-24T17:00", "end is before start"), ("2026-12-24T18:00", "end is the same as start"),
            ("2027-01-24T18:00", "a shift lasts at most 168 hours"), ("soon", "end 'soon' is not a date and time"),
            ("2101-01-01T00:00", "1901 to 2100")],
    "officers": [("0", "officers must be a whole number from 1"), ("2.5", "officers must be a whole number, not '2.5'"),
                 ("-1", "officers must be a whole number, not '-1'"), ("nan", "not 'nan'"), ("inf", "not 'inf'"),
                 ("1e9", "officers must be a whole number from 1 to 1,000"), ("1e999999999", "not '1e999999999'"),
                 ("five", "not 'five'"), ("", "not ''"), (LONG, "not '" + "x" * 40 + "…'")],
    "vehicles": [("-1", "vehicles must be a whole number"), ("0.5", "vehicles must be a whole number"),
                 ("9", "9 vehicles for 5 positions"), ("1e999999999", "not '1e999999999'"), ("nan", "not 'nan'")],
    "job_type": [("parade", "unknown job type 'parade'"), ("constructon", "did you mean construction?"),
                 ("=cmd", "unknown job type '=cmd'"), (LONG, "unknown job type")],
    "requested": [("yesterday", "requested 'yesterday' is not a date and time"), ("1800-01-01T00:00", "1901 to 2100")],
    "priority": [("1", "Tucson PD has no priority rates to choose from")],
    "supervisors": [("-1", "supervisors must be a whole number"), ("2000", "supervisors must be a whole number from 0 to 1,000"),
                    ("x", "supervisors must be a whole number, not 'x'")],
    "venue": [(LONG, "venue must be text of at most 500 characters")],
    "customer": [("charity", "Tucson PD charges every customer alike: leave the customer class blank")],
}
CLI_CASES = [(job(**{option: value}), words) for option, values in CLI_VALUES.items() for value, words in values]
CLI_CASES += [
    (["quote", name, "--start", "2026-12-24T18:00", "--hours", "4", "--officers", "1"], words)
    for name, words in AGENCY if isinstance(name, str)
]
CLI_CASES += [
    (["quote", "tucson-az", "--start", "2026-12-24T18:00", "--hours", hours, "--officers", "1"], words)
    for hours, words in [("0", "hours must be a number above 0"), ("-4", "hours must be a number above 0"),
                         ("nan", "hours must be a number above 0"), ("inf", "hours must be a number above 0"),
                         ("169", "hours must be above 0 and at most 168"), ("1e999999999", "at most 168"),
                         ("four", "hours 'four' is not a number")]
]
CLI_CASES += [
    (["cancel", "tucson-az", "--start", "2026-12-24T18:00", "--hours", "8", "--officers", "5", "--cancelled", when] + extra, words)
    for when, extra, words in [
        ("soon", [], "cancelled 'soon' is not a date and time"),
        ("0001-01-01T00:00", [], "0001-01-01 is outside the years DetailQuote prices"),
        ("2026-12-24T19:00", ["--worked", "-1"], "hours worked must be a number of hours from 0"),
        ("2026-12-24T19:00", ["--worked", "lots"], "worked 'lots' is not a number"),
        ("2026-12-24T19:00", ["--worked", "500"], "hours worked must be at most 168"),
        ("2026-12-20T19:00", ["--worked", "2"], "hours worked were given, but no shift was under way"),
        ("2026-12-24T19:00", ["--reduced-end", "2026-12-25T09:00"], "reduced end must fall inside a shift"),
    ]
]
CLI_CASES += [
    (["pay", "hartford-ct", "--amount", amount, "--invoice-date", day] + extra, words)
    for amount, day, extra, words in [
        ("-5", "2026-10-01", [], "amount must be a number above 0"),
        ("0", "2026-10-01", [], "amount must be a number above 0"),
        ("nan", "2026-10-01", [], "amount must be a number above 0"),
        ("lots", "2026-10-01", [], "amount 'lots' is not a number"),
        ("1e12", "2026-10-01", [], "amount must be above 0 and at most 1,000,000,000"),
        ("100", "Oct 1", [], "invoice date 'Oct 1' is not a date"),
        ("100", "2026-02-30", [], "is not a date"),
        ("100", "2026-10-01", ["--method", "bitcoin"], "payment method must be one of: check, card, ach, not 'bitcoin'"),
        ("100", "2026-10-01", ["--as-of", "2026-09-01"], "before the invoice date"),
        ("100", "2026-10-01", ["--legal-max", "-3"], "legal maximum must be a monthly percent from 0 to 100, not -3"),
        ("100", "2026-10-01", ["--legal-max", "5" * 5000], "from 0 to 100, not " + "5" * 40 + "…"),
        ("100", "9999-12-31", [], "invoice date must be a date from 1901 to 2100, not 9999-12-31"),
        ("100", "2026-10-01", ["--as-of", "9999-12-31"], "as-of date must be a date from 1901 to 2100, not 9999-12-31"),
        ("100", "1900-01-01", [], "invoice date must be a date from 1901 to 2100, not 1900-01-01"),
    ]
]


def test_the_command_line_table_is_large():
    assert len(CLI_CASES) >= 60


@pytest.mark.parametrize("args, words", CLI_CASES, ids=[f"cli-{i}" for i in range(len(CLI_CASES))])
def test_every_bad_option_gets_one_line_and_exit_2(args, words, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert words in err and "Traceback" not in err and err.count("\n") == 1 and len(err) < 200, err


def test_the_last_year_priced_is_2100():
    assert isinstance(udfs.DETAIL_QUOTE("tucson-az", serial("2100-12-31T08:00"), serial("2100-12-31T12:00"), 1.0), float)


# --- agency text that looks like a formula --------------------------------------------------------

def test_agency_text_that_starts_like_a_formula_stays_text_in_the_workbook():
    """Names, labels, notes and permits beginning with =, +, - or @ are written as text, never as formulas."""
    import tomllib
    from decimal import Decimal

    from conftest import AGENCIES
    from detailquote import workbook
    from detailquote.agency import Agency
    from detailquote.loader import validate_spec

    data = tomllib.loads((AGENCIES / "tucson-az.toml").read_text(), parse_float=Decimal)
    injected: set[str] = set()

    def poison(node):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str) and key in ("name", "short_name", "label", "text", "title", "permit", "broker"):
                node[key] = "=+-@"[len(injected) % 4] + "HYPERLINK(\"http://evil\",\"" + value + "\")"
                injected.add(node[key])
            else:
                poison(value)

    poison(data)
    a = Agency.build("tucson-az", validate_spec(data, "poisoned.toml"))
    wb = workbook.Builder(a).build()
    formulas = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "s"]
    assert len(injected) > 30 and formulas
    assert not [c.coordinate for c in formulas if any(str(c.value).startswith(x) for x in injected)]
    assert sum(1 for t in texts if isinstance(t, str) and any(x in t for x in injected)) >= 20


# --- agency text a workbook cannot store -----------------------------------------------------------

def test_agency_text_holding_a_control_character_is_refused_at_load_and_line_breaks_in_prose_build():
    """Each of the file's texts given a BEL is one problem, by field; a note with a tab and a line break builds."""
    import tomllib
    from decimal import Decimal

    from conftest import AGENCIES
    from detailquote import workbook
    from detailquote.agency import Agency
    from detailquote.errors import AgencyFileError
    from detailquote.loader import validate_spec

    source = (AGENCIES / "tucson-az.toml").read_text()
    data = tomllib.loads(source, parse_float=Decimal)
    fields = []

    def ring(node, path):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            here = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else key
            if isinstance(value, str):
                node[key] = value + "\x07"
                fields.append(here)
            else:
                ring(value, here)

    ring(data, "")
    with pytest.raises(AgencyFileError) as info:
        validate_spec(data, "bells.toml")
    control = [p for p in info.value.problems if "control character" in p.reason]
    assert len(fields) > 40 and sorted(p.field for p in control) == sorted(fields)
    assert all(p.reason.startswith("holds the control character U+0007") for p in control)

    data = tomllib.loads(source, parse_float=Decimal)
    data["notes"][0]["text"] = "First line\tthen a tab.\nSecond line."
    wb = workbook.Builder(Agency.build("tucson-az", validate_spec(data, "prose.toml"))).build()
    assert any(c.value == "First line\tthen a tab.\nSecond line." for ws in wb.worksheets for row in ws.iter_rows() for c in row)
