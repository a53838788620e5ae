"""Rates: job types, rate tiers and the published rate tables; the highest rate that applies wins (RULES 7).

The engine's reading is `winner`; the workbook's is the score that packs a
rate and its tier's place into one number (`score_formula`, `rate_of`,
`tier_of`), so that a MAX picks the same winner, ties to the later tier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated

from .model import Field, model_validator

from .. import money
from ..errors import Problem
from .billing import Billing
from .base import Cited, Hours, Key, Lines, Money, Multiplier, Sheet, Text, listed, number
from .combine import Condition, Trigger, identity
from .conditions import Context, LeadTime

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where


class JobType(Cited):
    label: Text
    minimum_hours: Hours | None = Field(None, description="Replaces the agency's minimum for this job type.")
    permit: Text | None = Field(None, description="A warning that a permit must accompany the request.")
    flat_price: Money | None = Field(
        None, description="Each position costs this much per shift, whatever its length: no hourly rate, minimum, "
        "overtime or premium applies (a funeral escort)."
    )
    lead_time: LeadTime | None = Field(None, description="The notice this job type needs, in place of the agency's.")
    billing: Billing | None = Field(None, description="Blocks or steps past the minimum for this job type, in place of the agency's.")

    def words(self) -> Iterator[tuple[str, str, Lines | None]]:
        if self.minimum_hours is not None:
            yield "minimum", f"{self.label} jobs: minimum {number(self.minimum_hours)} hours per position per shift.", self.line
        if self.permit:
            yield "job types", f"{self.label} jobs: {self.permit}", self.line
        if self.lead_time is not None:
            yield "notice", f"{self.label} jobs: {self.lead_time.words()}", self.lead_time.line
        if self.billing is not None:
            yield "minimum", f"{self.label} jobs: {self.billing.words()}", self.billing.line
        if self.flat_price is not None:
            yield "rates", (f"{self.label} jobs: a flat ${self.flat_price:.2f} per position per shift, whatever its length "
                            f"(no hourly rate, minimum, overtime or premium; vehicles as usual)."), self.line


class Tier(Cited):
    label: Text
    when: Condition | Annotated[list[Trigger], Field(min_length=2, max_length=4)] | None = Field(
        None, description="When the tier applies by itself: one condition, or a list that must all hold; none for the base tier. "
        "A time band stands alone: its rate replaces the hour's rate inside the band (the highest rate still wins)."
    )
    selectable: bool = Field(False, description="The customer may choose this tier (a voluntary priority).")

    @cached_property
    def conditions(self) -> tuple:
        """The tier's conditions, all of which must hold: () for the base tier and chosen priorities."""
        return listed(self.when)

    def price(self, ctx: Context, i: int) -> bool:
        """Whether the tier's conditions all hold for the `i`th piece of a shift (a tier with several, or one timed)."""
        for condition in self.conditions:  # a loop, not all(...): this runs for every piece of every shift
            if not condition.price(ctx, i):
                return False
        return True

    def formula(self, calc: Sheet, i: int) -> dict[int, list[str]]:
        """The tier's conditions as 0/1 flags on each local date of a workbook line (all must hold: multiplied)."""
        flags: dict[int, list[str]] = {1: [], 2: []}
        for j, condition in enumerate(self.conditions):
            for day, flag in condition.formula(calc, f"{i}_{j}").items():
                flags[day].append(flag)
        return flags

    def words(self, base: bool) -> str:
        """When the tier applies."""
        if base:
            return "Every hour no other tier claims" + (" (the customer may also name it)." if self.selectable else ".")
        if not self.conditions:
            return "When the customer chooses it." if self.selectable else "Never by itself."
        words = " and ".join(c.words() for c in self.conditions)
        chosen = ", or when the customer chooses it" if self.selectable else ""
        return f"{words[0].upper()}{words[1:]}{chosen}."


class RateRow(Cited):
    role: Key | Annotated[list[Key], Field(min_length=1)]
    tier: Key
    job_types: Annotated[list[Key], Field(min_length=1)] | None = Field(
        None, description="Overrides the table's job types for this row."
    )
    rate: Money = Field(description="Hourly rate the customer pays.")
    overtime: Money | None = Field(None, description="Hourly rate past the overtime threshold.")
    pay: Money | None = Field(None, description="The officer's share of `rate`, where published.")
    multiple_of: Key | None = Field(None, description="The page gives this rate as a multiple of another tier's "
                                    "(\"time and one-half\"): that tier, for the same role and job types.")
    times: Multiplier | None = Field(None, description="With multiple_of: `rate` is that tier's rate times this, to the cent.")

    @model_validator(mode="after")
    def _multiple(self) -> RateRow:
        if (self.multiple_of is None) != (self.times is None):
            raise ValueError("multiple_of and times go together")
        return self

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role,) if isinstance(self.role, str) else tuple(self.role)


class RateTable(Cited):
    title: Text
    job_types: Annotated[list[Key], Field(min_length=1)] | None = Field(None, description="None: every job type.")
    rows: Annotated[list[RateRow], Field(min_length=1)]


# --- the engine's reading: the winning tier --------------------------------------------------------

def winner(rate: Callable[[str], RateRow | None], applicable: frozenset[str], order: dict[str, int]) -> tuple[str, RateRow | None]:
    """The tier whose rate applies: the highest (RULES 7), ties to the later tier; (tier, None) if unpublished.

    `rate(tier)` is the published row of the position's role and job type for that tier, or None.
    """
    best: tuple[str, RateRow] | None = None
    for tier in sorted(applicable, key=order.__getitem__):
        row = rate(tier)
        if row is None:
            return tier, None
        if best is None or (row.rate, order[tier]) > (best[1].rate, order[best[0]]):
            best = (tier, row)
    assert best is not None
    return best


