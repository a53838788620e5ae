"""The agency file format: one agency's published rules, gathered from each rule kind's models.

Every model forbids unknown keys and is immutable. Each entry that carries a
published number cites the line(s) of the agency's page it comes from
(`line`). The kinds of rule live in `rules/`, one module each; this file
holds who the agency is and how the kinds fit into one file. Checks that need
the whole file are each kind's `CHECKS`, which the loader runs once these
models validate.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from .rules.model import Field

from .rules.base import Cited, Key, Lines, Strict, Text
from .rules.billing import Billing, BillingWhen, MinimumHours
from .rules.cancellation import Cancellation
from .rules.conditions import LeadTime
from .rules.facts import Fact
from .rules.fees import AddedFee, AdminFee, CustomerClass
from .rules.holidays import Holidays
from .rules.overtime import Overtime
from .rules.payment import Payment, PaymentWhen
from .rules.premiums import Premium
from .rules.rates import JobType, RateTable, Tier
from .rules.staffing import Staffing
from .rules.vehicles import Vehicles

# Topics a note can be attached to: a quote shows the notes of the topics it used.
Topic = Literal[
    "general", "rates", "job_types", "holidays", "notice", "minimum", "overtime",
    "staffing", "vehicles", "admin_fee", "cancellation", "payment",
]


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
    hours_added: Literal["highest_rate", "run_on"] = Field(
        "highest_rate", description="How the hours added to reach the minimum or a block are priced: at the shift's "
        "highest rate (RULES 8), or as if the detail ran on past its end to the hours billed."
    )
    billing_when: Annotated[list[BillingWhen], Field(max_length=10)] = Field(
        default_factory=list, description="The minimum and billing for jobs that meet a condition on the job, in place "
        "of the job type's: the first that holds applies."
    )
    overtime: Overtime | None = None
    lead_time: LeadTime | None = None
    holidays: Holidays | None = None
    staffing: Staffing | None = None
    vehicles: Vehicles | None = None
    admin_fee: AdminFee | None = None
    customer_classes: Annotated[dict[Key, CustomerClass], Field(max_length=20)] = Field(default_factory=dict)
    facts: Annotated[dict[Key, Fact], Field(max_length=4)] = Field(
        default_factory=dict, description="Facts of the event the agency prices or staffs by (alcohol served, attendance)."
    )
    fees: Annotated[dict[Key, AddedFee], Field(max_length=10)] = Field(
        default_factory=dict, description="Fees added on top of the charges, in the order they are listed."
    )
    cancellation: Cancellation | None = None
    payment: Payment | None = None
    payment_when: Annotated[list[PaymentWhen], Field(max_length=10)] = Field(
        default_factory=list, description="Payment terms for jobs that meet a condition on the job, in place of the "
        "agency's or waiving them: the first that holds applies."
    )
    prohibited: list[Prohibition] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

    def billing_for(self, job: str) -> Billing | None:
        """How a job type's hours are billed past the minimum: its own blocks or steps, or the agency's."""
        return self.job_types[job].billing or self.billing

    def lead_time_for(self, job: str) -> LeadTime | None:
        """The notice a job type needs: its own, or the agency's."""
        return self.job_types[job].lead_time or self.lead_time

    @property
    def lead_times(self) -> dict[str, LeadTime]:
        """Each job type's notice, where it has one (its own or the agency's)."""
        return {k: rule for k in self.job_types if (rule := self.lead_time_for(k)) is not None}
