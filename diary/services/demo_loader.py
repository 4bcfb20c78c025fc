"""Loading the demo caseload into an empty diary (the window and `diary demo` share this)."""

from __future__ import annotations

from datetime import date

from diary.services.casefile import ImportSummary, import_document, people_count
from diary.services.casefile_schema import parse_document
from diary.store.database import Database


class DiaryNotEmpty(Exception):
    """The demo caseload is only loaded into an empty diary."""

    def __init__(self, people: int) -> None:
        """Say how many people are already there."""
        self.people = people
        super().__init__(f"the diary already holds {people} people; the demo caseload is only loaded into an empty diary")


def load_demo(db: Database, people: int = 60, seed: int = 1, today: date | None = None) -> ImportSummary:
    """Generate the demo caseload and import it, refusing a diary that already has people."""
    from diary.services.demo import build_demo_casefile

    existing = people_count(db)
    if existing:
        raise DiaryNotEmpty(existing)
    return import_document(db, parse_document(build_demo_casefile(people, seed, today)))
