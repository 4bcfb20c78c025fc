"""Automatic backups while the window is open: at most every 30 minutes while the diary changes, and on quit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from diary.services.backups import BackupReport, back_up, backup_is_current, diary_stamp
from diary.services.diary_file import Diary
from diary.services.errors import StoreError
from diary.ui.jobs import job_running, run_job

if TYPE_CHECKING:
    from diary.ui.shell import Shell

INTERVAL_MS = 30 * 60 * 1000

Runner = Callable[[Callable[[], BackupReport]], BackupReport]
"""Runs the taking of a backup (in the window: off its thread, with a progress bar) and returns its report."""


class AutoBackup(QObject):
    """Takes a checked backup when the timer fires or the window closes, if the diary changed since the last one."""

    message = Signal(str)

    def __init__(
        self, diary: Diary, parent: QObject | None = None, interval_ms: int = INTERVAL_MS, runner: Runner | None = None
    ) -> None:
        """Start the timer; the first backup comes at the first tick (or quit) after a change."""
        super().__init__(parent)
        self.diary = diary
        self.runner: Runner = runner or (lambda take: take())
        self._backed_up_stamp = diary_stamp(diary) if not diary.team and backup_is_current(diary) else None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.back_up_if_changed)
        self.timer.start()

    def changed(self) -> bool:
        """Whether anything was committed since the last backup (never, for a team diary: its server backs it up)."""
        return not self.diary.team and diary_stamp(self.diary) != self._backed_up_stamp

    def back_up_if_changed(self) -> BackupReport | None:
        """Back up if the diary changed since the last backup; None when there was nothing to do or it failed.

        A job under way (an import, say) is left to finish; the next tick backs up what it wrote."""
        return self.back_up_now() if self.changed() and not job_running() else None

    def back_up_now(self) -> BackupReport | None:
        """Take a backup now and say how it went."""
        try:
            stamp = None if self.diary.team else diary_stamp(self.diary)
            report = self.runner(lambda: back_up(self.diary))
        except (StoreError, OSError) as exc:
            self.message.emit(f"The backup could not be made: {exc}")
            return None
        self._backed_up_stamp = stamp
        self.message.emit(report.describe())
        return report


class BackupControls(QObject):
    """Wires backups into the main window: the timer, 'Back up now', 'Restore from backup…', the backup on quit."""

    def __init__(self, window: Shell, interval_ms: int = INTERVAL_MS) -> None:
        """Attach to window (which owns this object)."""
        super().__init__(window)
        self.window = window
        self.auto = AutoBackup(window.diary, self, interval_ms, self.in_job)
        self.auto.message.connect(window.say)
        window.actions.connect("back_up_now", self.auto.back_up_now)
        window.actions.connect("restore_backup", self.restore)

    def in_job(self, take: Callable[[], BackupReport]) -> BackupReport:
        """Take a backup off the window's thread, with a progress bar; its error, if any, is raised here."""
        outcome = run_job(
            self.window, "Back up", "Taking a checked backup of the diary…", lambda _progress: take(),
            expected=(StoreError, OSError),
        )
        if outcome.error or outcome.value is None:
            raise outcome.error or StoreError("the backup stopped before the end")
        return outcome.value

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
