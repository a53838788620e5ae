"""The agency file format: pydantic models of one agency's published rules.

Every model forbids unknown keys and is immutable. Each entry that carries a
published number cites the line(s) of the agency's page it comes from
(`line`). Checks that need the whole file (unknown roles, overlapping tiers)
live in `loader.semantic_problems`, which runs once these models validate.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DayKind = Literal["holiday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Topics a note can be attached to: a quote shows the notes of the topics it used.
Topic = Literal[
    "general", "rates", "job_types", "holidays", "notice", "minimum", "overtime",
    "staffing", "vehicles", "admin_fee", "cancellation", "payment",
]


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


_NUMBER_SCHEMA = {"type": "number"}
Number = Annotated[Decimal, BeforeValidator(_finite_number)]
Money = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, decimal_places=2, max_digits=10),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}),
]
Hours = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, le=168),
    AfterValidator(_whole_seconds),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 168}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_finite_number),
    Field(gt=0, lt=100, decimal_places=4),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 100}),
]
PageLine = Annotated[int, Field(ge=1, le=100_000)]
Lines = PageLine | Annotated[list[PageLine], Field(min_length=1)]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


class Cited(Strict):
    line: Lines = Field(description="The line(s) of the agency's page this entry comes from.")


# --- identity -------------------------------------------------------------

class Source(Strict):
    """A published page the file is read from."""

    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._+-]*\.txt$")] | None = Field(
        None, description="The saved text of the page, under pages/, that `line` numbers refer to."
    )
    retrieved: dt.date | None = None


class Role(Strict):
    label: Text
    line: Lines | None = None


class JobType(Cited):
    label: Text
    minimum_hours: Hours | None = Field(None, description="Replaces the agency's minimum for this job type.")
    permit: Text | None = Field(None, description="A warning that a permit must accompany the request.")
    flat_price: Money | None = Field(
        None, description="Each position costs this much per shift, whatever its length: no hourly rate, minimum, "
        "overtime or premium applies (a funeral escort)."
    )


# --- tiers ----------------------------------------------------------------

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


class NoticeTrigger(Strict):
    """A tier that applies to every hour of a shift requested at short notice."""

    kind: Literal["short_notice"]
    under_hours: Hours = Field(description="Applies when the request comes strictly less than this many hours before the start.")


def _clock_time(value: Any) -> dt.time:
    """'22:00' → 22:00: a wall-clock time of day, to the minute."""
    if not isinstance(value, str) or not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        raise ValueError("must be a time of day written HH:MM, such as \"22:00\"")
    return dt.time(int(value[:2]), int(value[3:]))


ClockTime = Annotated[dt.time, BeforeValidator(_clock_time),
                      WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"})]


class LengthTrigger(Strict):
    """A tier for every hour of a shift longer than `over_hours` (rates by length of detail)."""

    kind: Literal["length"]
    over_hours: Hours = Field(description="Applies when the scheduled shift is strictly longer than this many hours.")


class CutoffTrigger(Strict):
    """A tier for every hour of a shift ordered at or after a clock time on a day before it starts."""

    kind: Literal["ordered_after"]
    time: ClockTime = Field(description="The cut-off, HH:MM on the agency's wall clock.")
    days_before: Annotated[int, Field(ge=0, le=14)] = Field(
        1, description="The cut-off's day: this many days before the shift's start date (0: the same day)."
    )


class ClockBand(Strict):
    """A daily stretch of the wall clock; an end at or before the start is the next day."""

    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _differ(self) -> ClockBand:
        if self.start == self.end:
            raise ValueError("start and end must differ")
        return self


class BandTrigger(ClockBand):
    """The hours of a shift inside a daily time-of-day band (23:00-07:00 crosses midnight)."""

    kind: Literal["time_band"]


Trigger = Annotated[CalendarTrigger | NoticeTrigger | LengthTrigger | CutoffTrigger, Field(discriminator="kind")]
# One condition standing alone may also be a time band.
Condition = Annotated[CalendarTrigger | NoticeTrigger | LengthTrigger | CutoffTrigger | BandTrigger,
                      Field(discriminator="kind")]


class Tier(Cited):
    label: Text
    when: Condition | Annotated[list[Trigger], Field(min_length=2, max_length=4)] | None = Field(
        None, description="When the tier applies by itself: one condition, or a list that must all hold; none for the base tier. "
        "A time band stands alone: its rate replaces the hour's rate inside the band (the highest rate still wins)."
    )
    selectable: bool = Field(False, description="The customer may choose this tier (a voluntary priority).")

    @property
    def conditions(self) -> tuple:
        """The tier's conditions, all of which must hold: () for the base tier and chosen priorities."""
        when = self.when
        return () if when is None else tuple(when) if isinstance(when, list) else (when,)


