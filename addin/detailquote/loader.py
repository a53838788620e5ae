"""Reading agency files: TOML to validated rules, every problem reported at once.

A file is checked in two passes, like beancount's loader: the pydantic models
check each value where it stands; `semantic_problems` then checks what needs
the whole file (names that refer to each other, overlapping tiers, holidays
that never happen). Both passes collect all problems before failing.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import cache, errors
from .errors import AgencyFileError, InputError, Problem, UnknownAgency, did_you_mean

if TYPE_CHECKING:  # the rules are imported where a file is loaded: a list from the cache needs none of them
    from .agency import Agency
    from .rulebook import AgencyFile

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
    from .agency import Agency

    path = Path(path)
    spec = read_spec(path)
    problems = _named_date_problems(path, spec.effective)
    if problems:
        raise AgencyFileError(problems)
    return Agency.build(path.stem.partition(SCHEDULE_MARK)[0], spec, source=path)


def load_agency(path: Path | str, later: Sequence[Path] | None = None) -> Agency:
    """An agency's file and the later schedules beside it (NAME+YYYY-MM-DD.toml): the newest, knowing the others.

    Each schedule is a whole agency file with its `effective` date; a job is priced by the one in force
    on the day it starts (Agency.schedule_at). `later` is those files when the caller has listed the folder
    already (a Library does, once, rather than once per agency).
    """
    path = Path(path)
    if later is None:
        later = [p for p in sorted(path.parent.glob(f"{path.stem}{SCHEDULE_MARK}*.toml")) if SCHEDULE_NAME.match(p.stem)]
    schedules = [load_file(path)] + [load_file(p) for p in later]
    if len(schedules) == 1:
        return schedules[0]
    problems = _schedule_problems(path, [s.spec.effective for s in schedules])
    if problems:
        raise AgencyFileError(problems)
    return schedules[-1].with_earlier(tuple(schedules[:-1]))


def _named_date_problems(path: Path, effective: dt.date | None) -> list[Problem]:
    """A later schedule's file names the day its `effective` date gives."""
    day = path.stem.partition(SCHEDULE_MARK)[2]
    if day and effective is not None and effective.isoformat() != day:
        return [Problem(str(path), "effective", f"is {effective}, but the file name says {day}")]
    if day and effective is None:
        return [Problem(str(path), "effective", f"required: the file name says the schedule starts on {day}")]
    return []


def _schedule_problems(path: Path, effective: list[dt.date | None]) -> list[Problem]:
    """An agency's first file and its later schedules: the first has a date, before each of the later ones'."""
    first = effective[0]
    if first is None:
        return [Problem(str(path), "effective", "required: later schedules sit beside this file")]
    if any(e <= first for e in effective[1:]):
        return [Problem(str(path), "effective", f"{first} is not before the later schedules' dates")]
    return []


def read_spec(path: Path) -> AgencyFile:
    """Parse and validate a file into its rulebook model, or take it from the cache of files already validated."""
    shown = str(path)
    try:
        data = read_bounded(path, shown)
        raw = data.decode("utf-8")
    except OSError as exc:
        raise AgencyFileError([Problem(shown, "", f"cannot read the file ({exc.strerror or exc})")]) from None
    except UnicodeDecodeError:
        raise AgencyFileError([Problem(shown, "", "file is not UTF-8 text")]) from None
    entry = cache.entry_path(data)
    if entry is not None and (spec := cache.load(entry)) is not None:
        return spec
    spec = parse_spec(raw, shown)  # a broken file raises here, and is never kept
    if entry is not None:
        cache.store(entry, spec)
    return spec


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
    import tomllib  # here: an agency from the cache is never parsed

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise AgencyFileError([Problem(shown, "", f"not valid TOML: {exc}")]) from None
    except ValueError:  # int() refuses a number of more than 4,300 digits
        raise AgencyFileError([Problem(shown, "", "a number has too many digits to read")]) from None
    return validate_spec(data, shown, text)


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


def validate_spec(data: object, shown: str = "<agency>", text: str | None = None) -> AgencyFile:
    """Validate parsed TOML (a dict; floats as Decimal) as an agency file: every problem at once.

    With the file's `text`, each problem with a field carries the line it is written on.
    """
    from pydantic import ValidationError

    from .problems import control_problems, pydantic_problems
    from .rulebook import AgencyFile

    problems = list(control_problems(data, shown))
    try:
        spec = AgencyFile.model_validate(data)
    except ValidationError as exc:
        raise AgencyFileError(problems + pydantic_problems(exc, shown, text)) from None
    problems += semantic_problems(spec, shown, text)
    if problems:
        raise AgencyFileError(problems)
    return spec


