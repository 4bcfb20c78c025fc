"""The benchmark's diaries are like imported ones, and `diary bench --quick` prints every figure (not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.compliance import person_compliance
from diary.services.demo import build_demo_casefile
from diary.services.diary_file import open_diary
from diary.services.diary_view import load_range
from diary.store.database import Database
from diary.store.models import AuditEvent

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_data import LONG_ORDER_APPOINTMENTS, bulk_import, fill_week, long_order_person  # noqa: E402

TODAY = date(2026, 3, 4)
FIGURES = (
    "startup_baseline_ms",
    "startup_ms",
    "startup_ms_10k",
    "search_p95_ms_150",
    "search_p95_ms_10k",
    "compliance_ms_2000_appointments",
    "compliance_ms_2000_appointments_10k",
    "week_view_ms_300_items",
    "week_view_ms_300_items_10k",
    "record_session_ms",
    "record_session_ms_10k",
    "print_week_ms",
    "print_week_ms_10k",
    "caseload_ms",
    "caseload_ms_10k",
    "database_mb",
    "database_mb_10k",
    "peak_rss_mb_app",
    "peak_rss_mb_app_10k",
)


def _audit_counts(db: Database) -> list[tuple[str, str, int]]:
    """How many audit events each kind of change made."""
    with db.session() as session:
        query = select(AuditEvent.entity, AuditEvent.action, func.count()).group_by(AuditEvent.entity, AuditEvent.action)
        return sorted(tuple(row) for row in session.execute(query))


def test_bulk_import_writes_what_the_case_file_import_writes(tmp_path: Path) -> None:
    document = build_demo_casefile(40, 3, TODAY)
    document["people"].append(long_order_person(TODAY))
    imported, bulk = open_diary(tmp_path / "imported"), open_diary(tmp_path / "bulk")
    try:
        assert import_document(imported.db, parse_document(document)) == bulk_import(bulk.db, parse_document(document))
        assert export_document(bulk.db) == export_document(imported.db)
        assert _audit_counts(bulk.db) == _audit_counts(imported.db)
        assert bulk.db.check() == []
    finally:
        imported.close()
        bulk.close()


def test_the_long_order_counts_its_appointments_and_the_busy_week_holds_300_items(tmp_path: Path) -> None:
    document = build_demo_casefile(20, 1, TODAY)
    document["people"].append(long_order_person(TODAY))
    diary = open_diary(tmp_path / "bench")
    try:
        bulk_import(diary.db, parse_document(document))
        counted = person_compliance(diary.db, "Z000001", TODAY)
        assert counted is not None and len(counted.orders) == 1
        counts = counted.orders[0].rows()
        recorded = sum(r.attended_complied + r.acceptable_absences + r.failures + r.neither for r in counts)
        assert 0.85 * LONG_ORDER_APPOINTMENTS < recorded <= LONG_ORDER_APPOINTMENTS
        assert counted.orders[0].failures_in_window >= 0 and counted.orders[0].requirements[1].unpaid_work is not None
        monday = date(2026, 5, 11)
        assert fill_week(diary.db, monday, 300) > 250
        week = load_range(diary.db, monday)
        assert len(week.bookings) + len(week.occurrences) == 300
    finally:
        diary.close()


def test_quick_bench_prints_every_figure_as_json(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "diary", "bench", "--json", "--quick", "--keep", str(tmp_path / "bench")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["small_people"], figures["large_people"]) == (150, 1000)
    for key in FIGURES:
        assert figures[key] > 0, key
    assert set(figures["growth_150_to_10k"]) >= {"startup_ms", "week_view_ms_300_items", "search_p95_ms"}
    assert figures["appointments_10k"] > figures["appointments"]


def test_bench_without_the_source_checkout_says_so_plainly(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from diary.cli import main
    from diary.commands import bench

    monkeypatch.setattr(bench, "BENCHMARKS", tmp_path / "not-here")
    assert main(["bench", "--quick"]) == 1
    assert "has none" in capsys.readouterr().err
