"""Payment terms: when an invoice is due, late interest, card and ACH fees, returned checks, suspension.

Each term is one class with its price (what it comes to on an invoice) and its
words. The quote workbook prices no invoice, so payment terms have no formula;
`payment.payment_terms` applies them for the Excel functions and the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from .. import money
from ..formulas import num
from .base import Cited, Lines, Money, Percent, Strict, number
from typing import Annotated

from pydantic import Field, model_validator


class NetDays(Cited):
    days: Annotated[int, Field(ge=0, le=365)]

    def price(self, invoice_date: dt.date) -> dt.date:
        return invoice_date + dt.timedelta(days=self.days)

    def words(self) -> str:
        return "Invoices are due on receipt." if self.days == 0 else f"Invoices are due in {self.days} day{'s' if self.days != 1 else ''}."


class Fee(Cited):
    fee: Money

    def price(self, amount: Decimal) -> Decimal:
        return self.fee


class ReturnedCheck(Fee):
    def words(self) -> str:
        return f"A returned check costs ${self.fee:.2f}."


class AchFee(Fee):
    def words(self) -> str:
        return f"ACH payments add ${self.fee:.2f}."


class LateInterest(Cited):
    monthly_percent: Percent
    after_days: Annotated[int, Field(ge=0, le=365)]

    def months(self, days: int) -> int:
        """Each started 30-day month past the threshold counts whole: the reading that costs more."""
        return max(0, -(-(days - self.after_days) // 30))

    def price(self, amount: Decimal, days: int, rate: Decimal | None = None) -> Decimal:
        """Simple interest on `amount` for the started months late after `days`, at `rate` (the published one)."""
        return money.percent_of(amount, (self.monthly_percent if rate is None else rate) * self.months(days))

    def words(self) -> str:
        return f"Late interest {number(self.monthly_percent)}% a month after {self.after_days} days."


class LateFee(Cited):
    """A flat fee on an invoice unpaid after some days ("a $25.00 late fee after 30 days")."""

    fee: Money
    after_days: Annotated[int, Field(ge=0, le=365)]

    def price(self, days: int) -> Decimal:
        return self.fee if days > self.after_days else money.ZERO

    def words(self) -> str:
        return f"A late fee of ${self.fee:.2f} on an invoice unpaid after {self.after_days} days."


class Deposit(Cited):
    """A deposit due before the job: a share of the quote, or a fixed amount."""

    percent: Percent | None = None
    amount: Money | None = None
    days_before: Annotated[int, Field(ge=0, le=365)] = Field(0, description="Due this many days before the job starts.")

    @model_validator(mode="after")
    def _one(self) -> Deposit:
        if (self.percent is None) == (self.amount is None):
            raise ValueError("give percent or amount")
        return self

    def price(self, total: Decimal) -> Decimal:
        """The deposit on a quote of `total` (never more than the quote)."""
        return money.percent_of(total, self.percent) if self.percent is not None else min(self.amount, total)

    def formula(self, total: str) -> str:
        """The same in the workbook, of the cell `total`."""
        return f"ROUND({total}*{num(self.percent)}/100,2)" if self.percent is not None else f"MIN({num(self.amount)},{total})"

    def note(self, total: Decimal) -> str:
        """What a quote of `total` says of its deposit."""
        return f"{self.words()[:-1]}: {money.money_text(self.price(total))} on this quote."

    def words(self) -> str:
        what = f"{number(self.percent)}% of the quote" if self.percent is not None else f"${self.amount:.2f}"
        when = "before the job" if not self.days_before else f"{self.days_before} day{'s' if self.days_before != 1 else ''} before the job"
        return f"A deposit of {what} is due {when}."


class Suspension(Cited):
    after_days: Annotated[int, Field(ge=1, le=3650)]

    def price(self, days: int) -> bool:
        return days > self.after_days

    def words(self) -> str:
        return f"Service is suspended after {self.after_days} days unpaid."


class CardFee(Cited):
    percent: Percent
    minimum: Money | None = None

    def price(self, amount: Decimal) -> Decimal:
        fee = money.percent_of(amount, self.percent)
        return fee if self.minimum is None else max(fee, self.minimum)

    def words(self) -> str:
        minimum = f", at least ${self.minimum:.2f}" if self.minimum else ""
        return f"Card payments add {number(self.percent)}%{minimum}."


class Payment(Strict):
    due: NetDays | None = None
    returned_check: ReturnedCheck | None = None
    late_interest: LateInterest | None = None
    suspension: Suspension | None = None
    card: CardFee | None = None
    ach: AchFee | None = None
    late_fee: LateFee | None = None
    deposit: Deposit | None = None

    def words(self) -> Iterator[tuple[str, str, Lines | None]]:
        for term in (self.deposit, self.due, self.late_interest, self.late_fee, self.suspension, self.card, self.ach,
                     self.returned_check):
            if term is not None:
                yield "payment", term.words(), term.line


VARIANTS = (NetDays, ReturnedCheck, AchFee, LateInterest, LateFee, Deposit, Suspension, CardFee)
CHECKS = ()
READINGS = ("price", "words")  # no formula: the quote workbook prices no invoice
