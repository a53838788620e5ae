"""Reading agency files: TOML to validated rules, every problem reported at once.

A file is checked in two passes, like beancount's loader: the pydantic models
check each value where it stands; `semantic_problems` then checks what needs
the whole file (names that refer to each other, overlapping tiers, holidays
that never happen). Both passes collect all problems before failing.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from .agency import Agency
from .calendar import supported_country
from . import errors
from .errors import AgencyFileError, InputError, Problem, UnknownAgency, did_you_mean, excerpt, printable
from .clock import unsteady
from .rulebook import AgencyFile, BandTrigger, CalendarTrigger

ENV_VAR = "DETAILQUOTE_AGENCIES"
MAX_FILE_BYTES = 1_000_000
# What the TOML parser is given: its time grows with the square of a key's dotted parts, and its stack with nesting.
MAX_DEPTH = 32  # arrays and inline tables inside one another (the agency files nest 3 deep)
MAX_PARTS = 16  # dotted parts of one key or table name (the agency files use 3)
MAX_ITEMS = 20_000  # keys, strings, list items, brackets and comments (the agency files have fewer than 900)
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
SCHEDULE_MARK = "+"  # tucson-az+2027-07-01.toml: Tucson's schedule from 1 July 2027
SCHEDULE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\+\d{4}-\d{2}-\d{2}$")


# --- one file ---------------------------------------------------------------

def load_file(path: Path | str) -> Agency:
    """Load and check one agency file; raise AgencyFileError listing every problem."""
    path = Path(path)
    spec = read_spec(path)
    name, _, day = path.stem.partition(SCHEDULE_MARK)
    if day and spec.effective is not None and spec.effective.isoformat() != day:
        raise AgencyFileError([Problem(str(path), "effective", f"is {spec.effective}, but the file name says {day}")])
    if day and spec.effective is None:
        raise AgencyFileError([Problem(str(path), "effective", f"required: the file name says the schedule starts on {day}")])
    return Agency.build(name, spec, source=path)


def load_agency(path: Path | str) -> Agency:
    """An agency's file and the later schedules beside it (NAME+YYYY-MM-DD.toml): the newest, knowing the others.

    Each schedule is a whole agency file with its `effective` date; a job is priced by the one in force
    on the day it starts (Agency.schedule_at).
    """
    path = Path(path)
    later = sorted(path.parent.glob(f"{path.stem}{SCHEDULE_MARK}*.toml"))
    schedules = [load_file(path)] + [load_file(p) for p in later if SCHEDULE_NAME.match(p.stem)]
    if len(schedules) == 1:
        return schedules[0]
    problems = []
    first = schedules[0].spec.effective
    if first is None:
        problems.append(Problem(str(path), "effective", "required: later schedules sit beside this file"))
    elif any(s.spec.effective <= first for s in schedules[1:]):
        problems.append(Problem(str(path), "effective", f"{first} is not before the later schedules' dates"))
    if problems:
        raise AgencyFileError(problems)
    return schedules[-1].with_earlier(tuple(schedules[:-1]))


def read_spec(path: Path) -> AgencyFile:
    """Parse and validate a file into its rulebook model."""
    shown = str(path)
    try:
        raw = read_bounded(path, shown).decode("utf-8")
    except OSError as exc:
        raise AgencyFileError([Problem(shown, "", f"cannot read the file ({exc.strerror or exc})")]) from None
    except UnicodeDecodeError:
        raise AgencyFileError([Problem(shown, "", "file is not UTF-8 text")]) from None
    return parse_spec(raw, shown)


def read_bounded(path: Path, shown: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES: a device, a pipe or a folder is never read."""
    _refuse_irregular(os.stat(path).st_mode, shown)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # non-blocking: a pipe put in the file's place since the stat cannot hang the open
    try:
        info = os.fstat(fd)
        _refuse_irregular(info.st_mode, shown)
        if info.st_size > MAX_FILE_BYTES:
            raise AgencyFileError([Problem(shown, "", f"file is {info.st_size:,} bytes; an agency file is at most {MAX_FILE_BYTES:,}")])
        data = _read_at_most(fd, MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise AgencyFileError([Problem(shown, "", f"file is over {MAX_FILE_BYTES:,} bytes; an agency file is at most {MAX_FILE_BYTES:,}")])
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from `fd`, to its end: a file growing as it is read is cut at the limit."""
    chunks, left = [], limit
    while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _refuse_irregular(mode: int, shown: str) -> None:
    """Refuse anything but a regular file: reading /dev/zero or a pipe never ends."""
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise AgencyFileError([Problem(shown, "", f"file is not a regular file ({kind}): give a TOML text file")])


def parse_spec(text: str, shown: str = "<agency>") -> AgencyFile:
    """Validate TOML text as an agency file; `shown` names it in problems."""
    if (reason := shape_problem(text)) is not None:
        raise AgencyFileError([Problem(shown, "", reason)])
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise AgencyFileError([Problem(shown, "", f"not valid TOML: {exc}")]) from None
    except ValueError:  # int() refuses a number of more than 4,300 digits
        raise AgencyFileError([Problem(shown, "", "a number has too many digits to read")]) from None
    return validate_spec(data, shown)


# Where the scan looks next in each state: the characters that open a string or a comment, or change the state.
_NEXT = {
    "key": re.compile(r"""["'#.=\[]"""),
    "table name": re.compile(r"""["'#.\]\n]"""),
    "inline key": re.compile(r"""["'#.=}]"""),
    "value": re.compile(r"""["'#\[{\n]"""),
    "array": re.compile(r"""["'#\[\]{,]"""),
    "inline value": re.compile(r"""["'#\[{},]"""),
}
_STRINGS = {
    '"""': re.compile(r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'),
    "'''": re.compile(r"'''[\s\S]*?'{3,5}"),
    '"': re.compile(r'"(?:[^"\\\n]++|\\.)*+"'),
    "'": re.compile(r"'[^'\n]*+'"),
}


def shape_problem(text: str) -> str | None:
    """Why `text` is too deep, too dotted or too large to give the TOML parser, or None; one pass, no parsing."""
    stack: list[str] = []  # the arrays ([) and inline tables ({) open, innermost last
    state, pos, dots, items = "key", 0, 0, 0
    while (found := _NEXT[state].search(text, pos)) is not None:
        c, at = found.group(), found.start()
        pos = at + 1
        if c == ".":
            dots += 1
            if dots >= MAX_PARTS:
                return f"line {_line(text, at)}: a key or table name has more than {MAX_PARTS} dotted parts"
            continue
        if c == "\n":  # the end of a value outside any array or inline table
            state, dots = "key", 0
            continue
        items += 1
        if items > MAX_ITEMS:
            return f"line {_line(text, at)}: more than {MAX_ITEMS:,} keys, values and comments; an agency file has far fewer"
        if c in "\"'":
            string = next((_STRINGS[q].match(text, at) for q in ('"""', "'''", c) if text.startswith(q, at)), None)
            if string is None:
                return None  # an unterminated string: the parser says where
            pos = string.end()
        elif c == "#":
            pos = text.find("\n", at)
            if pos < 0:
                return None
        elif c in "=," or state == "key":  # a key's value, the next item, or a table name (the "[" of "[a]")
            state, dots = _after(c, state, stack), 0
        elif c in "[{":
            stack.append(c)
            if len(stack) > MAX_DEPTH:
                return f"line {_line(text, at)}: lists and inline tables nest more than {MAX_DEPTH} deep"
            state = "array" if c == "[" else "inline key"
        elif state == "table name":  # its closing "]"
            state, dots = "key", 0
        else:  # "]" or "}": an array or an inline table closes
            if stack:
                stack.pop()
            state = "inline value" if stack and stack[-1] == "{" else "array" if stack else "value"
    return None


def _after(c: str, state: str, stack: list[str]) -> str:
    """The state after `=`, `,` or a table name's opening bracket."""
    if c == "[":
        return "table name"
    if c == "=":
        return "inline value" if state == "inline key" else "value"
    return "inline key" if stack and stack[-1] == "{" else "array"


def _line(text: str, at: int) -> int:
    """The line number of position `at`, for a message."""
    return text.count("\n", 0, at) + 1


def validate_spec(data: object, shown: str = "<agency>") -> AgencyFile:
    """Validate parsed TOML (a dict; floats as Decimal) as an agency file: every problem at once."""
    problems = list(control_problems(data, shown))
    try:
        spec = AgencyFile.model_validate(data)
    except ValidationError as exc:
        raise AgencyFileError(problems + _pydantic_problems(exc, shown)) from None
    problems += semantic_problems(spec, shown)
    if problems:
        raise AgencyFileError(problems)
    return spec


# Characters no text of an agency file may hold: controls (a workbook cannot store them, a terminal acts on them)
# and the two code points XML forbids. Prose (notes, warnings, permits) may break lines and hold tabs.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_PROSE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_PROSE = {"text", "permit"}


def control_problems(data: object, shown: str) -> Iterator[Problem]:
    """Each key or text in `data` holding a control character, by field: they pass TOML but break every workbook."""
    todo: list[tuple[tuple[object, ...], object]] = [((), data)]
    while todo:  # a loop, not recursion: `data` may come from any caller, nested any depth
        path, node = todo.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(key, str) and (bad := _CONTROL.search(key)):
                yield Problem(shown, _dotted((*path, key)), f"the key holds the control character U+{ord(bad.group()):04X}")
            if isinstance(value, str):
                prose = key in _PROSE
                if bad := (_PROSE_CONTROL if prose else _CONTROL).search(value):
                    allowed = "; only tabs and line breaks are allowed" if prose else ""
                    yield Problem(shown, _dotted((*path, key)), f"holds the control character U+{ord(bad.group()):04X}{allowed}")
            elif isinstance(value, (dict, list)):
                todo.append(((*path, key), value))


def _pydantic_problems(exc: ValidationError, shown: str) -> list[Problem]:
    problems = []
    details = exc.errors(include_url=False)
    locs = [_without_union_tags(err["loc"]) for err in details]
    fields = [_dotted(loc) for loc in locs]
    deeper = {_dotted(loc[:n]) for loc in locs for n in range(1, len(loc))}  # every field some error lies under
    said: set[str] = set()
    for err, field in zip(details, fields):
        # A key that takes one item or a list of them: when one form gets deeper errors, the other's is noise.
        if err["type"] in _FORM_ERRORS and field in deeper:
            continue
        reason = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            reason = "unknown key"
        elif err["type"] == "missing":
            reason = "required key is missing"
        if field not in said:  # a union's members each fail: say it once
            said.add(field)
            problems.append(Problem(shown, field, reason))
    return problems


def _without_union_tags(loc: Sequence[object]) -> list[object]:
    """The path without pydantic's union tags; a tag is followed by the member's own fields, which stay
    (a dated holiday's `dates` field follows its tag, also "dates")."""
    out: list[object] = []
    after_tag = False
    for part in loc:
        if isinstance(part, str) and part.startswith("tagged-union["):  # an outer union around a tagged one
            continue
        after_tag = _is_union_tag(part) and not after_tag
        if not after_tag:
            out.append(part)
    return out


def _is_union_tag(part: object) -> bool:
    # pydantic puts the chosen union member ("calendar", "fixed", "function-after[...]") in the path.
    return isinstance(part, str) and ("[" in part or part in _UNION_TAGS)


_FORM_ERRORS = {"list_type", "model_type", "model_attributes_type", "dict_type"}
_UNION_TAGS = {
    "calendar", "short_notice", "length", "ordered_after", "time_band", "fixed", "nth_weekday", "last_weekday", "easter", "dates",
    "int", "list[int]", "str", "list[str]", "MoneyRange", "constrained-int", "constrained-str",
}


def _dotted(loc: Sequence[object]) -> str:
    """A field as the problems name it, `rate_tables[0].rows[1].rate`; a key is escaped and cut short."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{_key(part)}" if out else _key(part))
    return out


def _key(part: object) -> str:
    """A key as a field names it: a key may be any text, of any length."""
    return printable(excerpt(str(part)))


def semantic_problems(spec: AgencyFile, shown: str) -> Iterator[Problem]:
    """Problems that need the whole file: cross-references, overlaps, impossible rules."""

    def problem(field: str, reason: str) -> Problem:
        return Problem(shown, field, reason)

    zone = _zone(spec.time_zone)
    if zone is None:
        yield problem("time_zone", f"unknown time zone {errors.shown(spec.time_zone)}; use an IANA name such as America/New_York")

    roles, jobs, tiers = set(spec.roles), set(spec.job_types), set(spec.tiers)

    def check(kind: str, names: set[str], name: str, field: str) -> Iterator[Problem]:
        if name not in names:
            yield problem(field, f"unknown {kind} {errors.shown(name)}{did_you_mean(name[:60], names) or f' (declared: {_listed(names)})'}")

    yield from check("job type", jobs, spec.default_job_type, "default_job_type")
    yield from check("tier", tiers, spec.base_tier, "base_tier")
    if spec.base_tier in tiers:
        base = spec.tiers[spec.base_tier]
        if base.when is not None or base.selectable:
            yield problem(f"tiers.{spec.base_tier}", "the base tier applies to every hour: it takes no `when` and is not selectable")

    seen_triggers: dict[object, str] = {}
    for name, tier in spec.tiers.items():
        if tier.when is None:
            continue
        key = _trigger_key(tier.when)
        if key in seen_triggers:
            yield problem(f"tiers.{name}.when", f"overlaps tier {errors.shown(seen_triggers[key])}: both apply on exactly the same condition")
        seen_triggers[key] = name

    cells: dict[tuple[str, str, str], str] = {}
    for t, table in enumerate(spec.rate_tables):
        for j in table.job_types or ():
            yield from check("job type", jobs, j, f"rate_tables[{t}].job_types")
        for r, row in enumerate(table.rows):
            here = f"rate_tables[{t}].rows[{r}]"
            for role in row.roles:
                yield from check("role", roles, role, f"{here}.role")
            yield from check("tier", tiers, row.tier, f"{here}.tier")
            for j in row.job_types or ():
                yield from check("job type", jobs, j, f"{here}.job_types")
            if row.pay is not None and row.pay >= row.rate:
                yield problem(f"{here}.pay", f"the officer's pay ({row.pay}) must be below the total rate ({row.rate})")
            if row.overtime is not None and spec.overtime is None:
                yield problem(f"{here}.overtime", "an overtime rate needs an [overtime] rule saying when it starts")
            if row.overtime is None and spec.overtime is not None and spec.overtime.multiplier is None and spec.overtime.rate is None:
                yield problem(f"{here}.overtime", "required: give each row its overtime rate, or the [overtime] rule a multiplier or rate")
            if spec.admin_fee is not None and spec.admin_fee.from_pay and row.pay is None:
                yield problem(f"{here}.pay", "required: admin_fee.from_pay needs the officer's pay on every row")
            for role in row.roles:
                for job in row.job_types or table.job_types or sorted(jobs):
                    cell = (role, job, row.tier)
                    if cell in cells:
                        yield problem(here, f"overlaps {cells[cell]}: two rates for {role} / {job} / {row.tier}")
                    else:
                        cells[cell] = here

    for key, premium in spec.premiums.items():
        for role in premium.roles or ():
            yield from check("role", roles, role, f"premiums.{key}.roles")
    if spec.holidays is None and any(isinstance(c, CalendarTrigger) and "holiday" in c.days
                                     for p in spec.premiums.values() for c in p.conditions):
        yield problem("holidays", "required: a premium applies on holidays but the file has no [holidays] list")

    if spec.holidays is not None:
        h = spec.holidays
        if h.country is not None and (reason := supported_country(h.country, h.subdivision)):
            yield problem("holidays.country", reason)
        first: dict[str, int] = {}
        for i, rule in enumerate(h.rules):
            if first.setdefault(rule.name, i) != i:
                yield problem(f"holidays.rules[{i}].name", f"{errors.shown(rule.name)} is listed twice")
    elif any(isinstance(c, CalendarTrigger) and "holiday" in c.days for t in spec.tiers.values() for c in t.conditions):
        yield problem("holidays", "required: a tier applies on holidays but the file has no [holidays] list")

    if spec.staffing is not None:
        s = spec.staffing
        yield from check("role", roles, s.base_role, "staffing.base_role")
        counted = {s.base_role}
        for i, rule in enumerate(s.supervisors):
            yield from check("role", roles, rule.role, f"staffing.supervisors[{i}].role")
            if rule.of is not None and rule.of not in counted:
                yield problem(f"staffing.supervisors[{i}].of", f"{errors.shown(rule.of)} is neither the base role nor a supervisor set by an earlier rule")
            if rule.role in counted:
                yield problem(f"staffing.supervisors[{i}].role", f"{errors.shown(rule.role)} is already staffed by an earlier rule")
            counted.add(rule.role)
        if s.override_role is not None:
            yield from check("role", roles, s.override_role, "staffing.override_role")

    bands = [(f"tiers.{k}.when", t.when) for k, t in spec.tiers.items() if isinstance(t.when, BandTrigger)]
    bands += [(f"premiums.{k}.when", c) for k, p in spec.premiums.items() for c in p.conditions if isinstance(c, BandTrigger)]
    if spec.vehicles is not None and spec.vehicles.night is not None:
        bands.append(("vehicles.night", spec.vehicles.night))
    for field, band in bands if zone else ():
        if (edge := unsteady(zone, (band.start, band.end))) is not None:
            yield problem(field, f"{edge:%H:%M} happens twice or never on the days the clocks change in {spec.time_zone}: "
                                 f"move the band's edge out of that hour")
    for i, rule in enumerate(spec.holidays.rules if spec.holidays and zone else ()):
        if rule.from_ is not None and unsteady(zone, (rule.from_,)) is not None:
            yield problem(f"holidays.rules[{i}].from", f"{rule.from_:%H:%M} happens twice or never on the days the clocks "
                                                      f"change in {spec.time_zone}: start the holiday out of that hour")

    named = set()
    for key, fee in spec.fees.items():
        for c in fee.classes:
            yield from check("customer class", set(spec.customer_classes), c, f"fees.{key}.classes")
            named.add(c)
    for c in spec.customer_classes:
        if c not in named:
            yield problem(f"customer_classes.{c}", "no fee treats this class differently: give its figure in a fee's classes, or drop it")

    for j, job in spec.job_types.items():
        if job.flat_price is not None and job.minimum_hours is not None:
            yield problem(f"job_types.{j}.minimum_hours", "a job type with a flat price has no minimum hours")
        if job.minimum_hours is not None and spec.overtime is not None and job.minimum_hours > spec.overtime.after_hours:
            yield problem(f"job_types.{j}.minimum_hours", "is above the overtime threshold")
    if spec.minimum_hours and spec.overtime and spec.minimum_hours.hours > spec.overtime.after_hours:
        yield problem("minimum_hours.hours", "is above the overtime threshold")

    if spec.cancellation is not None:
        c = spec.cancellation
        sets = [("cancellation.windows", c.windows)]
        for key, reason in c.reasons.items():
            sets.append((f"cancellation.reasons.{key}.windows", reason.windows))
            for j in reason.job_types or ():
                yield from check("job type", jobs, j, f"cancellation.reasons.{key}.job_types")
        for field, windows in sets:
            opens = [(w.opens, w.hours, w.time, w.days_before) for w in windows]
            if len(set(opens)) != len(opens):
                yield problem(field, "two windows open at the same moment")
            if any(w.admin_fee for w in windows) and (c.admin_fee_hours is None or spec.admin_fee is None):
                yield problem("cancellation.admin_fee_hours", "required: a window charges the administrative fee; give admin_fee_hours and an [admin_fee] section")


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _trigger_key(when) -> object:
    """The same conditions give the same key, whatever their order."""
    if isinstance(when, list):
        return frozenset(map(_trigger_key, when))
    if isinstance(when, CalendarTrigger):
        return ("calendar", frozenset(when.days), when.scope)
    return when.model_dump_json()


def _listed(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


# --- the agency library --------------------------------------------------------

def bundled_dir() -> Path:
    """The agency files shipped with the package."""
    return Path(str(resources.files("detailquote.agencies")))


class Library:
    """Finds agency files by name: the user's folders first, then the bundled ones.

    Each agency is loaded once and kept; a broken file fails only when it is
    asked for, so one bad file never hides the good ones.
    """

    def __init__(self, user_dirs: Sequence[Path | str] = ()):
        self.dirs = tuple(Path(d) for d in user_dirs) + (bundled_dir(),)
        self._loaded: dict[str, Agency] = {}
        self._paths: dict[str, Path] | None = None

    def paths(self) -> dict[str, Path]:
        """Agency name → file, the first folder that has a name winning."""
        if self._paths is None:
            found: dict[str, Path] = {}
            for folder in self.dirs:
                try:
                    entries = sorted(folder.glob("*.toml"))
                except OSError:
                    continue
                for path in entries:
                    if NAME_PATTERN.match(path.stem):
                        found.setdefault(path.stem, path)
            self._paths = dict(sorted(found.items()))
        return self._paths

    def names(self) -> list[str]:
        return list(self.paths())

    def get(self, name: object) -> Agency:
        """The agency called `name`; UnknownAgency with a suggestion if there is none."""
        if isinstance(name, str) and name in self._loaded:
            return self._loaded[name]
        key = normalise_name(name)
        if key not in self._loaded:
            path = self.paths().get(key)
            if path is None:
                hint = did_you_mean(key, self.paths()) or f" (known: {', '.join(self.paths()) or 'none'})"
                raise UnknownAgency(f"unknown agency {errors.shown(key)}{hint}")
            self._loaded[key] = load_agency(path)
        agency = self._loaded[key]
        if isinstance(name, str):
            self._loaded[name] = agency
        return agency

    def load_all(self) -> tuple[list[Agency], list[AgencyFileError]]:
        """Every agency that loads, and the errors of those that do not."""
        good, bad = [], []
        for name, path in self.paths().items():
            try:
                good.append(self.get(name))
            except AgencyFileError as exc:
                bad.append(exc)
            except Exception as exc:  # a bug met by one file still hides no other agency
                bad.append(AgencyFileError([Problem(str(path), "", f"internal error ({type(exc).__name__}) while loading")]))
        return good, bad


def normalise_name(name: object) -> str:
    """An agency name as typed ('Tucson-AZ ', 'tucson-az.toml') → 'tucson-az'; refuse paths."""
    if not isinstance(name, str) or not name.strip():
        raise UnknownAgency("agency must be a name such as tucson-az")
    key = name.strip().lower().removesuffix(".toml")
    if not NAME_PATTERN.match(key):
        raise UnknownAgency(f"agency {errors.shown(key)} is not an agency name (letters, digits and dashes, such as tucson-az)")
    return key


@lru_cache(maxsize=8)
def _library(given: tuple[str, ...], env: tuple[str, ...]) -> Library:
    """The library of the folders `given` and those named in the environment, each refused if it is missing."""
    for folder, source in [*((d, "") for d in given), *((d, f" named in ${ENV_VAR}") for d in env)]:
        if not os.path.isdir(folder):  # a mistyped name would otherwise leave its agencies unknown
            what = "is not a folder" if os.path.exists(folder) else "does not exist"
            raise InputError(f"agency folder {errors.shown(folder)}{source} {what}")
    return Library(given + env)


def default_library(user_dirs: Sequence[Path | str] = ()) -> Library:
    """The library for these folders plus any named in $DETAILQUOTE_AGENCIES; cached."""
    env = [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d]
    return _library(tuple(str(d) for d in user_dirs), tuple(env))
