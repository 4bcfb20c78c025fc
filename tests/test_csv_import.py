"""Caseload import from a messy spreadsheet export: problems listed, fixed or skipped, nothing written before Import."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.domain.dates import parse_uk_date
from diary.services.csv_import import BLANK_ROW, check_rows, suggest_mapping
from diary.services.csv_read import parse_csv_bytes, read_csv
from diary.services.diary_file import Diary
from diary.store.models import Person
from diary.ui.app import make_application
from diary.ui.csv_import_dialog import CsvImportDialog
from shown_window import shown_window

TODAY = date(2026, 11, 25)
MESSY = (
    "CRN;Surname;Forename;DOB;Risk;Order;Order end;Phone\r\n"
    "X123456;Smith;Jon;19/07/1994;High;CO;01/06/2027;07700 900123\r\n"
    "Y234567;Renée;Zoë;30/02/1988;Medium;SSO;2027-03-01;\r\n"
    ";;;;;;;\r\n"
    "Z345678;Nowak;Piotr;3-4-85;low;Licence;;\r\n"
    "X123456;Smyth;John;19/07/1994;High;CO;01/06/2027;\r\n"
    "A456789;O'Brien;Siobhan;12.11.1979;very high;PSS;;\r\n"
)


@pytest.fixture
def messy_file(tmp_path: Path) -> Path:
    """A semicolon export with a BOM, Windows-1252 accents, a bad date, a blank row and a repeated CRN."""
    path = tmp_path / "caseload.csv"
    path.write_bytes(codecs.BOM_UTF8 + MESSY.encode("cp1252"))
    return path


def _people(diary: Diary) -> dict[str, Person]:
    with diary.db.session() as session:
        return {p.crn: p for p in session.scalars(select(Person))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("19/07/1994", date(1994, 7, 19)), ("19-7-94", date(1994, 7, 19)), ("1994-07-19", date(1994, 7, 19)),
     ("3.4.85", date(1985, 4, 3)), ("19 Jul 1994", date(1994, 7, 19)), ("05/01/20", date(2020, 1, 5)),
     ("30/02/1988", None), ("next week", None), ("1994", None)],
)
def test_dates_are_read_day_first(text: str, expected: date | None) -> None:
    assert parse_uk_date(text, TODAY) == expected


def test_the_messy_file_is_read_and_its_problems_named(diary: Diary, messy_file: Path) -> None:
    table = read_csv(messy_file)
    assert (table.encoding, table.delimiter, table.headers[0]) == ("Windows-1252", ";", "CRN")
    checks = check_rows(diary.db, table, suggest_mapping(table.headers), TODAY)
    by_line = {c.line: c for c in checks}
    assert by_line[3].problems == ["date of birth '30/02/1988' is not a date (use 19/07/1994 or 1994-07-19)"]
    assert by_line[3].values["last_name"] == "Renée"
    assert by_line[4].problems == [BLANK_ROW] and by_line[4].skip
    assert by_line[6].problems == ["CRN X123456 is also on line 2"]
    assert [c.line for c in checks if c.ready] == [2, 5, 7]
    assert _people(diary) == {}, "checking writes nothing"


def test_utf8_commas_and_a_full_name_column() -> None:
    table = parse_csv_bytes("Case ref,Name,Date of birth\nB111111,\"MÜLLER, Jürgen\",01/02/1970\n".encode())
    assert suggest_mapping(table.headers) == ["crn", "full_name", "date_of_birth"]
    assert table.rows == [["B111111", "MÜLLER, Jürgen", "01/02/1970"]]


def test_fix_one_row_skip_another_then_import(qtbot: QtBot, diary: Diary, messy_file: Path) -> None:
    make_application()
    dialog = CsvImportDialog(diary.db, read_csv(messy_file), messy_file.name, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert not dialog.import_button.isEnabled(), "two rows still need the officer"
    assert "3 people ready to import" in dialog.review_label.text()
    table = dialog.problems
    lines = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert lines == ["3", "4", "6"]
    dob_column = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("Date of birth")
    table.item(0, dob_column).setText("28/02/1988")
    qtbot.mouseClick(dialog.recheck_button, Qt.MouseButton.LeftButton)
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == ["4", "6"]
    assert _people(diary) == {}, "nothing is written before Import"
    dialog.skip_boxes[1].click()
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 4 people"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    people = _people(diary)
    assert sorted(people) == ["A456789", "X123456", "Y234567", "Z345678"]
    assert people["Y234567"].first_name == "Zoë" and people["Y234567"].date_of_birth == date(1988, 2, 28)
    assert people["X123456"].last_name == "Smith", "the first of the repeated CRN is the one kept"


def test_mapping_needs_a_crn_and_a_name(qtbot: QtBot, diary: Diary, messy_file: Path) -> None:
    make_application()
    dialog = CsvImportDialog(diary.db, read_csv(messy_file), messy_file.name, TODAY)
    qtbot.addWidget(dialog)
    dialog.combos[0].setCurrentIndex(0)
    assert not dialog.next_button.isEnabled()
    assert "map a CRN column" in dialog.mapping_note.text()


def test_file_menu_import_caseload_maps_checks_and_imports(qtbot: QtBot, diary: Diary, messy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = shown_window(qtbot, diary, datetime(2026, 11, 25, 9))
    monkeypatch.setattr("diary.ui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(messy_file), ""))
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CsvImportDialog):
            QTimer.singleShot(10, drive)
            return
        seen.append(dialog.windowTitle())
        dialog.next_button.click()
        for box in dialog.skip_boxes:
            box.setChecked(True)
        dialog.import_button.click()

    QTimer.singleShot(0, drive)
    action = window.actions["import_csv"]
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    action.trigger()
    assert seen == ["Import caseload from caseload.csv"]
    assert sorted(_people(diary)) == ["A456789", "X123456", "Z345678"]
    assert "Imported 3 people" in window.statusBar().currentMessage()


def test_file_export_calendar_writes_an_ics_without_names(qtbot: QtBot, diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from icalendar import Calendar

    from diary.services.demo_loader import load_demo
    from diary.ui.calendar_export_dialog import CalendarExportDialog

    load_demo(diary.db, people=20, seed=4, today=TODAY)
    window = shown_window(qtbot, diary, datetime(2026, 11, 25, 9))
    out = tmp_path / "diary.ics"
    monkeypatch.setattr("diary.ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CalendarExportDialog):
            QTimer.singleShot(10, drive)
            return
        assert dialog.private.isChecked()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, drive)
    window.actions["export_calendar"].trigger()
    calendar = Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert events and "Exported" in window.statusBar().currentMessage()
    with diary.db.session() as session:
        names = [p.last_name for p in session.scalars(select(Person))]
    text = out.read_text()
    assert not any(name in text for name in names)
