"""The `detailquote` command: quotes, agency checks and the agency file schema."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import __version__
from .cells import typed_moment
from .errors import AgencyFileError, DetailQuoteError, InputError, did_you_mean, excerpt, printable, shown
from .loader import Library, default_library, load_file

if TYPE_CHECKING:  # the engine and its reports are imported by the commands that price: listing agencies needs none
    from .agency import Agency
    from .engine import Request


AGENCIES_HELP = ("a folder of your own agency files, which win over the bundled ones; repeat it for several "
                 "(also $DETAILQUOTE_AGENCIES)")
JSON_HELP = "print one JSON object, every number a decimal string, instead of the table"
WHEN = "DATE TIME"  # the metavar of every date and time option
CURRENCY = "$€£"
_CLOCK = re.compile(r"\d{1,2}(:\d{2}){1,2}|\d{1,2}(:\d{2})?\s*[ap]\.?m\.?|[ap]\.?m\.?", re.IGNORECASE)


def run() -> NoReturn:
    """The `detailquote` command: `main`, then exit without the last garbage collection over all it loaded.

    Python's exit walks every object still kept, which for 1,000 agency files is half a second of nothing freed.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    typo = _unknown_option(parser, sys.argv[1:] if argv is None else argv)
    if typo:
        typo[0].error(typo[1])
    args, extra = parser.parse_known_args(argv)
    if extra:  # a time typed apart from its date is the likeliest stray: say how to give both
        hint = " (a date and its time go in one quoted argument: --start '2026-12-24 18:00')" if any(
            _CLOCK.fullmatch(word) for word in extra) else ""
        parser.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    args.agencies += args.agencies_after  # --agencies is taken before or after the command
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


def _unknown_option(parser: argparse.ArgumentParser, argv: Sequence[str]) -> tuple[argparse.ArgumentParser, str] | None:
    """The parser and a message for a command, or the first option of it, that is not known, with the nearest known.

    Left to argparse, a misspelt command is answered with every command, a misspelt required option is reported as
    the required one missing, and any other as a stray word.
    """
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    at = next((i for i, word in enumerate(argv) if word in commands), None)
    if at is None:
        typed = next((word for before, word in zip(["", *argv], argv)
                      if not word.startswith("-") and before != "--agencies"), None)
        if typed is None:
            return None
        hint = did_you_mean(typed, commands) or f" (expected one of: {', '.join(commands)})"
        return parser, f"unknown command {shown(typed)}{hint}"
    command = commands[argv[at]]
    known = [s for action in command._actions for s in action.option_strings if s.startswith("--")]
    for word in argv[at + 1:]:
        if word == "--":
            break
        name = word.split("=", 1)[0]
        if name.startswith("--") and not any(k.startswith(name) for k in known):  # argparse takes a known prefix
            return command, f"unknown option {name}{did_you_mean(name, known)}"
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="detailquote", description=__doc__,
        epilog="Dates and times are the agency's local time, as 2026-12-24T18:00, '2026-12-24 18:00' or "
               "'2026-12-24 6:00 PM'. `detailquote COMMAND --help` tells more about each command.",
    )
    parser.add_argument("--version", action="version", version=f"detailquote {__version__}")
    parser.add_argument("--agencies", metavar="DIR", action="append", default=[], help=AGENCIES_HELP)
    sub = parser.add_subparsers(required=True, metavar="COMMAND", title="commands")

    def command(name: str, summary: str, run, description: str = "") -> argparse.ArgumentParser:
        """A subcommand with its one-line summary, its description, and the global options again."""
        p = sub.add_parser(name, help=summary, description=description or summary[:1].upper() + summary[1:] + ".")
        p.add_argument("--agencies", metavar="DIR", action="append", default=[], dest="agencies_after", help=AGENCIES_HELP)
        p.set_defaults(run=run)
        return p

    _pricing_commands(command)
    _agency_commands(command)
    return parser


