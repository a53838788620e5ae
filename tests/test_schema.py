"""agencies/schema.json against the loader: every bundled and rule-kind file is valid under both, and a file the
loader refuses for its shape (an unknown key, a wrong type, a figure out of range, a missing key, a value not in a
list) is refused by the schema too, so an editor shows the same mistakes as you type. What needs the whole file (a
tier a row names, a rule that can never hold), a choice between keys (exactly one of percent, per_hour...) and
dollars past the cent (a JSON number has no exact 0.01) the loader checks alone."""

from __future__ import annotations

import json
import tomllib

import pytest
from jsonschema import Draft202012Validator

from conftest import AGENCIES, KINDS
from detailquote.errors import AgencyFileError
from detailquote.loader import parse_spec

SCHEMA = Draft202012Validator(json.loads((AGENCIES / "schema.json").read_text()))
FILES = sorted(AGENCIES.glob("*.toml")) + sorted(KINDS.glob("*.toml"))


def as_json(text: str) -> object:
    """The TOML as JSON would hold it (dates as text), which is what an editor checks against the schema."""
    return json.loads(json.dumps(tomllib.loads(text), default=str))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_file_is_valid_under_the_schema(path):
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in SCHEMA.iter_errors(as_json(path.read_text()))]
    assert not errors, errors[:5]


BASE = (KINDS / "fees-by-job.toml").read_text()


@pytest.mark.parametrize("change", [
    ('label = "Insurance fee"', 'label = "Insurance fee"\ncolour = "red"'),        # an unknown key
    ("per_officer = 5.00", 'per_officer = "5.00"'),                                 # text for a number
    ("per_officer = 5.00", "per_officer = 0"),                                      # not more than 0
    ("at_least = 10", "at_least = 1"),                                              # officers: at least 2
    ('kind = "officers"', 'kind = "officer"'),                                      # a kind not in the list
    ('name = "Rule kind: fees by the job"\n', ""),                                  # a required key missing
    ("line = 7", "line = 0"),                                                       # line numbers start at 1
    ("[facts.attendance]", "[facts.Attendance]"),                                   # a key is lower case
    ('{ up_to = 1000, amount = 0 }, { up_to = 3000, amount = 100.00 }, ', ''),     # one band: too few
])
def test_a_file_of_the_wrong_shape_is_refused_by_both(change):
    assert change[0] in BASE
    text = BASE.replace(*change, 1)
    with pytest.raises(AgencyFileError):
        parse_spec(text, "fees-by-job.toml")
    assert not SCHEMA.is_valid(as_json(text))