class Premium(Cited):
    """An add-on on top of the hour's rate, for the scheduled hours that meet its condition; premiums stack."""

    label: Text
    when: Condition | Annotated[list[Condition], Field(min_length=2, max_length=4)] | None = Field(
        None, description="The hours it covers: one condition, or a list that must all hold; none: every hour."
    )
    per_hour: Money | None = Field(None, description="Dollars added to each hour it covers.")
    rate: Money | None = Field(None, description="A replacement rate: each hour it covers is paid at least this "
                               "(the difference to the hour's own rate is added; a higher rate still wins).")
    percent: Percent | None = Field(None, description="This percentage of each covered hour's rate is added.")
    multiplier: Annotated[Decimal, BeforeValidator(_finite_number), Field(gt=1, le=5, decimal_places=4),
                          WithJsonSchema({"type": "number", "exclusiveMinimum": 1, "maximum": 5})] | None = Field(
        None, description="Each covered hour is paid at its rate times this (the premium is the difference)."
    )
    first_hours: Hours | None = Field(None, description="Only the first this many hours of each position's shift.")
    after_hours: Hours | None = Field(None, description="Only the hours past this many of each position's shift.")
    roles: Annotated[list[Key], Field(min_length=1)] | None = Field(None, description="None: every role.")

    @property
    def conditions(self) -> tuple:
        when = self.when
        return () if when is None else tuple(when) if isinstance(when, list) else (when,)

    @model_validator(mode="after")
    def _consistent(self) -> Premium:
        if sum(x is not None for x in (self.per_hour, self.percent, self.multiplier, self.rate)) != 1:
            raise ValueError("give exactly one of per_hour, percent, multiplier and rate")
        if self.first_hours is not None and self.after_hours is not None:
            raise ValueError("give first_hours or after_hours, not both")
        bands = [c for c in self.conditions if isinstance(c, BandTrigger)]
        if bands and (len(self.conditions) > 1 or self.first_hours or self.after_hours):
            raise ValueError("a time band stands alone: no other condition, first_hours or after_hours with it")
        return self


# --- rates ----------------------------------------------------------------

class RateRow(Cited):
    role: Key | Annotated[list[Key], Field(min_length=1)]
    tier: Key
    job_types: Annotated[list[Key], Field(min_length=1)] | None = Field(
        None, description="Overrides the table's job types for this row."
    )
    rate: Money = Field(description="Hourly rate the customer pays.")
    overtime: Money | None = Field(None, description="Hourly rate past the overtime threshold.")
    pay: Money | None = Field(None, description="The officer's share of `rate`, where published.")

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role,) if isinstance(self.role, str) else tuple(self.role)


class RateTable(Cited):
    title: Text
    job_types: Annotated[list[Key], Field(min_length=1)] | None = Field(None, description="None: every job type.")
    rows: Annotated[list[RateRow], Field(min_length=1)]


def _whole_minutes(value: Decimal) -> Decimal:
    if (value * 60) % 1:
        raise ValueError("must be a whole number of minutes (for example 0.25 or 0.5 hours)")
    return value


Minutes = Annotated[Hours, AfterValidator(_whole_minutes)]


class MinimumHours(Cited):
    hours: Hours


class Billing(Cited):
    """How billed hours are rounded up past the minimum, per position per shift (after vehicle handling time)."""

    increment_hours: Minutes | None = Field(
        None, description="Bill in steps of this many hours past the minimum (or past the last block)."
    )
    blocks: Annotated[list[Minutes], Field(min_length=1, max_length=12)] | None = Field(
        None, description="Bill the smallest of these blocks that covers the hours: a shift past one jumps to the next."
    )

    @model_validator(mode="after")
    def _some(self) -> Billing:
        if self.increment_hours is None and self.blocks is None:
            raise ValueError("give increment_hours, blocks, or both")
        if self.blocks is not None and sorted(set(self.blocks)) != self.blocks:
            raise ValueError("blocks must rise, each longer than the one before")
        return self