def _pricing_commands(command) -> None:
    """quote, cancel and pay: what a job, its cancellation and its invoice cost."""
    q = command("quote", "price a job", _quote,
                "Price a job. Repeat --start with --end (or --hours) for a job of several shifts.")
    _job_options(q)
    q.add_argument("--all-notes", action="store_true",
                   help="show in full the general notes on how the agency's page is read, not only their count")
    q.add_argument("--json", action="store_true", help=JSON_HELP)
    q.add_argument("--xlsx", metavar="FILE", help="also write the agency's quote workbook filled with the job, to send")
    q.add_argument("--pdf", metavar="FILE", help="also write that quote as a PDF (needs LibreOffice)")
    q.add_argument("--customer-name", metavar="TEXT", default="", help="who the quote is for, on the workbook and PDF")

    c = command("cancel", "what cancelling or shortening a job costs", _cancel,
                "What cancelling a job (or, with --reduced-end, shortening a shift) costs under the agency's "
                "cancellation terms. The job is given as for `quote`.")
    _job_options(c)
    c.add_argument("--cancelled", required=True, metavar=WHEN, help="when the cancellation (or the shortening) is received")
    c.add_argument("--worked", metavar="H", help="hours each position had worked on the shift under way")
    c.add_argument("--reduced-end", metavar=WHEN, help="the new end of a shift that is shortened rather than cancelled")
    c.add_argument("--reason", metavar="NAME", help="why, where the agency gives a reason terms of its own (weather)")
    c.add_argument("--json", action="store_true", help=JSON_HELP)

    b = command("batch", "price a file of jobs, one a row, into a file of totals", _batch,
                "Price every job of a .csv or .xlsx file. Its first row names the columns, in any order: agency, "
                "start, end, officers (required), job_type, requested, vehicles, priority, customer, facts, as for "
                "DETAIL_QUOTES, and job_id: consecutive rows with the same job_id are the shifts of one job (the "
                "rows of a job must be consecutive; an id used again after other rows is an error on that row). "
                "Writes one row per job: row, job_id, agency, total, complete, tiers, warnings, error.")
    b.epilog = ("exit status: 0 when every job is priced (an incomplete quote counts as priced: its complete "
                "column says false); 3 when some jobs could not be priced (each says why in its error column, "
                "and the others are priced); 2 for bad input, such as a missing file or an unknown column")
    b.add_argument("file", metavar="JOBS", help="the jobs: a .csv (UTF-8) or .xlsx file, one job (or shift) a row")
    b.add_argument("--out", metavar="RESULTS", help="write the results to a .csv, .xlsx or .json file (default: CSV on stdout)")
    b.add_argument("--jobs", metavar="N", type=_processes, default=os.cpu_count() or 1,
                   help="processes pricing at once (default: one per core; 1: this process alone)")

    g = command("budget", "price a season of events, each recurring on dates or by a rule, into a budget", _budget,
                "Price every date of every event of a .csv or .xlsx file as a job of its own, by the agency's schedule "
                "in force that day, and total them by month, agency and event. Its first row names the columns, in "
                "any order: event, agency, start, end (local clock times; an end at or before the start is the next "
                "day), officers (required), job_type, vehicles, priority, customer, facts, requested (as for batch), "
                "and when the event happens: dates (2027-06-05; 2027-06-12) or rrule, an iCalendar RRULE such as "
                "FREQ=WEEKLY;BYDAY=SA;BYMONTH=6 with its first date in a first (or dtstart) column, or "
                "'DTSTART:20270605\\nRRULE:FREQ=...'; its end is UNTIL or COUNT, an until or count column, or --to.")
    g.epilog = ("exit status: 0 when every job is priced; 3 when some could not be (each says why in its error "
                "column, and the totals leave it out); 2 for bad input, such as a missing file, a bad rrule or an "
                "endless rule without --to")
    g.add_argument("file", metavar="EVENTS", help="the events: a .csv (UTF-8) or .xlsx file, one event a row")
    g.add_argument("--from", dest="season_from", metavar="DATE", help="the season's first date (default: each event's first)")
    g.add_argument("--to", dest="season_to", metavar="DATE", help="the season's last date (needed for a rule without end)")
    g.add_argument("--rate-change", action="append", default=[], metavar="AGENCY:PCT%@DATE",
                   help="what if the agency's hourly rates rose by PCT%% for jobs from DATE, such as "
                        "tucson-az:+4%%@2027-07-01; repeat it for several")
    g.add_argument("--out", metavar="BUDGET",
                   help="write a .xlsx (totals, a chart, each event, each job), .csv (each job) or .json (everything) "
                        "file (default: the totals as text)")

    a = command("audit", "check an agency's invoice against its rules, line by line", _audit,
                "Check each line of an agency's invoice (a .csv or .xlsx file, one billed line a row under a header "
                "row) against the agency's rules: the hours, rate tier, rate and amount the rules allow, the rule "
                "behind each, and a verdict. Columns, in any order and by any of their usual names: job (rows with "
                "the same job are one job), date, start, end (clock times on the date, or dates and times), role "
                "(a rank, vehicle, or a fee), officer (one officer's rows on a shift are one charge), positions, "
                "hours, rate, amount, vehicles, vehicle_amount, fees, tier, and the job's options job_type, "
                "requested, priority, customer, facts. Other columns are left alone. docs/invoice-template.csv "
                "is a template to copy.")
    a.epilog = ("exit status: 0 when every charge is as the rules allow; 3 when some charge differs or cannot be "
                "checked (the report says which and why); 2 for bad input, such as a missing file or no amount column")
    a.add_argument("agency", help="the agency that sent the invoice, such as hartford-ct")
    a.add_argument("file", metavar="INVOICE", help="the invoice's lines: a .csv (UTF-8) or .xlsx file")
    a.add_argument("--out", metavar="REPORT",
                   help="write a .xlsx (summary on top, every line beneath, differences highlighted), .csv (the "
                        "lines) or .json (everything) report (default: the summary and the lines that differ, as text)")

    p = command("pay", "payment terms: due date, fees, late interest", _pay,
                "The agency's payment terms applied to an invoice: due date, the fee for the way it is paid, "
                "late interest, returned-check fee and suspension.")
    p.add_argument("agency", help="agency name, such as hartford-ct")
    p.add_argument("--amount", required=True, metavar="X", help="the invoice amount, such as 2816 or $2,816.00")
    p.add_argument("--invoice-date", required=True, metavar="DATE", help="the invoice date, such as 2026-10-01")
    p.add_argument("--as-of", metavar="DATE", help="the day to count to, such as the payment date (default: the invoice date)")
    p.add_argument("--method", default="check", help="how it is paid: card, ach or check (default: check)")
    p.add_argument("--legal-max", metavar="PCT", help="a lower legal maximum for monthly interest, in percent (1.25 or 1.25%%)")
    p.add_argument("--job-type", metavar="T", help="the job's type, where the agency's terms depend on it")
    p.add_argument("--customer", metavar="CLASS", help="the customer's class, where the agency's terms depend on it (city)")
    p.add_argument("--fact", action="append", default=[], metavar="NAME=VALUE",
                   help="a fact of the job, where the agency's terms depend on it; repeat it")
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def _agency_commands(command) -> None:
    """The commands about agencies and their files: list, check, explain, start one, build workbooks, the schema, Lite."""
    a = command("agencies", "list the agencies, bundled and your own", _agencies)
    a.add_argument("--json", action="store_true", help=JSON_HELP)

    k = command("check", "validate agency files, listing every problem", _check)
    k.add_argument("files", nargs="+", metavar="FILE", help="an agency file (.toml) to check")

    w = command("workbooks", "build the quote workbooks and the functions example in workbooks/", _workbooks)
    w.add_argument("names", nargs="*", metavar="AGENCY", help="only these agencies (default: all, and the example)")
    w.add_argument("--out", metavar="DIR", default="workbooks", help="where to write them (default: workbooks)")
    w.add_argument("--pdf", action="store_true",
                   help="also render each Quote sheet, filled with an example job, to PDF and PNG in DIR/examples (LibreOffice)")

    e = command("explain", "an agency's rules in plain words, each with its page line", _explain)
    e.add_argument("agency", help="agency name, such as tucson-az")

    n = command("new-agency", "write a commented starting file for a new agency", _new_agency,
                "Write NAME.toml, a commented starting file for a new agency, and schema.json beside it "
                "for editors that check the file as it is typed.")
    n.add_argument("name", help="the agency's file name, such as springfield-il")
    n.add_argument("--out", metavar="DIR", default=".", help="where to write it (default: the current folder)")

    command("schema", "print the JSON Schema of agency files", _schema)

    lite = command("lite", "write main.py and requirements.txt for xlwings Lite, DetailQuote inside", _lite,
                   "Write the two files xlwings Lite takes: requirements.txt, the packages it installs by name, "
                   "and main.py, which carries DetailQuote, its agency files and those of --agencies, and "
                   "registers every DETAIL_* function. Paste each over the xlwings Lite tab of the same name.")
    lite.add_argument("--out", metavar="DIR", default=".", help="where to write them (default: the current folder)")


