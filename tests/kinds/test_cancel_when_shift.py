"""Cancellation windows by a condition on the shift (cancel-when-shift.toml), each charge worked by hand from the file.

Officer 50.00 an hour, 75.00 for the hours of a holiday (25 December 2026 is a Friday), 4-hour minimum. Cancelled
24 hours or less ahead: the greater of hours worked and the minimum, the hours added at the shift's highest rate.
The same 72 hours ahead for a shift with any hour on a holiday or of 10 officers or more, and 48 hours ahead for a
shift longer than 8 hours. After the start: the full shift. Each shift is judged under the windows that hold for it.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import load_file, parse_spec

A = "cancel-when-shift"
HOLIDAY_OR_CROWD = ('when = { kind = "any", of = [\n    { kind = "calendar", days = ["holiday"], scope = "hour" }, '
                    '{ kind = "officers", at_least = 10 }] }')
# Thu 24 Dec 08:00-14:00; Thu 24 Dec 20:00 to Fri 25 Dec 02:00, into Christmas Day; Fri 25 Dec 08:00-14:00.
THREE = (("2026-12-24T08:00", "2026-12-24T14:00"), ("2026-12-24T20:00", "2026-12-25T02:00"),
         ("2026-12-25T08:00", "2026-12-25T14:00"))


def job(*shifts: tuple[str, str], officers: int = 1) -> Request:
    return Request(tuple(Shift(D(s), D(e), officers) for s, e in shifts), requested_at=D("2026-11-01T09:00"))


def charge(request: Request, cancelled: str, name: str = A) -> M:
    return cancellation_charge(agency(name), request, D(cancelled)).charge


@pytest.mark.parametrize(("shifts", "officers", "cancelled", "expected"), [
    # Christmas Day 08:00-14:00 cancelled 48 hours ahead: the holiday's 72-hour window, 4 h x 75 = 300.00
    ([("2026-12-25T08:00", "2026-12-25T14:00")], 1, "2026-12-23T08:00", "300.00"),
    ([("2026-12-25T08:00", "2026-12-25T14:00")], 2, "2026-12-23T08:00", "600.00"),  # 2 officers: 2 x 300.00
    # Wed 16 Dec 08:00-14:00 cancelled 48 hours ahead: no window of its own has opened, no charge
    ([("2026-12-16T08:00", "2026-12-16T14:00")], 1, "2026-12-14T08:00", "0.00"),
    # the same 20 hours ahead: the usual 24-hour window, 4 h x 50 = 200.00
    ([("2026-12-16T08:00", "2026-12-16T14:00")], 1, "2026-12-15T12:00", "200.00"),
    # 10 officers, 48 hours ahead: the 72-hour window holds for a shift of 10 or more, 10 x 4 h x 50 = 2,000.00
    ([("2026-12-16T08:00", "2026-12-16T14:00")], 10, "2026-12-14T08:00", "2000.00"),
    # 10 hours long, 30 hours ahead: the 48-hour window, 4 h x 50 = 200.00; 6 hours long: nothing yet
    ([("2026-12-16T08:00", "2026-12-16T18:00")], 1, "2026-12-15T02:00", "200.00"),
    ([("2026-12-16T08:00", "2026-12-16T14:00")], 1, "2026-12-15T02:00", "0.00"),
    # Thu 24 Dec 20:00 to 02:00 on Christmas Day, 48 hours ahead: two of its hours are on the holiday, so the
    # 72-hour window: the 4-hour minimum at the shift's highest rate, the holiday's, 4 x 75 = 300.00
    ([("2026-12-24T20:00", "2026-12-25T02:00")], 1, "2026-12-22T20:00", "300.00"),
    # Thu 24 Dec 18:00-23:00, 48 hours ahead: no hour on the holiday, no charge
    ([("2026-12-24T18:00", "2026-12-24T23:00")], 1, "2026-12-22T18:00", "0.00"),
    # Christmas Day after the start: the full shift, 6 h x 75 = 450.00
    ([("2026-12-25T08:00", "2026-12-25T14:00")], 1, "2026-12-25T10:00", "450.00"),
])
def test_windows_by_a_condition_on_the_shift(shifts, officers, cancelled, expected):
    assert charge(job(*shifts, officers=officers), cancelled) == M(expected)


@pytest.mark.parametrize(("cancelled", "expected"), [
    # Wed 23 Dec 12:00: the 24th's day shift is 20 hours ahead, the usual window, 4 x 50 = 200.00; the night shift
    # into Christmas 32 hours ahead and Christmas Day's 44, each in the holiday's window, 4 x 75 = 300.00 each: 800.00
    ("2026-12-23T12:00", "800.00"),
    # Tue 22 Dec 12:00: the day shift 44 hours ahead, no charge; the other two as above: 600.00
    ("2026-12-22T12:00", "600.00"),
])
def test_each_shift_of_a_job_under_its_own_windows(cancelled, expected):
    got = cancellation_charge(agency(A), job(*THREE), D(cancelled))
    assert got.charge == M(expected)
    assert 1 not in {line.shift for line in got.lines if line.high == M("300.00")}  # the day shift: never the holiday's


def test_the_workbook_agrees(tmp_path):
    assert workbook_charges(agency(A), job(*THREE), [("2026-12-23T12:00", None), ("2026-12-22T12:00", None)],
                            tmp_path) == [M("800.00"), M("600.00")]


def test_a_holiday_from_part_way_through_a_day(tmp_path):
    # New Year's Eve from 18:00 as a holiday, and the 72-hour window for a shift with any hour on one: Thu 31 Dec
    # 08:00-12:00 has none, 16:00-22:00 has four (18:00-22:00, at 75.00). Cancelled Tue 29 Dec 12:00: the first 44
    # hours ahead, no charge; the second 52, 4 x 75 = 300.00. Wed 30 Dec 12:00: the first 20 hours ahead, the usual
    # window, 4 x 50 = 200.00, and 300.00: 500.00 (the job's full quote: 200.00 + 2 x 50 + 4 x 75 = 600.00). The
    # engine, and the workbook recalculated.
    text = agency(A).source.read_text().replace(HOLIDAY_OR_CROWD, 'when = { kind = "calendar", days = ["holiday"], '
                                                                  'scope = "hour" }')
    text = text.replace('day = 25 },\n]', 'day = 25 },\n  { name = "New Year\'s Eve", rule = "fixed", month = 12, '
                                          'day = 31, from = "18:00" },\n]')
    path = tmp_path / "partial.toml"
    path.write_text(text)
    partial = load_file(path)
    request = job(("2026-12-31T08:00", "2026-12-31T12:00"), ("2026-12-31T16:00", "2026-12-31T22:00"))
    cases = [("2026-12-29T12:00", None), ("2026-12-30T12:00", None)]
    assert [cancellation_charge(partial, request, D(c)).charge for c, _ in cases] == [M("300.00"), M("500.00")]
    assert workbook_charges(partial, request, cases, tmp_path) == [M("300.00"), M("500.00")]


def test_in_words():
    words = explain(agency(A))
    assert "Cancelled once approved: no charge. (line 3)" in words  # later windows hold for some shifts only
    assert "Cancelled 72 hours or less before the start, for a shift with any hour on a holiday or for which 10 or " \
           "more officers are requested: per position, the greater of hours worked and the 4-hour minimum at the " \
           "total rate. (line 4)" in words
    assert "Cancelled 48 hours or less before the start, for a shift longer than 8 hours: per position, the greater " \
           "of hours worked and the 4-hour minimum at the total rate. (line 5)" in words
    got = cancellation_charge(agency(A), job(*THREE), D("2026-12-23T12:00"))
    assert got.rule == "Cancelled 24 hours or less before the start: per position, the greater of hours worked and " \
                       "the 4-hour minimum at the total rate; cancelled 72 hours or less before the start, for a shift " \
                       "with any hour on a holiday or for which 10 or more officers are requested: per position, the " \
                       "greater of hours worked and the 4-hour minimum at the total rate."


@pytest.mark.parametrize(("when", "said"), [
    ('{ kind = "not", of = { kind = "calendar", days = ["weekend"], scope = "hour" } }',
     "for a shift with any hour not on a weekend"),
    ('{ kind = "all", of = [{ kind = "calendar", days = ["saturday", "sunday"], scope = "start" }, '
     '{ kind = "short_notice", under_hours = 72 }] }',
     "for a shift starting on a Saturday or a Sunday and requested less than 72 hours before it starts"),
    ('{ kind = "calendar", days = ["holiday"], scope = "job" }', "for a shift of a job with any hour on a holiday"),
    ('{ kind = "notice_days", under_days = 3 }', "for a shift requested fewer than 3 days before the day it starts"),
])
def test_conditions_in_words(when, said):
    text = agency(A).source.read_text().replace(HOLIDAY_OR_CROWD, f"when = {when}")
    assert f"Cancelled 72 hours or less before the start, {said}: per position" in explain(
        _agency(parse_spec(text, "cancel-when-shift.toml")))


def _agency(spec):
    from detailquote.agency import Agency
    return Agency.build(A, spec)


def test_what_is_refused():
    text = agency(A).source.read_text()
    # A detail that runs on: the window judges the shift as scheduled, the workbook's line runs on past its end.
    with pytest.raises(AgencyFileError, match=r"cancellation\.windows\[2\]\.when: with hours_added = 'run_on', a "
                                              r"cancellation window's condition tests the job"):
        parse_spec(text.replace("[roles]", 'hours_added = "run_on"\n\n[roles]'), "cancel-when-shift.toml")
    # A time band is no condition of a shift as a whole: not a condition a window takes.
    with pytest.raises(AgencyFileError, match=r"cancellation\.windows\[2\]\.when: kind must be .*not 'time_band'"):
        parse_spec(text.replace('{ kind = "length", over_hours = 8 }', '{ kind = "time_band", start = "22:00", '
                                                                       'end = "06:00" }'), "cancel-when-shift.toml")
