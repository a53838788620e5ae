"""The errors DetailQuote raises: each carries a short message meant for a person."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

EXCERPT = 40  # the most characters of a user's input a message quotes


class DetailQuoteError(Exception):
    """Base class: the message says what was wrong and what is expected."""


class InputError(DetailQuoteError, ValueError):
    """A request, a date or an option that cannot be priced as given."""


class UnknownAgency(InputError, LookupError):
    """No agency file of that name."""


class _Where(NamedTuple):
    file: str
    field: str
    reason: str
    line: int | None = None  # the line of the file the field is written on, as an editor numbers it


class Problem(_Where):
    """One thing wrong with an agency file: where, and why."""

    __slots__ = ()

    def __new__(cls, file: str, field: str, reason: str, line: int | None = None) -> Problem:
        # Escape what a terminal would act on: a file name, key or text may hold control characters.
        return super().__new__(cls, printable(file), printable(field), printable(reason), line)

    def __str__(self) -> str:
        at = f" (line {self.line})" if self.line else ""
        return f"{self.file}: {self.field}: {self.reason}{at}" if self.field else f"{self.file}: {self.reason}{at}"


class AgencyFileError(DetailQuoteError):
    """An agency file that does not load; lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


def message(exc: BaseException) -> str:
    """The words for an error: the message of bad input, or one line naming a bug; never a traceback."""
    if isinstance(exc, DetailQuoteError):
        return str(exc)
    return printable(excerpt(f"internal error ({type(exc).__name__}): {exc}", 250))


def printable(text: str) -> str:
    """`text` with each character a terminal would act on (\\x1b, \\n) written as its escape, so it prints as one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The first `limit` characters of `text`, with an ellipsis when there is more."""
    return text[:limit] + "…" if len(text) > limit else text


def shown(value: object) -> str:
    """`value` as the user gave it, for a message: text quoted, escaped and cut short; a number as written."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return repr(excerpt(value))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (int, Decimal)):
        return excerpt(str(Decimal(value)))  # str() of a 5,000-digit int raises; Decimal's never does
    if isinstance(value, (list, tuple)):
        return "a range of cells"
    if value is None:
        return "a blank"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — did you mean X?' when one choice is close to `word`, else ''."""
    import difflib  # here: only a mistake needs it

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" — did you mean {close[0]}?" if close else ""


def unknown(kind: str, word: object, choices: Iterable[str]) -> InputError:
    """An InputError for an unknown name, with a suggestion or the list of choices."""
    choices = sorted(choices)
    hint = did_you_mean(word[:60], choices) if isinstance(word, str) else ""
    if not hint:
        hint = f" (expected one of: {', '.join(choices)})" if choices else f" (this agency has no {kind}s)"
    return InputError(f"unknown {kind} {shown(word)}{hint}")
