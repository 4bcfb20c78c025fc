"""A person's audit trail, as the officer reads it: who changed what, when, and what it was before."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from diary.domain.crn import normalise_crn
from diary.domain.text import long_date
from diary.store.database import Database, StoreError
from diary.store.models import AuditEvent, Person

_VERBS = {"insert": "added", "update": "changed", "delete": "deleted"}
_NOUNS = {
    "person": "the person's details",
    "appointment": "appointment",
    "contact_note": "contact note",
    "enforcement_action": "enforcement action",
    "alias": "alias",
    "personal_contact": "personal contact",
    "order": "order",
    "requirement": "requirement",
    "release_date": "release date",
    "case_event": "case event",
    "person_change": "change note",
}


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event."""

    at: datetime
    who: str
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    redacted: bool

    def describe(self) -> str:
        """'1 March 2026 10:15, Sam Officer changed contact note 4: text was "Called."'."""
        what = _NOUNS.get(self.entity, self.entity)
        if self.entity != "person":
            what += f" {self.entity_id}"
        line = f"{long_date(self.at.date())} {self.at:%H:%M}, {self.who} {_VERBS.get(self.action, self.action)} {what}"
        if self.redacted:
            return line + " (values erased)"
        if self.action == "update" and self.before:
            changes = "; ".join(f"{key} was {json.dumps(value, ensure_ascii=False)}" for key, value in sorted(self.before.items()))
            return f"{line}: {changes}"
        return line


def person_history(db: Database, crn: str) -> list[HistoryEntry]:
    """Every audit event about the person with this CRN, oldest first."""
    with db.session() as session:
        person_id = session.scalar(select(Person.id).where(Person.crn == normalise_crn(crn)))
        if person_id is None:
            raise StoreError(f"There is nobody with CRN {normalise_crn(crn)} in the diary.")
        events = session.scalars(select(AuditEvent).where(AuditEvent.person_id == person_id).order_by(AuditEvent.id))
        return [
            HistoryEntry(
                e.at,
                e.who,
                e.action,
                e.entity,
                e.entity_id,
                json.loads(e.before) if e.before else None,
                json.loads(e.after) if e.after else None,
                e.redacted_at is not None,
            )
            for e in events
        ]
