"""One person's whole record, read in one go for their page and the court check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import selectinload

from diary.store.database import Database
from diary.store.models import Appointment, ContactNote, Person, SentenceOrder


@dataclass(frozen=True)
class RequirementInfo:
    """A requirement of an order, as the page lists it."""

    id: int
    ref: str
    type: str
    measure: int | None
    name: str | None
    text: str | None


@dataclass(frozen=True)
class ActionInfo:
    """A dated enforcement action."""

    date: date
    action: str
    note: str | None


@dataclass(frozen=True)
class OrderInfo:
    """An order or licence with its requirements and enforcement actions."""

    id: int
    ref: str
    type: str
    start_date: date | None
    end_date: date | None
    court: str | None
    requirements: tuple[RequirementInfo, ...]
    actions: tuple[ActionInfo, ...]


@dataclass(frozen=True)
class AppointmentInfo:
    """An appointment on a person's page."""

    id: int
    start: datetime
    minutes: int
    kind: str
    location: str | None
    outcome: str | None
    requirement_ref: str | None
    notes: str | None


@dataclass(frozen=True)
class NoteInfo:
    """A contact note on a person's page."""

    id: int
    at: datetime
    kind: str
    text: str
    sensitive: bool
    edited: bool
    version: int = 1


@dataclass(frozen=True)
class PersonDetail:
    """Everything the person's page shows."""

    id: int
    crn: str
    first_name: str
    last_name: str
    aliases: tuple[str, ...]
    date_of_birth: date | None
    pnc: str | None
    risk_level: str | None
    tier: str | None
    mappa_category: int | None
    mappa_level: int | None
    mappa_review_date: date | None
    phone: str | None
    address: str | None
    flags: tuple[str, ...]
    custody_prison: str | None
    release_date: date | None
    sentence_date: date | None
    licence_expiry: date | None
    sentence_expiry: date | None
    pss_end: date | None
    reporting_frequency_days: int | None
    personal_contacts: tuple[tuple[str, str | None, str | None], ...]
    orders: tuple[OrderInfo, ...]
    appointments: tuple[AppointmentInfo, ...]
    notes: tuple[NoteInfo, ...]

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    def key_dates(self) -> list[tuple[str, date]]:
        """The dates that matter, labelled, in date order (only those known)."""
        dates = [
            ("Sentence", self.sentence_date),
            ("Release", self.release_date),
            ("Licence expiry", self.licence_expiry),
            ("Sentence expiry", self.sentence_expiry),
            ("Post-sentence supervision ends", self.pss_end),
            ("MAPPA review", self.mappa_review_date),
        ]
        dates += [(f"{o.ref}: {o.type.replace('_', ' ')} ends", o.end_date) for o in self.orders]
        return sorted(((label, d) for label, d in dates if d is not None), key=lambda item: item[1])

    def upcoming(self, now: datetime) -> list[AppointmentInfo]:
        """Appointments from now on, soonest first."""
        return [a for a in self.appointments if a.start >= now]

    def past(self, now: datetime) -> list[AppointmentInfo]:
        """Appointments before now, newest first."""
        return [a for a in reversed(self.appointments) if a.start < now]


def person_detail(db: Database, person_id: int) -> PersonDetail | None:
    """Read one person with everything under them, or None if they are not in the diary."""
    with db.session() as session:
        person = session.get(
            Person,
            person_id,
            options=[
                selectinload(Person.aliases),
                selectinload(Person.personal_contacts),
                selectinload(Person.orders).selectinload(SentenceOrder.requirements),
                selectinload(Person.orders).selectinload(SentenceOrder.enforcement_actions),
                selectinload(Person.appointments).selectinload(Appointment.requirement),
                selectinload(Person.contact_notes).selectinload(ContactNote.versions),
            ],
        )
        if person is None:
            return None
        return PersonDetail(
            id=person.id,
            crn=person.crn,
            first_name=person.first_name,
            last_name=person.last_name,
            aliases=tuple(a.name for a in person.aliases),
            date_of_birth=person.date_of_birth,
            pnc=person.pnc,
            risk_level=person.risk_level,
            tier=person.tier,
            mappa_category=person.mappa_category,
            mappa_level=person.mappa_level,
            mappa_review_date=person.mappa_review_date,
            phone=person.phone,
            address=person.address,
            flags=person.flag_list,
            custody_prison=person.custody_prison,
            release_date=person.release_date,
            sentence_date=person.sentence_date,
            licence_expiry=person.licence_expiry,
            sentence_expiry=person.sentence_expiry,
            pss_end=person.pss_end,
            reporting_frequency_days=person.reporting_frequency_days,
            personal_contacts=tuple((c.name, c.relationship_, c.phone) for c in person.personal_contacts),
            orders=tuple(_order_info(o) for o in person.orders),
            appointments=tuple(
                AppointmentInfo(
                    a.id, a.start, a.minutes, a.kind, a.location, a.outcome,
                    a.requirement.ref if a.requirement else None, a.notes,
                )
                for a in person.appointments
            ),
            notes=tuple(
                NoteInfo(n.id, n.at, n.kind, n.text, n.sensitive, bool(n.versions), n.version)
                for n in sorted(person.contact_notes, key=lambda n: (n.at, n.id), reverse=True)
            ),
        )


def _order_info(order: SentenceOrder) -> OrderInfo:
    """An order as plain data."""
    return OrderInfo(
        id=order.id,
        ref=order.ref,
        type=order.type,
        start_date=order.start_date,
        end_date=order.end_date,
        court=order.court,
        requirements=tuple(
            RequirementInfo(r.id, r.ref, r.type, r.max_days or r.hours or r.sessions, r.name, r.text)
            for r in order.requirements
        ),
        actions=tuple(ActionInfo(a.date, a.action, a.note) for a in order.enforcement_actions),
    )
