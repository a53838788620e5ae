"""Fees: the administrative fee held in the rates, and the fees added on top of a quote's charges.

An added fee is a percentage of the charges, dollars per billed
position-hour, per job (and per officer after the first), per officer, or by
a band of a count of the event (attendance); each is a class below with its
price, its formula and its words. A customer class (a charity) may have its
own figure; a condition (`when`) may limit a fee to some jobs.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from .model import Field, model_validator

from .. import money
from ..errors import Problem
from ..formulas import num as _num, text
from .base import Amount, Cited, ClassFigure, Key, Money, Percent, Strict, Text, number
from .combine import Trigger
from .conditions import Job
from .facts import MAX_COUNT, cell_name, count_problems

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where


class MoneyRange(Strict):
    low: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> MoneyRange:
        if self.low > self.high:
            raise ValueError("low is above high")
        return self


class AdminFee(Cited):
    basis: Literal["in_rate"] = Field(description="in_rate: the published total rate already holds the fee.")
    hourly: Money | MoneyRange | None = Field(None, description="The fee per position-hour, or its published range.")
    from_pay: bool = Field(False, description="The fee is each rate row's `rate` less its `pay`.")

    @model_validator(mode="after")
    def _one_source(self) -> AdminFee:
        if self.hourly is not None and self.from_pay:
            raise ValueError("give either hourly or from_pay, not both")
        return self

    def price(self, rate: Decimal | None, pay: Decimal | None) -> tuple[Decimal, Decimal] | None:
        """The fee an hour, low and high, for a position at `rate` paid `pay`; None when it is not published."""
        if self.from_pay and rate is not None and pay is not None:
            return rate - pay, rate - pay
        if isinstance(self.hourly, MoneyRange):
            return self.hourly.low, self.hourly.high
        if self.hourly is not None:
            return self.hourly, self.hourly
        return None

    @property
    def range(self) -> tuple[Decimal | None, Decimal | None]:
        """The published fee an hour, low and high (None, None where it is each row's rate less pay, or unpublished)."""
        fee = self.hourly
        return (fee.low, fee.high) if isinstance(fee, MoneyRange) else (fee, fee)

    def formula(self, rate: str, pay_key: str, side: str) -> str:
        """The fee an hour in the workbook: the rate less the pay on the Rates sheet, or the Policy sheet's FeeLow/FeeHigh."""
        if self.from_pay:
            return f"=IFERROR({rate}-INDEX(RatePay,MATCH({pay_key},RateKeys,0)),0)"
        return f"=Fee{side}"

    def words(self) -> str:
        hourly = self.hourly
        amount = f"${hourly.low:.2f} to ${hourly.high:.2f}" if isinstance(hourly, MoneyRange) else f"${hourly:.2f}" if hourly else None
        held = "each rate less the officer's pay" if self.from_pay else f"{amount} per position-hour" if amount else "not published"
        return f"The administrative fee is held in the rates: {held}."


class CustomerClass(Cited):
    """A kind of customer some fees treat differently (registered charities, public bodies)."""

    label: Text


class FeeBand(Strict):
    """One band of a fee by a count of the event: `amount` up to and including `up_to` (the last band: every count above)."""

    up_to: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    amount: Amount


class FeeBase(NamedTuple):
    """What a fee on top is worked out from: the charges (the vehicles' among them), the billed position-time, the
    job's officers and facts, and the fees listed before it."""

    charges: Decimal
    vehicles: Decimal  # the vehicles' part of the charges
    position_seconds: int
    officers: int  # the positions of the job's largest shift
    job: Job | None = None
    due: frozenset[str] = frozenset()  # the fees with a condition that held on some shift of the job
    fees: Decimal = Decimal(0)  # the fees listed before this one
    # (positions, one's officer charge with its premiums, one's vehicle charge) of each group of positions priced
    # alike on a shift, for a percentage rounded per position; None where a charge has no such lines.
    positions: tuple[tuple[int, Decimal, Decimal], ...] | None = None

    def of(self, parts: tuple[str, ...]) -> Decimal:
        """The sum a percentage is taken of: the officers' charges, the vehicles', the fees before."""
        if parts == CHARGES:
            return self.charges
        found = {"labour": self.charges - self.vehicles, "vehicles": self.vehicles, "fees": self.fees}
        return sum((found[p] for p in parts), Decimal(0))

    def per_position(self, parts: tuple[str, ...], percent: Decimal) -> Decimal:
        """`percent` of each position's charge on each shift, each rounded to the cent, added up."""
        return sum((n * money.percent_of((labour if "labour" in parts else 0) + (vehicle if "vehicles" in parts else 0), percent)
                    for n, labour, vehicle in self.positions), Decimal(0))


class FeeRefs(NamedTuple):
    """The same in the workbook: formulas for the charges, position-minutes, any charge at all, the officers, the
    vehicles' part of the charges, and the fees before this one."""

    charges: str
    position_minutes: str
    any_charge: str
    officers: str
    vehicles: str = "0"
    fees: str = "0"
    positions: tuple[tuple[str, str, str], ...] = ()  # the same as Calc ranges: positions, officer, vehicle charges

    def per_position(self, parts: tuple[str, ...], figure: str) -> str:
        part = "+".join(x for p, x in (("labour", "{1}"), ("vehicles", "{2}")) if p in parts)
        return "(" + "+".join(f"SUMPRODUCT({n},ROUND(({part.format(n, l, v)})*{figure}/100,2))"
                              for n, l, v in self.positions) + ")"

    def of(self, parts: tuple[str, ...]) -> str:
        if parts == CHARGES:
            return self.charges
        found = {"labour": f"({self.charges}-{self.vehicles})", "vehicles": self.vehicles, "fees": self.fees}
        return "(" + "+".join(found[p] for p in parts) + ")"


CHARGES = ("labour", "vehicles")  # what a percentage is of, unless the page says otherwise
Part = Literal["labour", "vehicles", "fees"]


class AddedFee(Cited):
    """A fee added on top of the officers' and vehicles' charges, once per quote."""

    label: Text
    percent: Percent | None = Field(None, description="This percentage of the quote's charges, to the cent.")
    of: Annotated[list[Part], Field(min_length=1, max_length=3)] | None = Field(
        None, description="With percent: what it is a percentage of: labour (the officers' charges), vehicles, and fees "
        "(the fees listed before it); default labour and vehicles."
    )
    per_hour: Money | None = Field(None, description="Dollars for each billed position-hour.")
    per_job: Money | None = Field(None, description="Dollars once per quote (for its first officer, with per_extra_officer).")
    per_extra_officer: Money | None = Field(None, description="With per_job: dollars for each officer after the first.")
    per_officer: Money | None = Field(None, description="Dollars for each officer of the job (its largest shift's positions).")
    by_fact: Key | None = Field(None, description="With bands: the count fact (attendance) whose band sets the fee.")
    bands: Annotated[list[FeeBand], Field(min_length=2, max_length=12)] | None = Field(
        None, description="Dollars by a count of the event, in rising bands; the last has no up_to."
    )
    when: Trigger | None = Field(None, description="Only on a job for which this holds on any shift (short notice).")
    rounding: Literal["quote", "position"] = Field(
        "quote", description="With percent: rounded once on the quote, or on each position's charge on each shift "
        "(an invoice line per officer) and then added up."
    )
    classes: dict[Key, ClassFigure] = Field(
        default_factory=dict, description="The figure for a customer class, in place of the usual one (0: no fee)."
    )

    @cached_property
    def basis(self) -> str:
        return next(name for name in BASES if getattr(self, name) is not None)

    @cached_property
    def kind(self) -> type[Basis]:
        """How the fee is worked out: the variant class of its basis."""
        return BASES[self.basis]

    @cached_property
    def value(self) -> Decimal:
        """The usual figure: the percentage or the dollars (0 for a fee by bands, whose figure is its band's)."""
        figure = getattr(self, self.basis)
        return figure if isinstance(figure, Decimal) else Decimal(0)

    @model_validator(mode="after")
    def _one_basis(self) -> AddedFee:
        if sum(getattr(self, name) is not None for name in BASES) != 1:
            raise ValueError("give exactly one of percent, per_hour, per_job, per_officer and bands")
        if self.of is not None and (self.percent is None or len(set(self.of)) != len(self.of)):
            raise ValueError("of goes with percent, and names each of labour, vehicles and fees at most once")
        if self.rounding == "position" and (self.percent is None or "fees" in self.parts):
            raise ValueError("rounding = 'position' goes with a percent of labour or vehicles: fees have no positions")
        if self.per_extra_officer is not None and self.per_job is None:
            raise ValueError("per_extra_officer goes with per_job: the first officer's fee")
        if (self.by_fact is None) != (self.bands is None):
            raise ValueError("by_fact and bands go together")
        if self.bands is not None:
            tops = [b.up_to for b in self.bands]
            if tops[-1] is not None or None in tops[:-1]:
                raise ValueError("every band but the last has up_to; the last takes every count above")
            if any(a >= b for a, b in zip(tops, tops[1:-1])):
                raise ValueError("bands must rise: each up_to above the one before")
            if self.classes:
                raise ValueError("a fee by bands takes no classes")
        for key, figure in self.classes.items():
            if self.percent is not None and figure >= 100:
                raise ValueError(f"classes.{key}: a percentage must be below 100")
            if self.percent is None and figure != figure.quantize(Decimal("0.01")):
                raise ValueError(f"classes.{key}: dollars take at most 2 decimal places")
        return self

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """What a percentage is of, in the order labour, vehicles, fees."""
        return tuple(p for p in ("labour", "vehicles", "fees") if p in self.of) if self.of else CHARGES

    def figure(self, customer: str | None) -> Decimal:
        """The figure for a customer class (a key), or the usual one."""
        return self.classes.get(customer, self.value) if customer else self.value

    def figure_formula(self, chosen: str, class_label) -> str:
        """The figure for the customer class in the cell `chosen` (the usual one for any other)."""
        figure = _num(self.value)
        for cls, value in reversed(list(self.classes.items())):
            figure = f"IF({chosen}={text(class_label(cls))},{_num(value)},{figure})"
        return figure

    def words(self, figure: Decimal | None = None) -> str:
        said = self.kind.words(self, self.value if figure is None else figure)
        return said if self.when is None else f"{said}, on {self.when.words().removeprefix('every hour of ')}"


class Basis:
    """One basis of an added fee: `price` (seconds, rate, amount, label), `formula`, `words` of a figure."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        raise NotImplementedError

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        raise NotImplementedError

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        raise NotImplementedError


class OfCharges(Basis):
    """A percentage of the quote's charges, to the cent."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        if fee.rounding == "position" and base.positions is not None:
            amount = base.per_position(fee.parts, figure)
        else:
            amount = money.percent_of(base.of(fee.parts), figure)
        return 0, amount, amount, f"{fee.label} ({figure.normalize():f}%)"

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        if fee.rounding == "position" and refs.positions:
            return refs.per_position(fee.parts, figure)
        return f"ROUND({refs.of(fee.parts)}*{figure}/100,2)"

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        said = {("labour", "vehicles"): "the officers' and vehicles' charges", ("labour",): "the officers' charges",
                ("vehicles",): "the vehicles' charges", ("fees",): "the fees listed before it",
                ("labour", "fees"): "the officers' charges and the fees listed before it",
                ("vehicles", "fees"): "the vehicles' charges and the fees listed before it",
                ("labour", "vehicles", "fees"): "the officers' and vehicles' charges and the fees listed before it"}
        each = ", rounded for each position on each shift" if fee.rounding == "position" else ""
        return f"{number(figure)}% of {said[fee.parts]}{each}"


class PerPositionHour(Basis):
    """Dollars for each billed position-hour."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        return base.position_seconds, figure, money.amount(base.position_seconds, figure), fee.label

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        return f"ROUND({refs.position_minutes}*{figure}/60,2)"

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        return f"${figure:.2f} for each billed position-hour"


class PerJob(Basis):
    """Dollars once per quote; with `per_extra_officer`, that much more for each officer after the first."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        extra = fee.per_extra_officer * max(base.officers - 1, 0) if fee.per_extra_officer else money.ZERO
        return 0, figure + extra, figure + extra, fee.label  # the job's fee, its officers after the first included

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        extra = f"+{_num(fee.per_extra_officer)}*MAX({refs.officers}-1,0)" if fee.per_extra_officer else ""
        return f"IF({refs.any_charge},{figure}{extra},0)"

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        if fee.per_extra_officer:
            return f"${figure:.2f} a job for the first officer and ${fee.per_extra_officer:.2f} for each officer after"
        return f"${figure:.2f} a job"


class PerOfficer(Basis):
    """Dollars for each officer of the job: the positions of its largest shift."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        return 0, figure, figure * base.officers, fee.label

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        return f"IF({refs.any_charge},{figure}*{refs.officers},0)"

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        return f"${figure:.2f} for each officer of the job"


class ByBand(Basis):
    """Dollars by the band a count of the event falls in (attendance: 0-1,000, 1,000-3,000, ...); a shared end point
    belongs to the lower band."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, base: FeeBase) -> tuple[int, Decimal, Decimal, str]:
        count = base.job.facts.get(fee.by_fact, 0) if base.job is not None else 0
        amount = next(b.amount for b in fee.bands if b.up_to is None or count <= b.up_to)
        return 0, amount, amount, fee.label

    @staticmethod
    def formula(fee: AddedFee, figure: str, refs: FeeRefs) -> str:
        count, out = f"N({cell_name(fee.by_fact)})", _num(fee.bands[-1].amount)
        for band in reversed(fee.bands[:-1]):
            out = f"IF({count}<={band.up_to},{_num(band.amount)},{out})"
        return f"IF({refs.any_charge},{out},0)"

    @staticmethod
    def words(fee: AddedFee, figure: Decimal) -> str:
        name, low, parts = fee.by_fact.replace("_", " "), None, []
        for band in fee.bands:
            span = f"over {low:,}" if band.up_to is None else f"up to {band.up_to:,}" if low is None else \
                f"over {low:,} up to {band.up_to:,}"
            parts.append(f"{f'${band.amount:,.2f}' if band.amount else 'none'} {span}")
            low = band.up_to
        return f"by {name}: {'; '.join(parts)}"


BASES: dict[str, type[Basis]] = {"percent": OfCharges, "per_hour": PerPositionHour, "per_job": PerJob,
                                 "per_officer": PerOfficer, "bands": ByBand}


def check_customer_classes(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A fee's classes are declared, and every declared class has a fee or a condition that treats it differently."""
    from .combine import walk
    from .facts import CustomerTrigger

    named = {k for _, c in walk(spec) if isinstance(c, CustomerTrigger) for k in c.one_of}
    for key, fee in spec.fees.items():
        for c in fee.classes:
            yield from where.known("customer class", set(spec.customer_classes), c, f"fees.{key}.classes")
            named.add(c)
    for c in spec.customer_classes:
        if c not in named:
            yield where(f"customer_classes.{c}", "no fee treats this class differently: give its figure in a fee's classes, "
                                                 "test it in a condition, or drop it")


def check_fee_counts(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A fee by bands names a declared count fact."""
    for key, fee in spec.fees.items():
        if fee.by_fact is not None:
            yield from count_problems(spec, where, fee.by_fact, f"fees.{key}.by_fact", "a fee by bands needs a count")


VARIANTS = (OfCharges, PerPositionHour, PerJob, PerOfficer, ByBand, AdminFee)
CHECKS = (check_customer_classes, check_fee_counts)
