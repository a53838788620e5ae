"""Cancellation windows: when each opens before a shift, and what it charges once open (RULES 13-15).

A window's opening (approved, hours before, a clock time on a day before, the
start day, the start) and its charge (nothing, hours, the minimum or hours
worked, the full shift) are each one class below with its price, its formula
and its words. The latest window opened when the cancellation arrives applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from .model import Field, model_validator

from .. import clock, money
from ..errors import Problem
from ..formulas import clock as clock_formula, num, real_minutes
from .base import Cited, ClockTime, DaysBefore, Hours, Key, Lines, Money, Percent, Sheet, Strict, Text, number
from .combine import Trigger, for_rule, identity, line_formula, meets, on_job
from .conditions import Context, Job

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where


class CancelWindow(Cited):
    """What a cancellation costs once this window has opened (the latest opened window applies)."""

    opens: Literal["approved", "hours_before", "clock_time", "start_day", "start"] = Field(
        description="approved: any time once approved; hours_before: `hours` before the start or later; "
        "clock_time: from `time` on the day `days_before` the start date ('after 12:00 the day before'); "
        "start_day: from 00:00 of the day the shift starts; start: after the start."
    )
    hours: Hours | None = None
    strict: bool = Field(False, description="For opens = 'hours_before': opens once less than `hours` remain, so a "
                         "cancellation exactly `hours` before is in time (\"at least 24 hours before\").")
    time: ClockTime | None = Field(None, description="For opens = 'clock_time': HH:MM on the agency's wall clock.")
    days_before: DaysBefore | None = Field(
        None, description="For opens = 'clock_time': that many days before the shift's start date (0: the same day)."
    )
    charge: Literal["nothing", "hours", "minimum_or_worked", "full", "percent"]
    charge_hours: Hours | None = Field(None, description="Hours per position, for charge = 'hours'.")
    charge_percent: Percent | None = Field(None, description="This share of each shift as quoted, for charge = 'percent'.")
    admin_fee: bool = Field(False, description="Plus the administrative fee for the rest of the fee hours.")
    starts_before: ClockTime | None = Field(
        None, description="Only for a shift that starts before this time (\"jobs starting before 15:00 ...\")."
    )
    starts_from: ClockTime | None = Field(None, description="Only for a shift that starts at or after this time.")
    flat_fee: Money | None = Field(None, description="Plus this many dollars once for the job (\"PLUS $100 cancellation fee\").")
    when: Trigger | None = Field(
        None, description="Only for jobs or shifts that meet this condition: on the job, its type, customer or facts "
        "(\"this does not apply to town details\"), or on the shift, its days, notice, length or officers, which holds "
        "for a shift when it holds on any of its hours (\"holiday details: 72 hours' notice\")."
    )
    keeps_deposit: bool = Field(
        False, description="The deposit is kept: the charge is at least the deposit ([payment.deposit])."
    )
    keeps_fees: bool = Field(
        False, description="The fees on top ([fees]) are kept as the full quote charges them, even where the window "
        "charges nothing else; where it charges something, each fee is the larger of the quote's and the fee on the "
        "charge (\"all fees are non refundable\")."
    )
    fee_per_position: Money | None = Field(
        None, description="Plus this many dollars for each position of each shift cancelled (\"$50 per officer cancelled\")."
    )

    @model_validator(mode="after")
    def _consistent(self) -> CancelWindow:
        if (self.opens == "hours_before") != (self.hours is not None):
            raise ValueError("hours goes with opens = 'hours_before', and only with it")
        if self.strict and self.opens != "hours_before":
            raise ValueError("strict goes with opens = 'hours_before'")
        if (self.opens == "clock_time") != (self.time is not None) or (self.time is None) != (self.days_before is None):
            raise ValueError("time and days_before go with opens = 'clock_time', and only with it")
        if (self.charge == "hours") != (self.charge_hours is not None):
            raise ValueError("charge_hours goes with charge = 'hours', and only with it")
        if (self.charge == "percent") != (self.charge_percent is not None):
            raise ValueError("charge_percent goes with charge = 'percent', and only with it")
        return self

    @cached_property
    def on_job(self) -> bool:
        """Whether the window's condition (if any) tests the job alone, so that it holds alike on every shift."""
        return self.when is None or on_job(self.when)

    def applies(self, start: dt.datetime, job: Job | None, shift: Context | None = None) -> bool:
        """Whether the window is for a shift starting at the wall-clock `start` (by its start time, where it says) of
        this job, by its condition where it has one: on the job, or on the shift of context `shift`."""
        at = start.time()
        return (self.starts_before is None or at < self.starts_before) and (self.starts_from is None or at >= self.starts_from) \
            and meets(self.when, job, shift)

    def applies_formula(self, calc: Sheet, start: str, tag: str) -> str:
        """The same as a 0/1 formula of the line's start time (a fraction of a day) and its condition: on the job, or
        on the line, on either of its dates (with a holiday from part-way through a day, on any of its pieces)."""
        tests = [f"ROUND({start}*1440,0)<{t.hour * 60 + t.minute}" for t in (self.starts_before,) if t] + \
                [f"ROUND({start}*1440,0)>={t.hour * 60 + t.minute}" for t in (self.starts_from,) if t]
        if self.when is not None:
            tests.append(f"{line_formula(self.when, calc, tag)}=1")
        return f"IF(AND({','.join(tests)}),1,0)" if tests else "1"

    @cached_property
    def opening(self) -> type[Opening]:
        """When the window opens: the variant class of `opens`."""
        return OPENINGS[self.opens]

    @cached_property
    def charging(self) -> type[Charging]:
        """What it charges: the variant class of `charge`."""
        return CHARGES[self.charge]

    def words(self, spec: AgencyFile, following: CancelWindow | None = None,
              after_start: bool = False, shortened: bool = False) -> str:
        """The window's terms in words, as what happened: `after_start` when the news came after the shift began."""
        approved = "once approved"
        if following is not None:  # say where the window ends: the page's own terms, not only "once approved"
            until = following.opening.until(following)
            free = self.charge == "nothing" and not (self.admin_fee or self.keeps_fees)
            approved = until if free else f"once approved, {until}"
        when = approved if self.opens == "approved" else self.opening.words(self)
        starting = [f"before {self.starts_before:%H:%M}" if self.starts_before else "",
                    f"at {self.starts_from:%H:%M} or later" if self.starts_from else ""]
        if any(starting):
            when = f"{when}, for a shift starting {' and '.join(x for x in starting if x)}"
        if self.when is not None:
            when = f"{when}, {for_rule(self.when)}"
        what = self.charging.words(self, spec)
        fee_hours = spec.cancellation.admin_fee_hours if spec.cancellation else None
        first = f"first {_hours(fee_hours)} hours" if fee_hours else "first hours"
        fee = f", plus the administrative fee for the rest of the {first} of the assignment" if self.admin_fee else ""
        fee += f", plus a cancellation fee of ${self.flat_fee:.2f}" if self.flat_fee else ""
        fee += f", plus ${self.fee_per_position:.2f} per position" if self.fee_per_position else ""
        if self.keeps_fees and self.charge == "nothing" and not fee:
            what = f"{_fees_kept(spec)} {'is' if len(spec.fees) == 1 else 'are'} kept in full, as quoted"
        elif self.keeps_fees:
            fee += f", and {_fees_kept(spec)} in full, as quoted"
        if self.keeps_deposit and self.charge == "nothing" and not fee and not self.keeps_fees:
            what = "the deposit is kept"
        elif self.keeps_deposit:
            fee += ", and at least the deposit, which is kept"
        if after_start and self.opens != "start":  # the window still in force once the shift has begun
            when = f"after the start, under the terms for {'shortening' if shortened else 'cancelling'} {when}"
        return f"{'shortened' if shortened else 'cancelled'} {when}: {what}{fee}"


