"""Finding a person in the window: Ctrl+F or typing in the caseload, results as you type, Enter to open."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.services import documents
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.enforcement_actions import record_enforcement_action
from diary.services.diary_file import Diary
from diary.store.models import SentenceOrder
from diary.ui import formatting as fmt
from diary.ui.main_window import MainWindow
from diary.ui.search_view import SEARCH_COLUMNS
from search_fixture import casefile_document, load_people, release_date
from shown_window import shown_window

NOW = datetime(2026, 2, 1, 11, 30)
PEOPLE = {f"{p.first_name} {p.last_name}": p for p in load_people()}
COLUMN = {c.header: i for i, c in enumerate(SEARCH_COLUMNS)}


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> MainWindow:
    import_document(diary.db, parse_document(casefile_document(NOW.date())))
    win = shown_window(qtbot, diary, NOW)
    return win


def _cell(window: MainWindow, row: int, header: str) -> str:
    model = window.search.view.model
    return str(model.index(row, COLUMN[header]).data())


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+F from wherever the officer is, then type, as fast as they type."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.view.box, text)
    qtbot.waitUntil(lambda: bool(window.search.view.model.rows) and not window.search.view.timer.isActive())


def test_a_misspelt_name_shows_the_release_date_without_opening_the_page(qtbot: QtBot, window: MainWindow) -> None:
    jonas = PEOPLE["Jonas Petrauskas"]
    _search(qtbot, window, "jonas petrauskus")
    assert window.stack.currentWidget() is window.search.view
    assert _cell(window, 0, "Name") == "Jonas Petrauskas"
    assert _cell(window, 0, "CRN") == jonas.crn
    assert _cell(window, 0, "Order / licence") == "In custody"
    assert _cell(window, 0, "Release / order end") == f"Release {fmt.day(release_date(jonas, NOW.date()))}"
    assert _cell(window, 0, "Born") == fmt.day(jonas.date_of_birth)
    assert _cell(window, 0, "Next appointment") != "—"
    assert window.person.detail is None


def test_each_row_answers_the_usual_questions(qtbot: QtBot, window: MainWindow) -> None:
    _search(qtbot, window, "Seun Adeyemi")
    assert _cell(window, 0, "Name") == "Oluwaseun Adeyemi  (also Seun Adeyemi)"
    assert _cell(window, 0, "Order / licence") == "Community order"
    assert _cell(window, 0, "Release / order end").startswith("Order end ")
    assert _cell(window, 0, "Risk") in {"○ Low", "◐ Medium", "● High", "◉ Very high"}
    assert _cell(window, 0, "Last contact") == fmt.day_time(NOW.replace(hour=10, minute=0) - timedelta(days=7))
    assert "Matched on alias Seun Adeyemi" in window.search.view.model.index(0, COLUMN["Name"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "best match first" in window.search.view.status.text()


def test_typing_in_the_caseload_jumps_into_search(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.caseload.table, "k")
    view = window.search.view
    assert window.stack.currentWidget() is view and view.box.hasFocus() and view.box.text() == "k"
    qtbot.keyClicks(view.box, "owalsky")
    qtbot.waitUntil(lambda: bool(view.model.rows) and view.box.text() == "kowalsky" and not view.timer.isActive())
    assert "Piotr Kowalski" in [_cell(window, r, "Name") for r in range(3)]


def test_enter_opens_the_best_match_and_down_then_enter_the_next(qtbot: QtBot, window: MainWindow) -> None:
    _search(qtbot, window, "smith")
    second = _cell(window, 1, "Name")
    qtbot.keyClick(window.search.view.box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.view.box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person
    assert window.person.detail is not None and window.person.detail.name == second
    _search(qtbot, window, "Mohamed Kahn")
    assert window.search.view.box.hasFocus()
    qtbot.keyClick(window.search.view.box, Qt.Key.Key_Return)
    assert window.person.detail is not None and window.person.detail.name == "Mohammed Khan"


def test_nothing_found_is_said_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.view.box, "zzqxv")
    qtbot.waitUntil(lambda: "No one" in window.search.view.status.text())
    assert window.search.view.model.rows == []


def test_photo_thumbnail_and_compliance_marker_in_the_row(
    qtbot: QtBot, window: MainWindow, diary: Diary, tmp_path: Path
) -> None:
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    photo = tmp_path / "gareth.png"
    assert image.save(str(photo))
    gareth = PEOPLE["Gareth Llewellyn"]
    _search(qtbot, window, "gareth")
    person_id = window.search.view.model.rows[0].person_id
    documents.set_photo(diary, person_id, photo)
    with diary.db.session() as session:
        order_id = session.scalar(select(SentenceOrder.id).where(SentenceOrder.person_id == person_id))
    assert order_id is not None
    record_enforcement_action(diary.db, order_id, "first_warning_letter", NOW.date() - timedelta(days=20))
    window.refresh()
    _search(qtbot, window, "Gareth Lewelyn")
    assert _cell(window, 0, "CRN") == gareth.crn
    assert _cell(window, 0, "Compliance").startswith("△ Warning live until ")
    assert _cell(window, 0, "Compliance").endswith(": breach on the next failure")
    thumb = window.search.view.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumb, QPixmap) and not thumb.isNull()
    assert thumb.toImage().pixelColor(thumb.width() // 2, thumb.height() // 2) == QColor("#3366aa")
    assert window.search.view.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Photo"
