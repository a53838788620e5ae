"""An agency ready to price: its validated rules, and look-ups by name and by rate cell.

An Agency holds data only: what the engine works out once per agency and
remembers between calls lives in the engine's own `plan.Plan`.""" 

from __future__ import annotations

import datetime as dt
from functools import cached_property
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from . import clock, money
from .calendar import Calendar
from .errors import InputError, unknown
from .rulebook import AgencyFile, Note
from .rules.billing import Billing, BillingWhen
from .rules.combine import walk
from .rules.conditions import BandTrigger, CalendarTrigger, Context, Job
from .rules.facts import job_facts
from .rules.rates import JobType, RateRow
from .rules.staffing import Crew, crew


class Agency:
    """One agency's schedule, immutable and equal only to itself (each is a key of the engine's plans)."""

    key: str
    spec: AgencyFile
    zone: ZoneInfo
    calendar: Calendar
    source: Path | None
    cells: dict[tuple[str, str, str], RateRow]  # (role, job type, tier) → the published row
    earlier: tuple[Agency, ...]  # the agency's earlier schedules, oldest first: this one is the newest

    def __init__(self, key: str, spec: AgencyFile, zone: ZoneInfo, calendar: Calendar, source: Path | None = None,
                 cells: dict[tuple[str, str, str], RateRow] | None = None, earlier: tuple[Agency, ...] = ()) -> None:
        self.__dict__.update(key=key, spec=spec, zone=zone, calendar=calendar, source=source,
                             cells={} if cells is None else cells, earlier=earlier)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("an Agency is immutable")

    def __repr__(self) -> str:
        return f"Agency(key={self.key!r}, zone={self.zone.key!r}, source={self.source!r})"

    @classmethod
    def build(cls, key: str, spec: AgencyFile, source: Path | None = None) -> Agency:
        cells: dict[tuple[str, str, str], RateRow] = {}
        for table in spec.rate_tables:
            for row in table.rows:
                for job in row.job_types or table.job_types or spec.job_types:
                    if getattr(spec.job_types.get(job), "flat_price", None) is not None:
                        continue  # a flat price has no hourly rates
                    for role in row.roles:
                        cells[(role, job, row.tier)] = row
        return cls(key, spec, ZoneInfo(spec.time_zone), Calendar(spec.holidays), source, cells)

    def with_earlier(self, earlier: tuple[Agency, ...]) -> Agency:
        return Agency(self.key, self.spec, self.zone, self.calendar, self.source, self.cells, earlier)

    def schedule_at(self, day: dt.date) -> Agency:
        """The schedule in force on `day`: the newest that took effect on or before it (the oldest before any)."""
        if isinstance(day, dt.datetime):
            day = day.date()
        if not self.earlier or day >= self.spec.effective:
            return self
        for schedule in reversed(self.earlier):
            if schedule.spec.effective is None or day >= schedule.spec.effective:
                return schedule
        return self.earlier[0]

    @property
    def schedules(self) -> tuple[Agency, ...]:
        """Every schedule of the agency, oldest first."""
        return (*self.earlier, self)

    def holidays(self, year: int) -> dict[dt.date, str]:
        """The holidays of `year`, each from the schedule in force on its date."""
        if not self.earlier:
            return self.calendar.year(year)
        found = {day: name for schedule in self.schedules for day, name in schedule.calendar.year(year).items()
                 if self.schedule_at(day) is schedule}
        return dict(sorted(found.items()))

    def is_holiday(self, day: dt.date) -> bool:
        return self.schedule_at(day).calendar.is_holiday(day)

    # --- names ------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.spec.name

    def job_type(self, name: object) -> str:
        """The job type key for `name`, its key or label (None or '' → the agency's default)."""
        if name is None or name == "":
            return self.spec.default_job_type
        return self._find("job type", name, self._names["job_types"], self.spec.job_types)

    def tier(self, name: object) -> str:
        return self._find("tier", name, self._names["tiers"], self.spec.tiers)

    def role(self, name: object) -> str:
        return self._find("role", name, self._names["roles"], self.spec.roles)

    def priority(self, name: object) -> str | None:
        """The selectable tier a customer chose, by key or label, or None."""
        if name is None or name == "":
            return None
        choices = {k: t for k, t in self.spec.tiers.items() if t.selectable}
        if not choices:
            raise InputError(f"{self.spec.short_name} has no priority rates to choose from")
        return self._find("priority", name, self._names["priorities"], choices)

    def cancel_reason(self, name: object) -> str | None:
        """The cancellation reason with windows of its own, by key or label, or None for any other reason."""
        if name is None or name == "":
            return None
        reasons = self.spec.cancellation.reasons if self.spec.cancellation else {}
        if not reasons:
            raise InputError(f"{self.spec.short_name} publishes no cancellation terms that depend on the reason: leave the reason blank")
        return self._find("cancellation reason", name, self._names["reasons"], reasons)

    def job_context(self, job_type: object = None, customer: object = None, facts: object = None) -> Job:
        """What the conditions on a job test, from the names given: its type, customer class and facts."""
        spec = self.spec
        found = job_facts(spec.facts, facts, spec.short_name) if spec.facts or facts else {}
        return Job(self.job_type(job_type), self.customer_class(customer), found)

    def customer_class(self, name: object) -> str | None:
        """The customer class some fees treat differently, by key or label, or None for any other customer."""
        if name is None or name == "":
            return None
        if not self.spec.customer_classes:
            raise InputError(f"{self.spec.short_name} charges every customer alike: leave the customer class blank")
        return self._find("customer class", name, self._names["classes"], self.spec.customer_classes)

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        """For each kind of name, every accepted spelling → its key: the key and the label, with or without '_'."""
        def index(items: dict) -> dict[str, str]:
            found: dict[str, str] = {}
            for key, item in items.items():
                found.setdefault(item.label, key)  # as typed from a drop-down: found without normalising
                for form in (key, _key(item.label)):
                    found.setdefault(form, key)
                    found.setdefault(form.replace("_", ""), key)
            return found
        spec = self.spec
        return {
            "job_types": index(spec.job_types), "tiers": index(spec.tiers), "roles": index(spec.roles),
            "priorities": index({k: t for k, t in spec.tiers.items() if t.selectable}),
            "reasons": index(spec.cancellation.reasons if spec.cancellation else {}),
            "classes": index(spec.customer_classes),
        }

    @staticmethod
    def _find(kind: str, name: object, names: dict[str, str], choices: dict) -> str:
        found = names.get(name) if isinstance(name, str) else None
        if found is None:
            found = names.get(_key(name))
        if found is None:
            raise unknown(kind, name, choices)
        return found

    # --- rules ------------------------------------------------------------------

    def in_force(self, day: dt.date | None) -> None:
        """Refuse a day before the agency's first schedule took effect (None: the schedule in the file)."""
        effective = self.schedules[0].spec.effective
        if day is not None:
            clock.known_year(day)
        if day is not None and effective is not None and day < effective:
            raise InputError(
                f"{self.spec.short_name} publishes no rates for {day.isoformat()}: "
                f"its schedule takes effect on {effective.isoformat()}"
            )

    def crew(self, officers: int, override: int | None = None, job: Job | None = None) -> Crew:
        """Who works a shift of `officers` requested on `job` (rules.staffing.crew)."""
        return crew(self.spec.staffing, officers, override, self.spec.short_name, job)

    @property
    def base_role(self) -> str:
        """The role of the officers a customer requests (supervisors are added on top)."""
        return self.spec.staffing.base_role if self.spec.staffing else "officer"

    def rate(self, role: str, job_type: str, tier: str) -> RateRow | None:
        return self.cells.get((role, job_type, tier))

    def job(self, key: str) -> JobType:
        return self.spec.job_types[key]

    def minimum_hours(self, job_type: str, job: Job | None = None, shift: Context | None = None) -> Decimal | None:
        """The fewest hours billed per position per shift; None where none is set, or the job has a flat price.

        `job`: the job's type, customer and facts, and `shift` a shift's context (its days, notice, length), where
        a billing by condition may set the minimum.
        """
        if self.spec.job_types[job_type].flat_price is not None:
            return None
        rule = self.billing_when(job, shift)
        if rule is not None and rule.minimum_hours is not None:
            return rule.minimum_hours
        override = self.spec.job_types[job_type].minimum_hours
        if override is not None:
            return override
        return self.spec.minimum_hours.hours if self.spec.minimum_hours else None

    @cached_property
    def band_tiers(self) -> tuple[tuple[str, BandTrigger], ...]:
        """Tiers whose rate replaces the hour's rate inside a daily time band."""
        return tuple((k, t.when) for k, t in self.spec.tiers.items() if isinstance(t.when, BandTrigger))

    @cached_property
    def job_wide(self) -> bool:
        """Whether any rule (a tier, billing, overtime, a fee...) has a calendar condition decided over the whole job's
        days: its shifts then price together."""
        return any(isinstance(c, CalendarTrigger) and c.scope == "job" for _, c in walk(self.spec))

    # --- billing, in whole seconds -------------------------------------------------

    def minimum_seconds(self, job_type: str, job: Job | None = None, shift: Context | None = None) -> int:
        """minimum_hours in whole seconds: 0 where none is set, or the job has a flat price."""
        when = self.billing_when(job, shift) if self.spec.billing_when else None
        if when is not None and when.minimum_hours is not None and self.spec.job_types[job_type].flat_price is None:
            return money.seconds(when.minimum_hours)
        return self._minimums[job_type]

    def billed_seconds(self, seconds: int, job_type: str, job: Job | None = None, shift: Context | None = None) -> int:
        """Seconds billed per position for `seconds` of work (with handling time): the minimum, then blocks or steps,
        by the job type or the billing by condition that holds for the job (and `shift`)."""
        minimum = self._minimums[job_type]
        rule, blocks = self._billing[job_type]
        when = self.billing_when(job, shift) if self.spec.billing_when else None
        if when is not None:
            minimum = money.seconds(when.minimum_hours) if when.minimum_hours is not None else minimum
            rule, blocks = (when.billing, when.billing.block_seconds) if when.billing else (rule, blocks)
        billed = max(seconds, minimum)
        return billed if rule is None else rule.price(billed, minimum, blocks)

    def billing_when(self, job: Job | None, shift: Context | None = None) -> BillingWhen | None:
        """The billing by condition that holds for the job (and the shift of context `shift`), the first in the file;
        None for the job type's own."""
        if not self.spec.billing_when:
            return None
        return next((rule for rule in self.spec.billing_when if rule.holds(job, shift)), None)

    @cached_property
    def _billing(self) -> dict[str, tuple[Billing | None, tuple[int, ...]]]:
        """Each job type's billing past the minimum (its own, or the agency's), with its blocks in seconds."""
        rules = {k: self.spec.billing_for(k) for k in self.spec.job_types}
        return {k: (rule, rule.block_seconds if rule else ()) for k, rule in rules.items()}

    def overtime_rate(self, row: RateRow) -> Decimal | None:
        """The overtime rate of a row (rules.overtime), or None when the agency bills no overtime."""
        rule = self.spec.overtime
        return None if rule is None else rule.price(row)

    @cached_property
    def _minimums(self) -> dict[str, int]:
        return {job: money.seconds(self.minimum_hours(job) or 0) for job in self.spec.job_types}

    def note_texts(self, topics: frozenset[str]) -> tuple[str, ...]:
        """The texts of the agency's notes on these topics."""
        return tuple(n.text for n in self.notes(topics))

    def notes(self, topics: set[str] | None = None) -> list[Note]:
        """The agency's notes on these topics (all of them when `topics` is None)."""
        return [n for n in self.spec.notes if topics is None or n.topic in topics]

    def role_label(self, role: str) -> str:
        return self.spec.roles[role].label

    def tier_label(self, tier: str) -> str:
        return self.spec.tiers[tier].label


def _key(name: object) -> str:
    if not isinstance(name, str):
        raise InputError(f"expected a name, not {type(name).__name__}")
    return name.strip().lower().replace(" ", "_").replace("-", "_")[:80]
