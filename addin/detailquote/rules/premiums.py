"""Premiums: add-ons on top of the hour's rate for the hours that meet their condition; premiums stack.

A premium adds dollars an hour, a percentage or a multiple of the hour's rate,
or lifts the hour to a replacement rate. Each of those four is a class below
with its price, its formula and its words; the hours a premium covers are the
same for all four (`Premium.cover`, `Premium.cover_formula`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Annotated

from .model import Field, model_validator

from .. import money
from ..errors import Problem
from ..formulas import num
from .base import Cited, Hours, Key, Money, Multiplier, Percent, Sheet, Text, listed, number
from .combine import Condition
from .conditions import BandTrigger, CalendarTrigger, Context

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where

FOREVER = 1 << 40  # seconds: a window with no end


class Premium(Cited):
    """An add-on on top of the hour's rate, for the scheduled hours that meet its condition; premiums stack."""

    label: Text
    when: Condition | Annotated[list[Condition], Field(min_length=2, max_length=4)] | None = Field(
        None, description="The hours it covers: one condition, or a list that must all hold; none: every hour."
    )
    per_hour: Money | None = Field(None, description="Dollars added to each hour it covers.")
    rate: Money | None = Field(None, description="A replacement rate: each hour it covers is paid at least this "
                               "(the difference to the hour's own rate is added; a higher rate still wins).")
    percent: Percent | None = Field(None, description="This percentage of each covered hour's rate is added.")
    multiplier: Multiplier | None = Field(
        None, description="Each covered hour is paid at its rate times this (the premium is the difference)."
    )
    first_hours: Hours | None = Field(None, description="Only the first this many hours of each position's shift.")
    after_hours: Hours | None = Field(None, description="Only the hours past this many of each position's shift.")
    roles: Annotated[list[Key], Field(min_length=1)] | None = Field(None, description="None: every role.")
    added_hours: bool = Field(
        False, description="Also covers the hours added to reach the minimum or a block, which are billed at the "
        "shift's highest rate, where it covers that hour (\"the premium applies to all hours billed\")."
    )

    @cached_property
    def conditions(self) -> tuple:
        return listed(self.when)

    @property
    def band(self) -> BandTrigger | None:
        """The time band the premium covers, when that is its condition."""
        return self.conditions[0] if self.conditions and isinstance(self.conditions[0], BandTrigger) else None

    @cached_property
    def amount(self) -> type[Amount]:
        """How the premium adds to a covered hour: the variant class."""
        return PerHour if self.per_hour is not None else Replacement if self.rate is not None \
            else Share if self.percent is not None else Times

    def for_role(self, role: str) -> bool:
        return self.roles is None or role in self.roles

    @model_validator(mode="after")
    def _consistent(self) -> Premium:
        if sum(x is not None for x in (self.per_hour, self.percent, self.multiplier, self.rate)) != 1:
            raise ValueError("give exactly one of per_hour, percent, multiplier and rate")
        if self.first_hours is not None and self.after_hours is not None:
            raise ValueError("give first_hours or after_hours, not both")
        bands = [c for c in self.conditions if isinstance(c, BandTrigger)]
        if bands and (len(self.conditions) > 1 or self.first_hours or self.after_hours):
            raise ValueError("a time band stands alone: no other condition, first_hours or after_hours with it")
        if bands and self.added_hours:
            raise ValueError("a time band covers hours of the clock: the hours added to reach the minimum have none")
        return self

    # --- the hours it covers ----------------------------------------------------------------------

    def cover(self, ctx: Context, pieces: Sequence[int], band_seconds: Callable[[BandTrigger], list[int]]) -> list[int]:
        """The scheduled seconds the premium covers in each piece of a shift (`pieces`: each piece's seconds)."""
        if self.band is not None:
            return band_seconds(self.band)
        window = (0, money.seconds(self.first_hours)) if self.first_hours else \
            (money.seconds(self.after_hours), FOREVER) if self.after_hours else (0, FOREVER)
        cover, offset = [], 0
        for i, secs in enumerate(pieces):
            held = all(c.price(ctx, i) for c in self.conditions)
            cover.append(max(0, min(offset + secs, window[1]) - max(offset, window[0])) if held else 0)
            offset += secs
        return cover

    def holds(self, ctx: Context, piece: int) -> bool:
        """Whether every condition holds on a piece of the shift (the piece the added hours are billed at)."""
        return all(c.price(ctx, piece) for c in self.conditions)

    def added_seconds(self, scheduled: int, billed: int) -> int:
        """Of the hours added past the scheduled ones (to `billed`), those inside its first or after hours."""
        low, high = (0, money.seconds(self.first_hours)) if self.first_hours else \
            (money.seconds(self.after_hours), FOREVER) if self.after_hours else (0, FOREVER)
        return max(0, min(billed, high) - max(scheduled, low))

    def cover_formula(self, calc: Sheet, tag: str) -> tuple[list[str], list[str]]:
        """The premium's covered minutes in each piece of a workbook line, as Calc columns; and whether its conditions
        hold on each piece (0/1), for the hours added."""
        band, segments = self.band, calc.segments
        flags: dict[int, list[str]] = {1: [], 2: []}
        for j, condition in enumerate([] if band else self.conditions):
            for day, flag in condition.formula(calc, f"{tag}_{j}").items():
                flags[day].append(flag)
        cover, holds = [], []
        for k, (minutes, _) in enumerate(segments, 1):
            if band is not None:
                formula = band.formula(calc.input("date"), *calc.piece_bounds(k))
            else:
                done = "+".join(f"{{{m}}}" for m, _ in segments[: k - 1]) or "0"  # minutes before the piece
                n = num((self.first_hours or self.after_hours or 0) * 60)
                head = f"MIN({{{minutes}}},MAX(0,{n}-({done})))"
                window = head if self.first_hours else f"({{{minutes}}}-{head})" if self.after_hours else f"{{{minutes}}}"
                held = [calc.piece_flag(f"{tag}_{j}", cond, k) if calc.partial and isinstance(cond, CalendarTrigger)
                        else f"IF({{d_{k}}}=1,{a},{b})" if calc.banded else (a, b)[k - 1]
                        for j, (cond, a, b) in enumerate(zip(self.conditions, flags[1], flags[2]))]
                formula = "*".join([*held, window])
                holds.append("*".join(held) or "1")
            if not self.added_hours and (booked := calc.booked(k)) != "1":  # not the hours a line runs on for
                formula = f"{booked}*({formula})"
            cover.append(calc.flag(f"pc{tag[1:]}_{k}", "=" + formula))
        return cover, holds

    def added_formula(self, billed: str, scheduled: str) -> str:
        """The same as added_seconds, in minutes."""
        low = num(self.after_hours * 60) if self.after_hours else "0"
        high = f"MIN({billed},{num(self.first_hours * 60)})" if self.first_hours else billed
        return f"MAX(0,{high}-MAX({scheduled},{low}))"

    def words(self, role_label: Callable[[str], str]) -> str:
        when = " and ".join(c.words() for c in self.conditions) or "every hour"
        window = f", in the first {number(self.first_hours)} hours of each shift" if self.first_hours else \
            f", past {number(self.after_hours)} hours of each shift" if self.after_hours else ""
        window += ", the hours added to reach the minimum included" if self.added_hours else ""
        roles = f" ({', '.join(role_label(r) for r in self.roles)} only)" if self.roles else ""
        return f"{self.label}: {self.amount.words(self)}, for {when}{window}{roles}; premiums stack."


