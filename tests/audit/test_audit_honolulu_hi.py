"""The invoice audit against Honolulu (HI)'s page, /work/shared/seeds-extra2/honolulu-hi.txt.

From the page: Police Officer Regular $50.00, Premium $75.00 (lines 7-8, 88); Police Sergeant $54.00 / $79.00
(line 10); the Premium Rate for any request submitted less than 48 hours before the job (line 16); Subsidized
Vehicle $10.00 (line 21; the unit is not stated: read, as the project does, as $10.00 for each billed hour of
the officer who brings it, the dearer reading, RULES 2); Administrative Fee $14.00 for the 1st officer hired
and $2.00 for each additional officer per job (lines 24-25, 81); Insurance Fee $5.00 per officer (lines 26,
81); events with alcohol add $10 per hour per officer (line 95). No weekend or holiday rate and no minimum
hours for a worked shift are published: the only 2-hour minimum is for cancellations (lines 40, 67, 84).
The fees are billed separately. Every figure below is worked by hand from those lines.
"""

from __future__ import annotations

import pytest

from audit_helpers import M, assert_clean, check, excel, missing, run

A = "honolulu-hi"
HEAD = ["job", "date", "start", "end", "description", "officer", "positions", "hours", "rate", "amount", "vehicles",
        "requested", "facts"]


def fees(job, date, officers=1):
    """The job's two fee rows as billed: $14.00 + $2.00 for each officer after the first (lines 24-25), and
    $5.00 per officer (line 26)."""
    admin = M("14.00") + 2 * (officers - 1)
    return [[job, date, "", "", "Administrative Fee", "", "", "", "", f"{admin:.2f}", "", "", ""],
            [job, date, "", "", "Insurance Fee", "", "", "", "", f"{5 * officers:.2f}", "", "", ""]]


CLEAN = [
    HEAD,
    # N1: Wed 8 Jul 2026 08:00-16:00, two officers: 8 h x $50.00 (line 8) = $400.00 each; admin $14.00 + $2.00
    # (lines 24-25) = $16.00; insurance 2 x $5.00 (line 26) = $10.00
    ["N1", "2026-07-08", "08:00", "16:00", "Police Officer", "Abe", "", "8", "50.00", "400.00", "", "", ""],  # row 2
    ["N1", "2026-07-08", "08:00", "16:00", "Police Officer", "Bo", "", "8", "50.00", "400.00", "", "", ""],  # row 3
    *fees("N1", "2026-07-08", 2),  # rows 4-5
    # N2: Sat 11 Jul 2026 08:00-12:00, a weekend at the Regular Rate (no weekend rate is published):
    # 4 h x $50.00 = $200.00; admin $14.00; insurance $5.00
    ["N2", "2026-07-11", "08:00", "12:00", "Police Officer", "Cy", "", "4", "50.00", "200.00", "", "", ""],  # row 6
    *fees("N2", "2026-07-11"),  # rows 7-8
    # N3: Mon 13 Jul 2026 10:00-11:00, 1 h: no minimum applies to a worked shift (the 2 h of line 40 is for
    # cancellations): 1 h x $50.00 = $50.00; admin $14.00; insurance $5.00
    ["N3", "2026-07-13", "10:00", "11:00", "Police Officer", "Di", "", "1", "50.00", "50.00", "", "", ""],  # row 9
    *fees("N3", "2026-07-13"),  # rows 10-11
    # N4: requested Mon 13 Jul 09:00 for Tue 14 Jul 08:00-12:00, 23 h ahead: Premium (line 16), 4 h x $75.00
    # = $300.00; the officer's subsidized vehicle 4 h x $10.00 (line 21) = $40.00; admin $14.00; insurance $5.00
    ["N4", "2026-07-14", "08:00", "12:00", "Police Officer", "Ed", "", "4", "75.00", "300.00", "1", "2026-07-13 09:00", ""],  # row 12
    ["N4", "2026-07-14", "08:00", "12:00", "vehicle", "", "", "4", "10.00", "40.00", "", "", ""],  # row 13
    *fees("N4", "2026-07-14"),  # rows 14-15
    # N5: Wed 15 Jul 2026 18:00-22:00, three officers on one row: 3 x 4 h x $50.00 = $600.00; admin $14.00 +
    # 2 x $2.00 = $18.00; insurance 3 x $5.00 = $15.00
    ["N5", "2026-07-15", "18:00", "22:00", "Police Officer", "", "3", "4", "50.00", "600.00", "", "", ""],  # row 16
    *fees("N5", "2026-07-15", 3),  # rows 17-18
]
# N1 400 + 400 + 16 + 10 = 826.00; N2 200 + 14 + 5 = 219.00; N3 50 + 14 + 5 = 69.00;
# N4 300 + 40 + 14 + 5 = 359.00; N5 600 + 18 + 15 = 633.00: 2,106.00
CLEAN_TOTAL = "2106.00"


