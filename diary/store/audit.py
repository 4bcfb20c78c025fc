"""The audit trail: every change to a person, appointment, contact note or enforcement action, hash-chained.

After each flush the session appends one event per changed row: who (the officer's name from the
settings, else the computer's user name), when, the action, the earlier values of what changed (all
of them for a deletion; none for a creation) and the new ones. Each event carries
content_hash = H(before, after) and chain_hash = H(previous chain_hash, when, who, what, content_hash),
so verify_chain() finds any event changed, removed or put out of order afterwards. Events are written
after the flush's own writes, inside its transaction, so the write lock is already held and two
processes cannot fork the chain. Erasing a person redacts their events' values (content_hash stays,
so the chain still verifies) instead of deleting them.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, event, inspect, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.base import NO_VALUE

from diary.store.models import (
    Alias,
    AuditEvent,
    Appointment,
    CaseEvent,
    ContactNote,
    EnforcementActionRecord,
    Person,
    PersonalContact,
    PersonChange,
    ReleaseDate,
    Requirement,
    SentenceOrder,
)

AUDITED: dict[type, str] = {
    Person: "person",
    Appointment: "appointment",
    ContactNote: "contact_note",
    EnforcementActionRecord: "enforcement_action",
    Alias: "alias",
    PersonalContact: "personal_contact",
    SentenceOrder: "order",
    Requirement: "requirement",
    ReleaseDate: "release_date",
    CaseEvent: "case_event",
    PersonChange: "person_change",
}
GENESIS = "0" * 64
OFFICER_SETTING = "officer_name"
CHAIN_LOCK = 0x5D1A_27
"""PostgreSQL advisory lock held while an event is chained, so two officers saving at once cannot fork the chain."""
_TABLE = AuditEvent.__table__


@dataclass(frozen=True)
class Change:
    """One audited row change, before it is written as an event."""

    action: str
    entity: str
    entity_id: int
    person_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def install(sessions: sessionmaker[Session]) -> None:
    """Record audit events for every session the sessionmaker makes."""
    event.listen(sessions, "after_flush", _after_flush)


def content_hash(before: str | None, after: str | None) -> str:
    """The hash of an event's recorded values."""
    return _sha256([before, after])


def chain_hash(previous: str, at: datetime, who: str, action: str, entity: str, entity_id: int, person_id: int | None, content: str) -> str:
    """The hash that links an event to the one before it."""
    return _sha256([previous, at.isoformat(), who, action, entity, entity_id, person_id, content])


def append_events(conn: Connection, changes: Iterable[Change], at: datetime | None = None) -> int:
    """Write changes as chained audit events on conn (inside the caller's transaction); returns how many."""
    changes = list(changes)
    if not changes:
        return 0
    at = at or datetime.now()
    if conn.dialect.name == "postgresql":  # no file-wide write lock there: one writer of the chain at a time
        conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": CHAIN_LOCK})
    who = _who(conn)
    previous = _chain_tip(conn) or GENESIS
    rows = []
    for change in changes:
        before, after = _dump(change.before), _dump(change.after)
        content = content_hash(before, after)
        previous = chain_hash(previous, at, who, change.action, change.entity, change.entity_id, change.person_id, content)
        rows.append(
            {
                "at": at,
                "who": who,
                "action": change.action,
                "entity": change.entity,
                "entity_id": change.entity_id,
                "person_id": change.person_id,
                "before": before,
                "after": after,
                "content_hash": content,
                "chain_hash": previous,
            }
        )
    conn.execute(insert(_TABLE), rows)
    return len(rows)


def _chain_tip(conn: Connection) -> str | None:
    """The newest event's chain hash (on a team server through a function: an officer sees only their own events)."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT diary_audit_tip()")).scalar()
    return conn.execute(select(_TABLE.c.chain_hash).order_by(_TABLE.c.id.desc()).limit(1)).scalar()


def verify_chain(conn: Connection) -> list[str]:
    """Every audit event that was changed, removed or reordered since it was written; [] when untouched."""
    if not inspect(conn).has_table("audit_event"):
        return []
    problems = []
    previous, expected_id = GENESIS, None
    for row in conn.execute(select(_TABLE).order_by(_TABLE.c.id)):
        if expected_id is not None and row.id != expected_id:
            problems.append(f"audit: events {expected_id} to {row.id - 1} are missing")
        if row.redacted_at is None and content_hash(row.before, row.after) != row.content_hash:
            problems.append(f"audit: event {row.id} was changed after it was written")
        link = chain_hash(previous, row.at, row.who, row.action, row.entity, row.entity_id, row.person_id, row.content_hash)
        if link != row.chain_hash:
            problems.append(f"audit: event {row.id} does not follow the one before it (changed, removed or reordered)")
        previous, expected_id = row.chain_hash, row.id + 1
    return problems


def redact_person(conn: Connection, person_id: int, at: datetime | None = None) -> int:
    """Erase the recorded values of a person's events (who, when and the chain stay); returns how many."""
    result = conn.execute(
        update(_TABLE)
        .where(_TABLE.c.person_id == person_id, _TABLE.c.redacted_at.is_(None))
        .values(before=None, after=None, redacted_at=at or datetime.now())
    )
    return result.rowcount


def _after_flush(session: Session, _context: Any) -> None:
    """Append an event for each audited row this flush created, changed or deleted."""
    changes = [
        *(_change(session, obj, "insert") for obj in session.new if type(obj) in AUDITED),
        *(_change(session, obj, "update") for obj in session.dirty if type(obj) in AUDITED),
        *(_change(session, obj, "delete") for obj in session.deleted if type(obj) in AUDITED),
    ]
    append_events(session.connection(), [c for c in changes if c is not None])


def _change(session: Session, obj: Any, action: str) -> Change | None:
    """The change to one object, or None when no column changed."""
    state = inspect(obj)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    if action == "update":
        before, after = {}, {}
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if attr.key != "version" and history.has_changes():
                before[attr.key] = _plain(history.deleted[0]) if history.deleted else None
                after[attr.key] = _plain(history.added[0]) if history.added else None
        if not after:
            return None
    elif action == "delete":
        before = {attr.key: _plain(state.dict[attr.key]) for attr in state.mapper.column_attrs if attr.key in state.dict}
    return Change(action, AUDITED[type(obj)], obj.id, _person_id(session, obj), before, after)


def _person_id(session: Session, obj: Any) -> int | None:
    """Whose record a changed row belongs to."""
    if isinstance(obj, Person):
        return obj.id
    if isinstance(obj, (EnforcementActionRecord, Requirement)):
        order = inspect(obj).attrs.order.loaded_value
        if isinstance(order, SentenceOrder):
            return order.person_id
        return session.connection().execute(
            select(SentenceOrder.person_id).where(SentenceOrder.id == obj.order_id)
        ).scalar()
    person_id = inspect(obj).attrs.person_id.loaded_value
    return None if person_id is NO_VALUE else person_id


def _who(conn: Connection) -> str:
    """The officer's name from the settings, else the computer's user name; on a team server, the login role."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT current_user")).scalar_one()
    stored = conn.execute(text("SELECT value FROM setting WHERE key = :key"), {"key": OFFICER_SETTING}).scalar()
    name = json.loads(stored) if stored else ""
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _plain(value: Any) -> Any:
    """A value as JSON can hold it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _dump(values: dict[str, Any] | None) -> str | None:
    """Canonical JSON for recorded values."""
    return None if values is None else json.dumps(values, sort_keys=True, ensure_ascii=False)


def _sha256(parts: list[Any]) -> str:
    """SHA-256 of the canonical JSON of parts."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
