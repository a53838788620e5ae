"""The benchmark keeps working: its workload covers what it claims, and a small run checks its answers.

Timings are not asserted here (they are measured by benchmarks/run, not tested).
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import pytest

from conftest import ROOT, SEED_AGENCIES, agency
from detailquote.engine import quote

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402
import hand_pricer  # noqa: E402
import workload  # noqa: E402


@pytest.fixture(scope="module")
def jobs():
    return workload.jobs([agency(n) for n in SEED_AGENCIES], 2_000)


def test_the_workload_is_seeded(jobs):
    assert workload.jobs([agency(n) for n in SEED_AGENCIES], 2_000) == jobs


def test_the_workload_covers_every_agency_and_every_kind_of_rule(jobs):
    seen = Counter()
    for job in jobs:
        a = agency(job.agency)
        q = quote(a, job.request())
        seen[job.agency] += 1
        kinds = {l.tier for l in q.lines}
        seen["holiday"] += any(a.spec.tiers[t].when is not None and getattr(a.spec.tiers[t].when, "kind", "") == "calendar"
                               for t in kinds if t)
        seen["short notice"] += any(w.code == "short_lead_time" for w in q.warnings)
        seen["midnight"] += job.shift.start.date() != job.shift.end.date()
        seen["minimum"] += any(l.seconds > (job.shift.end - job.shift.start).total_seconds() for l in q.lines if l.role != "vehicle")
        seen["overtime"] += any(l.overtime for l in q.lines)
        seen["supervisors"] += len(q.shifts[0].positions) > 1
        seen["vehicles"] += any(l.role == "vehicle" for l in q.lines)
        seen["priority"] += job.priority is not None
        seen["cancelled"] += job.cancelled is not None
    assert all(seen[name] >= workload.ORDER_SIZE for name in SEED_AGENCIES)
    for kind in ("holiday", "short notice", "midnight", "minimum", "overtime", "supervisors", "vehicles", "priority"):
        assert seen[kind] >= 20, (kind, seen)
    assert 100 <= seen["cancelled"] <= 300


def test_the_hand_written_pricer_gives_the_engines_totals():
    """The floor the engine is measured against prices what the engine does, so that it cannot drift into a cheaper sum."""
    a = agency(hand_pricer.AGENCY)
    # The workload's jobs, each also as every other job type, so that every rate table is priced.
    requests = [job.request()._replace(job_type=t) for job in workload.jobs([a], 2_000) for t in a.spec.job_types]
    assert [hand_pricer.total(r) for r in requests] == [quote(a, r).total for r in requests]


def test_a_small_run_gives_the_engines_answers_through_every_face(tmp_path):
    out = tmp_path / "bench.json"
    code = bench.main(["--jobs", "300", "--rounds", "1", "--skip-libreoffice", "--memory-jobs", "500", "--agency-files", "40",
                       "--floor-jobs", "300", "--json", str(out)])
    figures = json.loads(out.read_text())
    assert code == 0
    assert figures["answers_that_differ"] == 0
    assert figures["floor_totals_that_differ"] == 0 and figures["floor_jobs"] == 300
    # Through xlwings' own dispatch too, desktop-shaped and Lite-shaped (blank cells as Pyodide's jsnull).
    assert figures["dispatch_answers_that_differ"] == 0 and figures["dispatch_jobs"] == 300
    assert figures["dispatch_desktop_answers_that_differ"] == figures["dispatch_lite_answers_that_differ"] == 0
    assert figures["batch_answers_that_differ"] == 0 and figures["batch_jobs"] == 300
    assert figures["jobs"] == 300
    assert figures["agency_files"] == 40 and figures["agency_listings_that_differ"] == 0
    # Every row the engine prices in full comes back as a number (an incomplete quote says why in its cell).
    library = [agency(n) for n in bench.default_library().names()]
    complete = sum(quote(agency(j.agency), j.request()).complete for j in workload.jobs(library, 500))
    assert figures["memory_priced"] == complete and complete > 250  # and most of the workload prices in full
    assert set(figures["workbook_build_ms"]) >= set(SEED_AGENCIES)
