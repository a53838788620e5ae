"""The hours added to reach the minimum priced as if the detail ran on past its end (run-on.toml), each total
worked by hand from the file.

Officer 50.00; 65.00 from 22:00 to 06:00; 80.00 on New Year's Day; the highest rate that applies wins; overtime
1.5 times past 8 hours. 4-hour minimum, then whole hours. Event add-on 2.00 an hour worked; insurance 1.00 an hour
billed (added_hours); cruiser 10.00 an hour billed. New York time.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency, price
from detailquote.agency import Agency
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def labour(q) -> list[tuple[str, M, M]]:
    return [(l.tier, l.hours, l.amount) for l in q.lines if l.role == "officer" and not l.premium]


@pytest.mark.parametrize(("start", "end", "vehicles", "lines", "total"), [
    # 20:00-21:00, billed 4 h: run on to 24:00; 21:00-22:00 at 50, 22:00-24:00 at night 65. 100 + 130 = 230;
    # event 1 h x 2 = 2.00; insurance 4 h x 1 = 4.00. (At the shift's highest rate it would be 4 x 50.)
    ("2026-03-03T20:00", "2026-03-03T21:00", 0, [("standard", "2", "100.00"), ("night", "2", "130.00")], "236.00"),
    # The same with a cruiser: 4 billed hours x 10.00 = 40.00.
    ("2026-03-03T20:00", "2026-03-03T21:00", 1, [("standard", "2", "100.00"), ("night", "2", "130.00")], "276.00"),
    # 23:00 Dec 31 to 00:30 New Year's Day: 1 h night 65, then holiday 80 (the higher) to 03:00 on the run:
    # 65 + 3 x 80 = 305; event 1.5 h = 3.00; insurance 4.00.
    ("2025-12-31T23:00", "2026-01-01T00:30", 0, [("night", "1", "65.00"), ("holiday", "3", "240.00")], "312.00"),
    # 10:00-18:20: 8 h 20 billed 9 h, run on to 19:00: 8 h at 50 and 1 h overtime at 75: 475; event 8 h 20 x 2 =
    # 16.666 -> 16.67; insurance 9.00.
    ("2026-03-03T10:00", "2026-03-03T18:20", 0, [("standard", "8", "400.00"), ("standard", "1", "75.00")], "500.67"),
    # 02:00-03:00 runs on to 06:00, all at night: 4 x 65 = 260; 2.00 + 4.00.
    ("2026-03-04T02:00", "2026-03-04T03:00", 0, [("night", "4", "260.00")], "266.00"),
])
def test_the_hours_added_run_on(start, end, vehicles, lines, total):
    q = price("run-on", start, end, 1, vehicles)
    assert labour(q) == [(t, M(h), M(a)) for t, h, a in lines]
    assert q.total == M(total)
    assert q.shifts[0].seconds == (D(end) - D(start)).total_seconds()  # the shift stays as scheduled


def test_in_words_and_checked():
    assert "The hours added to reach the minimum or a block are priced as if the detail ran on past its end" in \
        explain(agency("run-on"))
    text = agency("run-on").source.read_text().replace("rate = 10.00\n", "rate = 10.00\nhandling_hours = 1\n")
    with pytest.raises(AgencyFileError, match="'run_on' cannot go with vehicles.handling_hours"):
        parse_spec(text, "run-on.toml")


def test_the_usual_reading_prices_them_at_the_highest_rate():
    # The same file without run_on: 20:00-21:00 billed 4 h all at 50 (the shift's highest rate): 200 + 2 + 4.
    text = agency("run-on").source.read_text().replace('hours_added = "run_on"\n', "")
    a = Agency.build("run-on", parse_spec(text, "run-on.toml"))

    assert quote(a, Request((Shift(D("2026-03-03T20:00"), D("2026-03-03T21:00"), 1),))).total == M("206.00")