def _hours(value) -> str:
    return money.hours_text(value).removesuffix(".00") if value else ""


def _fees_kept(spec: AgencyFile) -> str:
    """The agency's fees on top by name, for a window that keeps them: "the booking fee and the administrative fee"."""
    names = [f"the {f.label if f.label[:2].isupper() else f.label[:1].lower() + f.label[1:]}" for f in spec.fees.values()]
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def _day_words(days_before: int | None) -> str:
    return {0: "on the day the assignment starts", 1: "the day before the assignment"}.get(
        days_before, f"{days_before} days before the assignment")


# --- when a window opens: one class per variant -----------------------------------------------------

class Opening:
    """`price`: the instant the window opens for a shift; `formula`: (opened 0/1, its minutes from the start);
    `words`: when it is open; `until`: when the window before it ends."""

    @staticmethod
    def price(w: CancelWindow, start: dt.datetime, begins: dt.datetime, zone) -> dt.datetime:
        raise NotImplementedError

    @staticmethod
    def formula(w: CancelWindow, date: str, when: str) -> tuple[str, str]:
        raise NotImplementedError

    @staticmethod
    def words(w: CancelWindow) -> str:
        raise NotImplementedError

    @staticmethod
    def until(w: CancelWindow) -> str:
        return ""


class Approved(Opening):
    @staticmethod
    def price(w: CancelWindow, start: dt.datetime, begins: dt.datetime, zone) -> dt.datetime:
        return dt.datetime.min.replace(tzinfo=clock.UTC)

    @staticmethod
    def formula(w: CancelWindow, date: str, when: str) -> tuple[str, str]:
        return "1", "-1000000000"

    @staticmethod
    def words(w: CancelWindow) -> str:
        return "once approved"