def _job_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("agency", help="agency name, such as tucson-az")
    p.add_argument("--start", action="append", required=True, metavar=WHEN,
                   help="shift start, agency local time (2026-12-24T18:00 or '2026-12-24 18:00')")
    p.add_argument("--end", action="append", default=[], metavar=WHEN, help="shift end")
    p.add_argument("--hours", action="append", default=[], metavar="H", help="shift length, instead of --end")
    p.add_argument("--officers", action="append", required=True, metavar="N", help="officers requested (one value, or one per shift)")
    p.add_argument("--vehicles", action="append", default=[], metavar="N", help="vehicles (one value, or one per shift)")
    p.add_argument("--job-type", metavar="T", help="the agency's job type, such as construction")
    p.add_argument("--requested", metavar=WHEN, help="when the request is made (for short-notice rates)")
    p.add_argument("--priority", metavar="P", help="a priority rate the customer chooses (Casa Grande)")
    p.add_argument("--customer", metavar="CLASS", help="the customer's class, where the agency's fees depend on it (charity)")
    p.add_argument("--supervisors", metavar="N", help="set the number of supervisors instead of the agency's rule")
    p.add_argument("--venue", metavar="TEXT", help="the venue, checked against prohibited venues")
    p.add_argument("--fact", action="append", default=[], metavar="NAME=VALUE",
                   help="a fact of the event the agency prices by, such as alcohol=yes or attendance=2500; repeat it")


