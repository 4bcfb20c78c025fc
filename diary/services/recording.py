"""Recording a session and booking the next one, in one transaction; contact notes with history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from diary.domain.vocab import AppointmentKind, ContactNoteKind, Outcome, RequirementType, RescheduleRequester
from diary.services.concurrency import EditConflict, saving  # noqa: F401 (EditConflict: the windows catch it from here)
from diary.store.database import Database
from diary.store.models import Appointment, ContactNote, NoteVersion, Person

UNPLANNED_MINUTES = 30

MAX_REPEATS = 52


class RecordingError(ValueError):
    """A session that cannot be saved as it stands; the message says what to change."""


@dataclass(frozen=True)
class NextBooking:
    """The next appointment, booked while writing up this one; optionally repeating."""

    start: datetime
    minutes: int
    kind: str
    location: str | None = None
    repeat_every_days: int | None = None
    repeat_count: int | None = None
    repeat_until: date | None = None

    def starts(self) -> list[datetime]:
        """Every start this booking makes: one, or the repeats up to the count or end date."""
        if not self.repeat_every_days:
            return [self.start]
        step = timedelta(days=self.repeat_every_days)
        starts = []
        at = self.start
        while len(starts) < (self.repeat_count or MAX_REPEATS):
            if self.repeat_until is not None and at.date() > self.repeat_until:
                break
            starts.append(at)
            at += step
        return starts


@dataclass(frozen=True)
class SessionRecord:
    """Everything the Record session window saves."""

    person_id: int
    appointment_id: int | None
    start: datetime
    minutes: int
    kind: str
    outcome: str | None
    notes: str = ""
    evidence_due: date | None = None
    minutes_spent: int | None = None
    hours_credited: float | None = None
    location: str | None = None
    next_booking: NextBooking | None = None
    rescheduled_by: str | None = None
    absence_reason: str = ""
    """For an acceptable absence, why: kept at the head of the notes."""
    version: int | None = None
    """The appointment's version when the window opened it (None: do not check, as for a new one)."""

    def notes_to_keep(self) -> str:
        """The notes as saved: an acceptable absence's reason first, then what was written."""
        reason = self.absence_reason.strip()
        if reason and self.outcome is not None and Outcome(self.outcome).is_acceptable_absence:
            return f"Absence reason: {reason}\n\n{self.notes}".strip()
        return self.notes

    def yours(self) -> dict[str, Any]:
        """What this save would write to the appointment, kept whole if it is refused."""
        return {
            "outcome": self.outcome, "notes": self.notes_to_keep() or None, "start": self.start, "minutes": self.minutes,
            "kind": self.kind, "minutes_spent": self.minutes_spent, "evidence_due": self.evidence_due,
        }


@dataclass(frozen=True)
class RecordResult:
    """What a save wrote: the recorded appointment and any new bookings."""

    appointment_id: int
    booked_ids: tuple[int, ...] = field(default_factory=tuple)


def record_session(db: Database, record: SessionRecord) -> RecordResult:
    """Write outcome, notes, time spent and the next booking(s) in one transaction; EditConflict, writing nothing,
    if someone saved the appointment after the window opened it."""
    _check(record)
    words = {"outcome": lambda code: Outcome(code).label}
    with saving(db, Appointment, record.appointment_id, record.version, "this session", record.yours(), words) as session:
        person = session.get(Person, record.person_id)
        if person is None:
            raise RecordingError("That person is no longer in the diary.")
        appointment = _target(session, record)
        notes = record.notes_to_keep()
        if appointment.notes and appointment.notes != notes:
            appointment.note_versions.append(NoteVersion(text=appointment.notes, replaced_at=datetime.now()))
        appointment.start = record.start
        appointment.minutes = record.minutes
        appointment.kind = record.kind
        appointment.location = record.location if record.location is not None else appointment.location
        appointment.outcome = record.outcome
        appointment.evidence_due = record.evidence_due if record.outcome == Outcome.AFTA else None
        appointment.minutes_spent = record.minutes_spent
        appointment.hours_credited = record.hours_credited
        appointment.notes = notes or None
        appointment.rescheduled_by = record.rescheduled_by if record.outcome == Outcome.RESCHEDULED else None
        booked = _book_next(session, appointment, record.next_booking)
        session.flush()
        return RecordResult(appointment.id, tuple(a.id for a in booked))


def _check(record: SessionRecord) -> None:
    """Refuse what cannot be right, in words the officer can act on."""
    if record.outcome is not None and record.outcome not in Outcome.__members__.values():
        raise RecordingError(f"'{record.outcome}' is not an outcome the diary knows.")
    if record.kind not in AppointmentKind.__members__.values():
        raise RecordingError(f"'{record.kind}' is not a kind of appointment the diary knows.")
    if record.minutes <= 0:
        raise RecordingError("The appointment must last at least a minute.")
    if record.outcome == Outcome.AFTA and record.evidence_due is None:
        raise RecordingError("Failed to attend, awaiting evidence: give the date the evidence is due.")
    if record.rescheduled_by is not None and record.rescheduled_by not in RescheduleRequester.__members__.values():
        raise RecordingError(f"'{record.rescheduled_by}' is not someone who can ask for a new time.")
    if record.hours_credited is not None and not 0 <= record.hours_credited <= 24:
        raise RecordingError("Hours credited must be between 0 and 24.")
    nxt = record.next_booking
    if nxt is not None:
        if nxt.start <= record.start:
            raise RecordingError("The next appointment must be after this one.")
        if nxt.minutes <= 0:
            raise RecordingError("The next appointment must last at least a minute.")


