"""The benchmark's diaries: the demo caseload written with a few bulk inserts, plus the cases it times.

`bulk_import` writes a parsed case file as `casefile.import_document` does (the same rows, and one audit
event for each person, appointment, contact note and enforcement action), but with one multi-row insert
per table instead of the ORM's unit of work: a career-sized diary of 10,000 people loads in seconds
rather than minutes. `long_order_person` is one person on one order with 2,000 appointments (the
compliance figure), and `fill_week` books a week until it holds a given number of appointments and
commitments (the week view's figure).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from diary.domain.vocab import RequirementType
from diary.services.casefile import DuplicateCrnError, ImportSummary
from diary.services.diary_view import load_range
from diary.store import audit
from diary.store.database import Database
from diary.store.models import Alias, Appointment, Commitment, CommitmentException, ContactNote, EnforcementActionRecord
from diary.store.models import Person, PersonalContact, Requirement, SentenceOrder

LONG_ORDER_CRN = "Z000001"
LONG_ORDER_APPOINTMENTS = 2000
BOOKING_KINDS = ("office",) * 6 + ("phone", "video", "home_visit", "three_way_meeting")
TABLES: tuple[type, ...] = (
    Person, Alias, PersonalContact, SentenceOrder, Requirement, EnforcementActionRecord,
    Appointment, ContactNote, Commitment, CommitmentException,
)


@dataclass
class _Batch:
    """Rows waiting to be inserted, table by table, with ids handed out as they are made."""

    conn: Connection
    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)
    next_ids: dict[Table, int] = field(default_factory=dict)
    changes: list[audit.Change] = field(default_factory=list)

    def add(self, model: type, values: dict[str, Any], person_id: int | None = None) -> int:
        """Queue one row of a model's table and return its id; audited tables also get an insert event."""
        table: Table = model.__table__  # type: ignore[attr-defined]
        if table not in self.next_ids:
            self.next_ids[table] = (self.conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        row_id = self.next_ids[table]
        self.next_ids[table] += 1
        self.rows.setdefault(table, []).append({"id": row_id, **values})
        if model in audit.AUDITED:
            self.changes.append(audit.Change("insert", audit.AUDITED[model], row_id, row_id if person_id is None else person_id, None, None))
        return row_id

    def write(self) -> None:
        """Insert every queued row, parents before children, then the audit events."""
        for model in TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            if self.rows.get(table):
                self.conn.execute(insert(table), self.rows[table])
                if self.conn.dialect.name == "postgresql":  # ids were handed out here: move the server's counter past them
                    self.conn.execute(
                        text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                        {"table": table.name, "last": self.next_ids[table] - 1},
                    )
        audit.append_events(self.conn, self.changes)


def bulk_import(db: Database, parsed: dict[str, Any]) -> ImportSummary:
    """Write a parsed case file whose people are all new to the diary, in one transaction of bulk inserts."""
    people = parsed.get("people") or []
    with db.transaction() as session:
        conn = session.connection()
        crns = [p["crn"] for p in people]
        existing = sorted(conn.execute(select(Person.crn).where(Person.crn.in_(crns))).scalars()) if crns else []
        if existing:
            raise DuplicateCrnError(existing)
        batch = _Batch(conn)
        for doc in people:
            _add_person(batch, doc)
        for doc in parsed.get("commitments") or []:
            commitment_id = batch.add(Commitment, {
                "start": doc["start"], "end": doc["end"], "kind": doc["kind"], "title": doc.get("title"),
                "every_weeks": doc.get("every_weeks"), "repeat_until": doc.get("repeat_until"),
            })
            for day in doc.get("exceptions") or []:
                batch.add(CommitmentException, {"commitment_id": commitment_id, "date": day})
        batch.write()
    appointments = sum(len(p.get("appointments") or []) for p in people)
    notes = sum(len(p.get("contact_notes") or []) for p in people)
    return ImportSummary(len(people), appointments, notes, len(parsed.get("commitments") or []))


def _add_person(batch: _Batch, doc: dict[str, Any]) -> None:
    """Queue a person and everything under them."""
    mappa = doc.get("mappa") or {}
    custody = doc.get("custody") or {}
    person_id = batch.add(Person, {
        "crn": doc["crn"], "first_name": doc["first_name"], "last_name": doc["last_name"],
        "date_of_birth": doc.get("date_of_birth"), "pnc": doc.get("pnc"), "risk_level": doc.get("risk_level"),
        "tier": doc.get("tier"), "mappa_category": mappa.get("category"), "mappa_level": mappa.get("level"),
        "mappa_review_date": mappa.get("review_date"), "phone": doc.get("phone"), "address": doc.get("address"),
        "flags": "\n".join(doc["flags"]) if doc.get("flags") else None, "custody_prison": custody.get("prison"),
        "release_date": custody.get("release_date"), "sentence_date": doc.get("sentence_date"),
        "licence_expiry": doc.get("licence_expiry"), "sentence_expiry": doc.get("sentence_expiry"),
        "pss_end": doc.get("pss_end"), "reporting_frequency_days": doc.get("reporting_frequency_days"),
        "created_at": datetime.now(),
    })
    for name in doc.get("aliases") or []:
        batch.add(Alias, {"person_id": person_id, "name": name})
    for contact in doc.get("personal_contacts") or []:
        batch.add(PersonalContact, {
            "person_id": person_id, "name": contact["name"],
            "relationship": contact.get("relationship"), "phone": contact.get("phone"),
        })
    orders: dict[str, int] = {}
    requirements: dict[str, tuple[int, int, str]] = {}
    for order in doc.get("orders") or []:
        order_id = batch.add(SentenceOrder, {
            "person_id": person_id, "ref": order["id"], "type": order["type"], "start_date": order.get("start_date"),
            "end_date": order.get("end_date"), "court": order.get("court"),
        })
        orders[order["id"]] = order_id
        for req in order.get("requirements") or []:
            req_id = batch.add(Requirement, {
                "order_id": order_id, "ref": req["id"], "type": req["type"], "max_days": req.get("max_days"),
                "hours": req.get("hours"), "sessions": req.get("sessions"), "name": req.get("name"), "text": req.get("text"),
                "added_on": req.get("added_on"),
            })
            requirements[req["id"]] = (req_id, order_id, req["type"])
        for action in order.get("enforcement_actions") or []:
            batch.add(
                EnforcementActionRecord,
                {"order_id": order_id, "date": action["date"], "action": action["action"], "note": action.get("note"),
                 "court_outcome": action.get("court_outcome"), "court": action.get("court")},
                person_id,
            )
    for appt in doc.get("appointments") or []:
        req_id, req_order, req_type = requirements.get(appt.get("requirement") or "", (None, None, None))
        batch.add(Appointment, {
            "person_id": person_id, "order_id": orders.get(appt.get("order") or "", req_order),
            "requirement_id": req_id, "start": appt["start"], "minutes": appt.get("minutes", 60),
            "kind": appt.get("kind", "office"), "location": appt.get("location"),
            "rar_activity": appt.get("rar_activity", req_type == RequirementType.RAR),
            "outcome": appt.get("outcome"), "evidence_due": appt.get("evidence_due"),
            "hours_credited": appt.get("hours_credited"), "minutes_spent": appt.get("minutes_spent"),
            "notes": appt.get("notes"), "rescheduled_by": appt.get("rescheduled_by"),
            "reschedule_reason": appt.get("reschedule_reason"),
            "entered_nationally_at": appt.get("entered_nationally_at"),
        }, person_id)
    for note in doc.get("contact_notes") or []:
        batch.add(ContactNote, {
            "person_id": person_id, "appointment_id": None, "at": note["at"], "kind": note.get("kind", "other"),
            "text": note.get("text", ""), "sensitive": note.get("sensitive", False),
            "minutes_spent": note.get("minutes_spent"), "entered_nationally_at": note.get("entered_nationally_at"),
        }, person_id)


def long_order_person(today: date, appointments: int = LONG_ORDER_APPOINTMENTS, seed: int = 7) -> dict[str, Any]:
    """A case-file person on one community order (ended a year ago) holding `appointments` appointments.

    One appointment each weekday at 08:00, before the diary's own day: every tenth a RAR activity, every
    seventh unpaid work (300 hours, the most a court can order); most attended, some absences accepted, some rescheduled, and failures each
    followed by the enforcement step the law asks for (a warning, or breach within 12 months of one).
    The officer's own sessions were entered in the national record the same morning.
    """
    rng = random.Random(seed)
    end = today - timedelta(days=365)
    days = list(_weekdays_before(end, appointments))
    start = days[-1] - timedelta(days=7)
    order: dict[str, Any] = {
        "id": "o1", "type": "community_order", "start_date": start.isoformat(), "end_date": end.isoformat(),
        "court": "Leeds Magistrates' Court", "enforcement_actions": [],
        "requirements": [
            {"id": "r1", "type": "rar", "max_days": appointments // 10 + 5},
            {"id": "r2", "type": "unpaid_work", "hours": 300},
            {"id": "r3", "type": "curfew"},
        ],
    }
    warned: date | None = None
    breach_until: date | None = None
    booked: list[dict[str, Any]] = []
    for index, day in enumerate(reversed(days)):
        appt: dict[str, Any] = {"start": f"{day.isoformat()}T08:00", "minutes": 30, "kind": "office", "order": "o1"}
        if index % 10 == 0:
            appt.update(requirement="r1", rar_activity=True)
        elif index % 7 == 0:
            appt.update(requirement="r2", kind="unpaid_work_session", minutes=420)
        roll = rng.random()
        if roll < 0.03 and not (breach_until and day <= breach_until):
            appt["outcome"] = "UAAB"
            acted = day + timedelta(days=2)
            if warned and acted <= warned + timedelta(days=364):
                order["enforcement_actions"] += [
                    {"date": acted.isoformat(), "action": "breach_initiated"},
                    {"date": (acted + timedelta(days=42)).isoformat(), "action": "breach_concluded"},
                ]
                breach_until, warned = acted + timedelta(days=42), None
            else:
                order["enforcement_actions"].append({"date": acted.isoformat(), "action": "first_warning_letter"})
                warned = acted
        elif roll < 0.07:
            appt["outcome"] = "AACL"
        elif roll < 0.10:
            appt.update(outcome="RESCHEDULED", rescheduled_by="person", reschedule_reason="Job interview.")
        else:
            appt["outcome"] = "ATTC"
            if appt["kind"] == "unpaid_work_session":
                appt["hours_credited"] = 7.0
        if appt["kind"] != "unpaid_work_session":
            appt["entered_nationally_at"] = f"{day.isoformat()}T09:00"
        booked.append(appt)
    return {
        "crn": LONG_ORDER_CRN, "first_name": "Alex", "last_name": "Longorder", "date_of_birth": "1980-05-17",
        "risk_level": "medium", "orders": [order], "appointments": booked, "contact_notes": [],
    }


def _weekdays_before(end: date, count: int) -> Iterator[date]:
    """`count` weekdays before `end`, latest first."""
    day = end
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
            yield day


def fill_week(db: Database, monday: date, items: int, seed: int = 11) -> int:
    """Book people of the live caseload into the week from `monday` until it holds `items` bookings and
    commitment occurrences; returns how many bookings were added."""
    week = load_range(db, monday, 7)
    wanted = items - len(week.bookings) - len(week.occurrences)
    if wanted <= 0:
        return 0
    rng = random.Random(seed)
    with db.transaction() as session:
        conn = session.connection()
        people = conn.execute(select(Person.id).order_by(Person.id).limit(150)).scalars().all()
        batch = _Batch(conn)
        for _ in range(wanted):
            person_id = rng.choice(people)
            start = datetime.combine(monday + timedelta(days=rng.randrange(5)), time(8)) + timedelta(minutes=15 * rng.randrange(40))
            batch.add(Appointment, {
                "person_id": person_id, "order_id": None, "requirement_id": None, "start": start,
                "minutes": rng.choice((30, 45, 60)), "kind": rng.choice(BOOKING_KINDS), "rar_activity": False,
            }, person_id)
        batch.write()
    return wanted
