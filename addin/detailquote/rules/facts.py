"""Job facts and the conditions on the job: its type, its customer class, and facts of the event an agency prices by.

An agency declares its facts (alcohol served: yes or no; expected attendance: a
count; the setting: one of a list), each citing its page line; a request gives
their values (`alcohol=yes; attendance=2500`); a condition tests them. A fact
not given is taken as no, 0 or none, and the quote says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Literal

from .model import Field, model_validator

from ..errors import InputError, Problem, did_you_mean, shown
from ..formulas import text
from .base import Cited, Key, Sheet, Strict, Text
from .conditions import Context

if TYPE_CHECKING:
    from ..rulebook import AgencyFile
    from .checks import Where

YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
MAX_COUNT = 10_000_000


class Fact(Cited):
    """A fact of the event the agency prices or staffs by: yes or no, a count, or one of a list."""

    label: Text
    kind: Literal["yes_no", "count", "choice"]
    choices: Annotated[list[Key], Field(min_length=2, max_length=20)] | None = Field(
        None, description="For kind = 'choice': the values it may take."
    )

    @model_validator(mode="after")
    def _choices(self) -> Fact:
        if (self.kind == "choice") != (self.choices is not None):
            raise ValueError("choices go with kind = 'choice', and only with it")
        return self

    def value(self, name: str, given: object) -> object:
        """The fact's value from what a user gave (text or a number), or a message saying what it takes."""
        if self.kind == "yes_no":
            found = given if isinstance(given, bool) else YES.get(str(given).strip().lower())
            if found is None:
                raise InputError(f"fact {name} takes yes or no, not {shown(given)}")
            return found
        if self.kind == "count":
            number = given if isinstance(given, int) and not isinstance(given, bool) else _whole(given)
            if number is None or not 0 <= number <= MAX_COUNT:
                raise InputError(f"fact {name} takes a whole number from 0 to {MAX_COUNT:,}, not {shown(given)}")
            return number
        key = str(given).strip().lower().replace(" ", "_")
        if key not in self.choices:
            raise InputError(f"fact {name} takes one of {', '.join(self.choices)}, not {shown(given)}"
                             f"{did_you_mean(key, self.choices)}")
        return key

    def words(self, name: str) -> str:
        takes = {"yes_no": "yes or no", "count": "a number", "choice": " or ".join(self.choices or ())}[self.kind]
        return f"Job fact {name}: {self.label} ({takes})."


