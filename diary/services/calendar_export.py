"""The diary as an iCalendar (RFC 5545) file: one event per booking and per commitment occurrence, stable UIDs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from diary import APP_NAME, __version__
from diary.domain.scheduling import Occurrence
from diary.domain.vocab import AppointmentKind, CommitmentKind, RiskLevel
from diary.services.schedule import bookings_between, commitment_occurrences
from diary.services.settings import get_setting, set_setting
from diary.store.database import Database
from diary.store.fileio import atomic_write_bytes
from diary.store.models import Appointment, Person

LONDON = ZoneInfo("Europe/London")
UUID_KEY = "diary_uuid"
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    bookings: int
    commitments: int

    @property
    def events(self) -> int:
        """All events written."""
        return self.bookings + self.commitments


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
    bookings = bookings_between(db, start, end)
    for appointment, person in bookings:
        calendar.add_component(_booking_event(appointment, person, domain, stamp, private))
    occurrences = commitment_occurrences(db, start, end)
    for occurrence in occurrences:
        calendar.add_component(_commitment_event(occurrence, domain, stamp))
    calendar.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last + timedelta(days=366))
    return calendar.to_ical(), ExportSummary(len(bookings), len(occurrences))


def write_calendar(db: Database, path: Path, first: date, last: date, private: bool = False) -> ExportSummary:
    """Write the calendar to a file, all at once."""
    data, summary = export_calendar(db, first, last, private)
    atomic_write_bytes(path, data)
    return summary


def _booking_event(appointment: Appointment, person: Person, domain: str, stamp: datetime, private: bool) -> Event:
    """One booking as an event; its UID follows the booking wherever it is moved."""
    kind = AppointmentKind(appointment.kind).label
    event = _event(f"appointment-{appointment.id}@{domain}", appointment.start, appointment.end, stamp)
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


def _commitment_event(occurrence: Occurrence, domain: str, stamp: datetime) -> Event:
    """One occurrence of a commitment; its UID is the commitment's and the occurrence's date."""
    kind = CommitmentKind(occurrence.kind).label
    uid = f"commitment-{occurrence.commitment_id}-{occurrence.start:%Y%m%d}@{domain}"
    event = _event(uid, occurrence.start, occurrence.end, stamp)
    event.add("summary", f"{kind}: {occurrence.title}" if occurrence.title else kind)
    event.add("categories", [kind])
    return event


def _event(uid: str, start: datetime, end: datetime, stamp: datetime) -> Event:
    """An event in London time with its UID and stamp."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start.replace(tzinfo=LONDON))
    event.add("dtend", end.replace(tzinfo=LONDON))
    return event


def _initials(person: Person) -> str:
    """'J.S.' for Jane Smith."""
    return "".join(f"{part[0].upper()}." for part in (person.first_name, person.last_name) if part)
