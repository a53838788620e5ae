"""A job type at a flat price per position per shift (flat-price.toml): funeral escort 143.75; regular work
at 50.00 (holiday 70.00, sergeant 60.00/80.00), 4-hour minimum, overtime after 8 hours at 1.5 x; a sergeant
added from 4 officers; vehicles 5.00 an hour; cancelled within 24 hours: 2 hours per position; after the
start: the full shift. Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import KINDS, D, agency, price
from detailquote import udfs
from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.loader import parse_spec
from detailquote.engine import Request, Shift


@pytest.mark.parametrize(
    "start, end, officers, vehicles, total",
    [
        ("2027-03-03T10:00", "2027-03-03T12:00", 3, 0, "431.25"),   # 3 x 143.75: no 4-hour minimum
        ("2027-03-03T10:00", "2027-03-03T20:00", 1, 0, "143.75"),   # 10 hours: no overtime
        ("2027-01-01T10:00", "2027-01-01T12:00", 1, 0, "143.75"),   # New Year's Day: no holiday rate
        ("2027-03-03T10:00", "2027-03-03T20:00", 4, 1, "768.75"),   # a sergeant added: 5 x 143.75, car 10 h x 5.00
    ],
)
def test_a_funeral_escort_costs_its_flat_price_per_position(start, end, officers, vehicles, total):
    q = price("flat-price", start, end, officers, vehicles, job_type="funeral_escort")
    assert q.total == M(total)
    assert {(l.tier, l.tier_label, l.rate) for l in q.lines if l.role != "vehicle"} == {("flat", "Flat price", M("143.75"))}


def test_other_job_types_stay_hourly():
    assert price("flat-price", "2027-01-01T10:00", "2027-01-01T12:00").total == M("280.00")   # 4 h minimum x 70.00
    assert price("flat-price", "2027-03-03T08:00", "2027-03-03T18:00").total == M("550.00")   # 8 x 50.00 + 2 x 75.00


ESCORT = Request((Shift(D("2027-03-03T10:00"), D("2027-03-03T12:00"), 3, 1),), job_type="funeral_escort")


@pytest.mark.parametrize(
    "request_, cancelled, charge",
    [
        (ESCORT, "2027-03-01T09:00", "0.00"),      # more than 24 hours before: nothing
        (ESCORT, "2027-03-02T20:00", "441.25"),    # within 24 hours: the flat price, not 2 hours at a rate
        (ESCORT, "2027-03-03T11:00", "441.25"),    # after the start: the full shift
        (ESCORT._replace(job_type=None), "2027-03-02T20:00", "300.00"),   # hourly: 3 x 2 h x 50.00
    ],
)
def test_a_cancellation_that_charges_hours_charges_the_flat_price(request_, cancelled, charge):
    got = cancellation_charge(agency("flat-price"), request_, D(cancelled))
    assert got.charge == M(charge)
    flat = request_.job_type is not None and charge != "0.00" and cancelled < "2027-03-03T10:00"
    assert any("flat price" in n for n in got.notes) == flat


def test_the_rules_functions_know_a_flat_price(monkeypatch):
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(KINDS))
    assert udfs.DETAIL_MIN_HOURS("flat-price", "funeral escort") == 0.0
    assert udfs.DETAIL_MIN_HOURS("flat-price", "regular") == 4.0
    assert udfs.DETAIL_RATE("flat-price", "officer", None, "funeral escort") == \
        "funeral escort jobs have a flat price of 143.75 per position per shift, not an hourly rate"
    assert udfs.DETAIL_RATE("flat-price", "sergeant", "holiday") == 80.0


def test_a_flat_price_holds_the_administrative_fee():
    text = (KINDS / "flat-price.toml").read_text().replace(
        '[cancellation]\nwindows = [\n  { opens = "approved", charge = "nothing", line = 8 },',
        '[admin_fee]\nbasis = "in_rate"\nhourly = 6.00\nline = 8\n\n'
        '[cancellation]\nadmin_fee_hours = 24\nwindows = [\n  { opens = "approved", charge = "nothing", admin_fee = true, line = 8 },')
    a = Agency.build("flat-fee", parse_spec(text))
    hourly = cancellation_charge(a, ESCORT._replace(job_type=None), D("2027-03-01T09:00"))
    assert hourly.charge == 3 * 2 * M("6.00")  # the fee on the 2 scheduled hours of each regular position
    flat = cancellation_charge(a, ESCORT, D("2027-03-01T09:00"))
    assert flat.charge == 0 and "holds any administrative fee" in " ".join(flat.notes)
