"""End to end, from the keyboard: a second failure within a live warning is followed through everywhere, from
'start breach proceedings by' to the court's outcome, and every screen and print tells the same state."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.domain.duties import DueKind
from diary.domain.vocab import CourtOutcome, Outcome, RequirementType
from diary.reports.court_check import write_court_check_pdf
from diary.reports.documents import write_handover_pdf
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.compliance import person_compliance, person_id_for_crn
from diary.services.court_check import court_check
from diary.services.diary_file import Diary
from diary.services.search import build_search_index
from diary.store.models import Appointment, Requirement
from diary.ui.app import make_application
from diary.ui.caseload_view import CASELOAD_COLUMNS
from diary.ui.court_outcome_dialog import CourtOutcomeDialog
from diary.ui.compliance_view import LetterDialog
from diary.ui.main_window import MainWindow
from diary.ui.record_session import RecordSessionDialog
from diary.ui.search_view import SEARCH_COLUMNS

FAILED = datetime(2026, 5, 12, 11, 0)  # Tuesday; the appointment at 10:00 is missed
HEARING = datetime(2026, 6, 10, 16, 0)
HANDOVER_DAY = date(2026, 5, 14)
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
REQUIRED = "Breach required since Tue 12 May"
IN_PROGRESS = "Breach in progress since Tue 12 May"


@pytest.fixture
def clock() -> list[datetime]:
    return [FAILED]


@pytest.fixture
def window(qtbot: QtBot, diary: Diary, example_casefile: dict[str, Any], clock: list[datetime]) -> MainWindow:
    """Jon Smith, on a community order, warned on 1 March 2026; booked at 10:00 today and on Thursday."""
    jon = example_casefile["people"][0]
    jon.pop("custody")
    jon["appointments"] += [
        {"start": "2026-05-12T10:00", "minutes": 45, "kind": "office", "order": "o1", "requirement": "r1"},
        {"start": "2026-05-14T10:00", "minutes": 45, "kind": "office", "order": "o1", "requirement": "r1"},
    ]
    import_document(diary.db, parse_document(example_casefile))
    make_application()
    win = MainWindow(diary, clock=lambda: clock[0])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def _everywhere(qtbot: QtBot, window: MainWindow, diary: Diary, tmp_path: Path, today: date) -> dict[str, str]:
    """What the search row, the caseload row, the court check (printed) and the handover sheet (printed) say."""
    window.activateWindow()  # the offscreen platform leaves no window active after a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.stack.currentWidget() is window.search.view
    box = window.search.view.box
    box.clear()
    qtbot.keyClicks(box, "jon smith")
    qtbot.waitUntil(lambda: bool(window.search.view.model.rows) and not window.search.view.timer.isActive())
    search = str(window.search.view.model.index(0, [c.header for c in SEARCH_COLUMNS].index("Compliance")).data())
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.stack.currentWidget() is window.caseload
    rows = window.caseload.model.rows
    row = next(i for i, r in enumerate(rows) if r.crn == "X123456")
    caseload = str(window.caseload.model.index(row, [c.header for c in CASELOAD_COLUMNS].index("Compliance")).data())
    check = court_check(diary.db, build_search_index(diary.db), "X123456", today)
    assert check is not None
    write_court_check_pdf(check, tmp_path / "check.pdf")
    write_handover_pdf(diary.db, HANDOVER_DAY, tmp_path / "handover.pdf")
    return {
        "search": search, "caseload": caseload,
        "court check": _pdf_text(tmp_path / "check.pdf"), "handover sheet": _pdf_text(tmp_path / "handover.pdf"),
    }


def _due_titles(window: MainWindow) -> dict[str, list[tuple[date, str]]]:
    """The breach items on Today's What's due panel and on the person's What's due tab."""
    due = window.due
    return {
        name: [(i.due, i.title) for i in panel.model.rows if i.kind is DueKind.BREACH]
        for name, panel in (("Today", due.today_panel), ("person", due.person_panel))
    }


def test_a_second_failure_in_a_live_warning_is_followed_through_to_the_courts_outcome(
    qtbot: QtBot, window: MainWindow, diary: Diary, tmp_path: Path, clock: list[datetime]
) -> None:
    window.refresh()
    qtbot.waitUntil(window.today.today_table.hasFocus)
    _press(qtbot, Qt.Key.Key_R, CTRL)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog)
    qtbot.waitUntil(dialog.outcome.hasFocus)
    _press(qtbot, Qt.Key.Key_U)
    assert dialog.outcome.outcome() is Outcome.UAAB
    assert "must be referred for breach. Start breach proceedings by 27 May 2026." in dialog.prompt.text()
    _press(qtbot, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    _press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.recording.dialog is None)

    # Today and What's due: at once, due on the 10th working day (Spring bank holiday, 25 May, skipped)
    person = person_id_for_crn(diary.db, "X123456")
    assert person is not None
    window.open_person(person)
    assert _due_titles(window) == {
        "Today": [(date(2026, 5, 27), "Start breach proceedings by Wed 27 May")],
        "person": [(date(2026, 5, 27), "Start breach proceedings by Wed 27 May")],
    }
    said = _everywhere(qtbot, window, diary, tmp_path, FAILED.date())
    for where, text in said.items():
        assert REQUIRED in text, f"the {where} does not say {REQUIRED!r}: {text}"

    # the breach report summary, saved, records the breach: every place now says breach in progress
    window.open_person(person)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    letter = window.person.compliance.dialog
    assert isinstance(letter, LetterDialog)
    qtbot.waitUntil(letter.isActiveWindow)
    qtbot.keyClick(letter.editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not letter.isVisible())
    assert "breach initiated recorded on the order" in window.statusBar().currentMessage()
    window.refresh()
    assert _due_titles(window) == {"Today": [], "person": []}
    said = _everywhere(qtbot, window, diary, tmp_path, FAILED.date())
    for where, text in said.items():
        assert IN_PROGRESS in text and REQUIRED not in text, f"the {where} does not say {IN_PROGRESS!r}: {text}"

    # the hearing: the order continued with 40 hours of unpaid work added, counted from the hearing on
    clock[0] = HEARING
    window.refresh()
    window.open_person(person)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    outcome = window.person.compliance.dialog
    assert isinstance(outcome, CourtOutcomeDialog)
    qtbot.waitUntil(outcome.isActiveWindow)
    assert outcome.court.text() == "Leeds Magistrates' Court"
    outcome.outcome.setCurrentIndex(outcome.outcome.findData(CourtOutcome.CONTINUED_AMENDED.value))
    outcome.requirement.setCurrentIndex(outcome.requirement.findData(f"add:{RequirementType.UNPAID_WORK.value}"))
    outcome.measure.setFocus()
    outcome.measure.selectAll()
    qtbot.keyClicks(outcome.measure, "40")
    qtbot.keyClick(outcome.measure, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not outcome.isVisible())
    panel = window.person.compliance
    added = next(r for r in panel.model.rows if r.added_on is not None)
    assert added.unpaid_work is not None and added.unpaid_work.hours_ordered == 40
    assert "Breach dealt with on 10 June 2026 at Leeds Magistrates' Court: order continued with an added or changed requirement." in panel.standing.text()
    assert "outcome: order continued with an added or changed requirement" in panel.history.text()
    assert "Unpaid work of 40 hours added (r5)" in panel.history.text()
    # a session worked on the added requirement counts against it
    with diary.db.transaction() as session:
        r5 = session.scalar(select(Requirement).where(Requirement.ref == "r5"))
        assert r5 is not None and r5.added_on == HEARING.date()
        session.add(Appointment(
            person_id=person, order_id=r5.order_id, requirement_id=r5.id, start=datetime(2026, 6, 13, 9), minutes=420,
            kind="unpaid_work_session", outcome="ATTC", hours_credited=7,
        ))
    counted = person_compliance(diary.db, person, date(2026, 6, 15))
    assert counted is not None
    upw = counted.orders[0].requirements[-1]
    assert upw.unpaid_work is not None and (upw.key, upw.unpaid_work.hours_done, upw.unpaid_work.hours_left) == ("r5", 7, 33)


def test_every_enforcement_action_has_its_flag_on_the_timeline() -> None:
    from diary.domain.vocab import EnforcementAction
    from diary.reports.timeline import FLAGS

    assert set(FLAGS) == set(EnforcementAction)
