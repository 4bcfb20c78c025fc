"""Preferences, driven from the keyboard: every value kept in the diary, colours and text size applied at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from diary.domain.enforcement_rules import EnforcementRules
from diary.domain.scheduling import FORTNIGHTLY, MONTHLY, WEEKLY
from diary.domain.vocab import RiskLevel
from diary.resources import resource_path
from diary.services import preferences as prefs
from diary.services.compliance import load_rules
from diary.services.diary_file import Diary, open_diary
from diary.services.settings import get_setting
from diary.services.working_pattern import get_working_pattern
from diary.ui.app import make_application
from diary.ui.main_window import MainWindow
from diary.ui.preferences_dialog import PreferencesDialog
from diary.ui.theme import DARK, LIGHT, dark_counterpart, standard_point_size
from shown_window import shown_window

NOW = datetime(2026, 2, 2, 9, 0)


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> Iterator[MainWindow]:
    win = shown_window(qtbot, diary, NOW)
    yield win
    make_application()  # the standard look again for the tests after this one


def _open_preferences(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    """Ctrl+Alt+S, as the officer would."""
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog = window.preferences
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.name.hasFocus()
    return dialog


def _tab(qtbot: QtBot, dialog: PreferencesDialog, letter: Qt.Key) -> None:
    """Alt+letter on the tab bar."""
    qtbot.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    """Select all in a field and type over it."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _window_colour() -> str:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.palette().color(QPalette.ColorRole.Window).name()


def test_every_preference_typed_in_is_kept_after_reopening_the_diary(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    dialog = _open_preferences(qtbot, window)
    _type(qtbot, dialog.name, "Sam Patel")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.team, "Leeds North")

    _tab(qtbot, dialog, Qt.Key.Key_W)
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.week)
    saturday = dialog.week.days[5]
    saturday.setFocus()
    qtbot.keyClick(saturday, Qt.Key.Key_Space)
    dialog.week.start.setFocus()
    _type(qtbot, dialog.week.start, "0800")

    _tab(qtbot, dialog, Qt.Key.Key_R)
    medium = dialog.frequencies[RiskLevel.MEDIUM]
    assert medium.currentData() == FORTNIGHTLY
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert medium.hasFocus()
    qtbot.keyClick(medium, Qt.Key.Key_Up)
    assert medium.currentData() == WEEKLY
    low = dialog.frequencies[RiskLevel.LOW]
    low.setFocus()
    qtbot.keyClick(low, Qt.Key.Key_Down)
    assert low.currentData() == MONTHLY

    _tab(qtbot, dialog, Qt.Key.Key_E)
    evidence = dialog.rule_fields["evidence_due_working_days"]
    evidence.setFocus()
    _type(qtbot, evidence, "5")
    deadline = dialog.rule_fields["unpaid_work_deadline"]
    deadline.setFocus()
    qtbot.keyClick(deadline, Qt.Key.Key_Space)
    assert not dialog.rule_fields["unpaid_work_months"].isEnabled()

    _tab(qtbot, dialog, Qt.Key.Key_K)
    assert dialog.lock_minutes.value() == 5  # the default
    dialog.lock_minutes.setFocus()
    _type(qtbot, dialog.lock_minutes, "15")
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.backup_dir.hasFocus()
    qtbot.keyClicks(dialog.backup_dir, str(tmp_path / "usb"))
    qtbot.keyClick(dialog.backup_dir, Qt.Key.Key_Return)  # OK

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.statusBar().currentMessage() == "Preferences saved."
    window.close()
    reopened = open_diary(data_dir)
    try:
        db = reopened.db
        assert (get_setting(db, "officer_name"), get_setting(db, "team")) == ("Sam Patel", "Leeds North")
        pattern = get_working_pattern(db)
        assert pattern.weekdays == frozenset({0, 1, 2, 3, 4, 5}) and pattern.start == time(8, 0)
        assert prefs.get_frequency_defaults(db)[RiskLevel.MEDIUM] == WEEKLY
        assert prefs.default_frequency(db, "low") == MONTHLY
        rules = load_rules(db)
        assert rules.evidence_due_working_days == 5 and rules.unpaid_work_deadline is False
        assert rules.warnings_before_breach == EnforcementRules().warnings_before_breach
        assert prefs.get_lock_minutes(db) == 15
        assert prefs.get_backup_dir(db) == tmp_path / "usb"
    finally:
        reopened.close()


