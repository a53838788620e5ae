"""Conditions that combine: all of some conditions, any of them, or not one; and the union every rule's `when` takes.

A tier, a premium or a combination takes any condition: of the shift's days and
hours (rules.conditions) or of the job (rules.facts). A time band stands alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal, Union

from .model import Field

from .base import DAY_GROUPS, WEEKDAYS, Sheet, Strict
from .conditions import (
    BandTrigger, CalendarTrigger, Context, CutoffTrigger, Job, LengthTrigger, NoticeDaysTrigger, NoticeTrigger,
    OfficersTrigger,
)
from .facts import CustomerTrigger, FactTrigger, JobTypeTrigger

if TYPE_CHECKING:
    from ..errors import Problem
    from ..rulebook import AgencyFile
    from .checks import Where


class AllOf(Strict):
    """Every hour for which all of the conditions hold."""

    kind: Literal["all"]
    of: Annotated[list[Trigger], Field(min_length=2, max_length=6)]

    def price(self, ctx: Context, i: int) -> bool:
        for condition in self.of:
            if not condition.price(ctx, i):
                return False
        return True

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        parts = [c.formula(calc, f"{tag}_{j}") for j, c in enumerate(self.of)]
        return {day: "(" + "*".join(p[day] for p in parts) + ")" for day in (1, 2)}

    def words(self) -> str:
        return " and ".join(map(_nested, self.of))

    def identity(self) -> object:
        return ("all", frozenset(c.identity() for c in self.of))


class AnyOf(Strict):
    """Every hour for which any of the conditions holds."""

    kind: Literal["any"]
    of: Annotated[list[Trigger], Field(min_length=2, max_length=6)]

    def price(self, ctx: Context, i: int) -> bool:
        for condition in self.of:
            if condition.price(ctx, i):
                return True
        return False

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        parts = [c.formula(calc, f"{tag}_{j}") for j, c in enumerate(self.of)]
        return {day: "MAX(" + ",".join(p[day] for p in parts) + ")" for day in (1, 2)}

    def words(self) -> str:
        return " or ".join(map(_nested, self.of))

    def identity(self) -> object:
        return ("any", frozenset(c.identity() for c in self.of))


class NotOf(Strict):
    """Every hour for which the condition does not hold."""

    kind: Literal["not"]
    of: Trigger

    def price(self, ctx: Context, i: int) -> bool:
        return not self.of.price(ctx, i)

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        part = self.of.formula(calc, f"{tag}_0")
        return {day: f"(1-{part[day]})" for day in (1, 2)}

    def words(self) -> str:
        inner = _nested(self.of)
        return f"every hour not {inner.removeprefix('every hour ')}" if inner.startswith("every hour ") else f"not {inner}"

    def identity(self) -> object:
        return ("not", self.of.identity())


def _nested(condition) -> str:
    """A condition's words inside a combination: in brackets when it is a combination itself."""
    return f"({condition.words()})" if isinstance(condition, (AllOf, AnyOf, NotOf)) else condition.words()


# Any condition but a time band, which stands alone; `Condition` adds the band.
Trigger = Annotated[
    Union[CalendarTrigger, NoticeTrigger, NoticeDaysTrigger, LengthTrigger, CutoffTrigger, OfficersTrigger,
          JobTypeTrigger, CustomerTrigger, FactTrigger, AllOf, AnyOf, NotOf],
    Field(discriminator="kind"),
]
Condition = Annotated[
    Union[CalendarTrigger, NoticeTrigger, NoticeDaysTrigger, LengthTrigger, CutoffTrigger, OfficersTrigger,
          JobTypeTrigger, CustomerTrigger, FactTrigger, AllOf, AnyOf, NotOf, BandTrigger],
    Field(discriminator="kind"),
]
COMBINED = (AllOf, AnyOf, NotOf)
JOB_CONDITIONS = (JobTypeTrigger, CustomerTrigger, FactTrigger, *COMBINED)  # conditions on the job, not its hours
VARIANTS = COMBINED


def for_jobs(when) -> str:
    """A condition on the job as a clause of a rule's words: "for a town job", "not for a city customer"."""
    said = when.words()
    negated = said.startswith("every hour not ")
    said = said.removeprefix("every hour not " if negated else "every hour ").removeprefix("of ").removeprefix("for ")
    return f"{'not ' if negated else ''}for {said}"


def job_meets(when, job: Job | None) -> bool:
    """Whether a condition on the job holds for `job` (its type, customer class and facts); no condition: every job."""
    return when is None or when.price(Context(None, (), None, None, 0, None, None, job), 0)


def on_job(when) -> bool:
    """Whether a condition tests only the job (its type, customer class and facts), so that it holds alike on every
    shift of the job."""
    return all(isinstance(c, JOB_CONDITIONS) for _, c in walk_condition("", when))


