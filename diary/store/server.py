"""A team diary on a PostgreSQL server: its address (TLS, no password inside), the engine, sessions and schema.

The same models and migrations as the local SQLite diary; what SQLite does by pragma the server does itself
(foreign keys, durability), and what only SQLite has (its backup API, integrity pragmas, SQLCipher) is not
used here: the server's own backups and TLS take their place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import URL, create_engine, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from diary.store import audit
from diary.store.errors import StoreError
from diary.store.schema_version import KNOWN_REVISIONS, SCHEMA_HEAD

DATABASE_URL_ENV = "DIARY_DATABASE_URL"
DATABASE_PASSWORD_ENV = "DIARY_DATABASE_PASSWORD"
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
CHECKED_SSLMODES = frozenset({"verify-full", "verify-ca"})
CONNECT_TIMEOUT_SECONDS = 10


class PasswordNeeded(StoreError):
    """The server asked for a password and none was given."""


def is_server_url(value: str | None) -> bool:
    """True when value names a PostgreSQL server rather than a local diary."""
    return bool(value) and value.split(":", 1)[0].split("+", 1)[0].lower() in {"postgresql", "postgres"}


def parse_server_url(raw: str) -> URL:
    """The address of a team diary, checked: PostgreSQL, no password inside it, TLS verified for other hosts."""
    try:
        url = make_url(raw.strip())
    except ArgumentError as exc:
        raise StoreError(f"database: '{shown_url_text(raw)}' is not a database address (postgresql://user@host/name)") from exc
    if url.get_backend_name() not in {"postgresql", "postgres"}:
        raise StoreError(f"database: only postgresql:// addresses are understood, not {url.get_backend_name()}://")
    if url.password is not None:
        raise StoreError(
            "database: the address holds a password; leave it out (the diary asks for it, or reads "
            f"{DATABASE_PASSWORD_ENV} in scripts) so it never shows in process lists or shell history"
        )
    if not url.database:
        raise StoreError("database: the address names no database (postgresql://user@host/name)")
    url = url.set(drivername="postgresql+psycopg")
    if not is_local(url):
        sslmode = url.query.get("sslmode", "verify-full")
        if sslmode not in CHECKED_SSLMODES:
            raise StoreError(
                f"database: sslmode={sslmode} would send case records to {url.host} without checking the server's "
                "certificate; a server on another computer needs sslmode=verify-full (the default) or verify-ca"
            )
        url = url.update_query_dict({"sslmode": sslmode})
    return url


def is_local(url: URL) -> bool:
    """True when the server is on this computer: localhost, loopback or a unix socket folder."""
    host = url.host or url.query.get("host") or ""
    hosts = host if isinstance(host, tuple) else (host,)
    return all(h in LOCAL_HOSTS or h.startswith("/") for h in hosts)


def shown_url(url: URL) -> str:
    """The address as the officer may see it: never a password."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=True)


def shown_url_text(raw: str) -> str:
    """A typed address with any password cut out, for messages about an address that would not parse."""
    scheme, sep, rest = raw.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{credentials}{at}{host}"


class ServerDatabase:
    """One open team diary on a PostgreSQL server: the engine, its sessions and its schema."""

    encrypted = False
    key = None

    def __init__(self, url: URL, password: str | None = None) -> None:
        """Connect (checking the server answers and who we are); password is used, never kept in the URL."""
        self.url = url
        self.path = shown_url(url)
        connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, "application_name": "supervision-diary"}
        if password:
            connect_args["password"] = password
        self.engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True, hide_parameters=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reads = sessionmaker(self.engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)
        audit.install(self._sessions)
        try:
            with self.engine.connect() as conn:
                self.user: str = conn.execute(text("SELECT current_user")).scalar_one()
        except OperationalError as exc:
            self.engine.dispose()
            raise connection_problem(self.path, exc, password) from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self._sessions.begin() as session:
            yield session

    def session(self) -> Session:
        """A session for reading (the caller closes it). Each statement commits by itself, so the server's record of
        reads of other officers' cases (written by its row-level security as it answers) is kept."""
        return self._reads()

    def schema_revision(self) -> str | None:
        """The migration revision the database is at, or None for an empty one."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def ensure_schema(self) -> None:
        """Bring the database up to the current schema (as its owner), refusing one from a newer app."""
        revision = self.schema_revision()
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(
                f"The team diary at {self.path} was written by a newer version of Supervision Diary "
                f"(schema {revision}). Please update the app; nothing was changed."
            )
        from diary.store.migrate import upgrade_to_head

        try:
            upgrade_to_head(self.engine)
        except (ProgrammingError, DBAPIError) as exc:
            if "permission denied" not in str(exc.orig) and "must be owner" not in str(exc.orig):
                raise
            raise StoreError(
                f"The team diary at {self.path} needs its schema brought up to date ({revision or 'empty'} to "
                f"{SCHEMA_HEAD}), which only its owner may do: ask whoever runs the team's server to run "
                "`diary team-setup` again. Nothing was changed."
            ) from None

    def check(self) -> list[str]:
        """The schema-version and audit-chain checks (the server keeps its own pages and foreign keys whole)."""
        with self.engine.connect() as conn:
            problems = audit.verify_chain(conn)
        revision = self.schema_revision()
        if revision != SCHEMA_HEAD:
            problems.append(f"schema: at {revision or 'nothing'}, expected {SCHEMA_HEAD}")
        return problems

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def connection_problem(shown: str, exc: OperationalError, password: str | None) -> StoreError:
    """The officer's words for a server that would not let us in (the driver's message, never the password)."""
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
    if "password" in detail and "no password supplied" in detail:
        return PasswordNeeded(f"The team diary at {shown} needs your password.")
    if password:
        detail = detail.replace(password, "***")
    return StoreError(f"Could not open the team diary at {shown}: {detail}")
