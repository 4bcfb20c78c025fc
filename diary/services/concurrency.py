"""Two saves of one record at once: the later one is refused, told what changed and by whom, and keeps its text.

People, appointments and contact notes carry a version that every save counts up (SQLAlchemy's version
counter, so even two saves racing to the same row cannot both land: the second finds its version gone).
A form remembers the version it opened; saving from an older one raises EditConflict instead of writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from diary.store.database import Database
from diary.store.models import AuditEvent


@dataclass(frozen=True)
class FieldChange:
    """One field as saved by the other save, beside what this one would have written."""

    label: str
    saved: Any
    yours: Any
    words: Callable[[Any], str] | None = None

    def describe(self) -> str:
        """'outcome is now "A" (yours: "FTA")', or for long text only that it changed."""
        if isinstance(self.saved, str) and len(self.saved) > 40 or isinstance(self.yours, str) and len(self.yours) > 40:
            return f"the {self.label} changed"
        return f"the {self.label} is now {self._shown(self.saved)} (yours: {self._shown(self.yours)})"

    def _shown(self, value: Any) -> str:
        """A value as the message shows it (in words, where the field has them)."""
        if value is None or value == "":
            return "empty"
        if self.words is not None:
            return f'"{self.words(value)}"'
        if isinstance(value, (date, datetime)):
            return f"{value:%a} {value.day} {value:%b}" + (f" {value:%H:%M}" if isinstance(value, datetime) else "")
        return f'"{value}"'


class EditConflict(Exception):
    """Someone saved the record after this form opened it; nothing of this save was written."""

    def __init__(
        self, what: str, who: str | None, at: datetime | None, changes: tuple[FieldChange, ...],
        yours: Mapping[str, Any], current_version: int | None,
    ) -> None:
        """what: 'this session'; who and when the other save was; the fields that differ; everything this save
        held; the version now saved (a form that has shown the officer the conflict may save over it from there)."""
        self.what, self.who, self.at, self.changes, self.yours = what, who, at, changes, dict(yours)
        self.current_version = current_version
        by = f"{who} saved {what}" if who else f"{what.capitalize()} was saved"
        when = f" at {at:%H:%M}" if at else ""
        changed = "; ".join(c.describe() for c in changes) or "nothing you changed differs"
        super().__init__(
            f"{by}{when} while you had it open: {changed}. Nothing of yours was saved; your text is kept "
            "to add again."
        )


Words = Mapping[str, Callable[[Any], str]]
"""For fields stored as codes, how to say a value (e.g. an outcome code as its label)."""


@contextmanager
def saving(
    db: Database, row_type: type, row_id: int | None, expected: int | None, what: str, yours: Mapping[str, Any],
    words: Words | None = None,
) -> Iterator[Session]:
    """A transaction that saves row_id only if it is still at the version the form opened (expected; None skips
    the check, as for a new row); EditConflict, with nothing written, if another save came first."""
    try:
        with db.transaction() as session:
            if row_id is not None and expected is not None:
                row = session.get(row_type, row_id)
                if row is not None and row.version != expected:
                    raise conflict(session, row, what, yours, words)
            yield session
    except StaleDataError:  # the other save landed between our read and our write
        with db.session() as session:
            raise conflict(session, session.get(row_type, row_id), what, yours, words) from None


def conflict(session: Session, row: Any, what: str, yours: Mapping[str, Any], words: Words | None = None) -> EditConflict:
    """The EditConflict for a row saved by someone else: who and when (from the audit trail), what differs."""
    changes = tuple(
        FieldChange(field.replace("_", " "), getattr(row, field), value, (words or {}).get(field))
        for field, value in yours.items()
        if row is not None and hasattr(row, field) and getattr(row, field) != value
    )
    last = None
    if row is not None:
        last = session.execute(
            select(AuditEvent.who, AuditEvent.at)
            .where(AuditEvent.entity == row.__tablename__, AuditEvent.entity_id == row.id)
            .order_by(AuditEvent.id.desc())
            .limit(1)
        ).first()
    version = row.version if row is not None else None
    return EditConflict(what, last.who if last else None, last.at if last else None, changes, yours, version)

