"""Finding people in the diary: the search index built from the database, and results ready to show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from diary.domain.search import PersonRecord, SearchIndex, build_index, query
from diary.services.caseload import caseload_rows
from diary.services.documents import PHOTO
from diary.store.database import Database
from diary.store.models import Alias, Document, Person


@dataclass(frozen=True)
class SearchRow:
    """A person found, with the answers to the usual questions about them."""

    person_id: int
    score: float
    matched: str
    crn: str
    name: str
    aliases: tuple[str, ...]
    date_of_birth: date | None
    risk_level: str | None
    order_type: str | None
    in_custody: bool
    key_date: date | None
    next_appointment: datetime | None
    last_contact: datetime | None
    has_photo: bool

    @property
    def key_date_label(self) -> str:
        """What key_date means: the release date for someone in custody, else their order's end."""
        return "Release" if self.in_custody else "Order end"

    def as_json(self) -> dict[str, Any]:
        """The row as plain JSON values (dates in ISO form)."""
        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "crn": self.crn,
            "name": self.name,
            "score": self.score,
            "matched": self.matched,
            "aliases": list(self.aliases),
            "date_of_birth": iso(self.date_of_birth),
            "risk_level": self.risk_level,
            "order_type": self.order_type,
            "in_custody": self.in_custody,
            "release_date": iso(self.key_date) if self.in_custody else None,
            "order_end": None if self.in_custody else iso(self.key_date),
            "next_appointment": iso(self.next_appointment),
            "last_contact": iso(self.last_contact),
            "photo": self.has_photo,
        }


def person_records(db: Database, person_ids: list[int] | None = None) -> list[PersonRecord]:
    """Everyone (or these people) as search records: names, aliases, CRN, date of birth."""
    with db.session() as session:
        people = select(Person.id, Person.crn, Person.first_name, Person.last_name, Person.date_of_birth)
        aliases = select(Alias.person_id, Alias.name).order_by(Alias.id)
        if person_ids is not None:
            people = people.where(Person.id.in_(person_ids))
            aliases = aliases.where(Alias.person_id.in_(person_ids))
        known: dict[int, list[str]] = defaultdict(list)
        for person_id, name in session.execute(aliases):
            known[person_id].append(name)
        return [
            PersonRecord(pid, crn, first, last, tuple(known[pid]), dob)
            for pid, crn, first, last, dob in session.execute(people)
        ]


def build_search_index(db: Database) -> SearchIndex:
    """The search index over everyone in the diary (built when the diary opens, in memory only)."""
    return build_index(person_records(db))


def refresh_people(db: Database, index: SearchIndex, person_ids: list[int]) -> None:
    """Bring the index up to date for people just added, edited or deleted."""
    found = person_records(db, person_ids)
    for record in found:
        index.upsert(record)
    for person_id in set(person_ids) - {r.id for r in found}:
        index.remove(person_id)


def search_people(db: Database, index: SearchIndex, text: str, limit: int = 20, today: date | None = None) -> list[SearchRow]:
    """The people best matching text, best first, each with their key facts."""
    results = query(index, text, limit)
    if not results:
        return []
    ids = [r.person_id for r in results]
    facts = {row.person_id: row for row in caseload_rows(db, today, ids)}
    with db.session() as session:
        photos = set(
            session.scalars(select(Document.person_id).where(Document.person_id.in_(ids), Document.category == PHOTO))
        )
    rows = []
    for result in results:
        fact = facts.get(result.person_id)
        if fact is None:
            continue
        record = index.record(result.person_id)
        rows.append(
            SearchRow(
                person_id=result.person_id,
                score=result.score,
                matched=result.matched,
                crn=fact.crn,
                name=fact.name,
                aliases=record.aliases,
                date_of_birth=record.date_of_birth,
                risk_level=fact.risk_level,
                order_type=fact.order_type,
                in_custody=fact.in_custody,
                key_date=fact.key_date,
                next_appointment=fact.next_appointment,
                last_contact=fact.last_contact,
                has_photo=result.person_id in photos,
            )
        )
    return rows
