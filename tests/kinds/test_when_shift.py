"""Overtime and a vehicle's charge by a condition on the shift (when-shift.toml), each total worked by hand.

Officer 50.00 an hour, 4-hour minimum. On a shift with any hour on a weekend or holiday, hours past 8 are paid at
time and one-half, 75.00; on other shifts there is no overtime. A patrol car is 10.00 for each billed hour, but
nothing on a shift with any hour on a holiday (4 July, 25 December). July 2026: Fri 3, Sat 4 (Independence Day),
Wed 8, Fri 10, Sat 11.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, lines, price
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain
from detailquote.loader import parse_spec

A = "when-shift"


@pytest.mark.parametrize(("start", "end", "vehicles", "total"), [
    ("2026-07-08T08:00", "2026-07-08T19:00", 0, "550.00"),  # Wed, 11 h, no overtime on a weekday: 11 x 50
    ("2026-07-11T08:00", "2026-07-11T19:00", 0, "625.00"),  # Sat, 11 h: 8 x 50 + 3 x 75 = 400 + 225
    # Fri 14:00 to Sat 01:00 touches the weekend, so the whole shift takes overtime past 8 h: 8 x 50 + 3 x 75
    ("2026-07-10T14:00", "2026-07-11T01:00", 0, "625.00"),
    ("2026-07-10T08:00", "2026-07-10T19:00", 0, "550.00"),  # Fri, 11 h: 11 x 50
    ("2026-07-08T08:00", "2026-07-08T12:00", 1, "240.00"),  # Wed, 4 h with the car: 4 x 50 + 4 x 10
    ("2026-07-04T08:00", "2026-07-04T12:00", 1, "200.00"),  # the holiday: no car charge, 4 x 50
    ("2026-07-03T22:00", "2026-07-04T02:00", 1, "200.00"),  # Fri night into the holiday: no car charge, 4 x 50
    ("2026-07-03T08:00", "2026-07-03T10:00", 1, "240.00"),  # Fri 2 h: the 4-hour minimum, 4 x 50 + the car 4 x 10
    # the holiday, 10 h with the car: 8 x 50 + 2 x 75 = 550, and no car charge
    ("2026-07-04T08:00", "2026-07-04T18:00", 1, "550.00"),
    ("2026-12-24T16:00", "2026-12-24T20:00", 1, "240.00"),  # Christmas Eve: 4 x 50 + the car 4 x 10
])
def test_overtime_and_the_car_by_the_shift(start, end, vehicles, total):
    assert price(A, start, end, vehicles=vehicles).total == M(total)


def test_the_overtime_line_and_no_car_line_on_the_holiday():
    q = price(A, "2026-07-04T08:00", "2026-07-04T18:00", vehicles=1)
    assert lines(q) == [("officer", "standard", 1, M(8), M("50.00"), M("400.00"), False),
                        ("officer", "standard", 1, M(2), M("75.00"), M("150.00"), True)]


def test_each_shift_of_a_job_by_its_own_days():
    # Fri 3 Jul 08:00-12:00 with the car, 240.00; Sat 4 Jul the same, no car charge, 200.00
    holiday = Request((Shift(D("2026-07-03T08:00"), D("2026-07-03T12:00"), 1, 1),
                       Shift(D("2026-07-04T08:00"), D("2026-07-04T12:00"), 1, 1)))
    assert quote(agency(A), holiday).total == M("440.00")
    # Wed 8 Jul 08:00-18:00, 10 h at 50 = 500; Sat 11 Jul the same with overtime, 8 x 50 + 2 x 75 = 550
    weekend = Request((Shift(D("2026-07-08T08:00"), D("2026-07-08T18:00"), 1),
                       Shift(D("2026-07-11T08:00"), D("2026-07-11T18:00"), 1)))
    assert quote(agency(A), weekend).total == M("1050.00")


@pytest.mark.parametrize(("day", "worked", "expected"), [
    ("2026-07-11", "10", "550.00"),  # Sat, 10 h worked of 12: 8 x 50 + 2 x 75
    ("2026-07-08", "10", "500.00"),  # Wed, 10 h worked of 12: 10 x 50
])
def test_hours_worked_take_the_overtime_of_their_shift(day, worked, expected):
    request = Request((Shift(D(f"{day}T08:00"), D(f"{day}T20:00"), 1),), requested_at=D("2026-06-01T09:00"))
    charge = cancellation_charge(agency(A), request, D(f"{day}T18:00"), hours_worked=M(worked))
    assert charge.charge == M(expected)


def test_in_words():
    words = explain(agency(A))
    assert ("Hours past 8 per position per shift are paid at 1.5 times the rate, for a shift with any hour on a weekend "
            "or a holiday.") in words
    assert "Vehicle: $10.00 for each billed hour, for a shift with no hour on a holiday." in words


def test_the_guides_charge_for_holidays_or_a_town_department_reads_as_it_says():
    guide = (agency(A).source.parents[2] / "agencies" / "README.md").read_text()
    start = guide.index("    charge_when = { kind = \"not\", of = { kind = \"any\"")
    condition = "\n".join(line.strip() for line in guide[start:guide.index("} ] } }", start) + 7].splitlines())
    text = agency(A).source.read_text()
    text = text.replace('charge_when = { kind = "not", of = { kind = "calendar", days = ["holiday"], scope = "shift" } }',
                        condition).replace("[tiers.standard]", '[customer_classes.town]\nlabel = "Town department"\n'
                                                                'line = 3\n\n[tiers.standard]')
    spec = parse_spec(text, "when-shift.toml")
    assert spec.vehicles.words() == ("Vehicle: $10.00 for each billed hour, for a shift with no hour on a holiday and "
                                     "not for a town customer.")
