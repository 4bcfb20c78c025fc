"""Checked, encrypted backups of the diary, kept in <data dir>/backups and thinned by age.

A backup is a folder named after the moment it was taken (diary-2026-03-01T10-15-00) holding:
- diary.sqlite3: a copy made with SQLite's backup API through the same (SQLCipher) driver and
  key, so it is encrypted exactly as the diary is;
- attachments/: the stored files the copy refers to, already sealed with the data key. They
  are hard links where the file system allows (no extra space: stored files are never changed
  in place, only written once under a new name), otherwise copies;
- keys.json: the key file as it was, so a backup on its own opens with the passphrase of its day;
- backup.json: what is in it (no personal data: dates, counts, random file names).
A backup is built under a hidden name, opened and checked, and only then given its real name,
so a half-made backup never looks like a good one. The same folder, packed as a tar file
(backup_archive.py), is what `diary backup --out FILE` writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Hashable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from diary.paths import DATABASE_NAME, attachments_dir, database_path
from diary.store.database import StoreError, connect_keyed
from diary.store.fileio import fsync_dir
from diary.store.keyring import KEY_FILE_NAME
from diary.store.schema_version import KNOWN_REVISIONS

BACKUPS_DIR = "backups"
MANIFEST = "backup.json"
ATTACHMENTS = "attachments"
FORMAT = "supervision-diary-backup"
VERSION = 1
KEEP_LAST = 4
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
SQLITE_HEADER = b"SQLite format 3\x00"
_STAMP = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(r"diary-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-\d+)?")
_STAGING_PREFIX = ".incomplete-"
_SIDE_FILES = ("", "-wal", "-shm", "-journal")
STORED_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")  # the blob store's rule for file names


class BackupError(StoreError):
    """A backup that could not be made, checked or restored; the message says why, plainly."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder and what its manifest says."""

    path: Path
    taken_at: datetime
    attachments: int
    missing_attachments: int
    schema: str | None

    @property
    def name(self) -> str:
        """The backup's folder name."""
        return self.path.name


def backups_dir(data_dir: Path) -> Path:
    """Where a data directory's backups are kept."""
    return Path(data_dir) / BACKUPS_DIR


