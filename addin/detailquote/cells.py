"""Values as Excel hands them to a function, read into what the engine takes.

Excel sends numbers as floats (a count of 2 is 2.0), dates as serial numbers
in the 1900 date system (or, in the classic add-in, as datetimes), blanks as
None or "", and ranges as lists. Each reader here accepts all of those and
refuses anything else with a message that names the argument.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import types
from decimal import Decimal, InvalidOperation
from typing import Union

from .clock import FIRST_YEAR, LAST_YEAR, outside_years
from .errors import InputError, shown

Cell = Union[str, float, int, bool, dt.datetime, dt.date, None]

# Serial 60 is 29 February 1900, a day Excel keeps for Lotus 1-2-3 but that never was;
# from serial 61 on, day 0 is 30 December 1899.
_EPOCH = dt.datetime(1899, 12, 30)
_PHANTOM = 60
_LAST_SERIAL = 2958465  # 9999-12-31
_FIRST_REAL, _LAST_REAL = _PHANTOM + 1, _LAST_SERIAL + 1  # 1 March 1900 to the end of 9999-12-31
_END_SECONDS = _LAST_REAL * 86400  # 10000-01-01 00:00, one second past the last moment a datetime holds
_SECOND = dt.timedelta(seconds=1)
# The serials of the first moment of FIRST_YEAR and of the year after LAST_YEAR: `when` reads a float between them
# without the checks a serial outside them needs.
_FIRST_KNOWN = float((dt.datetime(FIRST_YEAR, 1, 1) - _EPOCH).days)
_PAST_KNOWN = float((dt.datetime(LAST_YEAR + 1, 1, 1) - _EPOCH).days)
_LARGEST = 10**9  # the largest count read; the engine's own limits are far lower


def blank(value: object) -> bool:
    """An empty cell, an empty string or an omitted argument."""
    return value is None or (isinstance(value, str) and not value.strip())


def required(value: object, name: str, expected: str) -> object:
    if type(value) is float:  # Excel's own form, first
        return value
    if blank(value):
        raise missing(name, expected)
    return value


def missing(name: str, expected: str) -> InputError:
    """The message for a blank cell that is required."""
    return InputError(f"{name} is required: give {expected}")


def name(value: Cell, what: str) -> str | None:
    """A name typed into a cell (agency, role, job type...), or None when blank."""
    if value is None:  # the usual cases, first
        return None
    if type(value) is str:
        return value.strip() or None
    if blank(value):
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be text, such as a name, not {shown(value)}")
    return value.strip()


def serial_to_datetime(serial: float, what: str) -> dt.datetime:
    """An Excel serial number (1900 date system) as a naive datetime, to the nearest second."""
    if _FIRST_REAL <= serial < _LAST_REAL:  # every date from 1 March 1900: the usual case, first
        seconds = round(serial * 86400)
        if seconds < _END_SECONDS:
            return _EPOCH + _SECOND * seconds
        raise outside_years(what, _EPOCH.date() + dt.timedelta(days=_LAST_SERIAL))  # rounds into the year 10000
    if not math.isfinite(serial):
        raise InputError(f"{what} must be a date, not {serial}")
    if serial < 1:
        if serial >= 0:
            raise InputError(f"{what} is a time with no date: add the date, such as =A2+B2")
        raise InputError(f"{what} must be a date, not the negative number {serial:g}")
    if serial >= _LAST_REAL:
        raise InputError(f"{what} must be a date, not the number {serial:g}")
    if math.floor(serial) == _PHANTOM:
        raise InputError(f"{what} is 29 February 1900, a day Excel shows but that never was")
    return _EPOCH + dt.timedelta(seconds=round(serial * 86400) + 86400)  # before the phantom day, day 0 is 31 December 1899


def datetime_to_serial(value: dt.datetime | dt.date) -> float:
    """A date or naive datetime as an Excel serial number (1900 date system, from 1 March 1900)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - _EPOCH).total_seconds() / 86400


