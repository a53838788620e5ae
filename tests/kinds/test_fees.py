"""Fees added on top of the charges (fees.toml): 10% administrative fee (charities 5%, public bodies none),
a radio charge of 1.25 per billed position-hour, and a booking fee of 25.00 a job (public bodies none).
Officer 50.00 (holiday 70.00), sergeant 60.00 from 4 officers, 3-hour minimum, vehicle 5.00 an hour.
"""

from decimal import Decimal as M

import pytest

from conftest import KINDS, D, agency, price
from detailquote.errors import AgencyFileError
from detailquote.loader import parse_spec
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote
from detailquote.errors import InputError


def fees(q) -> list[tuple[str, str, M]]:
    return [(l.tier, l.tier_label, l.amount) for l in q.lines if l.role == FEE]


@pytest.mark.parametrize(
    "customer, admin, booking, total",
    [
        (None, "40.00", "25.00", "475.00"),                # 400.00 + 10% + 8 position-hours x 1.25 + 25.00
        ("charity", "20.00", "25.00", "455.00"),
        ("Registered charity", "20.00", "25.00", "455.00"),  # by label, as the workbook's drop-down offers it
        ("public_body", "0.00", "0.00", "410.00"),
    ],
)
def test_fees_by_customer_class(customer, admin, booking, total):
    q = price("fees", "2027-03-03T08:00", "2027-03-03T12:00", 2, customer=customer)
    assert q.total == M(total)
    amounts = {key: amount for key, _, amount in fees(q)}
    assert amounts == {"admin": M(admin), "radio": M("10.00"), "booking": M(booking)}


def test_each_fee_rounds_once_to_the_cent():
    # 3 h 20 min: 166.67; 10% = 16.667 -> 16.67; 3.3333 h x 1.25 = 4.1667 -> 4.17; + 25.00.
    assert price("fees", "2027-03-03T08:00", "2027-03-03T11:20").total == M("212.51")


def test_the_percentage_takes_vehicles_the_hourly_fee_only_billed_position_hours():
    # 2 officers 4 h (400.00) and a car (20.00): 10% of 420.00; radio on 8 h; 1 h lifted to 3 h for the minimum.
    assert price("fees", "2027-03-03T08:00", "2027-03-03T12:00", 2, 1).total == M("420.00") + M("42.00") + M("10.00") + M("25.00")
    assert price("fees", "2027-03-03T08:00", "2027-03-03T09:00").total == M("150.00") + M("15.00") + M("3.75") + M("25.00")


def test_fees_take_every_shift_and_supervisor_of_the_job_once():
    shifts = (Shift(D("2027-03-03T08:00"), D("2027-03-03T12:00"), 4), Shift(D("2027-03-04T08:00"), D("2027-03-04T12:00"), 1))
    q = quote(agency("fees"), Request(shifts))
    # 4 officers and a sergeant for 4 h (1,040.00), then one officer (200.00): 24 position-hours.
    assert fees(q) == [("admin", "", M("124.00")), ("radio", "", M("30.00")), ("booking", "", M("25.00"))]
    assert q.total == M("1419.00")


def test_a_flat_price_is_charged_and_its_hours_billed():
    q = price("fees", "2027-03-03T08:00", "2027-03-03T10:00", 2, job_type="funeral_escort", customer="charity")
    assert q.total == M("200.00") + M("10.00") + M("5.00") + M("25.00")  # 4 position-hours of radio
    assert fees(q)[0][1] == "Registered charity"


@pytest.mark.parametrize(
    "name, customer, message",
    [
        ("fees", "bank", "unknown customer class 'bank'"),
        ("tucson-az", "charity", "charges every customer alike"),
    ],
)
def test_an_unknown_class_is_refused(name, customer, message):
    with pytest.raises(InputError, match=message):
        price(name, "2027-03-03T08:00", "2027-03-03T12:00", customer=customer)


@pytest.mark.parametrize(
    "cancelled, customer, charge",
    [
        ("2027-03-02T20:00", None, "362.50"),       # 2 x the 3-hour minimum (300.00), 10%, 6 position-hours x 1.25, 25.00
        ("2027-03-02T20:00", "charity", "347.50"),  # 5% for a charity
        ("2027-03-01T20:00", None, "0.00"),         # more than 24 hours ahead: nothing, and no fee on nothing
    ],
)
def test_a_cancellation_charge_carries_the_fees_on_top(cancelled, customer, charge):
    job = Request((Shift(D("2027-03-03T08:00"), D("2027-03-03T12:00"), 2),), customer=customer)
    got = cancellation_charge(agency("fees"), job, D(cancelled))
    assert got.charge == M(charge)
    assert [l.shift for l in got.lines if l.description.startswith(("Admin", "Radio", "Booking"))] == ([0, 0, 0] if got.charge else [])


FEES = (KINDS / "fees.toml").read_text()


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("classes = { charity = 5, public_body = 0 }", "classes = { charity = 5, public_body = 0, church = 2 }",
         "fees.admin.classes: unknown customer class 'church'"),
        ("[fees.admin]", '[customer_classes.church]\nlabel = "Church"\nline = 9\n\n[fees.admin]',
         "customer_classes.church: no fee treats this class differently"),
        ("classes = { charity = 5, public_body = 0 }", "classes = { charity = 100 }", "fees.admin: classes.charity: a percentage must be below 100"),
        ("per_job = 25.00", "per_job = 25.00\nper_hour = 1.00", "fees.booking: give exactly one of percent, per_hour, per_job, per_officer and bands"),
        ("classes = { public_body = 0 }", "classes = { public_body = 0.125 }", "fees.booking: classes.public_body: dollars take at most 2"),
        ("flat_price = 100.00", "flat_price = 100.00\nminimum_hours = 2", "job_types.funeral_escort.minimum_hours: a job type with a flat price"),
    ],
)
def test_a_fee_or_flat_price_that_cannot_be_priced_is_refused(old, new, problem):
    assert old in FEES
    with pytest.raises(AgencyFileError) as info:
        parse_spec(FEES.replace(old, new), "fees.toml")
    found = [f"{p.field}: {p.reason}" for p in info.value.problems]
    assert any(f.startswith(problem) for f in found), found
