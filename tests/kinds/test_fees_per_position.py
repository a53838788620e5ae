"""A percentage rounded per position (fees-per-position.toml), each total worked by hand from the file.

Officer 21.10, 2-hour minimum, vehicle 7.77 an hour, weekend add-on 1.11 an hour. A 2.5% service charge on each
officer's charge (with the vehicle the officer brings), rounded to the cent per position; then 13% HST of it all.
"""

from decimal import Decimal as M

import pytest

from conftest import agency, price
from detailquote.errors import AgencyFileError
from detailquote.explain import explain
from detailquote.loader import parse_spec


def fees(q) -> dict[str, M]:
    return {l.tier: l.amount for l in q.lines if l.role == "fee"}


def test_rounded_per_position_not_once():
    # Tue 3 Mar 2026, 08:00-10:00, 3 officers, 1 vehicle. Each 2 x 21.10 = 42.20; the vehicle 2 x 7.77 = 15.54.
    # Service charge: the officer with the vehicle 2.5% of 57.74 = 1.4435 -> 1.44; the two others 2.5% of 42.20 =
    # 1.055 -> 1.06 each: 3.56 (once on 142.14 it would be 3.5535 -> 3.55). HST 13% of 145.70 = 18.941 -> 18.94.
    q = price("fees-per-position", "2026-03-03T08:00", "2026-03-03T10:00", 3, 1)
    assert fees(q) == {"service": M("3.56"), "hst": M("18.94")}
    assert q.total == M("164.64")


def test_a_positions_premium_is_part_of_its_charge():
    # Sat 7 Mar 2026: each officer 42.20 + 2 x 1.11 = 44.42. With the vehicle 59.96 x 2.5% = 1.499 -> 1.50; the
    # others 1.1105 -> 1.11 each: 3.72. Charges 3 x 44.42 + 15.54 = 148.80; HST 13% of 152.52 = 19.8276 -> 19.83.
    q = price("fees-per-position", "2026-03-07T08:00", "2026-03-07T10:00", 3, 1)
    assert fees(q) == {"service": M("3.72"), "hst": M("19.83")}
    assert q.total == M("172.35")


def test_in_words_and_checked():
    assert ("Service charge, added on top: 2.5% of the officers' and vehicles' charges, rounded for each position on "
            "each shift. (line 2)") in explain(agency("fees-per-position"))
    text = agency("fees-per-position").source.read_text().replace('of = ["labour", "vehicles", "fees"]\n',
                                                                  'of = ["labour", "vehicles", "fees"]\nrounding = "position"\n')
    with pytest.raises(AgencyFileError, match="rounding = 'position' goes with a percent of labour or vehicles"):
        parse_spec(text, "fees-per-position.toml")


def test_the_workbook_rounds_per_position(tmp_path):
    from openpyxl import load_workbook

    from conftest import D
    from detailquote import filled, libreoffice, workbook
    from detailquote.engine import Request, Shift

    a = agency("fees-per-position")
    request = Request((Shift(D("2026-03-03T08:00"), D("2026-03-03T10:00"), 3, 1),
                       Shift(D("2026-03-07T08:00"), D("2026-03-07T10:00"), 3, 1)))
    (path,) = filled.write(a, request, tmp_path / "job.xlsx", None)
    (out,) = libreoffice.convert([path], tmp_path / "out")
    b = workbook.Builder(a)
    ws = load_workbook(out, data_only=True)["Quote"]
    # 142.14 + 148.80 = 290.94; service 3.56 + 3.72 = 7.28; HST 13% of 298.22 = 38.7686 -> 38.77; total 336.99.
    assert M(str(ws[f"{b.inputs['amount']}{b.total_row}"].value)).quantize(M("0.01")) == M("336.99")
