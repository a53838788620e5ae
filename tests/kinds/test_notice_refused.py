"""Late requests refused (notice-refused.toml): 5 business days' notice, counted from the day after the order to
the start date, skipping weekends, Christmas Day and Boxing Day. Officer 80.00, 3-hour minimum. Toronto time.

Hand count: a shift on Wed 30 Dec 2026 ordered on Fri 18 Dec: Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 and Sat 26
holidays, Sun 27 weekend) Mon 28 = 5 by Mon 28; Tue 29, Wed 30 make 7. Ordered Tue 22 Dec: Wed 23, Thu 24, Mon 28,
Tue 29, Wed 30 = 5, enough. Ordered Wed 23 Dec: Thu 24, Mon 28, Tue 29, Wed 30 = 4, refused.
"""

from decimal import Decimal as M

import pytest
from openpyxl import load_workbook

from conftest import D, agency
from detailquote.engine import Request, Shift, quote
from detailquote.errors import InputError
from detailquote.explain import explain
from detailquote.loader import parse_spec

TEXT = agency("notice-refused").source.read_text()
SHIFT = Shift(D("2026-12-30T09:00"), D("2026-12-30T13:00"), 2)


def job(ordered: str | None, a=None):
    return quote(a or agency("notice-refused"), Request((SHIFT,), requested_at=D(ordered) if ordered else None))


@pytest.mark.parametrize("ordered", ["2026-12-18T16:00", "2026-12-22T23:59", None])
def test_a_request_with_enough_notice_is_priced(ordered):
    q = job(ordered)
    assert q.total == 2 * 4 * M("80.00") and not q.warnings


@pytest.mark.parametrize(("ordered", "when"), [
    ("2026-12-23T00:01", "only 4 business days before the day it starts"),
    ("2026-12-30T08:00", "only 0 business days before the day it starts"),
])
def test_a_request_with_less_notice_is_refused(ordered, when):
    with pytest.raises(InputError, match=f"The job was requested {when}.*: Refusing PD refuses requests with less than "
                                         "5 business days' notice"):
        job(ordered)


def test_where_the_page_only_asks_less_notice_warns():
    a = parse_spec(TEXT.replace("refused = true\n", ""), "notice-refused.toml")
    from detailquote.agency import Agency

    q = job("2026-12-23T00:01", Agency.build("notice-refused", a))
    assert [w.code for w in q.warnings] == ["short_lead_time"]
    assert q.warnings[0].message.endswith("Refusing PD asks for 5 business days' notice.")
    assert q.total == 2 * 4 * M("80.00")


def test_the_notice_in_words():
    assert "Requests need 5 business days' notice. Requests with less are refused." in explain(agency("notice-refused"))


@pytest.mark.parametrize(("change", "problem"), [
    (("required_days = 5", "required_days = 5\nrequired_hours = 48"), "give exactly one of required_hours and required_days"),
    (("required_days = 5", "required_hours = 48"), "business goes with required_days"),
    (("required_days = 5", "required_days = 0"), "lead_time.required_days"),
])
def test_a_lead_time_that_cannot_be_read_is_refused(change, problem):
    from detailquote.errors import AgencyFileError

    with pytest.raises(AgencyFileError, match=problem):
        parse_spec(TEXT.replace(*change), "notice-refused.toml")


def test_the_workbook_refuses_the_line_as_the_engine_does(tmp_path):
    from detailquote import filled, libreoffice, workbook

    a, paths = agency("notice-refused"), []
    for i, ordered in enumerate(["2026-12-22T23:59", "2026-12-23T00:01"]):
        paths.append(filled.write(a, Request((SHIFT,), requested_at=D(ordered)), tmp_path / f"job{i}.xlsx", None)[0])
    b = workbook.Builder(a)
    shown = []
    for path in libreoffice.convert(paths, tmp_path / "out"):
        ws = load_workbook(path, data_only=True)["Quote"]
        shown.append((ws[f"{b.inputs['tier']}{workbook.FIRST}"].value, ws[f"{b.inputs['amount']}{b.total_row}"].value))
    assert shown[0] == ("Standard", 640)
    assert shown[1][0] == "Requested too late: 5 business days' notice" and shown[1][1] == "cannot be priced"
