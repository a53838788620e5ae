"""The errors DetailQuote raises: each carries a short message meant for a person."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class DetailQuoteError(Exception):
    """Base class: the message says what was wrong and what is expected."""


class InputError(DetailQuoteError, ValueError):
    """A request, a date or an option that cannot be priced as given."""


class UnknownAgency(InputError, LookupError):
    """No agency file of that name."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agency file: where, and why."""

    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.reason}" if self.field else f"{self.file}: {self.reason}"


class AgencyFileError(DetailQuoteError):
    """An agency file that does not load; lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — did you mean X?' when one choice is close to `word`, else ''."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" — did you mean {close[0]}?" if close else ""


def unknown(kind: str, word: object, choices: Iterable[str]) -> InputError:
    """An InputError for an unknown name, with a suggestion or the list of choices."""
    choices = sorted(choices)
    shown = str(word)[:60]
    hint = did_you_mean(shown, choices) if isinstance(word, str) else ""
    if not hint:
        hint = f" (expected one of: {', '.join(choices)})" if choices else f" (this agency has no {kind}s)"
    return InputError(f"unknown {kind} {shown!r}{hint}")