def _library(args: argparse.Namespace) -> Library:
    return default_library(args.agencies)


def request_from(args: argparse.Namespace, agency: Agency) -> Request:
    """A Request from the job options, refusing bad values with a clear message."""
    from .engine import Request, Shift, end_after

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
        facts="; ".join(args.fact) or None,
    )


def _per_shift(values: list[int], shifts: int, name: str) -> list[int]:
    if len(values) == 1:
        return values * shifts
    if len(values) != shifts:
        raise InputError(f"give one --{name} for all shifts or one per shift ({shifts}), not {len(values)}")
    return values


def parse_time(text: str, name: str) -> dt.datetime:
    """A date and time as typed: 2026-12-24T18:00, '2026-12-24 18:00' or '2026-12-24 6:00 PM'."""
    value = typed_moment(text.strip())
    if value is None:
        raise InputError(f"{name} {shown(text)} is not a date and time; give it as 2026-12-24T18:00 or '2026-12-24 18:00'")
    return value


def parse_date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{name} {shown(text)} is not a date; expected ISO form such as 2026-12-01") from None


# Thousands separators, as in 2,816.00: groups of three digits after the first.
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?")


def parse_number(text: str, name: str, positive: bool = False, marks: str = "") -> Decimal:
    """A number as typed, with thousands separators; any of `marks` (a currency sign, %) is dropped."""
    plain = text.strip()
    for mark in marks:
        plain = plain.replace(mark, "").strip()
    if _THOUSANDS.fullmatch(plain):
        plain = plain.replace(",", "")
    try:
        value = Decimal(plain)
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
    from .engine import quote
    from .report import general_notes, quote_data, quote_text

    agency = _library(args).get(args.agency)
    request = request_from(args, agency)
    result = quote(agency, request)
    if args.xlsx or args.pdf:  # the same job in the agency's workbook, whose formulas work out the same figures
        from . import filled

        cover = filled.Cover(customer=args.customer_name, venue=args.venue or "")
        for path in filled.write(agency, request, args.xlsx, args.pdf, cover):
            print(f"wrote {path}", file=sys.stderr)
    return _emit(args, quote_data, lambda q: quote_text(q, general_notes(agency), args.all_notes), result)


def _cancel(args: argparse.Namespace) -> int:
    from .cancellation import cancellation_charge
    from .report import charge_data, charge_text

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


