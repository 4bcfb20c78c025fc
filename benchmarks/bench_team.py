"""`diary bench --database URL`: the same figures on a team diary on PostgreSQL, as one officer of ten.

A throwaway database beside the one named (which must let its login create databases and roles) gets
the career-sized caseload shared among ten officers: officer 1 holds the live caseload of 150, the long
order and the busy week, and every officer about a tenth of the closed cases. Officer 1 then logs in (a
throwaway password, never shown) and the figures are taken through the server's row-level security, as
an officer works; the database and the logins are dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import create_engine, text

from diary.services.casefile_schema import parse_document
from diary.services.demo import LIVE_CASELOAD, build_demo_casefile
from diary.services.diary_file import open_team_diary
from diary.services.team_setup import Member, set_up_team
from diary.store.server import parse_server_url, shown_url

from bench_data import LONG_ORDER_CRN, bulk_import, fill_week, long_order_person

OFFICERS = 10
TEAM_KEYS = ("search_p95_ms", "search_median_ms", "compliance_ms_2000_appointments", "record_session_ms",
             "week_view_ms_300_items", "print_week_ms", "caseload_ms")


def measure_team(
    bench: ModuleType, plan: Any, work_dir: Path, address: str, today: date, progress: Any, password: str | None = None
) -> dict[str, Any]:
    """Every figure of diary bench taken as officer 1 of a ten-officer team diary of plan.large people; bench is the
    harness (harness.py), handed in so the two modules do not import each other round a circle."""
    admin = parse_server_url(address)
    suffix = f"{os.getpid()}_{secrets.token_hex(3)}"
    database = f"diary_bench_{suffix}"
    roles = [f"diary_bench_{suffix}_{n}" for n in range(1, OFFICERS + 1)]
    officer_password = secrets.token_urlsafe(24)
    team_url = admin.set(database=database)
    progress(f"PostgreSQL, {plan.large} people across {OFFICERS} officers: building the team diary")
    started = time.perf_counter()
    try:
        set_up_team(team_url.render_as_string(hide_password=False), [Member(r, f"Bench officer {i}") for i, r in enumerate(roles, 1)], password)
        built = _fill(bench, team_url.render_as_string(hide_password=False), work_dir / "team-admin", plan.large, today, roles, officer_password, password)
        build_s = time.perf_counter() - started
        officer = team_url.set(username=roles[0]).render_as_string(hide_password=False)
        env = {"DIARY_DATABASE_URL": officer, "DIARY_DATABASE_PASSWORD": officer_password}
        data_dir = work_dir / "team-officer-1"
        progress(f"PostgreSQL: {built['people']} people in {build_s:.0f} s; week view, search, weekly PDF and caseload as officer 1")
        opener = lambda: open_team_diary(officer, data_dir, bench.PASSPHRASE, officer_password)  # noqa: E731
        figures = bench.qt_figures(plan, opener, data_dir, today, env)
        progress("PostgreSQL: compliance and saving sessions as officer 1")
        figures |= bench.service_figures(plan, opener, today)
    finally:
        _drop(admin, database, roles, password)
    found = {f"{key}_pg": figures[key] for key in TEAM_KEYS}
    return found | {
        "people_pg": built["people"], "officers_pg": OFFICERS, "officer_1_people_pg": built["officer_1"],
        "build_s_pg": round(build_s, 1), "server_pg": shown_url(admin), "postgresql": built["version"],
    }


def _fill(
    bench: ModuleType, address: str, admin_dir: Path, people: int, today: date, roles: list[str], officer_password: str,
    password: str | None,
) -> dict[str, Any]:
    """The caseload loaded as the administrator, shared among the officers, who get their throwaway password."""
    document = build_demo_casefile(people, 1, today)
    document["people"].append(long_order_person(today))
    diary = open_team_diary(address, admin_dir, bench.PASSPHRASE, password)
    try:
        summary = bulk_import(diary.db, parse_document(document))
        fill_week(diary.db, bench.busy_monday(today), bench.WEEK_ITEMS)
        with diary.db.transaction() as session:
            for n, role in enumerate(roles):
                session.execute(text("UPDATE person SET owner = :role WHERE id % :officers = :n"),
                                {"role": role, "officers": len(roles), "n": n})
            owners = {"first": roles[0], "live": LIVE_CASELOAD, "crn": LONG_ORDER_CRN}
            session.execute(text("UPDATE person SET owner = :first WHERE id <= :live OR crn = :crn"), owners)
            for table in ("commitment", "task"):
                session.execute(text(f"UPDATE {table} SET owner = :first"), owners)
            for role in roles:
                session.execute(text(f"ALTER ROLE \"{role}\" PASSWORD '{officer_password}'"))
            mine = session.execute(text("SELECT count(*) FROM person WHERE owner = :first"), owners).scalar_one()
            version = session.execute(text("SHOW server_version")).scalar_one()
    finally:
        diary.close()
    return {"people": summary.people, "officer_1": mine, "version": version}


def _drop(admin: Any, database: str, roles: list[str], password: str | None) -> None:
    """Remove the throwaway database and logins."""
    engine = create_engine(admin.set(database="postgres"), isolation_level="AUTOCOMMIT",
                           connect_args={"password": password} if password else {})
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in roles:
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    finally:
        engine.dispose()
