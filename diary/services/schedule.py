"""The officer's time, read from the diary: busy stretches, free slots for the next booking, warnings, overdue people.

The Record session window calls `next_slots` for the slots it offers and `booking_warnings_for` for the
warnings it shows under the chosen date and time; the Today panel calls `overdue_list`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from diary.domain.scheduling import (
    bank_holiday,
    Busy,
    CommitmentRecord,
    ContactRow,
    Occurrence,
    Overdue,
    booking_warnings,
    earliest_next,
    expand_commitments,
    free_slots,
    next_due,
    occurrences_as_busy,
    overdue_people,
)
from diary.domain.vocab import AppointmentKind, Outcome, RiskLevel
from diary.services.caseload import SEEN_OUTCOMES
from diary.services.preferences import get_frequency_defaults
from diary.services.working_pattern import get_working_pattern
from diary.store.database import Database
from diary.store.models import Appointment, Commitment, Person, SentenceOrder

DEFAULT_MINUTES = {
    AppointmentKind.OFFICE: 60,
    AppointmentKind.HOME_VISIT: 60,
    AppointmentKind.PHONE: 30,
    AppointmentKind.VIDEO: 30,
    AppointmentKind.PRISON_VISIT: 120,
    AppointmentKind.THREE_WAY_MEETING: 60,
    AppointmentKind.UNPAID_WORK_SESSION: 420,
    AppointmentKind.PROGRAMME_SESSION: 150,
    AppointmentKind.OTHER: 60,
}
RUN_BY_OTHERS = (AppointmentKind.UNPAID_WORK_SESSION.value, AppointmentKind.PROGRAMME_SESSION.value)
"""Kinds of booking that do not take the officer's own time (unpaid work and programme staff run them)."""

LONGEST_BOOKING = timedelta(days=1)
GOING_AHEAD = or_(Appointment.outcome.is_(None), Appointment.outcome != Outcome.RESCHEDULED.value)
"""Bookings not cancelled for rescheduling (outcome RESCHEDULED), as an SQL condition."""


def bookings_between(db: Database, start: datetime, end: datetime) -> list[tuple[Appointment, Person]]:
    """Bookings starting in [start, end) that are still going ahead, with their people, in time order."""
    with db.session() as session:
        rows = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(Appointment.start >= start, Appointment.start < end, GOING_AHEAD)
            .order_by(Appointment.start, Appointment.id)
        ).all()
        return [(a, p) for a, p in rows]


