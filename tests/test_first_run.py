"""The first start, typed through as an officer would: details, working week, passphrase, then how to begin."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from diary import APP_NAME, __version__
from diary.services.diary_file import is_encrypted, open_diary
from diary.services.settings import get_setting
from diary.services.working_pattern import get_working_pattern
from diary.ui import app as app_module
from diary.ui.app import make_application, open_interactively
from diary.ui.first_run import FirstRunWizard

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "marmalade kettle Tuesday orbit"


@pytest.fixture
def wizard(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> FirstRunWizard:
    make_application()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # the recovery key box
    wiz = FirstRunWizard(data_dir, today=lambda: date(2026, 2, 2))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    if wiz.diary is not None:
        wiz.diary.close()


def _type(qtbot: QtBot, widget: Any, text: str) -> None:
    """Select what is in a field and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Press Enter where the officer is typing: the wizard's default button (Next, Create, Finish)."""
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)


def _through_to_start_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Name and team, a Monday-to-Thursday week from 08:30 without lunch, and the passphrase."""
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a name is needed
    _type(qtbot, wizard.about.name, "Sam Patel")
    qtbot.keyClick(wizard.about.name, Qt.Key.Key_Tab)
    assert wizard.about.team.hasFocus()
    qtbot.keyClicks(wizard.about.team, "Leeds North")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.week
    editor = wizard.week.editor
    friday = editor.days[4]
    friday.setFocus()
    qtbot.keyClick(friday, Qt.Key.Key_Space)
    _type(qtbot, editor.start, "830")
    editor.lunch.setFocus()
    qtbot.keyClick(editor.lunch, Qt.Key.Key_Space)
    _type(qtbot, editor.end, "16:00")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.lock
    assert wizard.lock.form.passphrase.hasFocus()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    qtbot.keyClicks(wizard.lock.form.passphrase, PASSPHRASE)
    qtbot.keyClick(wizard.lock.form.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClicks(wizard.lock.form.confirm, PASSPHRASE)
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.start


def test_first_run_stores_the_officers_details_in_a_new_encrypted_diary(
    qtbot: QtBot, wizard: FirstRunWizard, data_dir: Path
) -> None:
    _through_to_start_page(qtbot, wizard)
    assert wizard.diary is not None and wizard.diary.encrypted and is_encrypted(data_dir)
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # the diary exists now
    assert wizard.start.empty.isChecked()
    _next(qtbot, wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    wizard.diary.close()
    wizard.diary = None
    reopened = open_diary(data_dir, PASSPHRASE)
    try:
        assert get_setting(reopened.db, "officer_name") == "Sam Patel"
        assert get_setting(reopened.db, "team") == "Leeds North"
        pattern = get_working_pattern(reopened.db)
        assert pattern.weekdays == frozenset({0, 1, 2, 3})
        assert (pattern.start, pattern.end, pattern.lunch_start) == (time(8, 30), time(16, 0), None)
    finally:
        reopened.close()


def test_first_run_can_load_the_demo(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    _through_to_start_page(qtbot, wizard)
    wizard.start.empty.setFocus()
    qtbot.keyClick(wizard.start.empty, Qt.Key.Key_Down)
    qtbot.keyClick(wizard.start.importer, Qt.Key.Key_Down)
    assert wizard.start.demo.isChecked()
    _next(qtbot, wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert "Imported 60 people" in wizard.summary


def test_a_case_file_that_cannot_be_imported_is_said_plainly_and_another_can_be_chosen(
    qtbot: QtBot, wizard: FirstRunWizard, tmp_path: Path, example_casefile: dict[str, Any]
) -> None:
    _through_to_start_page(qtbot, wizard)
    qtbot.mouseClick(wizard.start.importer, Qt.MouseButton.LeftButton)
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # no file yet
    bad = tmp_path / "notes.json"
    bad.write_text('{"people": []}')
    _type(qtbot, wizard.start.path, str(bad))
    _next(qtbot, wizard)
    assert wizard.isVisible() and wizard.currentPage() is wizard.start
    assert wizard.start.error.text().startswith("notes.json: ") and "Nothing was imported" in wizard.start.error.text()
    good = tmp_path / "caseload.json"
    good.write_text(json.dumps(example_casefile))
    _type(qtbot, wizard.start.path, str(good))
    assert wizard.start.error.text() == ""
    _next(qtbot, wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.summary.startswith("Imported 1 person")


def test_a_working_week_that_makes_no_sense_is_refused_with_the_reason(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    _type(qtbot, wizard.about.name, "Sam Patel")
    _next(qtbot, wizard)
    editor = wizard.week.editor
    _type(qtbot, editor.end, "0800")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.week
    assert wizard.week.error.text() == "The lunch break must fall within the working day."
    _type(qtbot, editor.end, "25:00")
    _next(qtbot, wizard)
    assert wizard.week.error.text() == "'25:00' is not a time of day: write it like 08:30."
    _type(qtbot, editor.end, "1730")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.lock


def test_cancelling_before_the_passphrase_creates_nothing(qtbot: QtBot, wizard: FirstRunWizard, data_dir: Path) -> None:
    _type(qtbot, wizard.about.name, "Sam Patel")
    qtbot.keyClick(wizard.about.name, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected and wizard.diary is None
    assert not (data_dir / "diary.sqlite3").exists()


def test_a_new_data_folder_without_a_passphrase_given_starts_the_wizard(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    monkeypatch.delenv("DIARY_PASSPHRASE")
    shown: list[str] = []
    monkeypatch.setattr(FirstRunWizard, "exec", lambda wiz: shown.append(wiz.page(wiz.startId()).title()) or 0)
    assert open_interactively(data_dir) is None
    assert shown == [f"Welcome to {APP_NAME}"]


def test_the_app_has_its_icon_at_every_size() -> None:
    sizes = {s.width() for s in make_application().windowIcon().availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes


def test_the_app_starts_shows_its_name_and_version_and_exits_cleanly_when_asked(tmp_path: Path) -> None:
    env = dict(os.environ, DIARY_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    env[app_module.SMOKE_EXIT_ENV] = "0"
    done = subprocess.run([sys.executable, "-m", "diary"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"smoke: main window shown: {APP_NAME} {__version__}\n"


def test_the_desktop_entry_opens_the_case_file_type_the_mime_file_defines() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging" / "linux" / "supervision-diary.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "supervision-diary --open %f" and desktop["Icon"] == "supervision-diary"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(ROOT / "packaging" / "linux" / "supervision-diary-mime.xml").find("m:mime-type", ns)
    assert mime is not None and mime.get("type") in desktop["MimeType"].split(";")
    match = mime.find("m:magic/m:match", ns)
    assert match is not None and match.get("value") == '"supervision-diary/casefile"'
