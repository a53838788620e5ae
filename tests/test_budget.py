"""`detailquote budget` and `detailquote.budget`: a season of recurring events, worked by hand to the cent.

The season (May and June 2027) has two events:

- Hartford's council meeting, every Monday from 17 May 2027 to 7 June 2027, 18:00-22:00, 2 officers: a
  weekday job bills the 8-hour minimum per officer at the weekday rate, $80.30 (no sergeant under 3
  officers). Memorial Day, 31 May 2027, is a Connecticut holiday: that job is priced from the weekend and
  holiday table, $120.45.
- Tucson's farmers market, every Saturday in June 2027 (an endless rule bounded by --to), 07:00-12:00,
  2 officers at the standard rate, $64.11 (5 hours, above the 3-hour minimum).

What-ifs: Hartford +4% from 1 June 2027 ($80.30 x 1.04 = $83.512 -> $83.51) and Tucson +4% from 15 June
2027 ($64.11 x 1.04 = $66.6744 -> $66.67).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import AGENCIES
from detailquote import budget as budget_api
from detailquote.cli import main
from detailquote.engine import Request, Shift, quote
from detailquote.errors import InputError
from detailquote.loader import Library, default_library
from detailquote.recurrence import rule_dates

LIBRARY = default_library()
EVENTS = [
    {"event": "Council meeting", "agency": "hartford-ct", "start": "18:00", "end": "22:00", "officers": "2",
     "rrule": "FREQ=WEEKLY;BYDAY=MO", "first": "2027-05-17", "until": "2027-06-07"},
    {"event": "Farmers market", "agency": "tucson-az", "start": "7:00 AM", "end": "12:00", "officers": "2",
     "rrule": "RRULE:FREQ=WEEKLY;BYDAY=SA;BYMONTH=6", "first": "2027-06-01", "until": ""},
]
CHANGES = ["hartford-ct:+4%@2027-06-01", "tucson-az:+4%@2027-06-15"]
SEASON = (dt.date(2027, 5, 1), dt.date(2027, 6, 30))

# Each job by hand: officers x billed hours x rate.
WEEKDAY = Decimal("1284.80")  # 2 x 8 x 80.30 (4 hours worked, the 8-hour minimum billed)
MEMORIAL = Decimal("1927.20")  # 2 x 8 x 120.45: the weekend and holiday table
RAISED_WEEKDAY = Decimal("1336.16")  # 2 x 8 x 83.51, from 1 June
MARKET = Decimal("641.10")  # 2 x 5 x 64.11
RAISED_MARKET = Decimal("666.70")  # 2 x 5 x 66.67, from 15 June
BY_HAND = [
    (dt.date(2027, 5, 17), "Council meeting", WEEKDAY),
    (dt.date(2027, 5, 24), "Council meeting", WEEKDAY),
    (dt.date(2027, 5, 31), "Council meeting", MEMORIAL),
    (dt.date(2027, 6, 5), "Farmers market", MARKET),
    (dt.date(2027, 6, 7), "Council meeting", RAISED_WEEKDAY),
    (dt.date(2027, 6, 12), "Farmers market", MARKET),
    (dt.date(2027, 6, 19), "Farmers market", RAISED_MARKET),
    (dt.date(2027, 6, 26), "Farmers market", RAISED_MARKET),
]
MAY = Decimal("4496.80")  # 1284.80 + 1284.80 + 1927.20
JUNE = Decimal("3951.76")  # 1336.16 + 641.10 x 2 + 666.70 x 2 = 1336.16 + 2615.60
HARTFORD = Decimal("5832.96")  # 1284.80 x 2 + 1927.20 + 1336.16
TUCSON = Decimal("2615.60")
TOTAL = Decimal("8448.56")  # MAY + JUNE = HARTFORD + TUCSON


def _season():
    return budget_api(EVENTS, *SEASON, rate_changes=CHANGES, library=LIBRARY)


def test_season_by_hand():
    b = _season()
    assert [(l.date, l.event, l.total) for l in b.lines] == BY_HAND
    assert all(l.complete and l.error is None for l in b.lines)
    assert b.by_month() == {"2027-05": (3, MAY), "2027-06": (5, JUNE)}
    assert b.by_agency() == {"hartford-ct": (4, HARTFORD), "tucson-az": (4, TUCSON)}
    assert b.by_event() == {("Council meeting", "hartford-ct"): (4, HARTFORD), ("Farmers market", "tucson-az"): (4, TUCSON)}
    assert b.total == TOTAL == MAY + JUNE
    assert b.holidays() == (1, MEMORIAL)
    assert [l.holiday for l in b.lines if l.holiday] == ["Memorial Day"]
    assert b.short_notice() is None  # no request times: not assessed, and the notes say so
    assert any("short-notice exposure is not assessed" in n for n in b.notes)
    assert any(n.startswith("What-if: Tucson PD's hourly rates raised 4% for jobs starting on or after 15 June 2027")
               for n in b.notes)


def _raised_file(source: Path, folder: Path, percent: Decimal, effective: str) -> None:
    """The agency's file, dated, and beside it a later schedule with each row's rate and overtime raised, by text."""
    text = source.read_text()
    dated = re.sub(r"^(time_zone = .*)$", r"\1\neffective = 2020-01-01", text, count=1, flags=re.M)
    (folder / source.name).write_text(dated)

    def raise_(m: re.Match) -> str:
        value = (Decimal(m[2]) * (1 + percent / 100)).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        return f", {m[1]} = {value}"

    later = "\n".join(re.sub(r", (rate|overtime) = (\d+\.\d+)", raise_, line) if line.lstrip().startswith("{ role") else line
                      for line in dated.splitlines())
    later = later.replace("effective = 2020-01-01", f"effective = {effective}")
    (folder / f"{source.stem}+{effective}.toml").write_text(later + "\n")


def test_every_job_is_the_engines_quote_with_the_rate_change_as_a_schedule_file(tmp_path):
    """A second way: each job quoted by the engine from agency files where the raise is a NAME+DATE.toml file."""
    _raised_file(AGENCIES / "hartford-ct.toml", tmp_path, Decimal(4), "2027-06-01")
    _raised_file(AGENCIES / "tucson-az.toml", tmp_path, Decimal(4), "2027-06-15")
    files = Library([tmp_path])
    times = {"Council meeting": ("hartford-ct", "18:00", "22:00"), "Farmers market": ("tucson-az", "07:00", "12:00")}
    for line in _season().lines:
        name, start, end = times[line.event]
        shift = Shift(dt.datetime.fromisoformat(f"{line.date}T{start}"), dt.datetime.fromisoformat(f"{line.date}T{end}"), 2)
        assert quote(files.get(name), Request((shift,))).total == line.total, line


def test_short_notice_needs_a_request_time_and_a_list_of_dates_works():
    # Tucson's emergency rate ($96.17) applies under 48 hours' notice: 5 June 07:00 requested 4 June 12:00 is
    # 19 hours ahead, 2 x 5 x 96.17 = 961.70; 12 June is a week ahead, 2 x 5 x 64.11 = 641.10.
    event = {"event": "Market", "agency": "tucson-az", "start": "07:00", "end": "12:00", "officers": "2",
             "requested": "2027-06-04 12:00", "dates": "2027-06-05; 2027-06-12"}
    b = budget_api([event], library=LIBRARY)
    assert [(l.date, l.total, l.short_notice) for l in b.lines] == [
        (dt.date(2027, 6, 5), Decimal("961.70"), True), (dt.date(2027, 6, 12), Decimal("641.10"), False)]
    assert b.short_notice() == (1, Decimal("961.70"))


def test_a_shift_past_midnight_on_a_holiday():
    # Tucson, 31 Dec 2027 20:00 to 1 Jan 2028 01:00, 1 officer: New Year's Eve and New Year's Day are both
    # holidays, so all 5 hours are at $96.17: 5 x 96.17 = 480.85.
    b = budget_api([{"event": "Fireworks", "agency": "tucson-az", "start": "20:00", "end": "01:00", "officers": 1,
                     "dates": "2027-12-31"}], library=LIBRARY)
    (line,) = b.lines
    assert (line.total, line.holiday) == (Decimal("480.85"), "New Year's Eve; New Year's Day")


@pytest.mark.parametrize("rule, first, count, expected", [
    ("FREQ=MONTHLY;BYDAY=1SU", dt.date(2027, 1, 1), 3, ["2027-01-03", "2027-02-07", "2027-03-07"]),  # first Sunday
    ("DTSTART:20270605\\nRRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=3", None, None, ["2027-06-05", "2027-06-12", "2027-06-19"]),
    ("FREQ=WEEKLY;BYDAY=SA;BYMONTH=6;UNTIL=20270630", dt.date(2027, 1, 1), None,
     ["2027-06-05", "2027-06-12", "2027-06-19", "2027-06-26"]),  # every Saturday in June
])
def test_the_common_rule_forms(rule, first, count, expected):
    assert [d.isoformat() for d in rule_dates(rule, first, None, count, (None, None), "rrule")] == expected


HEADER = "event,agency,start,end,officers,rrule,first\n"


@pytest.mark.parametrize("body, args, said", [
    (None, [], "events.csv?"),
    (HEADER + "Market,tucson-az,07:00,12:00,2,FREQ=WEEKLY;BYDAY=SA,2027-06-01\n", [],
     "row 2: rrule 'FREQ=WEEKLY;BYDAY=SA' repeats without end: give --to DATE"),
    (HEADER + "Market,tucson-az,07:00,12:00,2,FREQ=WEEKLY;BYDAY=XX,2027-06-01\n", ["--to", "2027-06-30"],
     "row 2: rrule 'FREQ=WEEKLY;BYDAY=XX' cannot be read as an iCalendar RRULE"),
    (HEADER + "Market,tucson-az,07:00,12:00,2,FREQ=HOURLY,2027-06-01\n", ["--to", "2027-06-30"],
     "an event recurs by the day at most"),
    (HEADER + "Market,tucson-az,07:00,12:00,2,FREQ=DAILY,2027-06-01\n", ["--to", "2027-06-30", "--rate-change", "tucson-az:4@2027-06-15"],
     "--rate-change 'tucson-az:4@2027-06-15' is not AGENCY:PERCENT%@DATE"),
    (HEADER + "Market,tucson-az,07:00,12:00,2,FREQ=DAILY,2027-06-01\n", ["--to", "2027-06-30", "--rate-change", "tuscon-az:+4%@2027-06-15"],
     "did you mean tucson-az?"),
    (HEADER + "Market,tuscon-az,07:00,12:00,2,FREQ=DAILY,2027-06-01\n", ["--to", "2027-06-30"],
     "row 2: unknown agency 'tuscon-az' — did you mean tucson-az?"),
    ("event,agency,start,end,officers\n", [], "has no column dates or rrule"),
])
def test_a_new_users_slips(tmp_path, capsys, body, args, said):
    (tmp_path / "events.csv").write_text(body or HEADER)
    name = "event.csv" if body is None else "events.csv"
    assert main(["budget", str(tmp_path / name), *args]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and err.count("\n") == 1


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, list(EVENTS[0]))
        writer.writeheader()
        writer.writerows(EVENTS)
    return path


def _run(tmp_path: Path, out: str) -> Path:
    changes = [word for c in CHANGES for word in ("--rate-change", c)]
    assert main(["budget", str(_file(tmp_path)), "--from", "2027-05-01", "--to", "2027-06-30", *changes,
                 "--out", str(tmp_path / out)]) == 0
    return tmp_path / out


def test_the_workbook_has_the_totals_a_chart_and_the_jobs(tmp_path):
    wb = load_workbook(_run(tmp_path, "budget.xlsx"))
    assert wb.sheetnames == ["Summary", "By event", "Jobs"]
    summary = wb["Summary"]
    (chart,) = summary._charts  # openpyxl reads the chart back
    assert type(chart).__name__ == "BarChart"
    rows = [r for r in summary.iter_rows(values_only=True)]
    at = rows.index(("Month", "Jobs", "Total"))
    months = {r[0]: Decimal(str(r[2])) for r in rows[at + 1: at + 3]}
    assert months == {"May 2027": MAY, "Jun 2027": JUNE}
    jobs = list(wb["Jobs"].iter_rows(values_only=True))
    assert jobs[0][:4] == ("date", "event", "agency", "total")
    job_totals = [Decimal(str(r[3])) for r in jobs[1:]]
    assert job_totals == [total for _, _, total in BY_HAND]
    assert sum(months.values()) == sum(job_totals) == TOTAL == Decimal(str(rows[1][2]))
    events = list(wb["By event"].iter_rows(values_only=True))
    assert [(r[0], r[2], Decimal(str(r[3]))) for r in events[1:]] == [("Council meeting", 4, HARTFORD), ("Farmers market", 4, TUCSON)]


def test_json_holds_everything_and_csv_the_job_lines(tmp_path):
    data = json.loads(_run(tmp_path, "budget.json").read_text())
    assert data["total"] == str(TOTAL)
    assert data["by_month"] == [{"month": "2027-05", "jobs": 3, "total": str(MAY)}, {"month": "2027-06", "jobs": 5, "total": str(JUNE)}]
    assert data["holidays"] == {"jobs": 1, "total": str(MEMORIAL)} and data["short_notice"] is None
    assert [(j["date"], j["total"]) for j in data["jobs"]] == [(d.isoformat(), str(t)) for d, _, t in BY_HAND]
    with open(_run(tmp_path, "budget.csv"), newline="") as f:
        lines = list(csv.DictReader(f))
    assert [(l["date"], l["event"], l["total"]) for l in lines] == [(d.isoformat(), e, str(t)) for d, e, t in BY_HAND]
    assert [l["holiday"] for l in lines].count("Memorial Day") == 1


def test_a_rule_with_an_end_and_its_end_column_is_refused():
    with pytest.raises(InputError, match="leave the until and count columns blank"):
        rule_dates("FREQ=DAILY;COUNT=2", dt.date(2027, 1, 1), dt.date(2027, 2, 1), None, (None, None), "rrule")