class Overtime(Cited):
    """Hours past the threshold at an overtime rate: each row's own, or the rate times a multiplier, or one fixed rate."""

    after_hours: Hours = Field(description="Hours per position per shift billed before overtime starts.")
    multiplier: Annotated[Decimal, BeforeValidator(_finite_number), Field(gt=1, le=5, decimal_places=4),
                          WithJsonSchema({"type": "number", "exclusiveMinimum": 1, "maximum": 5})] | None = Field(
        None, description="A row with no overtime rate of its own pays its rate times this, rounded to the cent."
    )
    rate: Money | None = Field(None, description="A row with no overtime rate of its own pays this.")
    cap: Money | None = Field(None, description="No overtime rate is above this.")

    @model_validator(mode="after")
    def _one_rule(self) -> Overtime:
        if self.multiplier is not None and self.rate is not None:
            raise ValueError("give either multiplier or rate, not both")
        return self


class LeadTime(Cited):
    required_hours: Hours = Field(description="Notice the agency asks for; less only raises a warning.")


# --- holidays -------------------------------------------------------------

class _HolidayBase(Strict):
    name: Text
    offset_days: Annotated[int, Field(ge=-7, le=7)] = Field(0, description="Days after (+) or before (-) the date the rule computes.")
    from_: ClockTime | None = Field(None, alias="from", description="A partial day: the holiday starts at this time "
                                    "of its day (New Year's Eve from 12:00); none: the whole day.")
    observed: Literal["nearest_weekday", "following_monday"] | None = Field(
        None, description="A holiday on a weekend is also kept on a weekday: nearest_weekday, Saturday's on the "
        "Friday before and Sunday's on the Monday after; following_monday, either on the Monday after."
    )


class FixedHoliday(_HolidayBase):
    rule: Literal["fixed"]
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]

    @model_validator(mode="after")
    def _real_date(self) -> FixedHoliday:
        try:
            dt.date(2001, self.month, self.day)  # a common year: Feb 29 resolves to no date in most years
        except ValueError:
            raise ValueError(f"month {self.month} day {self.day} resolves to no date in most years") from None
        return self


class NthWeekdayHoliday(_HolidayBase):
    rule: Literal["nth_weekday"]
    month: Annotated[int, Field(ge=1, le=12)]
    weekday: Weekday
    nth: Annotated[int, Field(ge=1, le=4, description="1 to 4; use last_weekday for the last one.")]


class LastWeekdayHoliday(_HolidayBase):
    rule: Literal["last_weekday"]
    month: Annotated[int, Field(ge=1, le=12)]
    weekday: Weekday


class EasterHoliday(_HolidayBase):
    rule: Literal["easter"]


class DatedHoliday(Strict):
    """Holidays no rule computes (Rosh Hashanah): an explicit list of dates."""

    name: Text
    rule: Literal["dates"]
    dates: Annotated[list[dt.date], Field(min_length=1)]
    from_: ClockTime | None = Field(None, alias="from", description="A partial day: the holiday starts at this time.")


HolidayRule = Annotated[
    FixedHoliday | NthWeekdayHoliday | LastWeekdayHoliday | EasterHoliday | DatedHoliday,
    Field(discriminator="rule"),
]


class Holidays(Strict):
    line: Lines | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Take a country's public holidays from the holidays library."
    )
    subdivision: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,3}$")] | None = None
    observed: bool = Field(False, description="Also keep the country's holidays on the weekdays its law observes them on.")
    rules: list[HolidayRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some(self) -> Holidays:
        if self.country is None and not self.rules:
            raise ValueError("give a country or at least one rule")
        if self.subdivision and not self.country:
            raise ValueError("a subdivision needs a country")
        if self.observed and not self.country:
            raise ValueError("observed is for a country's calendar; give each rule its own observed")
        return self


# --- staffing, vehicles, fees --------------------------------------------

class SupervisorRule(Cited):
    role: Key
    of: Key | None = Field(None, description="The role counted; none: the officers requested.")
    from_: Annotated[int, Field(ge=1, le=10_000)] = Field(alias="from", description="Applies once the count reaches this.")
    per: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None, description="One for each started group of this many; none: exactly one."
    )


class Staffing(Strict):
    mode: Literal["added", "substituted"] = Field(
        description="added: supervisors come on top of the officers requested; "
        "substituted: they are counted within the number requested."
    )
    base_role: Key = "officer"
    override_role: Key | None = Field(None, description="The role a supervisor override sets; default the first rule's.")
    may_lower: bool = Field(
        False, description="The page lets the count be set below what its rule gives (\"may adjust\", \"case by case\"): "
        "a lower count is priced with a warning. Otherwise an override may only add supervisors (RULES 19)."
    )
    supervisors: list[SupervisorRule] = Field(default_factory=list)
    line: Lines | None = None


