"""Vehicle charges other than per hour: per shift and required at night, first hour and after, a share of
the officer's charge, officer time only, and by length of detail for the scheduled hours (vehicles-*.toml).
Officer 50.00, holiday 70.00; Chicago time.
"""

from decimal import Decimal as M

import pytest

from conftest import KINDS, price


@pytest.mark.parametrize(
    "start, end, officers, vehicles, total",
    [
        ("2026-03-03T08:00", "2026-03-03T12:00", 2, 1, "425.00"),   # 2 x 4 h x 50 + one vehicle, 25.00 a shift
        ("2026-03-03T08:00", "2026-03-03T12:00", 2, 0, "400.00"),
        ("2026-03-03T19:00", "2026-03-03T23:00", 2, 0, "450.00"),   # an hour after 20:00: a vehicle per position
        ("2026-03-03T06:00", "2026-03-03T10:00", 2, 0, "400.00"),   # night ends at 06:00
        ("2026-03-03T05:00", "2026-03-03T07:00", 1, 0, "175.00"),   # 3-hour minimum (150.00), night: 25.00
    ],
)
def test_per_shift_and_required_at_night(start, end, officers, vehicles, total):
    q = price("vehicles-per-shift", start, end, officers, vehicles)
    assert q.total == M(total)
    assert any(w.code == "vehicle_required" for w in q.warnings) == (total in ("450.00", "175.00"))


@pytest.mark.parametrize(
    "end, total",
    [
        ("2026-03-03T12:00", "249.00"),   # billed 4.5 h: 225.00; vehicle 10.00 + 3.5 h x 4.00
        ("2026-03-03T09:00", "222.00"),   # 1.5 h lifted to the 4-hour minimum: 200.00; 10.00 + 3 h x 4.00
    ],
)
def test_first_hour_and_after(end, total):
    assert price("vehicles-first-hour", "2026-03-03T08:00", end, 1, 1).total == M(total)


def test_a_share_of_the_officers_charge_includes_overtime():
    # 10 h: 8 x 50.00 + 2 x 75.00 = 550.00, and the vehicle 10% of it.
    assert price("vehicles-percent", "2026-03-03T08:00", "2026-03-03T18:00", 1, 1).total == M("605.00")
    # New Year's Day, two officers, one vehicle: 280.00 each, and the vehicle 10% of its own officer's.
    assert price("vehicles-percent", "2026-01-01T08:00", "2026-01-01T12:00", 2, 1).total == 2 * M("280.00") + M("28.00")


def test_officer_time_only():
    q = price("vehicles-officer-time", "2026-03-03T08:00", "2026-03-03T12:00", 2)
    assert q.total == 2 * 5 * M("50.00")  # each officer brings the required vehicle: 5 h billed, no vehicle line
    assert [l.role for l in q.lines] == ["officer"]
    assert [w.code for w in q.warnings] == ["vehicle_required"]


@pytest.mark.parametrize(
    "end, officer, vehicle",
    [
        ("2026-03-03T10:00", "150.00", "15.00"),   # 2 h scheduled, billed 3 (the minimum): the vehicle by the 2 h, 15.00
        ("2026-03-03T10:30", "150.00", "25.00"),   # 2.5 h: over 2, up to 4
        ("2026-03-03T12:00", "200.00", "25.00"),   # 4 h: the top of the band
        ("2026-03-03T12:15", "212.50", "50.00"),   # 4.25 h: over 4
    ],
)
def test_by_length_of_the_scheduled_hours(end, officer, vehicle):
    q = price("vehicles-by-length", "2026-03-03T08:00", end, 1, 1)
    assert [(l.role, l.amount) for l in q.lines] == [("officer", M(officer)), ("vehicle", M(vehicle))]


def test_by_length_in_words():
    from conftest import agency
    from detailquote.explain import explain

    assert ("Vehicle: $15.00 a shift up to 2 hours; $25.00 a shift over 2 up to 4 hours; $50.00 a shift over 4 hours, "
            "for the scheduled hours only (not the officer's minimum).") in explain(agency("vehicles-by-length"))


@pytest.mark.parametrize(
    "start, end, vehicles, complete",
    [
        ("2026-03-03T08:00", "2026-03-03T12:00", 0, True),    # by day, none asked for: priced in full
        ("2026-03-03T08:00", "2026-03-03T12:00", 1, False),   # one asked for: its rate is not published
        ("2026-03-03T18:00", "2026-03-03T22:00", 0, False),   # into the night: required, and not priced
    ],
)
def test_a_vehicle_required_but_not_priced_makes_the_quote_incomplete(start, end, vehicles, complete):
    q = price("vehicles-unpublished", start, end, 2, vehicles)
    assert q.total == 2 * 4 * M("50.00") and q.complete is complete  # the officers, 400.00, whatever the vehicles
    assert ("Unpriced car PD publishes no vehicle rate: the vehicles cannot be priced." in
            [w.message for w in q.warnings]) is not complete


@pytest.mark.parametrize("vehicles", [0, 1, 2])
def test_a_vehicle_at_no_charge_adds_nothing(vehicles):
    # by day, 2 officers x 4 h x 50.00, whatever the vehicles; at night they are required, and free
    for start, end in (("2026-03-03T08:00", "2026-03-03T12:00"), ("2026-03-03T18:00", "2026-03-03T22:00")):
        q = price("vehicles-no-charge", start, end, 2, vehicles)
        assert q.total == M("400.00") and q.complete and len(q.lines) == 1


@pytest.mark.parametrize(
    "end, officer, vehicle",
    [
        ("2026-03-03T10:30", "200.00", "60.00"),    # 2.5 h scheduled, billed 4 (the minimum): the car 3 started hours
        ("2026-03-03T12:00", "200.00", "80.00"),    # 4 h: exactly 4 hours
        ("2026-03-03T12:05", "212.50", "100.00"),   # 4 h 5 min billed 4.25 h in quarter hours; the car 5 started hours
        ("2026-03-03T13:15", "262.50", "120.00"),   # 5.25 h: 6 started hours
    ],
)
def test_per_started_hour_of_the_scheduled_hours(end, officer, vehicle):
    q = price("vehicles-started-hour", "2026-03-03T08:00", end, 1, 1)
    assert [(l.role, l.amount) for l in q.lines] == [("officer", M(officer)), ("vehicle", M(vehicle))]


def test_per_started_hour_in_words_and_checked():
    from conftest import agency
    from detailquote.explain import explain
    from detailquote.loader import parse_spec
    from detailquote.errors import AgencyFileError

    assert ("Vehicle: $20.00 for each billed hour, for the scheduled hours only (not the officer's minimum), "
            "each started hour as a whole hour.") in explain(agency("vehicles-started-hour"))
    text = (KINDS / "vehicles-per-shift.toml").read_text().replace('basis = "per_shift"', 'basis = "per_shift"\nstarted_hours = true')
    with pytest.raises(AgencyFileError, match="started_hours goes with a charge by the hour or by length"):
        parse_spec(text)