def _target(session: Session, record: SessionRecord) -> Appointment:
    """The appointment being recorded, or a new one for an unplanned contact."""
    if record.appointment_id is None:
        appointment = Appointment(person_id=record.person_id, start=record.start, minutes=record.minutes, kind=record.kind)
        session.add(appointment)
        return appointment
    appointment = session.get(Appointment, record.appointment_id)
    if appointment is None or appointment.person_id != record.person_id:
        raise RecordingError("That appointment is no longer in the diary.")
    return appointment


def _book_next(session: Session, recorded: Appointment, booking: NextBooking | None) -> list[Appointment]:
    """New appointments for the next booking, linked to the same order and requirement."""
    if booking is None:
        return []
    booked = [
        Appointment(
            person_id=recorded.person_id,
            order_id=recorded.order_id,
            requirement_id=recorded.requirement_id,
            rar_activity=recorded.rar_activity,
            start=start,
            minutes=booking.minutes,
            kind=booking.kind,
            location=booking.location,
        )
        for start in booking.starts()
    ]
    session.add_all(booked)
    return booked


@dataclass(frozen=True)
class SessionContext:
    """What the Record session window opens on: the person, and the appointment as it stands."""

    person_id: int
    person_name: str
    crn: str
    appointment_id: int | None
    start: datetime
    minutes: int
    kind: str
    location: str | None = None
    outcome: str | None = None
    notes: str = ""
    evidence_due: date | None = None
    minutes_spent: int | None = None
    hours_credited: float | None = None
    rescheduled_by: str | None = None
    version: int | None = None
    requirement: str | None = None
    requirement_id: int | None = None
    unpaid_work: bool = False
    rar_activity: bool = False


def session_context(db: Database, appointment_id: int) -> SessionContext:
    """The appointment to record, with its person and requirement."""
    with db.session() as session:
        a = session.get(Appointment, appointment_id)
        if a is None:
            raise RecordingError("That appointment is no longer in the diary.")
        req = a.requirement
        req_type = RequirementType(req.type) if req is not None else None
        return SessionContext(
            person_id=a.person_id,
            person_name=a.person.name,
            crn=a.person.crn,
            appointment_id=a.id,
            start=a.start,
            minutes=a.minutes,
            kind=a.kind,
            location=a.location,
            outcome=a.outcome,
            notes=a.notes or "",
            evidence_due=a.evidence_due,
            minutes_spent=a.minutes_spent,
            hours_credited=a.hours_credited,
            rescheduled_by=a.rescheduled_by,
            version=a.version,
            requirement=f"{req_type.label} ({req.ref})" if req is not None and req_type is not None else None,
            requirement_id=req.id if req is not None else None,
            unpaid_work=req_type is RequirementType.UNPAID_WORK or a.kind == AppointmentKind.UNPAID_WORK_SESSION,
            rar_activity=a.rar_activity,
        )


def unplanned_context(db: Database, person_id: int, now: datetime) -> SessionContext:
    """An unplanned contact with a person (they turned up or phoned), starting now."""
    with db.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise RecordingError("That person is no longer in the diary.")
        start = now.replace(second=0, microsecond=0)
        return SessionContext(person.id, person.name, person.crn, None, start, UNPLANNED_MINUTES, AppointmentKind.OFFICE)


def add_contact_note(
    db: Database,
    person_id: int,
    text: str,
    kind: str = ContactNoteKind.PHONE,
    at: datetime | None = None,
    sensitive: bool = False,
    minutes_spent: int | None = None,
) -> int:
    """Record a contact that is not an appointment (a call, an email, another agency)."""
    if not text.strip():
        raise RecordingError("The note is empty.")
    if kind not in ContactNoteKind.__members__.values():
        raise RecordingError(f"'{kind}' is not a kind of contact note the diary knows.")
    with db.transaction() as session:
        if session.get(Person, person_id) is None:
            raise RecordingError("That person is no longer in the diary.")
        note = ContactNote(
            person_id=person_id,
            at=at or datetime.now().replace(second=0, microsecond=0),
            kind=kind,
            text=text,
            sensitive=sensitive,
            minutes_spent=minutes_spent,
        )
        session.add(note)
        session.flush()
        return note.id


def edit_contact_note(db: Database, note_id: int, text: str, version: int | None = None) -> None:
    """Change a note's text, keeping the earlier text in its history; EditConflict, writing nothing, if someone
    saved the note after `version` (the one the form opened)."""
    if not text.strip():
        raise RecordingError("A note cannot be emptied; its earlier text is kept in its history.")
    with saving(db, ContactNote, note_id, version, "this note", {"text": text}) as session:
        note = session.get(ContactNote, note_id)
        if note is None:
            raise RecordingError("That note is no longer in the diary.")
        if note.text != text:
            note.versions.append(NoteVersion(text=note.text, replaced_at=datetime.now()))
            note.text = text


def note_history(db: Database, note_id: int) -> list[tuple[datetime, str]]:
    """Earlier texts of a contact note, oldest first, with when each was replaced."""
    with db.session() as session:
        rows = session.execute(
            select(NoteVersion.replaced_at, NoteVersion.text).where(NoteVersion.note_id == note_id).order_by(NoteVersion.id)
        )
        return [(at, text) for at, text in rows]
