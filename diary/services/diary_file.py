"""Opening an officer's diary: the data directory, its key, its database, its attachments."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from diary.paths import attachments_dir, database_path
from diary.store import keyring
from diary.store.blobs import BlobStore
from diary.store.database import Database, StoreError
from diary.store.fileio import atomic_write_bytes
from diary.store.server import (
    DATABASE_PASSWORD_ENV,
    DATABASE_URL_ENV,
    PasswordNeeded,  # noqa: F401 (re-exported: the command line and the window catch it from here)
    ServerDatabase,
    is_server_url,
    parse_server_url,
    shown_url,
)

PASSPHRASE_ENV = keyring.PASSPHRASE_ENV
TEAM_FILE = "team-diary.json"
"""In the data directory: the team diary's address (never a password), written when the officer joins one."""



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
    db: Database | ServerDatabase
    blobs: BlobStore
    recovery_key: str | None = None

    @property
    def encrypted(self) -> bool:
        """True when the database and stored files are encrypted."""
        return self.db.encrypted

    @property
    def team(self) -> bool:
        """True for a team diary on a PostgreSQL server."""
        return isinstance(self.db, ServerDatabase)

    @property
    def where(self) -> str:
        """Where the diary's records live, as the officer may see it (a server's address shows no password)."""
        return self.db.path if self.team else str(self.data_dir)

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


def open_any(data_dir: Path, database: str | None = None, passphrase: str | None = None, password: str | None = None) -> Diary:
    """The diary the options name: a team diary for a server address (given, in $DIARY_DATABASE_URL, or
    remembered in the data directory), else the local encrypted file in data_dir."""
    address = team_address(data_dir, database)
    if address:
        return open_team_diary(address, data_dir, passphrase, password)
    return open_diary(data_dir, passphrase)


def open_team_diary(address: str, data_dir: Path, passphrase: str | None = None, password: str | None = None) -> Diary:
    """Open a team diary on a PostgreSQL server (upgrading its schema when we own it).

    Case records live on the server; attachments and drafts stay in data_dir, encrypted with the
    officer's own passphrase as in a local diary. The password comes from the argument, else
    $DIARY_DATABASE_PASSWORD, else the server's own arrangements (a .pgpass file, peer login).
    """
    if not is_server_url(address):
        raise StoreError(f"database: '{address}' is not a postgresql:// address")
    url = parse_server_url(address)
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    data_dir.mkdir(parents=True, exist_ok=True)
    key_path = keyring.key_file_path(data_dir)
    recovery: str | None = None
    if key_path.exists() and passphrase is not None:
        key = keyring.unlock(key_path, passphrase)
    elif passphrase is not None:
        key, recovery = keyring.create_key_file(key_path, passphrase)
    else:
        raise PassphraseNeeded(
            f"Your attachments and drafts for the team diary are kept in {data_dir}, encrypted: give your "
            f"passphrase (in the window, or in the {PASSPHRASE_ENV} environment variable for scripts)."
        )
    db = ServerDatabase(url, password or os.environ.get(DATABASE_PASSWORD_ENV) or None)
    try:
        db.ensure_schema()
    except Exception:
        db.close()
        raise
    return Diary(data_dir, db, BlobStore(attachments_dir(data_dir), key), recovery)


def team_address(data_dir: Path, database: str | None = None) -> str | None:
    """The team diary's address named (or in $DIARY_DATABASE_URL, or remembered by the data directory), if any."""
    return database or os.environ.get(DATABASE_URL_ENV) or remembered_team_diary(data_dir)


def shown_address(address: str) -> str:
    """An address as the officer may see it (no password), or as typed if it does not parse."""
    try:
        return shown_url(parse_server_url(address))
    except StoreError:
        return address.split("@")[-1]


def remembered_team_diary(data_dir: Path) -> str | None:
    """The team diary's address this data directory joined, or None for a local diary."""
    try:
        stored = json.loads((data_dir / TEAM_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    address = stored.get("database") if isinstance(stored, dict) else None
    return address if isinstance(address, str) and is_server_url(address) else None


def remember_team_diary(data_dir: Path, address: str) -> str:
    """Keep the team diary's address (checked, without any password) so the app opens it next time; returns it as shown."""
    shown = shown_url(parse_server_url(address))
    data_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(data_dir / TEAM_FILE, json.dumps({"database": shown}).encode("utf-8"))
    return shown


def open_with_key(data_dir: Path, key: bytes) -> Diary:
    """Open an encrypted diary with its data key (after unlocking with the recovery key)."""
    db = Database(database_path(data_dir), key)
    db.ensure_schema()
    return Diary(data_dir, db, BlobStore(attachments_dir(data_dir), key))