class HoursBefore(Opening):
    @staticmethod
    def price(w: CancelWindow, start: dt.datetime, begins: dt.datetime, zone) -> dt.datetime:
        at = begins - dt.timedelta(hours=float(w.hours))
        return at + dt.timedelta(microseconds=1) if w.strict else at  # strict: exactly `hours` before is in time

    @staticmethod
    def formula(w: CancelWindow, date: str, when: str) -> tuple[str, str]:
        return f"IF({{cl}}{'<' if w.strict else '<='}{num(w.hours * 60)},1,0)", f"-{num(w.hours * 60)}"

    @staticmethod
    def words(w: CancelWindow) -> str:
        return f"less than {_hours(w.hours)} hours before the start" if w.strict else \
            f"{_hours(w.hours)} hours or less before the start"

    @staticmethod
    def until(w: CancelWindow) -> str:
        return f"{_hours(w.hours)} hours or more before the start" if w.strict else \
            f"more than {_hours(w.hours)} hours before the start"


class StartDay(Opening):
    @staticmethod
    def price(w: CancelWindow, start: dt.datetime, begins: dt.datetime, zone) -> dt.datetime:
        day = start.date() - dt.timedelta(days=w.days_before or 0)
        return dt.datetime.combine(day, w.time or dt.time(), tzinfo=zone).astimezone(clock.UTC)

    @staticmethod
    def moment(w: CancelWindow, date: str) -> str:
        return date

    @classmethod
    def formula(cls, w: CancelWindow, date: str, when: str) -> tuple[str, str]:
        moment = cls.moment(w, date)
        return f"IF(ROUND(({when}-{moment})*1440,0)>=0,1,0)", f"-({real_minutes('{s}', moment)})"

    @staticmethod
    def words(w: CancelWindow) -> str:
        return "on the day the assignment starts"

    @staticmethod
    def until(w: CancelWindow) -> str:
        return "before the day the assignment starts"


class ClockTimeBefore(StartDay):
    @staticmethod
    def moment(w: CancelWindow, date: str) -> str:
        return f"({date}-{w.days_before}+{clock_formula(w.time)})"

    @staticmethod
    def words(w: CancelWindow) -> str:
        return f"from {w.time:%H:%M} {_day_words(w.days_before)}"

    @staticmethod
    def until(w: CancelWindow) -> str:
        return f"before {w.time:%H:%M} {_day_words(w.days_before)}"


