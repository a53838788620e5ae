"""The invoice audit against Hartford (CT)'s page, /work/shared/seeds/hartford-ct.txt (agencies/pages/hartford-ct.txt).

From the page: "The minimum assignment time ... is eight hours" (line 8; "minimum 8 hours", line 27).
Weekdays: Police Officer $80.30 an hour, $642.40 for the 8 hours, $120.45 above 8 hours (1.5x; lines 32-36);
Police Sergeant or Lieutenant $111.10, $888.80, $166.65 (line 37). Weekends and holidays (line 55): Police
Officer $120.45, $963.60 for 8 hours, $160.60 above 8 hours (2x; lines 43-52); Sergeant or Lieutenant $166.65,
$1,333.20, $222.20 (line 53). 3-6 officers have 1 sergeant assigned (line 12). Hartford publishes no
administrative fee: an invoice bills none. RULES 16: a job any part of which falls on a weekend or holiday is
priced wholly from the weekend/holiday table. Holidays: Connecticut's state holidays (RULES 5). Every figure
below is worked by hand from those lines, each line rounded to the cent (RULES 3).
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, run

A = "hartford-ct"
HEAD = ["detail", "shift_date", "time_in", "time_out", "rank", "officer_name", "officers", "hrs", "bill_rate", "line_total"]

CLEAN = [
    HEAD,
    # H1: Wed 7 Oct 2026 08:00-16:00, a plain weekday: 8 h x $80.30 = $642.40 (line 36)
    ["H1", "2026-10-07", "08:00", "16:00", "Police Officer", "Chen", "", "8", "80.30", "642.40"],  # row 2
    # H2: Sat 10 Oct 2026 08:00-16:00, a weekend: 8 h x $120.45 = $963.60 (line 52)
    ["H2", "2026-10-10", "08:00", "16:00", "Police Officer", "Walsh", "", "8", "120.45", "963.60"],  # row 3
    # H3: Thu 8 Oct 2026 09:00-13:00 (4 h): the 8 h minimum (lines 8, 27) x $80.30 = $642.40 (line 36)
    ["H3", "2026-10-08", "09:00", "13:00", "Police Officer", "Ortiz", "", "8", "80.30", "642.40"],  # row 4
    # H4: Tue 6 Oct 2026 07:00-17:00 (10 h), 3 officers, so 1 sergeant (line 12). Each position: 8 h at the
    # rate, 2 h above 8 at 1.5x. Sergeant: 8 x $111.10 = $888.80, 2 x $166.65 = $333.30 (line 37);
    # officer: 8 x $80.30 = $642.40, 2 x $120.45 = $240.90 (line 36); two more officers on one row,
    # 2 x ($642.40 + $240.90) = $1,766.60
    ["H4", "2026-10-06", "07:00", "17:00", "Police Sergeant", "Rivera", "", "8", "111.10", "888.80"],  # row 5
    ["H4", "2026-10-06", "07:00", "17:00", "Police Sergeant", "Rivera", "", "2", "166.65", "333.30"],  # row 6
    ["H4", "2026-10-06", "07:00", "17:00", "Police Officer", "Chen", "", "8", "80.30", "642.40"],  # row 7
    ["H4", "2026-10-06", "07:00", "17:00", "Police Officer", "Chen", "", "2", "120.45", "240.90"],  # row 8
    ["H4", "2026-10-06", "07:00", "17:00", "Police Officer", "", "2", "10", "", "1766.60"],  # row 9
    # H5: Christmas Day, Fri 25 Dec 2026, 06:00-16:00 (10 h), a holiday (line 55): 8 x $120.45 = $963.60,
    # 2 h above 8 at 2x: 2 x $160.60 = $321.20 (line 52)
    ["H5", "2026-12-25", "06:00", "16:00", "Police Officer", "Ames", "", "8", "120.45", "963.60"],  # row 10
    ["H5", "2026-12-25", "06:00", "16:00", "Police Officer", "Ames", "", "2", "160.60", "321.20"],  # row 11
    # H6: Fri 9 Oct 2026 20:00 - Sat 10 Oct 04:00: part of the job falls on a Saturday, so all of it is priced
    # from the weekend table (line 55, RULES 16): 8 h x $120.45 = $963.60 (line 52)
    ["H6", "2026-10-09", "20:00", "04:00", "Police Officer", "Bell", "", "8", "120.45", "963.60"],  # row 12
]
# H1 642.40 + H2 963.60 + H3 642.40 + H4 (888.80 + 333.30 + 642.40 + 240.90 + 1,766.60 = 3,872.00)
# + H5 (963.60 + 321.20 = 1,284.80) + H6 963.60 = 8,368.80
CLEAN_TOTAL = "8368.80"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "642.40"), (3, "963.60"), (4, "642.40"),
    (5, "1222.10"),  # Rivera, rows 5-6: 888.80 + 333.30 (line 37)
    (7, "883.30"),  # Chen, rows 7-8: 642.40 + 240.90 (line 36)
    (9, "1766.60"),  # 2 x 883.30
    (10, "1284.80"),  # 963.60 + 321.20 (line 52)
    (12, "963.60"),
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 14 Oct 2026 08:00-16:00 ran 8 h; billed 9 h x $80.30 = $722.70.
    # Allowed 8 h x $80.30 = $642.40 (line 36); difference +$80.30
    ["E1", "2026-10-14", "08:00", "16:00", "Police Officer", "Chen", "", "9", "80.30", "722.70"],  # row 2
    # E2, the weekend rate on a weekday: Thu 15 Oct 2026 billed 8 h x $120.45 = $963.60.
    # Allowed 8 h x $80.30 = $642.40 (line 36); difference +$321.20
    ["E2", "2026-10-15", "08:00", "16:00", "Police Officer", "Walsh", "", "8", "120.45", "963.60"],  # row 3
    # E3, another rank's rate: an officer at the sergeant's $111.10 (line 37): 8 h = $888.80.
    # Allowed $642.40 (line 36); difference +$246.40
    ["E3", "2026-10-13", "08:00", "16:00", "Police Officer", "Dunn", "", "8", "111.10", "888.80"],  # row 4
    # E4, the minimum not billed: Fri 16 Oct 2026 09:00-13:00 (4 h) billed 4 h x $80.30 = $321.20.
    # Allowed the 8 h minimum (line 27) x $80.30 = $642.40; difference -$321.20
    ["E4", "2026-10-16", "09:00", "13:00", "Police Officer", "Ortiz", "", "4", "80.30", "321.20"],  # row 5
    # E5, overtime at the straight rate: Mon 19 Oct 2026 07:00-17:00 (10 h) billed 10 h x $80.30 = $803.00.
    # Allowed 8 x $80.30 + 2 x $120.45 (lines 32-36) = $642.40 + $240.90 = $883.30; difference -$80.30
    ["E5", "2026-10-19", "07:00", "17:00", "Police Officer", "Eddy", "", "10", "80.30", "803.00"],  # row 6
    # E6, arithmetic: 8 h x $80.30 is $642.40, billed $624.40. Allowed $642.40; difference -$18.00
    ["E6", "2026-10-20", "08:00", "16:00", "Police Officer", "Fox", "", "8", "80.30", "624.40"],  # row 7
    # E7: Wed 21 Oct 08:00-16:00, 8 h x $80.30 = $642.40 (matches) and an administrative fee of $25.00:
    # the page publishes no fee (lines 22-55). Not due: allowed $0.00, difference +$25.00
    ["E7", "2026-10-21", "08:00", "16:00", "Police Officer", "Gray", "", "8", "80.30", "642.40"],  # row 8
    ["E7", "2026-10-21", "", "", "Administrative fee", "", "", "", "", "25.00"],  # row 9
    # E8, not priceable: no detective rate is published (lines 36-37): billed 8 h x $80.30 = $642.40
    ["E8", "2026-10-22", "08:00", "16:00", "Detective", "Hale", "", "8", "80.30", "642.40"],  # row 10
    # E9, not priceable: no date and no time in
    ["E9", "", "", "", "Police Officer", "Ives", "", "8", "80.30", "642.40"],  # row 11
    # E10, a minimum billed as overtime: Thu 22 Oct 2026 12:00-16:00 (4 h) billed 8 h and 4 h more at
    # $120.45: the rules allow the 8 h minimum at $80.30 = $642.40 (lines 27, 36); the overtime rows are
    # 4 h over what is allowed: 642.40 + 481.80 = 1,124.20 billed, difference +$481.80
    ["E10", "2026-10-23", "12:00", "16:00", "Police Officer", "Jett", "", "8", "80.30", "642.40"],  # row 12
    ["E10", "2026-10-23", "12:00", "16:00", "Police Officer", "Jett", "", "4", "120.45", "481.80"],  # row 13
    # E11, one job of two shifts, Fri 30 Oct and Sat 31 Oct 2026, 08:00-16:00 each: part of the job falls on a
    # Saturday, so every shift is priced from the weekend table (line 55, RULES 16). Friday billed at the weekday
    # 8 h x $80.30 = $642.40; allowed 8 h x $120.45 (line 52) = $963.60, difference -$321.20. Saturday matches.
    ["E11", "2026-10-30", "08:00", "16:00", "Police Officer", "Kerr", "", "8", "80.30", "642.40"],  # row 14
    ["E11", "2026-10-31", "08:00", "16:00", "Police Officer", "Kerr", "", "8", "120.45", "963.60"],  # row 15
    # E12, a position not due: Wed 28 Oct 2026 08:00-16:00, 3 officers have 1 sergeant (line 12); the invoice
    # bills 2 sergeants. Officers 3 x 8 h x $80.30 = $1,927.20 and one sergeant 8 h x $111.10 = $888.80 (lines
    # 36-37) match; the second sergeant is not due: allowed $0.00, difference +$888.80
    ["E12", "2026-10-28", "08:00", "16:00", "Police Officer", "", "3", "8", "80.30", "1927.20"],  # row 16
    ["E12", "2026-10-28", "08:00", "16:00", "Police Sergeant", "Shaw", "", "8", "111.10", "888.80"],  # row 17
    ["E12", "2026-10-28", "08:00", "16:00", "Police Sergeant", "Tate", "", "8", "111.10", "888.80"],  # row 18
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "642.40", "80.30"),
    (3, "rate", "642.40", "321.20"),
    (4, "rate", "642.40", "246.40"),
    (5, "minimum", "642.40", "-321.20"),
    (6, "rate", "883.30", "-80.30"),
    (7, "arithmetic", "642.40", "-18.00"),
    (8, "matches", "642.40", "0.00"),
    (9, "fee_not_due", "0.00", "25.00"),
    (10, "unpriceable", None, None),
    (11, "unpriceable", None, None),
    (12, "minimum", "642.40", "481.80"),
    (14, "rate", "963.60", "-321.20"),
    (15, "matches", "963.60", "0.00"),
    (16, "matches", "1927.20", "0.00"),
    (17, "matches", "888.80", "0.00"),
    (18, "position", "0.00", "888.80"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # rows 2, 3, 4, 5, 7, 8, 12: 642.40 x 7 = 4,496.80; row 6: 883.30; row 9: 0.00 -> 5,380.10;
    # rows 14-15: 963.60 x 2 = 1,927.20; rows 16-18: 1,927.20 + 888.80 + 0.00 = 2,816.00 -> 10,123.30
    assert result.allowed == M("10123.30")
    # 80.30 + 321.20 + 246.40 - 321.20 - 80.30 - 18.00 + 0.00 + 25.00 + 481.80 = 735.20; - 321.20 + 888.80 = 1,302.80
    assert result.difference == M("1302.80")
    assert result.unpriced == M("1284.80")  # rows 10-11: 642.40 x 2


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (642.40, 80.30) and "Police Officer (Chen): overbilled hours" in out[2][2]
    assert out[3][:2] == (642.40, 321.20) and "wrong tier or rate" in out[3][2]
    assert out[5][:2] == (642.40, -321.20) and "minimum misapplied" in out[5][2]
    assert out[7][:2] == (642.40, -18.00) and "arithmetic error" in out[7][2]
    assert out[9][:2] == (0.00, 25.00) and "fee not due" in out[9][2]
    assert out[10][:2] == ("", "") and "not priceable" in out[10][2]
    assert out[11][:2] == ("", "") and "not priceable" in out[11][2]
    assert out[12][:2] == (642.40, 481.80) and out[13] == ("", "", "")  # answered on the officer's first row
