"""Setting up a team's server: the database, its schema and policies, and a login role for each officer.

Run by whoever administers the server, as a PostgreSQL role that may create databases and roles (the
database's owner is that role). Officers and the senior get login roles without passwords: the
administrator gives each one with `\\password NAME` in psql, so no password passes through the diary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from diary.store.errors import StoreError
from diary.store.models import TeamOfficer
from diary.store.server import ServerDatabase, connection_problem, parse_server_url, shown_url

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
OFFICERS_GROUP = "diary_officer"
SENIORS_GROUP = "diary_senior"
TIMEZONE = "Europe/London"


@dataclass(frozen=True)
class Member:
    """One member of the team: their login role, their name, and whether they are the senior."""

    role: str
    name: str
    senior: bool = False


def parse_member(value: str, senior: bool = False) -> Member:
    """A member from `ROLE=Full Name` as typed on the command line (StoreError naming the problem)."""
    role, sep, name = value.partition("=")
    role, name = role.strip(), name.strip()
    if not sep or not name:
        raise StoreError(f"'{value}': give the login and the name as LOGIN=Full Name, e.g. sam_patel=Sam Patel")
    if not ROLE_NAME.fullmatch(role):
        raise StoreError(f"'{role}': a login is lower-case letters, digits and _, starting with a letter (at most 63)")
    return Member(role, name, senior)


def set_up_team(address: str, members: Sequence[Member], password: str | None = None) -> list[str]:
    """Create the team's database if missing, bring its schema and policies up to date, and give each member
    a login role in the right group; returns what was done, line by line. Running it again is harmless."""
    url = parse_server_url(address)
    done: list[str] = []
    connect_args = {"password": password} if password else {}
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", connect_args=connect_args)
    try:
        with server.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
                done.append(f"Created the database {url.database}.")
            conn.execute(text(f"ALTER DATABASE \"{url.database}\" SET timezone TO '{TIMEZONE}'"))
    except OperationalError as exc:
        raise connection_problem(shown_url(url), exc, password) from None
    finally:
        server.dispose()
    db = ServerDatabase(url, password)
    try:
        db.ensure_schema()
        done.append(f"The schema, roles' rights and row-level security of {shown_url(url)} are up to date.")
        with db.transaction() as session:
            for member in members:
                done.append(_add_member(session, member))
    finally:
        db.close()
    return done


def _add_member(session: Session, member: Member) -> str:
    """Create the member's login role if missing, put it in its group (only), and record their name."""
    group, other = (SENIORS_GROUP, OFFICERS_GROUP) if member.senior else (OFFICERS_GROUP, SENIORS_GROUP)
    role = member.role
    created = not session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if created:
        session.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    session.execute(text(f'GRANT {group} TO "{role}"'))
    session.execute(text(f'REVOKE {other} FROM "{role}"'))
    session.execute(
        insert(TeamOfficer)
        .values(role=role, name=member.name, senior=member.senior)
        .on_conflict_do_update(index_elements=["role"], set_={"name": member.name, "senior": member.senior})
    )
    kind = "the senior (reads every case, changes none)" if member.senior else "an officer"
    how = f"created; give a password with \\password {role} in psql" if created else "already there"
    return f"{member.name} ({role}) is {kind}: login {how}."
