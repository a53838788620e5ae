"""The invoice audit against Bay Harbor Islands (FL)'s page, /work/shared/seeds/bay-harbor-islands-fl.txt.

From the page (Off Duty Management, "effective February 22nd, 2021", line 7): Total Hourly Billable Rate,
Regular $65.00, Holiday $90.00, Emergency $75.00, Vehicle $2.27 (lines 24-28); "4 Hours minimum per request"
(line 29); "Vehicles are required on all shifts" (line 31); the holiday list, Independence Day among them
(line 32); the emergency rate for requests received less than 48 hours before the shift (line 33); admin
fees inside the rates, "can range from $6.75 - $10.13 per hour" (line 35; RULES 12). A vehicle is billed
$2.27 for each billed hour of the position that brings it (RULES 11). Jobs in 2025 before 17 December are
priced from that page; job B6 is on the revised schedule in force from 17 December 2025,
agencies/pages/bay-harbor-islands-fl+2025-12-17.txt (Officer $90.80, line 6; Vehicle $2.27, line 10; New
Year's Eve no longer a holiday, line 14). Every figure below is worked by hand, each line rounded to the
cent (RULES 3).
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, missing, run

A = "bay-harbor-islands-fl"
HEAD = ["job", "date", "start", "end", "role", "officer", "positions", "hours", "rate", "amount", "vehicles",
        "vehicle_amount", "requested"]

CLEAN = [
    HEAD,
    # B1: Wed 9 Jul 2025 08:00-16:00, a plain weekday: 8 h x $65.00 (line 25) = $520.00;
    # its vehicle (line 31) 8 h x $2.27 (line 28) = $18.16
    ["B1", "2025-07-09", "08:00", "16:00", "officer", "Alba", "", "8", "65.00", "520.00", "1", "", ""],  # row 2
    ["B1", "2025-07-09", "08:00", "16:00", "vehicle", "", "", "8", "2.27", "18.16", "", "", ""],  # row 3
    # B2: Independence Day, Fri 4 Jul 2025 (line 32) 08:00-14:00: 6 h x $90.00 (line 26) = $540.00;
    # vehicle 6 h x $2.27 = $13.62, billed in the officer row's vehicle_amount column
    ["B2", "2025-07-04", "08:00", "14:00", "officer", "Bravo", "", "6", "90.00", "540.00", "1", "13.62", ""],  # row 4
    # B3: Thu 10 Jul 2025 10:00-12:00 (2 h): the 4 h minimum (line 29) x $65.00 = $260.00;
    # vehicle 4 billed hours x $2.27 = $9.08
    ["B3", "2025-07-10", "10:00", "12:00", "officer", "Cruz", "", "4", "65.00", "260.00", "1", "", ""],  # row 5
    ["B3", "2025-07-10", "10:00", "12:00", "vehicle", "", "", "4", "2.27", "9.08", "", "", ""],  # row 6
    # B4: requested Mon 14 Jul 2025 09:00 for Tue 15 Jul 08:00-12:00, 23 h ahead (line 33):
    # 4 h x Emergency $75.00 (line 27) = $300.00; vehicle 4 h x $2.27 = $9.08
    ["B4", "2025-07-15", "08:00", "12:00", "officer", "Diaz", "", "4", "75.00", "300.00", "1", "", "2025-07-14 09:00"],  # row 7
    ["B4", "2025-07-15", "08:00", "12:00", "vehicle", "", "", "4", "2.27", "9.08", "", "", ""],  # row 8
    # B5: Wed 16 Jul 2025 18:00-22:00, 2 officers on one row: 2 x 4 h x $65.00 = $520.00;
    # their 2 vehicles 2 x 4 h x $2.27 = $18.16
    ["B5", "2025-07-16", "18:00", "22:00", "officer", "", "2", "4", "65.00", "520.00", "2", "", ""],  # row 9
    ["B5", "2025-07-16", "18:00", "22:00", "vehicle", "", "2", "4", "2.27", "18.16", "", "", ""],  # row 10
    # B6: Wed 31 Dec 2025 08:00-12:00, on the revised schedule (from 17 Dec 2025), where New Year's Eve is no
    # longer a holiday (revised page line 14): 4 h x $90.80 (revised line 6) = $363.20; vehicle 4 h x $2.27
    # (revised line 10) = $9.08
    ["B6", "2025-12-31", "08:00", "12:00", "officer", "Egan", "", "4", "90.80", "363.20", "1", "", ""],  # row 11
    ["B6", "2025-12-31", "08:00", "12:00", "vehicle", "", "", "4", "2.27", "9.08", "", "", ""],  # row 12
]
# B1 538.16 + B2 553.62 + B3 269.08 + B4 309.08 + B5 538.16 + B6 372.28 = 2,580.38
CLEAN_TOTAL = "2580.38"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, what, allowed", [
    (2, "Officer", "520.00"), (3, "", "18.16"),
    (4, "Officer", "540.00"), (4, "Vehicle", "13.62"),
    (5, "Officer", "260.00"), (6, "", "9.08"),
    (7, "Officer", "300.00"), (8, "", "9.08"),
    (9, "Officer", "520.00"), (10, "", "18.16"),
    (11, "Officer", "363.20"), (12, "", "9.08"),
])
def test_clean_invoice_each_charge(row, what, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00", what)


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 23 Jul 2025 08:00-16:00 ran 8 h, billed 9 h x $65.00 = $585.00.
    # Allowed 8 h x $65.00 (line 25) = $520.00; difference +$65.00. Vehicle 8 h x $2.27 = $18.16 matches.
    ["E1", "2025-07-23", "08:00", "16:00", "officer", "Alba", "", "9", "65.00", "585.00", "1", "", ""],  # row 2
    ["E1", "2025-07-23", "08:00", "16:00", "vehicle", "", "", "8", "2.27", "18.16", "", "", ""],  # row 3
    # E2, the holiday rate on a weekday: Thu 24 Jul 2025 is on no list of line 32; billed 8 h x $90.00 =
    # $720.00. Allowed $520.00; difference +$200.00. Vehicle $18.16 matches.
    ["E2", "2025-07-24", "08:00", "16:00", "officer", "Bravo", "", "8", "90.00", "720.00", "1", "18.16", ""],  # row 4
    # E3, an 8 h minimum billed where the page gives 4 h (line 29): Mon 28 Jul 2025 10:00-12:00 billed
    # 8 h x $65.00 = $520.00; allowed 4 h x $65.00 = $260.00, difference +$260.00. Its vehicle billed for the
    # same 8 h, 8 x $2.27 = $18.16; allowed 4 h x $2.27 = $9.08, difference +$9.08
    ["E3", "2025-07-28", "10:00", "12:00", "officer", "Cruz", "", "8", "65.00", "520.00", "1", "", ""],  # row 5
    ["E3", "2025-07-28", "10:00", "12:00", "vehicle", "", "", "8", "2.27", "18.16", "", "", ""],  # row 6
    # E4, the minimum not billed: Tue 29 Jul 2025 10:00-12:00 billed 2 h x $65.00 = $130.00; allowed the 4 h
    # minimum (line 29) x $65.00 = $260.00, difference -$130.00. Vehicle billed 2 h x $2.27 = $4.54; allowed
    # 4 h x $2.27 = $9.08, difference -$4.54
    ["E4", "2025-07-29", "10:00", "12:00", "officer", "Diaz", "", "2", "65.00", "130.00", "1", "", ""],  # row 7
    ["E4", "2025-07-29", "10:00", "12:00", "vehicle", "", "", "2", "2.27", "4.54", "", "", ""],  # row 8
    # E5, arithmetic: 8 h x $65.00 is $520.00, billed $502.00; difference -$18.00. Vehicle $18.16 matches.
    ["E5", "2025-07-30", "08:00", "16:00", "officer", "Egan", "", "8", "65.00", "502.00", "1", "18.16", ""],  # row 9
    # E6, the vehicle left off: Thu 31 Jul 2025 08:00-16:00, 8 h x $65.00 = $520.00 (matches); vehicles are
    # required on all shifts (line 31): 8 h x $2.27 = $18.16 is due and not billed (difference -$18.16)
    ["E6", "2025-07-31", "08:00", "16:00", "officer", "Frey", "", "8", "65.00", "520.00", "", "", ""],  # row 10
    # E7: Fri 1 Aug 2025 08:00-12:00, 4 h x $65.00 = $260.00 and its vehicle $9.08 (both match), and an
    # admin fee of 4 h x $10.13 (line 35's high end) = $40.52 on top: inside the total rate (RULES 12), not due:
    # allowed $0.00, difference +$40.52
    ["E7", "2025-08-01", "08:00", "12:00", "officer", "Gil", "", "4", "65.00", "260.00", "1", "9.08", ""],  # row 11
    ["E7", "2025-08-01", "", "", "admin fee", "", "", "4", "10.13", "40.52", "", "", ""],  # row 12
    # E8, not priceable: no sergeant rate is published (lines 24-28): billed 4 h x $80.00 = $320.00
    ["E8", "2025-08-04", "08:00", "12:00", "sergeant", "Hays", "", "4", "80.00", "320.00", "", "", ""],  # row 13
    # E9, not priceable: no date, no start
    ["E9", "", "", "", "officer", "Ibar", "", "4", "65.00", "260.00", "", "", ""],  # row 14
    # E10, arithmetic on the vehicle row: Tue 5 Aug 2025 08:00-16:00, officer 8 h x $65.00 = $520.00 (matches);
    # vehicle 8 h x $2.27 is $18.16, billed $18.61; allowed $18.16, difference +$0.45
    ["E10", "2025-08-05", "08:00", "16:00", "officer", "Jara", "", "8", "65.00", "520.00", "1", "", ""],  # row 15
    ["E10", "2025-08-05", "08:00", "16:00", "vehicle", "", "", "8", "2.27", "18.61", "", "", ""],  # row 16
]


@pytest.mark.parametrize("row, what, verdict, allowed, difference", [
    (2, "", "hours", "520.00", "65.00"),
    (3, "", "matches", "18.16", "0.00"),
    (4, "Officer", "rate", "520.00", "200.00"),
    (4, "Vehicle", "matches", "18.16", "0.00"),
    (5, "", "minimum", "260.00", "260.00"),
    (6, "", "vehicle", "9.08", "9.08"),
    (7, "", "minimum", "260.00", "-130.00"),
    (8, "", "vehicle", "9.08", "-4.54"),
    (9, "Officer", "arithmetic", "520.00", "-18.00"),
    (9, "Vehicle", "matches", "18.16", "0.00"),
    (10, "", "matches", "520.00", "0.00"),
    (11, "Officer", "matches", "260.00", "0.00"),
    (11, "Vehicle", "matches", "9.08", "0.00"),
    (12, "", "fee_not_due", "0.00", "40.52"),
    (13, "", "unpriceable", None, None),
    (14, "", "unpriceable", None, None),
    (15, "", "matches", "520.00", "0.00"),
    (16, "", "arithmetic", "18.16", "0.45"),
])
def test_invoice_with_errors(row, what, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference, what)


def test_the_vehicle_left_off():
    (f,) = missing(run(A, ERRORS), "E6")
    # line 31: every shift has a vehicle; 8 h x $2.27 (line 28) = $18.16 allowed, nothing billed
    assert (f.verdict, f.billed, f.allowed, f.difference) == ("vehicle", M("0.00"), M("18.16"), M("-18.16"))


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # labour: 520.00 (2) + 520.00 (4) + 260.00 (5) + 260.00 (7) + 520.00 (9) + 520.00 (10) + 260.00 (11)
    # + 520.00 (15) = 3,380.00; vehicles: 18.16 (3) + 18.16 (4) + 9.08 (6) + 9.08 (8) + 18.16 (9) + 18.16 (E6)
    # + 9.08 (11) + 18.16 (16) = 118.04; fee 0.00: 3,498.04
    assert result.allowed == M("3498.04")
    # 65.00 + 200.00 + 260.00 + 9.08 - 130.00 - 4.54 - 18.00 - 18.16 + 40.52 + 0.45 = 404.35
    assert result.difference == M("404.35")
    assert result.unpriced == M("580.00")  # rows 13-14: 320.00 + 260.00


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (520.00, 65.00) and "Officer (Alba): overbilled hours" in out[2][2]
    # row 4 answers both its charges: 520.00 + 18.16 allowed, 200.00 + 0.00 difference
    assert out[4][:2] == (538.16, 200.00)
    assert "Officer (Bravo): wrong tier or rate" in out[4][2] and "Vehicle: matches" in out[4][2]
    assert out[5][:2] == (260.00, 260.00) and "minimum misapplied" in out[5][2]
    assert out[6][:2] == (9.08, 9.08) and "vehicle charge differs" in out[6][2]
    assert out[7][:2] == (260.00, -130.00) and "minimum misapplied" in out[7][2]
    # the vehicle E6 leaves out is answered on the job's first row: 520.00 + 18.16 allowed, -18.16 difference
    assert out[10][:2] == (538.16, -18.16) and "vehicle charge differs" in out[10][2]
    assert out[12][:2] == (0.00, 40.52) and "fee not due" in out[12][2]
    assert out[13][:2] == ("", "") and "not priceable" in out[13][2]
    assert out[14][:2] == ("", "") and "not priceable" in out[14][2]
    assert out[16][:2] == (18.16, 0.45) and "arithmetic error" in out[16][2]
