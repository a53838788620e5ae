"""An agency ready to price: its validated rules plus the look-up tables built from them once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from .calendar import Calendar
from .errors import InputError, unknown
from .rulebook import AgencyFile, CalendarTrigger, JobType, Note, NoticeTrigger, RateRow


@dataclass(frozen=True, eq=False)
class Agency:
    key: str
    spec: AgencyFile
    zone: ZoneInfo
    calendar: Calendar
    source: Path | None = None
    # (role, job type, tier) → the published row
    cells: dict[tuple[str, str, str], RateRow] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, key: str, spec: AgencyFile, source: Path | None = None) -> Agency:
        cells: dict[tuple[str, str, str], RateRow] = {}
        for table in spec.rate_tables:
            for row in table.rows:
                for job in row.job_types or table.job_types or spec.job_types:
                    for role in row.roles:
                        cells[(role, job, row.tier)] = row
        return cls(key, spec, ZoneInfo(spec.time_zone), Calendar(spec.holidays), source, cells)

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

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        """For each kind of name, every accepted spelling → its key: the key and the label, with or without '_'."""
        def index(items: dict) -> dict[str, str]:
            found: dict[str, str] = {}
            for key, item in items.items():
                for form in (key, _key(item.label)):
                    found.setdefault(form, key)
                    found.setdefault(form.replace("_", ""), key)
            return found
        spec = self.spec
        return {
            "job_types": index(spec.job_types), "tiers": index(spec.tiers), "roles": index(spec.roles),
            "priorities": index({k: t for k, t in spec.tiers.items() if t.selectable}),
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
        """Refuse a day before the agency's schedule took effect (None: the schedule in the file)."""
        effective = self.spec.effective
        if day is not None and effective is not None and day < effective:
            raise InputError(
                f"{self.spec.short_name} publishes no rates for {day.isoformat()}: "
                f"its schedule takes effect on {effective.isoformat()}"
            )

    @property
    def base_role(self) -> str:
        """The role of the officers a customer requests (supervisors are added on top)."""
        return self.spec.staffing.base_role if self.spec.staffing else "officer"

    def rate(self, role: str, job_type: str, tier: str) -> RateRow | None:
        return self.cells.get((role, job_type, tier))

    def job(self, key: str) -> JobType:
        return self.spec.job_types[key]

    def minimum_hours(self, job_type: str) -> Decimal | None:
        override = self.spec.job_types[job_type].minimum_hours
        if override is not None:
            return override
        return self.spec.minimum_hours.hours if self.spec.minimum_hours else None

    @cached_property
    def tier_order(self) -> dict[str, int]:
        """Tier → its place in the file; breaks ties between equal rates (the later tier names the hour)."""
        return {k: i for i, k in enumerate(self.spec.tiers)}

    @cached_property
    def notice_tiers(self) -> list[tuple[str, NoticeTrigger]]:
        return [(k, t.when) for k, t in self.spec.tiers.items() if isinstance(t.when, NoticeTrigger)]

    @cached_property
    def calendar_tiers(self) -> list[tuple[str, CalendarTrigger]]:
        return [(k, t.when) for k, t in self.spec.tiers.items() if isinstance(t.when, CalendarTrigger)]

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
