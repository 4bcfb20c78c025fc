"""The diary's day and week views: what a date range shows, read in a few indexed queries; booking, moving,
resizing and cancelling from the view, each one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from diary.domain.compliance_state import ComplianceState
from diary.domain.scheduling import (
    Busy,
    Occurrence,
    WorkingPattern,
    bank_holiday,
    booking_warnings,
    is_working_day,
    occurrences_as_busy,
)
from diary.domain.text import long_date
from diary.domain.vocab import (
    AppointmentKind,
    CommitmentKind,
    Outcome,
    RescheduleRequester,
)
from diary.services.caseload import AppointmentRow, mark_covered
from diary.services.compliance import compliance_states
from diary.services.handover import COVER_KEY
from diary.services.schedule import RUN_BY_OTHERS, commitment_occurrences
from diary.services.settings import get_setting
from diary.services.working_pattern import get_working_pattern
from diary.store.database import Database
from diary.store.models import Appointment, Person, SentenceOrder

LONGEST_MINUTES = 24 * 60


class DiaryError(ValueError):
    """A change the diary refuses; the message says why in plain English."""


@dataclass(frozen=True)
class DiaryDay:
    """One day as the view shows it: working or not, bank holiday, working hours and lunch, who covers it."""

    day: date
    working: bool
    bank_holiday: str | None
    hours: tuple[datetime, datetime]
    lunch: tuple[datetime, datetime] | None
    covered_by: str | None = None


@dataclass(frozen=True)
class DiaryBooking:
    """A booking still going ahead, with what is wrong about its time (overlaps, commitments, non-working time)."""

    row: AppointmentRow
    clash: str | None = None
    """A short flag for the view ('In court duty', 'Overlap', 'Outside working time'), None when all is well."""
    warnings: tuple[str, ...] = ()
    compliance: ComplianceState | None = None
    """The person's compliance state when it asks something of the officer (breach, a live warning), else None."""

    @property
    def end(self) -> datetime:
        """When the booking ends."""
        return self.row.start + timedelta(minutes=self.row.minutes)

    @property
    def takes_officer_time(self) -> bool:
        """False for unpaid work and programme sessions, which others run."""
        return self.row.kind not in RUN_BY_OTHERS


@dataclass(frozen=True)
class DiaryRange:
    """Everything a day or week view shows for [first, first + len(days))."""

    first: date
    days: tuple[DiaryDay, ...]
    bookings: tuple[DiaryBooking, ...]
    occurrences: tuple[Occurrence, ...]
    cancelled: tuple[AppointmentRow, ...]
    pattern: WorkingPattern

    def occurrences_on(self, day: date) -> list[Occurrence]:
        """The commitment occurrences touching a day, in time order."""
        start = datetime.combine(day, time.min)
        return [o for o in self.occurrences if o.start < start + timedelta(days=1) and o.end > start]


def load_range(db: Database, first: date, days: int = 7, today: date | None = None) -> DiaryRange:
    """The bookings (with people, and each person's compliance state on `today`), commitment occurrences and day
    facts of `days` days from `first`."""
    start = datetime.combine(first, time.min)
    end = start + timedelta(days=days)
    pattern = get_working_pattern(db)
    with db.session() as session:
        rows = mark_covered(db, [
            AppointmentRow(*row[:2], f"{row[2]} {row[3]}", *row[4:])
            for row in session.execute(_range_query(start, end))
        ])
    occurrences = commitment_occurrences(db, start, end)
    covers: dict[str, str] = get_setting(db, COVER_KEY) or {}
    day_facts = tuple(_day(first + timedelta(days=i), pattern, covers) for i in range(days))
    live = [r for r in rows if r.outcome != Outcome.RESCHEDULED]
    states = compliance_states(db, {r.person_id for r in live}, today)
    return DiaryRange(
        first,
        day_facts,
        tuple(replace(b, compliance=states[b.row.person_id].flagged) if b.row.person_id in states else b
              for b in _flagged(live, occurrences, pattern)),
        tuple(occurrences),
        tuple(r for r in rows if r.outcome == Outcome.RESCHEDULED),
        pattern,
    )


def _range_query(start: datetime, end: datetime) -> Select[Any]:
    """Appointments starting in [start, end) with their people's names and risk, by the start index."""
    return (
        select(
            Appointment.id,
            Appointment.person_id,
            Person.first_name,
            Person.last_name,
            Person.crn,
            Person.risk_level,
            Appointment.start,
            Appointment.minutes,
            Appointment.kind,
            Appointment.location,
            Appointment.outcome,
        )
        .join(Person, Appointment.person_id == Person.id)
        .where(Appointment.start >= start, Appointment.start < end)
        .order_by(Appointment.start, Appointment.id)
    )


def _day(day: date, pattern: WorkingPattern, covers: dict[str, str]) -> DiaryDay:
    """The facts of one day."""
    return DiaryDay(
        day,
        is_working_day(day, pattern),
        bank_holiday(day),
        pattern.day_bounds(day),
        pattern.lunch_on(day),
        covers.get(day.isoformat()),
    )


def _end(row: AppointmentRow) -> datetime:
    """When a booking ends."""
    return row.start + timedelta(minutes=row.minutes)


