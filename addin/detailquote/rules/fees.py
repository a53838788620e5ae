"""Fees: the administrative fee held in the rates, and the fees added on top of a quote's charges.

An added fee is a percentage of the charges, dollars per billed
position-hour, or dollars per job; each is a class below with its price, its
formula and its words. A customer class (a charity) may have its own figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from .. import money
from ..errors import Problem
from ..formulas import num as _num, text
from .base import Cited, ClassFigure, Key, Money, Percent, Strict, Text, number

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


class AddedFee(Cited):
    """A fee added on top of the officers' and vehicles' charges, once per quote."""

    label: Text
    percent: Percent | None = Field(None, description="This percentage of the quote's charges, to the cent.")
    per_hour: Money | None = Field(None, description="Dollars for each billed position-hour.")
    per_job: Money | None = Field(None, description="Dollars once per quote.")
    classes: dict[Key, ClassFigure] = Field(
        default_factory=dict, description="The figure for a customer class, in place of the usual one (0: no fee)."
    )

    @property
    def basis(self) -> str:
        return "percent" if self.percent is not None else "per_hour" if self.per_hour is not None else "per_job"

    @cached_property
    def kind(self) -> type[Basis]:
        """How the fee is worked out: the variant class of its basis."""
        return BASES[self.basis]

    @property
    def value(self) -> Decimal:
        """The usual figure: the percentage or the dollars."""
        return self.percent if self.percent is not None else self.per_hour if self.per_hour is not None else self.per_job

    @model_validator(mode="after")
    def _one_basis(self) -> AddedFee:
        if sum(x is not None for x in (self.percent, self.per_hour, self.per_job)) != 1:
            raise ValueError("give exactly one of percent, per_hour and per_job")
        for key, figure in self.classes.items():
            if self.percent is not None and figure >= 100:
                raise ValueError(f"classes.{key}: a percentage must be below 100")
            if self.percent is None and figure != figure.quantize(Decimal("0.01")):
                raise ValueError(f"classes.{key}: dollars take at most 2 decimal places")
        return self

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
        return self.kind.words(self.value if figure is None else figure)


class Basis:
    """One basis of an added fee: `price` (seconds, rate, amount, label), `formula`, `words` of a figure."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, charges: Decimal, position_seconds: int) -> tuple[int, Decimal, Decimal, str]:
        raise NotImplementedError

    @staticmethod
    def formula(figure: str, charges: str, position_minutes: str, any_charge: str) -> str:
        raise NotImplementedError

    @staticmethod
    def words(figure: Decimal) -> str:
        raise NotImplementedError


class OfCharges(Basis):
    """A percentage of the quote's charges, to the cent."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, charges: Decimal, position_seconds: int) -> tuple[int, Decimal, Decimal, str]:
        amount = money.percent_of(charges, figure)
        return 0, amount, amount, f"{fee.label} ({figure.normalize():f}%)"

    @staticmethod
    def formula(figure: str, charges: str, position_minutes: str, any_charge: str) -> str:
        return f"ROUND({charges}*{figure}/100,2)"

    @staticmethod
    def words(figure: Decimal) -> str:
        return f"{number(figure)}% of the officers' and vehicles' charges"


class PerPositionHour(Basis):
    """Dollars for each billed position-hour."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, charges: Decimal, position_seconds: int) -> tuple[int, Decimal, Decimal, str]:
        return position_seconds, figure, money.amount(position_seconds, figure), fee.label

    @staticmethod
    def formula(figure: str, charges: str, position_minutes: str, any_charge: str) -> str:
        return f"ROUND({position_minutes}*{figure}/60,2)"

    @staticmethod
    def words(figure: Decimal) -> str:
        return f"${figure:.2f} for each billed position-hour"


class PerJob(Basis):
    """Dollars once per quote."""

    @staticmethod
    def price(fee: AddedFee, figure: Decimal, charges: Decimal, position_seconds: int) -> tuple[int, Decimal, Decimal, str]:
        return 0, figure, figure, fee.label

    @staticmethod
    def formula(figure: str, charges: str, position_minutes: str, any_charge: str) -> str:
        return f"IF({any_charge},{figure},0)"

    @staticmethod
    def words(figure: Decimal) -> str:
        return f"${figure:.2f} a job"


BASES: dict[str, type[Basis]] = {"percent": OfCharges, "per_hour": PerPositionHour, "per_job": PerJob}


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


VARIANTS = (OfCharges, PerPositionHour, PerJob, AdminFee)
CHECKS = (check_customer_classes,)
