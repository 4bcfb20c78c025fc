"""Personal text on the clipboard is marked secret for clipboard managers and cleared 30 seconds later."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.ui.app import make_application
from diary.ui.clipboard import CLEAR_AFTER_MS, MARKS, SecretClipboard, secret_clipboard
from shown_window import shown_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _marks() -> dict[str, bytes]:
    mime = QGuiApplication.clipboard().mimeData()
    return {name: bytes(mime.data(name).data()) for name in MARKS if mime.hasFormat(name)}


@pytest.fixture
def clipboard(qtbot: QtBot) -> SecretClipboard:
    make_application()
    QGuiApplication.clipboard().clear()
    return secret_clipboard()


def test_copied_text_is_marked_for_linux_and_windows_clipboard_managers(clipboard: SecretClipboard) -> None:
    clipboard.copy("Jon Smith, X123456: disclosed a new address")
    assert QGuiApplication.clipboard().text() == "Jon Smith, X123456: disclosed a new address"
    assert _marks() == {
        "x-kde-passwordManagerHint": b"secret",
        "ExcludeClipboardContentFromMonitorProcessing": b"\0\0\0\0",
        "CanIncludeInClipboardHistory": b"\0\0\0\0",
        "CanUploadToCloudClipboard": b"\0\0\0\0",
    }
    assert secret_clipboard() is clipboard


def test_our_copy_is_cleared_after_30_seconds(clipboard: SecretClipboard) -> None:
    clipboard.copy("Jon Smith, X123456")
    assert clipboard.timer.isActive() and clipboard.timer.interval() == CLEAR_AFTER_MS == 30_000
    clipboard.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""


def test_something_copied_since_is_left_alone(clipboard: SecretClipboard) -> None:
    clipboard.copy("Jon Smith, X123456")
    QGuiApplication.clipboard().setText("a recipe from another program")
    clipboard.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == "a recipe from another program"


def test_ctrl_c_in_the_diarys_own_fields_is_marked_and_cleared_too(qtbot: QtBot, clipboard: SecretClipboard) -> None:
    field = QLineEdit("Lives at 12 Example Street")
    qtbot.addWidget(field)
    watcher = SecretClipboard(field, owns=lambda: True)  # the offscreen platform cannot say who owns the clipboard
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Lives at 12 Example Street"
    assert _marks()["x-kde-passwordManagerHint"] == b"secret"
    assert watcher.timer.isActive()
    watcher.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""


def test_what_another_program_copies_is_not_touched(qtbot: QtBot, clipboard: SecretClipboard) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher = SecretClipboard(field, owns=lambda: False)
    QGuiApplication.clipboard().setText("copied in a web browser")
    assert _marks() == {}
    assert not watcher.timer.isActive()


def test_national_record_copy_goes_through_the_secret_clipboard(
    qtbot: QtBot, diary: Diary, example_casefile: dict[str, Any], clipboard: SecretClipboard
) -> None:
    example_casefile["people"][0]["contact_notes"] = [
        {"at": "2026-02-02T14:00", "kind": "phone", "text": "Called the housing officer.", "sensitive": True}
    ]
    import_document(diary.db, parse_document(example_casefile))
    window = shown_window(qtbot, diary, datetime(2026, 2, 4, 16, 0))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    assert "Contact type:" in QGuiApplication.clipboard().text()
    assert set(_marks()) == set(MARKS)
    assert clipboard.copied == QGuiApplication.clipboard().text()
    clipboard.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""
