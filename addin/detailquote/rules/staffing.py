"""Staffing: who works a shift, the officers requested and the supervisors the agency's rules add or substitute.

A supervisor rule may hold only for some jobs (`when`: a condition on the job's type, customer or facts), and
the officers may be required by a count of the event (one per 1,000 attending, two with alcohol): the quote
prices what the agency requires and warns when the request is below it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from .model import Field, model_validator

from ..errors import InputError, Problem
from .base import Cited, Key, Lines, Sheet, Strict
from .combine import JOB_CONDITIONS, Trigger, job_meets, walk_condition
from .conditions import Job
from .facts import cell_name, count_problems

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
    when: Trigger | None = Field(None, description="Only for jobs that meet this condition on the job (its type, "
                                 "customer or facts); none: every job.")

    def price(self, basis: int, job: Job | None = None) -> int:
        """How many of the role a count of `basis` calls for, on a job that meets the rule's condition."""
        if not job_meets(self.when, job):
            return 0
        return 0 if basis < self.from_ else (-(-basis // self.per) if self.per else 1)

    def formula(self, calc: Sheet, basis: str, tag: str) -> str:
        n = f"ROUNDUP({basis}/{self.per},0)" if self.per else "1"
        count = f"IF({basis}<{self.from_},0,{n})"
        return f"={count}" if self.when is None else f"={self.when.formula(calc, tag)[1]}*{count}"

    def words(self, role_label: Callable[[str], str], mode: str) -> str:
        basis = role_label(self.of) if self.of else "officers requested"
        each = f"one per {self.per} {basis.lower()}" if self.per else "one"
        when = f", for {self.when.words().removeprefix('every hour of ')}" if self.when is not None else ""
        return f"{role_label(self.role)}: {each}, from {self.from_} {basis.lower()} ({mode}){when}."


class OfficersRequired(Cited):
    """Officers the agency requires: `officers` for each started `per` of a count fact, or `officers` in all
    ("events where alcohol is served require a minimum of two officers")."""

    fact: Key | None = Field(None, description="A count the job gives, such as attendance; none: `officers` in all.")
    per: Annotated[int, Field(ge=1, le=10_000_000)] | None = Field(None, description="With fact: officers for each started this many.")
    officers: Annotated[int, Field(ge=1, le=100)] = 1
    when: Trigger | None = Field(None, description="Only for jobs that meet this condition (alcohol served).")

    @model_validator(mode="after")
    def _per_fact(self) -> OfficersRequired:
        if (self.fact is None) != (self.per is None):
            raise ValueError("fact and per go together: officers for each started `per` of the fact")
        if self.fact is None and self.when is None:
            raise ValueError("a number of officers in all needs a condition (when): the officers requested are the floor otherwise")
        return self

    def price(self, job: Job | None) -> int:
        """The officers required for the job (0 when its condition does not hold or the count is not given)."""
        if not job_meets(self.when, job):
            return 0
        if self.fact is None:
            return self.officers
        count = job.facts.get(self.fact, 0) if job is not None else 0
        return -(-count // self.per) * self.officers

    def formula(self, calc: Sheet, tag: str) -> str:
        count = str(self.officers) if self.fact is None else f"ROUNDUP(N({cell_name(self.fact)})/{self.per},0)*{self.officers}"
        return count if self.when is None else f"{self.when.formula(calc, tag)[1]}*{count}"

    def words(self) -> str:
        when = f", for {self.when.words().removeprefix('every hour of ')}" if self.when is not None else ""
        officers = "one officer" if self.officers == 1 else f"{self.officers} officers"
        if self.fact is None:
            return f"Officers required: at least {officers}{when}."
        return f"Officers required: {officers} for each {self.per:,} of {self.fact.replace('_', ' ')}{when}."


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
    required: Annotated[list[OfficersRequired], Field(max_length=6)] = Field(
        default_factory=list, description="Officers required by a count of the event; the largest that applies wins."
    )
    line: Lines | None = None

    @property
    def by_job(self) -> bool:
        """Whether the crew depends on the job's type, customer or facts, not only on the officers requested."""
        return bool(self.required) or any(rule.when is not None for rule in self.supervisors)

    def officers_required(self, job: Job | None) -> int:
        """The officers the agency requires for the job (0: none)."""
        return max((rule.price(job) for rule in self.required), default=0)

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
        if self.required:  # the officers priced: those requested, or as many as the agency requires
            needed = ",".join(rule.formula(calc, f"rq{i}") for i, rule in enumerate(self.required))
            calc.add("n_required", f"=MAX({needed})")
            officers = calc.flag("n_priced", f"=MAX(N({officers}),{{n_required}})")
        for i, rule in enumerate(self.supervisors):
            basis = f"{{{count[rule.of]}}}" if rule.of else officers
            count[rule.role] = calc.add(f"n_{rule.role}", rule.formula(calc, basis, f"sv{i}"))
        sup = "+".join(f"{{{count[r.role]}}}" for r in self.supervisors) or "0"
        base = f"={officers}-({sup})" if self.mode == "substituted" else f"={officers}"
        count[self.base_role] = calc.add(f"n_{self.base_role}", base)
        return count


class Crew(NamedTuple):
    """Positions by role, highest rank first, and how the supervisor count was set."""

    positions: tuple[tuple[str, int], ...]
    rule_count: int | None = None  # the override role's count under the agency's rule, when overridden
    required: int | None = None  # the officers the agency requires for the job, where a rule requires any

    @property
    def total(self) -> int:
        return sum(n for _, n in self.positions)


def crew(staffing: Staffing | None, officers: int, override: int | None = None, short_name: str = "the agency",
         job: Job | None = None) -> Crew:
    """The positions for `officers` requested (or as many as the job requires), with `override` supervisors of the
    override role if given."""
    if staffing is None or staffing.set_role is None:
        if override is not None:
            raise InputError(f"{short_name} publishes no supervisor rate, so the supervisor count cannot be set")
        if staffing is None:
            return Crew((("officer", officers),))
    override_role = staffing.set_role
    required = staffing.officers_required(job)
    officers = max(officers, required)
    counts: dict[str, int] = {staffing.base_role: officers}
    order: list[str] = []
    rule_count = None
    for rule in staffing.supervisors:
        basis = counts.get(rule.of, 0) if rule.of else officers
        n = rule.price(basis, job)
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
    return Crew(positions, rule_count, required or None)


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
    yield from _job_only(spec, where)


def _job_only(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Staffing conditions test the job (its type, customer, facts), never days or hours; a count is a count fact."""
    s = spec.staffing
    rules = [(f"staffing.supervisors[{i}]", r) for i, r in enumerate(s.supervisors)]
    rules += [(f"staffing.required[{i}]", r) for i, r in enumerate(s.required)]
    for field, rule in rules:
        for inner, condition in walk_condition(f"{field}.when", rule.when) if rule.when is not None else ():
            if not isinstance(condition, JOB_CONDITIONS):
                yield where(inner, "staffing depends on the job, not on its days or hours: test its type, customer or facts")
    for i, rule in enumerate(s.required):
        if rule.fact is not None:
            yield from count_problems(spec, where, rule.fact, f"staffing.required[{i}].fact", "officers are required per a count")


VARIANTS = (SupervisorRule, OfficersRequired)
CHECKS = (check_staffing,)
