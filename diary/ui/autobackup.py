"""Automatic backups while the window is open: at most every 30 minutes while the diary changes, and on quit."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from diary.services.backups import BackupReport, back_up, kept_backups
from diary.services.diary_file import Diary
from diary.store.backup import change_stamp
from diary.store.database import StoreError

if TYPE_CHECKING:
    from diary.ui.main_window import MainWindow

INTERVAL_MS = 30 * 60 * 1000


class AutoBackup(QObject):
    """Takes a checked backup when the timer fires or the window closes, if the diary changed since the last one."""

    message = Signal(str)

    def __init__(self, diary: Diary, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        """Start the timer; the first backup comes at the first tick (or quit) after a change."""
        super().__init__(parent)
        self.diary = diary
        self._backed_up_stamp = change_stamp(diary.db.path) if not diary.team and _backup_is_current(diary) else None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.back_up_if_changed)
        self.timer.start()

    def changed(self) -> bool:
        """Whether anything was committed since the last backup (never, for a team diary: its server backs it up)."""
        return not self.diary.team and change_stamp(self.diary.db.path) != self._backed_up_stamp

    def back_up_if_changed(self) -> BackupReport | None:
        """Back up if the diary changed since the last backup; None when there was nothing to do or it failed."""
        return self.back_up_now() if self.changed() else None

    def back_up_now(self) -> BackupReport | None:
        """Take a backup now and say how it went."""
        try:
            stamp = None if self.diary.team else change_stamp(self.diary.db.path)
            report = back_up(self.diary)
        except (StoreError, OSError) as exc:
            self.message.emit(f"The backup could not be made: {exc}")
            return None
        self._backed_up_stamp = stamp
        self.message.emit(report.describe())
        return report


def _backup_is_current(diary: Diary) -> bool:
    """Whether the newest backup was taken after the database last changed."""
    backups = kept_backups(diary)
    if not backups:
        return False
    modified = max(mtime for _size, mtime in change_stamp(diary.db.path))
    return backups[0].taken_at >= datetime.fromtimestamp(modified / 1e9).replace(microsecond=0)


class BackupControls(QObject):
    """Wires backups into the main window: the timer, 'Back up now', 'Restore from backup…', the backup on quit."""

    def __init__(self, window: MainWindow, interval_ms: int = INTERVAL_MS) -> None:
        """Attach to window (which owns this object)."""
        super().__init__(window)
        self.window = window
        self.auto = AutoBackup(window.diary, self, interval_ms)
        self.auto.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
        window.actions.connect("back_up_now", self.auto.back_up_now)
        window.actions.connect("restore_backup", self.restore)

    def restore(self) -> None:
        """Let the officer choose a backup and put it in place."""
        from diary.ui.restore_dialog import restore_chosen_backup

        if restore_chosen_backup(self.window.diary, self.window):
            self.window.stack.setCurrentWidget(self.window.today)
            self.window.refresh()

    def on_close(self) -> None:
        """The backup on quit (only if the diary changed)."""
        self.auto.timer.stop()
        self.auto.back_up_if_changed()
