"""The person's page: reached by Enter from the caseload; photo and documents by drag and drop."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diary.services import documents
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.ui.main_window import MainWindow
from shown_window import shown_window

NOW = datetime(2026, 2, 1, 11, 30)


@pytest.fixture
def window(qtbot: QtBot, diary: Diary, example_casefile: dict[str, Any]) -> MainWindow:
    person = example_casefile["people"][0]
    person["contact_notes"].append({"at": "2026-02-03T09:00", "kind": "email", "text": "Emailed the hostel about a room."})
    import_document(diary.db, parse_document(example_casefile))
    win = shown_window(qtbot, diary, NOW)
    return win


def _drop(target: Any, paths: list[Path]) -> None:
    """Drag files over the target and drop them, as the window system delivers it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    assert QApplication.sendEvent(target, enter) and enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, modifiers))


def test_enter_on_the_caseload_opens_the_page_with_key_dates(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    page = window.person
    assert window.stack.currentWidget() is page
    assert page.name.text() == "Jon Smith  ·  X123456"
    assert "Release" in page.dates.text() and "15 Jan 2027" in page.dates.text()
    assert "MAPPA category 2, level 1" in page.facts.text() and "Johnny Smyth" in page.facts.text()
    assert "RAR: 20 days" in page.orders.toPlainText()
    assert "first warning letter" in page.orders.toPlainText()


def test_notes_newest_first_filtered_by_kind_and_words(qtbot: QtBot, window: MainWindow) -> None:
    window.open_person(1)
    page = window.person
    assert page.notes.model().rowCount() == 2
    assert "hostel" in page.notes.model().index(0, 2).data()
    page.note_kind.setCurrentIndex(page.note_kind.findData("phone"))
    assert page.notes.model().rowCount() == 1
    page.note_kind.setCurrentIndex(0)
    qtbot.keyClicks(page.note_search, "hostel room")
    assert page.notes.model().rowCount() == 1


def test_photo_and_document_by_drag_and_drop(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.open_person(1)
    page = window.person
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    photo = tmp_path / "jon.png"
    image.save(str(photo))
    _drop(page.photo, [photo])
    assert page.photo.pixmap() is not None and not page.photo.pixmap().isNull()
    letter = tmp_path / "Housing letter.pdf"
    letter.write_bytes(b"%PDF-1.4 a scanned letter")
    _drop(page, [letter])
    titles = [page.documents_model.rows[i].title for i in range(page.documents_model.rowCount())]
    assert titles == ["Housing letter", "Photo"]
    assert page.tabs.currentWidget() is page.documents
    info, data = documents.document_bytes(window.diary, page.documents_model.rows[0].id)
    assert data == b"%PDF-1.4 a scanned letter" and info.media_type == "application/pdf"
    stored = list((window.diary.data_dir / "attachments").iterdir())
    assert len(stored) == 2 and all(b"scanned letter" not in p.read_bytes() for p in stored)


def test_a_non_image_is_not_taken_as_a_photo(window: MainWindow, tmp_path: Path) -> None:
    window.open_person(1)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    messages: list[str] = []
    window.person.message.connect(messages.append)
    _drop(window.person.photo, [text])
    assert messages == ["notes.txt is not an image file."]
    assert documents.documents_for(window.diary, 1) == []
