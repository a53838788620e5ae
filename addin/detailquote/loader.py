"""Reading agency files: TOML to validated rules, every problem reported at once.

A file is checked in two passes, like beancount's loader: the pydantic models
check each value where it stands; `semantic_problems` then checks what needs
the whole file (names that refer to each other, overlapping tiers, holidays
that never happen). Both passes collect all problems before failing.
"""

from __future__ import annotations

import os
import re
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
from .errors import AgencyFileError, Problem, UnknownAgency, did_you_mean
from .clock import unsteady
from .rulebook import AgencyFile, BandTrigger, CalendarTrigger

ENV_VAR = "DETAILQUOTE_AGENCIES"
MAX_FILE_BYTES = 1_000_000
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
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AgencyFileError([Problem(shown, "", f"file is {size:,} bytes; an agency file is at most {MAX_FILE_BYTES:,}")])
        raw = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise AgencyFileError([Problem(shown, "", f"cannot read the file ({exc.strerror or exc})")]) from None
    except UnicodeDecodeError:
        raise AgencyFileError([Problem(shown, "", "file is not UTF-8 text")]) from None
    return parse_spec(raw, shown)


def parse_spec(text: str, shown: str = "<agency>") -> AgencyFile:
    """Validate TOML text as an agency file; `shown` names it in problems."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise AgencyFileError([Problem(shown, "", f"not valid TOML: {exc}")]) from None
    return validate_spec(data, shown)


def validate_spec(data: object, shown: str = "<agency>") -> AgencyFile:
    """Validate parsed TOML (a dict; floats as Decimal) as an agency file: every problem at once."""
    try:
        spec = AgencyFile.model_validate(data)
    except ValidationError as exc:
        raise AgencyFileError(_pydantic_problems(exc, shown)) from None
    problems = list(semantic_problems(spec, shown))
    if problems:
        raise AgencyFileError(problems)
    return spec


def _pydantic_problems(exc: ValidationError, shown: str) -> list[Problem]:
    problems = []
    errors = exc.errors(include_url=False)
    fields = [_dotted(_without_union_tags(err["loc"])) for err in errors]
    for err, field in zip(errors, fields):
        # A key that takes one item or a list of them: when one form gets deeper errors, the other's is noise.
        if err["type"] in _FORM_ERRORS and any(f != field and f.startswith((field + ".", field + "[")) for f in fields):
            continue
        loc = _without_union_tags(err["loc"])
        reason = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            reason = "unknown key"
        elif err["type"] == "missing":
            reason = "required key is missing"
        field = _dotted(loc)
        if not any(p.field == field for p in problems):  # a union's members each fail: say it once
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
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def semantic_problems(spec: AgencyFile, shown: str) -> Iterator[Problem]:
    """Problems that need the whole file: cross-references, overlaps, impossible rules."""

    def problem(field: str, reason: str) -> Problem:
        return Problem(shown, field, reason)

    zone = _zone(spec.time_zone)
    if zone is None:
        yield problem("time_zone", f"unknown time zone {spec.time_zone!r}; use an IANA name such as America/New_York")

    roles, jobs, tiers = set(spec.roles), set(spec.job_types), set(spec.tiers)

    def check(kind: str, names: set[str], name: str, field: str) -> Iterator[Problem]:
        if name not in names:
            yield problem(field, f"unknown {kind} {name!r}{did_you_mean(name, names) or f' (declared: {_listed(names)})'}")

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
            yield problem(f"tiers.{name}.when", f"overlaps tier {seen_triggers[key]!r}: both apply on exactly the same condition")
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
        names = [rule.name for rule in h.rules]
        for i, rule in enumerate(h.rules):
            if names.index(rule.name) != i:
                yield problem(f"holidays.rules[{i}].name", f"{rule.name!r} is listed twice")
    elif any(isinstance(c, CalendarTrigger) and "holiday" in c.days for t in spec.tiers.values() for c in t.conditions):
        yield problem("holidays", "required: a tier applies on holidays but the file has no [holidays] list")

    if spec.staffing is not None:
        s = spec.staffing
        yield from check("role", roles, s.base_role, "staffing.base_role")
        counted = {s.base_role}
        for i, rule in enumerate(s.supervisors):
            yield from check("role", roles, rule.role, f"staffing.supervisors[{i}].role")
            if rule.of is not None and rule.of not in counted:
                yield problem(f"staffing.supervisors[{i}].of", f"{rule.of!r} is neither the base role nor a supervisor set by an earlier rule")
            if rule.role in counted:
                yield problem(f"staffing.supervisors[{i}].role", f"{rule.role!r} is already staffed by an earlier rule")
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
                raise UnknownAgency(f"unknown agency {key!r}{hint}")
            self._loaded[key] = load_agency(path)
        agency = self._loaded[key]
        if isinstance(name, str):
            self._loaded[name] = agency
        return agency

    def load_all(self) -> tuple[list[Agency], list[AgencyFileError]]:
        """Every agency that loads, and the errors of those that do not."""
        good, bad = [], []
        for name in self.paths():
            try:
                good.append(self.get(name))
            except AgencyFileError as exc:
                bad.append(exc)
        return good, bad


def normalise_name(name: object) -> str:
    """An agency name as typed ('Tucson-AZ ', 'tucson-az.toml') → 'tucson-az'; refuse paths."""
    if not isinstance(name, str) or not name.strip():
        raise UnknownAgency("agency must be a name such as tucson-az")
    key = name.strip().lower().removesuffix(".toml")
    if not NAME_PATTERN.match(key):
        shown = key[:40] + ("…" if len(key) > 40 else "")
        raise UnknownAgency(f"agency {shown!r} is not an agency name (letters, digits and dashes, such as tucson-az)")
    return key


@lru_cache(maxsize=8)
def _library(dirs: tuple[str, ...]) -> Library:
    return Library(dirs)


def default_library(user_dirs: Sequence[Path | str] = ()) -> Library:
    """The library for these folders plus any named in $DETAILQUOTE_AGENCIES; cached."""
    env = [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d]
    return _library(tuple(str(d) for d in (*user_dirs, *env)))
