"""The officer's working pattern, kept as JSON in the settings table."""

from __future__ import annotations

from diary.domain.scheduling import WorkingPattern
from diary.services.settings import get_setting, set_setting
from diary.store.database import Database

KEY = "working_pattern"


def get_working_pattern(db: Database) -> WorkingPattern:
    """The officer's working pattern (Monday to Friday 09:00-17:00, lunch 13:00-14:00 until changed)."""
    value = get_setting(db, KEY)
    return WorkingPattern.from_json(value) if value else WorkingPattern()


def set_working_pattern(db: Database, pattern: WorkingPattern) -> None:
    """Store the officer's working pattern."""
    set_setting(db, KEY, pattern.to_json())
