"""The contract of the rule kinds: every variant of every kind has each of its kind's readings, and a test agency uses it.

A reading is a method the variant (or its kind's base) defines itself, not a
stub that raises NotImplementedError: `price` for the engine, `formula` for the
workbook, `words` for explain; a kind without a formula says so in READINGS.
"""

from __future__ import annotations

import inspect

import pytest

from conftest import KIND_AGENCIES, agency
from detailquote import rules
from detailquote.rules.model import BaseModel
from detailquote.rules.checks import Where

VARIANTS = [(kind.__name__.rsplit(".", 1)[-1], variant) for kind in rules.KINDS for variant in kind.VARIANTS]
ROLES = ("charge", "amount", "kind", "opening", "charging")  # properties that give a rule's variant class


def _defined(cls: type, name: str):
    """The function behind `cls.name`, and the class that defines it."""
    for owner in cls.__mro__:
        if name in vars(owner):
            found = vars(owner)[name]
            return getattr(found, "__func__", found), owner
    return None, None


@pytest.mark.parametrize(("kind", "variant"), VARIANTS, ids=[f"{k}.{v.__name__}" for k, v in VARIANTS])
def test_every_variant_has_every_reading(kind, variant):
    module = getattr(rules, kind)
    for reading in rules.readings(module):
        func, owner = _defined(variant, reading)
        assert func is not None, f"{variant.__name__} has no {reading}"
        assert owner not in (object, BaseModel) and owner.__module__ == module.__name__, (variant.__name__, reading, owner)
        assert "raise NotImplementedError" not in inspect.getsource(func), f"{variant.__name__}.{reading} is a stub"


def _variants_in(value, seen: set[type]) -> None:
    """Every rule variant in a loaded agency file: the models themselves and the variant classes they choose."""
    if isinstance(value, BaseModel):
        seen.add(type(value))
        for role in ROLES:
            chosen = getattr(value, role, None)
            if isinstance(chosen, type):
                seen.add(chosen)
        for name in type(value).model_fields:
            _variants_in(getattr(value, name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _variants_in(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _variants_in(item, seen)


def test_every_variant_is_used_by_a_test_agency():
    seen: set[type] = set()
    for name in KIND_AGENCIES:
        _variants_in(agency(name).spec, seen)
    unused = sorted(f"{k}.{v.__name__}" for k, v in VARIANTS if v not in seen)
    assert not unused, f"no agency under tests/kinds uses {unused}"


def test_every_kind_lists_its_checks_as_named_documented_functions():
    for kind in rules.KINDS:
        assert kind.VARIANTS, kind.__name__
        for check in kind.CHECKS:
            assert check.__name__.startswith("check_") and check.__doc__, (kind.__name__, check)
    assert len(rules.all_checks()) == len(set(rules.all_checks()))


def test_a_check_reports_the_file_the_field_and_the_line(tmp_path):
    text = (agency("fees").source.read_text()
            .replace('[customer_classes.charity]', '[customer_classes.charity]\n# an unused class below\n', 1))
    spec = agency("fees").spec
    where = Where("fees.toml", text)
    problem = where("customer_classes.charity", "no fee treats this class differently")
    assert problem.line == next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith("[customer_classes.charity]"))
    assert str(problem).endswith(f"(line {problem.line})") and problem.file == "fees.toml"
    assert list(rules.fees.check_customer_classes(spec, where)) == []


@pytest.mark.parametrize(("change", "field", "line_starts"), [
    (("rate = 65.00", "rate = -65.00"), "rate_tables[0].rows[1].rate", '  { role = "officer", tier = "short_days", rate = -65.00'),
    (("under_days = 3", "under_dayz = 3"), "tiers.short_days.when.under_dayz", 'when = { kind = "notice_days", under_dayz'),
    (("under_days = 3", "under_dayz = 3"), "tiers.short_days.when.under_days", 'when = { kind = "notice_days", under_dayz'),
    (("[minimum_hours]\nhours = 3", "[minimum_hours]\nhour = 3"), "minimum_hours.hour", "hour = 3"),
    (("[minimum_hours]\nhours = 3", "[minimum_hours]\nhour = 3"), "minimum_hours.hours", "[minimum_hours]"),
])
def test_a_problem_names_the_line_an_editor_shows(change, field, line_starts):
    """The line of a problem's field: in an inline table, an item of an array, or a table; a missing key: its table."""
    from detailquote.errors import AgencyFileError
    from detailquote.loader import parse_spec

    text = agency("notice-days").source.read_text().replace(*change)
    with pytest.raises(AgencyFileError) as info:
        parse_spec(text, "notice-days.toml")
    (problem,) = [p for p in info.value.problems if p.field == field]
    assert text.split("\n")[problem.line - 1].startswith(line_starts)
