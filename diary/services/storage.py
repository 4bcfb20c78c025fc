"""Where the diary is kept: the one-time warning about network shares and synced cloud folders."""

from __future__ import annotations

from diary.services.diary_file import Diary
from diary.services.settings import get_setting, set_setting
from pathlib import Path

from diary.store.instance_lock import InstanceLock, storage_warning

WARNED_FOR = "storage_warning_shown_for"


def instance_lock(data_dir: Path) -> InstanceLock:
    """The lock that keeps a second window (or a restore) off a data directory while one window has it open."""
    return InstanceLock(data_dir)


def storage_warning_once(diary: Diary, mounts: str | None = None) -> str | None:
    """The warning about where the diary is kept, the first time it applies to this folder; else None."""
    warning = storage_warning(diary.data_dir, mounts)
    if warning is None or get_setting(diary.db, WARNED_FOR) == str(diary.data_dir):
        return None
    set_setting(diary.db, WARNED_FOR, str(diary.data_dir))
    return warning