def _flagged(
    rows: Sequence[AppointmentRow], occurrences: Sequence[Occurrence], pattern: WorkingPattern
) -> list[DiaryBooking]:
    """Each booking with its clash flag and warnings; only bookings still to record or to come are checked."""
    commitments = occurrences_as_busy(occurrences)
    by_day: dict[date, list[AppointmentRow]] = defaultdict(list)
    for row in rows:
        by_day[row.start.date()].append(row)
    flagged = []
    for row in rows:
        if row.outcome is not None or row.kind in RUN_BY_OTHERS:
            flagged.append(DiaryBooking(row))
            continue
        end = _end(row)
        others = [
            Busy(o.start, _end(o), f"{o.person_name}, {AppointmentKind(o.kind).label.lower()}")
            for o in by_day[row.start.date()]
            if o is not row
            and (o.kind not in RUN_BY_OTHERS or o.person_id == row.person_id)
            and o.start < end
            and row.start < _end(o)
        ]
        within = [o for o in occurrences if o.start < end and row.start < o.end]
        warnings = booking_warnings(
            row.start, end - row.start, pattern, others + [c for c in commitments if c.overlaps(row.start, end)]
        )
        if within:
            clash: str | None = f"In {CommitmentKind(within[0].kind).label.lower()}"
        elif others:
            clash = "Overlap"
        else:
            clash = "Outside working time" if warnings else None
        flagged.append(DiaryBooking(row, clash, tuple(warnings)))
    return flagged


def people_to_book(db: Database) -> list[tuple[int, str]]:
    """Everyone in the diary as (id, 'First Last (CRN)'), by surname, for the booking window."""
    with db.session() as session:
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.crn).order_by(
                Person.last_name, Person.first_name
            )
        )
        return [(pid, f"{first} {last} ({crn})") for pid, first, last, crn in rows]


def book_appointment(
    db: Database, person_id: int, start: datetime, minutes: int, kind: str, location: str | None = None
) -> int:
    """Book a person; the booking joins the order (and requirement) of their latest booking of the same sort, if
    that order still runs on the day, else the order running on the day. Returns the new appointment's id."""
    _check_length(minutes)
    if kind not in AppointmentKind.__members__.values():
        raise DiaryError(f"'{kind}' is not a kind of appointment the diary knows.")
    with db.transaction() as session:
        if session.get(Person, person_id) is None:
            raise DiaryError("That person is no longer in the diary.")
        order_id, requirement_id, rar = _link(session, person_id, start, kind)
        appointment = Appointment(
            person_id=person_id,
            start=start,
            minutes=minutes,
            kind=kind,
            location=(location or "").strip() or None,
            order_id=order_id,
            requirement_id=requirement_id,
            rar_activity=rar,
        )
        session.add(appointment)
        session.flush()
        return appointment.id


def _link(session: Session, person_id: int, start: datetime, kind: str) -> tuple[int | None, int | None, bool]:
    """The order, requirement and RAR flag a new booking takes."""
    day = start.date()
    runs_on_day = or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= day)
    same_sort = Appointment.kind.in_(RUN_BY_OTHERS) if kind in RUN_BY_OTHERS else Appointment.kind.not_in(RUN_BY_OTHERS)
    latest = session.execute(
        select(Appointment.order_id, Appointment.requirement_id, Appointment.rar_activity)
        .join(SentenceOrder, Appointment.order_id == SentenceOrder.id)
        .where(Appointment.person_id == person_id, same_sort, Appointment.start < start, runs_on_day)
        .order_by(Appointment.start.desc())
        .limit(1)
    ).first()
    if latest is not None:
        return latest[0], latest[1], bool(latest[2])
    running = session.scalar(
        select(SentenceOrder.id)
        .where(
            SentenceOrder.person_id == person_id,
            or_(SentenceOrder.start_date.is_(None), SentenceOrder.start_date <= day),
            runs_on_day,
        )
        .order_by(SentenceOrder.start_date.desc())
        .limit(1)
    )
    return running, None, False


def _check_length(minutes: int) -> None:
    """Refuse lengths the diary cannot show."""
    if not 0 < minutes <= LONGEST_MINUTES:
        raise DiaryError("A booking lasts between a minute and a day.")


def _unrecorded(session: Session, appointment_id: int, doing: str) -> Appointment:
    """The appointment, if it is still in the diary and has no outcome yet."""
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise DiaryError("That appointment is no longer in the diary.")
    if appointment.outcome is not None:
        what = (
            "cancelled"
            if appointment.outcome == Outcome.RESCHEDULED
            else f"recorded ({Outcome(appointment.outcome).label.lower()})"
        )
        raise DiaryError(
            f"{appointment.person.name}'s appointment on {long_date(appointment.start.date())} is already {what}, "
            f"so it cannot be {doing}; open it in Record session to change the record."
        )
    return appointment


def move_appointment(db: Database, appointment_id: int, start: datetime) -> None:
    """Move a booking that has no outcome yet to a new start, keeping its length."""
    with db.transaction() as session:
        _unrecorded(session, appointment_id, "moved").start = start


def resize_appointment(db: Database, appointment_id: int, minutes: int) -> None:
    """Make a booking that has no outcome yet shorter or longer."""
    _check_length(minutes)
    with db.transaction() as session:
        _unrecorded(session, appointment_id, "shortened or lengthened").minutes = minutes


def cancel_appointment(db: Database, appointment_id: int, requested_by: str, reason: str) -> None:
    """Cancel a booking: outcome 'will be rescheduled' (neither attendance nor failure), with who asked and why."""
    if requested_by not in RescheduleRequester.__members__.values():
        raise DiaryError("Say who asked for the cancellation: the person or the service.")
    if not reason.strip():
        raise DiaryError("Say why the appointment is cancelled.")
    with db.transaction() as session:
        appointment = _unrecorded(session, appointment_id, "cancelled")
        appointment.outcome = Outcome.RESCHEDULED.value
        appointment.rescheduled_by = requested_by
        appointment.reschedule_reason = reason.strip()