class Start(Opening):
    @staticmethod
    def price(w: CancelWindow, start: dt.datetime, begins: dt.datetime, zone) -> dt.datetime:
        return begins + dt.timedelta(microseconds=1)

    @staticmethod
    def formula(w: CancelWindow, date: str, when: str) -> tuple[str, str]:
        return "IF({cl}<0,1,0)", "0.5"

    @staticmethod
    def words(w: CancelWindow) -> str:
        return "after the start"

    @staticmethod
    def until(w: CancelWindow) -> str:
        return "before the start"


OPENINGS: dict[str, type[Opening]] = {"approved": Approved, "hours_before": HoursBefore, "clock_time": ClockTimeBefore,
                                      "start_day": StartDay, "start": Start}


# --- what an open window charges: one class per variant ---------------------------------------------

class Charging:
    """`price`: (seconds billed per position at least, why) from the seconds kept and the minimum, None for the full
    shift; `formula`: the minutes charged per position, from {kept} and the job's minimum; `words`."""

    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        raise NotImplementedError

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        raise NotImplementedError

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        raise NotImplementedError


class Nothing(Charging):
    """No charge for the cancelled part; hours already worked are billed with the minimum."""

    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        return (minimum, "hours worked") if kept else (0, "")

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        return f"IF({{kept}}>0,MAX({{kept}},{minimum}),0)"

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        return "no charge for the shift itself" if w.admin_fee else "no charge"


class Hours_(Charging):
    """A number of hours per position at the job's rate."""

    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        return money.seconds(w.charge_hours), f"{money.hours_text(w.charge_hours)} hours charged"

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        return f"MAX({num(w.charge_hours * 60)},{{kept}})"

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        return f"{_hours(w.charge_hours)} hours per position at the job's rate"


class MinimumOrWorked(Charging):
    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        return minimum, "hours worked" if kept >= minimum else "the minimum hours"

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        return f"MAX({{kept}},{minimum})"

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        minimum = f"the {_hours(spec.minimum_hours.hours)}-hour minimum" if spec.minimum_hours else "the minimum"
        return f"per position, the greater of hours worked and {minimum} at the total rate"


class Full(Charging):
    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        return None

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        return "0"

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        return "the full amount of the shift"


class Share(Charging):
    """A share of each shift as quoted ("50% of the quote"), officers, vehicles and all, rounded once per shift."""

    @staticmethod
    def price(w: CancelWindow, kept: int, minimum: int) -> tuple[int, str] | None:
        return None  # worked out from the shift's lines as quoted (cancellation._Charging.full_shift)

    @staticmethod
    def formula(w: CancelWindow, minimum: str) -> str:
        return "0"  # the line's amount as quoted, times the share (cancel_columns)

    @staticmethod
    def words(w: CancelWindow, spec: AgencyFile) -> str:
        return f"{number(w.charge_percent)}% of the shift as quoted"


CHARGES: dict[str, type[Charging]] = {"nothing": Nothing, "hours": Hours_, "minimum_or_worked": MinimumOrWorked, "full": Full,
                                      "percent": Share}


class CancelReason(Cited):
    """Windows of their own for a cancellation made for one reason (a weather cancellation needs 4 hours' notice)."""

    label: Text
    job_types: Annotated[list[Key], Field(min_length=1)] | None = Field(
        None, description="The job types the reason counts for (outdoor events); none: every job type."
    )
    windows: Annotated[list[CancelWindow], Field(min_length=1)] = Field(
        description="These windows replace the cancellation's own for this reason."
    )


