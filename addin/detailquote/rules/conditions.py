"""Conditions: when a rate tier or a premium applies (a kind of day, short notice in hours or days, length, a late
order, the officers requested, a time band).

Each condition is one class with its readings side by side: `price` (does it
hold for a piece of a shift, engine), `formula` (a 0/1 flag per local date of a
workbook line), `words`, and `identity` (two conditions alike, for the loader's
overlap check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, Protocol

from .model import Field, model_validator

from .. import money
from ..formulas import clock, num
from .base import WEEKDAYS, Cited, ClockTime, DayKind, DaysBefore, Hours, Sheet, Strict, number

if TYPE_CHECKING:
    from ..errors import Problem
    from ..rulebook import AgencyFile
    from .checks import Where


class Job(NamedTuple):
    """What a job is besides its hours: its type, its customer class (a key, or None) and its facts (name → value)."""

    job_type: str
    customer: str | None = None
    facts: Mapping[str, object] = {}


class Days(Protocol):
    """What a condition asks of the agency's calendar (the engine's plan.Plan)."""

    def day_kinds(self, day: dt.date, early: bool = False) -> frozenset[str]:
        """A date's weekday, weekday or weekend, and 'holiday' (early: before a partial one starts, no holiday's)."""

    def business_days(self, first: dt.date, last: dt.date, cap: int) -> int:
        """The weekdays from `first` to `last` that are not holidays, counted up to `cap`."""


class Context(NamedTuple):
    """What a condition is judged on, for one shift: its pieces' dates, the request's timing, and the job."""

    calendar: Days | None  # the agency's days (None where only conditions on the job are judged)
    days: Sequence[dt.date]  # the local date of each piece
    early: Sequence[bool] | None  # each piece before the partial holiday its date starts
    lead: float | None  # seconds of notice, None when not known
    seconds: int  # the shift's scheduled length
    ordered: dt.datetime | None  # the request's wall-clock time, None when not known
    job_days: frozenset[str] | None  # the kinds of day the whole job touches, for conditions decided per job
    job: Job = None  # the job type, customer class and job facts
    officers: int = 0  # the officers requested for the shift


class CalendarTrigger(Strict):
    """A tier that applies on certain days: holidays and/or weekdays."""

    kind: Literal["calendar"]
    days: Annotated[list[DayKind], Field(min_length=1)]
    scope: Literal["hour", "shift", "start", "job"] = Field(
        description="hour: only the hours on those days (split at midnight); "
        "shift: the whole shift if any part of it falls on one of those days; "
        "start: the whole shift if it starts on one of those days; "
        "job: every shift of the job if any part of any shift falls on one of those days."
    )

    @model_validator(mode="after")
    def _unique(self) -> CalendarTrigger:
        if len(set(self.days)) != len(self.days):
            raise ValueError("days lists a day twice")
        return self

    def price(self, ctx: Context, i: int) -> bool:
        if self.scope == "job" and ctx.job_days is not None:
            return not ctx.job_days.isdisjoint(self.days)
        on = range(len(ctx.days)) if self.scope in ("shift", "job") else (0,) if self.scope == "start" else (i,)
        early = ctx.early
        kinds = ctx.calendar.day_kinds
        return any(not kinds(ctx.days[j], bool(early and early[j])).isdisjoint(self.days) for j in on)

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        hits = {}
        for day in (1, 2):
            parts = [_weekday_test(f"{{wd{day}}}", d) for d in self.days if d != "holiday"]
            if "holiday" in self.days:
                parts.append(f"{{hol{day}}}=1")
            hit = f"OR({','.join(parts)})" + ("" if day == 1 else ",{m2}>0")
            hits[day] = calc.flag(f"hit{tag}_{day}", f"=IF(AND({hit}),1,0)")
        if self.scope == "start":
            return {1: hits[1], 2: hits[1]}
        if self.scope == "shift":
            both = f"MAX({hits[1]},{hits[2]})"
            return {1: both, 2: both}
        if self.scope == "job":
            job = calc.job_wide(f"jhit{tag}", f"=IF({{ok}}=1,MAX({hits[1]},{hits[2]}),0)")
            return {1: job, 2: job}
        return hits

    def piece_formula(self, j: int) -> str:
        """Whether piece `j` of a line cut at partial holidays falls on one of the days: its date's weekday, a holiday hour."""
        parts = [_weekday_test(f"IF({{d_{j}}}=1,{{wd1}},{{wd2}})", d) for d in self.days if d != "holiday"]
        if "holiday" in self.days:
            parts.append(f"{{hol_{j}}}=1")
        return f"=IF(OR({','.join(parts)}),1,0)"

    def words(self) -> str:
        named = [{"holiday": "holidays", "weekday": "weekdays", "weekend": "weekends"}.get(d, d.capitalize() + "s")
                 for d in self.days]
        days = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)
        scope = {"hour": "the hours on", "shift": "the whole shift when any of it falls on",
                 "start": "the whole shift when it starts on",
                 "job": "every shift of the job when any part of the job falls on"}[self.scope]
        return f"{scope} {days}"

    def identity(self) -> object:
        return ("calendar", frozenset(self.days), self.scope)


