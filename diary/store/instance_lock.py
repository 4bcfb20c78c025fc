"""One window per data directory (an OS lock on a file in it), and a warning for shared or synced folders.

The lock is the operating system's own (flock on POSIX, msvcrt.locking on Windows), held on an
open file: it goes away with the process, however the process ends, so a crash never leaves a
lock that blocks the next start. The lock file itself may stay behind; it means nothing by itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath
from types import TracebackType

from diary.store.database import StoreError

LOCK_NAME = "diary.lock"
PROC_MOUNTS = Path("/proc/mounts")

NETWORK_FILESYSTEMS = frozenset(
    "nfs nfs4 cifs smb smb2 smb3 smbfs ncpfs afs coda 9p ceph glusterfs lustre gpfs beegfs ocfs2 "
    "sshfs davfs fuse.sshfs fuse.rclone fuse.davfs fuse.gvfsd-fuse fuse.glusterfs fuse.cephfs fuse.s3fs "
    "fuse.onedriver fuse.google-drive-ocamlfuse fuse.dropbox".split()
)
_CLOUD_FOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"onedrive( - .*)?", re.I), "OneDrive"),
    (re.compile(r"dropbox( \(.*\))?", re.I), "Dropbox"),
    (re.compile(r"google ?drive|my drive|googledrive-.*", re.I), "Google Drive"),
    (re.compile(r"icloud ?drive.*|mobile documents|com~apple~clouddocs", re.I), "iCloud Drive"),
    (re.compile(r"box|box sync", re.I), "Box"),
    (re.compile(r"nextcloud|owncloud|pcloud ?drive|mega|megasync", re.I), "a cloud sync service"),
    (re.compile(r"cloudstorage", re.I), "a cloud sync service"),
)
_WINDOWS_REMOTE_DRIVE = 4


class AlreadyRunning(StoreError):
    """Another running copy of the app has this data directory open."""


class InstanceLock:
    """The lock on one data directory; hold it for as long as the window is open."""

    def __init__(self, data_dir: Path) -> None:
        """A lock (not yet taken) on data_dir."""
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; True when it is now ours."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock(fd):
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def acquire(self) -> InstanceLock:
        """Take the lock or raise AlreadyRunning with a plain message."""
        if not self.try_acquire():
            raise AlreadyRunning(
                f"Supervision Diary is already open on the diary in {self.path.parent}. "
                "Close that window first; nothing was changed."
            )
        return self

    def release(self) -> None:
        """Let go of the lock (the file stays; an unlocked file blocks nobody)."""
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> InstanceLock:
        """Take the lock for a with-block."""
        return self.acquire()

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        """Release the lock at the end of the with-block."""
        self.release()


def _lock(fd: int) -> bool:
    """Try to take an exclusive lock on the open file without waiting."""
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    """Release the lock on the open file."""
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def cloud_service(path: PurePath) -> str | None:
    """The sync service whose folder path sits in (judged by folder names), or None."""
    for part in path.parts:
        for pattern, service in _CLOUD_FOLDERS:
            if pattern.fullmatch(part):
                return service
    return None


def filesystem_type(path: PurePath, mounts: str) -> str | None:
    """The type of the file system holding path, from the text of /proc/mounts (longest mount point wins)."""
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape_mount(fields[1])
        if _is_within(path, PurePath(mount_point)) and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None


def is_network_filesystem(fs_type: str | None) -> bool:
    """Whether a file system type names a network or remote file system."""
    return fs_type is not None and fs_type.lower() in NETWORK_FILESYSTEMS


def storage_warning(data_dir: Path, mounts: str | None = None) -> str | None:
    """A plain warning when data_dir looks like a network share or a synced cloud folder, else None."""
    path = Path(data_dir).expanduser().absolute()
    service = cloud_service(path)
    if service:
        return (
            f"Your diary is kept in {path}, which looks like a folder synced by {service}. "
            "Sync services can copy the diary while it is being saved, and a copy from another computer "
            "can overwrite your latest work. Keep the diary in a folder on this computer (choose it with "
            "--data-dir or DIARY_DATA_DIR) and copy backups elsewhere with `diary backup --out FILE`."
        )
    remote = _remote_kind(path, mounts)
    if remote:
        return (
            f"Your diary is kept in {path}, on a network drive ({remote}). A dropped connection can lose "
            "or damage a diary that is being saved there, and network drives do not always stop two "
            "copies of the app writing at once. Keep the diary in a folder on this computer (choose it "
            "with --data-dir or DIARY_DATA_DIR) and copy backups elsewhere with `diary backup --out FILE`."
        )
    return None


def _remote_kind(path: Path, mounts: str | None) -> str | None:
    """What kind of network location path is on, or None when it is local (or cannot be told)."""
    if os.name == "nt":
        return _windows_remote(path)
    if mounts is None:
        try:
            mounts = PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    fs_type = filesystem_type(_real_path(path), mounts)
    return fs_type if is_network_filesystem(fs_type) else None


def _windows_remote(path: Path) -> str | None:
    """'a shared folder' for UNC paths and mapped network drives on Windows."""
    if path.drive.startswith("\\\\"):
        return "a shared folder"
    import ctypes

    drive_type = ctypes.windll.kernel32.GetDriveTypeW(f"{path.drive}\\")  # type: ignore[attr-defined]
    return "a mapped network drive" if drive_type == _WINDOWS_REMOTE_DRIVE else None


def _real_path(path: Path) -> Path:
    """path with its existing part resolved (so a symlink counts where it points); the rest kept as written."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve() / path.relative_to(candidate)
    return path


def _is_within(path: PurePath, folder: PurePath) -> bool:
    """Whether path is folder or inside it."""
    return path == folder or folder in path.parents


def _unescape_mount(field: str) -> str:
    """A /proc/mounts field with its octal escapes (\\040 for a space) decoded."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