class Vehicles(Cited):
    """What a vehicle costs, for the position that brings it, and when one is required."""

    basis: Literal["per_hour", "per_shift", "first_hour", "percent_of_labour", "officer_time"] = Field(
        "per_hour", description="per_hour: rate for each billed hour; per_shift: rate once a shift; first_hour: rate for "
        "the first hour and further_rate for each hour after it; percent_of_labour: percent of the position's hourly "
        "charge; officer_time: no charge of its own, only handling_hours of the officer's time."
    )
    rate: Money | None = None
    further_rate: Money | None = Field(None, description="For basis = 'first_hour': each billed hour after the first.")
    percent: Percent | None = Field(None, description="For basis = 'percent_of_labour'.")
    handling_hours: Annotated[Decimal, BeforeValidator(_finite_number), Field(ge=0, le=8), AfterValidator(_whole_seconds),
                              WithJsonSchema({"type": "number", "minimum": 0, "maximum": 8})] = Decimal(0)
    required: Literal["never", "always", "night"] = Field(
        "never", description="always: one vehicle per position on every shift; night: on a shift with any hour in `night`."
    )
    night: ClockBand | None = Field(None, description="For required = 'night': the hours that count as night.")

    @model_validator(mode="after")
    def _consistent(self) -> Vehicles:
        needs = {"per_hour": {"rate"}, "per_shift": {"rate"}, "first_hour": {"rate", "further_rate"},
                 "percent_of_labour": {"percent"}, "officer_time": set()}[self.basis]
        given = {k for k in ("rate", "further_rate", "percent") if getattr(self, k) is not None}
        if given != needs:
            wanted = " and ".join(sorted(needs)) or "none of rate, further_rate and percent"
            raise ValueError(f"basis = {self.basis!r} takes {wanted}")
        if self.basis == "officer_time" and not self.handling_hours:
            raise ValueError("basis = 'officer_time' needs handling_hours: the officer's time a vehicle costs")
        if (self.required == "night") != (self.night is not None):
            raise ValueError("night goes with required = 'night', and only with it")
        return self


class MoneyRange(Strict):
    low: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> MoneyRange:
        if self.low > self.high:
            raise ValueError("low is above high")
        return self


class AdminFee(Cited):
    basis: Literal["in_rate"] = Field(description="in_rate: the published total rate already holds the fee.")
    hourly: Money | MoneyRange | None = Field(None, description="The fee per position-hour, or its published range.")
    from_pay: bool = Field(False, description="The fee is each rate row's `rate` less its `pay`.")

    @model_validator(mode="after")
    def _one_source(self) -> AdminFee:
        if self.hourly is not None and self.from_pay:
            raise ValueError("give either hourly or from_pay, not both")
        return self


class CustomerClass(Cited):
    """A kind of customer some fees treat differently (registered charities, public bodies)."""

    label: Text


class AddedFee(Cited):
    """A fee added on top of the officers' and vehicles' charges, once per quote."""

    label: Text
    percent: Percent | None = Field(None, description="This percentage of the quote's charges, to the cent.")
    per_hour: Money | None = Field(None, description="Dollars for each billed position-hour.")
    per_job: Money | None = Field(None, description="Dollars once per quote.")
    classes: dict[Key, Annotated[Decimal, BeforeValidator(_finite_number), Field(ge=0, decimal_places=4),
                                 WithJsonSchema({"type": "number", "minimum": 0})]] = Field(
        default_factory=dict, description="The figure for a customer class, in place of the usual one (0: no fee)."
    )

    @property
    def basis(self) -> str:
        return "percent" if self.percent is not None else "per_hour" if self.per_hour is not None else "per_job"

    @property
    def value(self) -> Decimal:
        """The usual figure: the percentage or the dollars."""
        return self.percent if self.percent is not None else self.per_hour if self.per_hour is not None else self.per_job

    @model_validator(mode="after")
    def _one_basis(self) -> AddedFee:
        if sum(x is not None for x in (self.percent, self.per_hour, self.per_job)) != 1:
            raise ValueError("give exactly one of percent, per_hour and per_job")
        for key, figure in self.classes.items():
            if self.percent is not None and figure >= 100:
                raise ValueError(f"classes.{key}: a percentage must be below 100")
            if self.percent is None and figure != figure.quantize(Decimal("0.01")):
                raise ValueError(f"classes.{key}: dollars take at most 2 decimal places")
        return self


