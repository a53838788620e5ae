"""Payment terms: when an invoice is due, late interest, card and ACH fees, returned checks, suspension.

Each term is one class with its price (what it comes to on an invoice) and its
words. The quote workbook prices no invoice, so payment terms have no formula;
`payment.payment_terms` applies them for the Excel functions and the command line.
Terms for some jobs (`payment_when`: "city departments net 60") take the place of
the agency's, or waive them, for the jobs that meet a condition on the job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from .model import Field, model_validator

from .. import money
from ..formulas import num
from .base import Cited, Lines, Money, Percent, Strict, number
from .combine import Trigger, for_jobs, job_meets
from .conditions import Job

if TYPE_CHECKING:
    from ..errors import Problem
    from ..rulebook import AgencyFile
    from .checks import Where


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

    def terms(self) -> Iterator[Cited]:
        """The terms given, in the order they are said."""
        for name in SAID:
            term = getattr(self, name)
            if term is not None:
                yield term

    def words(self) -> Iterator[tuple[str, str, Lines | None]]:
        for term in self.terms():
            yield "payment", term.words(), term.line


SAID = ("deposit", "due", "late_interest", "late_fee", "suspension", "card", "ach", "returned_check")
Waivable = Literal["deposit", "late_interest", "late_fee", "suspension", "card", "ach", "returned_check"]
WAIVED_WORDS = {"deposit": "no deposit", "late_interest": "no late interest", "late_fee": "no late fee",
                "suspension": "no suspension", "card": "no card fee", "ach": "no ACH fee",
                "returned_check": "no returned-check fee"}


class PaymentWhen(Payment, Cited):
    """Terms for jobs that meet a condition on the job (a customer class, a job type, a fact), in place of the
    agency's: each term given replaces the agency's, each one waived is not charged; the first that holds applies."""

    when: Trigger = Field(description="A condition on the job: its type, customer class or facts.")
    waived: Annotated[list[Waivable], Field(max_length=7)] = Field(
        default_factory=list, description="Terms of [payment] not charged on these jobs (\"no late interest is charged "
        "to government customers\"); an invoice is always due, so `due` is given, not waived."
    )

    @model_validator(mode="after")
    def _some(self) -> PaymentWhen:
        given = {name for name in SAID if getattr(self, name) is not None}
        if not given and not self.waived:
            raise ValueError("give the terms for these jobs, or the terms they are spared in waived, or both")
        both = sorted(given & set(self.waived))
        if both:
            raise ValueError(f"{', '.join(both)} is both given and waived: give it, or waive it")
        if len(set(self.waived)) != len(self.waived):
            raise ValueError("waived names a term twice")
        return self

    def words(self) -> Iterator[tuple[str, str, Lines | None]]:
        said = [t.words()[0].lower() + t.words()[1:-1] for t in self.terms()]
        said += [WAIVED_WORDS[name] for name in SAID if name in self.waived]
        jobs = for_jobs(self.when)
        yield "payment", f"{jobs[:1].upper()}{jobs[1:]}: {'; '.join(said)}.", self.line


def terms_for(spec: AgencyFile, job: Job) -> tuple[Payment | None, PaymentWhen | None]:
    """The payment terms of a job: the agency's, with the first of `payment_when` that holds for the job laid over
    them (each term it gives in place of the agency's, each it waives gone); and that entry, or None."""
    rule = next((r for r in spec.payment_when if job_meets(r.when, job)), None) if spec.payment_when else None
    if rule is None:
        return spec.payment, None
    given = {name: getattr(rule, name) for name in SAID if getattr(rule, name) is not None}
    return (spec.payment or Payment()).model_copy(update={**given, **{name: None for name in rule.waived}}), rule


def deposit_formula(spec: AgencyFile, total: str, flags: list[str]) -> str:
    """The job's deposit on a quote of the cell `total` in the workbook (terms_for): `flags` are the 0/1 cells that
    say whether each of `payment_when` holds for the job."""
    general = spec.payment.deposit if spec.payment else None
    out = general.formula(total) if general else "0"
    for rule, flag in reversed(list(zip(spec.payment_when, flags))):  # the first that holds applies
        own = rule.deposit or (None if "deposit" in rule.waived else general)
        out = f"IF({flag}=1,{own.formula(total) if own else '0'},{out})"
    return out


def check_waived(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Terms for some jobs spare them only terms the agency charges, and test the job, never its days or hours."""
    for i, rule in enumerate(spec.payment_when):
        for j, name in enumerate(rule.waived):
            if spec.payment is None or getattr(spec.payment, name) is None:
                yield where(f"payment_when[{i}].waived[{j}]", f"waives {name}, which [payment] does not charge: "
                                                             "give it in [payment], or leave it out of waived")


VARIANTS = (NetDays, ReturnedCheck, AchFee, LateInterest, LateFee, Deposit, Suspension, CardFee)
CHECKS = (check_waived,)
READINGS = ("price", "words")  # no formula: the quote workbook prices no invoice
