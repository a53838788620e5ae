"""Billing: the minimum hours per position per shift, then blocks or increments past it (RULES 8).

Hours added to reach what is billed go at the shift's highest rate (the engine
and the workbook's pipelines place them); here is how many are billed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated

from .model import Field, model_validator

from .. import money
from ..errors import Problem
from ..formulas import num
from .base import Cited, Hours, Minutes, Sheet, number
from .combine import Trigger, for_rule, line_formula, meets, on_job
from .conditions import Context, Job

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where


class MinimumHours(Cited):
    hours: Hours

    def words(self) -> str:
        return f"Minimum {number(self.hours)} hours per position per shift."


class Billing(Cited):
    """How billed hours are rounded up past the minimum, per position per shift (after vehicle handling time)."""

    increment_hours: Minutes | None = Field(
        None, description="Bill in steps of this many hours past the minimum (or past the last block)."
    )
    blocks: Annotated[list[Minutes], Field(min_length=1, max_length=12)] | None = Field(
        None, description="Bill the smallest of these blocks that covers the hours: a shift past one jumps to the next."
    )

    @model_validator(mode="after")
    def _some(self) -> Billing:
        if self.increment_hours is None and self.blocks is None:
            raise ValueError("give increment_hours, blocks, or both")
        if self.blocks is not None and sorted(set(self.blocks)) != self.blocks:
            raise ValueError("blocks must rise, each longer than the one before")
        return self

    def price(self, billed: int, minimum: int, blocks: tuple[int, ...]) -> int:
        """Seconds billed for `billed` seconds at least the minimum: the first block that covers them, then steps.

        `blocks` are the blocks in seconds (Billing.block_seconds), worked out once per agency.
        """
        base = minimum
        for block in blocks:
            if billed <= block:
                return block
            base = block
        if self.increment_hours is None:
            return billed
        step = money.seconds(self.increment_hours)
        return base + -(-(billed - base) // step) * step

    @property
    def block_seconds(self) -> tuple[int, ...]:
        return tuple(money.seconds(b) for b in self.blocks or ())

    def formula(self, minutes: str, minimum: str) -> str:
        """Billed minutes per position for `minutes` at least the minimum (`minimum`, in minutes)."""
        blocks = [num(b * 60) for b in self.blocks or ()]
        if self.increment_hours is None:
            past = minutes
        else:
            base, step = (blocks[-1] if blocks else minimum), num(self.increment_hours * 60)
            past = f"{base}+ROUNDUP(MAX(0,{minutes}-{base})/{step},0)*{step}"
        for block in reversed(blocks):
            past = f"IF({minutes}<={block},{block},{past})"
        return past

    def words(self) -> str:
        blocks = f"in blocks of {', '.join(number(h) for h in self.blocks)} hours" if self.blocks else ""
        step = f"{number(self.increment_hours)} hour{'' if self.increment_hours == 1 else 's'}" if self.increment_hours else ""
        steps = f"in steps of {step}{' past the last block' if self.blocks else ' past the minimum'}" if step else ""
        return f"Hours are billed {' and then '.join(x for x in (blocks, steps) if x)}, per position per shift."


class BillingWhen(Cited):
    """The minimum and billing for jobs or shifts that meet a condition (a road job, a customer class, a holiday, short
    notice), in place of the job type's; the first in the file that holds applies."""

    when: Trigger = Field(description="A condition on the job (its type, customer class or facts) or on the shift "
                                      "(its days, notice, length, hours): it holds for a shift when it holds on any "
                                      "of the shift's hours.")
    minimum_hours: Hours | None = Field(None, description="The fewest hours billed per position per shift.")
    billing: Billing | None = Field(None, description="Blocks or steps past the minimum.")

    @model_validator(mode="after")
    def _some(self) -> BillingWhen:
        if self.minimum_hours is None and self.billing is None:
            raise ValueError("give minimum_hours, billing, or both")
        return self

    @cached_property
    def on_job(self) -> bool:
        """Whether the condition tests only the job, so that it holds alike on every shift."""
        return on_job(self.when)

    def holds(self, job: Job | None, shift: Context | None = None) -> bool:
        """Whether the condition holds for the job, or, given a shift's context, for that shift: on any of its
        pieces. A condition on the shift holds for no job without one."""
        return job is not None and meets(self.when, job, shift)

    def words(self) -> str:
        parts = [f"a minimum of {number(self.minimum_hours)} hours per position per shift"] if self.minimum_hours else []
        if self.billing:
            said = self.billing.words().removeprefix("Hours are billed ").removesuffix(", per position per shift.")
            parts.append(f"hours billed {said}")
        scope = for_rule(self.when)
        return f"{scope[:1].upper()}{scope[1:]}: {' and '.join(parts)}."

    def formula(self, calc: Sheet, tag: str) -> str:
        """1 where the condition holds for the workbook line (combine.line_formula), else 0."""
        return f"={line_formula(self.when, calc, tag)}"


def billed_formula(billing: Billing | None, minutes: str, minimum: str) -> str:
    """Billed minutes per position in the workbook (the engine's Agency.billed_seconds)."""
    return minutes if billing is None else billing.formula(minutes, minimum)


def check_minimum_below_overtime(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """The agency's minimum is not above its overtime threshold."""
    if spec.minimum_hours and spec.overtime and spec.minimum_hours.hours > spec.overtime.after_hours:
        yield where("minimum_hours.hours", "is above the overtime threshold")


RUN_ON = ("The hours added to reach the minimum or a block are priced as if the detail ran on past its end: "
          "at the rates of those hours.")


def check_run_on(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A detail that runs on has one end for all its positions: vehicles cannot add handling time to some, and its
    end is set before its hours are known, so a billing by condition tests the job only."""
    if spec.hours_added == "run_on" and spec.vehicles is not None and spec.vehicles.handling_hours:
        yield where("hours_added", "'run_on' cannot go with vehicles.handling_hours: the positions with a vehicle "
                                   "would run on longer than the others")
    for i, rule in enumerate(spec.billing_when):
        if spec.hours_added == "run_on" and not rule.on_job:
            yield where(f"billing_when[{i}].when", "with hours_added = 'run_on', a billing by condition tests the job "
                                                  "(its type, customer or facts), not its days or hours")


VARIANTS = (Billing,)
CHECKS = (check_minimum_below_overtime, check_run_on)
