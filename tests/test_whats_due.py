"""What's due: one list of dated duties, soonest and most overdue first, each with who, what and why."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import text

from diary.store.database import Database
from diary.store.migrate import alembic_config
from diary.store.models import Task
from diary.store.schema_version import SCHEMA_HEAD


def test_a_diary_from_before_tasks_upgrades_and_keeps_its_people(tmp_path: Path) -> None:
    key = os.urandom(32)
    db = Database(tmp_path / "old.sqlite3", key)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO person (crn, first_name, last_name, created_at) VALUES ('X000001', 'Ann', 'Lee', '2026-01-01')"))
    assert db.schema_revision() == "0001"
    db.ensure_schema()
    assert db.schema_revision() == SCHEMA_HEAD and db.check() == []
    with db.transaction() as session:
        session.add(Task(person_id=1, kind="reminder", title="Ring Ann", due=date(2026, 3, 1)))
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT last_name FROM person")).scalar() == "Lee"
        assert connection.execute(text("SELECT title FROM task")).scalar() == "Ring Ann"
    db.close()
