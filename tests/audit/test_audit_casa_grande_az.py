"""The invoice audit against Casa Grande (AZ)'s page, /work/shared/seeds/casa-grande-az.txt.

From the page: Total Hourly Rate, Standard $66.90, Priority 1 $78.05, Priority 2 $89.20, Priority 3 $100.35,
Priority 4 $111.50 (lines 23-28); "4 Hours Minimum per Request" (line 30), funeral escorts a 2-hour minimum
(line 32); Priority 1 when a request is received less than 48 hours before the start (line 34); Priority 3
on the agency's holidays (line 36), listed on lines 40-51 (Memorial Day, last Monday in May, line 44; Veterans
Day, November 11, line 47); a customer may choose a higher priority (line 54). The rates are totals: no fee
and no vehicle charge is published (RULES 12). Every figure below is worked by hand from those lines, each
line rounded to the cent (RULES 3).
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, run

A = "casa-grande-az"
HEAD = ["job_number", "work_date", "start_time", "end_time", "position", "employee", "hours", "hourly_rate", "amount",
        "detail_type", "requested", "priority"]

CLEAN = [
    HEAD,
    # C1: Wed 8 Jul 2026 08:00-16:00, a plain weekday: 8 h x $66.90 (line 24) = $535.20
    ["C1", "2026-07-08", "08:00", "16:00", "officer", "Avila", "8", "66.90", "535.20", "", "", ""],  # row 2
    # C2: Memorial Day, Mon 25 May 2026 (line 44) 08:00-14:00: 6 h x Priority 3 $100.35 (lines 27, 36) = $602.10
    ["C2", "2026-05-25", "08:00", "14:00", "officer", "Baca", "6", "100.35", "602.10", "", "", ""],  # row 3
    # C3: Thu 9 Jul 2026 10:00-12:00 (2 h): the 4 h minimum (line 30) x $66.90 = $267.60
    ["C3", "2026-07-09", "10:00", "12:00", "officer", "Cano", "4", "66.90", "267.60", "", "", ""],  # row 4
    # C4: a funeral escort, Fri 10 Jul 2026 10:00-11:00 (1 h): its 2 h minimum (line 32) x $66.90 = $133.80
    ["C4", "2026-07-10", "10:00", "11:00", "officer", "Diaz", "2", "66.90", "133.80", "funeral escort", "", ""],  # row 5
    # C5: requested Mon 13 Jul 09:00 for Tue 14 Jul 08:00-12:00, 23 h ahead (line 34):
    # 4 h x Priority 1 $78.05 (line 25) = $312.20
    ["C5", "2026-07-14", "08:00", "12:00", "officer", "Egan", "4", "78.05", "312.20", "", "2026-07-13 09:00", ""],  # row 6
    # C6: the customer chose Priority 2 (line 54), Wed 15 Jul 08:00-12:00: 4 h x $89.20 (line 26) = $356.80
    ["C6", "2026-07-15", "08:00", "12:00", "officer", "Frey", "4", "89.20", "356.80", "", "", "Priority 2"],  # row 7
]
# 535.20 + 602.10 + 267.60 + 133.80 + 312.20 + 356.80 = 2,207.70
CLEAN_TOTAL = "2207.70"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "535.20"), (3, "602.10"), (4, "267.60"), (5, "133.80"), (6, "312.20"), (7, "356.80"),
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 15 Jul 2026 08:00-16:00 ran 8 h, billed 9 h x $66.90 = $602.10.
    # Allowed 8 h x $66.90 (line 24) = $535.20; difference +$66.90
    ["E1", "2026-07-15", "08:00", "16:00", "officer", "Avila", "9", "66.90", "602.10", "", "", ""],  # row 2
    # E2, the holiday rate on a weekday: Thu 16 Jul 2026 is on no list of lines 40-51; billed 8 h x Priority 3
    # $100.35 = $802.80. Allowed $535.20; difference +$267.60
    ["E2", "2026-07-16", "08:00", "16:00", "officer", "Baca", "8", "100.35", "802.80", "", "", ""],  # row 3
    # E3, the regular 4 h minimum billed on a funeral escort: Fri 17 Jul 10:00-11:00 billed 4 h x $66.90 =
    # $267.60. Allowed the escort's 2 h minimum (line 32) x $66.90 = $133.80; difference +$133.80
    ["E3", "2026-07-17", "10:00", "11:00", "officer", "Cano", "4", "66.90", "267.60", "funeral escort", "", ""],  # row 4
    # E4, the escort's 2 h minimum billed on a regular job: Mon 20 Jul 10:00-12:00 billed 2 h x $66.90 =
    # $133.80. Allowed the 4 h minimum (line 30) x $66.90 = $267.60; difference -$133.80
    ["E4", "2026-07-20", "10:00", "12:00", "officer", "Diaz", "2", "66.90", "133.80", "", "", ""],  # row 5
    # E5, arithmetic: 8 h x $66.90 is $535.20, billed $553.20. Allowed $535.20; difference +$18.00
    ["E5", "2026-07-21", "08:00", "16:00", "officer", "Egan", "8", "66.90", "553.20", "", "", ""],  # row 6
    # E6: Wed 22 Jul 08:00-12:00, 4 h x $66.90 = $267.60 (matches), and an ODM administrative fee of $40.00:
    # the rates are totals (line 23, RULES 12). Not due: allowed $0.00, difference +$40.00
    ["E6", "2026-07-22", "08:00", "12:00", "officer", "Frey", "4", "66.90", "267.60", "", "", ""],  # row 7
    ["E6", "2026-07-22", "", "", "ODM admin fee", "", "", "", "40.00", "", "", ""],  # row 8
    # E7, not priceable: Casa Grande publishes no sergeant rate (lines 23-28): billed 4 h x $78.00 = $312.00
    ["E7", "2026-07-23", "08:00", "12:00", "sergeant", "Gil", "4", "78.00", "312.00", "", "", ""],  # row 9
    # E8, not priceable: no date, no start
    ["E8", "", "", "", "officer", "Hays", "4", "66.90", "267.60", "", "", ""],  # row 10
    # E9, hours underbilled: Fri 24 Jul 08:00-16:00 ran 8 h, billed 6 h x $66.90 = $401.40.
    # Allowed $535.20; difference -$133.80
    ["E9", "2026-07-24", "08:00", "16:00", "officer", "Ibar", "6", "66.90", "401.40", "", "", ""],  # row 11
    # E10, the holiday missed: Veterans Day, Wed 11 Nov 2026 (line 47) 08:00-16:00 billed at the standard
    # 8 h x $66.90 = $535.20. Allowed 8 h x Priority 3 $100.35 (lines 27, 36) = $802.80; difference -$267.60
    ["E10", "2026-11-11", "08:00", "16:00", "officer", "Jara", "8", "66.90", "535.20", "", "", ""],  # row 12
    # E11, Priority 1 billed without short notice: requested Wed 1 Jul for Mon 27 Jul 08:00-12:00 (line 34 needs
    # under 48 h): billed 4 h x $78.05 = $312.20, allowed 4 h x $66.90 = $267.60; difference +$44.60
    ["E11", "2026-07-27", "08:00", "12:00", "officer", "Kuhn", "4", "78.05", "312.20", "", "2026-07-01 09:00", ""],  # row 13
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "535.20", "66.90"),
    (3, "rate", "535.20", "267.60"),
    (4, "minimum", "133.80", "133.80"),
    (5, "minimum", "267.60", "-133.80"),
    (6, "arithmetic", "535.20", "18.00"),
    (7, "matches", "267.60", "0.00"),
    (8, "fee_not_due", "0.00", "40.00"),
    (9, "unpriceable", None, None),
    (10, "unpriceable", None, None),
    (11, "underbilled", "535.20", "-133.80"),
    (12, "rate", "802.80", "-267.60"),
    (13, "rate", "267.60", "44.60"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # 535.20 (2) + 535.20 (3) + 133.80 (4) + 267.60 (5) + 535.20 (6) + 267.60 (7) + 0.00 (8) + 535.20 (11)
    # + 802.80 (12) + 267.60 (13) = 3,880.20
    assert result.allowed == M("3880.20")
    # 66.90 + 267.60 + 133.80 - 133.80 + 18.00 + 40.00 - 133.80 - 267.60 + 44.60 = 35.70
    assert result.difference == M("35.70")
    assert result.unpriced == M("579.60")  # rows 9-10: 312.00 + 267.60


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (535.20, 66.90) and "Officer (Avila): overbilled hours" in out[2][2]
    assert out[3][:2] == (535.20, 267.60) and "wrong tier or rate" in out[3][2]
    assert out[4][:2] == (133.80, 133.80) and "minimum misapplied" in out[4][2]
    assert out[5][:2] == (267.60, -133.80) and "minimum misapplied" in out[5][2]
    assert out[6][:2] == (535.20, 18.00) and "arithmetic error" in out[6][2]
    assert out[8][:2] == (0.00, 40.00) and "fee not due" in out[8][2]
    assert out[9][:2] == ("", "") and "not priceable" in out[9][2]
    assert out[10][:2] == ("", "") and "not priceable" in out[10][2]
    assert out[11][:2] == (535.20, -133.80) and "hours underbilled" in out[11][2]
    assert out[12][:2] == (802.80, -267.60) and "wrong tier or rate" in out[12][2]
