"""Staffing by the job's facts (staffing-facts.toml), each total worked by hand from the file.

Officer 60.00, sergeant 70.00, incident commander 80.00 an hour; a 3-hour minimum. One officer per started
1,000 attending, two with alcohol, and at least 3 wherever alcohol is served; a sergeant from 6 officers; a commander from 10 where alcohol is served.
Fri 10 Jul 2026, 18:00-22:00 (4 hours). Chicago time.
"""

from decimal import Decimal as M

import pytest
from openpyxl import load_workbook

from conftest import D, agency
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def job(officers: int, facts: str | None = None):
    return quote(agency("staffing-facts"), Request((Shift(D("2026-07-10T18:00"), D("2026-07-10T22:00"), officers),), facts=facts))


@pytest.mark.parametrize(("officers", "facts", "crew", "total"), [
    (2, None, (("officer", 2),), 2 * 4 * M("60.00")),
    (2, "attendance=2500", (("officer", 3),), 3 * 4 * M("60.00")),                      # 3 started thousands
    (4, "attendance=2500", (("officer", 4),), 4 * 4 * M("60.00")),                      # more than required: as asked
    (2, "attendance=2500; alcohol=yes", (("sergeant", 1), ("officer", 6)),            # 6 required: a sergeant too
     6 * 4 * M("60.00") + 4 * M("70.00")),
    (2, "attendance=4200; alcohol=yes", (("commander", 1), ("sergeant", 1), ("officer", 10)),  # 10 with alcohol
     10 * 4 * M("60.00") + 4 * M("70.00") + 4 * M("80.00")),
    (10, "attendance=100", (("sergeant", 1), ("officer", 10)), 10 * 4 * M("60.00") + 4 * M("70.00")),  # no alcohol: no commander
    (1, "alcohol=yes", (("officer", 3),), 3 * 4 * M("60.00")),                        # alcohol, no count: at least 3
    (1, "alcohol=yes; attendance=900", (("officer", 3),), 3 * 4 * M("60.00")),        # 2 per 1,000 gives 2: still 3
])
def test_the_crew_the_agency_requires(officers, facts, crew, total):
    q = job(officers, facts)
    assert q.shifts[0].positions == crew and q.total == total


def test_a_request_below_what_is_required_is_priced_as_required_with_a_warning():
    q = job(2, "attendance=2500")
    assert [w.message for w in q.warnings] == ["Crowd PD requires 3 officers for this job; 2 were requested: the quote prices 3."]
    assert not job(3, "attendance=2500").warnings


def test_the_rules_in_words():
    words = explain(agency("staffing-facts"))
    assert "Officers required: one officer for each 1,000 of attendance." in words
    assert "Officers required: 2 officers for each 1,000 of attendance, for a job with alcohol." in words
    assert "Officers required: at least 3 officers, for a job with alcohol." in words
    assert "Incident commander: one, from 10 officers requested (added), for a job with alcohol." in words


@pytest.mark.parametrize(("change", "problem"), [
    (('fact = "attendance", per = 1000, officers = 1', 'fact = "alcohol", per = 1000, officers = 1'), "fact alcohol is not a count"),
    (('when = { kind = "fact", fact = "alcohol" }, line = 6', 'when = { kind = "calendar", days = ["weekend"], scope = "hour" }, line = 6'),
     "staffing depends on the job, not on its days or hours"),
    (('fact = "attendance", per = 1000, officers = 2', 'fact = "atendance", per = 1000, officers = 2'), "unknown fact 'atendance'"),
    (('{ officers = 3, when = { kind = "fact", fact = "alcohol" }, line = 8 }', '{ officers = 3, per = 10, line = 8 }'),
     "fact and per go together"),
    (('{ officers = 3, when = { kind = "fact", fact = "alcohol" }, line = 8 }', '{ officers = 3, line = 8 }'),
     "needs a condition"),
])
def test_staffing_conditions_are_checked(change, problem):
    with pytest.raises(AgencyFileError, match=problem):
        parse_spec(agency("staffing-facts").source.read_text().replace(*change), "staffing-facts.toml")


def test_the_workbook_staffs_the_job_as_the_engine_does(tmp_path):
    from detailquote import filled, libreoffice, workbook

    a, paths, expected = agency("staffing-facts"), [], []
    for i, (officers, facts) in enumerate([(2, "attendance=2500; alcohol=yes"), (2, "attendance=4200; alcohol=yes"), (10, None)]):
        request = Request((Shift(D("2026-07-10T18:00"), D("2026-07-10T22:00"), officers),), facts=facts)
        expected.append(quote(a, request).total)
        paths.append(filled.write(a, request, tmp_path / f"job{i}.xlsx", None)[0])
    b = workbook.Builder(a)
    shown = []
    for path in libreoffice.convert(paths, tmp_path / "out"):
        ws = load_workbook(path, data_only=True)["Quote"]
        shown.append(M(str(ws[f"{b.inputs['amount']}{b.total_row}"].value)).quantize(M("0.01")))
    assert shown == expected
