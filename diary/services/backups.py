"""Backing up and restoring the diary: what the window, its timer and the `diary` command call."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from diary.domain.text import long_date, plural
from diary.services.diary_file import PASSPHRASE_ENV, Diary, PassphraseNeeded
from diary.services.preferences import get_backup_dir
from diary.store import keyring
from diary.store.backup import (
    BackupError,
    BackupInfo,
    backups_dir,
    create_backup,
    integrity_problems,
    list_backups,
    restore_backup,
    thin_backups,
)
from diary.store.backup_archive import discard_unpacked, unpack_archive, write_archive
from diary.store.database import Database, StoreError
from diary.store.instance_lock import InstanceLock


@dataclass(frozen=True)
class BackupReport:
    """A backup just taken and checked, and the older ones thinned away."""

    backup: BackupInfo
    removed: tuple[Path, ...]
    note: str = ""

    def describe(self) -> str:
        """One plain line for the officer."""
        text = f"Backup {self.backup.name} taken and checked ({plural(self.backup.attachments, 'attachment')})."
        if self.note:
            text += f" {self.note}"
        if self.backup.missing_attachments:
            text += f" {plural(self.backup.missing_attachments, 'attached file was', 'attached files were')} already missing from the diary."
        if self.removed:
            text += f" {plural(len(self.removed), 'older backup')} no longer needed removed."
        return text


@dataclass(frozen=True)
class RestoreReport:
    """A restore that was done: which backup, and where the replaced file was kept."""

    backup_name: str
    kept_aside: Path | None

    def describe(self) -> str:
        """One plain line for the officer."""
        text = f"Restored the backup {self.backup_name}."
        if self.kept_aside:
            text += f" The diary file it replaced is kept in {self.kept_aside}."
        return text


def describe_backup(backup: BackupInfo) -> str:
    """'1 March 2026 at 10:15' for a backup, as dialogs show it."""
    return f"{long_date(backup.taken_at.date())} at {backup.taken_at:%H:%M}"


def backup_folders(diary: Diary) -> list[Path]:
    """Where the diary's backups are kept: the folder chosen in Preferences (if any), then the data folder's own."""
    default = backups_dir(diary.data_dir)
    try:
        chosen = get_backup_dir(diary.db)
    except (SQLAlchemyError, StoreError):  # a damaged diary may not say; its own folder is still looked in
        chosen = None
    return [chosen, default] if chosen is not None and chosen != default else [default]


def kept_backups(diary: Diary) -> list[BackupInfo]:
    """Every backup of the diary, in the chosen folder and the data folder's own, newest first."""
    return list_backups(diary.data_dir, backup_folders(diary))


def back_up(diary: Diary, now: datetime | None = None) -> BackupReport:
    """Take a checked backup of the open diary into the backup folder, then thin the older ones (in every folder)."""
    if diary.team:
        raise BackupError(
            f"The team diary lives on its server ({diary.where}) and is backed up there, with the server's own "
            "tools (pg_dump or continuous archiving); the diary takes backups only of a diary on this computer."
        )
    folders = backup_folders(diary)
    target, note = folders[0], ""
    if len(folders) > 1 and not _usable(target):
        target = folders[-1]
        note = f"The backup folder {folders[0]} is not there (is its drive connected?), so this one is in the diary's own folder."
    backup = create_backup(diary.db.path, diary.db.key, diary.data_dir, now, target)
    return BackupReport(backup, tuple(thin_backups(diary.data_dir, backup.path, folders)), note)


def _usable(folder: Path) -> bool:
    """Whether backups can go in folder: it is there, or can be made inside a folder that is."""
    if folder.is_dir():
        return True
    if not folder.parent.is_dir():
        return False
    try:
        folder.mkdir(mode=0o700)
    except OSError:
        return False
    return True


def export_backup(diary: Diary, out: Path, now: datetime | None = None) -> BackupReport:
    """Take a checked backup (kept with the others too) and write it as one file at out."""
    report = back_up(diary, now)
    try:
        write_archive(report.backup.path, out)
    except OSError as exc:
        raise BackupError(f"Could not write {out}: {exc.strerror or exc}. The backup is still in {report.backup.path}.") from exc
    return report


def damage_found(diary: Diary) -> list[str]:
    """What SQLCipher's and SQLite's integrity checks find wrong with the open diary; [] when it is sound."""
    raw = diary.db.engine.raw_connection()
    try:
        return integrity_problems(raw.driver_connection, diary.db.encrypted)
    finally:
        raw.close()


def restore_in_place(diary: Diary, backup: Path, reason: str = "replaced") -> RestoreReport:
    """Replace the open diary's database with a checked backup and reopen it; the old file is kept aside."""
    db = diary.db
    db.close()
    try:
        aside = restore_backup(diary.data_dir, backup, db.key, reason)
    finally:
        diary.db = Database(db.path, db.key)
    diary.db.ensure_schema()
    return RestoreReport(backup.name, aside)


def restore_from_file(data_dir: Path, source: Path, passphrase: str | None = None) -> RestoreReport:
    """Restore a backup (a folder under backups/, or a file from `diary backup --out`) while no window is open."""
    passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    with InstanceLock(data_dir):
        folder = _backup_folder(data_dir, source)
        try:
            key = _key_for(data_dir, folder, passphrase)
            aside = restore_backup(data_dir, folder, key)
        finally:
            discard_unpacked(folder)
    return RestoreReport(Path(source).name, aside)


def _backup_folder(data_dir: Path, source: Path) -> Path:
    """The backup folder for source: itself, a backup of that name, or an archive unpacked."""
    source = Path(source)
    if source.is_dir():
        return source
    if source.is_file():
        return unpack_archive(source, data_dir)
    named = backups_dir(data_dir) / source.name
    if named.is_dir():
        return named
    raise BackupError(f"There is no backup at {source}. Nothing was changed.")


def _key_for(data_dir: Path, folder: Path, passphrase: str | None) -> bytes | None:
    """The data key that opens the backup: from the diary's key file, or from the backup's own for a new folder."""
    key_file = keyring.key_file_path(data_dir)
    if not key_file.exists():
        key_file = keyring.key_file_path(folder)
        if not key_file.exists():
            return None
    if passphrase is None:
        raise PassphraseNeeded(
            f"The backup is encrypted: give the diary's passphrase (in the {PASSPHRASE_ENV} environment variable for scripts)."
        )
    return keyring.unlock(key_file, passphrase)
