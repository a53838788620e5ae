"""The invoice audit against Peel Regional Police (ON)'s page, /work/shared/seeds-extra2/peel-on.txt.

From the page: Constables $71.00, Sergeants $80.00 an hour (line 38); "billed on an hourly basis (or any part
thereof)" (line 37); "paid for a minimum of three hours" (line 40; line 27); "Sergeants will be assigned when
five or more paid duty officers are required" (line 39; read as one sergeant added to the constables); "an
administration fee of 15%, Employers Health Tax of 1.95% and ... (W.S.I.B.) fee of 0.39%" on the hourly
rate (line 41); "These fees are all subject to HST at 13%" (line 42); a police vehicle $36.00 an hour plus
HST, "$40.68 per hour including H.S.T." (line 43), with no fees on it. No weekend or holiday rate is
published. The fees are billed separately, compounded as the project reads line 41 (the dearer reading,
RULES 2), each rounded to the cent as invoiced (RULES 3), on the job's labour L:
  admin = 15% of L; EHT = 1.95% of (L + admin); WSIB = 0.39% of (L + admin + EHT); HST = 13% of the three.
Worked by hand for the labour figures used below:
  L = 213.00: admin 31.95; EHT 1.95% x 244.95 = 4.776525 -> 4.78; WSIB 0.39% x 249.73 = 0.973947 -> 0.97;
              HST 13% x 37.70 = 4.901 -> 4.90                                    (job 255.60)
  L = 568.00: admin 85.20; EHT 1.95% x 653.20 = 12.7374 -> 12.74; WSIB 0.39% x 665.94 = 2.597166 -> 2.60;
              HST 13% x 100.54 = 13.0702 -> 13.07                                (job 681.61)
  L = 284.00: admin 42.60; EHT 1.95% x 326.60 = 6.3687 -> 6.37; WSIB 0.39% x 332.97 = 1.298583 -> 1.30;
              HST 13% x 50.27 = 6.5351 -> 6.54                                   (job 340.81)
  L = 1,740.00: admin 261.00; EHT 1.95% x 2,001.00 = 39.0195 -> 39.02; WSIB 0.39% x 2,040.02 = 7.956078 -> 7.96;
              HST 13% x 307.98 = 40.0374 -> 40.04                                (job 2,088.02)
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, missing, run

A = "peel-on"
HEAD = ["job", "date", "start", "end", "item", "officer", "positions", "quantity", "unit_price", "extension", "vehicles"]
FEES = {  # labour -> (admin, EHT, WSIB, HST), worked above
    "213.00": ("31.95", "4.78", "0.97", "4.90"),
    "568.00": ("85.20", "12.74", "2.60", "13.07"),
    "284.00": ("42.60", "6.37", "1.30", "6.54"),
    "1740.00": ("261.00", "39.02", "7.96", "40.04"),
}
NAMES = ("Administration fee", "EHT", "WSIB", "HST")


def fees(job, date, labour, leave_out=()):
    """The job's four fee rows, each as worked above for its labour."""
    return [[job, date, "", "", name, "", "", "", "", amount, ""]
            for name, amount in zip(NAMES, FEES[labour]) if name not in leave_out]


