"""Agency files broken in hundreds of ways: refused at load with every problem by file and field, or priced safely.

Each bundled agency file is parsed and then broken one way at a time: a key
removed, a value of the wrong type, a negative, zero, enormous or non-finite
number, an empty or overlong text, an unknown key, an empty list, a tier that
overlaps another, a holiday that never happens, an unknown rule kind; and, as
text, cut short at many points, given a duplicate key, non-UTF-8 bytes, or
grown to 50 MB. A broken file must be refused when it loads, each problem
naming the file and the field. A change that leaves a valid file (a removed
optional key, a new label) must then price every probe job, cancel and invoice
without an error other than a message about the input: never fail later, in the
middle of a quote.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import AGENCIES, SEED_AGENCIES
from detailquote import workbook
from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError, InputError
from detailquote.loader import MAX_FILE_BYTES, load_file, parse_spec, validate_spec
from detailquote.payment import payment_terms

SHOWN = "broken.toml"
PER_AGENCY = 260  # value mutations tried per agency file (seeded sample of every leaf × every way)


def _paths(data: object, path: tuple = ()):
    """Every key of every table and every item of every list, depth first, as a path of keys and indexes."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield path + (key,), value
        yield from _paths(value, path + (key,))


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _ways(value: object) -> list[tuple[str, object]]:
    """The ways to break one value: (name, new value); REMOVE deletes it."""
    ways: list[tuple[str, object]] = [("remove", REMOVE)]
    if isinstance(value, bool):
        ways += [("text for a flag", "yes"), ("number for a flag", 1)]
    elif isinstance(value, (int, Decimal)):
        ways += [("text for a number", "12"), ("negative", -abs(value) - 1), ("zero", 0), ("enormous", Decimal("1e15")),
                 ("not a number", Decimal("NaN")), ("infinite", Decimal("Infinity")), ("flag for a number", True)]
    elif isinstance(value, str):
        ways += [("empty text", ""), ("overlong text", "x" * 5000), ("number for text", 7), ("list for text", ["a"])]
    elif isinstance(value, (dt.date, dt.datetime)):
        ways += [("text for a date", "someday"), ("number for a date", 20261224)]
    elif isinstance(value, list):
        ways += [("empty list", []), ("text for a list", "a"), ("list of junk", [{"junk": 1}])]
    elif isinstance(value, dict):
        ways += [("unknown key", {**value, "colour": "blue"}), ("number for a table", 7), ("empty table", {})]
    return ways


REMOVE = object()


def _mutants(name: str) -> list[tuple[str, tuple, dict]]:
    data = tomllib.loads((AGENCIES / f"{name}.toml").read_text(), parse_float=Decimal)
    every = [(f"{way} at {_dotted(path)}", path, new) for path, value in _paths(data) for way, new in _ways(value)]
    every.append(("unknown key at the top", ("colour",), "blue"))
    chosen = random.Random(name).sample(every, min(PER_AGENCY, len(every)))
    out = []
    for label, path, new in chosen:
        broken = copy.deepcopy(data)
        parent = broken
        for part in path[:-1]:
            parent = parent[part]
        if new is REMOVE:
            del parent[path[-1]]
        else:
            parent[path[-1]] = new
        out.append((label, path, broken))
    return out


def _probe(agency: Agency) -> int:
    """Price, cancel and invoice a spread of jobs; only messages about the input may be raised. Returns jobs priced."""
    priced = 0
    jobs = [
        (dt.datetime(2026, 12, 24, 18), dt.datetime(2026, 12, 25, 2), 5, 1),   # a holiday into the next
        (dt.datetime(2027, 3, 13, 22), dt.datetime(2027, 3, 14, 6), 1, 0),     # the spring clock change
        (dt.datetime(2027, 7, 4, 6), dt.datetime(2027, 7, 4, 20), 31, 2),      # long, many officers
        (dt.datetime(2027, 2, 9, 9), dt.datetime(2027, 2, 9, 10), 2, 0),       # short: the minimum
    ]
    for start, end, officers, vehicles in jobs:
        for job_type in agency.spec.job_types:
            request = Request((Shift(start, end, officers, vehicles),), job_type=job_type,
                              requested_at=start - dt.timedelta(hours=20))
            try:
                q = quote(agency, request)
                assert q.total == sum(line.amount for line in q.lines)
                priced += 1
                cancellation_charge(agency, request, start - dt.timedelta(hours=3))
                payment_terms(agency, q.total or Decimal(1), start.date(), start.date() + dt.timedelta(days=90), "card")
            except InputError:
                pass
    return priced


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_every_value_mutation_is_refused_with_its_field_or_prices_safely(name):
    refused = accepted = 0
    for label, path, broken in _mutants(name):
        try:
            spec = validate_spec(broken, SHOWN)
        except AgencyFileError as exc:
            refused += 1
            assert exc.problems, label
            for problem in exc.problems:
                assert problem.file == SHOWN and problem.field and problem.reason, (label, str(problem))
            fields = [p.field for p in exc.problems]
            here = _dotted(path)
            assert any(f.startswith(here) or here.startswith(f) or _mentions(p.reason, path) for f, p in zip(fields, exc.problems)) \
                or _cross_reference(exc), (label, fields)
            continue
        accepted += 1
        agency = Agency.build(name, spec)
        _probe(agency)
        if accepted % 4 == 1:  # and the workbook builds from it (a sample: a build takes a tenth of a second)
            workbook.Builder(agency).build()
    assert refused >= PER_AGENCY // 2, (refused, accepted)


