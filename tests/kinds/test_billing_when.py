"""Minimums and billing by a condition on the job (billing-when.toml), each total worked by hand from the file.

Officer 60.00, overtime 90.00 past 8 hours. Usually a 3-hour minimum, then half hours; on a public roadway
4 hours, 8 once over 4, then whole hours; for a city department a 2-hour minimum. The first that holds applies.
Wed 8 Jul 2026, one officer, from 08:00.
"""

from decimal import Decimal as M

import pytest

from conftest import D, agency
from detailquote.cancellation import cancellation_charge
from detailquote.engine import Request, Shift, quote
from detailquote.explain import explain


def job(end: str, **options) -> Request:
    return Request((Shift(D("2026-07-08T08:00"), D(f"2026-07-08T{end}"), 1),), **options)


@pytest.mark.parametrize(("end", "options", "expected"), [
    ("10:00", {}, "180.00"),                                        # 2 h: the 3-hour minimum
    ("11:10", {}, "210.00"),                                        # 3 h 10 min: 3.5 h in half hours
    ("10:00", {"facts": "roadway=yes"}, "240.00"),                  # the 4-hour block
    ("12:30", {"facts": "roadway=yes"}, "480.00"),                  # over 4: 8 hours
    ("16:20", {"facts": "roadway=yes"}, "570.00"),                  # 8 h 20: 9 hours, the 9th overtime: 480 + 90
    ("16:20", {}, "525.00"),                                        # 8 h 20: 8.5 h, 480 + 0.5 x 90
    ("09:30", {"customer": "city"}, "120.00"),                      # 1.5 h: the city's 2-hour minimum
    ("10:10", {"customer": "city"}, "150.00"),                      # 2 h 10: then the agency's half hours, 2.5 h
    ("09:30", {"customer": "city", "facts": "roadway=yes"}, "240.00"),  # both hold: the first in the file, roadway
    ("10:00", {"facts": "roadway=no"}, "180.00"),
])
def test_billing_by_condition(end, options, expected):
    assert quote(agency("billing-when"), job(end, **options)).total == M(expected)


def test_a_cancellation_charges_the_minimum_the_condition_sets():
    # No cancellation policy: a shift that ended before the cancellation is billed as quoted, with its own minimum.
    q = job("10:00", facts="roadway=yes", requested_at=D("2026-07-01T09:00"))
    assert cancellation_charge(agency("billing-when"), q, D("2026-07-08T11:00")).charge == M("240.00")


def test_in_words():
    words = explain(agency("billing-when"))
    assert "For a job with roadway: a minimum of 4 hours per position per shift and hours billed in blocks of " \
           "4, 8 hours and then in steps of 1 hour past the last block." in words
    assert "For a city customer: a minimum of 2 hours per position per shift." in words