# --- how a premium adds to the hours it covers: one class per variant ----------------------------

class Amount:
    """A premium's amount: `price` per position (each, rate shown) or None, `formula` per position, `words`."""

    @staticmethod
    def price(p: Premium, covered: Sequence[int], rates: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
        raise NotImplementedError

    @staticmethod
    def formula(p: Premium, covers: Sequence[str], rates: Sequence[str]) -> str:
        raise NotImplementedError

    @staticmethod
    def words(p: Premium) -> str:
        raise NotImplementedError


def _of_value(value: Decimal, seconds: int) -> tuple[Decimal, Decimal] | None:
    """A premium worth `value` dollars over `seconds`: to the cent, with its rate an hour; None when worth nothing."""
    return (money.cents(value), money.cents(value * 3600 / seconds)) if value else None


class PerHour(Amount):
    """Dollars added to each covered hour."""

    @staticmethod
    def price(p: Premium, covered: Sequence[int], rates: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
        return money.amount(sum(covered), p.per_hour), p.per_hour

    @staticmethod
    def formula(p: Premium, covers: Sequence[str], rates: Sequence[str]) -> str:
        return f"ROUND(({'+'.join(covers)})*{num(p.per_hour)}/60,2)"

    @staticmethod
    def words(p: Premium) -> str:
        return f"${p.per_hour:.2f} an hour on top"


class Replacement(Amount):
    """Each covered hour paid at least the premium's rate: the difference to the hour's own rate is added."""

    @staticmethod
    def price(p: Premium, covered: Sequence[int], rates: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
        value = sum(secs * max(money.ZERO, p.rate - r) for secs, r in zip(covered, rates)) / 3600
        return _of_value(value, sum(covered))

    @staticmethod
    def formula(p: Premium, covers: Sequence[str], rates: Sequence[str]) -> str:
        lifted = "+".join(f"{cover}*MAX(0,{num(p.rate)}-{rate})" for cover, rate in zip(covers, rates))
        return f"ROUND(({lifted})/60,2)"

    @staticmethod
    def words(p: Premium) -> str:
        return f"${p.rate:.2f} an hour in place of any lower rate"


class Share(Amount):
    """A percentage of each covered hour's rate added."""

    @staticmethod
    def factor(p: Premium) -> Decimal:
        return p.percent / 100

    @staticmethod
    def factor_formula(p: Premium) -> str:
        return f"{num(p.percent)}/100"

    @classmethod
    def price(cls, p: Premium, covered: Sequence[int], rates: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
        value = sum(secs * r for secs, r in zip(covered, rates)) * cls.factor(p) / 3600
        return _of_value(value, sum(covered))

    @classmethod
    def formula(cls, p: Premium, covers: Sequence[str], rates: Sequence[str]) -> str:
        weighted = "+".join(f"{cover}*{rate}" for cover, rate in zip(covers, rates))
        return f"ROUND(({weighted})*{cls.factor_formula(p)}/60,2)"

    @staticmethod
    def words(p: Premium) -> str:
        return f"{number(p.percent)}% of the hour's rate on top"


class Times(Share):
    """Each covered hour paid at its rate times the multiplier: the difference is added."""

    @staticmethod
    def factor(p: Premium) -> Decimal:
        return p.multiplier - 1

    @staticmethod
    def factor_formula(p: Premium) -> str:
        return num(p.multiplier - 1)

    @staticmethod
    def words(p: Premium) -> str:
        return f"{number(p.multiplier - 1)} times the hour's rate on top"


def check_premium_roles(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A premium for some roles names roles the file declares."""
    for key, premium in spec.premiums.items():
        for role in premium.roles or ():
            yield from where.known("role", set(spec.roles), role, f"premiums.{key}.roles")


def check_premium_holidays(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A premium on holidays needs the file's holiday list."""
    if spec.holidays is None and any(isinstance(c, CalendarTrigger) and "holiday" in c.days
                                     for p in spec.premiums.values() for c in p.conditions):
        yield where("holidays", "required: a premium applies on holidays but the file has no [holidays] list")


VARIANTS = (PerHour, Replacement, Share, Times)
CHECKS = (check_premium_roles, check_premium_holidays)