def _mentions(reason: str, path: tuple) -> bool:
    """A problem found by a check over the whole file that names the broken key in its reason."""
    return any(isinstance(part, str) and f"'{part}'" in reason for part in path)


def _cross_reference(exc: AgencyFileError) -> bool:
    """A removed or renamed entry that other entries refer to: the problem is reported where it is used."""
    return any("unknown" in p.reason or "required" in p.reason or "overlaps" in p.reason or "needs" in p.reason
               for p in exc.problems)


# --- rules broken by kind ---------------------------------------------------------------------

MINIMAL = (AGENCIES / "tucson-az.toml").read_text()


@pytest.mark.parametrize("change, field, words", [
    ('\n[tiers.holiday_again]\nlabel = "Holiday again"\nline = 1\nwhen = { kind = "calendar", days = ["holiday"], scope = "hour" }\n',
     "tiers.holiday_again.when", "overlaps tier"),
    ('\n[tiers.weather]\nlabel = "Weather"\nline = 1\nwhen = { kind = "weather" }\n', "tiers.weather.when", ""),
    ('\n[tiers.night]\nlabel = "Night"\nline = 1\nwhen = { kind = "calendar", days = ["caturday"], scope = "hour" }\n',
     "tiers.night.when.days[0]", ""),
    ('{ name = "Never", rule = "fixed", month = 2, day = 30 }', "holidays.rules[0]", "resolves to no date"),
    ('{ name = "Never", rule = "fixed", month = 4, day = 31 }', "holidays.rules[0]", "resolves to no date"),
    ('{ name = "Fifth", rule = "nth_weekday", month = 5, weekday = "monday", nth = 5 }', "holidays.rules[0].nth", ""),
    ('{ name = "Lunar", rule = "lunar", month = 1 }', "holidays.rules[0]", ""),
    ('{ name = "Far", rule = "fixed", month = 1, day = 1, offset_days = 100 }', "holidays.rules[0].offset_days", ""),
    ('{ name = "Never", rule = "dates", dates = [] }', "holidays.rules[0].dates", ""),
    ('{ name = "Twice", rule = "fixed", month = 12, day = 25, colour = "red" }', "holidays.rules[0].colour", "unknown key"),
])
def test_broken_rules_are_refused_where_they_are(change, field, words):
    text = MINIMAL.replace("rules = [\n", f"rules = [\n  {change},\n", 1) if change.startswith("{") else MINIMAL + change
    with pytest.raises(AgencyFileError) as info:
        parse_spec(text, SHOWN)
    problems = info.value.problems
    assert any(p.field.startswith(field) and words in p.reason for p in problems), [str(p) for p in problems]
    assert all(p.file == SHOWN for p in problems)


def test_a_duplicate_role_is_refused():
    text = MINIMAL.replace("[roles]\n", '[roles]\nofficer = { label = "Officer again" }\n', 1)
    with pytest.raises(AgencyFileError, match=r"broken.toml: not valid TOML: Cannot overwrite a value"):
        parse_spec(text, SHOWN)


@pytest.mark.parametrize("name", SEED_AGENCIES)
def test_a_file_cut_short_anywhere_is_refused_or_prices_safely(name):
    text = (AGENCIES / f"{name}.toml").read_text()
    refused = 0
    for cut in range(0, len(text), max(1, len(text) // 120)):
        try:
            spec = parse_spec(text[:cut], SHOWN)
        except AgencyFileError as exc:
            refused += 1
            assert all(p.file == SHOWN and p.reason for p in exc.problems)
            continue
        _probe(Agency.build(name, spec))
    assert refused >= 100


def test_non_utf8_and_binary_files_are_refused(tmp_path: Path):
    (tmp_path / "latin-tx.toml").write_bytes('name = "Caf\xe9 PD"\n'.encode("latin-1"))
    (tmp_path / "binary-tx.toml").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(AgencyFileError, match="latin-tx.toml: file is not UTF-8 text"):
        load_file(tmp_path / "latin-tx.toml")
    with pytest.raises(AgencyFileError, match="binary-tx.toml: "):
        load_file(tmp_path / "binary-tx.toml")


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path):
    path = tmp_path / "huge-tx.toml"
    with path.open("wb") as f:
        f.write(MINIMAL.encode())
        f.seek(50 * 2**20)
        f.write(b"\n")
    with pytest.raises(AgencyFileError, match=rf"huge-tx.toml: file is 52,428,801 bytes; an agency file is at most {MAX_FILE_BYTES:,}"):
        load_file(path)
