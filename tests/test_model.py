"""Rule classes as plain Python when they price and pydantic models when a file validates (rules.model)."""

from __future__ import annotations

import inspect
import os
import pickle
import subprocess
import sys
from decimal import Decimal

import pytest
from pydantic import ValidationError

from conftest import AGENCIES, ROOT
from detailquote import rulebook, rules
from detailquote.loader import load_agency, parse_spec
from detailquote.rules.model import BaseModel, twin
from detailquote.rules.payment import Payment

CLASSES = sorted(
    {cls for module in (rulebook, *rules.KINDS, rules.base) for cls in vars(module).values()
     if inspect.isclass(cls) and issubclass(cls, BaseModel) and cls is not BaseModel},
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)


def test_every_rule_class_is_found():
    assert len(CLASSES) > 60
    assert rulebook.AgencyFile in CLASSES and rules.payment.PaymentWhen in CLASSES


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}")
def test_a_plain_class_has_its_twins_fields_in_its_order(cls):
    # PaymentWhen(Payment, Cited): its own, Payment's and Cited's `line`, first, as pydantic orders them.
    model = twin(cls)
    assert list(cls.model_fields) == list(model.model_fields)
    assert issubclass(model, cls) and model.__name__ == cls.__name__ and model.__doc__ == cls.__doc__


def test_payment_when_gathers_the_fields_of_both_its_bases():
    assert list(rules.payment.PaymentWhen.model_fields) == [
        "line", "due", "returned_check", "late_interest", "suspension", "card", "ach", "late_fee", "deposit", "when",
        "waived",
    ]


def test_a_validated_file_is_plain_and_pickles_as_plain():
    spec = load_agency(AGENCIES / "tucson-az.toml").spec
    again = pickle.loads(pickle.dumps(spec))
    for value in (spec, again, spec.rate_tables[0].rows[0], again.rate_tables[0].rows[0]):
        assert type(value) is type(value).__runtime__, type(value)  # not the pydantic twin
    assert again == spec and hash(again.rate_tables[0].rows[0]) == hash(spec.rate_tables[0].rows[0])
    assert again is not spec and again.rate_tables[0] is not spec.rate_tables[0]


def test_records_are_equal_by_their_fields_and_immutable():
    row = load_agency(AGENCIES / "tucson-az.toml").spec.rate_tables[0].rows[0]
    raised = row.model_copy(update={"rate": row.rate + 1})
    assert raised != row and raised.model_copy(update={"rate": row.rate}) == row
    assert raised.rate == row.rate + 1 and raised.role == row.role
    assert raised.model_dump_json() != row.model_dump_json()
    assert raised.model_copy(update={"rate": row.rate}).model_dump_json() == row.model_dump_json()
    with pytest.raises(AttributeError, match="immutable"):
        row.rate = Decimal(1)
    assert len({row, row.model_copy()}) == 1


def test_a_plain_construction_takes_defaults_and_refuses_unknown_names():
    assert Payment() == Payment(due=None) and Payment().deposit is None
    with pytest.raises(TypeError, match="no field"):
        Payment(deposits=None)
    with pytest.raises(TypeError, match="needs"):
        rules.payment.NetDays(days=30)  # line is required


def test_validation_is_pydantics_with_its_validators():
    text = (AGENCIES / "tucson-az.toml").read_text(encoding="utf-8")
    with pytest.raises(ValidationError):
        rulebook.AgencyFile.model_validate({"name": "x"})
    spec = parse_spec(text, "tucson-az.toml")
    assert type(spec) is rulebook.AgencyFile
    # A model_validator is the plain class's own method, run on the twin as the file validates.
    with pytest.raises(ValidationError, match="both given and waived"):
        twin(rules.payment.PaymentWhen).model_validate({
            "line": 1, "when": {"kind": "customer", "one_of": ["city"]}, "ach": {"line": 1, "fee": 5}, "waived": ["ach"],
        })


def test_pricing_from_the_cache_never_imports_pydantic(tmp_path):
    code = ("import sys; from detailquote import udfs; "
            "assert udfs.DETAIL_QUOTE('tucson-az', 46380.75, 46381.0 + 1 / 12, 5.0, None, 46357.375, 1.0) == 4128.98; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    env = {**os.environ, "DETAILQUOTE_CACHE": str(tmp_path / "cache")}
    run = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=ROOT) for _ in range(2)]
    assert run[0].stdout.strip() != "[]"  # the first start validates the file, with pydantic
    assert run[1].stdout.strip() == "[]", run[1].stdout  # the second unpickles it and prices without
