"""What every rule kind shares: the value types of the agency file, and the base class of a rule.

A rule is an immutable model that cites its page line, declared in pydantic's
words (`model`: plain Python when it prices, a pydantic model when a file
validates). Each variant of a kind keeps its readings side by side (`price` for
the engine, `formula` for the quote workbook, `words` for `explain` and the
Policy sheet) and its kind's module lists its whole-file checks in `CHECKS`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Protocol

from .model import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DayKind = Literal["holiday", "weekday", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"]
# What a date is besides its own weekday: Monday to Friday a weekday, Saturday and Sunday the weekend.
DAY_GROUPS = ("weekday",) * 5 + ("weekend",) * 2


def _finite_number(value: Any) -> Decimal:
    """Accept a TOML integer or decimal; refuse text, booleans, NaN and infinities."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"must be a number, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("must be a finite number")
    return number


def _whole_seconds(value: Decimal) -> Decimal:
    if (value * 3600) % 1:
        raise ValueError("must be a whole number of seconds (for example 0.5 or 0.25 hours)")
    return value


def _whole_minutes(value: Decimal) -> Decimal:
    if (value * 60) % 1:
        raise ValueError("must be a whole number of minutes (for example 0.25 or 0.5 hours)")
    return value


def _clock_time(value: Any) -> dt.time:
    """'22:00' → 22:00: a wall-clock time of day, to the minute."""
    if not isinstance(value, str) or not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        raise ValueError("must be a time of day written HH:MM, such as \"22:00\"")
    return dt.time(int(value[:2]), int(value[3:]))


Number = Annotated[Decimal, BeforeValidator(_finite_number)]
Money = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, decimal_places=2, max_digits=10),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),  # cents: the loader (a float has no exact 0.01)
]
Amount = Annotated[  # dollars that may be 0 (a fee band with no fee)
    Decimal,
    BeforeValidator(_finite_number),
    Field(ge=0, decimal_places=2, max_digits=10),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Hours = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, le=168),
    AfterValidator(_whole_seconds),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 168}),
]
Minutes = Annotated[Hours, AfterValidator(_whole_minutes)]
HandlingHours = Annotated[Decimal, BeforeValidator(_finite_number), Field(ge=0, le=8), AfterValidator(_whole_seconds),
                          WithJsonSchema({"type": "number", "minimum": 0, "maximum": 8})]
Percent = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, lt=100, decimal_places=4),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 100}),
]
Multiplier = Annotated[Decimal, BeforeValidator(_finite_number), Field(gt=1, le=5, decimal_places=4),
                       WithJsonSchema({"type": "number", "exclusiveMinimum": 1, "maximum": 5})]
ClassFigure = Annotated[Decimal, BeforeValidator(_finite_number), Field(ge=0, decimal_places=4),
                        WithJsonSchema({"type": "number", "minimum": 0})]
ClockTime = Annotated[dt.time, BeforeValidator(_clock_time),
                      WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"})]
DaysBefore = Annotated[int, Field(ge=0, le=14)]
PageLine = Annotated[int, Field(ge=1, le=100_000)]
Lines = PageLine | Annotated[list[PageLine], Field(min_length=1)]
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"  # a key of the file: roles, tiers, job types, facts
Key = Annotated[str, Field(pattern=KEY_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True, defer_build=True)


class Cited(Strict):
    line: Lines = Field(description="The line(s) of the agency's page this entry comes from.")


class Sheet(Protocol):
    """What a rule's `formula` reading writes into: the workbook's Calc sheet of named columns (calc.Calc).

    A formula names another column of the same line as {name}.
    """

    spec: Any  # the agency file (rulebook.AgencyFile), for the labels a formula compares with
    segments: list[tuple[str, dict[str, str]]]  # the pieces of a line: (minutes column, each tier's 0/1 flag)
    partial: bool  # lines are cut where a partial holiday starts
    banded: bool  # lines are cut into more pieces than their two dates

    def add(self, name: str, formula: str) -> str: ...
    def flag(self, name: str, formula: str) -> str: ...
    def input(self, column: str) -> str: ...
    def job_wide(self, name: str, per_line: str) -> str: ...
    def piece_flag(self, tag: str, condition: Any, k: int) -> str: ...
    def piece_bounds(self, k: int) -> tuple[str, str, tuple[int, ...]]: ...
    def booked(self, k: int) -> str: ...


def number(value: Decimal) -> str:
    """4, 4.5, 0.25: hours and figures as a person writes them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def listed(when: Any) -> tuple:
    """A `when` that is one item, a list of them, or none, as a tuple."""
    return () if when is None else tuple(when) if isinstance(when, list) else (when,)
