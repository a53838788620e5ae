"""Cancellation windows for some jobs (cancel-when.toml), each charge worked by hand from the file.

Officer 60.00, 4-hour minimum. Private details: under 2 hours' notice, 4 hours per officer; after the start, the
full shift. Town details: no notice asked; after the start, the hours worked, at least the 4-hour minimum.
The job: Sat 12 Jun 2027, 10:00-16:00 (6 hours), 2 officers: 2 x 6 x 60 = 720.00.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, workbook_charges
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def job(job_type: str) -> Request:
    return Request((Shift(D("2027-06-12T10:00"), D("2027-06-12T16:00"), 2),), job_type=job_type,
                   requested_at=D("2027-05-01T09:00"))


@pytest.mark.parametrize(("job_type", "cancelled", "worked", "expected"), [
    ("regular", "2027-06-12T09:00", None, "480.00"),   # an hour ahead: 2 x 4 x 60
    ("town", "2027-06-12T09:00", None, "0.00"),        # no notice asked of a town detail
    ("regular", "2027-06-12T12:00", 2, "720.00"),      # after the start: the full shift
    ("town", "2027-06-12T12:00", 2, "480.00"),         # 2 hours worked: the 4-hour minimum, 2 x 4 x 60
    ("town", "2027-06-12T15:00", 5, "600.00"),         # 5 hours worked: 2 x 5 x 60
])
def test_windows_by_job_type(job_type, cancelled, worked, expected):
    got = cancellation_charge(agency("cancel-when"), job(job_type), D(cancelled), hours_worked=worked and M(worked))
    assert got.charge == M(expected)


def test_in_words_and_checked():
    words = explain(agency("cancel-when"))
    assert "Cancelled 2 hours or less before the start, not for a town job: 4 hours per position at the job's rate. " \
           "(line 3)" in words
    assert "Cancelled after the start, for a town job: per position, the greater of hours worked and the 4-hour " \
           "minimum at the total rate. (line 5)" in words
    # A condition on the shift, once refused, is taken (tests/kinds/cancel-when-shift.toml prices by it).
    text = agency("cancel-when").source.read_text().replace(
        'when = { kind = "job_type", one_of = ["town"] }, line = 5', 'when = { kind = "calendar", days = ["saturday"], scope = "hour" }, line = 5')
    saturday = parse_spec(text, "cancel-when.toml").cancellation.windows[3]
    assert saturday.when.days == ["saturday"] and not saturday.on_job
    with pytest.raises(AgencyFileError, match=r"two windows open at the same moment"):
        parse_spec(text.replace("line = 4 },", 'line = 4 },\n  { opens = "start", charge = "full", when = { kind = '
                                '"calendar", days = ["saturday"], scope = "hour" }, line = 5 },'), "cancel-when.toml")


def test_the_workbook_agrees(tmp_path):
    cases = [("2027-06-12T09:00", None), ("2027-06-12T12:00", M(2))]
    assert workbook_charges(agency("cancel-when"), job("town"), cases, tmp_path) == [M("0.00"), M("480.00")]
    (tmp_path / "r").mkdir()
    assert workbook_charges(agency("cancel-when"), job("regular"), cases, tmp_path / "r") == [M("480.00"), M("720.00")]