def meets(when, job: Job | None, shift: Context | None = None) -> bool:
    """Whether a rule's condition holds: no condition, always; given the context of a shift (which holds its job), on
    any of the shift's hours; without one, a condition on the job for `job`, and one on the shift never."""
    if when is None:
        return True
    if shift is not None:
        return any(when.price(shift, i) for i in range(len(shift.days)))
    return on_job(when) and job_meets(when, job)


def line_formula(when, calc: Sheet, tag: str) -> str:
    """`meets` in the workbook: 1 where the condition holds for the line, on either of its dates (where a holiday
    starts part-way through a day, on any of the line's pieces), else 0."""
    if calc.partial and calc.segments and isinstance(when, CalendarTrigger):
        pieces = [f"IF({{{m}}}>0,{calc.piece_flag(tag, when, k)},0)" for k, (m, _) in enumerate(calc.segments, 1)]
        return f"MAX({','.join(pieces)})"
    flags = when.formula(calc, tag)
    return f"MAX({flags[1]},{flags[2]})"


def for_rule(when) -> str:
    """A rule's condition as a clause of its words: "for a town job", "for a shift with any hour on a holiday"."""
    return for_jobs(when) if on_job(when) else f"for a shift {_of_shift(when)}"


_DAY_WORDS = {"holiday": "a holiday", "weekday": "a weekday", "weekend": "a weekend"}


def _of_shift(condition, negated: bool = False) -> str:
    """What a shift is when the condition holds on some hour of it (or, `negated`, its opposite does): "with any hour
    on a holiday", "with no hour on a holiday", "longer than 8 hours"."""
    if isinstance(condition, NotOf):
        return _of_shift(condition.of, not negated)
    if isinstance(condition, (AllOf, AnyOf)):
        joined = " and " if isinstance(condition, AllOf) != negated else " or "  # not (a or b): not a and not b
        return joined.join(f"({_of_shift(c, negated)})" if isinstance(c, (AllOf, AnyOf)) else _of_shift(c, negated)
                           for c in condition.of)
    if isinstance(condition, CalendarTrigger):
        days = " or ".join(_DAY_WORDS.get(d, f"a {d.capitalize()}") for d in condition.days)
        if condition.scope == "start":
            return f"{'not ' if negated else ''}starting on {days}"
        if condition.scope == "job":
            return f"of a job with {'no' if negated else 'any'} hour on {days}"
        if condition.scope == "shift" or not negated:
            return f"with {'no' if negated else 'any'} hour on {days}"
        return f"with any hour not on {days}"
    said = condition.words().removeprefix("every hour of a shift ").removeprefix("every hour ")
    return f"not {said}" if negated else said


def identity(when) -> object:
    """The same conditions give the same identity, whatever their order."""
    if isinstance(when, list):
        return frozenset(map(identity, when))
    return when.identity()


def walk(spec: AgencyFile) -> Iterator[tuple[str, object]]:
    """Every condition of the file (tiers, premiums, fees, vehicles, staffing), with its field, those inside combinations too."""
    for group, rules in (("tiers", spec.tiers), ("premiums", spec.premiums)):
        for key, rule in rules.items():
            when = rule.when
            if isinstance(when, list):
                for i, c in enumerate(when):
                    yield from walk_condition(f"{group}.{key}.when[{i}]", c)
            elif when is not None:
                yield from walk_condition(f"{group}.{key}.when", when)
    for key, fee in spec.fees.items():
        if fee.when is not None:
            yield from walk_condition(f"fees.{key}.when", fee.when)
    if spec.vehicles is not None and spec.vehicles.when is not None:
        yield from walk_condition("vehicles.when", spec.vehicles.when)
    if spec.vehicles is not None and spec.vehicles.charge_when is not None:
        yield from walk_condition("vehicles.charge_when", spec.vehicles.charge_when)
    for i, rule in enumerate(spec.billing_when):
        yield from walk_condition(f"billing_when[{i}].when", rule.when)
    if spec.overtime is not None and spec.overtime.when is not None:
        yield from walk_condition("overtime.when", spec.overtime.when)
    for i, rule in enumerate(spec.payment_when):
        yield from walk_condition(f"payment_when[{i}].when", rule.when)
    if spec.cancellation is not None:
        sets = [("cancellation.windows", spec.cancellation.windows)] + [
            (f"cancellation.reasons.{k}.windows", r.windows) for k, r in spec.cancellation.reasons.items()]
        for field, windows in sets:
            for i, w in enumerate(windows):
                if w.when is not None:
                    yield from walk_condition(f"{field}[{i}].when", w.when)
    if spec.staffing is not None:
        rules = [(f"staffing.supervisors[{i}]", r) for i, r in enumerate(spec.staffing.supervisors)]
        rules += [(f"staffing.required[{i}]", r) for i, r in enumerate(spec.staffing.required)]
        for field, rule in rules:
            if rule.when is not None:
                yield from walk_condition(f"{field}.when", rule.when)


