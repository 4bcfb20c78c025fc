"""The diary as an iCalendar (RFC 5545) feed: one event per booking and per commitment, stable UIDs.

A calendar that imported an earlier export takes the changes: a moved booking comes with a higher SEQUENCE
and a new LAST-MODIFIED; a cancelled one stays in the file for CANCELLED_KEPT after cancelling, with
STATUS:CANCELLED and the same UID, so the calendar takes it out; a repeating commitment is one event with
RRULE and an EXDATE for each date skipped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import or_, select

from diary import APP_NAME, __version__
from diary.domain.scheduling import expand_commitments
from diary.domain.text import plural
from diary.domain.vocab import AppointmentKind, CommitmentKind, Outcome, RiskLevel
from diary.services.schedule import GOING_AHEAD, commitment_record, commitments_near
from diary.services.settings import get_setting, set_setting
from diary.store.database import Database
from diary.store.fileio import atomic_write_bytes
from diary.store.models import Appointment, Commitment, Person

LONDON = ZoneInfo("Europe/London")
UUID_KEY = "diary_uuid"
DEFAULT_WEEKS = 12
CANCELLED_KEPT = timedelta(weeks=8)
"""How long after cancelling a booking the export still carries it, marked cancelled."""


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    bookings: int
    commitments: int
    cancelled: int = 0

    @property
    def events(self) -> int:
        """All events written."""
        return self.bookings + self.cancelled + self.commitments

    def describe(self) -> str:
        """'5 bookings, 1 cancelled booking and 1 commitment'."""
        parts = [plural(self.bookings, "booking")]
        if self.cancelled:
            parts.append(plural(self.cancelled, "cancelled booking"))
        return ", ".join(parts) + f" and {plural(self.commitments, 'commitment')}"


def diary_uuid(db: Database) -> str:
    """This diary's own identifier (made once, kept in settings), which makes event UIDs unique to it."""
    value = get_setting(db, UUID_KEY)
    if not value:
        value = str(uuid.uuid4())
        set_setting(db, UUID_KEY, value)
    return str(value)


def default_range(today: date) -> tuple[date, date]:
    """From today to twelve weeks ahead."""
    return today, today + timedelta(weeks=DEFAULT_WEEKS)


def export_calendar(
    db: Database, first: date, last: date, private: bool = False, now: datetime | None = None
) -> tuple[bytes, ExportSummary]:
    """The calendar of bookings and commitments from `first` to `last` (both included), as iCalendar bytes.

    Private leaves personal details out: a booking shows only the person's initials, CRN and kind.
    """
    if last < first:
        raise ValueError("The end of the range is before its start.")
    start, end = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
    domain = f"{diary_uuid(db)}.supervision-diary"
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", APP_NAME)
    calendar.add("x-wr-timezone", "Europe/London")
    live = cancelled = 0
    for appointment, person in _bookings(db, start, end, stamp - CANCELLED_KEPT):
        event = _booking_event(appointment, person, domain, stamp, private)
        calendar.add_component(event)
        if event["STATUS"] == "CANCELLED":
            cancelled += 1
        else:
            live += 1
    commitments = _commitments(db, start, end)
    for commitment in commitments:
        calendar.add_component(_commitment_event(commitment, domain, stamp))
    calendar.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last + timedelta(days=366))
    return calendar.to_ical(), ExportSummary(live, len(commitments), cancelled)


def _bookings(db: Database, start: datetime, end: datetime, cancelled_since: datetime) -> list[tuple[Appointment, Person]]:
    """Bookings starting in [start, end) still going ahead, and those cancelled since `cancelled_since`, in time order."""
    since = cancelled_since.astimezone().replace(tzinfo=None)
    recently_cancelled = (Appointment.outcome == Outcome.RESCHEDULED.value) & or_(
        Appointment.updated_at.is_(None), Appointment.updated_at >= since
    )
    with db.session() as session:
        rows = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(Appointment.start >= start, Appointment.start < end, or_(GOING_AHEAD, recently_cancelled))
            .order_by(Appointment.start, Appointment.id)
        ).all()
        return [(a, p) for a, p in rows]


def _commitments(db: Database, start: datetime, end: datetime) -> list[Commitment]:
    """The commitments with at least one occurrence in [start, end), skipped dates loaded."""
    with db.session() as session:
        return [c for c in commitments_near(session, start, end) if expand_commitments([commitment_record(c)], start, end)]


def write_calendar(db: Database, path: Path, first: date, last: date, private: bool = False) -> ExportSummary:
    """Write the calendar to a file, all at once."""
    data, summary = export_calendar(db, first, last, private)
    atomic_write_bytes(path, data)
    return summary


def _booking_event(appointment: Appointment, person: Person, domain: str, stamp: datetime, private: bool) -> Event:
    """One booking as an event; its UID follows the booking wherever it is moved, and says when it is cancelled."""
    kind = AppointmentKind(appointment.kind).label
    event = _event(f"appointment-{appointment.id}@{domain}", appointment.start, appointment.end, stamp)
    _changes(event, appointment.version, appointment.updated_at)
    event.add("status", "CANCELLED" if appointment.outcome == Outcome.RESCHEDULED else "CONFIRMED")
    event.add("categories", [kind])
    if private:
        event.add("summary", f"{_initials(person)} {person.crn}: {kind}")
        event.add("class", "PRIVATE")
        return event
    event.add("summary", f"{person.name} ({person.crn}): {kind}")
    if appointment.location:
        event.add("location", appointment.location)
    risk = f" Risk of serious harm: {RiskLevel(person.risk_level).label}." if person.risk_level else ""
    event.add("description", f"{kind} appointment with {person.name}, CRN {person.crn}.{risk}")
    event.add("class", "CONFIDENTIAL")
    return event


def _commitment_event(commitment: Commitment, domain: str, stamp: datetime) -> Event:
    """A commitment as one event; a repeating one carries its rule and its skipped dates."""
    kind = CommitmentKind(commitment.kind).label
    event = _event(f"commitment-{commitment.id}@{domain}", commitment.start, commitment.end, stamp)
    _changes(event, commitment.version, commitment.updated_at)
    event.add("status", "CONFIRMED")
    event.add("summary", f"{kind}: {commitment.title}" if commitment.title else kind)
    event.add("categories", [kind])
    if commitment.every_weeks:
        rule: dict[str, object] = {"freq": "weekly", "interval": commitment.every_weeks}
        if commitment.repeat_until:
            rule["until"] = _london(datetime.combine(commitment.repeat_until, commitment.start.time())).astimezone(UTC)
        event.add("rrule", rule)
        skipped = [_london(datetime.combine(e.date, commitment.start.time())) for e in commitment.exceptions]
        if skipped:
            event.add("exdate", skipped)
    return event


def _event(uid: str, start: datetime, end: datetime, stamp: datetime) -> Event:
    """An event in London time with its UID and stamp."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _london(start))
    event.add("dtend", _london(end))
    return event


def _changes(event: Event, version: int, updated_at: datetime | None) -> None:
    """SEQUENCE from the row's change count (0 as first written) and LAST-MODIFIED when the change time is known."""
    event.add("sequence", max(0, version - 1))
    if updated_at is not None:
        event.add("last-modified", updated_at.astimezone(UTC))


def _london(moment: datetime) -> datetime:
    """A diary time (London wall-clock) with its zone."""
    return moment.replace(tzinfo=LONDON)


def _initials(person: Person) -> str:
    """'J.S.' for Jane Smith."""
    return "".join(f"{part[0].upper()}." for part in (person.first_name, person.last_name) if part)
