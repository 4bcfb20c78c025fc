"""Opening an officer's diary: the data directory, its database and its schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diary.paths import database_path
from diary.store.database import Database


@dataclass
class Diary:
    """An open diary: where it lives and its database."""

    data_dir: Path
    db: Database

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def open_diary(data_dir: Path) -> Diary:
    """Open (creating if needed) the diary in data_dir, upgrading its schema to this version."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(database_path(data_dir))
    try:
        db.ensure_schema()
    except Exception:
        db.close()
        raise
    return Diary(data_dir, db)