def semantic_problems(spec: AgencyFile, shown: str, text: str | None = None) -> list[Problem]:
    """Problems that need the whole file: the time zone, then each rule kind's named checks (rules.checks).

    With the file's `text`, each problem carries the line its field is written on.
    """
    zone = _zone(spec.time_zone)
    from . import rules
    from .rules.checks import Where

    where = Where(shown, text, zone)
    problems = []
    if zone is None:
        problems.append(where("time_zone", f"unknown time zone {errors.shown(spec.time_zone)}; use an IANA name such as America/New_York"))
    return problems + [p for check in rules.all_checks() for p in check(spec, where)]


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# --- the agency library --------------------------------------------------------

def bundled_dir() -> Path:
    """The agency files shipped with the package."""
    return Path(find_spec("detailquote.agencies").submodule_search_locations[0])


class Library:
    """Finds agency files by name: the user's folders first, then the bundled ones.

    Each agency is loaded once and kept; a broken file fails only when it is
    asked for, so one bad file never hides the good ones.
    """

    def __init__(self, user_dirs: Sequence[Path | str] = ()):
        self.dirs = tuple(Path(d) for d in user_dirs) + (bundled_dir(),)
        self._loaded: dict[str, Agency] = {}
        self._paths: dict[str, Path] | None = None
        self._later: dict[Path, list[Path]] = {}  # an agency's file → its later schedules, oldest first

    def paths(self) -> dict[str, Path]:
        """Agency name → file, the first folder that has a name winning; each folder is listed once."""
        if self._paths is None:
            found: dict[str, Path] = {}
            for folder in self.dirs:
                try:
                    entries = sorted(folder.glob("*.toml"))
                except OSError:
                    continue
                later: dict[str, list[Path]] = {}
                for path in entries:
                    if NAME_PATTERN.match(path.stem):
                        found.setdefault(path.stem, path)
                    elif SCHEDULE_NAME.match(path.stem):
                        later.setdefault(path.stem.partition(SCHEDULE_MARK)[0], []).append(path)
                for name, schedules in later.items():
                    self._later[folder / f"{name}.toml"] = schedules
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
            self._loaded[key] = load_agency(path, self._later.get(path, []))
        agency = self._loaded[key]
        if isinstance(name, str):
            self._loaded[name] = agency
        return agency

    def listing(self) -> tuple[list[Listed], list[AgencyFileError]]:
        """Every agency that loads, as a list shows it, and the errors of those that do not.

        An agency whose files the cache has checked before is listed from the cache's summaries, their rules left
        unread: a folder of a thousand files lists in a fraction of the time of loading them. Any other is loaded
        (and so kept).
        """
        good, bad = [], []
        with _collector_paused():
            for name, path in self.paths().items():
                listed = None if name in self._loaded else _listed(name, [path, *self._later.get(path, [])])
                if listed is not None:
                    good.append(listed)
                    continue
                try:
                    a = self.get(name)
                except AgencyFileError as exc:
                    bad.append(exc)
                except Exception as exc:  # a bug met by one file still hides no other agency
                    bad.append(AgencyFileError([Problem(str(path), "", f"internal error ({type(exc).__name__}) while loading")]))
                else:
                    good.append(Listed(name, a.name, a.spec.time_zone, a.source))
        return good, bad

    def load_all(self) -> tuple[list[Agency], list[AgencyFileError]]:
        """Every agency that loads, and the errors of those that do not."""
        good, bad = [], []
        with _collector_paused():
            for name, path in self.paths().items():
                try:
                    good.append(self.get(name))
                except AgencyFileError as exc:
                    bad.append(exc)
                except Exception as exc:  # a bug met by one file still hides no other agency
                    bad.append(AgencyFileError([Problem(str(path), "", f"internal error ({type(exc).__name__}) while loading")]))
        return good, bad


class Listed(NamedTuple):
    """An agency as a list shows it: the name to use, its full name, its time zone and its file."""

    key: str
    name: str
    time_zone: str
    source: Path


def _listed(name: str, files: list[Path]) -> Listed | None:
    """An agency as listed from the cache's summaries of its files (the newest schedule names it), where the cache
    holds every one and they agree as `load_agency` requires; None where it must be loaded to tell."""
    about = []
    for path in files:
        try:
            entry = cache.entry_path(read_bounded(path, str(path)))
        except (OSError, AgencyFileError):
            return None
        summary = None if entry is None else cache.summary(entry)
        if summary is None or _named_date_problems(path, summary.effective):
            return None
        about.append(summary)
    if len(files) > 1 and _schedule_problems(files[0], [a.effective for a in about]):
        return None
    return Listed(name, about[-1].name, about[-1].time_zone, files[-1])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while many agencies load.

    Every object made is kept, so each collection finds nothing to free, yet it walks all that is kept so far:
    a third of the time of loading a thousand files. Reference counting still frees what is dropped.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
