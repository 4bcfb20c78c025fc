"""Opening an officer's diary: the data directory, its key, its database, its attachments."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from diary.paths import attachments_dir, database_path
from diary.store import keyring
from diary.store.blobs import BlobStore
from diary.store.database import Database, StoreError

PASSPHRASE_ENV = keyring.PASSPHRASE_ENV


class PassphraseNeeded(StoreError):
    """The diary is encrypted and no passphrase was given."""


class DiaryDamaged(StoreError):
    """The passphrase is right but the database file cannot be read: it is damaged."""

    def __init__(self, message: str, key: bytes) -> None:
        """The plain message, and the data key (already checked) for restoring a backup."""
        super().__init__(message)
        self.key = key


@dataclass
class Diary:
    """An open diary: where it lives, its database, its stored files."""

    data_dir: Path
    db: Database
    blobs: BlobStore
    recovery_key: str | None = None

    @property
    def encrypted(self) -> bool:
        """True when the database and stored files are encrypted."""
        return self.db.encrypted

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def is_encrypted(data_dir: Path) -> bool:
    """True when the data directory holds an encrypted diary (it has a key file)."""
    return keyring.has_key_file(data_dir)


def open_diary(data_dir: Path, passphrase: str | None = None) -> Diary:
    """Open (creating if needed) the diary in data_dir, unlocking it and upgrading its schema.

    The passphrase comes from the argument, else $DIARY_PASSPHRASE. A new data directory is
    created encrypted when there is a passphrase; the recovery key is then on the result, once.
    """
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    data_dir.mkdir(parents=True, exist_ok=True)
    key_path = keyring.key_file_path(data_dir)
    db_path = database_path(data_dir)
    recovery: str | None = None
    key: bytes | None = None
    if key_path.exists():
        if passphrase is None:
            raise PassphraseNeeded(
                f"The diary in {data_dir} is encrypted: give its passphrase "
                f"(in the window, or in the {PASSPHRASE_ENV} environment variable for scripts)."
            )
        key = keyring.unlock(key_path, passphrase)
    elif passphrase is not None and not db_path.exists():
        key, recovery = keyring.create_key_file(key_path, passphrase)
    try:
        db = Database(db_path, key)
    except StoreError as exc:
        if key is None:
            raise
        raise DiaryDamaged(
            f"The diary file {db_path} is damaged: the passphrase is right, but the file cannot be read. "
            "Nothing was changed. `diary backup --list` shows the backups; `diary restore NAME` puts one "
            "back and keeps the damaged file aside.",
            key,
        ) from exc
    try:
        db.ensure_schema()
    except Exception:
        db.close()
        raise
    return Diary(data_dir, db, BlobStore(attachments_dir(data_dir), key), recovery)


def open_with_key(data_dir: Path, key: bytes) -> Diary:
    """Open an encrypted diary with its data key (after unlocking with the recovery key)."""
    db = Database(database_path(data_dir), key)
    db.ensure_schema()
    return Diary(data_dir, db, BlobStore(attachments_dir(data_dir), key))