def test_dark_colours_and_larger_text_apply_at_once_and_are_kept(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    standard = standard_point_size(app)
    assert _window_colour() == LIGHT[QPalette.ColorRole.Window]
    dialog = _open_preferences(qtbot, window)
    _tab(qtbot, dialog, Qt.Key.Key_P)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # a mnemonic clicks once its press shows
    qtbot.waitUntil(lambda: _window_colour() == DARK[QPalette.ColorRole.Window])
    assert "#1d2127" in app.styleSheet() and "#f6f7f9" not in app.styleSheet()
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert dialog.font_size.hasFocus() and dialog.font_size.text() == f"Standard ({standard} pt)"
    _type(qtbot, dialog.font_size, "14")
    assert app.font().pointSize() == 14
    assert window.font().pointSize() == 14
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert prefs.get_appearance(window.diary.db) == prefs.Appearance("dark", 14)
    window.close()
    reopened = open_diary(data_dir)
    try:
        assert prefs.get_appearance(reopened.db) == prefs.Appearance("dark", 14)
    finally:
        reopened.close()
    make_application()
    assert app.font().pointSize() == standard and _window_colour() == LIGHT[QPalette.ColorRole.Window]


def test_cancel_puts_the_colours_back_and_keeps_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open_preferences(qtbot, window)
    _tab(qtbot, dialog, Qt.Key.Key_P)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _window_colour() == DARK[QPalette.ColorRole.Window])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert _window_colour() == LIGHT[QPalette.ColorRole.Window]
    assert prefs.get_appearance(window.diary.db) == prefs.Appearance()


def test_a_working_week_that_makes_no_sense_is_not_saved_and_its_tab_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open_preferences(qtbot, window)
    _tab(qtbot, dialog, Qt.Key.Key_W)
    for box in dialog.week.days:
        if box.isChecked():
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_Space)
    _tab(qtbot, dialog, Qt.Key.Key_Y)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1
    assert dialog.error.text() == "Tick at least one working day."
    assert get_working_pattern(window.diary.db).weekdays == frozenset(range(5))


def test_the_law_s_defaults_come_back_with_one_button(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open_preferences(qtbot, window)
    _tab(qtbot, dialog, Qt.Key.Key_E)
    window_months = dialog.rule_fields["warning_window_months"]
    window_months.setFocus()
    _type(qtbot, window_months, "6")
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Restore the law's defaults
    qtbot.waitUntil(lambda: window_months.value() == EnforcementRules().warning_window_months)


def test_every_colour_of_the_stylesheet_has_a_dark_counterpart() -> None:
    used = {
        (prop, colour)
        for block in re.findall(r"\{([^{}]*)\}", resource_path("style.qss").read_text())
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", block)
        for colour in re.findall(r"#[0-9a-fA-F]{6}\b", value)
    }
    missing = sorted(f"{prop}: {colour}" for prop, colour in used if dark_counterpart(prop, colour) is None)
    assert not missing, f"add these to theme.DARK_SWAPS or DARK_TEXT_SWAPS: {missing}"


def test_preferences_refuse_values_out_of_range(diary: Diary) -> None:
    with pytest.raises(ValueError, match="1 to 120 minutes"):
        prefs.set_lock_minutes(diary.db, 0)
    with pytest.raises(ValueError, match="not a theme"):
        prefs.Appearance("purple")
    assert prefs.get_lock_minutes(diary.db) == 5 and prefs.get_appearance(diary.db) == prefs.Appearance()
    assert prefs.default_frequency(diary.db, None) is None
