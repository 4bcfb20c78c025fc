"""The national record queue: contact notes and recorded sessions still to type into the national case system.

Both carry `entered_nationally_at`; everything recorded without it waits here, oldest first, however old.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from diary.domain.text import short_date
from diary.domain.vocab import AppointmentKind, ContactNoteKind, Outcome
from diary.services.schedule import RUN_BY_OTHERS
from diary.store.database import Database
from diary.store.models import UNENTERED_SESSION, Appointment, ContactNote, Person

NOTE = "note"
SESSION = "session"

PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2026": "...", "\u00a0": " ", "\t": " ", "\u200b": None, "\ufeff": None,
})


@dataclass(frozen=True)
class QueueItem:
    """One contact waiting to be entered in the national record."""

    source: str
    id: int
    person_id: int
    person_name: str
    crn: str
    at: datetime
    kind: str
    outcome: str | None
    text: str
    sensitive: bool

    @property
    def key(self) -> str:
        """'note:12' or 'session:40': unique across the queue."""
        return f"{self.source}:{self.id}"

    @property
    def contact_type(self) -> str:
        """The kind of contact in words."""
        return ContactNoteKind(self.kind).label if self.source == NOTE else AppointmentKind(self.kind).label

    @property
    def outcome_text(self) -> str:
        """'ATTC - Attended, complied', or 'Not applicable' for a contact note."""
        return f"{self.outcome} - {Outcome(self.outcome).label}" if self.outcome else "Not applicable"


def national_queue(db: Database, now: datetime) -> list[QueueItem]:
    """Every note and recorded session not yet entered nationally, oldest first."""
    with db.session() as session:
        notes = session.execute(
            select(ContactNote, Person)
            .join(Person, ContactNote.person_id == Person.id)
            .where(ContactNote.entered_nationally_at.is_(None), ContactNote.at <= now)
        ).all()
        sessions = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(UNENTERED_SESSION, Appointment.kind.not_in(RUN_BY_OTHERS), Appointment.start <= now)
        ).all()
        items = [
            QueueItem(NOTE, n.id, p.id, p.name, p.crn, n.at, n.kind, None, n.text, n.sensitive) for n, p in notes
        ]
        items += [
            QueueItem(SESSION, a.id, p.id, p.name, p.crn, a.start, a.kind, a.outcome, a.notes or "", False)
            for a, p in sessions
        ]
    items.sort(key=lambda i: (i.at, i.source, i.id))
    return items


def plain_text(text: str) -> str:
    """Text that pastes cleanly: plain quotes and dashes, no tabs, no trailing spaces, no blank ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").translate(PLAIN).split("\n")]
    return "\n".join(lines).strip("\n")


def plain_copy(item: QueueItem) -> str:
    """The contact laid out for pasting: date, time, contact type, outcome, notes; 'SENSITIVE' first when it is."""
    lines = ["SENSITIVE"] if item.sensitive else []
    lines += [
        f"Date: {short_date(item.at.date())}",
        f"Time: {item.at:%H:%M}",
        f"Contact type: {item.contact_type}",
        f"Outcome: {item.outcome_text}",
        "Notes:",
        plain_text(item.text) or "(no notes)",
    ]
    return "\n".join(lines)


def mark_entered(db: Database, item: QueueItem, at: datetime) -> None:
    """Tick a note or session as entered in the national record."""
    with db.transaction() as session:
        record = session.get(ContactNote if item.source == NOTE else Appointment, item.id)
        if record is not None:
            record.entered_nationally_at = at
