"""The invoice audit against Tucson (AZ)'s page, /work/shared/seeds/tucson-az.txt (agencies/pages/tucson-az.txt).

From the page: Officer $64.11, Sergeant $72.48 (lines 43-44); Officer Holiday $96.17, Sergeant Holiday
$108.71 (lines 46-47); Officer Emergency $96.17 (line 49); Vehicle $15.00 (line 52); "3 Hours minimum per
request" (line 82); a Sergeant as the 5th officer from 5 officers (line 84); holiday rates "0000-2359 hours"
on New Year's Eve, New Year's Day, Thanksgiving ("Th Day"), Christmas Eve and Christmas Day (line 89);
emergency rate for a request received less than 48 hours before the shift (line 91); vehicles add 30 minutes
for pick-up and return (lines 93-95). The admin fee is inside the vendor rates ("can range from $6.40 - $12
per hour", line 121; RULES 12): an invoice bills no separate fee. Every figure below is worked by hand from
those lines; each line rounded half-up to the cent (RULES 3).
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, run

A = "tucson-az"
HEAD = ["job", "date", "start", "end", "role", "officer", "positions", "hours", "rate", "amount", "vehicles", "requested"]

CLEAN = [
    HEAD,
    # T1: Wed 8 Jul 2026 08:00-16:00, a plain weekday: 8 h x $64.11 (line 43) = $512.88 each
    ["T1", "2026-07-08", "08:00", "16:00", "officer", "Smith", "", "8", "64.11", "512.88", "", ""],  # row 2
    ["T1", "2026-07-08", "08:00", "16:00", "officer", "Jones", "", "8", "64.11", "512.88", "", ""],  # row 3
    # T2: Thanksgiving, Thu 26 Nov 2026 (4th Thursday; line 89) 10:00-16:00, with a vehicle: 6 h + 0.5 h pick-up
    # and return (lines 93-95) = 6.5 h x $96.17 (line 46) = $625.105 -> $625.11; vehicle 6.5 h x $15.00 (line 52) = $97.50
    ["T2", "2026-11-26", "10:00", "16:00", "officer", "Lee", "", "6.5", "96.17", "625.11", "1", ""],  # row 4
    ["T2", "2026-11-26", "10:00", "16:00", "vehicle", "", "", "6.5", "15.00", "97.50", "", ""],  # row 5
    # T3: Mon 13 Jul 2026 09:00-11:00 (2 h): the 3 h minimum (line 82) x $64.11 (line 43) = $192.33
    ["T3", "2026-07-13", "09:00", "11:00", "officer", "Kim", "", "3", "64.11", "192.33", "", ""],  # row 6
    # T4: Wed 15 Jul 2026 18:00-22:00, 5 requested: a sergeant as the 5th (line 84):
    # 4 officers x 4 h x $64.11 (line 43) = $1,025.76; the sergeant 4 h x $72.48 (line 44) = $289.92
    ["T4", "2026-07-15", "18:00", "22:00", "officer", "", "4", "4", "64.11", "1025.76", "", ""],  # row 7
    ["T4", "2026-07-15", "18:00", "22:00", "sergeant", "Ruiz", "", "4", "72.48", "289.92", "", ""],  # row 8
    # T5: requested Mon 20 Jul 2026 12:00 for Tue 21 Jul 08:00-12:00, 20 h ahead, under 48 h (line 91):
    # 4 h x Officer Emergency $96.17 (line 49) = $384.68
    ["T5", "2026-07-21", "08:00", "12:00", "officer", "Cruz", "", "4", "96.17", "384.68", "", "2026-07-20 12:00"],  # row 9
    # T6: Thanksgiving night Thu 26 Nov 20:00 - Fri 27 Nov 02:00: the holiday rate 0000-2359 on the 26th only
    # (line 89; the day after Thanksgiving is not on Tucson's list): 4 h x $96.17 (line 46) = $384.68,
    # then 2 h x $64.11 (line 43) = $128.22; one officer on two rows
    ["T6", "2026-11-26", "20:00", "02:00", "officer", "Diaz", "", "4", "96.17", "384.68", "", ""],  # row 10
    ["T6", "2026-11-26", "20:00", "02:00", "officer", "Diaz", "", "2", "64.11", "128.22", "", ""],  # row 11
]
# 512.88 + 512.88 + 625.11 + 97.50 + 192.33 + 1,025.76 + 289.92 + 384.68 + 384.68 + 128.22 = 4,153.96
CLEAN_TOTAL = "4153.96"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "512.88"), (3, "512.88"),  # 8 h x $64.11 (line 43)
    (4, "625.11"),  # 6.5 h x $96.17 (lines 46, 89, 93-95)
    (5, "97.50"),  # 6.5 h x $15.00 (line 52)
    (6, "192.33"),  # 3 h minimum (line 82) x $64.11
    (7, "1025.76"),  # 4 positions x 4 h x $64.11
    (8, "289.92"),  # 4 h x $72.48 (line 44)
    (9, "384.68"),  # 4 h x $96.17 emergency (lines 49, 91)
    (10, "512.90"),  # Diaz's rows 10-11 together: $384.68 + $128.22 (lines 46, 43, 89)
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 8 Jul 2026 08:00-16:00 ran 8 h; billed 9 h x $64.11 = $576.99.
    # Allowed 8 h x $64.11 (line 43) = $512.88; difference +$64.11
    ["E1", "2026-07-08", "08:00", "16:00", "officer", "Smith", "", "9", "64.11", "576.99", "", ""],  # row 2
    # E2, holiday rate on a weekday: Wed 8 Jul 2026 is no holiday of line 89; billed 8 h x $96.17 = $769.36.
    # Allowed $512.88 (line 43); difference +$256.48
    ["E2", "2026-07-08", "08:00", "16:00", "officer", "Jones", "", "8", "96.17", "769.36", "", ""],  # row 3
    # E3, another rank's rate: an officer billed at the sergeant's $72.48 (line 44): 8 h = $579.84.
    # Allowed 8 h x $64.11 (line 43) = $512.88; difference +$66.96
    ["E3", "2026-07-09", "08:00", "16:00", "officer", "Brown", "", "8", "72.48", "579.84", "", ""],  # row 4
    # E4, a 4 h minimum billed where the page gives 3 h (line 82): Mon 13 Jul 09:00-11:00 billed 4 h x $64.11
    # = $256.44. Allowed 3 h x $64.11 = $192.33; difference +$64.11
    ["E4", "2026-07-13", "09:00", "11:00", "officer", "Kim", "", "4", "64.11", "256.44", "", ""],  # row 5
    # E5, the minimum not billed where it applies: Tue 14 Jul 09:00-11:00 billed 2 h x $64.11 = $128.22.
    # Allowed 3 h (line 82) x $64.11 = $192.33; difference -$64.11
    ["E5", "2026-07-14", "09:00", "11:00", "officer", "Park", "", "2", "64.11", "128.22", "", ""],  # row 6
    # E6, arithmetic: 8 h x $64.11 is $512.88, billed $521.88. Allowed $512.88; difference +$9.00
    ["E6", "2026-07-15", "08:00", "16:00", "officer", "Lopez", "", "8", "64.11", "521.88", "", ""],  # row 7
    # E7: Thu 16 Jul 08:00-12:00, 4 h x $64.11 = $256.44 (matches), and an admin fee billed on top:
    # 4 h x $12.00 (line 121's high end) = $48.00. The fee is inside the vendor rate (RULES 12): not due,
    # allowed $0.00, difference +$48.00
    ["E7", "2026-07-16", "08:00", "12:00", "officer", "Hill", "", "4", "64.11", "256.44", "", ""],  # row 8
    ["E7", "2026-07-16", "", "", "Admin fee", "", "", "", "", "48.00", "", ""],  # row 9
    # E8, not priceable: Tucson publishes no lieutenant (lines 42-52): billed 4 h x $80.00 = $320.00
    ["E8", "2026-07-17", "08:00", "12:00", "lieutenant", "Ng", "", "4", "80.00", "320.00", "", ""],  # row 10
    # E9, not priceable: no date and no start, so no shift to price
    ["E9", "", "", "", "officer", "Ortiz", "", "4", "64.11", "256.44", "", ""],  # row 11
    # E10, vehicle: Wed 22 Jul 08:00-12:00 with a vehicle: 4 h + 0.5 h (lines 93-95) = 4.5 h x $64.11 (line 43)
    # = $288.495 -> $288.50 (matches); the vehicle billed 4 h x $15.00 = $60.00, allowed 4.5 h x $15.00
    # (line 52) = $67.50; difference -$7.50
    ["E10", "2026-07-22", "08:00", "12:00", "officer", "Gray", "", "4.5", "64.11", "288.50", "1", ""],  # row 12
    ["E10", "2026-07-22", "08:00", "12:00", "vehicle", "", "", "4", "15.00", "60.00", "", ""],  # row 13
    # E11, hours underbilled: Thu 23 Jul 08:00-16:00 ran 8 h, billed 7 h x $64.11 = $448.77.
    # Allowed 8 h x $64.11 = $512.88; difference -$64.11
    ["E11", "2026-07-23", "08:00", "16:00", "officer", "Wu", "", "7", "64.11", "448.77", "", ""],  # row 14
    # E12, the emergency rate billed without short notice: requested Wed 1 Jul for Fri 24 Jul 08:00-12:00,
    # weeks ahead (line 91 needs under 48 h): billed 4 h x $96.17 = $384.68, allowed 4 h x $64.11 = $256.44;
    # difference +$128.24
    ["E12", "2026-07-24", "08:00", "12:00", "officer", "Fox", "", "4", "96.17", "384.68", "", "2026-07-01 09:00"],  # row 15
]
# E13: five named officers billed on Mon 27 Jul 2026 08:00-12:00, each 4 h x $64.11 = $256.44. Line 84: "5 or
# more officers requested will require a Sergeant as the 5th officer": four officers at 4 h x $64.11 (line 43)
# = $256.44 each (rows 16-19 match), and the 5th position is the sergeant's, 4 h x $72.48 (line 44) = $289.92.
# Row 20 bills that position at the officer's rate: wrong rate, allowed $289.92, difference -$33.48.
FIVE = ERRORS + [
    ["E13", "2026-07-27", "08:00", "12:00", "officer", name, "", "4", "64.11", "256.44", "", ""]  # rows 16-20
    for name in ("Ames", "Bell", "Cole", "Dunn", "Eddy")
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "512.88", "64.11"),
    (3, "rate", "512.88", "256.48"),
    (4, "rate", "512.88", "66.96"),
    (5, "minimum", "192.33", "64.11"),
    (6, "minimum", "192.33", "-64.11"),
    (7, "arithmetic", "512.88", "9.00"),
    (8, "matches", "256.44", "0.00"),
    (9, "fee_not_due", "0.00", "48.00"),
    (10, "unpriceable", None, None),
    (11, "unpriceable", None, None),
    (12, "matches", "288.50", "0.00"),
    (13, "vehicle", "67.50", "-7.50"),
    (14, "underbilled", "512.88", "-64.11"),
    (15, "rate", "256.44", "128.24"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


@pytest.mark.parametrize("row", [16, 17, 18, 19])
def test_five_officers_the_first_four_match(row):
    check(run(A, FIVE), row, "matches", "256.44", "0.00")  # 4 h x $64.11 (line 43)


def test_five_officers_the_fifth_is_the_sergeant_position():
    check(run(A, FIVE), 20, "rate", "289.92", "-33.48")


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # allowed, rows 2-9 and 12-15: 512.88 x 5 (rows 2, 3, 4, 7, 14) = 2,564.40; 192.33 x 2 (rows 5, 6) = 384.66;
    # 256.44 x 2 (rows 8, 15) = 512.88; 0.00 (row 9); 288.50 + 67.50 (rows 12-13) = 356.00: 3,817.94
    assert result.allowed == M("3817.94")
    # the differences above: 64.11 + 256.48 + 66.96 + 64.11 - 64.11 + 9.00 + 48.00 - 7.50 - 64.11 + 128.24 = 501.18
    assert result.difference == M("501.18")
    assert result.unpriced == M("576.44")  # rows 10-11: 320.00 + 256.44
    assert result.billed == M("4895.56")  # 3,817.94 + 501.18 + 576.44


def test_unknown_rank_says_why():
    f = run(A, ERRORS).findings
    lieutenant = next(x for x in f if x.rows == (10,))
    assert "lieutenant" in lieutenant.reason.lower()
    no_start = next(x for x in f if x.rows == (11,))
    assert "start" in no_start.reason


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][0] == 512.88 and out[2][1] == 64.11 and "Officer (Smith): overbilled hours" in out[2][2]
    assert out[3][:2] == (512.88, 256.48) and "wrong tier or rate" in out[3][2]
    assert out[5][:2] == (192.33, 64.11) and "minimum misapplied" in out[5][2]
    assert out[6][:2] == (192.33, -64.11) and "minimum misapplied" in out[6][2]
    assert out[7][:2] == (512.88, 9.00) and "arithmetic error" in out[7][2]
    assert out[8][:2] == (256.44, 0.00) and out[8][2] == "Officer (Hill): matches"
    assert out[9][:2] == (0.00, 48.00) and "fee not due" in out[9][2]
    assert out[10][:2] == ("", "") and "not priceable" in out[10][2]
    assert out[11][:2] == ("", "") and "not priceable" in out[11][2]
    assert out[13][:2] == (67.50, -7.50) and "vehicle charge differs" in out[13][2]
    assert out[14][:2] == (512.88, -64.11) and "hours underbilled" in out[14][2]


def test_detail_audit_in_excel_clean():
    out = excel(A, CLEAN)
    # row 11 is Diaz's second row: the charge is answered on its first row (10)
    assert {n: v[:2] for n, v in out.items()} == {
        2: (512.88, 0.0), 3: (512.88, 0.0), 4: (625.11, 0.0), 5: (97.50, 0.0), 6: (192.33, 0.0),
        7: (1025.76, 0.0), 8: (289.92, 0.0), 9: (384.68, 0.0), 10: (512.90, 0.0), 11: ("", ""),
    }
    assert all(("matches" in v[2]) for n, v in out.items() if n != 11)


def test_detail_audit_with_excel_cells():
    """The clean invoice as Excel hands it over: dates as date-times, times as fractions of a day, figures as
    numbers, blanks as None. The allowed figures are those worked for CLEAN above."""
    import datetime as dt

    def cell(column, value):
        if value == "":
            return None
        if column == "date":
            return dt.datetime.fromisoformat(value)
        if column in ("start", "end"):
            h, m = map(int, value.split(":"))
            return (h * 60 + m) / 1440
        if column == "requested":
            return dt.datetime.fromisoformat(value)
        if column in ("positions", "hours", "rate", "amount", "vehicles"):
            return float(value)
        return value

    table = [HEAD] + [[cell(c, v) for c, v in zip(HEAD, row)] for row in CLEAN[1:]]
    out = excel(A, table)
    assert [out[n][:2] for n in range(2, 12)] == [
        (512.88, 0.0), (512.88, 0.0), (625.11, 0.0), (97.50, 0.0), (192.33, 0.0),
        (1025.76, 0.0), (289.92, 0.0), (384.68, 0.0), (512.90, 0.0), ("", ""),
    ]