def when(value: Cell, what: str, required: str | None = None) -> dt.datetime | None:
    """A date and time from 1901 to 2100: a serial number, a datetime or ISO text; None when blank, or where
    `required` (what to give) is set, a message that it is.

    A datetime from a cell is wall-clock time in the agency's zone: any time
    zone attached to it by the runtime is dropped. ISO text with an offset
    (2026-12-24T18:00-07:00) names an instant and keeps it.
    """
    if type(value) is float and _FIRST_KNOWN <= value < _PAST_KNOWN:  # Excel's own form, first, as serial_to_datetime reads it
        moment = _EPOCH + _SECOND * round(value * 86400)
    else:
        moment = _moment(value, what)
        if moment is None:
            if required:
                raise missing(what, required)
            return None
    if FIRST_YEAR <= moment.year <= LAST_YEAR:
        return moment
    raise outside_years(what, moment.date())


def _moment(value: Cell, what: str) -> dt.datetime | None:
    """A date and time in any year a datetime holds, read from any of the forms `when` takes."""
    if type(value) is float:  # Excel's own form, first
        return serial_to_datetime(value, what)
    if blank(value):
        return None
    if isinstance(value, bool):
        raise InputError(f"{what} must be a date and time, not {shown(value)}")
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return serial_to_datetime(float(value), what)
    if isinstance(value, str):
        text = value.strip()
        moment = typed_moment(text)
        if moment is not None:
            return moment
        try:  # a serial number typed as text
            return serial_to_datetime(float(text), what)
        except ValueError:
            raise InputError(
                f"{what} {shown(text)} is not a date and time; give a date cell or text such as 2026-12-24 18:00"
            ) from None
    raise InputError(f"{what} must be a date and time, not {shown(value)}")


# A date, then a time on the 12-hour clock: 2026-12-24 6:00 PM, 2026-12-24 6pm.
_TWELVE_HOUR = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)


def typed_moment(text: str) -> dt.datetime | None:
    """A date and time as people type it, or None: ISO (2026-12-24T18:00, 2026-12-24 18:00) or 2026-12-24 6:00 PM."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    found = _TWELVE_HOUR.fullmatch(text)
    if found is None or not 1 <= int(found[2]) <= 12:
        return None
    hour = int(found[2]) % 12 + (12 if found[4].lower() == "p" else 0)
    try:
        return dt.datetime.fromisoformat(f"{found[1]}T{hour:02d}:{found[3] or '00'}")
    except ValueError:
        return None


def clock_time(value: Cell, what: str) -> dt.time:
    """A local clock time: 18:00, 6:00 PM or 6pm as text, a time cell, or Excel's fraction of a day."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        return (dt.datetime(2000, 1, 1) + dt.timedelta(seconds=round(value * 86400))).time()
    if isinstance(value, str) and value.strip():
        moment = typed_moment(f"2000-01-01 {value.strip()}")
        if moment is not None:
            return moment.time()
    if blank(value):
        raise InputError(f"{what} is required: give a clock time such as 18:00")
    raise InputError(f"{what} {shown(value)} is not a clock time; give it as 18:00 or 6:00 PM")


def day(value: Cell, what: str) -> dt.date | None:
    """A date: a serial number, a date or datetime, or ISO text; the time of day is ignored."""
    moment = when(value, what)
    return None if moment is None else moment.date()


def count(value: Cell, what: str, low: int = 0, required: str | None = None) -> int | None:
    """A whole number of at least `low` (2.0 is 2); None when blank, or where `required` (what to give) is set, a
    message that it is."""
    if type(value) is float and value.is_integer() and low <= value <= _LARGEST:  # Excel's own form, first
        return int(value)
    if blank(value):
        if required:
            raise missing(what, required)
        return None
    expected = f"a whole number ≥ {low}"
    number = _number(value, what, expected)
    if number != number.to_integral_value() or number < low:
        raise InputError(f"{what} must be {expected}, not {shown(value)}")
    if number > _LARGEST:  # int() of 1e999999999 would take minutes: refuse before making it
        raise InputError(f"{what} must be {expected} and at most {_LARGEST:,}, not {shown(value)}")
    return int(number)


