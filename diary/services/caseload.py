"""Read-side queries for the caseload list and the Today panel."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Row, Select, and_, func, or_, select, union
from sqlalchemy.orm import Session

from diary.domain.compliance_state import ComplianceState
from diary.domain.enforcement_words import state_line
from diary.domain.vocab import OrderType, Outcome
from diary.services.compliance import compliance_states
from diary.services.team import covered_people
from diary.store.database import Database
from diary.store.models import Appointment, ContactNote, Person, SentenceOrder

SEEN_OUTCOMES = tuple(o.value for o in Outcome if o.was_seen)
"""The outcomes of an appointment the person came to (complied or not): what 'last seen' and 'last contact' count."""


@dataclass(frozen=True)
class CaseloadRow:
    """One person as the caseload list shows them."""

    person_id: int
    name: str
    sort_name: str
    crn: str
    risk_level: str | None
    order_type: str | None
    in_custody: bool
    key_date: date | None
    next_appointment: datetime | None
    last_contact: datetime | None
    closed: bool = False
    compliance: ComplianceState | None = None
    """The gravest compliance state of the person's running orders, when it asks something of the officer."""

    @property
    def key_date_label(self) -> str:
        """What key_date means for this person."""
        if self.in_custody:
            return "Release"
        return "Licence expiry" if self.order_type == OrderType.LICENCE else "Order end"

    @property
    def compliance_line(self) -> str:
        """The compliance state in a few words ('' when it asks nothing): 'Breach required since Wed 2 Dec: ...'."""
        return state_line(self.compliance) if self.compliance else ""


@dataclass(frozen=True)
class AppointmentRow:
    """One appointment with its person, as lists show it."""

    appointment_id: int
    person_id: int
    person_name: str
    crn: str
    risk_level: str | None
    start: datetime
    minutes: int
    kind: str
    location: str | None
    outcome: str | None
    covered: bool = False
    """On a team diary: the officer covers this person's case for a colleague today."""

    @property
    def listed_name(self) -> str:
        """The name as lists show it, marked when the case is covered for a colleague."""
        return f"{self.person_name} (covering)" if self.covered else self.person_name

    def state(self, now: datetime) -> str:
        """'recorded', 'in progress', 'to record' or 'to come', relative to now."""
        if self.outcome is not None:
            return "recorded"
        if self.start > now:
            return "to come"
        return "in progress" if now < self.start + timedelta(minutes=self.minutes) else "to record"


def current_person_ids(db: Database, today: date, among: Collection[int] | None = None) -> set[int]:
    """The people (of `among`, or all) under supervision on `today`: an order not yet ended, in custody, a booking
    ahead, or no order recorded at all (nothing says their case has closed)."""
    ordered = select(SentenceOrder.person_id).where(or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= today))
    unclosed = select(Person.id).where(
        or_(Person.release_date >= today, ~select(SentenceOrder.id).where(SentenceOrder.person_id == Person.id).exists())
    )
    booked = select(Appointment.person_id).where(
        Appointment.start >= datetime.combine(today, time.min), Appointment.outcome.is_(None)
    )
    if among is not None:
        ordered = ordered.where(SentenceOrder.person_id.in_(among))
        unclosed = unclosed.where(Person.id.in_(among))
        booked = booked.where(Appointment.person_id.in_(among))
    with db.session() as session:
        return set(session.scalars(union(ordered, unclosed, booked)))


def caseload_rows(
    db: Database, today: date | None = None, person_ids: Collection[int] | None = None, include_closed: bool = False
) -> list[CaseloadRow]:
    """The current caseload (closed cases too if asked, or only these people): current order, key date, next and last
    contact (the latest that has happened: a session the person came to, or a note, up to now), compliance state."""
    today = today or date.today()
    now = datetime.combine(today, datetime.now().time())
    current = current_person_ids(db, today, person_ids)
    if person_ids is None and not include_closed:
        person_ids = current

    def only(statement: Select[Any], person_id: Any) -> Select[Any]:
        return statement if person_ids is None else statement.where(person_id.in_(person_ids))

    with db.session() as session:
        next_appt = dict(
            session.execute(
                only(select(Appointment.person_id, func.min(Appointment.start)), Appointment.person_id)
                .where(Appointment.start >= now, Appointment.outcome.is_(None))
                .group_by(Appointment.person_id)
            ).all()
        )
        last_seen = dict(
            session.execute(
                only(select(Appointment.person_id, func.max(Appointment.start)), Appointment.person_id)
                .where(Appointment.start <= now, Appointment.outcome.in_(SEEN_OUTCOMES))
                .group_by(Appointment.person_id)
            ).all()
        )
        last_note = dict(
            session.execute(
                only(select(ContactNote.person_id, func.max(ContactNote.at)), ContactNote.person_id)
                .where(ContactNote.at <= now)
                .group_by(ContactNote.person_id)
            ).all()
        )
        orders = _current_orders(
            session,
            today,
            only(select(SentenceOrder.person_id, SentenceOrder.type, SentenceOrder.start_date, SentenceOrder.end_date),
                 SentenceOrder.person_id),
        )
        people = only(
            select(Person.id, Person.first_name, Person.last_name, Person.crn, Person.risk_level, Person.release_date),
            Person.id,
        )
        people_rows = session.execute(people).all()
    states = compliance_states(db, [p.id for p in people_rows if p.id in current], today)
    rows = []
    for person in people_rows:
        order = orders.get(person.id)
        in_custody = person.release_date is not None and person.release_date >= today
        last = max((d for d in (last_seen.get(person.id), last_note.get(person.id)) if d), default=None)
        standing = states.get(person.id)
        rows.append(
            CaseloadRow(
                person_id=person.id,
                name=f"{person.first_name} {person.last_name}",
                sort_name=f"{person.last_name}, {person.first_name}",
                crn=person.crn,
                risk_level=person.risk_level,
                order_type=order.type if order else None,
                in_custody=in_custody,
                key_date=person.release_date if in_custody else (order.end_date if order else None),
                next_appointment=next_appt.get(person.id),
                last_contact=last,
                closed=person.id not in current,
                compliance=standing.flagged if standing else None,
            )
        )
    rows.sort(key=lambda r: r.sort_name.lower())
    return rows