def walk_condition(field: str, condition) -> Iterator[tuple[str, object]]:
    """A condition with its field, then every condition inside it."""
    yield field, condition
    if isinstance(condition, (AllOf, AnyOf)):
        for i, c in enumerate(condition.of):
            yield from walk_condition(f"{field}.of[{i}]", c)
    elif isinstance(condition, NotOf):
        yield from walk_condition(f"{field}.of", condition.of)


GROUPS = {g: tuple(d for d, of in zip(WEEKDAYS, DAY_GROUPS) if of == g) for g in set(DAY_GROUPS)}  # weekday: Monday-Friday


def never_holding(spec: AgencyFile) -> Iterator[tuple[str, str]]:
    """Each rule whose conditions can never all hold, with its field and why: two conditions that exclude each other
    in one list or `all` (a Saturday that is a weekday, a fact both yes and no, a condition and its `not`)."""
    for field, condition in walk(spec):
        if isinstance(condition, AllOf):
            yield from _excluding(field, condition.of)
    for group, rules in (("tiers", spec.tiers), ("premiums", spec.premiums)):
        for key, rule in rules.items():
            if isinstance(rule.when, list):
                yield from _excluding(f"{group}.{key}.when", rule.when)


def _excluding(field: str, conditions: list) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(conditions):
        for b in conditions[i + 1:]:
            why = _excludes(a, b) or _excludes(b, a)
            if why:
                yield field, why
                return


def _excludes(a, b) -> str | None:
    """Why `a` and `b` cannot both hold on any hour, or None."""
    if isinstance(b, NotOf) and b.of.identity() == a.identity():
        return f"it asks for {a.words()} and for its opposite"
    if isinstance(a, CalendarTrigger) and isinstance(b, CalendarTrigger) and a.scope == b.scope and a.scope in ("hour", "start"):
        days = [{d for day in c.days for d in GROUPS.get(day, (day,))} for c in (a, b)]
        if "holiday" not in days[0] | days[1] and not days[0] & days[1]:
            return f"no day is both {' or '.join(a.days)} and {' or '.join(b.days)}"
    if isinstance(a, FactTrigger) and isinstance(b, FactTrigger) and a.fact == b.fact:
        if a.one_of is not None and b.one_of is not None and not set(a.one_of) & set(b.one_of):
            return f"fact {a.fact} cannot be {' or '.join(a.one_of)} and {' or '.join(b.one_of)} at once"
        if a.at_least is None and a.one_of is None and b.at_least is None and b.one_of is None \
                and (a.value is not False) != (b.value is not False):
            return f"fact {a.fact} cannot be yes and no at once"
    for kind in (JobTypeTrigger, CustomerTrigger):
        if isinstance(a, kind) and isinstance(b, kind) and not set(a.one_of) & set(b.one_of):
            return f"no job is both {' or '.join(a.one_of)} and {' or '.join(b.one_of)}"
    return None


def check_job_only(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """A vehicle requirement or charge, overtime or payment terms by condition tests the job (its type, customer or
    facts), never its days or hours."""
    for field, condition in walk_condition("vehicles.when", spec.vehicles.when) if spec.vehicles and spec.vehicles.when else ():
        if not isinstance(condition, JOB_CONDITIONS):
            yield where(field, "a vehicle requirement depends on the job, not on its days or hours: use required = 'night' "
                               "for a time band, or test the job's type, customer or facts")
    for field, condition in walk(spec):
        what = next((w for prefix, w in JOB_ONLY.items() if field.startswith(prefix)), None)
        if what is not None and not isinstance(condition, JOB_CONDITIONS):
            yield where(field, f"{what} depends on the job, not on its days or hours: test the job's type, customer or facts")


# The rules whose condition is on the job alone, by the start of their field, and what each is called in a problem.
JOB_ONLY = {
            "payment_when": "payment terms by condition"}


def check_partial_days_combined(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """With partial-day holidays, a day condition inside a combination cannot be split where the holiday starts."""
    partial = spec.holidays is not None and any(rule.from_ is not None for rule in spec.holidays.rules)
    for field, condition in walk(spec) if partial else ():
        if isinstance(condition, COMBINED) and any(isinstance(c, CalendarTrigger) for _, c in _inside(field, condition)):
            yield where(field, "a holiday that starts part-way through a day cannot be tested inside all, any or not: "
                               "write the day condition in the tier's own list")


def _inside(field: str, condition) -> Iterator[tuple[str, object]]:
    parts = condition.of if isinstance(condition, (AllOf, AnyOf)) else [condition.of]
    for part in parts:
        yield field, part
        if isinstance(part, COMBINED):
            yield from _inside(field, part)


CHECKS = (check_partial_days_combined, check_job_only)