def test_clean_invoice_audits_clean():
    assert_clean(run(A, CLEAN), CLEAN_TOTAL)


@pytest.mark.parametrize("row, allowed", [
    (2, "400.00"), (3, "400.00"), (4, "16.00"), (5, "10.00"),
    (6, "200.00"), (7, "14.00"), (8, "5.00"),
    (9, "50.00"), (10, "14.00"), (11, "5.00"),
    (12, "300.00"), (13, "40.00"), (14, "14.00"), (15, "5.00"),
    (16, "600.00"), (17, "18.00"), (18, "15.00"),
])
def test_clean_invoice_each_charge(row, allowed):
    check(run(A, CLEAN), row, "matches", allowed, "0.00")


ERRORS = [
    HEAD,
    # E1, overbilled hours: Wed 22 Jul 2026 08:00-16:00 ran 8 h, billed 9 h x $50.00 = $450.00.
    # Allowed 8 h x $50.00 (line 8) = $400.00; difference +$50.00. Fees $14.00 and $5.00 match.
    ["E1", "2026-07-22", "08:00", "16:00", "Police Officer", "Abe", "", "9", "50.00", "450.00", "", "", ""],  # row 2
    *fees("E1", "2026-07-22"),  # rows 3-4
    # E2, the Premium Rate without short notice: requested Wed 1 Jul for Thu 23 Jul (line 16 needs under 48 h):
    # billed 8 h x $75.00 = $600.00; allowed 8 h x $50.00 = $400.00; difference +$200.00
    ["E2", "2026-07-23", "08:00", "16:00", "Police Officer", "Bo", "", "8", "75.00", "600.00", "", "2026-07-01 09:00", ""],  # row 5
    *fees("E2", "2026-07-23"),  # rows 6-7
    # E3, the sergeant's rate for an officer: 8 h x $54.00 (line 10) = $432.00; allowed $400.00 (line 8); +$32.00
    ["E3", "2026-07-24", "08:00", "16:00", "Police Officer", "Cy", "", "8", "54.00", "432.00", "", "", ""],  # row 8
    *fees("E3", "2026-07-24"),  # rows 9-10
    # E4, a minimum where the page gives none for a worked shift: Mon 27 Jul 10:00-11:00 (1 h) billed the
    # cancellation's 2 h minimum (line 40) x $50.00 = $100.00; allowed 1 h x $50.00 = $50.00; +$50.00
    ["E4", "2026-07-27", "10:00", "11:00", "Police Officer", "Di", "", "2", "50.00", "100.00", "", "", ""],  # row 11
    *fees("E4", "2026-07-27"),  # rows 12-13
    # E5, arithmetic: 8 h x $50.00 is $400.00, billed $405.00; allowed $400.00, difference +$5.00
    ["E5", "2026-07-28", "08:00", "16:00", "Police Officer", "Ed", "", "8", "50.00", "405.00", "", "", ""],  # row 14
    *fees("E5", "2026-07-28"),  # rows 15-16
    # E6, fee missing: Wed 29 Jul 08:00-12:00, 4 h x $50.00 = $200.00 and the insurance $5.00 (both match);
    # the administrative fee $14.00 (line 24) is not billed: difference -$14.00
    ["E6", "2026-07-29", "08:00", "12:00", "Police Officer", "Fa", "", "4", "50.00", "200.00", "", "", ""],  # row 17
    fees("E6", "2026-07-29")[1],  # row 18
    # E7, fee amount: Thu 30 Jul 08:00-12:00, 3 officers, 3 x 4 h x $50.00 = $600.00 (matches); the admin fee
    # billed $14.00 for each officer, $42.00; allowed $14.00 + 2 x $2.00 (lines 24-25) = $18.00, +$24.00;
    # insurance 3 x $5.00 = $15.00 matches
    ["E7", "2026-07-30", "08:00", "12:00", "Police Officer", "", "3", "4", "50.00", "600.00", "", "", ""],  # row 19
    ["E7", "2026-07-30", "", "", "Administrative Fee", "", "", "", "", "42.00", "", "", ""],  # row 20
    fees("E7", "2026-07-30", 3)[1],  # row 21
    # E8, unknown rank: no "Reserve Officer" is published (lines 7-14): not priceable, billed $200.00
    ["E8", "2026-07-31", "08:00", "12:00", "Reserve Officer", "Gi", "", "4", "50.00", "200.00", "", "", ""],  # row 22
    # E9, not priceable: no date, no start
    ["E9", "", "", "", "Police Officer", "Ho", "", "4", "50.00", "200.00", "", "", ""],  # row 23
    # E10, vehicle: Mon 3 Aug 08:00-12:00, 4 h x $50.00 = $200.00 (matches); the vehicle billed $10.00 once;
    # allowed 4 h x $10.00 (line 21, read per hour) = $40.00, difference -$30.00. Fees match.
    ["E10", "2026-08-03", "08:00", "12:00", "Police Officer", "Io", "", "4", "50.00", "200.00", "1", "", ""],  # row 24
    ["E10", "2026-08-03", "08:00", "12:00", "vehicle", "", "", "", "", "10.00", "", "", ""],  # row 25
    *fees("E10", "2026-08-03"),  # rows 26-27
    # E11, hours underbilled: Tue 4 Aug 08:00-16:00 ran 8 h, billed 7 h x $50.00 = $350.00; allowed $400.00,
    # difference -$50.00
    ["E11", "2026-08-04", "08:00", "16:00", "Police Officer", "Ju", "", "7", "50.00", "350.00", "", "", ""],  # row 28
    *fees("E11", "2026-08-04"),  # rows 29-30
]


