"""The compliance panel on a person's page: numbers, timeline, letters in two keystrokes, enforcement actions."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diary.domain.enforcement_facts import Mark
from diary.domain.vocab import EnforcementAction
from diary.reports.timeline import COLOURS
from diary.services import documents
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.compliance import person_compliance, person_id_for_crn
from diary.services.diary_file import Diary
from diary.services.settings import set_setting
from diary.ui.app import make_application
from diary.ui.compliance_view import EnforcementDialog, LetterDialog
from diary.ui.main_window import MainWindow
from shown_window import shown_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def visit(start: str, requirement: str | None, outcome: str | None, **extra: Any) -> dict[str, Any]:
    return {"start": start, "order": "o1", "requirement": requirement, "outcome": outcome, **extra}


@pytest.fixture
def open_window(qtbot: QtBot, diary: Diary, example_casefile: dict[str, Any]) -> Callable[[datetime, str], MainWindow]:
    """A window at a given moment, showing one person's Compliance tab."""
    jon = example_casefile["people"][0]
    jon["appointments"] += [
        visit("2026-02-08T10:00", "r1", "ATTC"),
        visit("2026-02-14T09:00", "r2", "ATTC", kind="unpaid_work_session", hours_credited=6.5),
        visit("2026-02-27T10:00", "r1", "UAAB"),
        visit("2026-03-16T18:00", "r3", "ATTC", kind="programme_session"),
        visit("2026-04-06T10:00", "r1", "AAME"),
        visit("2026-05-12T10:00", "r1", "UAAB"),
        visit("2026-05-20T10:00", "r1", None),
    ]
    example_casefile["people"].append({
        "crn": "Y654321", "first_name": "Ann", "last_name": "Jones", "address": "Flat 2, 5 Hill Road, Leeds LS6 2AB",
        "orders": [{"id": "L1", "type": "licence", "start_date": "2025-06-01", "end_date": "2027-06-01"}],
        "appointments": [{"start": "2026-05-11T10:00", "order": "L1", "outcome": "UAAB"}],
    })
    import_document(diary.db, parse_document(example_casefile))
    set_setting(diary.db, "officer_name", "Priya Patel")
    make_application()

    def make(now: datetime, crn: str) -> MainWindow:
        win = shown_window(qtbot, diary, now)
        person_id = person_id_for_crn(diary.db, crn)
        assert person_id is not None
        win.open_person(person_id)
        win.person.tabs.setCurrentWidget(win.person.compliance)
        return win

    return make


def save_with_ctrl_enter(qtbot: QtBot, dialog: LetterDialog | EnforcementDialog, target: Any) -> None:
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def pdf_text(diary: Diary, document_id: int) -> str:
    _, data = documents.document_bytes(diary, document_id)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
    return text.replace(" :", ":").replace(" .", ".")  # bold runs are extracted with a space after them


def test_panel_shows_each_requirement_and_the_timeline(open_window: Callable[[datetime, str], MainWindow]) -> None:
    window = open_window(datetime(2026, 5, 13, 16, 0), "X123456")
    panel = window.person.compliance
    assert panel.standing.text().startswith(
        "Breach required since 12 May 2026: the unacceptable failure that day came while the warning given on "
        "1 March 2026 was live. Start breach proceedings by 27 May 2026"
    )
    rows = {r.key: r for r in panel.model.rows}
    assert (rows["r1"].attended_complied, rows["r1"].failures, rows["r1"].acceptable_absences) == (2, 2, 1)
    assert rows["r1"].rar is not None and rows["r1"].rar.days_used == 2
    assert "6 h 30 min of 100 h done" in panel.model.data(panel.model.index(1, 6))
    assert "failures in the 12 months to 13 May 2026: <b>2</b>" in panel.numbers.text()
    picture = panel.timeline.grab().toImage()
    red = COLOURS[Mark.FAILURE]
    assert any(
        QColor(picture.pixel(x, y)) == red for x in range(0, picture.width(), 1) for y in range(0, picture.height(), 2)
    ), "a failure cross is drawn"
    assert "RAR (r1): 2 of 20 days" in panel.timeline.accessibleDescription()


def test_second_failure_within_a_live_warning_breach_report_in_two_keystrokes(
    qtbot: QtBot, diary: Diary, open_window: Callable[[datetime, str], MainWindow]
) -> None:
    window = open_window(datetime(2026, 5, 13, 16, 0), "X123456")
    panel = window.person.compliance
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    assert panel.dialog is None
    assert "A further warning is not allowed" in window.statusBar().currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    dialog = panel.dialog
    assert isinstance(dialog, LetterDialog) and dialog.isVisible()
    save_with_ctrl_enter(qtbot, dialog, dialog.editor)
    assert dialog.document_id is not None
    [saved] = documents.documents_for(diary, window.person.detail.id)  # type: ignore[union-attr]
    assert (saved.title, saved.category, saved.original_name) == (
        "Breach report summary, 13 May 2026", "court", "Breach report summary - Jon Smith (X123456) - 13 May 2026.pdf",
    )
    text = pdf_text(diary, saved.id)
    assert "Breach report: compliance summary" in text
    assert "Failures while a warning was live (breach required): 12 May 2026 (warning of 1 March 2026 live)" in text
    assert "27 February 2026 RAR UAAB" in text and "First warning letter" in text
    assert "saved to documents" in window.statusBar().currentMessage()
    assert window.person.documents_model.rows[0].id == saved.id


