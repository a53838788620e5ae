"""The kinds of rule an agency file holds: one module each, with every reading of each variant side by side.

A variant's readings are its `price` (the engine's), its `formula` (the quote
workbook's), its `words` (`explain` and the Policy sheet's); a kind's module
lists its variants in `VARIANTS`, its whole-file checks in `CHECKS`, and, where
a kind has no formula of its own, the readings it has in `READINGS`. A new
kind is a new module here, listed in `KINDS`, with a test agency under
tests/kinds that uses each of its variants.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    billing, cancellation, combine, conditions, facts, fees, holidays, overtime, payment, premiums, rates, staffing, vehicles,
)

KINDS: tuple[ModuleType, ...] = (
    conditions, facts, combine, holidays, rates, premiums, billing, overtime, staffing, vehicles, fees, cancellation, payment,
)
ALL_READINGS = ("price", "formula", "words")


def readings(kind: ModuleType) -> tuple[str, ...]:
    """The readings every variant of `kind` has: all three, unless the kind says it has no formula."""
    return getattr(kind, "READINGS", ALL_READINGS)


def all_checks() -> tuple:
    """Every kind's whole-file checks, kind by kind."""
    return tuple(check for kind in KINDS for check in kind.CHECKS)