@pytest.mark.parametrize("row, verdict, allowed, difference", [
    (2, "hours", "400.00", "50.00"), (3, "matches", "14.00", "0.00"), (4, "matches", "5.00", "0.00"),
    (5, "rate", "400.00", "200.00"),
    (8, "rate", "400.00", "32.00"),
    # Row 11 bills 2 h of a 1-hour shift: Honolulu sets no minimum for a shift worked (line 40's 2 hours are a
    # cancellation's charge), so the hour billed past the shift is overbilled.
    (11, "hours", "50.00", "50.00"),
    (14, "arithmetic", "400.00", "5.00"),
    (17, "matches", "200.00", "0.00"),
    (18, "matches", "5.00", "0.00"),
    (19, "matches", "600.00", "0.00"), (20, "fee", "18.00", "24.00"), (21, "matches", "15.00", "0.00"),
    (22, "unpriceable", None, None),
    (23, "unpriceable", None, None),
    (24, "matches", "200.00", "0.00"), (25, "vehicle", "40.00", "-30.00"),
    (28, "underbilled", "400.00", "-50.00"),
])
def test_invoice_with_errors(row, verdict, allowed, difference):
    check(run(A, ERRORS), row, verdict, allowed, difference)


def test_the_admin_fee_left_off():
    (f,) = missing(run(A, ERRORS), "E6")
    # line 24: $14.00 for the 1st officer hired, not billed
    assert (f.verdict, f.billed, f.allowed, f.difference) == ("fee_missing", M("0.00"), M("14.00"), M("-14.00"))


def test_invoice_with_errors_totals():
    result = run(A, ERRORS)
    assert result.differs
    # labour: 400 (2) + 400 (5) + 400 (8) + 50 (11) + 400 (14) + 200 (17) + 600 (19) + 200 (24) + 400 (28) = 3,050.00; vehicle 40.00 (25); fees: E1-E5, E10,
    # E11 7 x (14 + 5) = 133.00, E6 14 + 5 = 19.00, E7 18 + 15 = 33.00: 185.00. Allowed 3,275.00
    assert result.allowed == M("3275.00")
    # 50 + 200 + 32 + 50 + 5 - 14 + 24 - 30 - 50 = 267.00
    assert result.difference == M("267.00")
    assert result.unpriced == M("400.00")  # rows 22-23: 200 + 200


