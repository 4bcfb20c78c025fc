"""Starting the desktop app: the QApplication, the diary, the main window."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from diary import APP_ID, APP_NAME, __version__
from diary.resources import resource_path
from diary.paths import database_path
from diary.services.backups import damage_in_file
from diary.services.diary_file import (
    PASSPHRASE_ENV,
    Diary,
    DiaryDamaged,
    PasswordNeeded,
    is_encrypted,
    open_any,
    open_diary,
    team_address,
)
from diary.services.errors import DatabaseError, StoreError
from diary.services.preferences import Appearance, get_appearance
from diary.services.storage import storage_warning_once
from diary.ui.single_instance import SingleInstance, already_open_message, bring_to_front
from diary.ui.theme import apply_appearance

if TYPE_CHECKING:
    from diary.ui.first_run import FirstRunWizard
    from diary.ui.main_window import MainWindow
    from diary.ui.passphrase_dialogs import UnlockDialog

SMOKE_EXIT_ENV = "DIARY_SMOKE_EXIT_AFTER_MS"
"""For packaging/smoke_test.sh: quit this many ms after the main window shows, saying whether it did."""


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the diary's name, icon, style and colours (reusing one that exists)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    if not app.property("diary_styled"):
        app.setStyle("Fusion")  # once only: replacing the style under live widgets can crash Qt
        app.setProperty("diary_styled", True)
    app.setWindowIcon(app_icon())
    apply_appearance(app, Appearance())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    """The diary-with-a-tick icon, at every size drawn for it (resources/icons, made by packaging/make_icons.py)."""
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("supervision-diary-*.png")):
        icon.addFile(str(png))
    return icon


def open_interactively(data_dir: Path, database: str | None = None) -> Diary | None:
    """Open the diary, asking for the passphrase (or, on first run, the officer's details and a new one) unless
    the environment gives it. DiaryDamaged when the passphrase is right but the file cannot be read. A team
    diary (named, in the environment, or joined before) asks the passphrase and the server's password."""
    address = team_address(data_dir, database)
    if address:
        return _open_team(data_dir, address)
    if not os.environ.get(PASSPHRASE_ENV):
        from diary.ui.first_run import FirstRunWizard
        from diary.ui.passphrase_dialogs import UnlockDialog

        if is_encrypted(data_dir):
            dialog: UnlockDialog | FirstRunWizard = UnlockDialog(data_dir)
        elif not database_path(data_dir).exists():
            dialog = FirstRunWizard(data_dir)
        else:
            return open_diary(data_dir)
        dialog.exec()
        if isinstance(dialog, UnlockDialog) and dialog.damage is not None:
            raise dialog.damage
        return dialog.diary
    return open_diary(data_dir)


def _open_team(data_dir: Path, address: str) -> Diary | None:
    """A team diary: straight away when the environment holds what it needs, else through the unlock dialog."""
    from diary.ui.passphrase_dialogs import UnlockDialog

    if os.environ.get(PASSPHRASE_ENV):
        try:
            return open_any(data_dir, address)
        except PasswordNeeded:
            pass
    dialog = UnlockDialog(data_dir, team_address=address)
    dialog.exec()
    return dialog.diary


def run_app(data_dir: Path, demo: bool = False, open_file: str | None = None, database: str | None = None) -> int:
    """Open the diary in a window and run until it closes; returns the exit code."""
    app = make_application()
    instance = SingleInstance(data_dir)
    if not instance.claim():
        print(already_open_message(data_dir, instance.ask_running_app_to_come_forward()), file=sys.stderr)
        return 0
    instance.activated.connect(bring_to_front)
    try:
        diary = open_interactively(data_dir, database)
    except DiaryDamaged as exc:
        from diary.ui.restore_dialog import restore_unreadable

        diary = restore_unreadable(data_dir, exc)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if diary is None:
        return 0
    apply_appearance(app, get_appearance(diary.db))
    window = open_window(diary)
    if window is None:
        return 0
    if demo and not window.people:
        window.files.load_demo()
    window.show()
    warning = storage_warning_once(diary)
    if warning:
        QMessageBox.warning(window, "Where your diary is kept", warning)
    if open_file:
        window.files.import_casefile(open_file)
    _quit_after_smoke_delay(app, window)
    return app.exec()


def open_window(diary: Diary) -> MainWindow | None:
    """The main window over the diary, whose integrity is checked meanwhile on another thread (the checks read
    every page: seconds for a career's diary). Damage is offered the newest good backup: at once if it keeps the
    window from filling, else when the check finds it. None when the officer chooses to quit."""
    from diary.ui.main_window import MainWindow

    check = IntegrityCheck(diary) if not diary.team else None  # a team server keeps its own pages whole
    try:
        window = MainWindow(diary)
    except DatabaseError:
        from diary.ui.restore_dialog import check_on_start

        restored, message = check_on_start(diary)
        if restored is None:
            return None
        window = MainWindow(restored)
        window.statusBar().showMessage(message or "", 60000)
    if check is not None:
        check.watch(window)
    return window


class IntegrityCheck(QObject):
    """SQLCipher's and SQLite's integrity checks on another thread, on a connection of their own; damage found is
    offered its newest good backup in the window watched."""

    damaged = Signal()

    def __init__(self, diary: Diary) -> None:
        """Start checking the diary."""
        super().__init__()
        self.window: MainWindow | None = None
        self.damaged.connect(self.offer_backup)
        self.thread = threading.Thread(
            target=self._check, args=(diary.db.path, diary.db.key), name="integrity-check", daemon=True
        )
        self.thread.start()

    def watch(self, window: MainWindow) -> None:
        """Report to this window (which keeps the check)."""
        self.window = window
        self.setParent(window)

    def _check(self, path: Path, key: bytes | None) -> None:
        """On the checking thread: say so to the window's thread if anything is wrong."""
        if damage_in_file(path, key):
            self.damaged.emit()

    def offer_backup(self) -> None:
        """Show what is wrong and offer the newest good backup; quit if the officer chooses to."""
        from diary.ui.restore_dialog import check_on_start

        if self.window is None:
            return
        diary, message = check_on_start(self.window.diary, self.window)
        if diary is None:
            QApplication.exit(0)
            return
        self.window.refresh()
        if message:
            self.window.statusBar().showMessage(message, 60000)


def _quit_after_smoke_delay(app: QApplication, window: MainWindow) -> None:
    """With $DIARY_SMOKE_EXIT_AFTER_MS set, print whether the window is shown, close it and exit (0 if it was).

    On standard error it also says when (seconds since the epoch, for `diary bench`) and how many people
    the caseload lists, so a start can be timed to the window shown and populated.
    """
    delay = os.environ.get(SMOKE_EXIT_ENV)
    if not delay:
        return

    def report() -> None:
        shown = window.isVisible()
        if sys.stderr:
            print(f"smoke: shown at {time.time():.6f} listing {window.people} people", file=sys.stderr, flush=True)
        if sys.stdout:
            print(f"smoke: main window {'shown' if shown else 'NOT shown'}: {window.windowTitle()}", flush=True)
        window.close()
        app.exit(0 if shown else 3)

    QTimer.singleShot(int(delay), report)
