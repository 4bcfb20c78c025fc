"""Import and export of the open case-file format (shared/casefile.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from diary.domain.crn import normalise_crn
from diary.domain.text import plural
from diary.domain.validation import InvalidValue, read_json_file
from diary.domain.vocab import RequirementType
from diary.services.casefile_schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    CaseFileError,
    format_datetime,
    parse_document,
)
from diary.services.progress import Progress, no_progress
from diary.store.database import Database
from diary.store.fileio import atomic_write_bytes
from diary.store.models import (
    Alias,
    Appointment,
    Commitment,
    CommitmentException,
    ContactNote,
    EnforcementActionRecord,
    Person,
    PersonalContact,
    Requirement,
    SentenceOrder,
)

__all__ = ["CaseFileError", "DuplicateCrnError", "ImportSummary", "export_document", "import_document", "import_file", "read_casefile", "validate"]


class DuplicateCrnError(CaseFileError):
    """The file holds people whose CRNs are already in the diary."""

    def __init__(self, crns: list[str]) -> None:
        """Name the CRNs already present."""
        self.crns = crns
        super().__init__(f"{', '.join(crns)} {'is' if len(crns) == 1 else 'are'} already in the diary")

    def __reduce__(self) -> tuple[type[DuplicateCrnError], tuple[list[str]]]:
        """Rebuilt from its CRNs (it travels back from an import's own process)."""
        return DuplicateCrnError, (self.crns,)


FLUSH_EVERY = 2
"""People written between progress checkpoints (each a chance to cancel)."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import added."""

    people: int
    appointments: int
    contact_notes: int
    commitments: int
    replaced: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for the officer."""
        text = (
            f"Imported {plural(self.people, 'person', 'people')}, {plural(self.appointments, 'appointment')}, "
            f"{plural(self.contact_notes, 'contact note')} and {plural(self.commitments, 'commitment')}"
        )
        if self.replaced:
            text += f" (replaced {', '.join(self.replaced)})"
        return text + "."


def validate(doc: Any) -> None:
    """Raise CaseFileError naming the first problem in a case-file document, if any."""
    parse_document(doc)


def read_casefile(path: Path) -> dict[str, Any]:
    """Read and check a case file from disk (size and nesting limited before parsing); problems become CaseFileError."""
    try:
        doc = read_json_file(path)
    except InvalidValue as exc:
        raise CaseFileError(str(exc)) from None
    return parse_document(doc)


def import_file(db: Database, path: str, replace: bool = False, progress: Progress = no_progress) -> ImportSummary:
    """Read, check and import a case file (as `import_document`); progress is told (0, 0) while it is read."""
    progress(0, 0)
    return import_document(db, read_casefile(Path(path)), replace, progress)


def import_document(
    db: Database, parsed: dict[str, Any], replace: bool = False, progress: Progress = no_progress
) -> ImportSummary:
    """Write a parsed case file in one transaction: all of it or, on any problem (or Cancelled from progress), none of it.

    Progress is told (people written, people in the file) every FLUSH_EVERY people."""
    people = parsed.get("people") or []
    with db.transaction() as session:
        crns = [p["crn"] for p in people]
        existing = set(session.scalars(select(Person.crn).where(Person.crn.in_(crns)))) if crns else set()
        if existing and not replace:
            raise DuplicateCrnError(sorted(existing))
        if existing:
            session.execute(delete(Person).where(Person.crn.in_(existing)))
            session.flush()
        appointments = notes = 0
        progress(0, len(people))
        for done, person_doc in enumerate(people, start=1):
            person = _build_person(person_doc)
            session.add(person)
            appointments += len(person.appointments)
            notes += len(person.contact_notes)
            if done % FLUSH_EVERY == 0 or done == len(people):
                session.flush()
                session.expunge_all()
                progress(done, len(people))
        commitments = [_build_commitment(c) for c in parsed.get("commitments") or []]
        session.add_all(commitments)
    return ImportSummary(len(people), appointments, notes, len(commitments), tuple(sorted(existing)))


def _build_person(doc: dict[str, Any]) -> Person:
    """An ORM person with everything under it, from a parsed case-file person."""
    mappa = doc.get("mappa") or {}
    custody = doc.get("custody") or {}
    person = Person(
        crn=doc["crn"],
        first_name=doc["first_name"],
        last_name=doc["last_name"],
        date_of_birth=doc.get("date_of_birth"),
        pnc=doc.get("pnc"),
        risk_level=doc.get("risk_level"),
        tier=doc.get("tier"),
        mappa_category=mappa.get("category"),
        mappa_level=mappa.get("level"),
        mappa_review_date=mappa.get("review_date"),
        phone=doc.get("phone"),
        address=doc.get("address"),
        flags="\n".join(doc["flags"]) if doc.get("flags") else None,
        custody_prison=custody.get("prison"),
        release_date=custody.get("release_date"),
        sentence_date=doc.get("sentence_date"),
        licence_expiry=doc.get("licence_expiry"),
        sentence_expiry=doc.get("sentence_expiry"),
        pss_end=doc.get("pss_end"),
        reporting_frequency_days=doc.get("reporting_frequency_days"),
    )
    person.aliases = [Alias(name=name) for name in doc.get("aliases") or []]
    person.personal_contacts = [
        PersonalContact(name=c["name"], relationship_=c.get("relationship"), phone=c.get("phone"))
        for c in doc.get("personal_contacts") or []
    ]
    orders: dict[str, SentenceOrder] = {}
    requirements: dict[str, Requirement] = {}
    for order_doc in doc.get("orders") or []:
        order = SentenceOrder(
            ref=order_doc["id"],
            type=order_doc["type"],
            start_date=order_doc.get("start_date"),
            end_date=order_doc.get("end_date"),
            court=order_doc.get("court"),
        )
        for req_doc in order_doc.get("requirements") or []:
            req = Requirement(
                ref=req_doc["id"],
                type=req_doc["type"],
                max_days=req_doc.get("max_days"),
                hours=req_doc.get("hours"),
                sessions=req_doc.get("sessions"),
                name=req_doc.get("name"),
                text=req_doc.get("text"),
                added_on=req_doc.get("added_on"),
            )
            order.requirements.append(req)
            requirements[req.ref] = req
        order.enforcement_actions = [
            EnforcementActionRecord(
                date=a["date"], action=a["action"], note=a.get("note"), court_outcome=a.get("court_outcome"), court=a.get("court")
            )
            for a in order_doc.get("enforcement_actions") or []
        ]
        orders[order.ref] = order
        person.orders.append(order)
    for appt_doc in doc.get("appointments") or []:
        person.appointments.append(_build_appointment(appt_doc, orders, requirements))
    person.contact_notes = [
        ContactNote(
            at=n["at"],
            kind=n.get("kind", "other"),
            text=n.get("text", ""),
            sensitive=n.get("sensitive", False),
            minutes_spent=n.get("minutes_spent"),
            entered_nationally_at=n.get("entered_nationally_at"),
        )
        for n in doc.get("contact_notes") or []
    ]
    return person


def _build_appointment(
    doc: dict[str, Any], orders: dict[str, SentenceOrder], requirements: dict[str, Requirement]
) -> Appointment:
    """An ORM appointment, linked to its order and requirement by their case-file ids."""
    requirement = requirements.get(doc["requirement"]) if doc.get("requirement") else None
    order = orders.get(doc["order"]) if doc.get("order") else None
    if order is None and requirement is not None:
        order = requirement.order
    rar_default = requirement is not None and requirement.type == RequirementType.RAR
    return Appointment(
        start=doc["start"],
        minutes=doc.get("minutes", 60),
        kind=doc.get("kind", "office"),
        location=doc.get("location"),
        order=order,
        requirement=requirement,
        rar_activity=doc.get("rar_activity", rar_default),
        outcome=doc.get("outcome"),
        evidence_due=doc.get("evidence_due"),
        hours_credited=doc.get("hours_credited"),
        minutes_spent=doc.get("minutes_spent"),
        notes=doc.get("notes"),
        rescheduled_by=doc.get("rescheduled_by"),
        reschedule_reason=doc.get("reschedule_reason"),
        entered_nationally_at=doc.get("entered_nationally_at"),
    )


def _build_commitment(doc: dict[str, Any]) -> Commitment:
    """An ORM commitment from a parsed case-file commitment."""
    return Commitment(
        start=doc["start"],
        end=doc["end"],
        kind=doc["kind"],
        title=doc.get("title"),
        every_weeks=doc.get("every_weeks"),
        repeat_until=doc.get("repeat_until"),
        exceptions=[CommitmentException(date=d) for d in doc.get("exceptions") or []],
    )


def export_document(db: Database, crn: str | None = None) -> dict[str, Any]:
    """Everything the diary holds (or one person's record) as a case-file document."""
    with db.session() as session:
        query = select(Person).order_by(Person.crn).options(
            selectinload(Person.aliases),
            selectinload(Person.personal_contacts),
            selectinload(Person.orders).selectinload(SentenceOrder.requirements),
            selectinload(Person.orders).selectinload(SentenceOrder.enforcement_actions),
            selectinload(Person.appointments).selectinload(Appointment.order),
            selectinload(Person.appointments).selectinload(Appointment.requirement),
            selectinload(Person.contact_notes),
        )
        if crn is not None:
            crn = normalise_crn(crn)
            query = query.where(Person.crn == crn)
        people = [_export_person(p) for p in session.scalars(query)]
        if crn is not None and not people:
            raise CaseFileError(f"No person with CRN {crn} in the diary.")
        doc: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "people": people}
        if crn is None:
            commitments = session.scalars(
                select(Commitment).order_by(Commitment.start, Commitment.id).options(selectinload(Commitment.exceptions))
            )
            doc["commitments"] = [_export_commitment(c) for c in commitments]
        return doc


def casefile_text(doc: dict[str, Any]) -> str:
    """A case file as the JSON text written out (two-space indents, characters as they are)."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_casefile(doc: dict[str, Any], path: Path) -> None:
    """Write a case file all at once: a crash or a full disk never leaves half of one (OSError if it cannot)."""
    atomic_write_bytes(path, casefile_text(doc).encode("utf-8"))


def people_count(db: Database) -> int:
    """How many people the diary holds."""
    with db.session() as session:
        return session.scalar(select(func.count(Person.id))) or 0


def _iso(value: Any) -> str | None:
    """A date as ISO text, or None."""
    return value.isoformat() if value is not None else None


def _stamp(value: datetime | None) -> str | None:
    """A date and time as case-file text, or None."""
    return format_datetime(value) if value is not None else None


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Drop the diary's own optional keys that carry nothing."""
    return {k: v for k, v in values.items() if v is not None and v != []}


def _export_person(p: Person) -> dict[str, Any]:
    """One person as a case-file object."""
    mappa = None
    if p.mappa_category is not None or p.mappa_level is not None or p.mappa_review_date is not None:
        mappa = _compact({"category": p.mappa_category, "level": p.mappa_level, "review_date": _iso(p.mappa_review_date)})
    custody = None
    if p.custody_prison is not None or p.release_date is not None:
        custody = _compact({"prison": p.custody_prison, "release_date": _iso(p.release_date)})
    doc: dict[str, Any] = {
        "crn": p.crn,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "aliases": [a.name for a in p.aliases],
        "date_of_birth": _iso(p.date_of_birth),
        "pnc": p.pnc,
        "risk_level": p.risk_level,
        "tier": p.tier,
        "mappa": mappa,
        "phone": p.phone,
        "address": p.address,
        "custody": custody,
        "personal_contacts": [
            _compact({"name": c.name, "relationship": c.relationship_, "phone": c.phone}) for c in p.personal_contacts
        ],
        "orders": [_export_order(o) for o in p.orders],
        "appointments": [_export_appointment(a) for a in p.appointments],
        "contact_notes": [
            {"at": format_datetime(n.at), "kind": n.kind, "text": n.text, "sensitive": n.sensitive}
            | _compact({
                "minutes_spent": n.minutes_spent,
                "entered_nationally_at": _stamp(n.entered_nationally_at),
            })
            for n in p.contact_notes
        ],
    }
    doc |= _compact({
        "flags": list(p.flag_list) or None,
        "sentence_date": _iso(p.sentence_date),
        "licence_expiry": _iso(p.licence_expiry),
        "sentence_expiry": _iso(p.sentence_expiry),
        "pss_end": _iso(p.pss_end),
        "reporting_frequency_days": p.reporting_frequency_days,
    })
    return doc


def _export_order(o: SentenceOrder) -> dict[str, Any]:
    """One order as a case-file object."""
    return {
        "id": o.ref,
        "type": o.type,
        "start_date": _iso(o.start_date),
        "end_date": _iso(o.end_date),
        "court": o.court,
        "requirements": [
            {"id": r.ref, "type": r.type}
            | _compact({"max_days": r.max_days, "hours": r.hours, "sessions": r.sessions, "name": r.name, "text": r.text,
                        "added_on": _iso(r.added_on)})
            for r in o.requirements
        ],
        "enforcement_actions": [
            {"date": a.date.isoformat(), "action": a.action}
            | _compact({"note": a.note, "court_outcome": a.court_outcome, "court": a.court})
            for a in o.enforcement_actions
        ],
    }


def _export_appointment(a: Appointment) -> dict[str, Any]:
    """One appointment as a case-file object."""
    return {
        "start": format_datetime(a.start),
        "minutes": a.minutes,
        "kind": a.kind,
        "order": a.order.ref if a.order else None,
        "requirement": a.requirement.ref if a.requirement else None,
        "rar_activity": a.rar_activity,
        "outcome": a.outcome,
        "hours_credited": a.hours_credited,
        "notes": a.notes,
    } | _compact({
        "location": a.location,
        "evidence_due": _iso(a.evidence_due),
        "minutes_spent": a.minutes_spent,
        "rescheduled_by": a.rescheduled_by,
        "reschedule_reason": a.reschedule_reason,
        "entered_nationally_at": _stamp(a.entered_nationally_at),
    })


def _export_commitment(c: Commitment) -> dict[str, Any]:
    """One commitment as a case-file object."""
    return {
        "start": format_datetime(c.start),
        "end": format_datetime(c.end),
        "kind": c.kind,
        "title": c.title,
    } | _compact({
        "every_weeks": c.every_weeks,
        "repeat_until": _iso(c.repeat_until),
        "exceptions": [e.date.isoformat() for e in c.exceptions],
    })