# --- the workbook's reading: a score per piece of a line -------------------------------------------

UNPUBLISHED = -2  # the score of a tier with no published rate for the role
TIER_PLACES = 100  # a score is the rate in cents times this, plus the tier's place in the file


def score_formula(rate: str, place: int) -> str:
    """A tier's score for a role: its rate in cents, then its place, so that MAX gives the highest rate, ties to the later."""
    return f"=IFERROR(ROUND({rate}*100,0)*{TIER_PLACES}+{place},{UNPUBLISHED})"


def tier_of(score: str) -> str:
    """The tier's place (from 0) in a score."""
    return f"MOD({score},{TIER_PLACES})"


def rate_of(score: str) -> str:
    """The hourly rate in a score."""
    return f"INT({score}/{TIER_PLACES})/100"


# --- checks ------------------------------------------------------------------------------------------

def check_base_tier(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """The base tier is declared, and applies to every hour: no condition, not chosen."""
    yield from where.known("tier", set(spec.tiers), spec.base_tier, "base_tier")
    base = spec.tiers.get(spec.base_tier)
    if base is not None and base.when is not None:
        yield where(f"tiers.{spec.base_tier}", "the base tier applies to every hour: it takes no `when`")


def check_tiers_differ(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """No two tiers apply on exactly the same condition."""
    seen: dict[object, str] = {}
    for name, tier in spec.tiers.items():
        if tier.when is None:
            continue
        key = identity(tier.when)
        if key in seen:
            yield where(f"tiers.{name}.when", f"overlaps tier {where.shown(seen[key])}: both apply on exactly the same condition")
        seen[key] = name


def check_rate_tables(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Each row names known roles, tiers and job types; no two rows price the same cell; pay and overtime fit."""
    roles, jobs, tiers = set(spec.roles), set(spec.job_types), set(spec.tiers)
    cells: dict[tuple[str, str, str], str] = {}
    for t, table in enumerate(spec.rate_tables):
        for j in table.job_types or ():
            yield from where.known("job type", jobs, j, f"rate_tables[{t}].job_types")
        for r, row in enumerate(table.rows):
            here = f"rate_tables[{t}].rows[{r}]"
            for role in row.roles:
                yield from where.known("role", roles, role, f"{here}.role")
            yield from where.known("tier", tiers, row.tier, f"{here}.tier")
            for j in row.job_types or ():
                yield from where.known("job type", jobs, j, f"{here}.job_types")
            yield from _row_problems(spec, row, here, where)
            for role in row.roles:
                for job in row.job_types or table.job_types or sorted(jobs):
                    cell = (role, job, row.tier)
                    if cell in cells:
                        yield where(here, f"overlaps {cells[cell]}: two rates for {role} / {job} / {row.tier}")
                    else:
                        cells[cell] = here


def check_multiples(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A rate given as a multiple of another tier's is that tier's rate, for each of its roles and job types, times it."""
    rates = {(role, job, row.tier): row.rate for table in spec.rate_tables for row in table.rows
             for job in row.job_types or table.job_types or spec.job_types for role in row.roles}
    for t, table in enumerate(spec.rate_tables):
        for r, row in enumerate(table.rows):
            if row.multiple_of is None:
                continue
            for job in row.job_types or table.job_types or spec.job_types:
                for role in row.roles:
                    base = rates.get((role, job, row.multiple_of))
                    if base is None:
                        yield where(f"rate_tables[{t}].rows[{r}].multiple_of",
                                    f"no {row.multiple_of} rate for {role} on {job} jobs to multiply")
                    elif money.cents(base * row.times) != row.rate:
                        yield where(f"rate_tables[{t}].rows[{r}].rate", f"{row.times} x {base} is "
                                    f"{money.cents(base * row.times)}, not {row.rate}")


def _row_problems(spec: AgencyFile, row: RateRow, here: str, where: Where) -> Iterator[Problem]:
    if row.pay is not None and row.pay >= row.rate:
        yield where(f"{here}.pay", f"the officer's pay ({row.pay}) must be below the total rate ({row.rate})")
    if row.overtime is not None and spec.overtime is None:
        yield where(f"{here}.overtime", "an overtime rate needs an [overtime] rule saying when it starts")
    if row.overtime is None and spec.overtime is not None and spec.overtime.multiplier is None and spec.overtime.rate is None:
        yield where(f"{here}.overtime", "required: give each row its overtime rate, or the [overtime] rule a multiplier or rate")
    if spec.admin_fee is not None and spec.admin_fee.from_pay and row.pay is None:
        yield where(f"{here}.pay", "required: admin_fee.from_pay needs the officer's pay on every row")


def check_default_job_type(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """The default job type is one the file declares."""
    yield from where.known("job type", set(spec.job_types), spec.default_job_type, "default_job_type")


def check_job_minimums(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A flat price has no minimum; no job type's minimum is above the overtime threshold."""
    for j, job in spec.job_types.items():
        if job.flat_price is not None and job.minimum_hours is not None:
            yield where(f"job_types.{j}.minimum_hours", "a job type with a flat price has no minimum hours")
        if job.minimum_hours is not None and spec.overtime is not None and job.minimum_hours > spec.overtime.after_hours:
            yield where(f"job_types.{j}.minimum_hours", "is above the overtime threshold")


VARIANTS = (Tier,)
CHECKS = (check_default_job_type, check_base_tier, check_tiers_differ, check_rate_tables, check_multiples, check_job_minimums)
