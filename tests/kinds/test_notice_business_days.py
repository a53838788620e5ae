"""Notice in business days (notice-business-days.toml), each count worked by hand from a calendar.

Officer 50.00; 62.00 for a shift ordered fewer than 3 business days before the day it starts, counting the
weekdays from the day after the order to the start date that are not holidays (Christmas Day, Fri 25 Dec 2026;
Boxing Day falls on Saturday). The shift: Mon 28 Dec 2026 08:00-12:00, 2 officers. Toronto time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain


@pytest.mark.parametrize(("ordered", "business_days", "rate"), [
    ("2026-12-21T09:00", 4, "50.00"),   # Tue 22, Wed 23, Thu 24, Mon 28 (the order day itself does not count)
    ("2026-12-22T16:00", 3, "50.00"),   # Wed 23, Thu 24, Mon 28
    ("2026-12-23T08:00", 2, "62.00"),   # Thu 24, Mon 28: Christmas Day and the weekend are not business days
    ("2026-12-24T20:00", 1, "62.00"),   # Mon 28 only
    ("2026-12-28T06:00", 0, "62.00"),   # the same day
])
def test_business_days_skip_weekends_and_holidays(ordered, business_days, rate):
    q = quote(agency("notice-business-days"), Request((Shift(D("2026-12-28T08:00"), D("2026-12-28T12:00"), 2),),
                                                      requested_at=D(ordered)))
    assert q.total == 2 * 4 * M(rate)


def test_five_calendar_days_can_be_two_business_days():
    # Ordered Wed 23 Dec for Mon 28 Dec: 5 calendar days, which a calendar-day rule of 3 would not count as short.
    q = quote(agency("notice-business-days"), Request((Shift(D("2026-12-28T08:00"), D("2026-12-28T12:00"), 1),),
                                                      requested_at=D("2026-12-23T08:00")))
    assert [line.tier for line in q.lines] == ["short_notice"]


def test_in_words():
    assert "Every hour of a shift requested fewer than 3 business days before the day it starts." in \
        explain(agency("notice-business-days"))


def test_the_workbook_counts_business_days_as_the_engine_does(tmp_path):
    from openpyxl import load_workbook

    from detailquote import filled, libreoffice, workbook

    a, paths, expected = agency("notice-business-days"), [], []
    for i, ordered in enumerate(["2026-12-21T09:00", "2026-12-22T16:00", "2026-12-23T08:00", "2026-12-24T20:00"]):
        request = Request((Shift(D("2026-12-28T08:00"), D("2026-12-28T12:00"), 2),), requested_at=D(ordered))
        expected.append(quote(a, request).total)
        paths.append(filled.write(a, request, tmp_path / f"job{i}.xlsx", None)[0])
    b = workbook.Builder(a)
    shown = [M(str(load_workbook(p, data_only=True)["Quote"][f"{b.inputs['amount']}{b.total_row}"].value)).quantize(M("0.01"))
             for p in libreoffice.convert(paths, tmp_path / "out")]
    assert shown == expected == [M("400.00"), M("400.00"), M("496.00"), M("496.00")]
