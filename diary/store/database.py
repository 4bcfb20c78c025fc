"""Opening the diary's SQLite database: engine, pragmas, sessions, schema version, checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from diary.store import audit
from diary.store.errors import StoreError
from diary.store.schema_version import SCHEMA_HEAD, KNOWN_REVISIONS


class Database:
    """One open diary database: the engine, its sessions and its schema."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        """Open (creating if absent) the database at path; key is a raw 32-byte SQLCipher key or None."""
        self.path = path
        self.encrypted = key is not None
        self._key = key
        self._dbapi_error: type[Exception] = _driver(key).DatabaseError
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = _make_engine(path, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self._sessions)
        self._verify_readable()

    def _verify_readable(self) -> None:
        """Read the schema table straight away so a wrong key or a damaged file fails closed here."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        except (SADatabaseError, self._dbapi_error) as exc:
            self.engine.dispose()
            if self.encrypted:
                raise StoreError(
                    f"The diary at {self.path} could not be opened: the passphrase is wrong "
                    "or the file is damaged. Nothing was changed."
                ) from exc
            raise StoreError(
                f"{self.path} is not a diary database, or it is encrypted or damaged. Nothing was changed."
            ) from exc

    @property
    def key(self) -> bytes | None:
        """The raw SQLCipher key (None for a plain database), for backups made with the same key."""
        return self._key

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self._sessions.begin() as session:
            yield session

    def session(self) -> Session:
        """A session for reading (the caller closes it)."""
        return self._sessions()

    def schema_revision(self) -> str | None:
        """The migration revision the file is at, or None for an empty file."""
        with self.engine.connect() as conn:
            has_table = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            ).first()
            if not has_table:
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def ensure_schema(self) -> None:
        """Bring the file up to the current schema, refusing files from a newer version of the app."""
        revision = self.schema_revision()
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(
                f"This diary was written by a newer version of Supervision Diary (schema {revision}). "
                "Please update the app; nothing was changed."
            )
        from diary.store.migrate import upgrade_to_head

        upgrade_to_head(self.engine)

    def check(self) -> list[str]:
        """Integrity, foreign-key, audit-chain and schema-version checks; an empty list means all is well."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            if self.encrypted:
                problems += [f"encryption: {row[0]}" for row in conn.execute(text("PRAGMA cipher_integrity_check"))]
            integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
            if integrity != ["ok"]:
                problems += [f"integrity: {line}" for line in integrity]
            for table, rowid, parent, _ in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            problems += audit.verify_chain(conn)
        revision = self.schema_revision()
        if revision != SCHEMA_HEAD:
            problems.append(f"schema: at {revision or 'nothing'}, expected {SCHEMA_HEAD}")
        return problems

    def close(self) -> None:
        """Release every connection (and checkpoint the WAL)."""
        self.engine.dispose()


def connect_keyed(path: Path, key: bytes | None) -> Any:
    """A bare DB-API connection to a database file: sqlcipher3 keyed with key, or sqlite3 when key is None."""
    conn = _driver(key).connect(str(path))
    _apply_key(conn, key)
    return conn


def _apply_key(dbapi_conn: Any, key: bytes | None) -> None:
    """Give a fresh connection its SQLCipher key (quietly); nothing for a plain database."""
    if key is None:
        return
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")
    cursor.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    cursor.close()


def _driver(key: bytes | None) -> Any:
    """The DB-API module: the standard sqlite3, or sqlcipher3 when the file is keyed."""
    if key is None:
        return sqlite3
    import sqlcipher3

    return sqlcipher3


def _make_engine(path: Path, key: bytes | None) -> Engine:
    """An engine with the diary's pragmas applied to every connection (the key first, if any)."""
    engine = create_engine(f"sqlite:///{path}", module=_driver(key))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        _apply_key(dbapi_conn, key)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    return engine
