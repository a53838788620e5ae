"""A quote workbook filled in with one job: the quote a coordinator sends, and the rendered examples.

The agency's workbook is built as always, then its input cells are filled by
their defined names, so the formulas (not Python) work out every figure.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from . import clock, libreoffice
from .agency import Agency
from .engine import Request, Shift, schedule_for
from .errors import InputError
from .rules.facts import job_facts
from .workbook import FIRST, LINES, Builder, build, put_text
from .atomic import write_atomic
from .xlsx import save


@dataclass(frozen=True)
class Cover:
    """What a quote says of whom it is for, beside the job itself."""

    customer: str = ""
    venue: str = ""
    prepared_by: str = ""
    prepared_on: dt.date | None = None


EXAMPLE = (
    Request((
        Shift(dt.datetime(2027, 7, 3, 18), dt.datetime(2027, 7, 4, 2), 4, 1),
        Shift(dt.datetime(2027, 7, 4, 9), dt.datetime(2027, 7, 4, 13), 2, 0),
        Shift(dt.datetime(2027, 7, 5, 7, 30), dt.datetime(2027, 7, 5, 10), 1, 0),
    ), requested_at=dt.datetime(2027, 6, 1, 9)),
    Cover("Riverside Events LLC", "Riverside Park, north gate", "Events desk", dt.date(2027, 6, 2)),
)


def fill(agency: Agency, path: Path, request: Request, cover: Cover = Cover()) -> None:
    """Fill the agency's workbook at `path` with `request`; refuse a job the workbook cannot hold as it is."""
    builder = Builder(agency)
    if len(request.shifts) > LINES:
        raise InputError(f"the quote workbook holds at most {LINES} shifts, not {len(request.shifts)}")
    if schedule_for(agency, request)[0] is not agency:
        raise InputError(f"the quote workbook holds {agency.spec.short_name}'s newest schedule only; this job starts "
                         f"before it took effect: use the command line's quote")
    wb = load_workbook(path)
    ws = wb["Quote"]
    for cell, text in (("C4", cover.customer), ("C5", request.venue or cover.venue), ("C9", cover.prepared_by)):
        if text:
            put_text(ws, cell, text)
    ws["C6"] = agency.job(agency.job_type(request.job_type)).label
    if request.requested_at is not None:
        ws["C7"] = _wall(agency, request.requested_at)
    if cover.prepared_on is not None:
        ws["C8"] = cover.prepared_on
    if request.customer:
        ws[builder.customer_cell] = agency.spec.customer_classes[agency.customer_class(request.customer)].label
    for name, value in job_facts(agency.spec.facts, request.facts, agency.spec.short_name).items():
        ws[builder.fact_cells[name]] = ("Yes" if value else "No") if isinstance(value, bool) else value
    chosen = agency.priority(request.priority)
    for i, shift in enumerate(request.shifts):
        start, end = _wall(agency, shift.start), _wall(agency, shift.end)
        if not dt.timedelta(0) < end - start <= dt.timedelta(hours=24):
            raise InputError(f"shift {i + 1}: the quote workbook takes shifts of up to 24 hours")
        values = {"date": start.date(), "start": start.time(), "end": end.time(), "officers": shift.officers,
                  "vehicles": shift.vehicles or None, "priority": agency.tier_label(chosen) if chosen else None}
        for key, value in values.items():
            if key in builder.inputs and value is not None:
                ws[f"{builder.inputs[key]}{FIRST + i}"] = value
    save(wb, path)


def write(agency: Agency, request: Request, xlsx: Path | None, pdf: Path | None, cover: Cover = Cover()) -> list[Path]:
    """The agency's workbook filled with `request`, as `xlsx` and/or (through LibreOffice) `pdf` of its Quote sheet."""
    written = []
    with tempfile.TemporaryDirectory(prefix="detailquote-quote-") as tmp:
        path = build(agency, Path(tmp))
        fill(agency, path, request, cover)
        if xlsx is not None:
            written.append(write_atomic(Path(xlsx), path.read_bytes()))
        if pdf is not None:
            _quote_sheet_only(path)
            (made,) = libreoffice.convert([path], Path(tmp) / "pdf", to="pdf")
            written.append(write_atomic(Path(pdf), made.read_bytes()))
    return written


def render(agencies: list[Agency], out_dir: Path) -> list[Path]:
    """Each agency's Quote sheet filled with EXAMPLE, as PDF and as a PNG of its first page, in out_dir."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="detailquote-render-") as tmp:
        filled = []
        for agency in agencies:
            path = build(agency, Path(tmp))
            fill(agency, path, *EXAMPLE)
            _quote_sheet_only(path)
            filled.append(path)
        pdfs = libreoffice.convert(filled, out_dir, to="pdf")
    pngs = []
    for pdf in pdfs:
        if shutil.which("pdftoppm") is None:
            raise libreoffice.LibreOfficeError("pdftoppm is not installed: apt-get install poppler-utils")
        stem = pdf.with_suffix("")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True)
        pngs.append(stem.with_suffix(".png"))
    return [*pdfs, *pngs]


def _quote_sheet_only(path: Path) -> None:
    """Hide the rule sheets, which are not printed: a PDF of the workbook is then the quote alone."""
    wb = load_workbook(path)
    for name in ("Rates", "Holidays", "Policy"):
        wb[name].sheet_state = "hidden"
    save(wb, path)


def _wall(agency: Agency, moment: dt.datetime) -> dt.datetime:
    """A moment as the agency's wall clock, which is what the workbook takes."""
    return moment if moment.tzinfo is None else clock.local(moment, agency.zone).replace(tzinfo=None)
