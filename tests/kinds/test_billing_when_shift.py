"""Minimums and billing by a condition on the shift (billing-when-shift.toml), each total worked by hand from the file.

Officer 50.00 an hour, 75.00 for the hours of a holiday (4 July). Usually a 2-hour minimum; a shift with any hour
on a holiday is billed 4 hours at least, in whole hours; a shift requested less than 24 hours ahead 3 hours at
least. The first that holds applies, shift by shift. Hours added to reach a minimum go at the shift's highest rate.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.agency import Agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec

A = "billing-when-shift"


def job(*shifts: tuple[str, str], **options) -> Request:
    return Request(tuple(Shift(D(s), D(e), 1) for s, e in shifts), **options)


@pytest.mark.parametrize(("shifts", "options", "expected"), [
    ([("2026-07-08T08:00", "2026-07-08T09:00")], {}, "100.00"),   # Wed, 1 h: the 2-hour minimum, 2 x 50
    ([("2026-07-08T08:00", "2026-07-08T10:30")], {}, "125.00"),   # 2.5 h, no steps: 2.5 x 50
    ([("2026-07-04T08:00", "2026-07-04T09:00")], {}, "300.00"),   # the holiday: 4 h x 75
    ([("2026-07-04T08:00", "2026-07-04T12:30")], {}, "375.00"),   # 4.5 h on the holiday, whole hours: 5 x 75
    # Fri 3 Jul 22:00 to 00:30 on the holiday: the shift touches it, so 4 h: 2 h x 50 and 0.5 h x 75 worked,
    # the 1.5 h added at the shift's highest rate, 75: 100 + 150 = 250
    ([("2026-07-03T22:00", "2026-07-04T00:30")], {}, "250.00"),
    # requested Tue 7 Jul 14:00, 18 h ahead: 3 hours at least, 3 x 50; with a day's notice 2.5 h as above
    ([("2026-07-08T08:00", "2026-07-08T10:30")], {"requested_at": D("2026-07-07T14:00")}, "150.00"),
    ([("2026-07-08T08:00", "2026-07-08T10:30")], {"requested_at": D("2026-07-07T08:00")}, "125.00"),
    # the holiday at short notice: the first in the file, the holiday's 4 hours, 4 x 75
    ([("2026-07-04T08:00", "2026-07-04T09:00")], {"requested_at": D("2026-07-03T20:00")}, "300.00"),
    # one job of two shifts, each its own minimum: Fri 3 Jul 2 x 50 = 100; Sat 4 Jul 4 x 75 = 300
    ([("2026-07-03T08:00", "2026-07-03T09:00"), ("2026-07-04T08:00", "2026-07-04T09:00")], {}, "400.00"),
])
def test_billing_by_a_condition_on_the_shift(shifts, options, expected):
    assert quote(agency(A), job(*shifts, **options)).total == M(expected)


def test_each_shift_knows_its_minimum_and_its_billed_hours():
    q = quote(agency(A), job(("2026-07-03T08:00", "2026-07-03T09:00"), ("2026-07-04T08:00", "2026-07-04T12:30")))
    assert [(s.minimum, s.billed) for s in q.shifts] == [(2 * 3600, 2 * 3600), (4 * 3600, 5 * 3600)]


@pytest.mark.parametrize(("day", "cancelled", "expected"), [
    ("2026-07-04", "2026-07-03T12:00", "300.00"),  # 20 h before the holiday's shift: its 4-hour minimum, 4 x 75
    ("2026-07-08", "2026-07-07T12:00", "100.00"),  # 20 h before a weekday's: the 2-hour minimum, 2 x 50
    ("2026-07-04", "2026-07-02T12:00", "0.00"),    # 44 h before: no charge
])
def test_a_cancellation_charges_the_minimum_of_its_shift(day, cancelled, expected):
    request = job((f"{day}T08:00", f"{day}T09:00"), requested_at=D("2026-06-01T09:00"))
    assert cancellation_charge(agency(A), request, D(cancelled)).charge == M(expected)


def test_a_condition_decided_over_the_whole_job_holds_on_each_of_its_shifts():
    # The holiday minimum by the job's days (scope = "job"): a job of Fri 3 Jul and Sat 4 Jul, 1 h each, takes the
    # 4-hour minimum on both shifts: 4 x 50 + 4 x 75 = 500.00 (by each shift's own days: 2 x 50 + 4 x 75 = 400.00).
    text = agency(A).source.read_text().replace('days = ["holiday"], scope = "shift"', 'days = ["holiday"], scope = "job"')
    whole = Agency.build(A, parse_spec(text, "billing-when-shift.toml"))
    both = job(("2026-07-03T08:00", "2026-07-03T09:00"), ("2026-07-04T08:00", "2026-07-04T09:00"))
    assert quote(whole, both).total == M("500.00")
    assert [s.minimum for s in quote(whole, both).shifts] == [4 * 3600, 4 * 3600]


def test_a_holiday_from_part_way_through_a_day(tmp_path):
    # New Year's Eve a holiday from 18:00. Thu 31 Dec 08:00-09:00 has no hour of it: the 2-hour minimum; 17:00-19:00
    # has one: the holiday's 4 hours. Cancelled Wed 30 Dec 20:00, inside 24 hours of both: each shift's minimum at its
    # highest rate, 2 x 50 + 4 x 75 = 400.00, but never more than the job's full quote (RULES 18): 2 x 50, and
    # 50 + 75 + 2 x 75 = 275.00 for the second, 375.00. The engine, and the workbook recalculated.
    text = agency(A).source.read_text().replace(
        'rules = [{ name = "Independence Day", rule = "fixed", month = 7, day = 4 }]',
        'rules = [{ name = "Independence Day", rule = "fixed", month = 7, day = 4 },\n'
        '         { name = "New Year\'s Eve", rule = "fixed", month = 12, day = 31, from = "18:00" }]')
    partial = Agency.build(A, parse_spec(text, "billing-when-shift.toml"))
    request = job(("2026-12-31T08:00", "2026-12-31T09:00"), ("2026-12-31T17:00", "2026-12-31T19:00"),
                  requested_at=D("2026-12-01T09:00"))
    assert [s.minimum for s in quote(partial, request).shifts] == [2 * 3600, 4 * 3600]
    assert quote(partial, request).total == M("375.00")
    assert cancellation_charge(partial, request, D("2026-12-30T20:00")).charge == M("375.00")
    assert workbook_charges(partial, request, [("2026-12-30T20:00", None)], tmp_path) == [M("375.00")]


def test_in_words():
    words = explain(agency(A))
    assert "For a shift with any hour on a holiday: a minimum of 4 hours per position per shift and hours billed in " \
           "steps of 1 hour past the minimum." in words
    assert "For a shift requested less than 24 hours before it starts: a minimum of 3 hours per position per shift." \
           in words


def test_a_detail_that_runs_on_takes_a_condition_on_the_job_only():
    text = agency(A).source.read_text().replace("[roles]", 'hours_added = "run_on"\n\n[roles]')
    with pytest.raises(AgencyFileError, match=r"billing_when\[0\]\.when: with hours_added = 'run_on', a billing by "
                                              r"condition tests the job"):
        parse_spec(text, "billing-when-shift.toml")
