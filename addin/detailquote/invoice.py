"""An agency's invoice as rows: the columns an audit reads, their many names, and each row's values read and checked.

Invoices come from many systems, so a column is found by any of the names
below (in any case, spaces or underscores alike); a column no name matches is
left alone (an invoice carries locations, purchase orders and notes), unless it
is close to one of them, which is taken for a typo and refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple

from . import cells
from .cells import Cell
from .errors import InputError, shown
from .job_rows import header_name

# Each column's name, then the other names it goes by on agencies' invoices.
COLUMNS: dict[str, tuple[str, ...]] = {
    "job": ("job_id", "detail", "detail_id", "detail_no", "detail_number", "job_no", "job_number", "work_order",
            "assignment", "event"),
    "date": ("shift_date", "work_date", "day", "date_of_service", "service_date", "detail_date"),
    "start": ("start_time", "time_in", "from", "begin", "shift_start"),
    "end": ("end_time", "time_out", "to", "finish", "shift_end"),
    "role": ("rank", "title", "position", "item", "description", "charge"),
    "officer": ("officer_name", "name", "badge", "employee", "employee_id"),
    "positions": ("officers", "count", "qty_officers", "number"),
    "hours": ("hours_billed", "billed_hours", "hours_worked", "hrs", "quantity", "qty"),
    "rate": ("rate_billed", "hourly_rate", "pay_rate", "unit_price", "bill_rate", "vendor_rate", "total_hourly_rate"),
    "amount": ("amount_billed", "line_total", "extended", "extension", "total", "charge_amount"),
    "vehicles": ("cars", "vehicle_count"),
    "vehicle_amount": ("vehicle_charge", "vehicle_fee", "car_charge"),
    "fees": ("fee", "admin_fee", "administrative_fee", "fee_amount"),
    "tier": ("rate_tier", "rate_type", "pay_type"),
    "job_type": ("type", "detail_type"),
    "requested": ("requested_at", "ordered", "order_date"),
    "priority": (),
    "customer": ("customer_class",),
    "facts": (),
}
NAMES = {alias: column for column, aliases in COLUMNS.items() for alias in (column, *aliases)}
JOB_OPTIONS = ("job_type", "requested", "priority", "customer", "facts")
DAY_START = dt.time(8)  # the start assumed for a row that gives a date and hours but no time


class InvoiceRow(NamedTuple):
    """One invoice row as billed. `start`/`end` are None where the row gives no times (a fee); `assumed` says what
    the audit had to take for granted to read it."""

    row: int
    job: str | None
    day: dt.date | None
    start: dt.datetime | None
    end: dt.datetime | None
    role: str | None
    officer: str | None
    positions: int
    hours: Decimal | None
    rate: Decimal | None
    amount: Decimal | None
    vehicles: int | None
    vehicle_amount: Decimal | None
    fees: Decimal | None
    tier: str | None
    options: tuple[Cell, ...]  # JOB_OPTIONS, as given
    assumed: str = ""
    problem: str | None = None

    @property
    def billed(self) -> Decimal:
        """Everything the row charges: its amount, its vehicles and its fees."""
        return sum((v for v in (self.amount, self.vehicle_amount, self.fees) if v is not None), Decimal("0.00"))


def header(first: list[Cell]) -> tuple[list[str | None], list[str]]:
    """Each header cell's column (None: not one the audit reads), and the names left unread, for the report's notes.

    A name close to a column's (a typo) is refused with "did you mean"; a column named twice is refused.
    """
    names, ignored, seen = [], [], {}
    for cell in first:
        name = header_name(cell) if isinstance(cell, str) else None
        key = _plain(name) if name else None
        column = NAMES.get(key) if key else None
        if column is None and key:
            close = difflib.get_close_matches(key, list(NAMES), n=1, cutoff=0.85)
            if close and close[0] != key:
                raise InputError(f"unknown column {shown(cell)} in the invoice's header row — did you mean {close[0]}?")
            ignored.append(str(cell).strip())
        if column is not None and column in seen:
            raise InputError(f"the invoice's header row names the {column} column twice ({shown(seen[column])} and {shown(cell)})")
        if column is not None:
            seen[column] = cell
        names.append(column)
    if not {"amount", "rate", "hours"} & set(seen):
        raise InputError("the invoice's header row names no amount, rate or hours column: "
                         "an audit needs what each line billed")
    if not {"start", "date"} & set(seen):
        raise InputError("the invoice's header row names no date or start column: an audit needs when each shift was")
    return names, ignored


def _plain(name: str) -> str:
    """A header name as a column key: 'Detail #' is detail_no, 'Amount ($)' is amount, 'Hrs.' is hrs."""
    name = name.replace("#", "no").replace("-", "_").replace("/", "_")
    name = "".join(c for c in name if c.isalnum() or c == "_")
    return "_".join(part for part in name.split("_") if part)


def rows(table: Iterable[tuple[int, list[Cell]]]) -> tuple[list[InvoiceRow], list[str]]:
    """The invoice's rows (a header row first, then one charge a row; blank rows left out) and its unread columns."""
    table = iter(table)
    first = next(table, None)
    if first is None:
        raise InputError("the invoice is empty: expected a header row and then one billed line a row")
    names, ignored = header(list(first[1]))
    out = []
    for number, values in table:
        if all(cells.blank(v) for v in values):
            continue
        given = {name: values[i] for i, name in enumerate(names) if name is not None and i < len(values)}
        try:
            out.append(read(number, given))
        except InputError as exc:
            out.append(_unread(number, given, str(exc)))
    return out, ignored


