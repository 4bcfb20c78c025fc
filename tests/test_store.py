"""The store: migrations, schema checks, encryption seam, and failing closed on bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from diary.store.database import Database, StoreError
from diary.store.migrate import script_head
from diary.store.models import Base
from diary.store.schema_version import SCHEMA_HEAD


def test_known_head_matches_migration_scripts() -> None:
    assert script_head() == SCHEMA_HEAD


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    db = Database(tmp_path / "d.sqlite3")
    db.ensure_schema()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []


def test_new_database_is_wal_with_foreign_keys_and_passes_check(tmp_path: Path) -> None:
    db = Database(tmp_path / "d.sqlite3")
    db.ensure_schema()
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
    assert db.check() == []
    db.close()


def test_garbage_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"not a database " * 500)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a diary database"):
        Database(path)
    assert path.read_bytes() == before


def test_keyed_database_is_unreadable_without_its_key(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    key = os.urandom(32)
    db = Database(path, key)
    db.ensure_schema()
    assert db.check() == []
    db.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(StoreError, match="passphrase is wrong"):
        Database(path, os.urandom(32))
    with pytest.raises(StoreError):
        Database(path)
    reopened = Database(path, key)
    assert reopened.schema_revision() == SCHEMA_HEAD
    reopened.close()


def test_file_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    db = Database(tmp_path / "d.sqlite3")
    db.ensure_schema()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer version"):
        db.ensure_schema()
    assert db.check() == ["schema: at 9999, expected " + SCHEMA_HEAD]
    db.close()
