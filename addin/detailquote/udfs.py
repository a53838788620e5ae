"""The DETAIL_* Excel functions, through xlwings: a thin face over the engine.

Each function reads its cells with `cells`, asks the engine, and hands back a
number, a text or a 2-D list that spills. One decorator, `excel_function`,
registers each with xlwings and turns every error into a short message: a
real #VALUE! error with the message on hover in the Office.js runtimes
(xlwings Lite, xlwings Server), the message as the cell's text in the classic
Windows add-in, where error values cannot be returned.

Nothing here is volatile or reads the clock. The module imports only the
engine (no openpyxl, no workbook builder); the functions for cancellations,
payments, line tables and audits import theirs when first called, so a
workbook's first quote waits for none of them. Agency files load once per
process and stay cached.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import xlwings
from xlwings import arg, func, ret

from . import __version__, cells, clock
from .engine import FIRST_YEAR, LAST_YEAR, MAX_OFFICERS, Quote, quote, tier_at
from .errors import InputError, message as _message
from .job_rows import QUOTE_COLUMNS, agency as _agency, columns as _columns, job as _job, request as _request
from .loader import default_library

__all__ = [
    "DETAIL_QUOTE", "DETAIL_QUOTE_LINES", "DETAIL_QUOTES", "DETAIL_RATE", "DETAIL_MIN_HOURS", "DETAIL_STAFFING",
    "DETAIL_TIER", "DETAIL_IS_HOLIDAY", "DETAIL_HOLIDAYS", "DETAIL_CANCEL_FEE", "DETAIL_PAYMENT_FEE",
    "DETAIL_LATE_CHARGE", "DETAIL_AUDIT", "DETAIL_AGENCIES", "DETAIL_VERSION",
]

# True under xlwings Lite and xlwings Server, whose decorators come from xlwings' Office.js module.
OFFICE_JS = func.__module__.endswith("udfs_officejs")

# The help Excel shows for each argument, by parameter name (one text serves every function).
ARG_DOCS = {
    "agency": "Agency name, such as tucson-az (DETAIL_AGENCIES lists them).",
    "start": "Shift start: a date and time, agency local time.",
    "end": "Shift end: a date and time after the start.",
    "officers": "Officers requested, a whole number of at least 1; supervisors are added by the agency's rule.",
    "job_type": "Optional. The agency's job type, such as construction; blank for regular work.",
    "requested": "Optional. When the request is made, for short-notice rates and lead-time warnings.",
    "vehicles": "Optional. Police vehicles requested, at most one per position; blank for none.",
    "priority": "Optional. A priority rate the customer chooses, such as priority 1; blank for none.",
    "customer": "Optional. The customer's class where the agency's fees or terms depend on it, such as charity; blank otherwise.",
    "facts": "Optional. Facts of the event the agency prices by, such as \"alcohol=yes; attendance=2500\"; blank otherwise.",
    "table": "Rows of jobs with columns agency, start, end, officers, job_type, requested, vehicles, priority, customer "
             "(the last five optional). A header row with those names is optional and may reorder them.",
    "role": "Role, such as officer or sergeant.",
    "tier": "Optional. Rate tier, such as holiday; blank for the standard rate.",
    "on_date": "Optional. The day the rate is for, when the agency has changed its rates; blank for the latest schedule.",
    "date": "A date.",
    "year": "A year, such as 2027.",
    "cancelled": "When the cancellation is received: a date and time, agency local time.",
    "worked": "Optional. Hours each position had worked on the shift under way when it was cancelled.",
    "reason": "Optional. Why it was cancelled, where the agency has terms for that reason, such as weather; blank otherwise.",
    "amount": "The invoice amount.",
    "lines": "The invoice's lines with their header row: date, start, end, role, officer, hours, rate, amount, ... "
             "(the columns of `detailquote audit`).",
    "method": "How the invoice is paid: card, ach or check.",
    "invoice_date": "The invoice date.",
    "as_of": "The day to count to, such as the payment date.",
}
# Conversion options xlwings applies before a value reaches the function.
ARG_OPTIONS = {"table": {"ndim": 2}, "lines": {"ndim": 2}}
# Under Office.js, xlwings hands every argument over raw and `cells.from_officejs` reads it with these
# options instead: xlwings' own conversion costs more than a quote, most of it an import of pyodide.ffi
# retried for every value outside Pyodide.
RAW = {"convert": "raw"}


def excel_function(fn: Callable[..., Any] | None = None, *, plain_rows: bool = False) -> Any:
    """Register `fn` with xlwings, with its argument help, answering any error with a short message.

    `plain_rows`: `fn` answers a 2-D list of finite floats and texts that are not error names (#N/A...),
    which Office.js takes as they are, so under Office.js xlwings hands them over unconverted (its
    conversion would look at every value for None, a date, a NaN or an error name, and change none).
    """
    if fn is None:
        return functools.partial(excel_function, plain_rows=plain_rows)
    signature = inspect.signature(fn)
    names = list(signature.parameters)

    if OFFICE_JS:
        shapes = [ARG_OPTIONS.get(name, {}).get("ndim") for name in names]

        @functools.wraps(fn)
        def call(*args: Any) -> Any:
            try:
                return fn(*map(cells.from_officejs, args, shapes))
            except Exception as exc:
                return _error(_message(exc))
    else:
        @functools.wraps(fn)
        def call(*args: Any) -> Any:
            try:
                return fn(*args)
            except Exception as exc:
                return _error(_message(exc))

    # xlwings reads parameter annotations as converters; the values are read by `cells` instead.
    call.__annotations__ = {}
    # xlwings asks for the signature on every call: given, it is not worked out again through __wrapped__.
    call.__signature__ = signature  # type: ignore[attr-defined]
    for name in names:
        call = arg(name, doc=ARG_DOCS[name], **(RAW if OFFICE_JS else ARG_OPTIONS.get(name, {})))(call)
    if OFFICE_JS and plain_rows:
        call = ret(**RAW)(call)
    return func(call)


def _error(message: str) -> str:
    if OFFICE_JS:
        raise xlwings.XlwingsError(message)
    return message


# --- reading the common arguments ---------------------------------------------------------

def _money(value: Decimal) -> float:
    return float(value)


def _total(q: Quote) -> float:
    """The quote's total, or an error when a rate is unpublished: a short total would pass for a right one."""
    if not q.complete:
        missing = next((w.message for w in q.warnings if w.code == "unpublished_rate"), "a rate is not published")
        raise InputError(f"cannot price in full: {missing} DETAIL_QUOTE_LINES shows the rest")
    return float(q.total)


# --- quotes ---------------------------------------------------------------------------------

@excel_function
def DETAIL_QUOTE(agency, start, end, officers, job_type=None, requested=None, vehicles=None, priority=None,  # noqa: N802
                 customer=None, facts=None):
    """What a police detail costs: the total of the agency's published rates, minimums, supervisors, vehicles and fees."""
    a = _agency(agency)
    return _total(quote(a, _request(a, start, end, officers, job_type, requested, vehicles, priority, customer, facts)))


@excel_function
def DETAIL_QUOTE_LINES(agency, start, end, officers, job_type=None, requested=None, vehicles=None,  # noqa: N802
                       priority=None, customer=None, facts=None):
    """The quote as a table that spills: one row per role and rate, the fees, the total, then warnings and notes."""
    from .report import LINE_HEADER, line_rows

    a = _agency(agency)
    q = quote(a, _request(a, start, end, officers, job_type, requested, vehicles, priority, customer, facts))
    width = len(LINE_HEADER)
    rows: list[list[Any]] = [list(LINE_HEADER)]
    for _, label, tier, positions, hours, rate, amount in line_rows(q):
        rows.append([label, tier, positions, float(hours), _money(rate), _money(amount)])
    rows.append(["Total" if q.complete else "Total (incomplete)", *[""] * (width - 2), _money(q.total)])
    rows += [["Warning", w.message, *[""] * (width - 2)] for w in q.warnings]
    rows += [["Note", text, *[""] * (width - 2)] for text in q.notes]
    return rows


@excel_function(plain_rows=True)
def DETAIL_QUOTES(table):  # noqa: N802
    """Many quotes in one call: one total per row of the table, or that row's error as text."""
    rows = cells.table(table, "table")
    columns, header = _columns(rows[0])
    library = default_library()
    # Where each of QUOTE_COLUMNS is in a row, or None when the table leaves it out; a table
    # already in that order is taken row by row as it is.
    at = [columns.index(c) if c in columns else None for c in QUOTE_COLUMNS]
    in_order = columns == QUOTE_COLUMNS[: len(columns)]
    padding = [None] * (len(QUOTE_COLUMNS) - len(columns))
    named: dict[str, Any] = {}  # the agency each text in the agency column names, looked up once
    out: list[list[Any]] = [["total"]] if header else []
    for row in rows[1:] if header else rows:
        if in_order and len(row) == len(columns):
            agency, *options = row + padding
        else:
            agency, *options = [row[i] if i is not None and i < len(row) else None for i in at]
        try:
            a = named.get(agency) if type(agency) is str else None
            if a is None:
                a = _agency(agency, library)
                if type(agency) is str:
                    named[agency] = a
            out.append([_total(quote(a, _request(a, *options)))])
        except Exception as exc:  # each row answers for itself; the others still price, and a blank row is blank
            out.append([""] if all(cells.blank(v) for v in row) else [_message(exc)])
    return out


@excel_function
def DETAIL_AUDIT(agency, lines):  # noqa: N802
    """An agency's invoice checked against its rules: for each row, what the rules allow, the difference and why."""
    from .audit import audit, row_answers
    from .invoice import rows as invoice_rows

    a = _agency(agency)
    table = list(enumerate(cells.table(lines, "lines"), 1))
    found, _ = invoice_rows(table)
    answers = row_answers(audit(a, found), range(2, len(table) + 1))
    out: list[list[Any]] = [["allowed", "difference", "reason"]]
    for n, _row in table[1:]:
        allowed, difference, reason = answers.get(n, (None, None, ""))
        out.append(["" if allowed is None else _money(allowed), "" if difference is None else _money(difference), reason])
    return out


@excel_function
def DETAIL_CANCEL_FEE(agency, start, end, officers, cancelled, job_type=None, requested=None, worked=None,  # noqa: N802
                      vehicles=None, priority=None, reason=None, customer=None, facts=None):
    """What cancelling a detail costs under the agency's cancellation windows (the high end of a published range)."""
    from .cancellation import cancellation_charge

    a = _agency(agency)
    request = _request(a, start, end, officers, job_type, requested, vehicles, priority, customer, facts)
    at = cells.when(cancelled, "cancelled", required="a date and time")
    charge = cancellation_charge(a, request, at, hours_worked=cells.amount(worked, "worked"),
                                 reason=cells.name(reason, "reason"))
    if not charge.complete:
        raise InputError(f"cannot work out the charge: {(charge.warnings or charge.notes or ('no policy',))[0]}")
    return _money(charge.charge)


# --- rules ----------------------------------------------------------------------------------

@excel_function
def DETAIL_RATE(agency, role, tier=None, job_type=None, on_date=None):  # noqa: N802
    """The agency's published hourly rate for a role, rate tier and job type."""
    a = _agency(agency)
    day = cells.day(on_date, "on_date")
    a.in_force(day)
    a = a.schedule_at(day) if day else a
    r = a.role(cells.name(cells.required(role, "role", "a role such as officer"), "role"))
    t = a.tier(cells.name(tier, "tier")) if not cells.blank(tier) else a.spec.base_tier
    job = a.job_type(cells.name(job_type, "job type"))
    row = a.rate(r, job, t)
    flat = a.job(job).flat_price
    if flat is not None:
        raise InputError(f"{a.job(job).label.lower()} jobs have a flat price of {flat:.2f} per position per shift, not an hourly rate")
    if row is None:
        raise InputError(f"no {a.tier_label(t).lower()} rate is published for {a.role_label(r)} on {a.job(job).label.lower()} jobs")
    return _money(row.rate)


@excel_function
def DETAIL_MIN_HOURS(agency, job_type=None):  # noqa: N802
    """The fewest hours billed per position per shift (0 where the agency sets no minimum)."""
    a = _agency(agency)
    hours = a.minimum_hours(a.job_type(cells.name(job_type, "job type")))
    return float(hours or 0)


@excel_function
def DETAIL_STAFFING(agency, officers):  # noqa: N802
    """Who works a detail of this many officers: each role and its count, supervisors first, as a table that spills."""
    a = _agency(agency)
    n = cells.count(officers, "officers", low=1, required="a whole number ≥ 1")
    if n > MAX_OFFICERS:
        raise InputError(f"officers must be at most {MAX_OFFICERS:,}, not {n}")
    team = a.crew(n)
    return [[a.role_label(role), count] for role, count in team.positions]


@excel_function
def DETAIL_TIER(agency, start, requested=None):  # noqa: N802
    """The rate tier that applies to officers' work at a given time, such as Holiday or Emergency."""
    a = _agency(agency)
    at = cells.when(start, "start", required="a date and time")
    return a.tier_label(tier_at(a, at, cells.when(requested, "requested")))


@excel_function
def DETAIL_IS_HOLIDAY(agency, date):  # noqa: N802
    """TRUE when the date is on the agency's holiday list."""
    a = _agency(agency)
    return a.is_holiday(clock.known_year(cells.day(cells.required(date, "date", "a date"), "date")))


@excel_function
def DETAIL_HOLIDAYS(agency, year):  # noqa: N802
    """The agency's holidays in a year as a table that spills: each date and its name."""
    a = _agency(agency)
    y = cells.count(year, "year", low=1, required="a year such as 2027")
    if not FIRST_YEAR <= y <= LAST_YEAR:
        raise InputError(f"year must be from {FIRST_YEAR} to {LAST_YEAR}, not {y}")
    days = a.holidays(y)
    if not days:
        return [[f"{a.spec.short_name} has no holidays in {y}", ""]]
    return [[day, name] for day, name in days.items()]


@excel_function
def DETAIL_PAYMENT_FEE(agency, amount, method, job_type=None, customer=None, facts=None):  # noqa: N802
    """The fee for paying an invoice by card, ACH or check (for the job's type, customer and facts, where the terms depend on them)."""
    from .payment import method_fee

    a = _agency(agency)
    total = cells.amount(cells.required(amount, "amount", "the invoice amount"), "amount")
    how = cells.required(method, "method", "card, ach or check")
    fee = method_fee(a, total, how, *_job(job_type, customer, facts))
    if fee is None:
        raise InputError(f"{a.spec.short_name} publishes no fee for paying by {how.strip().lower()}")
    return _money(fee)


@excel_function
def DETAIL_LATE_CHARGE(agency, amount, invoice_date, as_of, job_type=None, customer=None, facts=None):  # noqa: N802
    """Late interest and any late fee owed on an unpaid invoice on a given day, by the agency's payment terms for the job."""
    from .payment import payment_terms

    a = _agency(agency)
    total = cells.amount(cells.required(amount, "amount", "the invoice amount"), "amount")
    issued = cells.day(cells.required(invoice_date, "invoice_date", "a date"), "invoice_date")
    seen = cells.day(cells.required(as_of, "as_of", "a date, such as the payment date"), "as_of")
    terms = payment_terms(a, total, issued, seen, "check", None, *_job(job_type, customer, facts))
    if terms.late_interest is None and terms.late_fee is None:
        raise InputError(f"{a.spec.short_name} publishes no late interest or late fee")
    return _money((terms.late_interest or 0) + (terms.late_fee or 0))


# --- the library ------------------------------------------------------------------------------

@excel_function
def DETAIL_AGENCIES():  # noqa: N802
    """The agencies DetailQuote knows, as a table that spills: name to use, and full name (or why its file does not load)."""
    good, bad = default_library().listing()
    rows = [[a.key, a.name] for a in good]
    for exc in bad:
        first, more = exc.problems[0], len(exc.problems) - 1
        where = f"{first.field}: " if first.field else ""
        rows.append([Path(first.file).stem, f"does not load: {where}{first.reason}" + (f" (and {more} more)" if more else "")])
    return rows


@excel_function
def DETAIL_VERSION():  # noqa: N802
    """The DetailQuote version answering these functions."""
    return f"detailquote {__version__}"
