"""Vehicles: what a vehicle costs the position that brings it, and when one is required.

Each basis of charge is a class below with its price, its formula and its
words; `Vehicles` holds the published figures and when vehicles are required.
"""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from .model import Field, model_validator

from .. import money
from ..formulas import num
from .base import Cited, HandlingHours, Hours, Money, Percent, Strict, number
from .combine import Trigger, for_rule, job_meets, meets
from .conditions import ClockBand, Context, Job

if TYPE_CHECKING:
    from ..errors import Problem
    from ..rulebook import AgencyFile
    from .checks import Where


class VehicleBand(Strict):
    """One band of a charge by length: `amount` a shift for hours up to and including `up_to_hours` (the last: above)."""

    up_to_hours: Hours | None = None
    amount: Money


class Vehicles(Cited):
    """What a vehicle costs, for the position that brings it, and when one is required."""

    basis: Literal["per_hour", "per_shift", "first_hour", "percent_of_labour", "officer_time", "by_length", "unpublished",
                   "no_charge"] = Field(
        "per_hour", description="per_hour: rate for each hour charged; per_shift: rate once a shift; first_hour: rate for "
        "the first hour and further_rate for each hour after it; percent_of_labour: percent of the position's hourly "
        "charge; officer_time: no charge of its own, only handling_hours of the officer's time; by_length: an amount "
        "a shift by the band its hours fall in; unpublished: required but not priced, so a quote that needs one is "
        "incomplete; no_charge: the page says a vehicle costs nothing."
    )
    rate: Money | None = None
    bands: Annotated[list[VehicleBand], Field(min_length=2, max_length=6)] | None = Field(
        None, description="For basis = 'by_length': an amount by the hours charged, in rising bands; the last has no up_to_hours."
    )
    hours: Literal["billed", "scheduled"] = Field(
        "billed", description="The hours a vehicle is charged for: its officer's billed hours (minimum and steps "
        "included), or the scheduled hours only (\"actual hours deployed\")."
    )
    started_hours: bool = Field(
        False, description="Each started hour is charged as a whole one (\"per hour or any part of an hour\")."
    )
    further_rate: Money | None = Field(None, description="For basis = 'first_hour': each billed hour after the first.")
    percent: Percent | None = Field(None, description="For basis = 'percent_of_labour'.")
    handling_hours: HandlingHours = Decimal(0)
    required: Literal["never", "always", "night", "when"] = Field(
        "never", description="always: one vehicle per position on every shift; night: on a shift with any hour in `night`; "
        "when: on every shift of a job that meets `when` (a condition on the job: a road job, a public way)."
    )
    night: ClockBand | None = Field(None, description="For required = 'night': the hours that count as night.")
    when: Trigger | None = Field(None, description="For required = 'when': the condition on the job.")
    charge_when: Trigger | None = Field(
        None, description="The vehicle's own charge applies only to jobs that meet this condition on the job (its type, "
        "customer or facts), or shifts that meet it on any of their hours: on any other a vehicle costs nothing of its "
        "own (\"no charge for town departments\", \"no cruiser charge on holidays\"), while handling_hours, the "
        "officer's time, are billed on every job."
    )

    @cached_property
    def charge(self) -> type[Charge]:
        """How a vehicle is charged: the variant class of its basis."""
        return BASES[self.basis]

    @model_validator(mode="after")
    def _consistent(self) -> Vehicles:
        needs = BASES[self.basis].needs
        given = {k for k in ("rate", "further_rate", "percent", "bands") if getattr(self, k) is not None}
        if given != needs:
            wanted = " and ".join(sorted(needs)) or "none of rate, further_rate, percent and bands"
            raise ValueError(f"basis = {self.basis!r} takes {wanted}")
        if self.basis in ("no_charge", "unpublished") and self.handling_hours:
            raise ValueError(f"basis = {self.basis!r} takes no handling_hours: a vehicle that costs officer time is 'officer_time'")
        if self.basis == "officer_time" and not self.handling_hours:
            raise ValueError("basis = 'officer_time' needs handling_hours: the officer's time a vehicle costs")
        if (self.required == "night") != (self.night is not None):
            raise ValueError("night goes with required = 'night', and only with it")
        if (self.required == "when") != (self.when is not None):
            raise ValueError("when goes with required = 'when', and only with it")
        if self.started_hours and not self.charge.by_hours:
            raise ValueError(f"started_hours goes with a charge by the hour or by length, not basis = {self.basis!r}")
        if self.bands is not None:
            tops = [b.up_to_hours for b in self.bands]
            if tops[-1] is not None or None in tops[:-1]:
                raise ValueError("every band but the last has up_to_hours; the last takes every length above")
            if any(a >= b for a, b in zip(tops, tops[1:-1])):
                raise ValueError("bands must rise: each up_to_hours above the one before")
        return self

    def charged_seconds(self, scheduled: int, billed: int) -> int:
        """The seconds a vehicle is charged for, from its officer's scheduled and billed seconds."""
        seconds = scheduled if self.hours == "scheduled" else billed
        return -(-seconds // 3600) * 3600 if self.started_hours else seconds

    def charged_formula(self, scheduled: str, billed: str) -> str:
        """The same in the workbook, in minutes."""
        minutes = scheduled if self.hours == "scheduled" else billed
        return f"ROUNDUP({minutes}/60,0)*60" if self.started_hours else minutes

    def charged_for(self, job: Job | None, shift: Context | None = None) -> bool:
        """Whether a vehicle on this job (and, given its context, this shift) is charged for by its basis
        (charge_when); its handling time is billed anyway."""
        return meets(self.charge_when, job, shift)

    def required_for(self, job: Job | None) -> bool:
        """Whether a job's shifts need a vehicle per position by the job itself (required = 'when')."""
        return self.when is not None and job_meets(self.when, job)

    def when_required(self) -> str:
        """The shifts on which a vehicle per position is required, in words."""
        if self.required == "when":
            return f"the shifts of {self.when.words().removeprefix('every hour of ')}"
        return "all shifts" if self.required == "always" else \
            f"shifts with any hour between {self.night.start:%H:%M} and {self.night.end:%H:%M}"

    def words(self) -> str:
        extra = f", plus {number(self.handling_hours)} hours of the officer's time" if self.handling_hours else ""
        if self.charge_when is not None:
            extra = f", {for_rule(self.charge_when)}{extra}{' on every job' if extra else ''}"
        need = {"never": "", "always": "; required on every shift",
                "night": f"; required on a shift with any hour between {self.night.start:%H:%M} and {self.night.end:%H:%M}"
                if self.night else "", "when": f"; required on {self.when_required()}" if self.when else ""}
        hours = ", for the scheduled hours only (not the officer's minimum)" if self.hours == "scheduled" else ""
        hours += ", each started hour as a whole hour" if self.started_hours else ""
        return f"Vehicle: {self.charge.words(self)}{hours}{extra}{need[self.required]}."


class Charge:
    """One basis of vehicle charge: `price` (rate shown, amount) for a position billed `billed` seconds for `labour`,
    `formula` (what a vehicle adds to its position's charge, from its billed minutes and charge), `words`."""

    label = "Vehicle"
    needs: frozenset[str] = frozenset()
    by_hours = False  # whether the charge depends on the hours charged

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        raise NotImplementedError

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        raise NotImplementedError

    @staticmethod
    def words(v: Vehicles) -> str:
        raise NotImplementedError


class PerHour(Charge):
    by_hours = True
    needs = frozenset({"rate"})

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return v.rate, money.amount(billed, v.rate)

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return f"+ROUND({billed}*VehicleRate/60,2)"

    @staticmethod
    def words(v: Vehicles) -> str:
        return f"${v.rate:.2f} for each billed hour"


class PerShift(Charge):
    label = "Vehicle, per shift"
    needs = frozenset({"rate"})

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return v.rate, v.rate

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return "+VehicleRate"

    @staticmethod
    def words(v: Vehicles) -> str:
        return f"${v.rate:.2f} a shift"


class FirstHour(Charge):
    by_hours = True
    label = "Vehicle, first hour and after"
    needs = frozenset({"rate", "further_rate"})

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return v.rate, v.rate + money.amount(max(0, billed - 3600), v.further_rate)

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return f"+VehicleRate+ROUND(MAX(0,{billed}-60)*VehicleFurther/60,2)"

    @staticmethod
    def words(v: Vehicles) -> str:
        return f"${v.rate:.2f} for the first billed hour and ${v.further_rate:.2f} for each hour after"


class PercentOfLabour(Charge):
    label = "Vehicle, share of the officer's charge"
    needs = frozenset({"percent"})

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        rate = money.percent_of(labour, v.percent)
        return rate, rate

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return f"+ROUND({each}*VehiclePercent/100,2)"

    @staticmethod
    def words(v: Vehicles) -> str:
        return f"{number(v.percent)}% of its officer's hourly charge"


class ByLength(Charge):
    """An amount a shift by the band its hours fall in ($25.00 up to 4 hours, $50.00 over)."""

    label = "Vehicle, by length of detail"
    by_hours = True
    needs = frozenset({"bands"})

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        amount = next(b.amount for b in v.bands if b.up_to_hours is None or billed <= money.seconds(b.up_to_hours))
        return amount, amount

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        out = num(v.bands[-1].amount)
        for band in reversed(v.bands[:-1]):
            out = f"IF({billed}<={num(band.up_to_hours * 60)},{num(band.amount)},{out})"
        return f"+{out}"

    @staticmethod
    def words(v: Vehicles) -> str:
        low, parts = None, []
        for band in v.bands:
            span = f"over {number(low)} hours" if band.up_to_hours is None else \
                f"up to {number(band.up_to_hours)} hours" if low is None else f"over {number(low)} up to {number(band.up_to_hours)} hours"
            parts.append(f"${band.amount:.2f} a shift {span}")
            low = band.up_to_hours
        return "; ".join(parts)


class Unpublished(Charge):
    """Required by the page, priced nowhere: a quote with a vehicle is incomplete rather than silently free."""

    label = "Vehicle, rate not published"

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return None  # the engine marks the quote incomplete (positions.vehicle_line)

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return ""  # the line says it cannot be priced (calc: novehicle)

    @staticmethod
    def words(v: Vehicles) -> str:
        return "no rate is published (a quote that needs one is incomplete)"


class NoCharge(Charge):
    """The page says so: "there will be no additional fee for the use of a marked police vehicle"."""

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return None

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return ""

    @staticmethod
    def words(v: Vehicles) -> str:
        return "no charge"


class OfficerTime(Charge):
    """No charge of its own: the vehicle costs only the handling time billed to its officer."""

    @staticmethod
    def price(v: Vehicles, billed: int, labour: Decimal) -> tuple[Decimal, Decimal] | None:
        return None

    @staticmethod
    def formula(v: Vehicles, billed: str, each: str) -> str:
        return ""

    @staticmethod
    def words(v: Vehicles) -> str:
        return "no charge of its own"


BASES: dict[str, type[Charge]] = {"per_hour": PerHour, "per_shift": PerShift, "first_hour": FirstHour,
                                  "percent_of_labour": PercentOfLabour, "officer_time": OfficerTime, "by_length": ByLength,
                                  "unpublished": Unpublished, "no_charge": NoCharge}
VARIANTS = tuple(BASES.values())


def check_charge_when(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A vehicle charge by condition scopes a charge: a basis with none of its own has nothing for it to scope."""
    v = spec.vehicles
    if v is not None and v.charge_when is not None and v.basis in ("no_charge", "officer_time"):
        what = "costs nothing" if v.basis == "no_charge" else "costs only its officer's handling time, which is billed on every job"
        yield where("vehicles.charge_when", f"basis = {v.basis!r}: a vehicle {what}, so there is no charge for a condition "
                                            "to limit; give the basis and rate it is charged at for the jobs that meet it")


CHECKS = (check_charge_when,)
