"""The command line: readable output, JSON with decimal strings, one-line errors and non-zero exits."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from conftest import AGENCIES, KINDS
from detailquote.cli import main


def run(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "detailquote.cli", *args], capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def test_quote_json(capsys):
    assert main(["quote", "tucson-az", "--start", "2026-11-25T22:00", "--end", "2026-11-26T02:00", "--officers", "5",
                 "--vehicles", "1", "--requested", "2026-11-01T09:00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "tucson-az" and data["complete"] is True
    assert data["total"] == "1766.48"
    assert {"role", "tier", "hours", "rate", "amount"} <= set(data["lines"][0])
    assert all(isinstance(line[k], str) for line in data["lines"] for k in ("hours", "rate", "amount"))
    assert sum(float(line["amount"]) for line in data["lines"]) == pytest.approx(1766.48)
    assert data["warnings"] == [] and data["notes"]


def test_the_customer_class_sets_the_fees(capsys):
    job = ["--agencies", str(KINDS), "quote", "fees", "--start", "2027-03-03T08:00", "--start", "2027-03-04T08:00",
           "--hours", "4", "--hours", "4", "--officers", "2"]
    assert main([*job, "--customer", "charity"]) == 0
    out = capsys.readouterr().out.splitlines()
    # 2 shifts x 2 officers x 4 h (800.00): 5% for a charity, 16 position-hours x 1.25, 25.00; no shift number on a fee.
    assert [l.split() for l in out if any(w in l for w in ("Administrative", "Radio", "Booking"))] == [
        ["Administrative", "fee", "(5%)", "Registered", "charity", "1", "$40.00", "$40.00"],  # no hours: blank
        ["Radio", "charge", "1", "16.00", "$1.25", "$20.00"],
        ["Booking", "fee", "1", "$25.00", "$25.00"],
    ]
    assert out[-1].split() == ["Total", "$885.00"]
    assert main([*job, "--customer", "bank"]) == 2
    assert "unknown customer class 'bank'" in capsys.readouterr().err


def test_quote_table(capsys):
    assert main(["quote", "hartford-ct", "--start", "2026-11-18T06:00", "--hours", "10", "--officers", "1"]) == 0
    out = capsys.readouterr().out
    assert "Weekday overtime" in out and "$883.30" in out


def test_several_shifts(capsys):
    assert main(["quote", "casa-grande-az", "--start", "2026-11-18T08:00", "--end", "2026-11-18T10:00",
                 "--start", "2026-11-19T08:00", "--end", "2026-11-19T16:00", "--officers", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == f"{2 * 4 * 66.90 + 2 * 8 * 66.90:.2f}"
    assert [line["shift"] for line in data["lines"]] == [1, 2]


@pytest.mark.parametrize(
    "args, message",
    [
        (["quote", "tuscon-az", "--start", "2026-11-18T08:00", "--end", "2026-11-18T12:00", "--officers", "1"],
         "unknown agency 'tuscon-az' — did you mean tucson-az?"),
        (["quote", "tucson-az", "--start", "2026-11-18T12:00", "--end", "2026-11-18T08:00", "--officers", "1"],
         "end is before start"),
        (["quote", "tucson-az", "--start", "2026-11-18T12:00", "--end", "2026-11-18T12:00", "--officers", "1"],
         "end is the same as start"),
        (["quote", "tucson-az", "--start", "tomorrow", "--end", "2026-11-18T12:00", "--officers", "1"],
         "start 'tomorrow' is not a date and time"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--end", "2026-11-18T12:00", "--officers", "2.5"],
         "officers must be a whole number"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--end", "2026-11-18T12:00", "--officers", "0"],
         "officers must be a whole number from 1"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--end", "2026-11-18T12:00", "--officers", "1", "--job-type", "concert"],
         "unknown job type 'concert'"),
        (["quote", "hartford-ct", "--start", "2026-03-08T02:30", "--end", "2026-03-08T10:00", "--officers", "1"],
         "does not exist in America/New_York"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--officers", "1"], "give either --end or --hours"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--hours", "nan", "--officers", "1"], "hours must be a number above 0"),
        (["quote", "../secrets", "--start", "2026-11-18T08:00", "--hours", "4", "--officers", "1"], "is not an agency name"),
        (["quote", "tucson-az", "--start", "2026-11-18T08:00", "--hours", "4", "--officers", "1", "--priority", "1"],
         "has no priority rates"),
        (["quote", "casa-grande-az", "--start", "2026-11-18T08:00", "--hours", "4", "--officers", "1", "--supervisors", "1"],
         "publishes no supervisor rate"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(args, message):
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_agencies_lists_the_bundled_ones(capsys):
    assert main(["agencies"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("bay-harbor-islands-fl") and "tucson-az" in out


def test_user_folder_option(tmp_path, capsys):
    (tmp_path / "tucson-az.toml").write_text((AGENCIES / "tucson-az.toml").read_text().replace("rate = 64.11", "rate = 70.00"))
    assert main(["--agencies", str(tmp_path), "quote", "tucson-az", "--start", "2026-11-18T08:00", "--hours", "4",
                 "--officers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "280.00"


def test_check_lists_every_problem(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text((AGENCIES / "tucson-az.toml").read_text().replace("rate = 64.11", "rate = -64.11").replace('role = "commander", tier = "standard"', 'role = "comander", tier = "standard"'))
    assert main(["check", str(AGENCIES / "hartford-ct.toml"), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "ok   " in out and "FAIL" in out and "rate_tables[0].rows[0].rate" in out


def test_check_reports_semantic_problems(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text((AGENCIES / "tucson-az.toml").read_text().replace('role = "commander", tier = "standard"', 'role = "comander", tier = "standard"'))
    assert main(["check", str(bad)]) == 1
    assert "unknown role 'comander' — did you mean commander?" in capsys.readouterr().out


def test_schema_is_committed_fresh(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads((AGENCIES / "schema.json").read_text()), (
        "agencies/schema.json is stale: run `detailquote schema > agencies/schema.json`"
    )


def test_cancel_json(capsys):
    assert main(["cancel", "bay-harbor-islands-fl", "--start", "2024-11-18T08:00", "--end", "2024-11-18T16:00",
                 "--officers", "1", "--cancelled", "2024-11-16T07:59", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["charge"], data["low"], data["high"], data["complete"]) == ("81.04", "54.00", "81.04", True)
    assert data["lines"][0]["low"] == "54.00" and data["notes"] and data["rule"].startswith("Cancelled once approved")


def test_pay_json(capsys):
    assert main(["pay", "hartford-ct", "--amount", "1000", "--invoice-date", "2026-10-01", "--as-of", "2026-11-01",
                 "--method", "card", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("due_date", "surcharge", "late_interest", "returned_check_fee", "suspension_eligible")} == {
        "due_date": "2026-10-31", "surcharge": "29.50", "late_interest": "15.00", "returned_check_fee": "20.00",
        "suspension_eligible": False,
    }


def test_pay_says_when_terms_are_not_published(capsys):
    assert main(["pay", "tucson-az", "--amount", "500", "--invoice-date", "2026-10-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due_date"] is None and data["late_interest"] is None
    assert "publishes no payment terms" in data["notes"][0]


@pytest.mark.parametrize(
    "args, message",
    [
        (["pay", "hartford-ct", "--amount", "-5", "--invoice-date", "2026-10-01"], "amount must be a number above 0"),
        (["pay", "hartford-ct", "--amount", "5", "--invoice-date", "Oct 1"], "is not a date"),
        (["pay", "hartford-ct", "--amount", "5", "--invoice-date", "2026-10-01", "--method", "bitcoin"], "payment method must be one of"),
        (["pay", "hartford-ct", "--amount", "5", "--invoice-date", "2026-10-01", "--as-of", "2026-09-01"], "before the invoice date"),
        (["cancel", "tucson-az", "--start", "2026-11-18T08:00", "--hours", "4", "--officers", "1", "--cancelled", "soon"],
         "cancelled 'soon' is not a date and time"),
        (["cancel", "tucson-az", "--start", "2026-11-18T08:00", "--hours", "4", "--officers", "1", "--cancelled",
          "2026-11-18T07:00", "--reduced-end", "2026-11-18T13:00"], "reduced end must fall inside a shift"),
    ],
)
def test_bad_payment_and_cancel_input(args, message):
    code, out, err = run(*args)
    assert code == 2 and message in err and "Traceback" not in err


# --- input quoted in messages: short, in the user's own form --------------------------------------

JOB = ["--start", "2026-12-24T18:00", "--officers", "1"]
DIGITS = "5" * 5_000


@pytest.mark.parametrize("args, message", [
    (["pay", "hartford-ct", "--amount", "100", "--invoice-date", "2026-10-01", "--legal-max", "-3"],
     "legal maximum must be a monthly percent from 0 to 100, not -3"),
    (["pay", "hartford-ct", "--amount", "100", "--invoice-date", "2026-10-01", "--legal-max", DIGITS],
     "legal maximum must be a monthly percent from 0 to 100, not " + "5" * 40 + "…"),
    (["pay", "hartford-ct", "--amount", "100", "--invoice-date", "9999-12-31"],
     "invoice date must be a date from 1901 to 2100, not 9999-12-31"),
    (["quote", "tucson-az", *JOB, "--hours", "4", "--officers", DIGITS], "officers must be a whole number, not '" + "5" * 40 + "…'"),
    (["quote", "tucson-az", *JOB, "--hours", "x" + DIGITS], "hours 'x" + "5" * 39 + "…' is not a number"),
    (["quote", "tucson-az", *JOB, "--hours", "\x1b[2J"], "hours '\\x1b[2J' is not a number"),
])
def test_input_is_quoted_short_and_as_typed(args, message, capsys):
    assert main(args) == 2
    assert capsys.readouterr().err == f"detailquote: error: {message}\n"


@pytest.mark.parametrize("args, message", [
    (["quote", "tucson-az", *JOB, "--hours", DIGITS], "hours must be above 0 and at most 168, not " + "5" * 40 + "…"),
    (["cancel", "tucson-az", *JOB, "--hours", "4", "--cancelled", "2026-12-24T19:00", "--worked", "-" + DIGITS],
     "hours worked must be a number of hours from 0, not -" + "5" * 39 + "…"),
])
def test_numbers_the_engine_refuses_are_quoted_short(args, message, capsys):
    assert main(args) == 2
    assert capsys.readouterr().err == f"detailquote: error: {message}\n"


def test_check_escapes_a_file_name_a_terminal_would_act_on(tmp_path, capsys):
    path = tmp_path / "evil\x1b[2J.toml"
    path.write_text("name = ")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    shown = str(tmp_path / "evil\\x1b[2J.toml")
    assert out.splitlines()[:2] == [f"FAIL {shown}: 1 problem",
                                    f"  {shown}: not valid TOML: Invalid value (at end of document)"]
    assert "\x1b" not in out


# --- as a user of Python tools expects ---------------------------------------------------------------------------

TUCSON = ["quote", "tucson-az", "--start", "2026-12-24T18:00", "--end", "2026-12-25T02:00", "--officers", "5",
          "--vehicles", "1", "--requested", "2026-12-01T09:00"]


def test_python_m_detailquote_is_the_command():
    done = subprocess.run([sys.executable, "-m", "detailquote", *TUCSON, "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == "4128.98"
    usage = subprocess.run([sys.executable, "-m", "detailquote"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: detailquote ")


def test_every_command_and_option_has_a_help_line():
    import argparse

    from detailquote.cli import _parser

    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    summaries = {c.dest: c.help for c in commands._choices_actions}
    assert set(summaries) == set(commands.choices) >= {"quote", "cancel", "pay", "lite", "new-agency"}
    for name, command in [("", parser), *commands.choices.items()]:
        assert command.description and (name == "" or summaries[name]), name
        for action in command._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.option_strings or action.dest}"


@pytest.mark.parametrize("where", ["before", "after", "both"])
def test_agencies_is_taken_before_or_after_the_command(where, tmp_path, capsys):
    (tmp_path / "my-town-az.toml").write_text((AGENCIES / "tucson-az.toml").read_text())
    job = ["quote", "my-town-az", "--start", "2026-11-18 08:00", "--hours", "4", "--officers", "1", "--json"]
    before, after = {"before": (True, False), "after": (False, True), "both": (True, True)}[where]
    empty = tmp_path / "empty"
    empty.mkdir()
    args = (["--agencies", str(tmp_path)] if before else ["--agencies", str(empty)]) + job
    args += ["--agencies", str(tmp_path)] if after else []
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "256.44"


@pytest.mark.parametrize("args, env, message", [
    (["--agencies", "agencis"], {}, "agency folder 'agencis' does not exist"),
    (["--agencies", str(AGENCIES / "tucson-az.toml")], {}, f"agency folder '{AGENCIES / 'tucson-az.toml'}' is not a folder"),
    ([], {"DETAILQUOTE_AGENCIES": "/no/such/folder"}, "agency folder '/no/such/folder' named in $DETAILQUOTE_AGENCIES does not exist"),
])
def test_a_missing_agency_folder_is_an_error_that_says_so(args, env, message):
    proc = subprocess.run([sys.executable, "-m", "detailquote", *args, *TUCSON], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **env})
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"detailquote: error: {message}\n"


def test_new_agency_writes_into_the_current_folder_with_its_schema_beside_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new-agency", "springfield-il"]) == 0
    assert capsys.readouterr().out.split() == ["springfield-il.toml", "schema.json"]
    first = (tmp_path / "springfield-il.toml").read_text().splitlines()[0]
    assert first == "#:schema ./schema.json" and (tmp_path / first.split()[1]).is_file()
    assert json.loads((tmp_path / "schema.json").read_text()) == json.loads((AGENCIES / "schema.json").read_text())
    (tmp_path / "schema.json").write_text('{"title": "Someone else\'s"}')
    assert main(["new-agency", "springfield-mo"]) == 0
    assert capsys.readouterr().out.split() == ["springfield-mo.toml"]
    assert "Someone else" in (tmp_path / "schema.json").read_text()


@pytest.mark.parametrize("start, end", [
    ("2026-12-24 18:00", "2026-12-25 02:00"),
    ("2026-12-24 6:00 PM", "2026-12-25 2am"),
    (" 2026-12-24T18:00 ", "2026-12-25T02:00:00"),
])
def test_dates_and_times_in_the_forms_people_type(start, end, capsys):
    job = [*TUCSON[:2], "--start", start, "--end", end, *TUCSON[6:], "--json"]
    assert main(job) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "4128.98"


@pytest.mark.parametrize("amount", ["2816", "2816.00", "$2,816.00", "$ 2816", "2,816"])
def test_amounts_with_a_currency_sign_and_thousands_separators(amount, capsys):
    assert main(["pay", "hartford-ct", "--amount", amount, "--invoice-date", "2026-10-01", "--as-of", "2026-11-15",
                 "--method", "card", "--legal-max", "1%", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["amount"], data["surcharge"], data["late_interest"]) == ("2816.00", "83.07", "28.16")


@pytest.mark.parametrize("amount", ["2,81", "2.816,00", "$", "12,3456"])
def test_an_amount_in_another_form_is_refused(amount, capsys):
    assert main(["pay", "hartford-ct", "--amount", amount, "--invoice-date", "2026-10-01"]) == 2
    assert f"amount '{amount}' is not a number" in capsys.readouterr().err


def test_pay_names_the_agency(capsys):
    assert main(["pay", "hartford-ct", "--amount", "$1,000", "--invoice-date", "2026-10-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["Hartford (CT) Police Department", "", "Invoice                    $1,000.00"]
    assert main(["pay", "hartford-ct", "--amount", "1000", "--invoice-date", "2026-10-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agency_name"] == "Hartford (CT) Police Department"


@pytest.mark.parametrize("cancelled, extra, heading", [
    ("2026-12-24 10:00", [], "Cancelled 24 hours or less before the start: per position, the greater of hours worked"),
    ("2026-12-24 19:00", ["--worked", "1"], "Cancelled after the start, under the terms for cancelling 24 hours or less "
                                            "before the start: per position, the greater of hours worked"),
    ("2026-12-24 10:00", ["--reduced-end", "2026-12-24 20:00"], "Shortened 24 hours or less before the start:"),
    ("2026-12-22 10:00", [], "Cancelled once approved, more than 24 hours before the start: no charge for the shift itself"),
])
def test_cancel_headings_say_what_happened(cancelled, extra, heading, capsys):
    assert main(["cancel", "tucson-az", "--start", "2026-12-24 18:00", "--hours", "8", "--officers", "2",
                 "--cancelled", cancelled, *extra]) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith(heading)


def test_a_reason_for_other_job_types_says_which_job_type_to_give(capsys):
    job = ["cancel", "sherman-tx", "--start", "2026-12-22 08:00", "--hours", "8", "--officers", "2",
           "--cancelled", "2026-12-22 05:00", "--reason", "weather"]
    assert main(job) == 0
    out = capsys.readouterr().out
    assert ('The terms for "Weather (outdoor events)" apply to outdoor jobs only (job type outdoor): this regular '
            "job's cancellation follows the usual terms.") in out
    assert "$270.00" in out
    assert main([*job, "--job-type", "outdoor"]) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith("Weather (outdoor events): cancelled 4 hours or less")


def test_a_quote_shows_the_notes_on_the_job_first_and_counts_the_general_ones(capsys):
    assert main(TUCSON) == 0
    out = capsys.readouterr().out
    notes = out[out.index("Notes:"):].splitlines()
    assert notes[1].startswith("  - Holiday rates apply 00:00-23:59") and "not-to-exceed" not in out
    assert notes[-1] == "3 general notes on how the agency's page is read: --all-notes shows them."
    assert main([*TUCSON, "--all-notes"]) == 0
    out = capsys.readouterr().out
    general = out[out.index("General notes:"):].splitlines()
    assert len(general) == 4 and general[1].startswith("  - Quotes are not-to-exceed estimates")
    assert out.index("Notes:") < out.index("General notes:")


def test_the_multi_shift_table_has_a_header_on_every_column(capsys):
    assert main(["quote", "casa-grande-az", "--start", "2026-11-18 08:00", "--end", "2026-11-18 10:00",
                 "--start", "2026-11-19 08:00", "--end", "2026-11-19 16:00", "--officers", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines.index(next(l for l in lines if l.startswith("Shift  ")))
    assert lines[header].split() == ["Shift", "Role", "Rate", "tier", "Positions", "Hours", "each", "Rate", "Amount"]
    assert lines[header + 2].split()[:2] == ["1", "Officer"]


def test_a_time_typed_apart_from_its_date_gets_a_hint(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["quote", "tucson-az", "--start", "2026-12-24", "18:00", "--hours", "4", "--officers", "5"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "detailquote: error: unrecognized arguments: 18:00 (a date and its time go in one quoted argument: "
        "--start '2026-12-24 18:00')")


@pytest.mark.parametrize(("typed", "said"), [
    (["--oficers", "5"], "unknown option --oficers — did you mean --officers?"),  # required: argparse said it was missing
    (["--officers", "5", "--vehicels", "1"], "unknown option --vehicels — did you mean --vehicles?"),
    (["--officers=5", "--zzz"], "unknown option --zzz"),
])
def test_a_misspelt_option_is_named_with_the_nearest_one(typed, said, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["quote", "tucson-az", "--start", "2026-12-24 18:00", "--hours", "4", *typed])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"detailquote quote: error: {said}"


@pytest.mark.parametrize(("typed", "said"), [
    (["qoute", "tucson-az"], "unknown command 'qoute' — did you mean quote?"),
    (["--agencies", "qoute", "frob"], "unknown command 'frob' (expected one of: quote, cancel, batch, budget, audit, "
                                      "pay, agencies, check, workbooks, explain, new-agency, schema, lite)"),
])
def test_a_misspelt_command_is_named_with_the_nearest_one(typed, said, capsys):
    with pytest.raises(SystemExit) as stop:
        main(typed)
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"detailquote: error: {said}"


def test_an_option_shortened_as_argparse_allows_is_no_typo(capsys):
    assert main(["quote", "tucson-az", "--start", "2026-12-24 18:00", "--hours", "4", "--off", "5", "--veh=1",
                 "--json"]) == 0
    # Christmas Eve at holiday rates: the sergeant with the vehicle 4.5 h × $108.71 = $489.20 and the vehicle
    # 4.5 h × $15.00 = $67.50; four officers 4 h × $96.17 = $1,538.72
    assert json.loads(capsys.readouterr().out)["total"] == "2095.42"


def test_quote_writes_the_agencys_workbook_filled_with_the_job_to_send(tmp_path, capsys):
    from openpyxl import load_workbook

    args = ["quote", "hartford-ct", "--start", "2026-12-04 09:00", "--end", "2026-12-04 17:00", "--officers", "3",
            "--venue", "Main St & 5th", "--customer-name", "Acme Paving", "--xlsx", str(tmp_path / "acme.xlsx")]
    assert main(args) == 0
    out = capsys.readouterr()
    assert "Total" in out.out and "$2,816.00" in out.out and out.err == f"wrote {tmp_path / 'acme.xlsx'}\n"
    ws = load_workbook(tmp_path / "acme.xlsx")["Quote"]
    assert (ws["C4"].value, ws["C5"].value, ws["C6"].value) == ("Acme Paving", "Main St & 5th", "Regular (non-construction)")
    assert [ws[f"{c}15"].value for c in "CDE"] == [dt.time(9), dt.time(17), 3]
    too_long = ["quote", "hartford-ct", "--start", "2026-12-04 09:00", "--hours", "30", "--officers", "1",
                "--xlsx", str(tmp_path / "long.xlsx")]
    assert main(too_long) == 2
    assert capsys.readouterr().err == "detailquote: error: shift 1: the quote workbook takes shifts of up to 24 hours\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.xlsx"]  # nothing half-written