@dataclass(frozen=True)
class CustodyRow:
    """Someone in custody, for the throughcare list."""

    person_id: int
    name: str
    crn: str
    risk_level: str | None
    prison: str | None
    release_date: date
    weeks_to_release: int


def throughcare_rows(db: Database, today: date | None = None) -> list[CustodyRow]:
    """Everyone in custody with a release date from today on, soonest release first."""
    today = today or date.today()
    with db.session() as session:
        people = session.scalars(
            select(Person).where(Person.release_date >= today).order_by(Person.release_date, Person.last_name)
        )
        rows = []
        for p in people:
            release = cast(date, p.release_date)
            rows.append(CustodyRow(p.id, p.name, p.crn, p.risk_level, p.custody_prison, release, (release - today).days // 7))
        return rows


def _current_orders(session: Session, today: date, orders: Select[Any]) -> dict[int, Row[Any]]:
    """Each person's current order among these orders (rows of person_id, type, start_date and end_date):
    running today, else the latest starting one."""
    best: dict[int, Row[Any]] = {}
    for order in session.execute(orders):
        current = best.get(order.person_id)
        if current is None or _order_rank(order, today) > _order_rank(current, today):
            best[order.person_id] = order
    return best


def _order_rank(order: Row[Any], today: date) -> tuple[int, date]:
    """Rank orders: running ones first, then by start date."""
    running = (order.start_date or date.min) <= today <= (order.end_date or date.max)
    court_order = OrderType(order.type).is_court_order
    return (2 if running else 0) + (1 if court_order else 0), order.start_date or date.min


def appointments_between(db: Database, start: datetime, end: datetime) -> list[AppointmentRow]:
    """Appointments starting in [start, end), earliest first, with their people."""
    with db.session() as session:
        result = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(and_(Appointment.start >= start, Appointment.start < end))
            .order_by(Appointment.start, Appointment.id)
        )
        rows = [_appointment_row(a, p) for a, p in result]
    return mark_covered(db, rows)


def outcomes_to_record(db: Database, now: datetime | None = None) -> list[AppointmentRow]:
    """Appointments that have ended with no outcome yet, oldest first."""
    now = now or datetime.now()
    with db.session() as session:
        result = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(Appointment.start <= now, Appointment.outcome.is_(None))
            .order_by(Appointment.start, Appointment.id)
        )
        rows = [_appointment_row(a, p) for a, p in result]
    return mark_covered(db, [row for row in rows if row.state(now) == "to record"])


def mark_covered(db: Database, rows: list[AppointmentRow]) -> list[AppointmentRow]:
    """The rows with those of cases covered for a colleague today marked (nothing to mark in a local diary)."""
    covered = covered_people(db)
    return [replace(row, covered=True) if row.person_id in covered else row for row in rows] if covered else rows


def todays_appointments(db: Database, today: date | None = None) -> list[AppointmentRow]:
    """Today's appointments, earliest first."""
    day = datetime.combine(today or date.today(), time.min)
    return appointments_between(db, day, day + timedelta(days=1))


def _appointment_row(a: Appointment, p: Person) -> AppointmentRow:
    """An appointment and its person as a row."""
    return AppointmentRow(
        appointment_id=a.id,
        person_id=p.id,
        person_name=p.name,
        crn=p.crn,
        risk_level=p.risk_level,
        start=a.start,
        minutes=a.minutes,
        kind=a.kind,
        location=a.location,
        outcome=a.outcome,
    )
