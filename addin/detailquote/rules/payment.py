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
from .base import Cited, Lines, Money, Percent, Strict, number
from typing import Annotated

from pydantic import Field


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

    def words(self) -> Iterator[tuple[str, str, Lines | None]]:
        for term in (self.due, self.late_interest, self.suspension, self.card, self.ach, self.returned_check):
            if term is not None:
                yield "payment", term.words(), term.line


VARIANTS = (NetDays, ReturnedCheck, AchFee, LateInterest, Suspension, CardFee)
CHECKS = ()
READINGS = ("price", "words")  # no formula: the quote workbook prices no invoice