def read(number: int, given: dict[str, Cell]) -> InvoiceRow:
    """One row's values, each read and checked; an InputError says what is wrong with it."""
    get = given.get
    hours = _money(get("hours"), "hours")
    day, start, end, assumed = times(get("date"), get("start"), get("end"), hours)
    positions = cells.count(get("positions"), "positions", low=1)
    return InvoiceRow(
        number, _text(get("job")), day, start, end, _text(get("role")), _text(get("officer")),
        1 if positions is None else positions, hours, _money(get("rate"), "rate"), _money(get("amount"), "amount"),
        cells.count(get("vehicles"), "vehicles"), _money(get("vehicle_amount"), "vehicle amount"),
        _money(get("fees"), "fees"), _text(get("tier")), tuple(get(name) for name in JOB_OPTIONS), assumed,
    )


def _unread(number: int, given: dict[str, Cell], problem: str) -> InvoiceRow:
    """A row that cannot be read: kept, with what it bills where that much can be read, and why."""
    def quietly(name: str) -> Decimal | None:
        try:
            return _money(given.get(name), name)
        except InputError:
            return None
    return InvoiceRow(number, _text(given.get("job")), None, None, None, _text(given.get("role")), None, 1, None, None,
                      quietly("amount"), None, quietly("vehicle_amount"), quietly("fees"), None, (), "", problem)


def times(date: Cell, start: Cell, end: Cell, hours: Decimal | None
          ) -> tuple[dt.date | None, dt.datetime | None, dt.datetime | None, str]:
    """A row's date, start and end: full dates and times, or clock times on `date` (an end at or before the start is
    the next day), or a date and hours from DAY_START; and what was assumed. No start and end for a row that gives
    a date alone (a fee), nor for one with no date at all."""
    day = None if cells.blank(date) else cells.day(date, "date")
    if cells.blank(start):
        if day is None or hours is None or not cells.blank(end):
            return day, None, None, ""
        begin = dt.datetime.combine(day, DAY_START)
        return day, begin, begin + dt.timedelta(seconds=int(hours * 3600)), \
            f"no start time given: assumed {DAY_START:%H:%M} to {hours.normalize():f} h later"
    begin = _moment(start, day, "start")
    if cells.blank(end):
        if hours is None:
            raise InputError("the row gives a start but no end: give end, or hours")
        return begin.date(), begin, begin + dt.timedelta(seconds=int(hours * 3600)), \
            "no end time given: the hours billed were taken as worked"
    finish = _moment(end, begin.date(), "end")
    if finish <= begin and _clock_only(end):
        finish += dt.timedelta(days=1)
    if finish <= begin:
        raise InputError(f"end {shown(end)} is not after start {shown(start)}")
    return begin.date(), begin, finish, ""


def _moment(value: Cell, day: dt.date | None, what: str) -> dt.datetime:
    """A date and time, or a clock time on `day`."""
    if _clock_only(value):
        if day is None:
            raise InputError(f"{what} {shown(value)} is a time of day: give the row's date too")
        return dt.datetime.combine(day, cells.clock_time(value, what))
    return cells.when(value, what)


def _clock_only(value: Cell) -> bool:
    """Whether a cell is a time of day with no date: 18:00, 6:00 PM, a time cell or Excel's fraction of a day."""
    if isinstance(value, dt.time):
        return True
    if isinstance(value, dt.datetime):  # a time cell read as a date: Excel's day 0 (1899-12-30 or 1900-01-00)
        return value.date() <= dt.date(1900, 1, 1) and value.date() >= dt.date(1899, 12, 30)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 0 <= value < 1
    if isinstance(value, str):
        text = value.strip()
        return bool(text) and len(text) <= 11 and cells.typed_moment(f"2000-01-01 {text}") is not None
    return False


def _money(value: Cell, what: str) -> Decimal | None:
    """An amount as billed: a number, or text with a currency sign and thousands separators ($2,816.00)."""
    if isinstance(value, str):
        text = value.strip().replace("$", "").replace("€", "").replace("£", "").strip()
        negative = text.startswith("(") and text.endswith(")")  # accountants' (12.50)
        value = ("-" + text[1:-1]) if negative else text
    return cells.amount(value, what)


def _text(value: Cell) -> str | None:
    if cells.blank(value):
        return None
    text = str(value).strip()
    return text[:-2] if isinstance(value, float) and text.endswith(".0") else text


def by_job(invoice: list[InvoiceRow]) -> Iterator[tuple[str | None, list[InvoiceRow]]]:
    """The rows of each job, in the order jobs first appear: rows with the same job id, wherever they are.

    Without a job id, a row is billed with the other rows of its shift (same start and end), as most agencies bill;
    a row with a date but no times (a fee) goes with the first shift of that date, and one with neither stands alone.
    """
    groups: dict[object, list[InvoiceRow]] = {}
    first_of_day: dict[dt.date, object] = {}
    for r in invoice:
        if r.job is not None:
            key: object = ("job", r.job)
        elif r.start is not None:
            key = ("shift", r.start, r.end)
            first_of_day.setdefault(r.day, key)
        else:
            key = ("row", r.row)
        groups.setdefault(key, []).append(r)
    for key in [k for k in groups if k[0] == "row"]:  # a dated fee row joins its day's shift
        r = groups[key][0]
        if r.day in first_of_day and r.day is not None:
            groups[first_of_day[r.day]].append(groups.pop(key)[0])
    for key, members in groups.items():
        yield (key[1] if key[0] == "job" else None), members