class Cancellation(Strict):
    windows: Annotated[list[CancelWindow], Field(min_length=1)]
    reasons: Annotated[dict[Key, CancelReason], Field(max_length=10)] = Field(
        default_factory=dict, description="Reasons for cancelling that have windows of their own."
    )
    admin_fee_hours: Hours | None = Field(
        None, description="The administrative fee covers the position-hours inside this many hours of the original assignment's start."
    )
    reduced_after_start: Literal["full", "minimum_or_worked"] = Field(
        "minimum_or_worked", description="A shift shortened after its start: billed in full, or as worked."
    )
    full_once_half_worked: bool = Field(
        False, description="A shift cancelled or cut short once more than half of it is worked is billed in full as scheduled."
    )
    line: Lines | None = None

    @property
    def all_windows(self) -> list[CancelWindow]:
        """The usual windows, then each reason's."""
        return [*self.windows, *(w for r in self.reasons.values() for w in r.windows)]

    @property
    def flat_fees(self) -> bool:
        """Whether any window charges a cancellation fee of its own, once for the job or per position."""
        return any(w.flat_fee or w.fee_per_position for w in self.all_windows)


def words(spec: AgencyFile, job_label) -> Iterator[tuple[str, str, Lines | None]]:
    """Each window in words, running until the next one opens; then each reason's windows."""
    c = spec.cancellation
    for w, following in _closing(c.windows):
        said = w.words(spec, following)
        yield "cancellation", said[:1].upper() + said[1:] + ".", w.line
    if c.full_once_half_worked:
        yield "cancellation", "A shift cancelled or cut short once more than half of it is worked is billed in full.", c.line
    for reason in c.reasons.values():
        only = f" ({', '.join(job_label(j).lower() for j in reason.job_types)} jobs only)" if reason.job_types else ""
        for w, following in _closing(reason.windows):
            yield "cancellation", f"{reason.label}{only}: {w.words(spec, following)}.", w.line


def _closing(windows: list[CancelWindow]) -> Iterator[tuple[CancelWindow, CancelWindow | None]]:
    """Each window with the next, which closes it; None where a later one closes it for some start times, jobs or
    shifts only, so that its words do not say it ends for all."""
    for k, w in enumerate(windows):
        following = windows[k + 1] if k + 1 < len(windows) else None
        if following is not None and (following.starts_before or following.starts_from) \
                or any(later.when is not None for later in windows[k + 1:]):
            following = None
        yield w, following


def check_windows(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Reasons name declared job types; no two windows of a set open at once; a window keeps only a deposit or fees
    the agency has; a fee window has its fee hours; a window by a condition on the shift is not of a detail that runs on."""
    c = spec.cancellation
    if c is None:
        return
    sets = [("cancellation.windows", c.windows)]
    for key, reason in c.reasons.items():
        sets.append((f"cancellation.reasons.{key}.windows", reason.windows))
        for j in reason.job_types or ():
            yield from where.known("job type", set(spec.job_types), j, f"cancellation.reasons.{key}.job_types")
    for field, windows in sets:
        opens = [(w.opens, w.hours, w.time, w.days_before, w.starts_before, w.starts_from,
                  None if w.when is None else identity(w.when)) for w in windows]
        if len(set(opens)) != len(opens):
            yield where(field, "two windows open at the same moment")
        if any(w.keeps_deposit for w in windows) and not (spec.payment and spec.payment.deposit):
            yield where(field, "a window keeps the deposit: give the deposit in [payment] (deposit = { percent = ... })")
        if any(w.keeps_fees for w in windows) and not spec.fees:
            yield where(field, "a window keeps the fees on top, but the agency adds none: give them in [fees.NAME] "
                        "(per_job = ..., percent = ...), or drop keeps_fees")
        for i, w in enumerate(windows):
            if spec.hours_added == "run_on" and not w.on_job:
                yield where(f"{field}[{i}].when", "with hours_added = 'run_on', a cancellation window's condition tests "
                            "the job (its type, customer or facts), not its days or hours: the window judges the shift "
                            "as scheduled, where the workbook's lines run on past their end")
        if any(w.admin_fee for w in windows) and (c.admin_fee_hours is None or spec.admin_fee is None):
            yield where("cancellation.admin_fee_hours", "required: a window charges the administrative fee; give admin_fee_hours and an [admin_fee] section")


VARIANTS = (*OPENINGS.values(), *CHARGES.values())
CHECKS = (check_windows,)
