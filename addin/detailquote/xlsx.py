"""Saving openpyxl workbooks the way DetailQuote ships them: whole, reproducible, with spilling formulas.

openpyxl stamps the time into the document properties and the zip entries,
and cannot mark a formula as a dynamic array (Excel 365 then shows it as
=@F(...), cut to one cell). `save` fixes all three: fixed properties, fixed
zip dates, and the cell metadata Excel reads as "this formula spills".
It writes to a temporary file beside the target and moves it into place.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from .atomic import write_atomic

BUILT = dt.datetime(2026, 1, 1)  # document properties are fixed so that a rebuild is byte-identical
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_METADATA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" '
    'pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" '
    'coerce="1" cellMeta="1"/></metadataTypes>'
    '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
    '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>'
)
_METADATA_TYPE = (
    '<Override PartName="/xl/metadata.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>'
)
_METADATA_REL = (
    '<Relationship Id="rIdDetailQuoteMeta" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>'
)


class Part(NamedTuple):
    """A part openpyxl does not write, added to the package: its name, bytes, content type, and the type of the
    package's relationship to it (None: a part only another added part refers to)."""

    name: str
    data: bytes
    content_type: str | None  # None: the package's default for its extension (.rels)
    relationship: str | None = None


def save(wb: Workbook, path: Path, spills: Iterable[tuple[str, str]] = (), parts: Iterable[Part] = ()) -> Path:
    """Write `wb` to `path` atomically and reproducibly; `spills` are (sheet title, cell) of spilling formulas,
    and `parts` are added to the package (an add-in's web extension)."""
    wb.properties.creator = "DetailQuote"
    wb.properties.lastModifiedBy = "DetailQuote"
    wb.properties.created = BUILT
    wb.properties.modified = BUILT
    # openpyxl writes into an archive left uncompressed, which is compressed once below, as it is copied.
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).save()
    by_sheet: dict[str, set[str]] = {}
    titles = [ws.title for ws in wb.worksheets]
    for title, cell in spills:
        by_sheet.setdefault(f"xl/worksheets/sheet{titles.index(title) + 1}.xml", set()).add(cell)

    parts = list(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if by_sheet:
                data = _mark(info.filename, data, by_sheet)
            if parts:
                data = _refer(info.filename, data, parts)
            _write(dst, info.filename, data)
        if by_sheet:
            _write(dst, "xl/metadata.xml", _METADATA.encode())
        for part in parts:
            _write(dst, part.name, part.data)
    return write_atomic(path, out.getvalue())


def _write(dst: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    dst.writestr(entry, data)


def _refer(name: str, data: bytes, parts: list[Part]) -> bytes:
    """The content types and package relationships with the added parts in them."""
    if name == "[Content_Types].xml":
        types = "".join(f'<Override PartName="/{p.name}" ContentType="{p.content_type}"/>' for p in parts if p.content_type)
        return data.replace(b"</Types>", types.encode() + b"</Types>")
    if name == "_rels/.rels":
        rels = "".join(f'<Relationship Id="rIdDetailQuote{i}" Type="{p.relationship}" Target="{p.name}"/>'
                       for i, p in enumerate(parts, 1) if p.relationship)
        return data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
    return data


def _mark(name: str, data: bytes, by_sheet: dict[str, set[str]]) -> bytes:
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", _METADATA_TYPE.encode() + b"</Types>")
    if name == "xl/_rels/workbook.xml.rels":
        return data.replace(b"</Relationships>", _METADATA_REL.encode() + b"</Relationships>")
    cells = by_sheet.get(name)
    if not cells:
        return data
    text = data.decode("utf-8")
    for cell in cells:
        text, found = re.subn(rf'<c r="{cell}"(?=[ >])', f'<c r="{cell}" cm="1"', text, count=1)
        if not found:
            raise ValueError(f"{name}: no cell {cell} to mark as spilling")
    return text.encode("utf-8")
