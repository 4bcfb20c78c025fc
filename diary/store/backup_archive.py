"""A backup as one file: the backup folder packed as a tar (for `diary backup --out`), and unpacked safely to restore.

The members are already encrypted (the SQLCipher database, the sealed attachments, the wrapped key
file), so the archive is not compressed or encrypted again; it carries no user or group names.
"""

from __future__ import annotations

import shutil
import tarfile
import tempfile
from pathlib import Path

from diary.paths import DATABASE_NAME
from diary.store.backup import ATTACHMENTS, MANIFEST, STORED_NAME, BackupError, backups_dir
from diary.store.fileio import atomic_writer
from diary.store.keyring import KEY_FILE_NAME

INCOMING_PREFIX = ".incoming-"


def write_archive(backup: Path, out: Path) -> None:
    """Pack a backup folder into one tar file at out (written whole or not at all)."""
    with atomic_writer(out) as handle, tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in backup.rglob("*") if p.is_file()):
            tar.add(path, arcname=path.relative_to(backup).as_posix(), filter=_anonymous)


def unpack_archive(archive: Path, data_dir: Path) -> Path:
    """Unpack a backup tar file into a hidden folder under backups/ (only the members a backup has)."""
    root = backups_dir(data_dir)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=root))
    try:
        with tarfile.open(archive, mode="r:") as tar:
            for member in tar:
                destination = _member_destination(folder, member)
                source = tar.extractfile(member)
                if source is None:
                    continue
                destination.parent.mkdir(mode=0o700, exist_ok=True)
                with source, open(destination, "xb") as handle:
                    shutil.copyfileobj(source, handle)
    except (tarfile.TarError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise BackupError(f"{archive} is not a diary backup that can be read ({exc}). Nothing was changed.") from exc
    return folder


def discard_unpacked(folder: Path) -> None:
    """Remove a folder made by unpack_archive."""
    if folder.name.startswith(INCOMING_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


def _member_destination(folder: Path, member: tarfile.TarInfo) -> Path:
    """Where an archive member may be unpacked; refuses anything a backup does not hold."""
    name = member.name
    top_level = name in (DATABASE_NAME, KEY_FILE_NAME, MANIFEST)
    blob = name.startswith(f"{ATTACHMENTS}/") and STORED_NAME.fullmatch(name.split("/", 1)[1]) is not None
    if not member.isfile() or not (top_level or blob):
        raise tarfile.TarError(f"unexpected entry {name!r}")
    return folder / name


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """An archive entry without the officer's user and group names."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info