def _processes(text: str) -> int:
    """--jobs: a whole number of processes, at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more, not {shown(text)}")
    return int(text)


def _batch(args: argparse.Namespace) -> int:
    from .job_tables import SOME_FAILED, run_file

    jobs, failed = run_file(Path(args.file), Path(args.out) if args.out else None, _library(args),
                            tuple(args.agencies), args.jobs)
    if jobs == 0:
        print(f"detailquote: {printable(args.file)} has no jobs under its header row", file=sys.stderr)
    if failed:
        print(f"detailquote: {failed:,} of {jobs:,} job{'s' if jobs != 1 else ''} could not be priced: "
              "see the error column", file=sys.stderr)
        return SOME_FAILED
    return 0


def _budget(args: argparse.Namespace) -> int:
    from .budget_files import check_out, write
    from .job_tables import SOME_FAILED
    from .season import budget

    out = Path(args.out) if args.out else None
    check_out(out)
    start = parse_date(args.season_from, "--from") if args.season_from else None
    end = parse_date(args.season_to, "--to") if args.season_to else None
    result = budget(args.file, start, end, args.rate_change, _library(args))
    write(result, out, sys.stdout)
    if out is not None:
        print(f"wrote {out}: {len(result.lines):,} jobs, {result.total:,.2f} in all"
              + (" (the totals by month, agency and event: --out .xlsx or .json, or no --out)"
                 if out.suffix.lower() == ".csv" else ""), file=sys.stderr)
    if result.failed:
        print(f"detailquote: {result.failed:,} of {len(result.lines):,} jobs could not be priced: see the error column",
              file=sys.stderr)
        return SOME_FAILED
    return 0


def _audit(args: argparse.Namespace) -> int:
    from .audit_files import DIFFERS, audit_file, check_out, write

    out = Path(args.out) if args.out else None
    check_out(out)
    agency = _library(args).get(args.agency)
    result = audit_file(agency, Path(args.file))
    write(result, out, sys.stdout, Path(args.file).name)
    if out is not None:
        differ = sum(f.verdict != "matches" for f in result.findings)
        print(f"wrote {out}: {differ:,} of {len(result.findings):,} charges differ from the rules; billed "
              f"{result.billed:,.2f}, allowed {result.allowed:,.2f}" if differ else
              f"wrote {out}: every charge is as the rules allow", file=sys.stderr)
    return DIFFERS if result.differs else 0


def _pay(args: argparse.Namespace) -> int:
    from .payment import payment_terms
    from .report import payment_data, payment_text

    agency = _library(args).get(args.agency)
    terms = payment_terms(
        agency,
        parse_number(args.amount, "amount", positive=True, marks=CURRENCY),
        parse_date(args.invoice_date, "invoice date"),
        parse_date(args.as_of, "as-of date") if args.as_of else None,
        args.method,
        parse_number(args.legal_max, "legal maximum", marks="%") if args.legal_max is not None else None,
        args.job_type, args.customer, "; ".join(args.fact) or None,
    )
    return _emit(args, payment_data, payment_text, terms)


def _agencies(args: argparse.Namespace) -> int:
    good, bad = _library(args).listing()
    if args.json:
        data = [{"agency": a.key, "name": a.name, "time_zone": a.time_zone, "file": str(a.source)} for a in good]
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
            failed += _citations(Path(name), agency)
    return 1 if failed else 0


def _citations(path: Path, agency: Agency) -> int:
    """The file against its saved page (citations.py): 1 when it cites what the page does not hold."""
    from .citations import citation_problems, unused_tiers
    from .rules.combine import never_holding

    problems = citation_problems(path, agency.spec)
    if problems:
        print(f"FAIL {printable(str(path))}: {len(problems)} citation{'s' if len(problems) != 1 else ''} the page does not hold")
        for p in problems:
            print(f"  {p}")
        return 1
    print(f"ok   {printable(str(path))} ({agency.name})")
    for key in unused_tiers(agency.spec):
        print(f"  warning: tier {key} has no rate row: a quote that needs it is incomplete")
    for field, why in never_holding(agency.spec):
        print(f"  warning: {field} can never hold: {why}")
    return 0


def _workbooks(args: argparse.Namespace) -> int:
    from . import analyst, filled, workbook

    library = _library(args)
    for name in args.names or library.names():
        print(workbook.build(library.get(name), Path(args.out)))
    if not args.names:
        print(analyst.build(Path(args.out)))
    if args.pdf:
        agencies = [library.get(name) for name in args.names or library.names()]
        (Path(args.out) / "examples").mkdir(exist_ok=True)
        for path in filled.render(agencies, Path(args.out) / "examples"):
            print(path)
    return 0


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain

    print(explain(_library(args).get(args.agency)), end="")
    return 0


def _new_agency(args: argparse.Namespace) -> int:
    from .template import new_agency

    for path in new_agency(args.name, Path(args.out)):
        print(path)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    print(schema_text(), end="")
    return 0


def _lite(args: argparse.Namespace) -> int:
    from .lite import write

    for path in write(_library(args), Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
