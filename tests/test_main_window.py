"""The first window, driven by keyboard and mouse as an officer would."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.ui.actions import ACTION_SPECS
from diary.ui.pages import PAGE_ACTIONS, PAGES, PageView
from diary.ui.main_window import MainWindow
from shown_window import shown_window

NOW = datetime(2026, 2, 1, 11, 30)


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> MainWindow:
    win = shown_window(qtbot, diary, NOW)
    return win


def _cell_texts(view: Any, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_no_two_actions_share_a_key() -> None:
    specs = (*PAGE_ACTIONS, *ACTION_SPECS)
    keys = [QKeySequence(k).toString() for spec in specs for k in spec.shortcuts]
    assert len(keys) == len(set(keys))
    assert all(spec.shortcuts for spec in specs)


def test_every_action_has_a_shortcut_tooltip_and_accessible_name(window: MainWindow) -> None:
    for action in window.actions.all():
        assert action.shortcuts(), action.text()
        assert action.property("accessibleName"), action.text()
        assert "(" in action.toolTip(), action.toolTip()


def test_empty_diary_opens_on_the_welcome_page(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.demo_button.hasFocus()
    assert "0 people" in window.people_label.text()


def test_today_panel_shows_todays_appointments_and_outcomes_to_record(
    qtbot: QtBot, window: MainWindow, diary: Diary, example_casefile: dict[str, Any]
) -> None:
    person = example_casefile["people"][0]
    person["appointments"].append({"start": "2026-01-29T14:00", "minutes": 30, "kind": "phone"})
    person["appointments"].append({"start": "2026-02-01T15:00", "kind": "home_visit", "location": "12 Example Street"})
    import_document(diary.db, parse_document(example_casefile))
    window.refresh()
    assert window.stack.currentWidget() is window.today
    assert "Sunday 1 February 2026: 2 appointments" == window.today.heading.text()
    assert _cell_texts(window.today.today_table, 0) == ["10:00–10:45", "15:00–16:00"]
    assert _cell_texts(window.today.today_table, 6) == ["✓ Kept", "To come"]
    assert _cell_texts(window.today.to_record_table, 1) == ["Jon Smith"]
    assert "Outcomes to record (1)" in window.today.to_record_label.text()


def test_ctrl3_shows_the_caseload_with_key_dates(
    qtbot: QtBot, window: MainWindow, diary: Diary, example_casefile: dict[str, Any]
) -> None:
    import_document(diary.db, parse_document(example_casefile))
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.caseload
    table = window.caseload.table
    assert table.hasFocus()
    row = [table.model().index(0, c).data() for c in range(7)]
    assert row[:4] == ["Smith, Jon", "X123456", "● High", "In custody"]
    assert row[4] == "15 Jan 2027 (release)"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.today


def test_importing_a_bad_file_says_why_and_writes_nothing(
    window: MainWindow, tmp_path: Path, example_casefile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    example_casefile["people"][0]["orders"][0]["type"] = "comunity_order"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(example_casefile))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window.files.import_casefile(str(bad))
    assert shown == ["bad.json: people[0].orders[0].type: unknown value 'comunity_order'.\n\nNothing was imported."]
    assert window.stack.currentWidget() is window.welcome


def test_importing_a_good_file_leaves_the_welcome_page(
    window: MainWindow, tmp_path: Path, example_casefile: dict[str, Any]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(example_casefile))
    window.files.import_casefile(str(good))
    assert window.stack.currentWidget() is window.today
    assert "1 person" in window.people_label.text()


def test_ctrl4_lists_people_in_custody_soonest_release_first(
    qtbot: QtBot, window: MainWindow, diary: Diary, example_casefile: dict[str, Any]
) -> None:
    import copy

    later = copy.deepcopy(example_casefile["people"][0]) | {"crn": "Y222222", "first_name": "Amy"}
    later["custody"] = {"prison": "HMP New Hall", "release_date": "2026-06-30"}
    free = copy.deepcopy(example_casefile["people"][0]) | {"crn": "Z333333", "first_name": "Bo", "custody": None}
    import_document(diary.db, parse_document(example_casefile | {"people": [example_casefile["people"][0], later, free]}))
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.throughcare
    table = window.throughcare.table
    assert _cell_texts(table, 2) == ["Amy Smith", "Jon Smith"]
    assert _cell_texts(table, 1) == ["21 weeks", "49 weeks"]
    assert _cell_texts(table, 5) == ["HMP New Hall", "HMP Leeds"]
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person and window.person.detail.crn == "Y222222"


def test_every_page_of_the_table_is_stacked_answers_the_page_interface_and_its_key_shows_it(
    qtbot: QtBot, window: MainWindow, diary: Diary, example_casefile: dict[str, Any]
) -> None:
    import_document(diary.db, parse_document(example_casefile))
    window.refresh()
    for spec in PAGES:
        page = getattr(window, spec.key)
        assert window.pages[spec.key] is page and window.stack.indexOf(page) >= 0
        assert isinstance(page, PageView), spec.key
        if spec.action is not None:
            qtbot.keySequence(window, QKeySequence(spec.action.shortcuts[0]))
            assert window.current_page() is page, spec.key
            assert page.focus_target().hasFocus(), spec.key


def test_a_page_out_of_date_is_read_again_when_shown(qtbot: QtBot, window: MainWindow, diary: Diary, example_casefile: dict[str, Any]) -> None:
    import_document(diary.db, parse_document(example_casefile))
    window.refresh()
    assert window.caseload in window.stale and window.caseload.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.caseload not in window.stale
    assert window.caseload.model.rowCount() == len(example_casefile["people"])
