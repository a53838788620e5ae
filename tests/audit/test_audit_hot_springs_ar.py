"""The invoice audit against Hot Springs (AR)'s page, /work/shared/seeds/hot-springs-ar.txt.

From the page: "There is a 3 hour minimum per request" (line 24); Title | Hourly Rate | Total Hourly Rate
(line 25): Regular $30.00 | $35.40 (line 26), Traffic $30.00 | $35.40 (line 27), Supervisor $40.00 | $47.20
(line 28), Holiday $30.00 | $35.40 (line 29), Emergency $30.00 | $35.40 (line 30); the holidays, Independence
Day (July 4) among them, lines 31-46. The vendor pays the total rate, which holds the ODM fee ($5.40 an hour
on $35.40; RULES 12): no separate fee is due. A supervisor is billed only where the customer has one
(no rule for assigning one is published). Every figure below is worked by hand from those lines, each line
rounded to the cent (RULES 3).
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, run

A = "hot-springs-ar"
HEAD = ["Job #", "Date", "Start", "End", "Rank", "Name", "Officers", "Hours", "Rate", "Total", "Type"]

CLEAN = [
    HEAD,
    # S1: Wed 8 Jul 2026 08:00-16:00, a plain weekday: 8 h x $35.40 (line 26) = $283.20
    ["S1", "2026-07-08", "08:00", "16:00", "officer", "Abel", "", "8", "35.40", "283.20", ""],  # row 2
    # S2: Independence Day, Sat 4 Jul 2026 (line 40) 08:00-14:00: 6 h x Holiday $35.40 (line 29) = $212.40
    ["S2", "2026-07-04", "08:00", "14:00", "officer", "Bird", "", "6", "35.40", "212.40", ""],  # row 3
    # S3: Thu 9 Jul 2026 10:00-12:00 (2 h): the 3 h minimum (line 24) x $35.40 = $106.20
    ["S3", "2026-07-09", "10:00", "12:00", "officer", "Cobb", "", "3", "35.40", "106.20", ""],  # row 4
    # S4: Fri 10 Jul 2026 18:00-22:00, 2 officers and the customer's supervisor: 2 x 4 h x $35.40 = $283.20;
    # supervisor 4 h x $47.20 (line 28) = $188.80
    ["S4", "2026-07-10", "18:00", "22:00", "officer", "", "2", "4", "35.40", "283.20", ""],  # row 5
    ["S4", "2026-07-10", "18:00", "22:00", "supervisor", "Dale", "", "4", "47.20", "188.80", ""],  # row 6
    # S5: a traffic job, Mon 13 Jul 2026 08:00-12:00: 4 h x $35.40 (line 27) = $141.60
    ["S5", "2026-07-13", "08:00", "12:00", "officer", "Eads", "", "4", "35.40", "141.60", "traffic"],  # row 7
]
# 283.20 + 212.40 + 106.20 + 283.20 + 188.80 + 141.60 = 1,215.40
CLEAN_TOTAL = "1215.40"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "283.20"), (3, "212.40"), (4, "106.20"), (5, "283.20"), (6, "188.80"), (7, "141.60"),
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 15 Jul 2026 08:00-16:00 ran 8 h, billed 9 h x $35.40 = $318.60.
    # Allowed 8 h x $35.40 (line 26) = $283.20; difference +$35.40
    ["E1", "2026-07-15", "08:00", "16:00", "officer", "Abel", "", "9", "35.40", "318.60", ""],  # row 2
    # E2, another rank's rate: an officer at the supervisor's $47.20 (line 28): 8 h = $377.60.
    # Allowed $283.20; difference +$94.40
    ["E2", "2026-07-16", "08:00", "16:00", "officer", "Bird", "", "8", "47.20", "377.60", ""],  # row 3
    # E3, the officer's share billed as the rate: $30.00 (line 26's "Hourly Rate") x 8 h = $240.00; the vendor
    # pays the Total Hourly Rate $35.40 x 8 = $283.20; difference -$43.20
    ["E3", "2026-07-17", "08:00", "16:00", "officer", "Cobb", "", "8", "30.00", "240.00", ""],  # row 4
    # E4, a 4 h minimum billed where the page gives 3 h (line 24): Mon 20 Jul 10:00-12:00 billed 4 h x $35.40
    # = $141.60. Allowed 3 h x $35.40 = $106.20; difference +$35.40
    ["E4", "2026-07-20", "10:00", "12:00", "officer", "Dale", "", "4", "35.40", "141.60", ""],  # row 5
    # E5, the minimum not billed: Tue 21 Jul 10:00-12:00 billed 2 h x $35.40 = $70.80.
    # Allowed 3 h (line 24) x $35.40 = $106.20; difference -$35.40
    ["E5", "2026-07-21", "10:00", "12:00", "officer", "Eads", "", "2", "35.40", "70.80", ""],  # row 6
    # E6, arithmetic: 8 h x $35.40 is $283.20, billed $238.20. Allowed $283.20; difference -$45.00
    ["E6", "2026-07-22", "08:00", "16:00", "officer", "Fenn", "", "8", "35.40", "238.20", ""],  # row 7
    # E7: Thu 23 Jul 08:00-12:00, 4 h x $35.40 = $141.60 (matches), and the ODM fee billed again on top,
    # 4 h x $5.40 ($35.40 - $30.00, line 26) = $21.60: inside the total rate, not due: allowed $0.00, +$21.60
    ["E7", "2026-07-23", "08:00", "12:00", "officer", "Gage", "", "4", "35.40", "141.60", ""],  # row 8
    ["E7", "2026-07-23", "", "", "Administrative fee", "", "", "4", "5.40", "21.60", ""],  # row 9
    # E8, not priceable: Hot Springs publishes no lieutenant (lines 25-30): billed 4 h x $50.00 = $200.00
    ["E8", "2026-07-24", "08:00", "12:00", "lieutenant", "Hart", "", "4", "50.00", "200.00", ""],  # row 10
    # E9, not priceable: no date, no start
    ["E9", "", "", "", "officer", "Iles", "", "4", "35.40", "141.60", ""],  # row 11
    # E10, hours underbilled: Mon 27 Jul 08:00-16:00 ran 8 h, billed 7 h x $35.40 = $247.80.
    # Allowed $283.20; difference -$35.40
    ["E10", "2026-07-27", "08:00", "16:00", "officer", "Jory", "", "7", "35.40", "247.80", ""],  # row 12
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "283.20", "35.40"),
    (3, "rate", "283.20", "94.40"),
    (4, "rate", "283.20", "-43.20"),
    (5, "minimum", "106.20", "35.40"),
    (6, "minimum", "106.20", "-35.40"),
    (7, "arithmetic", "283.20", "-45.00"),
    (8, "matches", "141.60", "0.00"),
    (9, "fee_not_due", "0.00", "21.60"),
    (10, "unpriceable", None, None),
    (11, "unpriceable", None, None),
    (12, "underbilled", "283.20", "-35.40"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # 283.20 x 5 (rows 2, 3, 4, 7, 12) = 1,416.00; 106.20 x 2 (rows 5, 6) = 212.40; 141.60 (row 8); 0.00 (row 9)
    # = 1,770.00
    assert result.allowed == M("1770.00")
    # 35.40 + 94.40 - 43.20 + 35.40 - 35.40 - 45.00 + 21.60 - 35.40 = 27.80
    assert result.difference == M("27.80")
    assert result.unpriced == M("341.60")  # rows 10-11: 200.00 + 141.60


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (283.20, 35.40) and "Officer (Abel): overbilled hours" in out[2][2]
    assert out[3][:2] == (283.20, 94.40) and "wrong tier or rate" in out[3][2]
    assert out[4][:2] == (283.20, -43.20) and "wrong tier or rate" in out[4][2]
    assert out[5][:2] == (106.20, 35.40) and "minimum misapplied" in out[5][2]
    assert out[6][:2] == (106.20, -35.40) and "minimum misapplied" in out[6][2]
    assert out[7][:2] == (283.20, -45.00) and "arithmetic error" in out[7][2]
    assert out[9][:2] == (0.00, 21.60) and "fee not due" in out[9][2]
    assert out[10][:2] == ("", "") and "not priceable" in out[10][2]
    assert out[11][:2] == ("", "") and "not priceable" in out[11][2]
    assert out[12][:2] == (283.20, -35.40) and "hours underbilled" in out[12][2]


def test_the_pages_own_title_column_names_the_rank():
    table = [["Title" if c == "Rank" else c for c in CLEAN[0]], *CLEAN[1:]]
    check(run(A, table), 6, "matches", "188.80", "0.00")  # supervisor 4 h x $47.20 (line 28)