CLEAN = [
    HEAD,
    # P1: Wed 18 Nov 2026 10:00-13:00: 3 h x $71.00 (line 38) = $213.00, and its fees (L = 213.00)
    ["P1", "2026-11-18", "10:00", "13:00", "Constable", "Ames", "", "3", "71.00", "213.00", ""],  # row 2
    *fees("P1", "2026-11-18", "213.00"),  # rows 3-6
    # P2: Sat 21 Nov 2026 08:00-16:00, a weekend at the one published rate: 8 h x $71.00 = $568.00 (L = 568.00);
    # the constable's vehicle 8 h x $40.68 (line 43) = $325.44, no fees on it
    ["P2", "2026-11-21", "08:00", "16:00", "Constable", "Bell", "", "8", "71.00", "568.00", "1"],  # row 7
    ["P2", "2026-11-21", "08:00", "16:00", "vehicle", "", "", "8", "40.68", "325.44", ""],  # row 8
    *fees("P2", "2026-11-21", "568.00"),  # rows 9-12
    # P3: Thu 19 Nov 2026 10:00-11:00 (1 h): the 3 h minimum (line 40) x $71.00 = $213.00 (L = 213.00)
    ["P3", "2026-11-19", "10:00", "11:00", "Constable", "Cole", "", "3", "71.00", "213.00", ""],  # row 13
    *fees("P3", "2026-11-19", "213.00"),  # rows 14-17
    # P4: Fri 20 Nov 2026 10:00-13:10: "or any part thereof" (line 37), 4 h x $71.00 = $284.00 (L = 284.00)
    ["P4", "2026-11-20", "10:00", "13:10", "Constable", "Dunn", "", "4", "71.00", "284.00", ""],  # row 18
    *fees("P4", "2026-11-20", "284.00"),  # rows 19-22
    # P5: Mon 23 Nov 2026 18:00-22:00, five constables and the sergeant line 39 assigns: 5 x 4 h x $71.00 =
    # $1,420.00; sergeant 4 h x $80.00 (line 38) = $320.00; L = 1,740.00
    ["P5", "2026-11-23", "18:00", "22:00", "Constable", "", "5", "4", "71.00", "1420.00", ""],  # row 23
    ["P5", "2026-11-23", "18:00", "22:00", "Sergeant", "Eddy", "", "4", "80.00", "320.00", ""],  # row 24
    *fees("P5", "2026-11-23", "1740.00"),  # rows 25-28
]
# P1 255.60 + P2 (681.61 + 325.44 = 1,007.05) + P3 255.60 + P4 340.81 + P5 2,088.02 = 3,947.08
CLEAN_TOTAL = "3947.08"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "213.00"), (3, "31.95"), (4, "4.78"), (5, "0.97"), (6, "4.90"),
    (7, "568.00"), (8, "325.44"), (9, "85.20"), (10, "12.74"), (11, "2.60"), (12, "13.07"),
    (13, "213.00"),
    (18, "284.00"), (19, "42.60"), (20, "6.37"), (21, "1.30"), (22, "6.54"),
    (23, "1420.00"), (24, "320.00"), (25, "261.00"), (26, "39.02"), (27, "7.96"), (28, "40.04"),
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 25 Nov 2026 10:00-13:00 ran 3 h, billed 4 h x $71.00 = $284.00.
    # Allowed 3 h x $71.00 = $213.00; difference +$71.00. Fees billed on $213.00 match.
    ["E1", "2026-11-25", "10:00", "13:00", "Constable", "Ames", "", "4", "71.00", "284.00", ""],  # row 2
    *fees("E1", "2026-11-25", "213.00"),  # rows 3-6
    # E2, the sergeant's rate for a constable: 3 h x $80.00 (line 38) = $240.00; allowed $213.00; +$27.00
    ["E2", "2026-11-26", "10:00", "13:00", "Constable", "Bell", "", "3", "80.00", "240.00", ""],  # row 7
    *fees("E2", "2026-11-26", "213.00"),  # rows 8-11
    # E3, the minimum not billed: Fri 27 Nov 10:00-11:00 (1 h) billed 1 h x $71.00 = $71.00; allowed the 3 h
    # minimum (line 40) x $71.00 = $213.00; difference -$142.00. Fees on $213.00 match.
    ["E3", "2026-11-27", "10:00", "11:00", "Constable", "Cole", "", "1", "71.00", "71.00", ""],  # row 12
    *fees("E3", "2026-11-27", "213.00"),  # rows 13-16
    # E4, a 4 h minimum where the page gives 3 h: Mon 30 Nov 10:00-11:00 billed 4 h x $71.00 = $284.00;
    # allowed 3 h x $71.00 = $213.00; +$71.00
    ["E4", "2026-11-30", "10:00", "11:00", "Constable", "Dunn", "", "4", "71.00", "284.00", ""],  # row 17
    *fees("E4", "2026-11-30", "213.00"),  # rows 18-21
    # E5, arithmetic: 3 h x $71.00 is $213.00, billed $231.00; +$18.00
    ["E5", "2026-12-01", "10:00", "13:00", "Constable", "Eddy", "", "3", "71.00", "231.00", ""],  # row 22
    *fees("E5", "2026-12-01", "213.00"),  # rows 23-26
    # E6, fee missing: Wed 2 Dec 10:00-13:00, $213.00 with EHT, WSIB and HST billed, the administration fee
    # 15% x $213.00 = $31.95 (line 41) left off: -$31.95
    ["E6", "2026-12-02", "10:00", "13:00", "Constable", "Fox", "", "3", "71.00", "213.00", ""],  # row 27
    *fees("E6", "2026-12-02", "213.00", leave_out=("Administration fee",)),  # rows 28-30
    # E7, fee amount: Thu 3 Dec 10:00-13:00, $213.00; HST charged on the hourly charge too: 13% x (213.00 +
    # 37.70) = 32.591 -> $32.59; line 42 puts HST on the fees only: 13% x 37.70 = $4.90; +$27.69
    ["E7", "2026-12-03", "10:00", "13:00", "Constable", "Gray", "", "3", "71.00", "213.00", ""],  # row 31
    *fees("E7", "2026-12-03", "213.00", leave_out=("HST",)),  # rows 32-34
    ["E7", "2026-12-03", "", "", "HST", "", "", "", "", "32.59", ""],  # row 35
    # E8, fee not due: Fri 4 Dec 10:00-13:00, $213.00 and its four fees (all match), and a $100.00 booking fee
    # the page does not publish (lines 37-44): not due, +$100.00
    ["E8", "2026-12-04", "10:00", "13:00", "Constable", "Hale", "", "3", "71.00", "213.00", ""],  # row 36
    *fees("E8", "2026-12-04", "213.00"),  # rows 37-40
    ["E8", "2026-12-04", "", "", "Booking fee", "", "", "", "", "100.00", ""],  # row 41
    # E9, not priceable: no "Special Constable" rate is published (line 38); billed $195.00
    ["E9", "2026-12-07", "10:00", "13:00", "Special Constable", "Ives", "", "3", "65.00", "195.00", ""],  # row 42
    # E10, not priceable: no date, no start
    ["E10", "", "", "", "Constable", "Jett", "", "3", "71.00", "213.00", ""],  # row 43
    # E11, vehicle without its HST: Tue 8 Dec 10:00-13:00, $213.00 and fees match; the vehicle billed
    # 3 h x $36.00 = $108.00; allowed 3 h x $40.68 (line 43) = $122.04; -$14.04
    ["E11", "2026-12-08", "10:00", "13:00", "Constable", "Kerr", "", "3", "71.00", "213.00", "1"],  # row 44
    ["E11", "2026-12-08", "10:00", "13:00", "vehicle", "", "", "3", "36.00", "108.00", ""],  # row 45
    *fees("E11", "2026-12-08", "213.00"),  # rows 46-49
    # E12, hours underbilled: Wed 9 Dec 08:00-16:00 ran 8 h, billed 7 h x $71.00 = $497.00; allowed 8 h x
    # $71.00 = $568.00; -$71.00. Fees billed on $568.00 match.
    ["E12", "2026-12-09", "08:00", "16:00", "Constable", "Lamb", "", "7", "71.00", "497.00", ""],  # row 50
    *fees("E12", "2026-12-09", "568.00"),  # rows 51-54
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "213.00", "71.00"), (3, "matches", "31.95", "0.00"), (6, "matches", "4.90", "0.00"),
    (7, "rate", "213.00", "27.00"),
    (12, "minimum", "213.00", "-142.00"),
    (17, "minimum", "213.00", "71.00"),
    (22, "arithmetic", "213.00", "18.00"),
    (27, "matches", "213.00", "0.00"), (28, "matches", "4.78", "0.00"),
    (35, "fee", "4.90", "27.69"),
    (36, "matches", "213.00", "0.00"), (41, "fee_not_due", "0.00", "100.00"),
    (42, "unpriceable", None, None),
    (43, "unpriceable", None, None),
    (44, "matches", "213.00", "0.00"), (45, "vehicle", "122.04", "-14.04"),
    (50, "underbilled", "568.00", "-71.00"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


def test_the_administration_fee_left_off():
    (f,) = missing(run(A, ERRORS), "E6")
    # line 41: 15% x $213.00 = $31.95, not billed
    assert (f.verdict, f.billed, f.allowed, f.difference) == ("fee_missing", M("0.00"), M("31.95"), M("-31.95"))


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # the nine jobs on $213.00 (E1-E8, E11): 9 x 255.60 = 2,300.40;
    # E11's vehicle 122.04; E12 681.61; E8's booking fee 0.00: 3,104.05
    assert result.allowed == M("3104.05")
    # 71.00 + 27.00 - 142.00 + 71.00 + 18.00 - 31.95 + 27.69 + 100.00 - 14.04 - 71.00 = 55.70
    assert result.difference == M("55.70")
    assert result.unpriced == M("408.00")  # rows 42-43: 195.00 + 213.00


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (213.00, 71.00) and "Constable (Ames): overbilled hours" in out[2][2]
    assert out[3][:2] == (31.95, 0.00) and out[3][2].startswith("Administration fee") and "matches" in out[3][2]
    assert out[7][:2] == (213.00, 27.00) and "wrong tier or rate" in out[7][2]
    assert out[12][:2] == (213.00, -142.00) and "minimum misapplied" in out[12][2]
    assert out[22][:2] == (213.00, 18.00) and "arithmetic error" in out[22][2]
    # the administration fee E6 leaves out is answered on the job's first row: 213.00 + 31.95, -31.95
    assert out[27][:2] == (244.95, -31.95) and "fee missing" in out[27][2]
    assert out[35][:2] == (4.90, 27.69) and "fee amount differs" in out[35][2]
    assert out[41][:2] == (0.00, 100.00) and "fee not due" in out[41][2]
    assert out[42][:2] == ("", "") and "not priceable" in out[42][2]
    assert out[43][:2] == ("", "") and "not priceable" in out[43][2]
    assert out[45][:2] == (122.04, -14.04) and "vehicle charge differs" in out[45][2]
    assert out[50][:2] == (568.00, -71.00) and "hours underbilled" in out[50][2]
