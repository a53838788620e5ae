"""Overtime: hours past a threshold per position per shift, at an overtime rate (RULES 9).

The rate is the row's own, or the row's rate times a multiplier, or one fixed
rate, capped. The Rates sheet carries each row's overtime rate as the engine
works it out (`Overtime.price`); the workbook splits each piece's minutes at the
threshold (`split_formula`) as the engine splits seconds (`split`).
"""

from __future__ import annotations

from decimal import Decimal

from .model import Field, model_validator

from .. import money
from .base import Cited, Hours, Money, Multiplier, number
from .combine import Trigger, for_rule, meets
from .conditions import Context, Job
from .rates import RateRow


class Overtime(Cited):
    """Hours past the threshold at an overtime rate: each row's own, or the rate times a multiplier, or one fixed rate."""

    after_hours: Hours = Field(description="Hours per position per shift billed before overtime starts.")
    multiplier: Multiplier | None = Field(
        None, description="A row with no overtime rate of its own pays its rate times this, rounded to the cent."
    )
    rate: Money | None = Field(None, description="A row with no overtime rate of its own pays this.")
    cap: Money | None = Field(None, description="No overtime rate is above this.")
    when: Trigger | None = Field(
        None, description="Only for jobs that meet this condition on the job (its type, customer or facts), or shifts "
                          "that meet it on any of their hours (holidays, notice, length)."
    )

    @model_validator(mode="after")
    def _one_rule(self) -> Overtime:
        if self.multiplier is not None and self.rate is not None:
            raise ValueError("give either multiplier or rate, not both")
        return self

    def price(self, row: RateRow) -> Decimal:
        """The overtime rate of a row: its own, or its rate times the multiplier (to the cent), or the fixed rate; capped."""
        found = row.overtime or (money.cents(row.rate * self.multiplier) if self.multiplier else self.rate)
        return min(found, self.cap) if self.cap is not None else found

    def holds(self, job: Job | None, shift: Context | None = None) -> bool:
        """Whether the job (and, given its context, the shift) is paid overtime: every one, or one that meets the
        condition."""
        return meets(self.when, job, shift)

    def formula(self, minutes: str, before: str, after: str) -> str:
        """The regular minutes of a piece of `minutes` that follows `before` minutes, with overtime after `after`."""
        return split_formula(minutes, before, after)

    def words(self) -> str:
        how = f"{number(self.multiplier)} times the rate" if self.multiplier else f"${self.rate:.2f}" if self.rate else "the overtime rates"
        cap = f", at most ${self.cap:.2f} an hour" if self.cap else ""
        jobs = "" if self.when is None else f", {for_rule(self.when)}"
        return f"Hours past {number(self.after_hours)} per position per shift are paid at {how}{cap}{jobs}."


def split(seconds: int, elapsed: int, after: int | None) -> int:
    """The regular seconds of a piece of `seconds` that follows `elapsed`, with overtime after `after` (None: none)."""
    return seconds if after is None else max(0, min(seconds, after - elapsed))


def split_formula(minutes: str, before: str, after: str) -> str:
    """The workbook's `split`: regular minutes of a piece, the threshold `after` a cell (a huge number for none)."""
    return f"=MIN({minutes},MAX(0,{after}-({before})))"


VARIANTS = (Overtime,)
CHECKS = ()
