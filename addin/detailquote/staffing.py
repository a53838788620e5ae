"""Who works a shift: the officers requested and the supervisors the agency's rules add or substitute."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .rulebook import Staffing


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
    if staffing is None:
        if override is not None:
            raise InputError(f"{short_name} publishes no supervisor rate, so the supervisor count cannot be set")
        return Crew((("officer", officers),))
    override_role = staffing.override_role or (staffing.supervisors[0].role if staffing.supervisors else None)
    if override is not None and override_role is None:
        raise InputError(f"{short_name} publishes no supervisor rate, so the supervisor count cannot be set")

    counts: dict[str, int] = {staffing.base_role: officers}
    order: list[str] = []
    rule_count = None
    for rule in staffing.supervisors:
        basis = counts.get(rule.of, 0) if rule.of else officers
        n = 0 if basis < rule.from_ else (-(-basis // rule.per) if rule.per else 1)
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
