"""Where the officer's data lives: one directory, chosen once."""

from __future__ import annotations

import os
from pathlib import Path

from diary import APP_ID

DATA_DIR_ENV = "DIARY_DATA_DIR"
DATABASE_NAME = "diary.sqlite3"


def default_data_dir() -> Path:
    """The platform's per-user data directory for the diary."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the --data-dir option, else $DIARY_DATA_DIR, else the platform default."""
    if option:
        return Path(option).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    """The database file inside a data directory."""
    return data_dir / DATABASE_NAME


def attachments_dir(data_dir: Path) -> Path:
    """The folder holding attached documents and photos."""
    return data_dir / "attachments"
