"""Starting quickly without giving anything up: the key unwrapped ahead, the integrity check beside the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diary.services.casefile import export_document
from diary.services.diary_file import open_diary
from diary.store import keyring
from diary.ui.app import make_application, open_window
from diary.ui.restore_dialog import DamagedDiaryDialog
from tests.test_backup_ui import _damaged_diary


def test_a_key_unwrapped_ahead_is_the_same_key_and_a_wrong_passphrase_the_same_error(data_dir: Path) -> None:
    open_diary(data_dir).close()
    path = keyring.key_file_path(data_dir)
    expected = keyring.unlock(path, "correct horse battery staple")
    keyring.unlock_ahead(path, "correct horse battery staple")
    assert keyring.unlock(path, "correct horse battery staple") == expected
    keyring.unlock_ahead(path, "not the passphrase")
    with pytest.raises(keyring.WrongPassphrase):
        keyring.unlock(path, "not the passphrase")


def test_damage_is_offered_the_newest_good_backup_once_the_window_opens(
    qtbot: QtBot, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    make_application()
    expected = _damaged_diary(data_dir, example_casefile, backed_up=True)
    offered: list[str] = []

    def restore_when_offered() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DamagedDiaryDialog) and dialog.restore_button is not None and not offered:
            offered.append(dialog.windowTitle())
            qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    watcher = QTimer()
    watcher.timeout.connect(restore_when_offered)
    watcher.start(20)
    window = open_window(open_diary(data_dir))
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "damaged-" in window.statusBar().currentMessage(), timeout=30000)
    watcher.stop()
    assert offered
    assert export_document(window.diary.db)["people"] == expected
    window.diary.close()
