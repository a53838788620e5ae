"""Helpers for the invoice-audit tests of tests/audit: run an in-test invoice table through both faces.

An invoice is a table as `udfs.DETAIL_AUDIT(agency, lines)` takes it: a header row, then one billed line a
row, so the table's first data row is invoice row 2. Nothing here prices: every expected figure in the tests
is worked by hand from the agency's page.
"""

from __future__ import annotations

from decimal import Decimal

import detailquote
from detailquote import udfs
from detailquote.audit import Audit, Finding, audit
from detailquote.invoice import rows as invoice_rows

M = Decimal


_RUN: dict[str, Audit] = {}


def run(key: str, table: list[list]) -> Audit:
    """The audit of `table` (header row first) against agency `key`, as `detailquote audit` runs it (once per
    table: the parametrized tests ask for the same invoice's findings row by row)."""
    memo = repr((key, table))
    if memo not in _RUN:
        found, _ = invoice_rows(list(enumerate(table, 1)))
        _RUN[memo] = audit(detailquote.library().get(key), found)
    return _RUN[memo]


def at(result: Audit, row: int, what: str = "") -> Finding:
    """The one finding whose first invoice row is `row` (and whose charge starts with `what`, where a row bills
    two charges, such as an officer's hours and a vehicle)."""
    found = [f for f in result.findings if f.rows and f.rows[0] == row and f.what.startswith(what)]
    assert len(found) == 1, f"row {row}: {len(found)} findings: {found}"
    return found[0]


def missing(result: Audit, job: str) -> list[Finding]:
    """The findings of `job` for charges the invoice leaves out (no rows)."""
    return [f for f in result.findings if not f.rows and f.job == job]


def check(result: Audit, row: int, verdict: str, allowed: str | None, difference: str | None,
          what: str = "") -> Finding:
    """Assert the verdict, allowed and difference (billed - allowed) of the finding starting at `row`."""
    f = at(result, row, what)
    assert (f.verdict, f.allowed, f.difference) == (
        verdict, None if allowed is None else M(allowed), None if difference is None else M(difference)), f
    return f


def assert_clean(result: Audit, total: str) -> None:
    """Every charge matches, nothing differs, and billed == allowed == `total`."""
    assert [(f.rows, f.what, f.verdict) for f in result.findings if f.verdict != "matches"] == []
    assert not result.differs
    assert result.billed == result.allowed == M(total)
    assert result.difference == 0 and result.unpriced == 0


def excel(key: str, table: list[list]) -> dict[int, tuple]:
    """`=DETAIL_AUDIT(agency, lines)` as Excel sees it: for each invoice row, (allowed, difference, reason)."""
    out = udfs.DETAIL_AUDIT(key, table)
    assert out[0] == ["allowed", "difference", "reason"]
    assert len(out) == len(table)
    return {n: tuple(values) for n, values in enumerate(out[1:], 2)}
