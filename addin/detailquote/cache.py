"""The user's cache of validated agency files: a file read again is unpickled, not parsed and validated again.

An entry holds the rules (`AgencyFile`) validated from one file's bytes, and apart from them the few
fields a list of agencies shows (`Summary`), so that listing a thousand files unpickles no rules. It is named
by the SHA-256 of those bytes
and of the `fingerprint` of what decides how bytes validate: DetailQuote's version and source files, Python,
pydantic and the holiday and time-zone data. A changed file, or an upgrade of any of them, finds no entry.
Only files that load are kept: a broken file is read and reported afresh every time.

Each entry carries the digest of its own contents and is written to a temporary name and moved into place,
so a torn, truncated or altered entry is never trusted: it is read as a miss and written again. A folder that
cannot be made or written turns the cache off, never an answer; so does Pyodide (xlwings Lite), which has
no lasting disk. `DETAILQUOTE_CACHE` names another folder, or, empty or `off`, turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import __version__

if TYPE_CHECKING:
    from .rulebook import AgencyFile


class Summary(NamedTuple):
    """What a list of agencies shows of one: its full name and time zone; and the date its schedule takes effect."""

    name: str
    time_zone: str
    effective: dt.date | None

ENV_VAR = "DETAILQUOTE_CACHE"
OFF = ("", "off")
MAGIC = b"detailquote-agency-cache 2\n"  # the entry format; a new one is a new line here
DIGEST = hashlib.sha256().digest_size


def folder() -> Path | None:
    """Where entries live: $DETAILQUOTE_CACHE, else the platform's user cache folder; None when the cache is off."""
    given = os.environ.get(ENV_VAR)
    if given is not None:
        return None if given.strip().lower() in OFF else Path(given) / "agencies"
    if sys.platform == "emscripten":  # Pyodide: a fresh in-memory disk each start, nothing to gain
        return None
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "detailquote" / "cache" / "agencies"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    try:
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home folder to be found
        return None
    return base / "detailquote" / "agencies"


def entry_path(data: bytes) -> Path | None:
    """The entry for a file of these bytes, or None when the cache is off."""
    where = folder()
    if where is None:
        return None
    try:
        key = fingerprint()
    except OSError:  # a source file that cannot be read: nothing to tell one build from another
        return None
    return where / (hashlib.sha256(key.encode() + b"\0" + data).hexdigest() + ".pickle")


def load(entry: Path) -> AgencyFile | None:
    """The rules kept in `entry`, or None for a missing, unreadable, torn or foreign one (never an exception)."""
    from .rulebook import AgencyFile  # unpickling imports the rules anyway; a summary needs none of them

    kept = _read(entry)
    if kept is None:
        return None
    try:
        spec = pickle.loads(kept[1])
    except Exception:  # a cache is a help, not a source of truth: whatever is wrong with it is a miss
        return None
    return spec if isinstance(spec, AgencyFile) else None


def summary(entry: Path) -> Summary | None:
    """The summary kept in `entry`, its rules left unread; None as for `load`."""
    kept = _read(entry)
    return None if kept is None else kept[0]


def _read(entry: Path) -> tuple[Summary, bytes] | None:
    """An entry's summary and its rules still pickled, once its owner, format, digest and name are checked."""
    try:
        with open(entry, "rb") as f:
            if not _own(os.fstat(f.fileno())):
                return None
            blob = f.read()
        if not blob.startswith(MAGIC):
            return None
        digest, payload = blob[len(MAGIC):len(MAGIC) + DIGEST], blob[len(MAGIC) + DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return None
        name, about, rules = pickle.loads(payload)
    except Exception:  # a cache is a help, not a source of truth: whatever is wrong with it is a miss
        return None
    ok = name == entry.name and type(about) is tuple and len(about) == 3 and isinstance(rules, bytes)
    return (Summary(*about), rules) if ok else None


def store(entry: Path, spec: AgencyFile) -> None:
    """Keep `spec` in `entry`, written to a temporary name and moved into place; quietly nothing where it cannot."""
    try:
        rules = pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
        about = (spec.name, spec.time_zone, spec.effective)  # plain values: reading them back imports nothing
        payload = pickle.dumps((entry.name, about, rules), protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # read-only home, full disk, a folder that is a file: the answer is the same without it
        pass


def _own(info: os.stat_result) -> bool:
    """Whether an entry is this user's and no one else's to write: unpickling another's file would run their code."""
    if not hasattr(os, "geteuid"):  # Windows: the user's own LOCALAPPDATA
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What decides how an agency file validates, as one text: an entry made under another is never read."""
    parts = [f"detailquote {__version__}", f"python {sys.implementation.name} {sys.version}"]
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):  # the models, validators and checks, and all they use
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    parts.append(f"source {digest.hexdigest()}")
    parts += [f"{name} {_data_version(name)}" for name in ("pydantic", "pydantic_core", "holidays", "tzdata")]
    return "\n".join(parts)


def _data_version(package: str) -> str:
    """A digest of the installed package's version files, found without importing it (holidays takes 100 ms,
    pydantic 60)."""
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return "absent"
    here = Path(spec.origin).parent
    digest = hashlib.sha256()
    for name in ("__init__.py", "version.py"):
        if (here / name).is_file():
            digest.update((here / name).read_bytes())
    return digest.hexdigest()
