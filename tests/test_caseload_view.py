"""The caseload list loads when first shown and sorts itself by any column, keeping the selected person."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from diary.services.demo_loader import load_demo
from diary.services.diary_file import Diary
from diary.ui.app import make_application
from diary.ui.caseload_view import RISK_ORDER
from diary.ui.main_window import MainWindow

NOW = datetime(2026, 3, 4, 11, 30)


def _column(window: MainWindow, column: int) -> list[str]:
    model = window.caseload.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_caseload_loads_when_shown_and_sorts_by_a_clicked_column(qtbot: QtBot, diary: Diary) -> None:
    make_application()
    load_demo(diary.db, 40, 3, date(2026, 3, 4))
    window = MainWindow(diary, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.caseload.model.rows == [] and "40 people" in window.people_label.text()
    window.actions["view_caseload"].trigger()
    names = _column(window, 0)
    assert len(names) == 40 and names == sorted(names, key=str.lower)
    window.caseload.table.selectRow(5)
    chosen = window.caseload.selected_person()
    header = window.caseload.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(2) + 5, 5))
    ranks = [RISK_ORDER[row.risk_level or ""] for row in window.caseload.model.rows]
    assert ranks in (sorted(ranks), sorted(ranks, reverse=True))
    assert window.caseload.selected_person() == chosen
    window.caseload.activate_selected()
    assert window.stack.currentWidget() is window.person and window.person.detail is not None
    assert window.person.detail.id == chosen


def test_closed_cases_stay_out_of_the_caseload_until_asked_for(qtbot: QtBot, diary: Diary) -> None:
    from shown_window import shown_window

    load_demo(diary.db, 170, 5, date(2026, 3, 4))
    window = shown_window(qtbot, diary, NOW)
    window.actions["view_caseload"].trigger()
    current = window.caseload.model.rowCount()
    assert 100 < current <= 150, "the demo's 150 live cases, less those ended since"
    assert not any(row.closed for row in window.caseload.model.rows)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.caseload.model.rowCount() == 170
    closed = [row for row in window.caseload.model.rows if row.closed]
    assert len(closed) == 170 - current
    assert all(_column(window, 3)[i].endswith("(closed)") for i, row in enumerate(window.caseload.model.rows) if row.closed)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.caseload.model.rowCount() == current
