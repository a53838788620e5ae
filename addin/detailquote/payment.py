"""Payment terms: due date, late interest, card and ACH fees, returned checks, suspension.

Only what the agency publishes is answered; the rest comes back as None with
a note that says it is not published, never a guess. Where the agency's terms
depend on the job (its type, customer class or facts), the job is given with
the invoice; a term the job is spared comes to nothing, with a note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from . import money
from .agency import Agency
from .clock import FIRST_YEAR, LAST_YEAR, outside_years
from .errors import InputError, shown
from .rules.payment import LateInterest, Payment, terms_for

Method = Literal["check", "card", "ach"]
METHODS: tuple[str, ...] = ("check", "card", "ach")


@dataclass(frozen=True)
class PaymentTerms:
    agency: str
    agency_name: str  # of the schedule in force on the invoice date
    amount: Decimal
    method: str
    due_date: dt.date | None
    surcharge: Decimal | None  # for the method given
    days_outstanding: int
    months_late: int
    late_interest: Decimal | None
    late_fee: Decimal | None  # a flat fee once past its days
    returned_check_fee: Decimal | None
    suspension_eligible: bool | None
    notes: tuple[str, ...]


def payment_terms(
    agency: Agency,
    amount: Decimal,
    invoice_date: dt.date,
    as_of: dt.date | None = None,
    method: str = "check",
    legal_max_monthly_percent: Decimal | None = None,
    job_type: object = None,
    customer: object = None,
    facts: object = None,
) -> PaymentTerms:
    """The agency's payment terms applied to an invoice of `amount` dated `invoice_date`, seen on `as_of`, for a job
    of `job_type`, for a customer of class `customer`, with `facts` (as `quote` takes them), where the terms depend
    on the job."""
    amount = _money(amount)
    method = _method(method)
    invoice_date = _day(invoice_date, "invoice date")
    agency = agency.schedule_at(invoice_date)  # the terms in force when the invoice is issued
    as_of = invoice_date if as_of is None else _day(as_of, "as-of date")
    if as_of < invoice_date:
        raise InputError("as-of date is before the invoice date")
    terms, rule = terms_for(agency.spec, agency.job_context(job_type, customer, facts))
    waived = frozenset(rule.waived) if rule else frozenset()
    notes: list[str] = [n.text for n in agency.notes({"payment"})]
    notes += [said for _, said, _ in rule.words()] if rule else []
    days = (as_of - invoice_date).days
    if terms is None:
        notes.append(f"{agency.spec.short_name} publishes no payment terms: ask the agency or its broker.")
        return PaymentTerms(agency.key, agency.name, amount, method, None, None, days, 0, None, None, None, None, tuple(notes))

    def unpublished(what: str) -> None:
        notes.append(f"{agency.spec.short_name} publishes no {what}.")

    due = terms.due.price(invoice_date) if terms.due else None
    if due is None:
        unpublished("due date")

    surcharge = _surcharge(terms, amount, method, waived)
    if surcharge is None:
        unpublished("card fee" if method == "card" else "ACH fee")

    months, interest = 0, None
    if "late_interest" in waived:
        interest = money.ZERO
    elif terms.late_interest is None:
        unpublished("late interest")
    else:
        months, interest = _late_interest(terms.late_interest, amount, days, legal_max_monthly_percent, notes)

    late_fee = terms.late_fee.price(days) if terms.late_fee else money.ZERO if "late_fee" in waived else None
    suspension = None
    if "suspension" in waived:
        suspension = False
    elif terms.suspension is None:
        unpublished("suspension rule")
    else:
        suspension = terms.suspension.price(days)

    returned = terms.returned_check.fee if terms.returned_check else money.ZERO if "returned_check" in waived else None
    if returned is None:
        unpublished("returned-check fee")
    return PaymentTerms(agency.key, agency.name, amount, method, due, surcharge, days, months, interest, late_fee, returned,
                        suspension, tuple(notes))


def _late_interest(rule: LateInterest, amount: Decimal, days: int, legal_max: Decimal | None,
                   notes: list[str]) -> tuple[int, Decimal]:
    """The started months late and the interest on `amount` after `days`, at the published rate or a lower legal one."""
    rate = rule.monthly_percent
    if legal_max is not None:
        legal = _percent(legal_max)
        if legal < rate:
            rate = legal
            notes.append(f"Late interest at the legal maximum given, {legal}% a month, below the published {rule.monthly_percent}%.")
    notes.append(
        f"Late interest is {rate}% of the invoice for each started month past {rule.after_days} days, "
        "not compounded; counting started months, rather than days, is the reading that costs more."
    )
    return rule.months(days), rule.price(amount, days, rate)


def method_fee(agency: Agency, amount: Decimal, method: str, job_type: object = None, customer: object = None,
               facts: object = None) -> Decimal | None:
    """The fee for paying `amount` by `method` (check, card or ach) for the job, where the terms depend on it; None
    when the agency publishes none."""
    amount, method = _money(amount), _method(method)  # bad input is refused even where no fee is published
    terms, rule = terms_for(agency.spec, agency.job_context(job_type, customer, facts))
    return _surcharge(terms, amount, method, frozenset(rule.waived) if rule else frozenset()) if terms else None


def _surcharge(terms: Payment, amount: Decimal, method: str, waived: frozenset[str]) -> Decimal | None:
    if method == "check" or method in waived:
        return money.ZERO
    term = terms.card if method == "card" else terms.ach
    return term.price(amount) if term else None


def _money(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InputError(f"amount must be a number, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite() or value <= 0 or value > Decimal("1e9"):
        raise InputError("amount must be above 0 and at most 1,000,000,000")
    return money.cents(value)


def _day(value: object, what: str) -> dt.date:
    """A date from 1901 to 2100 (a datetime's date): the years the terms are priced for, and far from datetime's end."""
    if not isinstance(value, dt.date):
        raise InputError(f"{what} must be a date, not {shown(value)}")
    day = value.date() if isinstance(value, dt.datetime) else value
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise outside_years(what, day)
    return day


def _percent(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or not Decimal(value).is_finite() or not 0 <= value <= 100:
        raise InputError(f"legal maximum must be a monthly percent from 0 to 100, not {shown(value)}")
    return Decimal(value)


def _method(value: object) -> str:
    key = str(value).strip().lower() if isinstance(value, str) else ""
    key = {"credit card": "card", "credit": "card", "eft": "ach", "ach/eft": "ach"}.get(key, key)
    if key not in METHODS:
        raise InputError(f"payment method must be one of: {', '.join(METHODS)}, not {shown(value)}")
    return key
