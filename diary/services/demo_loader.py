"""Loading the demo caseload into an empty diary (the window and `diary demo` share this)."""

from __future__ import annotations

from datetime import date

from diary.services.casefile import ImportSummary, import_document, people_count
from diary.services.casefile_schema import parse_document
from diary.services.progress import Progress, no_progress
from diary.store.database import Database


DEFAULT_PEOPLE = 60
DEFAULT_SEED = 1


class DiaryNotEmpty(Exception):
    """The demo caseload is only loaded into an empty diary."""

    def __init__(self, people: int) -> None:
        """Say how many people are already there."""
        self.people = people
        super().__init__(f"the diary already holds {people} people; the demo caseload is only loaded into an empty diary")

    def __reduce__(self) -> tuple[type[DiaryNotEmpty], tuple[int]]:
        """Rebuilt from its count (it travels back from the loading's own process)."""
        return DiaryNotEmpty, (self.people,)


def load_demo(
    db: Database,
    people: int = DEFAULT_PEOPLE,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Generate the demo caseload and import it, refusing a diary that already has people.

    Progress is told (0, 0) while the caseload is made up, then how many people are written."""
    from diary.services.demo import build_demo_casefile

    existing = people_count(db)
    if existing:
        raise DiaryNotEmpty(existing)
    progress(0, 0)
    document = parse_document(build_demo_casefile(people, seed, today))
    progress(0, 0)
    return import_document(db, document, progress=progress)
