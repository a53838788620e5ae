"""Premiums that do or do not cover the hours added to reach the minimum (premiums-added-hours.toml), each total
worked by hand from the file.

Officer 50.00, 70.00 on holidays (New Year's Day), 4-hour minimum; a vehicle adds an hour of the officer's time.
Holiday premium 10.00 an hour on all hours billed; event surcharge 20% of the hour's rate on hours worked only;
call-out 5.00 an hour on the first 3 hours billed. The hours added are billed at the shift's highest rate.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, price
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def premiums(q) -> dict[str, M]:
    return {l.tier: l.amount for l in q.lines if l.premium}


@pytest.mark.parametrize(("start", "end", "vehicles", "total", "premium"), [
    # 1 h on a Tuesday, billed 4: 200.00; surcharge 20% of 50 x 1 h = 10.00; call-out 3 h x 5 = 15.00.
    ("2026-03-03T08:00", "2026-03-03T09:00", 0, "225.00", {"event": "10.00", "call_out": "15.00"}),
    # 1 h on New Year's Day, billed 4 at 70: 280.00; holiday 4 h x 10 = 40.00; surcharge 14.00; call-out 15.00.
    ("2026-01-01T08:00", "2026-01-01T09:00", 0, "349.00", {"holiday": "40.00", "event": "14.00", "call_out": "15.00"}),
    # 23:00 Dec 31 to 00:30 Jan 1: 1 h at 50 and 0.5 h at 70; billed 4, the 2.5 h added at 70 (the highest):
    # 50.00 + 3 h x 70 = 260.00. Holiday: 0.5 h + 2.5 h added (the added hours are billed at a holiday hour)
    # = 30.00; surcharge 20% of (50 + 35) = 17.00; call-out 3 h (1.5 worked, 1.5 added) = 15.00.
    ("2025-12-31T23:00", "2026-01-01T00:30", 0, "322.00", {"holiday": "30.00", "event": "17.00", "call_out": "15.00"}),
    # 6 h on New Year's Day with a vehicle: 7 h billed (an hour of handling) at 70 = 490.00; holiday 7 h = 70.00;
    # surcharge on the 6 h worked: 84.00; call-out 15.00.
    ("2026-01-01T08:00", "2026-01-01T14:00", 1, "659.00", {"holiday": "70.00", "event": "84.00", "call_out": "15.00"}),
])
def test_premiums_and_the_hours_added(start, end, vehicles, total, premium):
    q = price("premiums-added-hours", start, end, 1, vehicles)
    assert q.total == M(total)
    assert premiums(q) == {k: M(v) for k, v in premium.items()}


def test_a_holiday_premium_does_not_cover_hours_added_at_a_rate_from_another_day():
    # 22:00-23:30 Dec 31, 1.5 h at 50, no holiday hour: billed 4 at 50 = 200.00; no holiday premium;
    # surcharge 20% of 75.00 = 15.00; call-out 15.00.
    q = price("premiums-added-hours", "2025-12-31T22:00", "2025-12-31T23:30", 1)
    assert q.total == M("230.00")
    assert "holiday" not in premiums(q)


def test_in_words_and_checked():
    words = explain(agency("premiums-added-hours"))
    assert ("Holiday premium: $10.00 an hour on top, for the hours on holidays, the hours added to reach the minimum "
            "included; premiums stack.") in words
    text = agency("premiums-added-hours").source.read_text().replace(
        "percent = 20\n", "percent = 20\nwhen = { kind = \"time_band\", start = \"23:00\", end = \"07:00\" }\nadded_hours = true\n")
    with pytest.raises(AgencyFileError, match="a time band covers hours of the clock"):
        parse_spec(text, "premiums-added-hours.toml")
