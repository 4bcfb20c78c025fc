"""Damaging a database file on purpose, as a failing disk or a bad copy would."""

from __future__ import annotations

import os
from pathlib import Path

PAGE = 4096


def corrupt_middle_page(path: Path) -> None:
    """Write garbage bytes into a page in the middle of a (closed) database file."""
    size = path.stat().st_size
    offset = (size // PAGE // 2) * PAGE + 200
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(300))
