"""The national record queue: copy a contact in the stated layout, tick it entered, move to the next."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from diary.services import national_queue as nq
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.store.models import ContactNote
from diary.ui.main_window import MainWindow
from shown_window import shown_window

NOW = datetime(2026, 2, 4, 16, 0)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def loaded(diary: Diary, example_casefile: dict[str, Any]) -> Diary:
    """The example person with a sensitive agency note, an entered note and a recorded session."""
    person = example_casefile["people"][0]
    person["contact_notes"] = [
        {"at": "2026-02-02T14:00", "kind": "phone", "text": "Called housing officer.\t\r\nRoom offered  ", "sensitive": False},
        {"at": "2026-01-30T09:10", "kind": "other_agency", "text": "Police: \u201cno further action\u201d \u2013 bail ended.",
         "sensitive": True},
        {"at": "2026-01-20T09:00", "kind": "email", "text": "Already typed up.", "entered_nationally_at": "2026-01-20T12:00"},
    ]
    import_document(diary.db, parse_document(example_casefile))
    return diary


@pytest.fixture
def window(qtbot: QtBot, loaded: Diary) -> MainWindow:
    return shown_window(qtbot, loaded, NOW)


def test_queue_lists_unentered_notes_and_sessions_oldest_first(loaded: Diary) -> None:
    items = nq.national_queue(loaded.db, NOW)
    assert [(i.source, i.at) for i in items] == [
        ("note", datetime(2026, 1, 30, 9, 10)),
        ("session", datetime(2026, 2, 1, 10, 0)),
        ("note", datetime(2026, 2, 2, 14, 0)),
    ]


def test_plain_copy_is_the_stated_layout_and_marks_sensitive_notes(loaded: Diary) -> None:
    sensitive, session, phone = nq.national_queue(loaded.db, NOW)
    assert nq.plain_copy(sensitive) == (
        "SENSITIVE\nDate: 30/01/2026\nTime: 09:10\nContact type: Other agency\nOutcome: Not applicable\n"
        "Notes:\nPolice: \"no further action\" - bail ended."
    )
    assert nq.plain_copy(session) == (
        "Date: 01/02/2026\nTime: 10:00\nContact type: Office\nOutcome: ATTC - Attended, complied\n"
        "Notes:\nDiscussed accommodation. Next: housing referral."
    )
    assert nq.plain_copy(phone).endswith("Notes:\nCalled housing officer.\nRoom offered")


def test_sessions_older_than_the_window_are_not_queued(loaded: Diary) -> None:
    later = datetime(2026, 2, 20, 9, 0)
    assert [i.source for i in nq.national_queue(loaded.db, later)] == ["note", "note"]


def test_ctrl_shift_c_copies_the_note_and_ctrl_shift_e_marks_it_entered(
    qtbot: QtBot, window: MainWindow, loaded: Diary
) -> None:
    assert window.today.national_label.text() == "National record: 3 contacts waiting (Ctrl+6 to enter them)"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.national
    assert window.national.table.hasFocus()

    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text().startswith("SENSITIVE\nDate: 30/01/2026\nTime: 09:10\nContact type: Other agency\n")
    assert bytes(clipboard.mimeData().data("x-kde-passwordManagerHint").data()) == b"secret"
    assert "Ctrl+Shift+E" in window.statusBar().currentMessage()

    qtbot.keyClick(window.national.table, Qt.Key.Key_E, CTRL_SHIFT)
    with loaded.db.session() as session:
        police = session.query(ContactNote).filter(ContactNote.kind == "other_agency").one()
        assert police.entered_nationally_at == NOW
    assert window.national.selected() is not None and window.national.selected().source == "session"
    assert window.today.national_label.text() == "National record: 2 contacts waiting (Ctrl+6 to enter them)"

    qtbot.keyClick(window.national.table, Qt.Key.Key_E, CTRL_SHIFT)
    assert [i.source for i in nq.national_queue(loaded.db, NOW)] == ["note"]


def test_clipboard_is_cleared_only_if_it_still_holds_our_copy(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    view = window.national
    assert view.clear_timer.isActive() and view.clear_timer.interval() == 30_000
    view.clear_timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""

    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    QGuiApplication.clipboard().setText("something the officer copied since")
    view.clear_timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == "something the officer copied since"
