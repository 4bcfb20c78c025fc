"""Damaging a database file on purpose, as a failing disk or a bad copy would."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PAGE = 4096


def corrupt_middle_page(path: Path) -> None:
    """Write garbage bytes into a page in the middle of a (closed) database file."""
    size = path.stat().st_size
    offset = (size // PAGE // 2) * PAGE + 200
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(300))


def backed_up_then_unreadable(diary: Any, casefile: dict[str, Any]) -> list[dict[str, Any]]:
    """Import the case file, take a backup, close the diary and wipe the file's first pages so it cannot be read.

    Returns the people as exported before the damage, to compare with what a restore brings back.
    """
    from diary.services.backups import back_up
    from diary.services.casefile import export_document, import_document
    from diary.services.casefile_schema import parse_document

    import_document(diary.db, parse_document(casefile))
    back_up(diary)
    people: list[dict[str, Any]] = export_document(diary.db)["people"]
    diary.close()
    with open(diary.data_dir / "diary.sqlite3", "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00" * 2000)
    return people
