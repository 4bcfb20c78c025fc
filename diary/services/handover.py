"""What the covering duty officer needs for each of a day's bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from diary.domain.enforcement_words import state_line
from diary.domain.text import plural, short_day
from diary.domain.vocab import AppointmentKind, Outcome, RequirementType
from diary.services.compliance import PersonStanding, compliance_states
from diary.services.schedule import GOING_AHEAD
from diary.services.settings import get_setting, set_setting
from diary.store.database import Database
from diary.store.models import Appointment, Person


@dataclass(frozen=True)
class HandoverEntry:
    """One booking on the handover sheet."""

    start: datetime
    end: datetime
    name: str
    crn: str
    risk_level: str | None
    flags: tuple[str, ...]
    phone: str | None
    purpose: str
    location: str | None
    last_contact: str
    outstanding: tuple[str, ...]
    compliance: str = ""


def handover_entries(db: Database, day: date) -> list[HandoverEntry]:
    """Every booking still going ahead on a day, with the person's facts, last contact and outstanding actions."""
    start = datetime.combine(day, time.min)
    with db.session() as session:
        people = set(session.scalars(
            select(Appointment.person_id).where(
                Appointment.start >= start, Appointment.start < start + timedelta(days=1), GOING_AHEAD
            )
        ))
    states = compliance_states(db, people, day)
    with db.session() as session:
        appointments = session.scalars(
            select(Appointment)
            .where(
                Appointment.start >= start,
                Appointment.start < start + timedelta(days=1),
                GOING_AHEAD,
            )
            .order_by(Appointment.start, Appointment.id)
            .options(
                selectinload(Appointment.person).selectinload(Person.appointments),
                selectinload(Appointment.person).selectinload(Person.contact_notes),
                selectinload(Appointment.requirement),
            )
        )
        return [_entry(a, start, states.get(a.person_id)) for a in appointments]


def _entry(appointment: Appointment, day_start: datetime, standing: PersonStanding | None) -> HandoverEntry:
    """One booking's handover entry."""
    person = appointment.person
    purpose = AppointmentKind(appointment.kind).label
    if appointment.requirement is not None:
        req = appointment.requirement
        purpose += f" for {req.name or RequirementType(req.type).label}"
    return HandoverEntry(
        start=appointment.start,
        end=appointment.end,
        name=person.name,
        crn=person.crn,
        risk_level=person.risk_level,
        flags=person.flag_list,
        phone=person.phone,
        purpose=purpose,
        location=appointment.location,
        last_contact=_last_contact(person, day_start),
        outstanding=_outstanding(person, day_start),
        compliance=_compliance(person, day_start, standing),
    )


def _compliance(person: Person, before: datetime, standing: PersonStanding | None) -> str:
    """The person's compliance state in a few words, the failures counted and the outcomes not yet recorded."""
    state = standing.headline if standing else None
    if state is None:
        return "No order running."
    months = f"since {short_day(state.failures_since, before.date())}" if state.failures_since else ""
    line = f"{state_line(state)}; {plural(state.failures, 'failure')} {months}".rstrip()
    unrecorded = [a.start.date() for a in person.appointments if a.start < before and a.outcome is None]
    if unrecorded:
        line += f"; {plural(len(unrecorded), 'outcome')} not yet recorded, since {short_day(min(unrecorded), before.date())}"
    return line + "."


def _last_contact(person: Person, before: datetime) -> str:
    """The latest session the person came to, or contact note, before the day, summarised."""
    contacts = [
        (a.start, AppointmentKind(a.kind).label, a.notes or "No notes.")
        for a in person.appointments
        if a.start < before and a.outcome is not None and Outcome(a.outcome).was_seen
    ]
    contacts += [(n.at, n.kind.replace("_", " ").capitalize(), n.text) for n in person.contact_notes if n.at < before]
    if not contacts:
        return "No contact recorded."
    when, kind, text = max(contacts, key=lambda contact: contact[0])
    return f"{when:%d/%m/%Y} {kind}: {_clip(text)}"


def _outstanding(person: Person, before: datetime) -> tuple[str, ...]:
    """Outcomes not recorded and evidence awaited, as short lines."""
    lines = [
        f"Outcome to record: {a.start:%d/%m/%Y %H:%M}" for a in person.appointments if a.start < before and a.outcome is None
    ]
    lines += [
        f"Evidence due {a.evidence_due:%d/%m/%Y} for absence on {a.start:%d/%m/%Y}"
        for a in person.appointments
        if a.outcome == Outcome.AFTA and a.evidence_due is not None
    ]
    return tuple(lines)


def _clip(text: str, limit: int = 240) -> str:
    """Text cut to a length at a word boundary."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


COVER_KEY = "day_cover"


def mark_day_covered(db: Database, day: date, covering_officer: str) -> None:
    """Note that the duty officer covers the officer's bookings on a day (kept with the diary's settings)."""
    name = covering_officer.strip()
    if not name:
        raise ValueError("Give the covering officer's name.")
    covers = dict(get_setting(db, COVER_KEY) or {})
    covers[day.isoformat()] = name
    set_setting(db, COVER_KEY, covers)


def covering_officer(db: Database, day: date) -> str | None:
    """Who covers the officer's bookings on a day, if the day was handed over."""
    return (get_setting(db, COVER_KEY) or {}).get(day.isoformat())