def test_detail_audit_in_excel():
    out = excel(A, ERRORS)
    assert out[2][:2] == (400.00, 50.00) and "Police Officer (Abe): overbilled hours" in out[2][2]
    assert out[3][:2] == (14.00, 0.00) and out[3][2].startswith("Administrative fee") and "matches" in out[3][2]
    assert out[5][:2] == (400.00, 200.00) and "wrong tier or rate" in out[5][2]
    assert out[14][:2] == (400.00, 5.00) and "arithmetic error" in out[14][2]
    assert out[20][:2] == (18.00, 24.00) and "fee amount differs" in out[20][2]
    assert out[22][:2] == ("", "") and "not priceable" in out[22][2]
    assert out[23][:2] == ("", "") and "not priceable" in out[23][2]
    assert out[25][:2] == (40.00, -30.00) and "vehicle charge differs" in out[25][2]
    assert out[28][:2] == (400.00, -50.00) and "hours underbilled" in out[28][2]


def test_detail_audit_in_excel_the_admin_fee_left_off():
    out = excel(A, ERRORS)
    # the admin fee E6 leaves out is answered on the job's first row: 200.00 + 14.00 allowed, -14.00 difference
    assert out[17][:2] == (214.00, -14.00) and "fee missing" in out[17][2]
    assert out[18][:2] == (5.00, 0.00)  # the insurance fee, line 26


def test_the_admin_fee_left_off_with_the_insurance_fee_named_by_its_label():
    table = [r if r[4] != "Insurance Fee" else [*r[:4], "Insurance (workers' compensation) fee", *r[5:]] for r in ERRORS]
    result = run(A, table)
    check(result, 18, "matches", "5.00", "0.00")  # line 26
    (f,) = missing(result, "E6")
    # line 24: $14.00 for the 1st officer hired, not billed
    assert (f.verdict, f.billed, f.allowed, f.difference) == ("fee_missing", M("0.00"), M("14.00"), M("-14.00"))


# Fees not due, and the alcohol add-on: small invoices of their own.
NOT_DUE = [
    HEAD,
    # Fri 7 Aug 2026 08:00-12:00: 4 h x $50.00 = $200.00, admin $14.00, insurance $5.00 (the page's own words,
    # "Insurance Fee", line 26), all as the page gives; and a "late request fee" of $25.00 the page does not
    # publish (late requests may pay the Premium Rate, line 71, not a fee): not due, +$25.00
    ["F1", "2026-08-07", "08:00", "12:00", "Police Officer", "Ka", "", "4", "50.00", "200.00", "", "", ""],  # row 2
    *fees("F1", "2026-08-07"),  # rows 3-4
    ["F1", "2026-08-07", "", "", "Late request fee", "", "", "", "", "25.00", "", "", ""],  # row 5
]


def test_a_fee_not_due_beside_the_insurance_fee():
    result = run(A, NOT_DUE)
    check(result, 4, "matches", "5.00", "0.00")  # line 26
    check(result, 5, "fee_not_due", "0.00", "25.00")


def test_a_fee_not_due_beside_the_fees_named_by_their_labels():
    table = [r if r[4] != "Insurance Fee" else [*r[:4], "Insurance (workers' compensation) fee", *r[5:]] for r in NOT_DUE]
    result = run(A, table)
    check(result, 2, "matches", "200.00", "0.00")  # 4 h x $50.00 (line 8)
    check(result, 3, "matches", "14.00", "0.00")  # line 24
    check(result, 4, "matches", "5.00", "0.00")  # line 26
    check(result, 5, "fee_not_due", "0.00", "25.00")  # no such fee on the page


ALCOHOL = [
    HEAD,
    # Fri 17 Jul 2026 18:00-22:00, an event with alcohol: $50.00 + $10 per hour (lines 8, 95) = $60.00 an hour,
    # 4 h = $240.00; admin $14.00; insurance $5.00. Billed exactly so.
    ["A1", "2026-07-17", "18:00", "22:00", "Police Officer", "Lu", "", "4", "60.00", "240.00", "", "", "alcohol=yes"],  # row 2
    *fees("A1", "2026-07-17"),  # rows 3-4
]


def test_the_alcohol_add_on_in_the_rate():
    check(run(A, ALCOHOL), 2, "matches", "240.00", "0.00")


def test_the_alcohol_add_on_figures():
    result = run(A, ALCOHOL)
    f = result.findings[0]
    assert (f.rows, f.allowed, f.difference) == ((2,), M("240.00"), M("0.00"))  # 4 h x ($50.00 + $10.00)
    check(result, 3, "matches", "14.00", "0.00")
    check(result, 4, "matches", "5.00", "0.00")
