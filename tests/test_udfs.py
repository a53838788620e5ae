"""The DETAIL_* functions called the way Excel calls them: serial dates, float counts, blanks, 2-D ranges."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

import pytest

from detailquote import cells, udfs
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request
from detailquote.errors import InputError
from detailquote.loader import default_library

from conftest import EXTRA_AGENCIES, KINDS, SEED_AGENCIES, D, agency, price, serial


XMAS_START, XMAS_END, XMAS_ASKED = serial("2026-12-24T18:00"), serial("2026-12-25T02:00"), serial("2026-12-01T09:00")


# --- dates as Excel sends them ------------------------------------------------------------

@pytest.mark.parametrize("number, expected", [
    (1, "1900-01-01T00:00"),
    (59, "1900-02-28T00:00"),
    (61, "1900-03-01T00:00"),
    (45658.25, "2025-01-01T06:00"),
    (46380.75, "2026-12-24T18:00"),
    (46381 + 2 / 24, "2026-12-25T02:00"),
    (46380 + 1 / 24 / 60 * 1439, "2026-12-24T23:59"),
    (2958465, "9999-12-31T00:00"),
])
def test_serial_numbers_are_the_1900_date_system(number, expected):
    assert cells.serial_to_datetime(number, "start") == dt.datetime.fromisoformat(expected)


def test_serial_60_is_excels_phantom_29_february_1900():
    with pytest.raises(InputError, match="29 February 1900"):
        cells.serial_to_datetime(60.5, "start")


def test_serial_round_trip_to_the_second():
    rng = random.Random(7)
    for _ in range(500):
        moment = dt.datetime(1900, 3, 1) + dt.timedelta(seconds=rng.randrange(0, 200 * 365 * 86400))
        assert cells.serial_to_datetime(cells.datetime_to_serial(moment), "x") == moment


@pytest.mark.parametrize("start, end", [
    (XMAS_START, XMAS_END),
    (dt.datetime(2026, 12, 24, 18), dt.datetime(2026, 12, 25, 2)),
    ("2026-12-24T18:00", "2026-12-25 02:00"),
    ("46380.75", dt.datetime(2026, 12, 25, 2, tzinfo=dt.timezone.utc)),  # a runtime's stray zone is dropped
])
def test_dates_arrive_as_serials_datetimes_or_text(start, end):
    assert udfs.DETAIL_QUOTE("tucson-az", start, end, 5.0, None, XMAS_ASKED, 1.0, None) == 4128.98


# --- every function, as Excel calls it ---------------------------------------------------------

def test_quote_total_matches_the_engine_with_blanks_as_none_or_empty_text():
    engine = price("tucson-az", "2026-12-24T18:00", "2026-12-25T02:00", 5, 1, requested_at="2026-12-01T09:00")
    assert float(engine.total) == 4128.98
    assert udfs.DETAIL_QUOTE("tucson-az", XMAS_START, XMAS_END, 5.0, None, XMAS_ASKED, 1.0, None) == 4128.98
    assert udfs.DETAIL_QUOTE("tucson-az", XMAS_START, XMAS_END, 5.0, "", XMAS_ASKED, 1.0, "") == 4128.98
    assert udfs.DETAIL_QUOTE(" Tucson-AZ ", XMAS_START, XMAS_END, 5.0, "  ", XMAS_ASKED, 1.0) == 4128.98
    # no request time: no emergency rate on the hours before the holiday... but Christmas Eve is one
    assert udfs.DETAIL_QUOTE("tucson-az", XMAS_START, XMAS_END, 5.0, "", "", "", "") == 3947.12


def test_quote_options_job_type_vehicles_and_priority():
    start, end = serial("2027-02-13T09:00"), serial("2027-02-13T13:00")
    assert udfs.DETAIL_QUOTE("casa-grande-az", start, end, 1.0, None, None, None, "Priority 2") == float(
        price("casa-grande-az", "2027-02-13T09:00", "2027-02-13T13:00", 1, priority="priority_2").total
    )
    start, end = serial("2027-03-06T08:00"), serial("2027-03-06T12:00")
    assert udfs.DETAIL_QUOTE("tucson-az", start, end, 2.0, "construction") == 579.84  # 2 × 4 h × $72.48


@pytest.mark.parametrize("function, args", [
    ("DETAIL_QUOTE", ("hartford-ct", serial("2027-04-09T07:00"), serial("2027-04-09T11:00"), 2.0, "{}")),
    ("DETAIL_RATE", ("hartford-ct", "{}", "weekend or holiday", "Regular (non-construction)")),
    ("DETAIL_MIN_HOURS", ("casa-grande-az", "{}")),
])
@pytest.mark.parametrize("spelling", ["key", "label", "LABEL", "squashed"])
def test_names_are_taken_as_key_or_as_the_label_the_workbook_shows(function, args, spelling):
    """A job type, role or tier typed as its label (as the workbooks' drop-downs show it) is the same name."""
    a = agency(args[0])
    kind, key = {"DETAIL_QUOTE": ("job_types", "regular"), "DETAIL_RATE": ("roles", "sergeant"),
                 "DETAIL_MIN_HOURS": ("job_types", "funeral_escort")}[function]
    label = getattr(a.spec, kind)[key].label
    typed = {"key": key, "label": label, "LABEL": label.upper(), "squashed": key.replace("_", "")}[spelling]
    fn = getattr(udfs, function)
    answer = fn(*(typed if v == "{}" else v for v in args))
    assert answer == fn(*(key if v == "{}" else v for v in args))
    assert isinstance(answer, float)


def test_quote_lines_spill_header_lines_total_warnings_and_notes():
    rows = udfs.DETAIL_QUOTE_LINES("tucson-az", XMAS_START, XMAS_END, 5.0, None, XMAS_ASKED, 1.0, None)
    assert rows[0] == ["Role", "Rate tier", "Positions", "Hours each", "Rate", "Amount"]
    assert rows[1:4] == [
        ["Sergeant", "Holiday", 1, 8.5, 108.71, 924.04],
        ["Vehicle", "", 1, 8.5, 15.0, 127.5],
        ["Officer", "Holiday", 4, 8.0, 96.17, 3077.44],
    ]
    assert rows[4] == ["Total", "", "", "", "", 4128.98]
    assert {len(r) for r in rows} == {6}
    assert all(r[0] == "Note" for r in rows[5:]) and len(rows) > 6
    short = udfs.DETAIL_QUOTE_LINES("tucson-az", XMAS_START, XMAS_END, 5.0, None, serial("2026-12-24T09:00"))
    assert ["Warning", "The job was requested only 9 hours before it starts; Tucson PD asks for 48 hours' notice.",
            "", "", "", ""] not in short  # Tucson prices short notice with a rate, not a warning
    hartford = udfs.DETAIL_QUOTE_LINES("hartford-ct", serial("2027-04-09T07:00"), serial("2027-04-09T11:00"), 31.0)
    assert hartford[-1 - len([r for r in hartford if r[0] == "Note"])][0] == "Warning"
    assert any(r[0] == "Total (incomplete)" for r in hartford)


def test_incomplete_quote_is_an_error_not_a_partial_total():
    message = udfs.DETAIL_QUOTE("hartford-ct", serial("2027-04-09T07:00"), serial("2027-04-09T11:00"), 31.0)
    assert message.startswith("cannot price in full: No") and "Captain" in message


def test_rate_min_hours_staffing_tier_and_holidays():
    assert udfs.DETAIL_RATE("tucson-az", "Sergeant", "Holiday", "construction", None) == 121.26
    assert udfs.DETAIL_RATE("tucson-az", "officer", "", "", "") == 64.11
    assert udfs.DETAIL_RATE("bay-harbor-islands-fl", "officer", None, None, serial("2021-02-22T00:00")) == 65.0
    assert udfs.DETAIL_RATE("bay-harbor-islands-fl", "officer", None, None, serial("2021-02-21T00:00")) == (
        "Bay Harbor Islands PD publishes no rates for 2021-02-21: its schedule takes effect on 2021-02-22"
    )
    assert udfs.DETAIL_MIN_HOURS("tucson-az") == 3.0
    assert udfs.DETAIL_MIN_HOURS("hartford-ct", None) == 8.0  # "eight hours" (line 8)
    assert udfs.DETAIL_STAFFING("hartford-ct", 31.0) == [
        ["Police Captain", 1], ["Police Lieutenant", 2], ["Police Sergeant", 6], ["Police Officer", 31],
    ]
    assert udfs.DETAIL_STAFFING("tucson-az", 4.0) == [["Officer", 4]]
    assert udfs.DETAIL_TIER("tucson-az", XMAS_START) == "Holiday"
    assert udfs.DETAIL_TIER("tucson-az", serial("2026-12-10T18:00"), serial("2026-12-09T18:00")) == "Emergency"
    assert udfs.DETAIL_TIER("tucson-az", serial("2026-12-10T18:00"), serial("2026-12-08T18:00")) == "Standard"
    assert udfs.DETAIL_TIER("hartford-ct", serial("2026-11-28T10:00")) == "Weekend or holiday"
    assert udfs.DETAIL_IS_HOLIDAY("tucson-az", serial("2026-11-26T00:00")) is True
    assert udfs.DETAIL_IS_HOLIDAY("tucson-az", "2026-11-27") is False
    assert udfs.DETAIL_HOLIDAYS("tucson-az", 2027.0) == [
        [dt.date(2027, 1, 1), "New Year's Day"], [dt.date(2027, 11, 25), "Thanksgiving Day"],
        [dt.date(2027, 12, 24), "Christmas Eve"], [dt.date(2027, 12, 25), "Christmas Day"],
        [dt.date(2027, 12, 31), "New Year's Eve"],
    ]


def test_cancellation_payment_and_late_charge():
    engine = _charge("tucson-az", "2026-12-24T18:00", "2026-12-25T02:00", 5, "2026-12-24T12:00", "2026-12-01T09:00")
    fee = udfs.DETAIL_CANCEL_FEE("tucson-az", XMAS_START, XMAS_END, 5.0, serial("2026-12-24T12:00"), None, XMAS_ASKED, None)
    assert fee == float(engine.charge) and 0 < fee < 4128.98
    # days ahead: only the administrative fee, 5 positions × 8 h × $12.00, the high end of $6.40-$12.00 (lines 109-121)
    assert udfs.DETAIL_CANCEL_FEE("tucson-az", XMAS_START, XMAS_END, 5.0, serial("2026-12-20T12:00")) == 480.0
    # a priority job cancelled inside the window is charged at its priority rate, as the engine does
    casa = (serial("2027-02-13T09:00"), serial("2027-02-13T13:00"), 2.0, serial("2027-02-13T08:00"))
    request = Request.one(D("2027-02-13T09:00"), D("2027-02-13T13:00"), 2, priority="Priority 1")
    expected = cancellation_charge(agency("casa-grande-az"), request, D("2027-02-13T08:00")).charge
    assert udfs.DETAIL_CANCEL_FEE("casa-grande-az", *casa, None, None, None, None, "Priority 1") == float(expected)
    assert expected > cancellation_charge(agency("casa-grande-az"), Request.one(D("2027-02-13T09:00"), D("2027-02-13T13:00"), 2), D("2027-02-13T08:00")).charge
    hartford = (serial("2026-11-18T08:00"), serial("2026-11-18T16:00"), 3.0)  # the page's own case (lines 70-72)
    assert udfs.DETAIL_CANCEL_FEE("hartford-ct", *hartford, serial("2026-11-18T05:59")) == 0.0
    assert udfs.DETAIL_CANCEL_FEE("hartford-ct", *hartford, serial("2026-11-18T06:00")) == 1408.0
    # 31 officers need a captain, whose rate is unpublished: free more than 2 hours ahead, an error inside 2 hours
    big = (serial("2026-01-15T10:00"), serial("2026-01-15T18:00"), 31.0)
    assert udfs.DETAIL_CANCEL_FEE("hartford-ct", *big, serial("2026-01-12T13:00")) == 0.0
    assert "Police Captain" in udfs.DETAIL_CANCEL_FEE("hartford-ct", *big, serial("2026-01-15T09:00"))
    assert udfs.DETAIL_PAYMENT_FEE("hartford-ct", 1000.0, "card") == 29.5
    assert udfs.DETAIL_PAYMENT_FEE("hartford-ct", 50, "Card") == 1.95
    assert udfs.DETAIL_PAYMENT_FEE("hartford-ct", 1000, "ACH") == 0.5
    assert udfs.DETAIL_PAYMENT_FEE("hartford-ct", 1000, "check") == 0.0
    invoice = serial("2026-01-01T00:00")
    assert udfs.DETAIL_LATE_CHARGE("hartford-ct", 1000.0, invoice, invoice + 30) == 0.0
    assert udfs.DETAIL_LATE_CHARGE("hartford-ct", 1000.0, invoice, invoice + 31) == 15.0
    assert udfs.DETAIL_LATE_CHARGE("hartford-ct", 1000.0, "2026-01-01", "2026-03-02") == 15.0


def _charge(name, start, end, officers, cancelled, requested=None):
    from conftest import D, agency
    from detailquote.cancellation import cancellation_charge
    from detailquote.engine import Request, Shift

    request = Request((Shift(D(start), D(end), officers),), requested_at=D(requested) if requested else None)
    return cancellation_charge(agency(name), request, D(cancelled))


def test_agencies_and_version():
    assert [row[0] for row in udfs.DETAIL_AGENCIES()] == default_library().names() == sorted(SEED_AGENCIES + EXTRA_AGENCIES)
    assert udfs.DETAIL_VERSION().startswith("detailquote ")


# --- many rows in one call --------------------------------------------------------------------

def test_quotes_takes_a_header_in_any_order_and_answers_each_row():
    table = [
        ["Start", "End", "Agency", "Officers", "Vehicles", "Requested"],
        [XMAS_START, XMAS_END, "tucson-az", 5.0, 1.0, XMAS_ASKED],
        [XMAS_END, XMAS_START, "tucson-az", 5.0, None, None],
        [None, None, None, None, None, None],
        [XMAS_START, XMAS_END, "tucson-az", 2.5, None, None],
    ]
    assert udfs.DETAIL_QUOTES(table) == [
        ["total"], [4128.98], ["end is before start"], [""], ["officers must be a whole number ≥ 1, not 2.5"],
    ]


def test_quotes_without_header_one_row_and_a_single_row_as_1d():
    row = ["tucson-az", XMAS_START, XMAS_END, 5.0, None, XMAS_ASKED, 1.0, None]
    assert udfs.DETAIL_QUOTES([row]) == [[4128.98]]
    assert udfs.DETAIL_QUOTES(row) == [[4128.98]]
    assert udfs.DETAIL_QUOTES([row[:4]]) == [[3947.12]]


def _jobs(n: int, seed: int = 11) -> list[list]:
    """`n` varied rows over every seed agency, as Excel hands them over: serial dates and float counts."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        name = rng.choice(SEED_AGENCIES)
        start = serial("2026-01-01T00:00") + rng.randrange(0, 730) + rng.randrange(0, 96) / 96
        hours = rng.choice([1, 2.5, 4, 8, 10, 12.25, 16])
        requested = start - rng.choice([0.5, 1, 2, 3, 10]) if rng.random() < 0.6 else None
        officers = float(rng.choice([1, 2, 3, 5, 8, 16, 30]))
        vehicles = float(rng.choice([0, 0, 1])) if name not in ("hot-springs-ar", "casa-grande-az", "hartford-ct") else None
        job = rng.choice([None, "construction"]) if name == "tucson-az" else None
        priority = rng.choice([None, "priority 1", "priority 3"]) if name == "casa-grande-az" else None
        rows.append([name, start, start + hours / 24, officers, job, requested, vehicles, priority])
    return rows


def test_quotes_on_10000_rows_equals_10000_single_calls():
    rows = _jobs(10_000)
    many = udfs.DETAIL_QUOTES(rows)
    one_by_one = [[udfs.DETAIL_QUOTE(*row)] for row in rows]
    assert len(many) == 10_000
    assert many == one_by_one
    priced = [r[0] for r in many if isinstance(r[0], float)]
    assert len(priced) > 9_000 and all(x > 0 for x in priced)


# --- bad input: a message, never an exception --------------------------------------------------

S, E = XMAS_START, XMAS_END
BAD: list[tuple[str, tuple, str]] = [
    ("DETAIL_QUOTE", ("tuscon-az", S, E, 5.0), "unknown agency 'tuscon-az' — did you mean tucson-az?"),
    ("DETAIL_QUOTE", ("", S, E, 5.0), "agency is required: give an agency name such as tucson-az"),
    ("DETAIL_QUOTE", (None, S, E, 5.0), "agency is required"),
    ("DETAIL_QUOTE", (3.0, S, E, 5.0), "agency must be a name such as tucson-az"),
    ("DETAIL_QUOTE", ("../etc/passwd", S, E, 5.0), "is not an agency name"),
    ("DETAIL_QUOTE", ("tucson-az", E, S, 5.0), "end is before start"),
    ("DETAIL_QUOTE", ("tucson-az", S, S, 5.0), "end is the same as start"),
    ("DETAIL_QUOTE", ("tucson-az", None, E, 5.0), "start is required: give a date and time"),
    ("DETAIL_QUOTE", ("tucson-az", S, "", 5.0), "end is required"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, None), "officers is required"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 0.0), "officers must be a whole number ≥ 1, not 0"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 2.5), "officers must be a whole number ≥ 1, not 2.5"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, -3.0), "officers must be a whole number ≥ 1, not -3"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, "five"), "officers must be a whole number ≥ 1, not 'five'"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, True), "officers must be a whole number ≥ 1, not TRUE"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, float("nan")), "officers must be a whole number ≥ 1, not nan"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, float("inf")), "officers must be a whole number ≥ 1, not inf"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5000.0), "officers must be a whole number from 1 to 1,000"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, [[1.0, 2.0]]), "officers must be a whole number ≥ 1, not a range of cells"),
    ("DETAIL_QUOTE", ("tucson-az", 0.75, E, 5.0), "start is a time with no date"),
    ("DETAIL_QUOTE", ("tucson-az", -5.0, E, 5.0), "start must be a date, not the negative number -5"),
    ("DETAIL_QUOTE", ("tucson-az", 60.25, E, 5.0), "start is 29 February 1900"),
    ("DETAIL_QUOTE", ("tucson-az", 1e12, E, 5.0), "start must be a date, not the number 1e+12"),
    ("DETAIL_QUOTE", ("tucson-az", "tomorrow", E, 5.0), "start 'tomorrow' is not a date and time"),
    ("DETAIL_QUOTE", ("tucson-az", "24/12/2026 18:00", E, 5.0), "is not a date and time; give a date cell"),
    ("DETAIL_QUOTE", ("tucson-az", True, E, 5.0), "start must be a date and time, not TRUE"),
    ("DETAIL_QUOTE", ("tucson-az", S, S + 8, 5.0), "a shift lasts at most 168 hours"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, "parade"), "unknown job type 'parade'"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, "constrution"), "did you mean construction?"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, 7.0), "job type must be text"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, None, "soon"), "requested 'soon' is not a date and time"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, None, None, 9.0), "9 vehicles for 5 positions"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, None, None, 0.5), "vehicles must be a whole number ≥ 0, not 0.5"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 5.0, None, None, None, "priority 1"), "Tucson PD has no priority rates"),
    ("DETAIL_QUOTE", ("casa-grande-az", S, E, 1.0, None, None, None, "priority 9"), "unknown priority 'priority 9'"),
    ("DETAIL_QUOTE", ("bay-harbor-islands-fl", serial("2026-03-08T02:30"), serial("2026-03-08T06:00"), 1.0), "2026-03-08 02:30 does not exist"),
    ("DETAIL_QUOTE", ("hartford-ct", serial("2026-03-08T02:30"), serial("2026-03-08T06:00"), 1.0), "does not exist in America/New_York"),
    ("DETAIL_QUOTE_LINES", ("tucson-az", E, S, 5.0), "end is before start"),
    ("DETAIL_QUOTE_LINES", ("nowhere", S, E, 5.0), "unknown agency 'nowhere'"),
    ("DETAIL_QUOTES", (None,), "table is empty: select the rows to price"),
    ("DETAIL_QUOTES", ([],), "table is empty"),
    ("DETAIL_QUOTES", ([["agency", "start", "finish", "officers"]],), "unknown column 'finish' in the header row"),
    ("DETAIL_QUOTES", ([["agency", "start", "start", "officers"]],), "the header row names a column twice"),
    ("DETAIL_QUOTES", ([["tucson-az", S, E, 5.0, None, None, None, None, None, None, "extra"]],), "the table has 11 columns; at most 10"),
    ("DETAIL_RATE", ("tucson-az", "janitor"), "unknown role 'janitor'"),
    ("DETAIL_RATE", ("tucson-az", None), "role is required: give a role such as officer"),
    ("DETAIL_RATE", ("tucson-az", "officer", "midnight"), "unknown tier 'midnight'"),
    ("DETAIL_RATE", ("tucson-az", "officer", None, "gala"), "unknown job type 'gala'"),
    ("DETAIL_RATE", ("tucson-az", "officer", None, None, "someday"), "on_date 'someday' is not a date and time"),
    ("DETAIL_RATE", ("hartford-ct", "captain"), "no weekday rate is published for Police Captain"),
    ("DETAIL_RATE", ("hartford-ct", "officer", None, "construction"), "no weekday rate is published for Police Officer on construction"),
    ("DETAIL_MIN_HOURS", ("tucson-az", "gala"), "unknown job type 'gala'"),
    ("DETAIL_STAFFING", ("tucson-az", 0.0), "officers must be a whole number ≥ 1, not 0"),
    ("DETAIL_STAFFING", ("tucson-az", 1e6), "officers must be at most 1,000"),
    ("DETAIL_TIER", ("tucson-az", None), "start is required"),
    ("DETAIL_TIER", ("tucson-az", S, "later"), "requested 'later' is not a date and time"),
    ("DETAIL_IS_HOLIDAY", ("tucson-az", ""), "date is required: give a date"),
    ("DETAIL_IS_HOLIDAY", ("tucson-az", "31/12/2026"), "date '31/12/2026' is not a date and time"),
    ("DETAIL_HOLIDAYS", ("tucson-az", 2027.5), "year must be a whole number ≥ 1, not 2027.5"),
    ("DETAIL_HOLIDAYS", ("tucson-az", 3000.0), "year must be from 1901 to 2100, not 3000"),
    ("DETAIL_QUOTE", ("tucson-az", "9999-12-31 20:00", "9999-12-31 23:00", 1.0), "start must be a date from 1901 to 2100, not 9999-12-31"),
    ("DETAIL_QUOTE", ("tucson-az", "1800-07-04 08:00", "1800-07-04 12:00", 1.0), "start must be a date from 1901 to 2100, not 1800-07-04"),
    ("DETAIL_QUOTE", ("tucson-az", S, "2101-01-01 00:00", 1.0), "end must be a date from 1901 to 2100"),
    ("DETAIL_QUOTE", ("tucson-az", S, E, 1.0, None, "2200-01-01"), "requested must be a date from 1901 to 2100, not 2200-01-01"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, "9999-01-01 00:00"), "cancelled must be a date from 1901 to 2100, not 9999-01-01"),
    ("DETAIL_TIER", ("tucson-az", "0001-01-01 00:00"), "start must be a date from 1901 to 2100, not 0001-01-01"),
    ("DETAIL_HOLIDAYS", ("tucson-az", None), "year is required: give a year such as 2027"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, None), "cancelled is required"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, "eventually"), "cancelled 'eventually' is not a date and time"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, S - 1, None, None, 2.0), "hours worked were given, but no shift was under way"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, S + 0.1, None, None, -1.0), "hours worked must be a number of hours from 0"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", S, E, 5.0, S + 0.1, None, None, "lots"), "worked must be a number, not 'lots'"),
    ("DETAIL_PAYMENT_FEE", ("tucson-az", 100.0, "card"), "Tucson PD publishes no fee for paying by card"),
    ("DETAIL_PAYMENT_FEE", ("hartford-ct", 100.0, "bitcoin"), "payment method must be one of: check, card, ach, not 'bitcoin'"),
    ("DETAIL_PAYMENT_FEE", ("hartford-ct", -100.0, "card"), "amount must be above 0"),
    ("DETAIL_PAYMENT_FEE", ("hartford-ct", None, "card"), "amount is required: give the invoice amount"),
    ("DETAIL_PAYMENT_FEE", ("hartford-ct", 100.0, None), "method is required: give card, ach or check"),
    ("DETAIL_PAYMENT_FEE", ("hartford-ct", "a lot", "card"), "amount must be a number, not 'a lot'"),
    ("DETAIL_LATE_CHARGE", ("hartford-ct", 100.0, "2026-03-01", "2026-01-01"), "as-of date is before the invoice date"),
    ("DETAIL_LATE_CHARGE", ("tucson-az", 100.0, "2026-01-01", "2026-03-01"), "Tucson PD publishes no late interest"),
    ("DETAIL_LATE_CHARGE", ("hartford-ct", 100.0, None, "2026-03-01"), "invoice_date is required"),
    ("DETAIL_AUDIT", ("tucson-az", None), "lines is empty: select the rows to price"),
    ("DETAIL_AUDIT", ("tucson-az", [["date", "start", "end", "role"]]), "names no amount, rate or hours column"),
    ("DETAIL_AUDIT", ("tucson-az", [["start", "end", "hours_biled"]]), "unknown column 'hours_biled' in the invoice's "
                                                                       "header row — did you mean hours_billed?"),
    ("DETAIL_AUDIT", ("tucson-az", [["role", "amount"]]), "names no date or start column"),
    ("DETAIL_AUDIT", ("tucson-az", [["date", "amount", "Amount Billed"]]), "names the amount column twice"),
    ("DETAIL_AUDIT", ("tuscon-az", [["date", "amount"]]), "unknown agency 'tuscon-az' — did you mean tucson-az?"),
]


def test_the_bad_input_table_is_large():
    assert len(BAD) >= 50
    assert {name for name, _, _ in BAD} >= set(udfs.__all__) - {"DETAIL_AGENCIES", "DETAIL_VERSION"}


@pytest.mark.parametrize("name, args, message", BAD, ids=[f"{i:02d}-{b[0]}" for i, b in enumerate(BAD)])
def test_bad_input_gives_its_message_never_an_exception(name, args, message):
    answer = getattr(udfs, name)(*args)
    text = answer[-1][0] if name == "DETAIL_QUOTES" and isinstance(answer, list) else answer  # a row's own error
    assert isinstance(text, str), f"{name}{args!r} gave {answer!r}"
    assert message in text
    assert "Traceback" not in text and len(text) < 400


def test_a_bug_is_one_line_not_a_traceback(monkeypatch):
    def broken(*_):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(udfs, "quote", broken)
    assert udfs.DETAIL_QUOTE("tucson-az", S, E, 5.0) == "internal error (ZeroDivisionError): division by zero"
    assert udfs.DETAIL_QUOTES([["tucson-az", S, E, 5.0]]) == [["internal error (ZeroDivisionError): division by zero"]]


# --- what Excel shows of the functions -------------------------------------------------------

def test_every_function_and_argument_is_documented_for_the_function_wizard():
    for name in udfs.__all__:
        fn = getattr(udfs, name)
        meta = fn.__xlfunc__ if hasattr(fn, "__xlfunc__") else None
        doc = fn.__doc__ or ""
        assert 20 < len(doc) <= 255 and "\n" not in doc.strip(), name  # the classic wizard cuts at 255
        for param in __import__("inspect").signature(fn).parameters:
            assert udfs.ARG_DOCS[param] and len(udfs.ARG_DOCS[param]) <= 255
        assert meta is None or not meta.get("volatile")


def test_the_module_imports_light_and_loads_agencies_once():
    code = (
        "import sys, detailquote.udfs as u;"
        "u.DETAIL_QUOTE('tucson-az', 46380.75, 46381.0833, 5.0);"
        "heavy = [m for m in ('openpyxl', 'detailquote.workbook', 'detailquote.analyst', 'detailquote.cancellation',"
        " 'detailquote.payment', 'detailquote.report') if m in sys.modules];"
        "from detailquote.loader import default_library as d;"
        "a = d().get('tucson-az'); u.DETAIL_RATE('tucson-az', 'officer');"
        "print(heavy, a is d().get('tucson-az'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[] True"


def test_the_customer_class_reaches_every_quote_function(monkeypatch):
    """fees.toml: 10% administrative fee (5% for a registered charity), 1.25 per position-hour, 25.00 a job."""
    monkeypatch.setenv("DETAILQUOTE_AGENCIES", str(KINDS))
    start, end = serial("2027-03-03T08:00"), serial("2027-03-03T12:00")
    assert udfs.DETAIL_QUOTE("fees", start, end, 2.0) == 475.0
    assert udfs.DETAIL_QUOTE("fees", start, end, 2.0, None, None, None, None, "Registered charity") == 455.0
    rows = udfs.DETAIL_QUOTE_LINES("fees", start, end, 2.0, None, None, None, None, "charity")
    assert ["Administrative fee (5%)", "Registered charity", 1, 0.0, 20.0, 20.0] in rows
    assert ["Total", "", "", "", "", 455.0] in rows
    table = [["agency", "start", "end", "officers", "customer"], ["fees", start, end, 2.0, "public body"],
             ["fees", start, end, 2.0, None], ["fees", start, end, 2.0, "bank"]]
    assert udfs.DETAIL_QUOTES(table)[:3] == [["total"], [410.0], [475.0]]
    assert "unknown customer class 'bank'" in udfs.DETAIL_QUOTES(table)[3][0]


# --- the ends of Excel's calendar, and long text, in every face of the functions ------------------

LAST_INSTANT = 2958465.9999999  # 9999-12-31 23:59:59.99, the last moment Excel holds; to the second it is the year 10000
DATE_ARGUMENTS = [
    ("DETAIL_QUOTE", ("tucson-az", LAST_INSTANT, XMAS_END, 1.0), "start"),
    ("DETAIL_QUOTE", ("tucson-az", XMAS_START, LAST_INSTANT, 1.0), "end"),
    ("DETAIL_QUOTE", ("tucson-az", XMAS_START, XMAS_END, 1.0, None, LAST_INSTANT), "requested"),
    ("DETAIL_QUOTE_LINES", ("tucson-az", LAST_INSTANT, XMAS_END, 1.0), "start"),
    ("DETAIL_CANCEL_FEE", ("tucson-az", XMAS_START, XMAS_END, 1.0, LAST_INSTANT), "cancelled"),
    ("DETAIL_RATE", ("tucson-az", "officer", None, None, LAST_INSTANT), "on_date"),
    ("DETAIL_TIER", ("tucson-az", LAST_INSTANT), "start"),
    ("DETAIL_TIER", ("tucson-az", XMAS_START, LAST_INSTANT), "requested"),
    ("DETAIL_IS_HOLIDAY", ("tucson-az", LAST_INSTANT), "date"),
    ("DETAIL_LATE_CHARGE", ("hartford-ct", 100.0, LAST_INSTANT, LAST_INSTANT), "invoice_date"),
    ("DETAIL_LATE_CHARGE", ("hartford-ct", 100.0, XMAS_START, LAST_INSTANT), "as_of"),
]


@pytest.mark.parametrize("name, args, argument", DATE_ARGUMENTS)
def test_the_last_instant_of_9999_is_out_of_range_like_any_other_date(name, args, argument):
    assert getattr(udfs, name)(*args) == f"{argument} must be a date from 1901 to 2100, not 9999-12-31"
    assert getattr(udfs, name)(*[f"{a!r}" if a == LAST_INSTANT else a for a in args]) == (
        f"{argument} '2958465.9999999' is not a date and time; give a date cell or text such as 2026-12-24 18:00")


def test_the_last_instant_of_9999_in_a_row_of_quotes():
    table = [["tucson-az", XMAS_START, XMAS_END, 5.0], ["tucson-az", LAST_INSTANT, XMAS_END, 5.0], ["tucson-az", XMAS_START, LAST_INSTANT, 5.0]]
    assert udfs.DETAIL_QUOTES(table) == [[udfs.DETAIL_QUOTE(*table[0])], ["start must be a date from 1901 to 2100, not 9999-12-31"],
                                         ["end must be a date from 1901 to 2100, not 9999-12-31"]]


def test_serials_from_the_last_second_of_9999_on():
    assert cells.serial_to_datetime(2958465 + 86399 / 86400, "start") == dt.datetime(9999, 12, 31, 23, 59, 59)
    with pytest.raises(InputError, match="^start must be a date from 1901 to 2100, not 9999-12-31$"):
        cells.serial_to_datetime(2958465 + 86399.6 / 86400, "start")
    with pytest.raises(InputError, match=r"^start must be a date, not the number 2\.95847e\+06$"):
        cells.serial_to_datetime(2958466.0, "start")


def test_a_long_unknown_header_is_quoted_short():
    header = ["agency", "start", "end", "x" * 200_000]
    assert udfs.DETAIL_QUOTES([header, ["tucson-az", XMAS_START, XMAS_END]]) == (
        "unknown column '" + "x" * 40 + "…' in the header row (expected: agency, start, end, officers, job_type, requested, "
        "vehicles, priority, customer, facts)")
    assert udfs.DETAIL_QUOTES([["agency", "start", "\x1b[2J"]]).startswith("unknown column '\\x1b[2J' in the header row")


@pytest.mark.parametrize("start, end", [("2026-12-24 18:00", "2026-12-25 02:00"), ("2026-12-24 6:00 PM", "2026-12-25 2am"),
                                        ("2026-12-24 6 p.m.", "2026-12-25 02:00:00")])
def test_dates_as_text_in_the_forms_people_type(start, end):
    assert udfs.DETAIL_QUOTE("tucson-az", start, end, 5.0) == 3947.12
    assert udfs.DETAIL_QUOTE("tucson-az", "2026-12-24 13:00 PM", end, 5.0) == (
        "start '2026-12-24 13:00 PM' is not a date and time; give a date cell or text such as 2026-12-24 18:00")