def _weekday_test(weekday: str, day: str) -> str:
    """A formula's test that the weekday number `weekday` (1 Monday to 7 Sunday) is `day`, weekday or weekend."""
    if day == "weekday":
        return f"{weekday}<=5"
    if day == "weekend":
        return f"{weekday}>=6"
    return f"{weekday}={WEEKDAYS.index(day) + 1}"


class NoticeTrigger(Strict):
    """A tier that applies to every hour of a shift requested at short notice."""

    kind: Literal["short_notice"]
    under_hours: Hours = Field(description="Applies when the request comes strictly less than this many hours before the start.")

    @cached_property
    def seconds(self) -> int:
        return money.seconds(self.under_hours)

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.lead is not None and ctx.lead < self.seconds

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        flag = calc.flag(f"notice{tag}", f"=IF(ISNUMBER({{lead}}),IF({{lead}}<{num(self.under_hours * 60)},1,0),0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        return f"every hour of a shift requested less than {num(self.under_hours)} hours before it starts"

    def identity(self) -> object:
        return self.model_dump_json()


class NoticeDaysTrigger(Strict):
    """A tier for every hour of a shift requested fewer than `under_days` days before the day it starts: calendar days,
    or business days (Monday to Friday, not the agency's holidays) from the day after the order to the start date."""

    kind: Literal["notice_days"]
    under_days: Annotated[int, Field(ge=1, le=365)] = Field(
        description="Applies when the request's date is fewer than this many days before the shift's start date."
    )
    business: bool = Field(False, description="Count business days: weekdays that are not the agency's holidays.")

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.ordered is not None and self.count(ctx) < self.under_days

    def count(self, ctx: Context) -> int:
        """The days (or business days) from the order to the shift's start date, counted up to `under_days`."""
        start, ordered = ctx.days[0], ctx.ordered.date()
        if not self.business:
            return (start - ordered).days
        return ctx.calendar.business_days(ordered + dt.timedelta(days=1), start, self.under_days)

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        date, after = calc.input("date"), "(INT(Quote!$C$7)+1)"
        if not self.business:
            days = f"{date}-INT(Quote!$C$7)"
        else:  # the days from after the order to the start, less Saturdays, Sundays and weekday holidays among them
            weekend = "+".join(f"INT((WEEKDAY({after}-{d})+{date}-{after})/7)" for d in (7, 1))
            holidays = f"SUMPRODUCT((HolidayDates>={after})*(HolidayDates<={date})*(WEEKDAY(HolidayDates,2)<6))"
            days = f"IF({date}<{after},0,{date}-{after}+1-({weekend})-{holidays})"
        flag = calc.flag(f"days{tag}", f"=IF(ISNUMBER(Quote!$C$7),IF({days}<{self.under_days},1,0),0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        if self.business:
            return f"every hour of a shift requested fewer than {self.under_days} business days before the day it starts"
        if self.under_days == 1:
            return "every hour of a shift requested on the day it starts"
        return f"every hour of a shift requested fewer than {self.under_days} days before the day it starts"

    def identity(self) -> object:
        return self.model_dump_json()


class LeadTime(Cited):
    """The notice the agency asks for, in hours, days or business days: less raises a warning, or is refused."""

    required_hours: Hours | None = Field(None, description="Notice the agency asks for, in hours before the start.")
    required_days: Annotated[int, Field(ge=1, le=365)] | None = Field(
        None, description="Notice in days: the request's date at least this many days before the start date."
    )
    business: bool = Field(False, description="With required_days: count business days, skipping weekends and holidays.")
    refused: bool = Field(False, description="A request with less notice is refused, not only warned of.")

    @model_validator(mode="after")
    def _one_measure(self) -> LeadTime:
        if (self.required_hours is None) == (self.required_days is None):
            raise ValueError("give exactly one of required_hours and required_days")
        if self.business and self.required_days is None:
            raise ValueError("business goes with required_days")
        return self

    @cached_property
    def condition(self) -> NoticeTrigger | NoticeDaysTrigger:
        """The short-notice condition a request with too little notice meets."""
        if self.required_hours is not None:
            return NoticeTrigger(kind="short_notice", under_hours=self.required_hours)
        return NoticeDaysTrigger(kind="notice_days", under_days=self.required_days, business=self.business)

    def price(self, ctx: Context) -> bool:
        """Whether a shift was requested with less notice than asked for (False when the request time is unknown)."""
        return self.condition.price(ctx, 0)

    def formula(self, calc: Sheet, tag: str) -> str:
        """A 0/1 flag on a workbook line: requested with less notice than asked for."""
        return self.condition.formula(calc, tag)[1]

    def given(self, ctx: Context) -> str | None:
        """The notice a request gave, in the rule's days ("4 business days"); None for a rule in hours."""
        if self.required_days is None:
            return None
        n = self.condition.count(ctx)
        return f"{n} {'business day' if self.business else 'day'}{'s' if n != 1 else ''}"

    @property
    def asked(self) -> str:
        """The notice asked for, as a warning says it: "72 hours'", "10 business days'"."""
        if self.required_hours is not None:
            return f"{number(self.required_hours)} hours'"
        unit = "business day" if self.business else "day"
        return f"{self.required_days} {unit}{'s' if self.required_days != 1 else ''}'"

    def words(self) -> str:
        then = " Requests with less are refused." if self.refused else ""
        return f"Requests need {self.asked} notice.{then}"


class LengthTrigger(Strict):
    """A tier for every hour of a shift longer than `over_hours` (rates by length of detail)."""

    kind: Literal["length"]
    over_hours: Hours = Field(description="Applies when the scheduled shift is strictly longer than this many hours.")

    @cached_property
    def seconds(self) -> int:
        return money.seconds(self.over_hours)

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.seconds > self.seconds

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        flag = calc.flag(f"long{tag}", f"=IF({{m}}>{num(self.over_hours * 60)},1,0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        return f"every hour of a shift longer than {num(self.over_hours)} hours"

    def identity(self) -> object:
        return self.model_dump_json()


class CutoffTrigger(Strict):
    """A tier for every hour of a shift ordered at or after a clock time on a day before it starts."""

    kind: Literal["ordered_after"]
    time: ClockTime = Field(description="The cut-off, HH:MM on the agency's wall clock.")
    days_before: DaysBefore = Field(
        1, description="The cut-off's day: this many days before the shift's start date (0: the same day)."
    )

    def cutoff(self, start_day: dt.date) -> dt.datetime:
        """The wall-clock moment from which an order for a shift starting on `start_day` is late."""
        return dt.datetime.combine(start_day - dt.timedelta(days=self.days_before), self.time)

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.ordered is not None and ctx.ordered >= self.cutoff(ctx.days[0])

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        at = f"{calc.input('date')}-{self.days_before}+{clock(self.time)}"
        flag = calc.flag(f"late{tag}", f"=IF(ISNUMBER(Quote!$C$7),IF(ROUND((Quote!$C$7-({at}))*1440,0)>=0,1,0),0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        day = {0: "the day it starts", 1: "the day before"}.get(self.days_before, f"{self.days_before} days before")
        return f"every hour of a shift ordered at or after {self.time:%H:%M} on {day}"

    def identity(self) -> object:
        return self.model_dump_json()


class OfficersTrigger(Strict):
    """Every hour of a shift for which at least `at_least` officers are requested ("events of 10 or more officers")."""

    kind: Literal["officers"]
    at_least: Annotated[int, Field(ge=2, le=1000)] = Field(description="The least number of officers requested.")

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.officers >= self.at_least

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        flag = calc.flag(f"crew{tag}", f"=IF(N({calc.input('officers')})>={self.at_least},1,0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        return f"every hour of a shift for which {self.at_least} or more officers are requested"

    def identity(self) -> object:
        return self.model_dump_json()


class ClockBand(Strict):
    """A daily stretch of the wall clock; an end at or before the start is the next day."""

    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _differ(self) -> ClockBand:
        if self.start == self.end:
            raise ValueError("start and end must differ")
        return self

    def price(self, moment: dt.time) -> bool:
        """Whether a wall-clock time of day falls inside the daily band."""
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def instances(self, day: dt.date, zone) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        """The band's stretches, as UTC instants, that begin the day before `day` and on `day`."""
        return band_instances(self.start, self.end, day, zone)

    def formula(self, date: str, lo: str, hi: str, offsets: tuple[int, ...]) -> str:
        """Real minutes of [lo, hi) inside the band: its instances starting `offsets` days from `date`."""
        parts = []
        for shift in offsets:
            first = f"({date}+{shift})" if shift else date
            a = f"{first}+{clock(self.start)}"
            b = f"{first}+{1 if self.end <= self.start else 0}+{clock(self.end)}"
            low, high = f"MAX({lo},{a})", f"MIN({hi},{b})"
            parts.append(f"IF({high}>{low},ROUND(({high}-{low})*1440,0)"
                         f"+60*SUMPRODUCT(({low}<ClockB)*({high}>=ClockA)*ClockHours),0)")
        return "+".join(parts)

    def edges(self, date: str, off: int) -> tuple[str, str]:
        """The start and end, as wall-clock serial formulas, of the instance beginning `off` days from `date`."""
        crosses = 1 if self.end <= self.start else 0
        return f"{date}+{off}+{clock(self.start)}", f"{date}+{off + crosses}+{clock(self.end)}"

    def words(self) -> str:
        return f"the hours between {self.start:%H:%M} and {self.end:%H:%M}"

    def identity(self) -> object:
        return self.model_dump_json()


class BandTrigger(ClockBand):
    """The hours of a shift inside a daily time-of-day band (23:00-07:00 crosses midnight)."""

    kind: Literal["time_band"]


SIMPLE = (CalendarTrigger, NoticeTrigger, NoticeDaysTrigger, LengthTrigger, CutoffTrigger, OfficersTrigger)  # (the union: rules.combine)
VARIANTS = (*SIMPLE, BandTrigger, LeadTime)
# Conditions that depend on when the job was ordered.
TIMED = (NoticeTrigger, NoticeDaysTrigger, CutoffTrigger)


def check_band_edges(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A time band's edges happen once on every day: not inside the hour a clock change skips or repeats."""
    from ..clock import unsteady

    bands = [(f"tiers.{k}.when", t.when) for k, t in spec.tiers.items() if isinstance(t.when, BandTrigger)]
    bands += [(f"premiums.{k}.when", c) for k, p in spec.premiums.items() for c in p.conditions if isinstance(c, BandTrigger)]
    if spec.vehicles is not None and spec.vehicles.night is not None:
        bands.append(("vehicles.night", spec.vehicles.night))
    for field, band in bands if where.zone else ():
        if (edge := unsteady(where.zone, (band.start, band.end))) is not None:
            yield where(field, f"{edge:%H:%M} happens twice or never on the days the clocks change in {spec.time_zone}: "
                               f"move the band's edge out of that hour")


CHECKS = (check_band_edges,)


@lru_cache(maxsize=4096)
def band_instances(start: dt.time, end: dt.time, day: dt.date, zone) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """A band's stretches beginning the day before `day` and on `day`, as UTC instants; remembered, as every shift
    on a date asks for them again."""
    out = []
    for first in (day - dt.timedelta(days=1), day):
        a = dt.datetime.combine(first, start, tzinfo=zone).astimezone(dt.timezone.utc)
        b = dt.datetime.combine(first + dt.timedelta(days=end <= start), end, tzinfo=zone)
        out.append((a, b.astimezone(dt.timezone.utc)))
    return tuple(out)
