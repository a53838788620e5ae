"""How an agency file's problems are named: each field as a dotted path with its line, pydantic's errors in plain
words, and the control characters no key or text may hold."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import get_args

from pydantic import ValidationError

from . import rules
from .errors import Problem, did_you_mean, excerpt, printable
from .rules.base import KEY_PATTERN
from .rules.model import twin
from .rules.checks import toml_line


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


def pydantic_problems(exc: ValidationError, shown: str, text: str | None = None) -> list[Problem]:
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
        reason = plain(err, field)
        if field not in said:  # a union's members each fail: say it once
            said.add(field)
            problems.append(Problem(shown, field, reason, toml_line(text, field) if text else None))
    return problems


def plain(err: dict, field: str) -> str:
    """A pydantic message in the words of the file ("line must be a line number of the page, 1 or more")."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if field == "line" or field.endswith(".line") or field.rsplit(".", 1)[-1].startswith("line["):
        if kind in ("greater_than_equal", "less_than_equal", "int_type", "int_parsing", "list_type", "too_short"):
            return "line must be a line number of the page, 1 or more, or a list of them"
    bounds = {"greater_than": "must be more than {gt}", "greater_than_equal": "must be {ge} or more",
              "less_than": "must be less than {lt}", "less_than_equal": "must be {le} or less",
              "too_short": "needs at least {min_length} item(s)", "too_long": "takes at most {max_length} items"}
    if kind in bounds:
        return bounds[kind].format(**{k: _figure(v) for k, v in ctx.items()})
    if kind == "decimal_max_places":
        places = ctx.get("decimal_places")
        return "dollars take at most 2 decimal places (cents)" if places == 2 else f"takes at most {places} decimal places"
    words = {"int_type": "must be a whole number", "int_parsing": "must be a whole number",
             "int_from_float": "must be a whole number", "decimal_type": "must be a number",
             "decimal_parsing": "must be a number", "string_type": "must be text in quotes",
             "bool_type": "must be true or false", "list_type": "must be a list in [ ]",
             "dict_type": "must be a table ({ ... } or a [section])", "model_type": "must be a table ({ ... } or a [section])",
             "date_type": "must be a date written 2026-12-24", "date_from_datetime_parsing": "must be a date written 2026-12-24"}
    if kind in words:
        return words[kind]
    if kind in ("union_tag_invalid", "literal_error"):
        expected = str(ctx.get("expected_tags") or ctx.get("expected") or "")
        given = str(ctx.get("tag", err.get("input", "")))
        near = did_you_mean(given, re.findall(r"'([^']+)'", expected))
        said = f"kind must be {expected}, not {given!r}" if "tag" in ctx else f"must be {expected}"
        return said + near
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == KEY_PATTERN:
        return "a key is lower-case letters, digits and _, starting with a letter (at most 40)"
    return err["msg"].removeprefix("Value error, ")


def _figure(value: object) -> str:
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


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
_UNION_TAGS = {  # the tags of the discriminated unions (each condition's `kind`, each holiday rule's `rule`), and pydantic's own
    *(tag for cls in (*rules.conditions.VARIANTS, *rules.holidays.VARIANTS)
      for name in ("kind", "rule") if name in cls.model_fields for tag in get_args(twin(cls).model_fields[name].annotation)),
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