def amount(value: Cell, what: str) -> Decimal | None:
    """A number, read exactly as Excel shows it (the float's shortest decimal form); None when blank."""
    if blank(value):
        return None
    return _number(value, what, "a number")


def table(value: object, what: str) -> list[list[Cell]]:
    """A range as rows of cells: a 2-D list; a 1-D list is one row and a single value one cell."""
    if blank(value):
        raise InputError(f"{what} is empty: select the rows to price")
    if not isinstance(value, (list, tuple)):
        return [[value]]  # type: ignore[list-item]
    if not value:
        raise InputError(f"{what} is empty: select the rows to price")
    if not isinstance(value[0], (list, tuple)):
        return [list(value)]
    return [row if type(row) is list else list(row) if isinstance(row, (list, tuple)) else [row] for row in value]


# --- arguments as xlwings hands them over unconverted (its "raw" converter) on the Office.js path ---------

def from_officejs(value: object, ndim: int | None = None) -> object:
    """An argument as Excel's Office.js custom functions send it, read as xlwings' default conversion reads it.

    Under xlwings Lite and xlwings Server the functions take their arguments
    raw, skipping xlwings' per-value conversion (which, outside Pyodide, tries
    to import pyodide.ffi for every value); this does the same work in one
    pass. As xlwings does: a blank ("", or Pyodide's JsNull) is None, an
    error value is None, another data type is its basic value; a range is a
    2-D list with `ndim=2`, else squeezed (a row or a column is a list, a
    single cell its value). xlwings has already taken a single cell out of
    its 1×1 matrix and a single row out of its list.
    """
    if type(value) is not list and type(value) is not tuple:
        cell = _officejs_value(value)
        return [[cell]] if ndim == 2 else cell
    rows = value if not value or isinstance(value[0], (list, tuple)) else [value]
    # Dates, counts and names are kept as they are without a call: they are most of a table; and so is a blank,
    # Pyodide's jsnull under xlwings Lite.
    null = _jsnull()
    out = [[v if type(v) is float or type(v) is str and v or v is None else None if v is null else _officejs_value(v)
            for v in row] for row in rows]
    if ndim == 2 or len(out) > 1 and len(out[0]) > 1:
        return out
    if len(out) == 1:
        return out[0][0] if len(out[0]) == 1 else out[0]
    return [row[0] for row in out]


def _officejs_value(value: object) -> object:
    """One value of an Office.js argument as xlwings' default conversion gives it."""
    if type(value) is str:
        return value or None
    if value is None or type(value) in (float, int, bool):
        return value
    if type(value) is dict:  # a data type: an error (read as blank, as xlwings does) or a formatted number, ...
        return None if value.get("type") == "Error" else value.get("basicValue")
    if _is_jsnull(value):
        return None
    return value


def _is_jsnull(value: object) -> bool:
    """Pyodide's JsNull, JavaScript's null (Pyodide 0.28 and later), found without trying an import that fails."""
    ffi = _pyodide_ffi()
    return ffi is not None and isinstance(value, getattr(ffi, "JsNull", ()))


def _jsnull() -> object:
    """Pyodide's jsnull, the value a blank cell arrives as under xlwings Lite; None outside Pyodide."""
    ffi = _pyodide_ffi()
    return None if ffi is None else getattr(ffi, "jsnull", None)


def _pyodide_ffi() -> types.ModuleType | None:
    """Pyodide's pyodide.ffi where it is loaded, or under Pyodide; else None, without trying an import that fails."""
    ffi = sys.modules.get("pyodide.ffi")
    if ffi is None and sys.platform == "emscripten":
        import pyodide.ffi as ffi  # type: ignore[import-not-found, no-redef]
    return ffi


def _number(value: Cell, what: str, expected: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InputError(f"{what} must be {expected}, not {shown(value)}")
    try:
        # repr() of a float is its shortest round-tripping form: 1.1 → Decimal("1.1"), not 1.100000000000000088...
        number = Decimal(value.strip().replace(",", "") if isinstance(value, str) else repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise InputError(f"{what} must be {expected}, not {shown(value)}") from None
    if not number.is_finite():
        raise InputError(f"{what} must be {expected}, not {shown(value)}")
    return number
