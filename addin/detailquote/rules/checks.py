"""Where a whole-file check puts its problems: the file, the field, and the line of the TOML a user's editor shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import errors
from ..errors import Problem, did_you_mean


class Where:
    """Makes the problems of one agency file; called as `where(field, reason)`."""

    def __init__(self, shown: str, text: str | None = None, zone=None):
        self.file, self.text, self.zone = shown, text, zone  # zone: the file's time zone, None if unknown

    def __call__(self, field: str, reason: str) -> Problem:
        return Problem(self.file, field, reason, toml_line(self.text, field) if self.text else None)

    shown = staticmethod(errors.shown)

    def known(self, kind: str, names: set[str], name: str, field: str) -> Iterator[Problem]:
        """A problem when `name` is not among the `names` the file declares, with the nearest one."""
        if name not in names:
            hint = did_you_mean(name[:60], names) or f" (declared: {', '.join(sorted(names)) or 'none'})"
            yield self(field, f"unknown {kind} {errors.shown(name)}{hint}")


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def toml_line(text: str, field: str) -> int | None:
    """The line (from 1) of `text` where `field` (`rate_tables[0].rows[1].rate`) is written, or None if not found.

    Follows the path through tables (`[a]`, `[[a]]`, `[a.b]`), keys (`a = `, `a.b = `) and the items of arrays,
    whether arrays of tables or inline `[...]` lists; the nearest line found is given when the path runs out.
    """
    lines = text.split("\n")
    parts = [(m.group(1), m.group(2)) for m in _PART.finditer(field)]
    if not parts:
        return None
    at, found, prefix = 0, None, ""
    for key, index in parts:
        if key is not None:
            hit = _find_key(lines, at, key, prefix)
            if hit is None:
                return found
            at, found = hit
            prefix = f"{prefix}.{key}" if prefix else key
        else:
            hit = _find_item(lines, at, prefix, int(index))
            if hit is None:
                return found
            at, found = hit
    return found


def _find_key(lines: list[str], at: int, key: str, prefix: str) -> tuple[int, int] | None:
    """The line of `key` under `prefix`, from line `at`: inside the inline table written there, else up to the next
    table that is not under `prefix`."""
    name = re.escape(key)
    table = re.compile(rf"^\s*\[\[?\s*(?:[\w.]+\.)?{name}(?:\s*\]|\.)")
    assign = re.compile(rf"(?:^|[{{,\s.]){name}\s*(?:=|\.)")
    other = re.compile(rf"^\s*\[(?!\[?\s*{re.escape(prefix)}[.\]\s])") if prefix else None
    here = lines[at].split("#", 1)[0] if at < len(lines) else ""
    inline = prefix and "{" in here and here.count("{") == here.count("}")  # the parent is an inline table on one line
    for i in [at] if inline else range(at, len(lines)):
        code = lines[i].split("#", 1)[0]
        if other is not None and i > at and other.match(code):
            return None
        if table.match(code) or assign.search(code):
            return i, i + 1  # the next part is looked for from this line on
    return None


def _find_item(lines: list[str], at: int, prefix: str, index: int) -> tuple[int, int] | None:
    """The `index`th item from line `at`: the n-th `[[prefix]]` header, or the n-th inline `{` or value."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(prefix)}\s*\]\]")
    headers = [i for i in range(at, len(lines)) if header.match(lines[i])]
    if headers:
        return (headers[index], headers[index] + 1) if index < len(headers) else None
    seen = -1
    for i in range(at, len(lines)):
        code = lines[i].split("#", 1)[0]
        if i == at:  # the key's own line: only what follows its `=`
            code = code.partition("=")[2]
        seen += code.count("{") if "{" in code else (1 if code.strip().strip("[],") else 0)
        if seen >= index:
            return i, i + 1
    return None
