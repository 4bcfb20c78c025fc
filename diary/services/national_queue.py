"""The national record queue: contact notes and recorded sessions still to type into the national case system.

Contact notes carry their own `entered_nationally_at`. Appointments have no such column yet, so a session's
"entered" tick is kept in the setting `national_queue.sessions_entered` ({appointment id: when ticked}); only
sessions from the last `national_queue.session_window_days` days (default 14) are queued, so a diary's years
of history recorded before the queue existed do not all arrive at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from diary.domain.text import short_date
from diary.domain.vocab import AppointmentKind, ContactNoteKind, Outcome
from diary.services.schedule import RUN_BY_OTHERS
from diary.services.settings import get_setting
from diary.store.database import Database
from diary.store.models import Appointment, ContactNote, Person, Setting

SESSIONS_ENTERED = "national_queue.sessions_entered"
SESSION_WINDOW = "national_queue.session_window_days"
DEFAULT_SESSION_WINDOW_DAYS = 14
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


def session_window_days(db: Database) -> int:
    """How many days back recorded sessions are queued."""
    value = get_setting(db, SESSION_WINDOW)
    return DEFAULT_SESSION_WINDOW_DAYS if value is None else int(value)


def _sessions_entered(db: Database) -> dict[str, str]:
    """The ticks on sessions: appointment id (as text) to when it was ticked."""
    value = get_setting(db, SESSIONS_ENTERED)
    return dict(value) if value else {}


def national_queue(db: Database, now: datetime) -> list[QueueItem]:
    """Every note and recorded session not yet entered nationally, oldest first."""
    since = now - timedelta(days=session_window_days(db))
    entered = _sessions_entered(db)
    with db.session() as session:
        notes = session.execute(
            select(ContactNote, Person)
            .join(Person, ContactNote.person_id == Person.id)
            .where(ContactNote.entered_nationally_at.is_(None), ContactNote.at <= now)
        ).all()
        sessions = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(
                Appointment.outcome.is_not(None),
                Appointment.kind.not_in(RUN_BY_OTHERS),
                Appointment.start >= since,
                Appointment.start <= now,
            )
        ).all()
        items = [
            QueueItem(NOTE, n.id, p.id, p.name, p.crn, n.at, n.kind, None, n.text, n.sensitive) for n, p in notes
        ]
        items += [
            QueueItem(SESSION, a.id, p.id, p.name, p.crn, a.start, a.kind, a.outcome, a.notes or "", False)
            for a, p in sessions
            if str(a.id) not in entered
        ]
    items.sort(key=lambda i: (i.at, i.source, i.id))
    return items


def waiting_count(db: Database, now: datetime) -> int:
    """How many contacts are waiting to be entered nationally."""
    return len(national_queue(db, now))


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
        if item.source == NOTE:
            note = session.get(ContactNote, item.id)
            if note is not None:
                note.entered_nationally_at = at
            return
        row = session.get(Setting, SESSIONS_ENTERED)
        entered: dict[str, str] = json.loads(row.value) if row is not None else {}
        since = (at - timedelta(days=_window(session))).isoformat(timespec="minutes")
        entered = {k: v for k, v in entered.items() if v >= since}
        entered[str(item.id)] = at.isoformat(timespec="minutes")
        if row is None:
            session.add(Setting(key=SESSIONS_ENTERED, value=json.dumps(entered)))
        else:
            row.value = json.dumps(entered)


def _window(session: Session) -> int:
    """The session window read inside an open transaction."""
    row = session.get(Setting, SESSION_WINDOW)
    return DEFAULT_SESSION_WINDOW_DAYS if row is None else int(json.loads(row.value))
