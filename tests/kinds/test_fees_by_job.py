"""Fees by the job (fees-by-job.toml), each figure worked by hand from the file.

Officer 50.00, sergeant 60.00 (from 5 officers, added); 60.00 / 70.00 on a shift of 10 or more officers;
a 2-hour minimum. On top: 14.00 for the first officer and 2.00 for each after; 5.00 per officer; an event
fee by attendance (none up to 1,000, 100.00 over 1,000 up to 3,000, 250.00 over 3,000); 100.00 on a job
requested under 48 hours ahead. Wed 3 Mar 2027, 08:00-12:00 (4 hours), Denver time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import FEE, Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

TEXT = agency("fees-by-job").source.read_text()


def job(officers: int, facts: str | None = None, requested: str | None = None, *more: Shift):
    shifts = (Shift(D("2027-03-03T08:00"), D("2027-03-03T12:00"), officers), *more)
    return quote(agency("fees-by-job"), Request(shifts, facts=facts, requested_at=D(requested) if requested else None))


def fees(q) -> dict[str, M]:
    return {l.tier: l.amount for l in q.lines if l.role == FEE}


@pytest.mark.parametrize(("officers", "facts", "requested", "expected", "total"), [
    # 1 officer: 200.00; admin 14.00, insurance 5.00; no attendance given: no event fee; no request time: no booking fee.
    (1, None, None, {"admin": "14.00", "insurance": "5.00", "event": "0.00"}, "219.00"),
    # 4 officers, 800.00: admin 14 + 3 x 2 = 20.00; insurance 4 x 5 = 20.00; 1,000 is the top of the first band.
    (4, "attendance=1000", "2027-02-20T08:00", {"admin": "20.00", "insurance": "20.00", "event": "0.00"},
     "840.00"),
    # 5 officers and a sergeant: 1,000.00 + 240.00; 6 positions: admin 14 + 5 x 2 = 24.00, insurance 30.00; 1,001: 100.00;
    # requested 47 hours ahead: 100.00.
    (5, "attendance=1001", "2027-03-01T09:00",
     {"admin": "24.00", "insurance": "30.00", "event": "100.00", "booking": "100.00"}, "1494.00"),
    # 10 officers and a sergeant, large-event rates: 10 x 4 x 60 + 4 x 70 = 2,680.00; 11 positions: 34.00 and 55.00;
    # 3,001 attending: 250.00; 48 hours ahead exactly is not under 48: no booking fee.
    (10, "attendance=3001", "2027-03-01T08:00",
     {"admin": "34.00", "insurance": "55.00", "event": "250.00"}, "3019.00"),
])
def test_fees_by_the_job(officers, facts, requested, expected, total):
    q = job(officers, facts, requested)
    assert fees(q) == {k: M(v) for k, v in expected.items()}
    assert q.total == M(total)


def test_the_officers_of_a_job_are_its_largest_shift():
    # 2 officers Wednesday, 3 Thursday: 3 officers hired. 400.00 + 600.00; admin 14 + 2 x 2 = 18.00; insurance 15.00.
    q = job(2, None, None, Shift(D("2027-03-04T08:00"), D("2027-03-04T12:00"), 3))
    assert fees(q) == {"admin": M("18.00"), "insurance": M("15.00"), "event": M("0.00")}
    assert q.total == M("1033.00")


def test_a_fee_by_condition_is_owed_when_any_shift_meets_it():
    # Requested Mon 1 Mar 10:00: Wednesday's shift is 46 hours ahead, Friday's is not short notice. One booking fee.
    q = job(1, None, "2027-03-01T10:00", Shift(D("2027-03-05T08:00"), D("2027-03-05T12:00"), 1))
    assert fees(q)["booking"] == M("100.00")


def test_a_cancellation_carries_the_fees_of_the_job():
    # 5 officers and a sergeant, cancelled 10 hours ahead: 2 hours each, 5 x 2 x 50 + 2 x 60 = 620.00; the fees of
    # the job as quoted: 24.00 + 30.00 + 100.00 + 100.00 (requested 47 hours ahead).
    request = Request((Shift(D("2027-03-03T08:00"), D("2027-03-03T12:00"), 5),), facts="attendance=1001",
                      requested_at=D("2027-03-01T09:00"))
    charge = cancellation_charge(agency("fees-by-job"), request, D("2027-03-02T22:00"))
    assert charge.charge == M("874.00")


def test_the_fees_in_words():
    words = explain(agency("fees-by-job"))
    assert "$14.00 a job for the first officer and $2.00 for each officer after" in words
    assert "$5.00 for each officer of the job" in words
    assert "by attendance: none up to 1,000; $100.00 over 1,000 up to 3,000; $250.00 over 3,000" in words
    assert "$100.00 a job, on a shift requested less than 48 hours before it starts" in words
    assert "Every hour of a shift for which 10 or more officers are requested" in words


@pytest.mark.parametrize(("change", "problem"), [
    (("per_job = 14.00\nper_extra_officer", "per_hour = 14.00\nper_extra_officer"), "per_extra_officer goes with per_job"),
    (('by_fact = "attendance"', 'by_fact = "atendance"'), "unknown fact 'atendance'"),
    (('{ up_to = 3000, amount = 100.00 }', '{ up_to = 900, amount = 100.00 }'), "bands must rise"),
    (('{ amount = 250.00 }', '{ up_to = 5000, amount = 250.00 }'), "every band but the last has up_to"),
    (('when = { kind = "short_notice", under_hours = 48 }', 'when = { kind = "time_band", start = "20:00", end = "06:00" }'),
     "fees.booking.when"),
    (('{ kind = "officers", at_least = 10 }', '{ kind = "officers", at_least = 1 }'), "tiers.large.when.at_least"),
])
def test_fee_shapes_that_cannot_be_priced_are_refused(change, problem):
    assert change[0] in TEXT
    with pytest.raises(AgencyFileError, match=problem):
        parse_spec(TEXT.replace(*change), "fees-by-job.toml")
