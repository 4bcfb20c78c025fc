"""What the Record session window needs to know besides the appointment itself, worked out in one read: the working
pattern, the evidence date and hours to offer, the RAR days the order has left, and the person's bookings ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from diary.domain.enforcement import rar_progress
from diary.domain.enforcement_facts import AppointmentFact
from diary.domain.enforcement_rules import EnforcementRules
from diary.domain.scheduling import WorkingPattern, add_working_days
from diary.domain.vocab import Outcome, RequirementType
from diary.services.compliance import load_rules
from diary.services.recording import SessionContext
from diary.services.working_pattern import get_working_pattern
from diary.store.database import Database
from diary.store.models import Appointment, Requirement

EVIDENCE_WORKING_DAYS = 2
"""Evidence of an acceptable reason for failing to attend is asked for within this many working days."""


@dataclass(frozen=True)
class BookingAhead:
    """One of the person's appointments still to come."""

    appointment_id: int
    start: datetime
    minutes: int
    kind: str


@dataclass(frozen=True)
class SessionNeeds:
    """What the window offers and checks, so it holds no rules of its own."""

    pattern: WorkingPattern
    evidence_due: date
    """The evidence date to offer for 'failed to attend, awaiting evidence'."""
    hours_credited: float
    """The unpaid work hours to offer before the officer sets them."""
    rar_days_left: int | None
    """RAR days the order still has for new bookings (None when this is no RAR activity, or it has no maximum)."""
    bookings_ahead: tuple[BookingAhead, ...]
    """The person's bookings from now on, soonest first, this appointment left out: what a new booking must fit
    around (the place for rules about the next appointment against those already made)."""


def session_needs(db: Database, context: SessionContext, now: datetime) -> SessionNeeds:
    """Everything the Record session window needs for this appointment (or unplanned contact), as of now."""
    pattern = get_working_pattern(db)
    rules = load_rules(db)
    with db.session() as session:
        rar_left = _rar_days_left(session, context, now.date(), rules)
        ahead = _bookings_ahead(session, context, now)
    return SessionNeeds(
        pattern=pattern,
        evidence_due=context.evidence_due or add_working_days(context.start.date(), EVIDENCE_WORKING_DAYS, pattern),
        hours_credited=context.hours_credited if context.hours_credited is not None else context.minutes / 60,
        rar_days_left=rar_left,
        bookings_ahead=ahead,
    )


def _rar_days_left(session: Session, context: SessionContext, today: date, rules: EnforcementRules) -> int | None:
    """The RAR days left on the appointment's requirement, counted from its own appointments only."""
    if not context.rar_activity or context.requirement_id is None:
        return None
    requirement = session.get(Requirement, context.requirement_id)
    if requirement is None or requirement.type != RequirementType.RAR:
        return None
    days_max = requirement.max_days or requirement.hours or requirement.sessions
    if days_max is None:
        return None
    rar_requirements = session.scalars(
        select(Requirement.id).where(Requirement.order_id == requirement.order_id, Requirement.type == RequirementType.RAR)
    ).all()
    own = Appointment.requirement_id == requirement.id
    if len(rar_requirements) == 1:  # RAR activities booked on the order alone count against its only RAR requirement
        own = or_(own, and_(Appointment.order_id == requirement.order_id, Appointment.requirement_id.is_(None)))
    rows = session.execute(
        select(Appointment.start, Appointment.outcome, Appointment.rar_activity).where(
            own, Appointment.person_id == context.person_id
        )
    ).all()
    facts = [AppointmentFact(start, Outcome(outcome) if outcome else None, None, rar) for start, outcome, rar in rows]
    progress = rar_progress(facts, days_max, today, rules)
    return days_max - progress.days_used - progress.days_booked


def _bookings_ahead(session: Session, context: SessionContext, now: datetime) -> tuple[BookingAhead, ...]:
    """The person's appointments from now on with no outcome yet, soonest first (not the one being recorded)."""
    rows = session.execute(
        select(Appointment.id, Appointment.start, Appointment.minutes, Appointment.kind)
        .where(
            Appointment.person_id == context.person_id,
            Appointment.start >= now,
            Appointment.outcome.is_(None),
            Appointment.id != (context.appointment_id or 0),
        )
        .order_by(Appointment.start, Appointment.id)
    ).all()
    return tuple(BookingAhead(*row) for row in rows)
