"""Staffing: who works a shift, the officers requested and the supervisors the agency's rules add or substitute."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from ..errors import InputError, Problem
from .base import Cited, Key, Lines, Sheet, Strict

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where


class SupervisorRule(Cited):
    role: Key
    of: Key | None = Field(None, description="The role counted; none: the officers requested.")
    from_: Annotated[int, Field(ge=1, le=10_000)] = Field(alias="from", description="Applies once the count reaches this.")
    per: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        None, description="One for each started group of this many; none: exactly one."
    )

    def price(self, basis: int) -> int:
        """How many of the role a count of `basis` calls for."""
        return 0 if basis < self.from_ else (-(-basis // self.per) if self.per else 1)

    def formula(self, basis: str) -> str:
        n = f"ROUNDUP({basis}/{self.per},0)" if self.per else "1"
        return f"=IF({basis}<{self.from_},0,{n})"

    def words(self, role_label: Callable[[str], str], mode: str) -> str:
        basis = role_label(self.of) if self.of else "officers requested"
        each = f"one per {self.per} {basis.lower()}" if self.per else "one"
        return f"{role_label(self.role)}: {each}, from {self.from_} {basis.lower()} ({mode})."


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

    @property
    def set_role(self) -> str | None:
        """The role a supervisor count given by the user sets."""
        return self.override_role or (self.supervisors[0].role if self.supervisors else None)

    def ranks(self) -> list[str]:
        """Roles from the highest rank down: each rule's role, the override role, then the officers."""
        order = [rule.role for rule in self.supervisors]
        if self.override_role and self.override_role not in order:
            order.append(self.override_role)
        return [*reversed(order), self.base_role]

    def formula(self, calc: Sheet, officers: str) -> dict[str, str]:
        """The Calc columns of each role's count on a line: role → column name."""
        count: dict[str, str] = {}
        for rule in self.supervisors:
            basis = f"{{{count[rule.of]}}}" if rule.of else officers
            count[rule.role] = calc.add(f"n_{rule.role}", rule.formula(basis))
        sup = "+".join(f"{{{count[r.role]}}}" for r in self.supervisors) or "0"
        base = f"={officers}-({sup})" if self.mode == "substituted" else f"={officers}"
        count[self.base_role] = calc.add(f"n_{self.base_role}", base)
        return count


@dataclass(frozen=True)
class Crew:
    """Positions by role, highest rank first, and how the supervisor count was set."""

    positions: tuple[tuple[str, int], ...]
    rule_count: int | None = None  # the override role's count under the agency's rule, when overridden

    @property
    def total(self) -> int:
        return sum(n for _, n in self.positions)


def crew(staffing: Staffing | None, officers: int, override: int | None = None, short_name: str = "the agency") -> Crew:
    """The positions for `officers` requested, with `override` supervisors of the override role if given."""
    if staffing is None or staffing.set_role is None:
        if override is not None:
            raise InputError(f"{short_name} publishes no supervisor rate, so the supervisor count cannot be set")
        if staffing is None:
            return Crew((("officer", officers),))
    override_role = staffing.set_role
    counts: dict[str, int] = {staffing.base_role: officers}
    order: list[str] = []
    rule_count = None
    for rule in staffing.supervisors:
        basis = counts.get(rule.of, 0) if rule.of else officers
        n = rule.price(basis)
        if override is not None and rule.role == override_role:
            if override < n and not staffing.may_lower:
                raise InputError(
                    f"{short_name} requires {n} {rule.role.replace('_', ' ')}{'s' if n != 1 else ''} for {basis} officers: "
                    f"the supervisor count can add to that, not go below it"
                )
            rule_count, n = n, override
        counts[rule.role] = n
        order.append(rule.role)
    if override is not None and override_role not in counts:
        rule_count = 0
        counts[override_role] = override
        order.append(override_role)

    if staffing.mode == "substituted":
        supervisors = sum(counts[r] for r in order)
        if supervisors > officers:
            raise InputError(f"{supervisors} supervisors do not fit in the {officers} positions requested")
        counts[staffing.base_role] = officers - supervisors

    positions = tuple((r, counts[r]) for r in (*reversed(order), staffing.base_role) if counts[r] > 0)
    return Crew(positions, rule_count)


def check_staffing(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Staffing names declared roles, each counted once, each counting a role set before it."""
    if spec.staffing is None:
        return
    s, roles = spec.staffing, set(spec.roles)
    yield from where.known("role", roles, s.base_role, "staffing.base_role")
    counted = {s.base_role}
    for i, rule in enumerate(s.supervisors):
        yield from where.known("role", roles, rule.role, f"staffing.supervisors[{i}].role")
        if rule.of is not None and rule.of not in counted:
            yield where(f"staffing.supervisors[{i}].of", f"{where.shown(rule.of)} is neither the base role nor a supervisor set by an earlier rule")
        if rule.role in counted:
            yield where(f"staffing.supervisors[{i}].role", f"{where.shown(rule.role)} is already staffed by an earlier rule")
        counted.add(rule.role)
    if s.override_role is not None:
        yield from where.known("role", roles, s.override_role, "staffing.override_role")


VARIANTS = (SupervisorRule,)
CHECKS = (check_staffing,)
