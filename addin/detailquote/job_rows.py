"""A job given as a row of cells: the DETAIL_QUOTES columns, a header row read loosely, and the Request a row makes.

`DETAIL_QUOTES` (a range in Excel) and `detailquote batch` (a file of jobs) read
their rows here, so that both take the same column names and give the same
messages. Values are read by `cells`, which takes Excel's forms and text alike.
"""

from __future__ import annotations

from . import cells
from .agency import Agency
from .cells import Cell
from .errors import InputError, did_you_mean, shown
from .loader import Library, default_library
from .quotes import Request, Shift

QUOTE_COLUMNS = ("agency", "start", "end", "officers", "job_type", "requested", "vehicles", "priority", "customer", "facts")


def agency(value: Cell, library: Library | None = None) -> Agency:
    """The agency a cell names, from `library` (default: the bundled agencies and $DETAILQUOTE_AGENCIES)."""
    library = library or default_library()
    return library.get(cells.required(value, "agency", "an agency name such as tucson-az"))


def shift(start: Cell, end: Cell, officers: Cell, vehicles: Cell = None) -> Shift:
    """One shift from its cells: start and end required, at least one officer, vehicles optional."""
    begin = cells.when(start, "start", required="a date and time")
    finish = cells.when(end, "end", required="a date and time")
    n = cells.count(officers, "officers", low=1, required="a whole number ≥ 1")
    return Shift(begin, finish, n, cells.count(vehicles, "vehicles") or 0)


def request(agency: Agency, start: Cell, end: Cell, officers: Cell, job_type: Cell = None,
            requested: Cell = None, vehicles: Cell = None, priority: Cell = None, customer: Cell = None,
            facts: Cell = None) -> Request:
    """A one-shift Request from a row's cells in QUOTE_COLUMNS order (after the agency)."""
    first = shift(start, end, officers, vehicles)
    job_type, customer, facts = job(job_type, customer, facts)
    # Positional, in Request's order (shifts, job_type, requested_at, priority, supervisors, venue, customer,
    # facts): the cheaper call, once per row.
    return Request((first,), job_type, cells.when(requested, "requested"), cells.name(priority, "priority"), None, None,
                   customer, facts)


def job(job_type: Cell = None, customer: Cell = None, facts: Cell = None) -> tuple[str | None, str | None, str | None]:
    """What the conditions on a job test, from its cells: its type, customer class and facts, as names."""
    return cells.name(job_type, "job type"), cells.name(customer, "customer class"), cells.name(facts, "facts")


def header_name(value: Cell) -> str | None:
    """A header cell as a column name: trimmed, lower case, spaces as underscores; None for a cell that is not text."""
    return value.strip().lower().replace(" ", "_") if isinstance(value, str) else None


def columns(first: list[Cell], known: tuple[str, ...] = QUOTE_COLUMNS,
            named: bool = False) -> tuple[tuple[str, ...], bool]:
    """The column names: from a header row when the first row is one (always, when `named`), else the standard order.

    A header row names its columns from `known` in any order ("Job Type" is job_type); a name it does not
    know is refused, with the nearest known one.
    """
    names = [header_name(v) for v in first]
    if named or names and names[0] == "agency" or "start" in names:
        unknown = [(first[i], n) for i, n in enumerate(names) if n is not None and n not in known]
        if unknown:
            cell, name = unknown[0]
            hint = did_you_mean(name[:60], known)
            raise InputError(f"unknown column {shown(cell)} in the header row"
                             + (hint if hint else f" (expected: {', '.join(known)})"))
        taken = [n for n in names if n]
        if len(set(taken)) != len(taken):
            raise InputError("the header row names a column twice")
        return tuple(n or "" for n in names), True
    if len(first) > len(QUOTE_COLUMNS):
        raise InputError(f"the table has {len(first)} columns; at most {len(QUOTE_COLUMNS)}: {', '.join(QUOTE_COLUMNS)}")
    return QUOTE_COLUMNS[: len(first)], False
