"""Shared helpers: the bundled agencies and a short way to price a job."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

# The suite, and every process it starts, keeps its cache of validated agency files apart from the user's.
os.environ["DETAILQUOTE_CACHE"] = _CACHE = tempfile.mkdtemp(prefix="detailquote-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

from detailquote.engine import Quote, Request, Shift, quote
from detailquote.loader import Library

ROOT = Path(__file__).resolve().parents[1]
AGENCIES = ROOT / "agencies"
SEED_AGENCIES = ["bay-harbor-islands-fl", "casa-grande-az", "hartford-ct", "hot-springs-ar", "tucson-az"]
# The agencies written from ../shared/seeds-extra and seeds-extra2 by following agencies/README.md alone.
EXTRA_AGENCIES = ["blaine-mn", "celina-tx", "cleburne-tx", "daphne-al", "honolulu-hi", "lunenburg-ma", "new-orleans-la", "nogales-az",
                  "oxford-ma", "peel-on", "sherman-tx", "thunder-bay-on", "waterloo-region-on"]

KINDS = ROOT / "tests" / "kinds"
KIND_AGENCIES = sorted(p.stem for p in KINDS.glob("*.toml"))  # one small agency per rule kind

_LIBRARY = Library()
_KINDS = Library([KINDS])


def agency(name: str):
    """A bundled agency, or one of the rule-kind test agencies under tests/kinds."""
    return _KINDS.get(name) if name in KIND_AGENCIES else _LIBRARY.get(name)


def D(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def serial(text: str) -> float:
    """An ISO date-time as Excel's serial number, worked out here from the calendar, not by `cells`."""
    moment = dt.datetime.fromisoformat(text)
    days = (moment.date() - dt.date(1899, 12, 30)).days
    return days + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400


def price(name: str, start: str, end: str, officers: int = 1, vehicles: int = 0, **options) -> Quote:
    """Quote one shift of `name` given as ISO wall-clock times."""
    if isinstance(options.get("requested_at"), str):
        options["requested_at"] = D(options["requested_at"])
    return quote(agency(name), Request((Shift(D(start), D(end), officers, vehicles),), **options))


def lines(q: Quote, role: str | None = None) -> list[tuple]:
    """(role, tier, positions, hours, rate, amount, overtime) of each line, for compact asserts."""
    return [
        (l.role, l.tier, l.positions, l.hours, l.rate, l.amount, l.overtime)
        for l in q.lines if role is None or l.role == role
    ]


def money(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture
def library() -> Library:
    return _LIBRARY


def workbook_charges(a, request: Request, cancellations: list[tuple[str, Decimal | None]], folder: Path) -> list[Decimal]:
    """What each cancellation (its time, hours worked) of `request` costs in the agency's workbook, as LibreOffice
    recalculates it."""
    from openpyxl import load_workbook

    from detailquote import filled, libreoffice, workbook

    paths = []
    for i, (cancelled, worked) in enumerate(cancellations):
        (path,) = filled.write(a, request, folder / f"job{i}.xlsx", None)
        wb = load_workbook(path)
        wb["Quote"]["C10"] = D(cancelled)
        wb["Quote"]["C11"] = None if worked is None else float(worked)
        wb.save(path)
        paths.append(path)
    cell = (lambda b: f"{b.inputs['charge']}{b.total_row}")(workbook.Builder(a))
    return [Decimal(str(load_workbook(p, data_only=True)["Quote"][cell].value)).quantize(Decimal("0.01"))
            for p in libreoffice.convert(paths, folder / "out")]
