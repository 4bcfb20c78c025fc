"""Starting the desktop app: the QApplication, the diary, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from diary import APP_ID, APP_NAME, __version__
from diary.resources import resource_path
from diary.store.database import StoreError


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the diary's name, style and stylesheet (reusing one that exists)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    return app  # type: ignore[return-value]


def run_app(data_dir: Path, demo: bool = False, open_file: str | None = None) -> int:
    """Open the diary in a window and run until it closes; returns the exit code."""
    from diary.services.diary_file import open_diary
    from diary.ui.main_window import MainWindow

    app = make_application()
    try:
        diary = open_diary(data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(diary)
    if demo and not window.caseload.model.rows:
        window.load_demo()
    window.show()
    if open_file:
        window.import_casefile(open_file)
    return app.exec()
