"""The main window over a test diary at a fixed 'now', shown, exposed and active, for pytest-qt tests."""

from __future__ import annotations

from datetime import datetime

from pytestqt.qtbot import QtBot

from diary.services.diary_file import Diary
from diary.ui.app import make_application
from diary.ui.main_window import MainWindow


def shown_window(qtbot: QtBot, diary: Diary, now: datetime) -> MainWindow:
    """A main window over the diary whose clock stands at now, shown on screen and active (so its shortcuts work)."""
    make_application()
    window = MainWindow(diary, clock=lambda: now)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