def _whole(given: object) -> int | None:
    try:
        number = float(str(given).replace(",", "").strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def job_facts(declared: Mapping[str, Fact], given: object, short_name: str) -> dict[str, object]:
    """The job's facts by name from pairs, a mapping or text such as "alcohol=yes; attendance=2500"."""
    pairs = _pairs(given)
    if pairs and not declared:
        raise InputError(f"{short_name} prices by no job facts: leave the facts blank")
    found: dict[str, object] = {}
    for name, value in pairs:
        key = name.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in declared:
            listed = f" (facts: {', '.join(declared)})"
            raise InputError(f"unknown fact {shown(name)}{did_you_mean(key, declared) or listed}")
        if key in found:
            raise InputError(f"fact {key} is given twice")
        found[key] = declared[key].value(key, value)
    return found


def _pairs(given: object) -> list[tuple[str, object]]:
    if given is None or given == "" or given == ():
        return []
    if isinstance(given, Mapping):
        return list(given.items())
    if isinstance(given, str):
        out = []
        for part in filter(None, (p.strip() for p in given.replace("\n", ";").split(";"))):
            name, sign, value = part.partition("=")
            if not sign or not name.strip() or not value.strip():
                raise InputError(f"facts are written name=value, separated by ';' (alcohol=yes; attendance=2500), not {shown(part)}")
            out.append((name, value.strip()))
        return out
    if isinstance(given, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in given):
        return [(str(n), v) for n, v in given]
    raise InputError(f"facts must be text such as \"alcohol=yes; attendance=2500\", not {type(given).__name__}")


def missing_words(declared: Mapping[str, Fact], given: Mapping[str, object]) -> str | None:
    """A note naming the declared facts the request left out, which are taken as no, 0 or none."""
    left = [f"{f.label.lower()} ({'no' if f.kind == 'yes_no' else '0' if f.kind == 'count' else 'none'})"
            for name, f in declared.items() if name not in given]
    return f"Job facts not given are taken as: {'; '.join(left)}." if left else None


def cell_name(fact: str) -> str:
    """The defined name of a fact's input cell in the quote workbook."""
    return f"Fact_{fact}"


# --- conditions on the job ---------------------------------------------------------------------------

class JobTypeTrigger(Strict):
    """Every hour of a job of one of these types."""

    kind: Literal["job_type"]
    one_of: Annotated[list[Key], Field(min_length=1)]

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.job is not None and ctx.job.job_type in self.one_of

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        flag = calc.flag(f"jt{tag}", f"=IF(OR({','.join(f'Calc!$A$2={text(k)}' for k in self.one_of)}),1,0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        return f"every hour of a {' or '.join(k.replace('_', ' ') for k in self.one_of)} job"

    def identity(self) -> object:
        return ("job_type", frozenset(self.one_of))


class CustomerTrigger(Strict):
    """Every hour of a job for a customer of one of these classes (a charity, a public body)."""

    kind: Literal["customer"]
    one_of: Annotated[list[Key], Field(min_length=1)]

    def price(self, ctx: Context, i: int) -> bool:
        return ctx.job is not None and ctx.job.customer in self.one_of

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        labels = [calc.spec.customer_classes[k].label for k in self.one_of if k in calc.spec.customer_classes]
        flag = calc.flag(f"cu{tag}", f"=IF(OR({','.join(f'CustomerClass={text(label)}' for label in labels)}),1,0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        return f"every hour for a {' or '.join(k.replace('_', ' ') for k in self.one_of)} customer"

    def identity(self) -> object:
        return ("customer", frozenset(self.one_of))


class FactTrigger(Strict):
    """Every hour of a job whose fact is yes (or `value`), at least a count, or one of some choices."""

    kind: Literal["fact"]
    fact: Key
    value: bool | None = Field(None, description="For a yes-or-no fact: the answer that makes it hold (default yes).")
    at_least: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = Field(None, description="For a count: its least value.")
    one_of: Annotated[list[Key], Field(min_length=1)] | None = Field(None, description="For a choice: the values that hold.")

    @model_validator(mode="after")
    def _one_test(self) -> FactTrigger:
        if sum(x is not None for x in (self.value, self.at_least, self.one_of)) > 1:
            raise ValueError("give at most one of value, at_least and one_of")
        return self

    def price(self, ctx: Context, i: int) -> bool:
        given = ctx.job.facts.get(self.fact) if ctx.job is not None else None
        if self.at_least is not None:
            return (given or 0) >= self.at_least
        if self.one_of is not None:
            return given in self.one_of
        return bool(given) == (True if self.value is None else self.value)

    def formula(self, calc: Sheet, tag: str) -> dict[int, str]:
        cell = cell_name(self.fact)
        if self.at_least is not None:
            test = f"N({cell})>={self.at_least}"
        elif self.one_of is not None:
            test = f"OR({','.join(f'{cell}={text(k)}' for k in self.one_of)})"
        else:
            test = f"{cell}=\"Yes\"" if self.value is not False else f"{cell}<>\"Yes\""
        flag = calc.flag(f"fa{tag}", f"=IF({test},1,0)")
        return {1: flag, 2: flag}

    def words(self) -> str:
        name = self.fact.replace("_", " ")
        if self.at_least is not None:
            return f"every hour of a job whose {name} is at least {self.at_least:,}"
        if self.one_of is not None:
            return f"every hour of a job whose {name} is {' or '.join(self.one_of)}"
        return f"every hour of a job with {name}" if self.value is not False else f"every hour of a job without {name}"

    def identity(self) -> object:
        return self.model_dump_json()


VARIANTS = (JobTypeTrigger, CustomerTrigger, FactTrigger)


def check_job_conditions(spec: AgencyFile, where: Where) -> Iterator[Problem]:
    """Conditions on the job name declared job types, customer classes and facts, tested as their kind allows."""
    from .combine import walk

    for field, condition in walk(spec):
        if isinstance(condition, JobTypeTrigger):
            for key in condition.one_of:
                yield from where.known("job type", set(spec.job_types), key, f"{field}.one_of")
        elif isinstance(condition, CustomerTrigger):
            for key in condition.one_of:
                yield from where.known("customer class", set(spec.customer_classes), key, f"{field}.one_of")
        elif isinstance(condition, FactTrigger):
            yield from _fact_problems(spec, field, condition, where)


def count_problems(spec: AgencyFile, where: Where, name: str, field: str, use: str) -> Iterator[Problem]:
    """A rule that reads a count fact (`use`: what it does with it) names a declared fact that is a count."""
    fact = spec.facts.get(name)
    if fact is None:
        yield from where.known("fact", set(spec.facts), name, field)
    elif fact.kind != "count":
        yield where(field, f"fact {name} is not a count: {use}")


def _fact_problems(spec: AgencyFile, field: str, condition: FactTrigger, where: Where) -> Iterator[Problem]:
    fact = spec.facts.get(condition.fact)
    if fact is None:
        yield from where.known("fact", set(spec.facts), condition.fact, f"{field}.fact")
        return
    wanted = {"yes_no": "value", "count": "at_least", "choice": "one_of"}[fact.kind]
    for test in ("value", "at_least", "one_of"):
        if test != wanted and getattr(condition, test) is not None:
            yield where(f"{field}.{test}", f"fact {condition.fact} is {fact.kind.replace('_', ' or ')}: test it with {wanted}")
    if fact.kind == "count" and condition.at_least is None:
        yield where(f"{field}.at_least", f"required: fact {condition.fact} is a count")
    if fact.kind == "choice" and condition.one_of is None:
        yield where(f"{field}.one_of", f"required: fact {condition.fact} is a choice")
    for key in condition.one_of or ():
        yield from where.known(f"choice of {condition.fact}", set(fact.choices or ()), key, f"{field}.one_of")


CHECKS = (check_job_conditions,)
