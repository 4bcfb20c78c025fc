"""Backing up and restoring the diary: what the window, its timer and the `diary` command call."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from diary.domain.text import long_date, plural
from diary.services.diary_file import PASSPHRASE_ENV, Diary, PassphraseNeeded, open_with_key
from diary.services.preferences import get_backup_dir
from diary.store import keyring
from diary.store.backup import (
    BackupError,
    BackupInfo,
    backups_dir,
    change_stamp,
    create_backup,
    database_problems,
    integrity_problems,
    list_backups,
    newest_good_backup,
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


def own_backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in the data folder's own backups folder, newest first (when the diary cannot be opened to say where
    else they are kept)."""
    return list_backups(data_dir)


def diary_stamp(diary: Diary) -> tuple[tuple[int, int], ...]:
    """What changes whenever anything is committed to the diary: compare two to know whether it changed between them."""
    return change_stamp(diary.db.path)


def backup_is_current(diary: Diary) -> bool:
    """Whether the newest backup was taken after the database last changed."""
    backups = kept_backups(diary)
    if not backups:
        return False
    modified = max(mtime for _size, mtime in diary_stamp(diary))
    return backups[0].taken_at >= datetime.fromtimestamp(modified / 1e9).replace(microsecond=0)


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


def damage_in_file(path: Path, key: bytes | None) -> list[str]:
    """What the integrity checks find wrong with a diary file, on a connection of their own (so from any thread)."""
    return database_problems(path, key)


def newest_good(diary: Diary) -> BackupInfo | None:
    """The newest backup of the open diary that passes its checks, in any folder its backups are kept in."""
    return newest_good_backup(diary.data_dir, diary.db.key, backup_folders(diary))


def newest_good_for_unreadable(data_dir: Path, key: bytes | None) -> BackupInfo | None:
    """The newest good backup in the data folder's own backups, for a diary file too damaged to say where else."""
    return newest_good_backup(data_dir, key)


def restore_unreadable(data_dir: Path, backup: Path, key: bytes) -> Diary:
    """Put a backup in place of a diary file that cannot be read at all (that file is kept aside) and open it."""
    restore_backup(data_dir, backup, key, reason="damaged")
    return open_with_key(data_dir, key)


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
