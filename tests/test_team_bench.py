"""diary bench on a team diary: the same figures as one officer of ten, through the server's row-level security."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from tests.helpers.pg_cluster import Cluster

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import harness as bench  # noqa: E402
from bench_team import OFFICERS, TEAM_KEYS, measure_team  # noqa: E402


def test_the_team_bench_times_one_officer_of_ten_and_leaves_nothing_behind(pg_cluster: Cluster, tmp_path: Path) -> None:
    plan = bench.BenchPlan(large=400, warmups=1, repeats=1, service_repeats=1, searches=2)
    steps: list[str] = []
    found = measure_team(bench, plan, tmp_path, pg_cluster.url("postgres"), date(2026, 12, 7), steps.append)
    assert all(found[f"{key}_pg"] > 0 for key in TEAM_KEYS)
    assert found["officers_pg"] == OFFICERS and found["people_pg"] == 401
    assert 150 < found["officer_1_people_pg"] < 250  # the live caseload, the long order and a tenth of the rest
    assert any("as officer 1" in step for step in steps)
    with pg_cluster.admin() as conn:
        left = conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'diary_bench_%'").fetchone()[0]
        logins = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'diary_bench_%'").fetchone()[0]
    assert (left, logins) == (0, 0)
