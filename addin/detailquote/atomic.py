"""Files written whole or not at all: to a temporary name beside the target, then moved into place.

A build or a run that is killed, or fails half-way, leaves the file that was there before as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import DetailQuoteError


class OutputError(DetailQuoteError):
    """A file that cannot be written where it was asked for."""


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then move it into place: never a half-written file.

    The folder must exist and be writable; if not, or if the disk fills, the error says so and the file
    that was there before is left as it was.
    """
    with atomic_file(path) as f:
        f.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write, at a temporary name beside `path`, moved into place when the block ends well.

    For output written as it is made (too large to hold whole); on any error the temporary file is removed
    and what was at `path` is left as it was. Errors of the folder or the disk are OutputErrors that say so.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder '{folder}' does not exist: create it, or choose another")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to output folder '{folder}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