def backups_to_keep(
    taken: Iterable[datetime],
    last: int = KEEP_LAST,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[datetime]:
    """Which backup times to keep: the newest `last`, then the newest of each of the latest days, weeks, months.

    Days, weeks (ISO) and months are counted among those that have a backup, so weeks away
    from the diary do not use up the allowance.
    """
    ordered = sorted(set(taken), reverse=True)
    keep = set(ordered[:last])
    buckets: tuple[tuple[int, Callable[[datetime], Hashable]], ...] = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    for count, bucket_of in buckets:
        seen: set[Hashable] = set()
        for moment in ordered:
            bucket = bucket_of(moment)
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            keep.add(moment)
    return keep


def database_problems(path: Path, key: bytes | None) -> list[str]:
    """Open a database file with key and run SQLCipher's and SQLite's integrity checks; [] when sound."""
    if not path.is_file():
        return [f"{path.name} is missing"]
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if key is not None and header == SQLITE_HEADER:
        return [f"{path.name} is not encrypted"]
    try:
        with closing(connect_keyed(path, key)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return integrity_problems(conn, key is not None)
    except Exception as exc:  # noqa: BLE001 - any driver error means the file cannot be trusted
        return [f"{path.name} cannot be read with this diary's key ({exc})"]


def integrity_problems(conn: Any, encrypted: bool) -> list[str]:
    """SQLCipher's page check (when encrypted) and SQLite's integrity check on an open DB-API connection."""
    problems: list[str] = []
    try:
        if encrypted:
            problems += [f"encryption: {row[0]}" for row in conn.execute("PRAGMA cipher_integrity_check")]
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except Exception as exc:  # noqa: BLE001 - a damaged page makes the check itself fail
        return [*problems, f"integrity: {exc}"]
    if lines != ["ok"]:
        problems += [f"integrity: {line}" for line in lines]
    return problems


def verify_backup(folder: Path, key: bytes | None) -> list[str]:
    """Everything wrong with a backup folder: its manifest, its database, its attachments; [] when good."""
    try:
        manifest = _read_manifest(folder)
    except BackupError as exc:
        return [str(exc)]
    problems = database_problems(folder / DATABASE_NAME, key)
    schema = manifest.get("schema")
    if schema is not None and schema not in KNOWN_REVISIONS:
        problems.append(f"it was made by a newer version of the app (schema {schema})")
    for name, size in manifest["attachments"].items():
        stored = folder / ATTACHMENTS / name
        if not stored.is_file() or stored.stat().st_size != size:
            problems.append(f"attachment {name} is missing or the wrong size")
    return problems


def create_backup(
    source: Path, key: bytes | None, data_dir: Path, now: datetime | None = None, folder: Path | None = None
) -> BackupInfo:
    """Copy the database at source (and the files it refers to) into a new, checked backup of data_dir,
    kept in folder (by default the data directory's backups folder)."""
    now = now or datetime.now()
    root = folder or backups_dir(data_dir)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    _clear_staging(root)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))
    try:
        try:
            _copy_database(source, key, staging / DATABASE_NAME)
            names, schema = _references(staging / DATABASE_NAME, key)
        except Exception as exc:  # noqa: BLE001 - any driver error: the diary could not be read whole
            raise BackupError(f"The diary could not be copied ({exc}); older backups were kept.") from exc
        present, missing = _gather(attachments_dir(data_dir), staging / ATTACHMENTS, names, overwrite=True)
        key_file = Path(data_dir) / KEY_FILE_NAME
        if key_file.is_file():
            _copy_file(key_file, staging / KEY_FILE_NAME)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "taken_at": now.isoformat(timespec="seconds"),
            "schema": schema,
            "encrypted": key is not None,
            "attachments": present,
            "missing_attachments": missing,
        }
        _write_file(staging / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
        fsync_dir(staging)
        problems = verify_backup(staging, key)
        if problems:
            raise BackupError(f"The new backup did not pass its checks ({problems[0]}); older backups were kept.")
        final = _free_name(root, f"diary-{now.strftime(_STAMP)}")
        os.replace(staging, final)
        fsync_dir(root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BackupInfo(final, now.replace(microsecond=0), len(present), len(missing), schema)


def list_backups(data_dir: Path, folders: Sequence[Path] = ()) -> list[BackupInfo]:
    """The finished backups in folders (by default the data directory's backups folder), newest first
    (folders that are not backups are ignored)."""
    found = []
    for folder in (f for root in (folders or [backups_dir(data_dir)]) if root.is_dir() for f in root.iterdir()):
        match = _NAME.fullmatch(folder.name)
        if not match or not folder.is_dir():
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP)
        try:
            manifest = _read_manifest(folder)
        except BackupError:
            found.append(BackupInfo(folder, taken_at, 0, 0, None))
            continue
        found.append(
            BackupInfo(folder, taken_at, len(manifest["attachments"]), len(manifest["missing_attachments"]), manifest["schema"])
        )
    return sorted(found, key=lambda b: (b.taken_at, b.name), reverse=True)


def thin_backups(data_dir: Path, protect: Path | None = None, folders: Sequence[Path] = ()) -> list[Path]:
    """Remove the backups the thinning policy does not keep (never `protect`), counting those in all of folders
    (by default the data directory's backups folder) together; returns what was removed."""
    backups = list_backups(data_dir, folders)
    keep = backups_to_keep(b.taken_at for b in backups)
    removed = []
    for backup in backups:
        if backup.taken_at in keep or backup.path == protect:
            continue
        shutil.rmtree(backup.path, ignore_errors=True)
        removed.append(backup.path)
    for root in {path.parent for path in removed}:
        fsync_dir(root)
    return removed


def newest_good_backup(data_dir: Path, key: bytes | None, folders: Sequence[Path] = ()) -> BackupInfo | None:
    """The newest backup in folders (by default the data directory's) that opens with key and passes every check, or None."""
    for backup in list_backups(data_dir, folders):
        if not verify_backup(backup.path, key):
            return backup
    return None


def restore_backup(data_dir: Path, backup: Path, key: bytes | None, reason: str = "replaced", now: datetime | None = None) -> Path | None:
    """Put a checked backup in place of the diary's database; the current file is kept aside, never deleted.

    Returns the folder the current database was moved to (None if there was none). Attachments
    the backup holds and the diary lacks are put back; none are removed or overwritten.
    """
    problems = verify_backup(backup, key)
    if problems:
        raise BackupError(f"The backup {backup.name} did not pass its checks ({problems[0]}). Nothing was changed.")
    target = database_path(data_dir)
    incoming = target.with_name(f".{target.name}.restoring")
    _copy_file(backup / DATABASE_NAME, incoming)
    try:
        aside = keep_aside(data_dir, reason, now)
        os.replace(incoming, target)
    finally:
        incoming.unlink(missing_ok=True)
    fsync_dir(target.parent)
    names = list(_read_manifest(backup)["attachments"])
    _gather(backup / ATTACHMENTS, attachments_dir(data_dir), names, overwrite=False)
    key_file = Path(data_dir) / KEY_FILE_NAME
    if not key_file.exists() and (backup / KEY_FILE_NAME).is_file():
        _copy_file(backup / KEY_FILE_NAME, key_file)
    return aside


def keep_aside(data_dir: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Move the database and its journal files into backups/<reason>-<time>/; None if there is no database."""
    target = database_path(data_dir)
    if not target.exists():
        return None
    root = backups_dir(data_dir)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    aside = _free_name(root, f"{reason}-{(now or datetime.now()).strftime(_STAMP)}")
    aside.mkdir(mode=0o700)
    for suffix in _SIDE_FILES:
        side = target.with_name(target.name + suffix)
        if side.exists():
            os.replace(side, aside / side.name)
    fsync_dir(aside)
    fsync_dir(target.parent)
    return aside


def change_stamp(db_path: Path) -> tuple[tuple[int, int], ...]:
    """Size and modification time of the database and its WAL: it changes when anything is committed."""
    stamp = []
    for suffix in ("", "-wal"):
        try:
            info = db_path.with_name(db_path.name + suffix).stat()
        except FileNotFoundError:
            stamp.append((0, 0))
            continue
        stamp.append((info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _copy_database(source: Path, key: bytes | None, destination: Path) -> None:
    """A consistent copy of a (live, WAL) database with SQLite's backup API, as one self-contained file."""
    with closing(connect_keyed(source, key)) as src, closing(connect_keyed(destination, key)) as dst:
        src.execute("PRAGMA busy_timeout = 5000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE").fetchone()
    os.chmod(destination, 0o600)
    _fsync_file(destination)


def _references(db_file: Path, key: bytes | None) -> tuple[list[str], str | None]:
    """The stored-file names a database refers to, and its schema revision."""
    with closing(connect_keyed(db_file, key)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        names = [row[0] for row in conn.execute("SELECT stored_name FROM document")] if "document" in tables else []
        schema = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
    return names, schema[0] if schema else None


def _gather(source: Path, destination: Path, names: Iterable[str], overwrite: bool) -> tuple[dict[str, int], list[str]]:
    """Hard-link (or copy) the named files from source to destination; returns {name: size} present and names missing."""
    present: dict[str, int] = {}
    missing: list[str] = []
    for name in sorted(set(names)):
        if not STORED_NAME.fullmatch(name):
            missing.append(name)
            continue
        origin, target = source / name, destination / name
        if not origin.is_file():
            missing.append(name)
            continue
        destination.mkdir(mode=0o700, parents=True, exist_ok=True)
        if target.exists() and not overwrite:
            present[name] = target.stat().st_size
            continue
        _link_or_copy(origin, target)
        present[name] = target.stat().st_size
    if present:
        fsync_dir(destination)
    return present, missing


def _link_or_copy(origin: Path, target: Path) -> None:
    """A hard link to origin at target, or a synced copy where links are not possible."""
    target.unlink(missing_ok=True)
    try:
        os.link(origin, target)
    except OSError:
        _copy_file(origin, target)


def _copy_file(origin: Path, target: Path) -> None:
    """Copy a file's bytes and sync them to disk."""
    shutil.copyfile(origin, target)
    os.chmod(target, 0o600)
    _fsync_file(target)


def _write_file(path: Path, data: bytes) -> None:
    """Write a new owner-only file and sync it."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    """Make a file's contents durable."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _read_manifest(folder: Path) -> dict[str, Any]:
    """A backup folder's manifest, checked for shape."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest["format"] != FORMAT or manifest["version"] != VERSION:
            raise ValueError("not a backup manifest")
        if not isinstance(manifest["attachments"], dict) or not isinstance(manifest["missing_attachments"], list):
            raise ValueError("bad attachment lists")
        manifest.setdefault("schema", None)
        return manifest
    except FileNotFoundError:
        raise BackupError(f"{folder.name} is not a diary backup (it has no {MANIFEST})") from None
    except (ValueError, KeyError, TypeError):
        raise BackupError(f"the description of backup {folder.name} is damaged") from None


def _clear_staging(root: Path) -> None:
    """Remove half-made backups left by a crash."""
    for folder in root.glob(f"{_STAGING_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)


def _free_name(root: Path, stem: str) -> Path:
    """root/stem, or root/stem-2, -3, ... if that is taken."""
    candidate, n = root / stem, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{stem}-{n}"
    return candidate
