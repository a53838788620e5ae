"""Job facts and conditions that combine (job-facts.toml), each total worked by hand from the file.

Officer 50.00; 60.00 with alcohol or an attendance of 1,000 or more (any of); 55.00 on road jobs except on a
holiday (a job type and not a holiday); 75.00 on Independence Day; 52.00 for a school district (a customer
class). An 8.00 an hour add-on for outdoor events on a weekend (all of). A 3-hour minimum. New York time.
Wed 8 Jul 2026, Sat 11 Jul 2026 and Sat 4 Jul 2026 (the holiday), 10:00-14:00, one officer.
"""

from decimal import Decimal as M

import pytest
from openpyxl import load_workbook

from conftest import D, agency
from detailquote.cli import main
from detailquote.engine import Request, Shift, quote
from detailquote.errors import AgencyFileError, InputError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def total(start: str, end: str, **options) -> M:
    return quote(agency("job-facts"), Request((Shift(D(start), D(end), 1),), **options)).total


@pytest.mark.parametrize(("facts", "expected"), [
    (None, 4 * M("50.00")),
    ("alcohol=yes", 4 * M("60.00")),                     # any of: alcohol served
    ("alcohol=no; attendance=1000", 4 * M("60.00")),     # any of: a thousand attending
    ("attendance=999", 4 * M("50.00")),
    ({"alcohol": True, "attendance": 2500}, 4 * M("60.00")),
    ("setting=outdoor", 4 * M("50.00")),                 # outdoors, but a Wednesday: no add-on
])
def test_facts_on_a_wednesday(facts, expected):
    assert total("2026-07-08T10:00", "2026-07-08T14:00", facts=facts) == expected


def test_all_of_outdoors_and_a_weekend():
    assert total("2026-07-11T10:00", "2026-07-11T14:00", facts="setting=outdoor") == 4 * (M("50.00") + M("8.00"))
    assert total("2026-07-11T10:00", "2026-07-11T14:00", facts="setting=indoor") == 4 * M("50.00")


def test_job_type_and_not_a_holiday():
    assert total("2026-07-08T10:00", "2026-07-08T14:00", job_type="road") == 4 * M("55.00")
    assert total("2026-07-04T10:00", "2026-07-04T14:00", job_type="road") == 4 * M("75.00")  # the holiday's own rate


def test_a_customer_class_tier():
    assert total("2026-07-08T10:00", "2026-07-08T14:00", customer="school") == 4 * M("52.00")
    assert total("2026-07-08T10:00", "2026-07-08T14:00", customer="school", job_type="road") == 4 * M("55.00")  # the higher


def test_facts_not_given_are_no_and_said():
    q = quote(agency("job-facts"), Request((Shift(D("2026-07-08T10:00"), D("2026-07-08T11:00"), 1),), facts="alcohol=yes"))
    assert q.total == 3 * M("60.00")  # the 3-hour minimum, at the crowd rate
    assert "Job facts not given are taken as: expected attendance (0); setting (none)." in q.notes


@pytest.mark.parametrize(("facts", "message"), [
    ("alcohol=maybe", "fact alcohol takes yes or no, not 'maybe'"),
    ("atendance=10", "unknown fact 'atendance' — did you mean attendance?"),
    ("attendance=-3", "fact attendance takes a whole number from 0 to 10,000,000"),
    ("setting=outside", "fact setting takes one of indoor, outdoor"),
    ("alcohol", "facts are written name=value"),
    ("alcohol=yes; alcohol=no", "fact alcohol is given twice"),
])
def test_bad_facts_are_refused_with_what_is_expected(facts, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        total("2026-07-08T10:00", "2026-07-08T14:00", facts=facts)


def test_an_agency_without_facts_refuses_them():
    with pytest.raises(InputError, match="prices by no job facts"):
        quote(agency("premiums"), Request((Shift(D("2026-07-08T10:00"), D("2026-07-08T14:00"), 1),), facts="alcohol=yes"))


def test_the_command_line_takes_facts(capsys):
    assert main(["quote", "job-facts", "--agencies", str(agency("job-facts").source.parent), "--start", "2026-07-08 10:00",
                 "--end", "2026-07-08 14:00", "--officers", "1", "--fact", "alcohol=yes", "--json"]) == 0
    assert '"total": "240.00"' in capsys.readouterr().out


def test_conditions_in_words():
    words = explain(agency("job-facts"))
    assert ("Crowd or alcohol: Every hour of a job with alcohol or every hour of a job whose attendance is at least "
            "1,000.") in words
    assert "Road work: Every hour of a road job and not the hours on holidays." in words
    assert "Outdoor weekend add-on: $8.00 an hour on top, for every hour of a job whose setting is outdoor and the hours on weekends" in words
    assert "Job fact setting: Setting (indoor or outdoor)." in words


@pytest.mark.parametrize(("change", "problem"), [
    (('fact = "alcohol" }', 'fact = "alcohl" }'), "unknown fact 'alcohl' — did you mean alcohol?"),
    (('fact = "attendance", at_least = 1000', 'fact = "attendance"'), "required: fact attendance is a count"),
    (('one_of = ["outdoor"]', 'one_of = ["outdor"]'), "unknown choice of setting 'outdor'"),
    (('one_of = ["road"]', 'one_of = ["raod"]'), "unknown job type 'raod'"),
])
def test_conditions_that_name_what_the_file_does_not_declare_are_refused(change, problem):
    text = agency("job-facts").source.read_text().replace(*change)
    with pytest.raises(AgencyFileError, match=problem):
        parse_spec(text, "job-facts.toml")


def test_the_workbook_prices_the_facts_as_the_engine_does(tmp_path):
    from detailquote import filled, libreoffice, workbook

    a = agency("job-facts")
    jobs = [("2026-07-11T10:00", "2026-07-11T14:00", "alcohol=yes; setting=outdoor", None, None),
            ("2026-07-08T10:00", "2026-07-08T11:00", "attendance=1500", None, None),
            ("2026-07-08T10:00", "2026-07-08T14:00", "setting=indoor", "road", None),
            ("2026-07-04T10:00", "2026-07-04T14:00", None, "road", "school")]
    paths, expected = [], []
    for i, (start, end, facts, job_type, customer) in enumerate(jobs):
        request = Request((Shift(D(start), D(end), 1),), job_type=job_type, facts=facts, customer=customer)
        expected.append(quote(a, request).total)
        paths.append(filled.write(a, request, tmp_path / f"job{i}.xlsx", None)[0])
    builder = workbook.Builder(a)
    for path, want in zip(libreoffice.convert(paths, tmp_path / "out"), expected):
        ws = load_workbook(path, data_only=True)["Quote"]
        assert M(str(ws[f"{builder.inputs['amount']}{builder.total_row}"].value)).quantize(M("0.01")) == want
    assert expected == [4 * (M("60.00") + M("8.00")), 3 * M("60.00"), 4 * M("55.00"), 4 * M("75.00")]
