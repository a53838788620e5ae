"""A vehicle charge for some jobs (vehicle-charge-when.toml), each total worked by hand from the file.

Officer 50.00, 3-hour minimum; a car 25.00 for each hour its officer is billed, and half an hour of the officer's
time to pick it up and return it; no vehicle charge for a town department, whose officers are still paid that
half hour. Tue 3 Mar 2026, New York time.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, price
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

CONDITION = 'charge_when = { kind = "not", of = { kind = "customer", one_of = ["town"] } }'


@pytest.mark.parametrize(("end", "officers", "customer", "total", "car"), [
    # 4 h with the car: 4.5 h billed, 4.5 x 50 = 225.00, and the car 4.5 x 25 = 112.50
    ("12:00", 1, None, "337.50", "112.50"),
    # a town department: the officer's 4.5 h, 225.00, and no car charge
    ("12:00", 1, "town", "225.00", None),
    # 2 h, two officers, one car: 2.5 h with the car and 2 h without, each raised to the 3-hour minimum, 2 x 150.00;
    # the car 3 x 25 = 75.00
    ("10:00", 2, None, "375.00", "75.00"),
    ("10:00", 2, "town", "300.00", None),
])
def test_a_vehicle_charged_for_some_jobs(end, officers, customer, total, car):
    q = price("vehicle-charge-when", "2026-03-03T08:00", f"2026-03-03T{end}", officers, 1, customer=customer)
    assert q.total == M(total)
    assert [l.amount for l in q.lines if l.role == "vehicle"] == ([M(car)] if car else [])


def test_in_words():
    assert ("Vehicle: $25.00 for each billed hour, not for a town customer, plus 0.5 hours of the officer's time on "
            "every job." in explain(agency("vehicle-charge-when")))


@pytest.mark.parametrize(("change", "field", "reason"), [
    ('basis = "officer_time"\n' + CONDITION, r"vehicles\.charge_when",
     "basis = 'officer_time': a vehicle costs only its officer's handling time"),
])
def test_a_condition_that_cannot_scope_the_charge_is_refused(change, field, reason):
    text = agency("vehicle-charge-when").source.read_text()
    if change.startswith("basis"):
        text = text.replace('basis = "per_hour"\nrate = 25.00\n', "").replace(CONDITION, change)
    else:
        text = text.replace(CONDITION, change)
    with pytest.raises(AgencyFileError, match=rf"vehicle-charge-when\.toml.*{field}.*{reason}"):
        parse_spec(text, "vehicle-charge-when.toml")
