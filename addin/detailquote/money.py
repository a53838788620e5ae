"""Money and hours in Decimal, rounded as RULES.md 3 says: half-up to the cent, per line."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_HOURS = Decimal("0.0001")
_HOUR = Decimal(3600)
_HUNDRED = Decimal(100)
# A private context, so that a caller's decimal settings never change a price.
_CTX = Context(prec=34, rounding=ROUND_HALF_UP)


def cents(value: Decimal) -> Decimal:
    """`value` rounded half-up to the cent."""
    return value.quantize(CENT, ROUND_HALF_UP, context=_CTX)


@lru_cache(maxsize=1 << 16)
def amount(seconds: int, hourly: Decimal) -> Decimal:
    """What `seconds` of time cost at `hourly`, rounded to the cent (remembered: a column of quotes repeats them)."""
    return cents(_CTX.divide(_CTX.multiply(hourly, Decimal(seconds)), _HOUR))


def percent_of(value: Decimal, percent: Decimal) -> Decimal:
    return cents(_CTX.divide(_CTX.multiply(value, percent), _HUNDRED))


def hours(seconds: int) -> Decimal:
    """Seconds as hours, to 4 places (exact for whole minutes that divide an hour evenly)."""
    return _CTX.divide(Decimal(seconds), _HOUR).quantize(_HOURS, ROUND_HALF_UP, context=_CTX)


def seconds(hours_: Decimal) -> int:
    return int(hours_ * 3600)


def hours_text(value: Decimal) -> str:
    """'3.00', '2.25', '0.3333': at least two places, no trailing zeros beyond them."""
    text = f"{value:.4f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def money_text(value: Decimal, symbol: str = "$") -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
