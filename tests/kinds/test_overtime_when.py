"""Overtime for some jobs (overtime-when.toml), each total worked by hand from the file.

Officer 50.00, 3-hour minimum, overtime 1.5 times past 8 hours, except for a town department, billed straight time.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, price
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


@pytest.mark.parametrize(("customer", "total"), [
    (None, "550.00"),     # 10 h: 8 x 50 + 2 x 75
    ("town", "500.00"),   # 10 h at 50
])
def test_overtime_for_some_jobs(customer, total):
    assert price("overtime-when", "2026-03-03T08:00", "2026-03-03T18:00", 1, customer=customer).total == M(total)


def test_in_words_and_checked():
    assert ("Hours past 8 per position per shift are paid at 1.5 times the rate, not for a town customer."
            in explain(agency("overtime-when")))
    condition = 'when = { kind = "not", of = { kind = "customer", one_of = ["town"] } }'
    longer = condition.replace('when = { kind = "not"', 'when = { kind = "all", of = [{ kind = "length", over_hours = 9 }, '
                               '{ kind = "not"').replace("} }", "} }] }")
    spec = parse_spec(agency("overtime-when").source.read_text().replace(condition, longer), "overtime-when.toml")
    assert spec.overtime.words() == ("Hours past 8 per position per shift are paid at 1.5 times the rate, for a shift "
                                     "longer than 9 hours and not for a town customer.")