def commitment_occurrences(db: Database, start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence of the officer's commitments overlapping [start, end), in time order."""
    with db.session() as session:
        return expand_commitments(_commitment_records(session, start, end), start, end)


def _commitment_records(session: Session, start: datetime, end: datetime) -> list[CommitmentRecord]:
    """The commitments that can have an occurrence in [start, end), as plain records."""
    return [commitment_record(c) for c in commitments_near(session, start, end)]


def commitments_near(session: Session, start: datetime, end: datetime) -> list[Commitment]:
    """The stored commitments (skipped dates loaded) that can have an occurrence in [start, end)."""
    return list(session.scalars(
        select(Commitment)
        .where(
            Commitment.start < end,
            or_(
                Commitment.end > start,
                and_(
                    Commitment.every_weeks.is_not(None),
                    or_(Commitment.repeat_until.is_(None), Commitment.repeat_until >= start.date()),
                ),
            ),
        )
        .options(selectinload(Commitment.exceptions))
        .order_by(Commitment.start, Commitment.id)
    ))


def commitment_record(row: Commitment) -> CommitmentRecord:
    """A stored commitment as the domain's plain record."""
    return CommitmentRecord(
        row.id, row.kind, row.start, row.end, row.title, row.every_weeks, row.repeat_until,
        frozenset(e.date for e in row.exceptions),
    )


def _live_bookings(session: Session, start: datetime, end: datetime, person_id: int | None) -> list[tuple[Appointment, Person]]:
    """Bookings overlapping [start, end) that are still going ahead: the officer's own, and any of this person's."""
    takes_officer = Appointment.kind.not_in(RUN_BY_OTHERS)
    rows = session.execute(
        select(Appointment, Person)
        .join(Person, Appointment.person_id == Person.id)
        .where(
            Appointment.start >= start - LONGEST_BOOKING,
            Appointment.start < end,
            GOING_AHEAD,
            or_(takes_officer, Appointment.person_id == person_id) if person_id is not None else takes_officer,
        )
        .order_by(Appointment.start, Appointment.id)
    ).all()
    return [(a, p) for a, p in rows if a.end > start]


def busy_intervals(
    db: Database, start: datetime, end: datetime, exclude_appointment_id: int | None = None, person_id: int | None = None
) -> list[Busy]:
    """The officer's taken time in [start, end): bookings still going ahead and commitment occurrences.

    Unpaid work and programme sessions do not take the officer's time, except the given person's own
    (so their clashes are still found). `exclude_appointment_id` leaves out a booking being moved.
    """
    with db.session() as session:
        bookings = [
            Busy(a.start, a.end, f"{p.name}, {AppointmentKind(a.kind).label.lower()}")
            for a, p in _live_bookings(session, start, end, person_id)
            if a.id != exclude_appointment_id
        ]
        occurrences = expand_commitments(_commitment_records(session, start, end), start, end)
    return sorted(bookings + occurrences_as_busy(occurrences), key=lambda b: (b.start, b.end))


def _latest_of_kind(db: Database, person_id: int, kind: str) -> Row[tuple[datetime, int]] | None:
    """The start and length of the person's latest booking of this kind, if any."""
    with db.session() as session:
        return session.execute(
            select(Appointment.start, Appointment.minutes)
            .where(Appointment.person_id == person_id, Appointment.kind == kind)
            .order_by(Appointment.start.desc())
            .limit(1)
        ).first()


def booking_minutes(db: Database, person_id: int, kind: str) -> int:
    """How long a booking of this kind for this person usually is: their latest one of the kind, else the kind's default."""
    latest = _latest_of_kind(db, person_id, kind)
    return (latest.minutes if latest else None) or DEFAULT_MINUTES[AppointmentKind(kind)]


def reporting_frequency(db: Database, person_id: int) -> int | None:
    """The person's reporting frequency (days, or scheduling.MONTHLY); when they have none, the usual one for
    their risk level (Preferences); None when neither is known."""
    with db.session() as session:
        row = session.execute(
            select(Person.reporting_frequency_days, Person.risk_level).where(Person.id == person_id)
        ).one_or_none()
    if row is None:
        return None
    return with_default(row[0], row[1], get_frequency_defaults(db))


def with_default(frequency: int | None, risk: str | None, defaults: dict[RiskLevel, int]) -> int | None:
    """A person's own reporting frequency, else the usual one for their risk level, else None."""
    if frequency is not None:
        return frequency
    try:
        return defaults.get(RiskLevel(risk)) if risk else None
    except ValueError:
        return None


def next_slots(
    db: Database,
    person_id: int,
    kind: str,
    after: datetime,
    count: int = 3,
    minutes: int | None = None,
    exclude_appointment_id: int | None = None,
) -> list[datetime]:
    """The earliest free starts for a person's next booking, earliest first (at most `count`).

    person_id: whose booking; their reporting frequency decides the first day offered (a little before
        the next appointment falls due, counted from `after`'s date), and their own bookings count as busy.
    kind: an AppointmentKind value; it sets the length when `minutes` is not given (the person's latest
        booking of that kind, else the kind's default, see `booking_minutes`).
    after: no slot starts before this; pass the end of the session being recorded.
    exclude_appointment_id: a booking being moved, whose own time is not counted as busy.
    Slots fall inside the working pattern (days, hours, not lunch, not bank holidays), clear of
    bookings and of commitment occurrences (court duty, duty officer, leave...), and do not overlap
    one another. Returns fewer than `count` only when a year ahead holds no more room.
    """
    duration = timedelta(minutes=minutes or booking_minutes(db, person_id, kind))
    if kind in RUN_BY_OTHERS:
        return group_session_slots(db, person_id, kind, after, count)
    earliest = earliest_next(after.date(), reporting_frequency(db, person_id))
    horizon_start = max(after, datetime.combine(earliest, time.min)) if earliest else after
    busy = busy_intervals(db, horizon_start, horizon_start + timedelta(days=366), exclude_appointment_id, person_id)
    return free_slots(after, duration, get_working_pattern(db), busy, earliest, count)


def group_session_slots(db: Database, person_id: int, kind: str, after: datetime, count: int = 3) -> list[datetime]:
    """The next weekly unpaid work or programme sessions after `after`, on the weekday and at the time of the
    person's latest one (else Saturday 09:00 for unpaid work, Wednesday 10:00 for a programme), bank holidays skipped.

    These sessions are run by other staff, so the officer's working hours and bookings do not limit them.
    """
    latest = _latest_of_kind(db, person_id, kind)
    if latest is None:
        weekday, at = (5, time(9)) if kind == AppointmentKind.UNPAID_WORK_SESSION else (2, time(10))
    else:
        weekday, at = latest.start.weekday(), latest.start.time()
    day = after.date() + timedelta(days=(weekday - after.weekday()) % 7)
    slots: list[datetime] = []
    while len(slots) < count:
        start = datetime.combine(day, at)
        if start >= after and bank_holiday(day) is None:
            slots.append(start)
        day += timedelta(weeks=1)
    return slots


def booking_warnings_for(
    db: Database,
    person_id: int,
    start: datetime,
    minutes: int,
    rar_days_left: int | None = None,
    rar_days_needed: int = 1,
    exclude_appointment_id: int | None = None,
    since: date | None = None,
) -> list[str]:
    """Plain-English warnings for booking this person at `start` for `minutes`; empty when all is well.

    Warns on overlaps with bookings, commitments (court duty...), non-working days, bank holidays,
    hours outside the working pattern or in lunch, more RAR days than `rar_days_left` (taken as given,
    from the enforcement counts; None skips the check), and a date later than the reporting frequency
    allows, counted from `since` (pass the date of the session being recorded) or else the person's
    last kept appointment before `start`.
    """
    end = start + timedelta(minutes=minutes)
    busy = busy_intervals(db, start, end, exclude_appointment_id, person_id)
    frequency = reporting_frequency(db, person_id)
    base = since or _last_kept_before(db, person_id, start)
    due_by = next_due(base, frequency) if frequency is not None and base is not None else None
    return booking_warnings(
        start, end - start, get_working_pattern(db), busy, rar_days_left, rar_days_needed, due_by
    )


def _last_kept_before(db: Database, person_id: int, before: datetime) -> date | None:
    """The date of the person's last kept appointment before a time."""
    with db.session() as session:
        last = session.scalar(
            select(func.max(Appointment.start)).where(
                Appointment.person_id == person_id, Appointment.start < before, Appointment.outcome.in_(SEEN_OUTCOMES)
            )
        )
    return last.date() if last else None


def overdue_list(db: Database, now: datetime | None = None) -> list[Overdue]:
    """For the Today panel: everyone under supervision not seen within their frequency or with nothing booked, worst first.

    Under supervision means an order running today and not in custody.
    """
    now = now or datetime.now()
    today = now.date()
    defaults = get_frequency_defaults(db)
    with db.session() as session:
        started = dict(
            session.execute(
                select(SentenceOrder.person_id, func.max(SentenceOrder.start_date))
                .where(
                    or_(SentenceOrder.start_date.is_(None), SentenceOrder.start_date <= today),
                    or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= today),
                )
                .group_by(SentenceOrder.person_id)
            ).all()
        )
        supervised = Appointment.person_id.in_(list(started))
        last_kept = dict(
            session.execute(
                select(Appointment.person_id, func.max(Appointment.start))
                .where(supervised, Appointment.start <= now, Appointment.outcome.in_(SEEN_OUTCOMES))
                .group_by(Appointment.person_id)
            ).all()
        )
        next_booked = dict(
            session.execute(
                select(Appointment.person_id, func.min(Appointment.start))
                .where(supervised, Appointment.start > now, Appointment.outcome.is_(None))
                .group_by(Appointment.person_id)
            ).all()
        )
        people = session.scalars(
            select(Person).where(
                Person.id.in_(list(started)), or_(Person.release_date.is_(None), Person.release_date < today)
            )
        )
        rows = [
            ContactRow(
                p.id,
                p.name,
                p.crn,
                with_default(p.reporting_frequency_days, p.risk_level, defaults),
                last_kept[p.id].date() if p.id in last_kept else None,
                next_booked.get(p.id),
                max((d for d in (started[p.id], p.release_date) if d), default=None),
            )
            for p in people
        ]
    return overdue_people(rows, today)