def test_warning_letter_saved_and_warning_recorded(
    qtbot: QtBot, diary: Diary, open_window: Callable[[datetime, str], MainWindow]
) -> None:
    window = open_window(datetime(2026, 2, 27, 17, 0), "X123456")
    panel = window.person.compliance
    assert panel.standing.text().startswith("No live warning")
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = panel.dialog
    assert isinstance(dialog, LetterDialog), window.statusBar().currentMessage()
    assert "On 27 February 2026 you did not attend your rehabilitation activity appointment" in dialog.editor.toPlainText()
    qtbot.keyClicks(dialog.editor, "Checked by the team manager. ")
    save_with_ctrl_enter(qtbot, dialog, dialog.editor)
    person_id = window.person.detail.id  # type: ignore[union-attr]
    [saved] = documents.documents_for(diary, person_id)
    assert saved.original_name == "Warning letter - Jon Smith (X123456) - 27 February 2026.pdf"
    text = pdf_text(diary, saved.id)
    assert "Checked by the team manager." in text
    assert "It stays in force for 12 months, until 26 February 2027" in text
    counted = person_compliance(diary.db, person_id, date(2026, 2, 27))
    assert counted is not None
    assert counted.orders[0].state.warnings == (date(2026, 2, 27),)
    assert panel.standing.text().startswith("Warning live until 26 February 2027 (given on 27 February 2026)")
    actions = [(e.day, e.action) for e in counted.orders[0].history if e.action]
    assert actions == [(date(2026, 2, 27), EnforcementAction.FIRST_WARNING_LETTER)]


def test_record_an_enforcement_action_and_be_told_when_it_cannot_be(
    qtbot: QtBot, open_window: Callable[[datetime, str], MainWindow]
) -> None:
    window = open_window(datetime(2026, 5, 13, 16, 0), "X123456")
    panel = window.person.compliance
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    dialog = panel.dialog
    assert isinstance(dialog, EnforcementDialog)
    dialog.action.setCurrentIndex(dialog.action.findData(EnforcementAction.BREACH_CONCLUDED.value))
    save_with_ctrl_enter(qtbot, dialog, dialog.note)
    assert dialog.isVisible() and "No breach is open on this order on 13 May 2026" in dialog.error.text()
    dialog.action.setCurrentIndex(dialog.action.findData(EnforcementAction.BREACH_INITIATED.value))
    qtbot.keyClicks(dialog.note, "Failure 12 May in live warning")
    save_with_ctrl_enter(qtbot, dialog, dialog.note)
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Breach initiated recorded on community order o1, dated 13 May 2026."
    assert panel.standing.text().startswith("Breach in progress since 13 May 2026: ")
    assert "13 May 2026: Breach initiated · Failure 12 May in live warning" in panel.history.text()


def test_licence_compliance_letter(qtbot: QtBot, diary: Diary, open_window: Callable[[datetime, str], MainWindow]) -> None:
    window = open_window(datetime(2026, 5, 13, 9, 0), "Y654321")
    panel = window.person.compliance
    assert panel.standing.text().startswith(
        "Licence, discretionary: 1 failure since 14 May 2025; consider a warning, a compliance meeting or recall."
    )
    assert "Decide on the failure of 11 May 2026 by 26 May 2026." in panel.standing.text()
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    assert panel.dialog is None and "send a licence compliance letter instead" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    dialog = panel.dialog
    assert isinstance(dialog, LetterDialog)
    save_with_ctrl_enter(qtbot, dialog, dialog.editor)
    [saved] = documents.documents_for(diary, window.person.detail.id)  # type: ignore[union-attr]
    text = pdf_text(diary, saved.id)
    assert "On 11 May 2026 you did not attend your supervision appointment" in text
    assert "Flat 2" in text and "If this continues, I may recall you to prison." in text
    assert "1 licence compliance letter in the 12 months to 13 May 2026" in panel.standing.text()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the focus is, as a person would press it."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_recording_a_failure_in_a_live_warning_prompts_breach_then_the_report_in_two_keys(
    qtbot: QtBot, diary: Diary, open_window: Callable[[datetime, str], MainWindow]
) -> None:
    from diary.ui.record_session import RecordSessionDialog

    window = open_window(datetime(2026, 5, 20, 12, 0), "X123456")
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog)
    qtbot.waitUntil(dialog.outcome.hasFocus)
    press(qtbot, Qt.Key.Key_U)
    assert dialog.prompt.isVisible()
    assert dialog.prompt.text().startswith(
        "A warning was given on 1 March 2026 and is live until 28 February 2027: this failure must be referred for breach."
    )
    press(qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)

    table = window.today.today_table  # the officer clicks Jon's appointment in today's list
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center())
    press(qtbot, Qt.Key.Key_R, CTRL_SHIFT)  # 1: the breach report summary for the person selected
    letter = window.person.compliance.dialog
    assert window.stack.currentWidget() is window.person and isinstance(letter, LetterDialog)
    qtbot.waitUntil(letter.isActiveWindow)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 2: saved onto their documents
    [saved] = documents.documents_for(diary, window.person.detail.id)  # type: ignore[union-attr]
    text = pdf_text(diary, saved.id)
    assert "12 May 2026 (warning of 1 March 2026 live); 20 May 2026 (warning of 1 March 2026 live)" in text
    assert window.person.tabs.currentWidget() is window.person.compliance
