"""Finding people in the diary: the search index built from the database, and results ready to show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from diary.domain.compliance_state import ComplianceState
from diary.domain.enforcement_words import state_line
from diary.domain.search import PersonRecord, SearchIndex, build_index, query
from diary.services.caseload import CaseloadRow, caseload_rows
from diary.services.documents import PHOTO
from diary.store.database import Database
from diary.store.models import Alias, Document, Person


@dataclass(frozen=True)
class SearchRow:
    """A person found, with the answers to the usual questions about them (their caseload facts and more)."""

    score: float
    matched: str
    facts: CaseloadRow
    aliases: tuple[str, ...]
    date_of_birth: date | None
    has_photo: bool
    compliance: ComplianceState | None = None
    """The person's gravest compliance state when it asks something of the officer (breach, a live warning)."""

    @property
    def person_id(self) -> int:
        """The person's id in the diary."""
        return self.facts.person_id

    @property
    def name(self) -> str:
        """First and last name."""
        return self.facts.name

    @property
    def crn(self) -> str:
        """The person's CRN."""
        return self.facts.crn

    @property
    def compliance_label(self) -> str:
        """The compliance marker in words ('' when there is none)."""
        return state_line(self.compliance) if self.compliance else ""

    def as_json(self) -> dict[str, Any]:
        """The row as plain JSON values (dates in ISO form)."""
        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        f = self.facts
        return {
            "crn": f.crn,
            "name": f.name,
            "score": self.score,
            "matched": self.matched,
            "aliases": list(self.aliases),
            "date_of_birth": iso(self.date_of_birth),
            "risk_level": f.risk_level,
            "order_type": f.order_type,
            "in_custody": f.in_custody,
            "release_date": iso(f.key_date) if f.in_custody else None,
            "order_end": None if f.in_custody else iso(f.key_date),
            "next_appointment": iso(f.next_appointment),
            "last_contact": iso(f.last_contact),
            "photo": self.has_photo,
            "compliance": self.compliance.kind.value if self.compliance else None,
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


class SearchFacts:
    """The facts result rows show, for everyone, read at once for a day and kept until the diary changes.

    Reading them per keystroke costs several queries; kept here, a keystroke touches only memory.
    """

    def __init__(self, db: Database) -> None:
        """Nothing read yet."""
        self.db = db
        self.day: date | None = None
        self.rows: dict[int, tuple[CaseloadRow, bool]] = {}

    def clear(self) -> None:
        """Forget what was read (the diary changed)."""
        self.day = None
        self.rows.clear()

    def for_people(self, person_ids: list[int], today: date) -> dict[int, tuple[CaseloadRow, bool]]:
        """Each of these people's caseload facts and photo flag (everyone's read first if not yet read today)."""
        if self.day != today:
            self.rows = _facts(self.db, today, None)
            self.day = today
        missing = [person_id for person_id in person_ids if person_id not in self.rows]
        if missing:
            self.rows |= _facts(self.db, today, missing)
        return self.rows


def _facts(db: Database, today: date, person_ids: list[int] | None) -> dict[int, tuple[CaseloadRow, bool]]:
    """Caseload facts and photo flags of these people (or everyone)."""
    with db.session() as session:
        photos = select(Document.person_id).where(Document.category == PHOTO)
        if person_ids is not None:
            photos = photos.where(Document.person_id.in_(person_ids))
        with_photo = set(session.scalars(photos))
    return {row.person_id: (row, row.person_id in with_photo) for row in caseload_rows(db, today, person_ids, include_closed=True)}


def search_people(
    db: Database, index: SearchIndex, text: str, limit: int = 20, today: date | None = None, facts: SearchFacts | None = None
) -> list[SearchRow]:
    """The people best matching text, best first, each with their key facts (from `facts` when given)."""
    results = query(index, text, limit)
    if not results:
        return []
    ids = [r.person_id for r in results]
    today = today or date.today()
    known = facts.for_people(ids, today) if facts is not None else _facts(db, today, ids)
    rows = []
    for result in results:
        if result.person_id not in known:
            continue
        fact, has_photo = known[result.person_id]
        record = index.record(result.person_id)
        rows.append(
            SearchRow(result.score, result.matched, fact, record.aliases, record.date_of_birth, has_photo, fact.compliance)
        )
    return rows
