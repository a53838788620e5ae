"""Percentages of a named base (fees-compound.toml), each figure worked by hand from the file.

Officer 70.00, 3-hour minimum, vehicle 40.00 an hour. Administration 15% of the officers' charges; health tax 2%
of the officers' charges and the administration fee; sales tax 13% of those two fees. Each rounded to the cent.
The job: Tue 7 Sep 2027, 08:00-13:00 (5 hours), 2 officers, 1 vehicle.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

JOB = Request((Shift(D("2027-09-07T08:00"), D("2027-09-07T13:00"), 2, 1),), requested_at=D("2027-08-01T09:00"))


def fees(lines) -> list[tuple[str, M]]:
    return [(l.tier, l.amount) for l in lines if l.role == FEE]


def test_each_percentage_of_its_own_base():
    q = quote(agency("fees-compound"), JOB)
    # Officers 2 x 5 x 70.00 = 700.00; vehicle 5 x 40.00 = 200.00.
    # Administration 15% of 700.00 = 105.00; health 2% of (700.00 + 105.00) = 16.10;
    # sales tax 13% of (105.00 + 16.10) = 15.743 -> 15.74. Total 900.00 + 136.84 = 1,036.84.
    assert fees(q.lines) == [("admin", M("105.00")), ("health", M("16.10")), ("tax", M("15.74"))]
    assert q.total == M("1036.84")


def test_the_same_percentages_of_every_charge_would_cost_more():
    # Had each been of all the charges (900.00): 135.00, 18.00 and 117.00: a different, dearer reading.
    text = agency("fees-compound").source.read_text().replace('of = ["labour"]\n', "").replace('of = ["labour", "fees"]\n', "") \
        .replace('of = ["fees"]\n', "")
    from detailquote.agency import Agency

    q = quote(Agency.build("x", parse_spec(text, "fees-compound.toml")), JOB)
    assert fees(q.lines) == [("admin", M("135.00")), ("health", M("18.00")), ("tax", M("117.00"))]


@pytest.mark.parametrize(("cancelled", "expected"), [
    # 3 hours each: 2 x 3 x 70.00 = 420.00, no vehicle; 63.00; 2% of 483.00 = 9.66; 13% of 72.66 = 9.4458 -> 9.45.
    ("2027-09-06T12:00", "502.11"),
    # After the start: the shift in full, the vehicle with it: 900.00 and the job's fees, 136.84.
    ("2027-09-07T09:00", "1036.84"),
])
def test_a_cancellation_takes_the_fees_on_the_same_bases(cancelled, expected):
    assert cancellation_charge(agency("fees-compound"), JOB, D(cancelled)).charge == M(expected)


def test_the_bases_in_words():
    words = explain(agency("fees-compound"))
    assert "Administration fee, added on top: 15% of the officers' charges." in words
    assert "Health tax, added on top: 2% of the officers' charges and the fees listed before it." in words
    assert "Sales tax on the fees, added on top: 13% of the fees listed before it." in words


@pytest.mark.parametrize(("change", "problem"), [
    (('percent = 15\nof = ["labour"]', 'per_job = 15.00\nof = ["labour"]'), "of goes with percent"),
    (('of = ["labour"]', 'of = ["labour", "labour"]'), "at most once"),
    (('of = ["labour"]', 'of = ["wages"]'), "fees.admin.of"),
])
def test_a_base_that_cannot_be_read_is_refused(change, problem):
    with pytest.raises(AgencyFileError, match=problem):
        parse_spec(agency("fees-compound").source.read_text().replace(*change), "fees-compound.toml")
