"""The `detailquote` command: quotes, agency checks and the agency file schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import __version__
from .agency import Agency
from .engine import Request, Shift, end_after, quote
from .errors import AgencyFileError, DetailQuoteError, InputError, excerpt, printable, shown
from .loader import Library, default_library, load_file
from .cancellation import cancellation_charge
from .payment import payment_terms
from .report import charge_data, charge_text, payment_data, payment_text, quote_data, quote_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except AgencyFileError as exc:
        print(f"detailquote: error: agency file does not load:\n{exc}", file=sys.stderr)
        return 1
    except DetailQuoteError as exc:
        print(f"detailquote: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: one line, unless debugging
        if os.environ.get("DETAILQUOTE_DEBUG"):
            raise
        print(f"detailquote: internal error: {type(exc).__name__}: {printable(excerpt(str(exc), 200))}", file=sys.stderr)
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="detailquote", description=__doc__)
    parser.add_argument("--version", action="version", version=f"detailquote {__version__}")
    parser.add_argument(
        "--agencies", metavar="DIR", action="append", default=[],
        help="a folder of your own agency files; they win over the bundled ones (also $DETAILQUOTE_AGENCIES)",
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    q = sub.add_parser("quote", help="price a job", description="Price a job. Repeat --start/--end (or --hours) for several shifts.")
    _job_options(q)
    q.add_argument("--json", action="store_true", help="print one JSON object")
    q.set_defaults(run=_quote)

    c = sub.add_parser("cancel", help="what cancelling or shortening a job costs")
    _job_options(c)
    c.add_argument("--cancelled", required=True, metavar="ISO", help="when the cancellation (or reduction) is received")
    c.add_argument("--worked", metavar="H", help="hours each position had worked on the shift under way")
    c.add_argument("--reduced-end", metavar="ISO", help="the new end of a shift that is shortened rather than cancelled")
    c.add_argument("--reason", metavar="NAME", help="why, where the agency gives a reason terms of its own (weather)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(run=_cancel)

    p = sub.add_parser("pay", help="payment terms: due date, fees, late interest")
    p.add_argument("agency")
    p.add_argument("--amount", required=True, metavar="X", help="invoice amount")
    p.add_argument("--invoice-date", required=True, metavar="DATE")
    p.add_argument("--as-of", metavar="DATE", help="the day to look from (default: the invoice date)")
    p.add_argument("--method", default="check", help="card, ach or check (default check)")
    p.add_argument("--legal-max", metavar="PCT", help="a lower legal maximum for monthly interest, in percent")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_pay)

    a = sub.add_parser("agencies", help="list the agencies")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=_agencies)

    c = sub.add_parser("check", help="validate agency files, listing every problem")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.set_defaults(run=_check)

    w = sub.add_parser("workbooks", help="build the quote workbooks and the functions example in workbooks/")
    w.add_argument("names", nargs="*", metavar="AGENCY", help="only these agencies (default: all, and the example)")
    w.add_argument("--out", metavar="DIR", default="workbooks", help="where to write them (default: workbooks)")
    w.add_argument("--pdf", action="store_true",
                   help="also render each Quote sheet, filled with an example job, to PDF and PNG in DIR/examples (LibreOffice)")
    w.set_defaults(run=_workbooks)

    e = sub.add_parser("explain", help="an agency's rules in plain words, each with its page line")
    e.add_argument("agency")
    e.set_defaults(run=_explain)

    n = sub.add_parser("new-agency", help="write a commented starting file for a new agency")
    n.add_argument("name", help="the agency's file name, such as springfield-il")
    n.add_argument("--out", metavar="DIR", default="agencies", help="where to write it (default: agencies)")
    n.set_defaults(run=_new_agency)

    s = sub.add_parser("schema", help="print the JSON Schema of agency files")
    s.set_defaults(run=_schema)
    return parser


def _job_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("agency", help="agency name, such as tucson-az")
    p.add_argument("--start", action="append", required=True, metavar="ISO", help="shift start, agency local time (2026-12-24T18:00)")
    p.add_argument("--end", action="append", default=[], metavar="ISO", help="shift end")
    p.add_argument("--hours", action="append", default=[], metavar="H", help="shift length, instead of --end")
    p.add_argument("--officers", action="append", required=True, metavar="N", help="officers requested (one value, or one per shift)")
    p.add_argument("--vehicles", action="append", default=[], metavar="N", help="vehicles (one value, or one per shift)")
    p.add_argument("--job-type", metavar="T", help="the agency's job type, such as construction")
    p.add_argument("--requested", metavar="ISO", help="when the request is made (for short-notice rates)")
    p.add_argument("--priority", metavar="P", help="a priority rate the customer chooses (Casa Grande)")
    p.add_argument("--customer", metavar="CLASS", help="the customer's class, where the agency's fees depend on it (charity)")
    p.add_argument("--supervisors", metavar="N", help="set the number of supervisors instead of the agency's rule")
    p.add_argument("--venue", metavar="TEXT", help="the venue, checked against prohibited venues")


def _library(args: argparse.Namespace) -> Library:
    return default_library(args.agencies)


def request_from(args: argparse.Namespace, agency: Agency) -> Request:
    """A Request from the job options, refusing bad values with a clear message."""
    starts = [parse_time(v, "start") for v in args.start]
    if bool(args.end) == bool(args.hours):
        raise InputError("give either --end or --hours for each --start")
    given = args.end or args.hours
    if len(given) != len(starts):
        flag = "--end" if args.end else "--hours"
        raise InputError(f"{len(starts)} --start but {len(given)} {flag}: give one for each shift")
    if args.end:
        ends = [parse_time(v, "end") for v in args.end]
    else:
        ends = [end_after(s, parse_number(h, "hours", positive=True), agency.zone) for s, h in zip(starts, args.hours)]
    officers = _per_shift([parse_count(v, "officers") for v in args.officers], len(starts), "officers")
    vehicles = _per_shift([parse_count(v, "vehicles") for v in args.vehicles] or [0], len(starts), "vehicles")
    shifts = tuple(Shift(s, e, o, v) for s, e, o, v in zip(starts, ends, officers, vehicles))
    return Request(
        shifts,
        job_type=args.job_type,
        requested_at=parse_time(args.requested, "requested") if args.requested else None,
        priority=args.priority,
        supervisors=parse_count(args.supervisors, "supervisors") if args.supervisors is not None else None,
        venue=args.venue,
        customer=args.customer,
    )


def _per_shift(values: list[int], shifts: int, name: str) -> list[int]:
    if len(values) == 1:
        return values * shifts
    if len(values) != shifts:
        raise InputError(f"give one --{name} for all shifts or one per shift ({shifts}), not {len(values)}")
    return values


def parse_time(text: str, name: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{name} {shown(text)} is not a date and time; expected ISO form such as 2026-12-24T18:00") from None
    return value


def parse_date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{name} {shown(text)} is not a date; expected ISO form such as 2026-12-01") from None


def parse_number(text: str, name: str, positive: bool = False) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(f"{name} {shown(text)} is not a number") from None
    if not value.is_finite() or (positive and value <= 0):
        raise InputError(f"{name} must be a number above 0, not {shown(text)}")
    return value


def parse_count(text: str, name: str) -> int:
    try:
        value = Decimal(text.strip())
        if not value.is_finite() or value != value.to_integral_value() or not 0 <= value <= 10**9:
            raise InvalidOperation  # int() of 1e999999999 would take minutes: refused before it is made
    except InvalidOperation:
        raise InputError(f"{name} must be a whole number, not {shown(text)}") from None
    return int(value)


def _emit(args: argparse.Namespace, as_data, as_text, result) -> int:
    """Print `result` as one JSON object with --json, else as text for a person."""
    print(json.dumps(as_data(result), indent=2) if args.json else as_text(result))
    return 0


def _quote(args: argparse.Namespace) -> int:
    agency = _library(args).get(args.agency)
    result = quote(agency, request_from(args, agency))
    return _emit(args, quote_data, quote_text, result)


def _cancel(args: argparse.Namespace) -> int:
    agency = _library(args).get(args.agency)
    charge = cancellation_charge(
        agency,
        request_from(args, agency),
        parse_time(args.cancelled, "cancelled"),
        hours_worked=parse_number(args.worked, "worked") if args.worked is not None else None,
        reduced_end=parse_time(args.reduced_end, "reduced end") if args.reduced_end else None,
        reason=args.reason,
    )
    return _emit(args, charge_data, charge_text, charge)


def _pay(args: argparse.Namespace) -> int:
    agency = _library(args).get(args.agency)
    terms = payment_terms(
        agency,
        parse_number(args.amount, "amount", positive=True),
        parse_date(args.invoice_date, "invoice date"),
        parse_date(args.as_of, "as-of date") if args.as_of else None,
        args.method,
        parse_number(args.legal_max, "legal maximum") if args.legal_max is not None else None,
    )
    return _emit(args, payment_data, payment_text, terms)


def _agencies(args: argparse.Namespace) -> int:
    good, bad = _library(args).load_all()
    if args.json:
        data = [{"agency": a.key, "name": a.name, "time_zone": a.spec.time_zone, "file": str(a.source)} for a in good]
        print(json.dumps({"agencies": data, "broken": [str(e) for e in bad]}, indent=2))
    else:
        width = max((len(a.key) for a in good), default=0)
        for a in good:
            print(f"{a.key:<{width}}  {a.name}")
        for e in bad:
            print(f"broken: {e}", file=sys.stderr)
    return 1 if bad else 0


def _check(args: argparse.Namespace) -> int:
    failed = 0
    for name in args.files:
        try:
            agency = load_file(Path(name))
        except AgencyFileError as exc:
            failed += 1
            print(f"FAIL {printable(name)}: {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}")
            for p in exc.problems:
                print(f"  {p}")
        else:
            print(f"ok   {printable(name)} ({agency.name})")
    return 1 if failed else 0


def _workbooks(args: argparse.Namespace) -> int:
    from . import analyst, workbook

    library = _library(args)
    for name in args.names or library.names():
        print(workbook.build(library.get(name), Path(args.out)))
    if not args.names:
        print(analyst.build(Path(args.out)))
    if args.pdf:
        agencies = [library.get(name) for name in args.names or library.names()]
        (Path(args.out) / "examples").mkdir(exist_ok=True)
        for path in workbook.render(agencies, Path(args.out) / "examples"):
            print(path)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain

    print(explain(_library(args).get(args.agency)), end="")
    return 0


def _new_agency(args: argparse.Namespace) -> int:
    from .template import new_agency

    print(new_agency(args.name, Path(args.out)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import agency_schema

    print(json.dumps(agency_schema(), indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