# --- cancellation and payment --------------------------------------------

class CancelWindow(Cited):
    """What a cancellation costs once this window has opened (the latest opened window applies)."""

    opens: Literal["approved", "hours_before", "clock_time", "start_day", "start"] = Field(
        description="approved: any time once approved; hours_before: `hours` before the start or later; "
        "clock_time: from `time` on the day `days_before` the start date ('after 12:00 the day before'); "
        "start_day: from 00:00 of the day the shift starts; start: after the start."
    )
    hours: Hours | None = None
    time: ClockTime | None = Field(None, description="For opens = 'clock_time': HH:MM on the agency's wall clock.")
    days_before: Annotated[int, Field(ge=0, le=14)] | None = Field(
        None, description="For opens = 'clock_time': that many days before the shift's start date (0: the same day)."
    )
    charge: Literal["nothing", "hours", "minimum_or_worked", "full"]
    charge_hours: Hours | None = Field(None, description="Hours per position, for charge = 'hours'.")
    admin_fee: bool = Field(False, description="Plus the administrative fee for the rest of the fee hours.")

    @model_validator(mode="after")
    def _consistent(self) -> CancelWindow:
        if (self.opens == "hours_before") != (self.hours is not None):
            raise ValueError("hours goes with opens = 'hours_before', and only with it")
        if (self.opens == "clock_time") != (self.time is not None) or (self.time is None) != (self.days_before is None):
            raise ValueError("time and days_before go with opens = 'clock_time', and only with it")
        if (self.charge == "hours") != (self.charge_hours is not None):
            raise ValueError("charge_hours goes with charge = 'hours', and only with it")
        return self


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
    line: Lines | None = None


class NetDays(Cited):
    days: Annotated[int, Field(ge=0, le=365)]


class Fee(Cited):
    fee: Money


class LateInterest(Cited):
    monthly_percent: Percent
    after_days: Annotated[int, Field(ge=0, le=365)]


class Suspension(Cited):
    after_days: Annotated[int, Field(ge=1, le=3650)]


class CardFee(Cited):
    percent: Percent
    minimum: Money | None = None


class Payment(Strict):
    due: NetDays | None = None
    returned_check: Fee | None = None
    late_interest: LateInterest | None = None
    suspension: Suspension | None = None
    card: CardFee | None = None
    ach: Fee | None = None


# --- warnings and notes ---------------------------------------------------

class Prohibition(Cited):
    text: Text
    venues: list[Annotated[str, Field(min_length=2, max_length=200)]] = Field(
        default_factory=list, description="Venue names that trigger a warning (matched ignoring case)."
    )


class Note(Strict):
    topic: Topic
    rule: Annotated[int, Field(ge=1, le=99)] | None = Field(None, description="The RULES.md paragraph this note repeats.")
    text: Text


# --- the file -------------------------------------------------------------

class AgencyFile(Strict):
    """One agency's published off-duty rules."""

    name: Text
    short_name: Annotated[str, Field(min_length=1, max_length=60)]
    time_zone: Annotated[str, Field(min_length=3, max_length=60)]
    broker: Text | None = None
    effective: dt.date | None = Field(None, description="The day this schedule took effect.")
    sources: Annotated[list[Source], Field(min_length=1)]
    roles: Annotated[dict[Key, Role], Field(min_length=1)]
    job_types: Annotated[dict[Key, JobType], Field(min_length=1)]
    default_job_type: Key = "regular"
    tiers: Annotated[dict[Key, Tier], Field(min_length=1)]
    base_tier: Key = "standard"
    rate_tables: Annotated[list[RateTable], Field(min_length=1)]
    premiums: Annotated[dict[Key, Premium], Field(max_length=20)] = Field(default_factory=dict)
    minimum_hours: MinimumHours | None = None
    billing: Billing | None = None
    overtime: Overtime | None = None
    lead_time: LeadTime | None = None
    holidays: Holidays | None = None
    staffing: Staffing | None = None
    vehicles: Vehicles | None = None
    admin_fee: AdminFee | None = None
    customer_classes: Annotated[dict[Key, CustomerClass], Field(max_length=20)] = Field(default_factory=dict)
    fees: Annotated[dict[Key, AddedFee], Field(max_length=10)] = Field(
        default_factory=dict, description="Fees added on top of the charges, in the order they are listed."
    )
    cancellation: Cancellation | None = None
    payment: Payment | None = None
    prohibited: list[Prohibition] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
