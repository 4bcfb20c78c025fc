"""Erasing a person whose case has closed: their rows, their attached files, their drafts, and the values in their audit trail.

Backups taken before the erasure still hold the person until the thinning policy removes those
backups (within about ten months of regular use); backups copied elsewhere with
`diary backup --out` are beyond the diary's reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from diary.domain.crn import normalise_crn
from diary.domain.text import long_date, plural
from diary.services.backups import kept_backups
from diary.services.diary_file import Diary
from diary.services.drafts import discard_draft, list_drafts
from diary.store.audit import redact_person
from diary.store.database import StoreError
from diary.store.models import Appointment, ContactNote, Document, Person, SentenceOrder

BACKUPS_AGE_OUT = "about ten months"


class RetentionError(StoreError):
    """A person who cannot be erased (not found, or their case is still open); says why plainly."""


@dataclass(frozen=True)
class OrderFacts:
    """What retention needs to know about one order or licence."""

    ref: str
    end_date: date | None


@dataclass(frozen=True)
class CaseFacts:
    """The dates that decide whether a person's case is still open."""

    release_date: date | None
    licence_expiry: date | None
    sentence_expiry: date | None
    pss_end: date | None
    orders: tuple[OrderFacts, ...]
    next_booking: datetime | None


def open_reasons(facts: CaseFacts, now: datetime) -> list[str]:
    """Why a case is still open, in plain words; an empty list means it has closed."""
    today = now.date()
    reasons = []
    if facts.release_date is not None and facts.release_date >= today:
        reasons.append(f"they are in custody, due for release on {long_date(facts.release_date)}")
    for order in facts.orders:
        if order.end_date is None:
            reasons.append(f"order {order.ref} has no end date")
        elif order.end_date >= today:
            reasons.append(f"order {order.ref} runs until {long_date(order.end_date)}")
    for label, day in (
        ("their licence", facts.licence_expiry),
        ("their sentence", facts.sentence_expiry),
        ("post-sentence supervision", facts.pss_end),
    ):
        if day is not None and day >= today:
            reasons.append(f"{label} runs until {long_date(day)}")
    if facts.next_booking is not None:
        reasons.append(f"they have an appointment booked on {long_date(facts.next_booking.date())}")
    return reasons


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing one person would remove, and whether their case has closed."""

    crn: str
    name: str
    orders: int
    appointments: int
    notes: int
    documents: int
    still_open: tuple[str, ...]

    def describe(self) -> str:
        """What would go, in one line."""
        return (
            f"{self.name} ({self.crn}): {plural(self.orders, 'order')}, {plural(self.appointments, 'appointment')}, "
            f"{plural(self.notes, 'contact note')}, {plural(self.documents, 'document')}."
        )

    def refusal(self) -> str:
        """Why this person cannot be erased yet."""
        return f"{self.name}'s case has not closed: {'; '.join(self.still_open)}. Nothing was erased."


@dataclass(frozen=True)
class ErasureReport:
    """An erasure that was done, and what still holds the person for now."""

    plan: ErasurePlan
    files_removed: int
    backups_holding: int

    def describe(self) -> str:
        """What was erased and what remains for a while, in plain words."""
        text = f"Erased {self.plan.describe()}"
        if self.backups_holding:
            text += (
                f" {plural(self.backups_holding, 'earlier backup still holds', 'earlier backups still hold')} "
                f"this record until the backups are thinned ({BACKUPS_AGE_OUT} of regular use); "
                "copies you made with `diary backup --out` must be deleted by hand."
            )
        return text


def plan_erasure(diary: Diary, crn: str, now: datetime | None = None) -> ErasurePlan:
    """What erasing the person with this CRN would remove, and why their case is still open, if it is."""
    with diary.db.session() as session:
        return _plan(session, _person(session, crn), now or datetime.now())


def erase_person(diary: Diary, crn: str, now: datetime | None = None) -> ErasureReport:
    """Erase a person whose case has closed: every row about them, their attached files and their drafts."""
    now = now or datetime.now()
    local = not diary.team  # a team server overwrites freed rows by its own vacuuming; SQLite needs telling
    with diary.db.transaction() as session:
        if local:
            session.execute(text("PRAGMA secure_delete = ON"))
        person = _person(session, crn)
        plan = _plan(session, person, now)
        if plan.still_open:
            raise RetentionError(plan.refusal())
        person_id = person.id
        stored = [document.stored_name for document in person.documents]
        session.delete(person)
        session.flush()
        redact_person(session.connection(), person_id, now)
    for name in stored:
        diary.blobs.delete(name)
    for draft in list_drafts(diary.blobs):
        if draft.person_id == person_id:
            discard_draft(diary.blobs, draft.key)
    if local:
        with diary.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return ErasureReport(plan, len(stored), len(kept_backups(diary)))


def _person(session: Session, crn: str) -> Person:
    """The person with this CRN, or RetentionError."""
    person = session.scalars(select(Person).where(Person.crn == normalise_crn(crn))).one_or_none()
    if person is None:
        raise RetentionError(f"There is nobody with CRN {normalise_crn(crn)} in the diary. Nothing was erased.")
    return person


def _plan(session: Session, person: Person, now: datetime) -> ErasurePlan:
    """The erasure plan for a loaded person."""
    orders = session.scalars(select(SentenceOrder).where(SentenceOrder.person_id == person.id)).all()
    next_booking = session.scalar(
        select(func.min(Appointment.start)).where(
            Appointment.person_id == person.id, Appointment.start >= now, Appointment.outcome.is_(None)
        )
    )
    facts = CaseFacts(
        person.release_date,
        person.licence_expiry,
        person.sentence_expiry,
        person.pss_end,
        tuple(OrderFacts(o.ref, o.end_date) for o in orders),
        next_booking,
    )
    return ErasurePlan(
        crn=person.crn,
        name=person.name,
        orders=len(orders),
        appointments=_count(session, Appointment, person.id),
        notes=_count(session, ContactNote, person.id),
        documents=_count(session, Document, person.id),
        still_open=tuple(open_reasons(facts, now)),
    )


def _count(session: Session, model: type[Appointment] | type[ContactNote] | type[Document], person_id: int) -> int:
    """How many rows of a person-owned table belong to the person."""
    return session.scalar(select(func.count()).select_from(model).where(model.person_id == person_id)) or 0
