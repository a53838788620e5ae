"""DetailQuote: price police off-duty details from each agency's published rules.

The public Python API (README: "In Python"):

    quote(agency, request)                     what a job costs: a Quote of lines, total, warnings, notes
    cancel(agency, request, cancelled_at, ...) what cancelling or shortening it costs: a Charge
    payment_terms(agency, amount, invoice_date, ...)
    batch(jobs, library=None)                  a DataFrame or dicts of jobs priced row by row: one result a job
    budget(events, start, end, rate_changes)   a season of recurring events priced into totals by month, agency, event
    audit_invoice(agency, invoice)             an agency's invoice (a file, frame or rows) checked against its rules
    explain(agency)                            the agency's rules in plain words, each with its page line
    Request, Shift                             a job: its shifts and options
    library(folders=())                        the agencies by name: your folders', then the bundled ones
    load_agency(path)                          one agency file and its later schedules beside it

Names are loaded on first use, so that importing the package (as every Excel session does) stays quick.
"""

from __future__ import annotations

from importlib import import_module

# The one place the version is written: pyproject.toml reads it from here. A literal, not
# importlib.metadata, which would add some 30 ms to every Excel session's first answer.
__version__ = "0.1.0"

_API = {
    "quote": ("engine", "quote"),
    "batch": ("job_tables", "batch"),
    "budget": ("season", "budget"),
    "audit_invoice": ("audit_files", "audit_invoice"),
    "cancel": ("cancellation", "cancellation_charge"),
    "payment_terms": ("payment", "payment_terms"),
    "explain": ("explain", "explain"),
    "Request": ("quotes", "Request"),
    "Shift": ("quotes", "Shift"),
    "Quote": ("quotes", "Quote"),
    "Charge": ("cancellation", "Charge"),
    "Agency": ("agency", "Agency"),
    "library": ("loader", "default_library"),
    "load_agency": ("loader", "load_agency"),
    "InputError": ("errors", "InputError"),
    "AgencyFileError": ("errors", "AgencyFileError"),
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'detailquote' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
