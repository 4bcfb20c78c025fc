"""What's due: one list of dated duties, soonest and most overdue first, each with who, what and why."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from datetime import datetime
from typing import Any

import pytest
from alembic import command
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from diary.domain.duties import DueKind
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.services.whats_due import DueError, add_task, due_items, mark_done, request_risk_review
from diary.ui.main_window import MainWindow
from shown_window import shown_window

from diary.store.database import Database
from diary.store.migrate import alembic_config
from diary.store.models import ContactNote, Person, Task
from diary.store.schema_version import SCHEMA_HEAD


def test_a_diary_from_before_tasks_upgrades_and_keeps_its_people(tmp_path: Path) -> None:
    key = os.urandom(32)
    db = Database(tmp_path / "old.sqlite3", key)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO person (crn, first_name, last_name, created_at) VALUES ('X000001', 'Ann', 'Lee', '2026-01-01')"
        ))
    assert db.schema_revision() == "0001"
    db.ensure_schema()
    assert db.schema_revision() == SCHEMA_HEAD and db.check() == []
    with db.transaction() as session:
        session.add(Task(person_id=1, kind="reminder", title="Ring Ann", due=date(2026, 3, 1)))
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT last_name FROM person")).scalar() == "Lee"
        assert connection.execute(text("SELECT title FROM task")).scalar() == "Ring Ann"
    db.close()


NOW = datetime(2026, 2, 4, 16, 0)
TODAY = NOW.date()
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _person(crn: str, first: str, last: str, **extra: Any) -> dict[str, Any]:
    """A person in case-file form."""
    return {"crn": crn, "first_name": first, "last_name": last, **extra}


@pytest.fixture
def caseload(diary: Diary) -> Diary:
    """Four people: a licence with a drug-service condition, one due for release, a community order with unpaid work
    running behind, and a MAPPA case with an absence awaiting evidence."""
    document = {
        "format": "supervision-diary/casefile",
        "version": 1,
        "people": [
            _person("A100001", "Alan", "Hughes", orders=[{
                "id": "L1", "type": "licence", "start_date": "2025-12-01", "end_date": "2026-02-20",
                "requirements": [
                    {"id": "c1", "type": "licence_condition", "text": "Attend the drug service as directed"},
                    {"id": "c2", "type": "licence_condition", "text": "Reside at the approved premises"},
                ],
            }]),
            _person("B100002", "Beth", "Ince", custody={"prison": "HMP New Hall", "release_date": "2026-03-01"}),
            _person("C100003", "Carl", "Jones", orders=[{
                "id": "CO1", "type": "community_order", "start_date": "2025-06-01", "end_date": "2027-06-01",
                "requirements": [{"id": "u1", "type": "unpaid_work", "hours": 200}],
            }], appointments=[
                {"start": "2025-07-05T09:00", "minutes": 420, "kind": "unpaid_work_session", "order": "CO1",
                 "requirement": "u1", "outcome": "ATTC", "hours_credited": 7},
            ]),
            _person("D100004", "Dina", "Khan", risk_level="high",
                    mappa={"category": 1, "level": 2, "review_date": "2026-02-10"},
                    appointments=[{"start": "2026-02-02T10:00", "minutes": 30, "kind": "office", "outcome": "AFTA",
                                   "evidence_due": "2026-02-04"}]),
        ],
    }
    import_document(diary.db, parse_document(document))
    return diary


def _opened(qtbot: QtBot, window: MainWindow) -> Any:
    """The form What's due just opened, once it is the active window (so its keys reach it)."""
    dialog = window.due.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _ids(diary: Diary) -> dict[str, int]:
    with diary.db.session() as session:
        return {p.crn: p.id for p in session.scalars(select(Person))}


@pytest.fixture
def window(qtbot: QtBot, caseload: Diary) -> MainWindow:
    return shown_window(qtbot, caseload, NOW)


def test_one_list_soonest_and_most_overdue_first_with_who_what_and_why(caseload: Diary) -> None:
    items = due_items(caseload.db, TODAY)
    assert [(i.due, i.who, i.title) for i in items] == [
        (date(2026, 1, 30), "Beth Ince", "Pre-release work: 4 weeks to release"),  # 4 weeks before is a Sunday
        (date(2026, 2, 4), "Carl Jones", "Unpaid work behind pace"),
        (date(2026, 2, 4), "Dina Khan", "Evidence due for an absence"),
        (date(2026, 2, 10), "Dina Khan", "MAPPA review"),
        (date(2026, 2, 20), "Alan Hughes", "Licence ends: termination"),
    ]
    uw = items[1].why
    assert uw == "7 of 200 hours done, 193 left by 31 May 2026: needs 11.75 hours a week, more than the 7 you set."
    assert items[0].why.startswith("Due for release from HMP New Hall on 1 March 2026")
    assert not items[2].can_mark_done


def test_risk_reviews_run_every_16_weeks_from_the_last_one_marked_done(caseload: Diary) -> None:
    alan = _ids(caseload)["A100001"]
    [review] = [i for i in due_items(caseload.db, TODAY, alan, 366) if i.kind is DueKind.RISK_REVIEW]
    assert review.due == date(2026, 3, 23) and "16-week cycle from the start of the licence on 1 December 2025" in review.why
    mark_done(caseload.db, review, datetime(2026, 2, 5, 12, 0), "Reviewed early: new address.", 240)
    [review] = [i for i in due_items(caseload.db, TODAY, alan, 366) if i.kind is DueKind.RISK_REVIEW]
    assert review.due == date(2026, 5, 28) and review.why == "Last review marked done 5 February 2026; reviews every 16 weeks."


def test_ticking_a_worked_out_duty_needs_what_was_done_and_takes_it_off(caseload: Diary) -> None:
    mappa = next(i for i in due_items(caseload.db, TODAY) if i.kind is DueKind.MAPPA_REVIEW)
    with pytest.raises(DueError, match="Say what was done"):
        mark_done(caseload.db, mappa, NOW, "  ")
    mark_done(caseload.db, mappa, NOW, "Attended the level 2 meeting.", 90)
    assert all(i.kind is not DueKind.MAPPA_REVIEW for i in due_items(caseload.db, TODAY))
    evidence = next(i for i in due_items(caseload.db, TODAY) if i.kind is DueKind.EVIDENCE)
    with pytest.raises(DueError, match="Record the appointment's outcome"):
        mark_done(caseload.db, evidence, NOW, "Chased it.")


def test_reminders_for_no_one_and_a_second_review_request_for_the_same_note_is_not_doubled(caseload: Diary) -> None:
    add_task(caseload.db, DueKind.REMINDER, "Book annual leave", date(2026, 2, 6))
    reminder = next(i for i in due_items(caseload.db, TODAY) if i.kind is DueKind.REMINDER)
    assert (reminder.who, reminder.title, reminder.person_id) == ("You", "Book annual leave", None)
    with pytest.raises(DueError, match="worked out by the diary"):
        add_task(caseload.db, DueKind.RELEASE, "Release", TODAY)
    dina = _ids(caseload)["D100004"]
    with caseload.db.transaction() as session:
        note = ContactNote(person_id=dina, at=NOW, kind="arrest", text="Arrested for assault; bailed.")
        session.add(note)
        session.flush()
        note_id = note.id
    assert request_risk_review(caseload.db, note_id, TODAY) == request_risk_review(caseload.db, note_id, TODAY)


def test_recording_a_significant_event_puts_a_risk_review_due_today(qtbot: QtBot, window: MainWindow, caseload: Diary) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    table = window.caseload.table
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == "Khan, Dina")
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = _opened(qtbot, window)
    assert dialog.objectName() == "significantEventDialog"
    assert dialog.kind.currentText() == "Arrest" and dialog.review.isChecked()
    qtbot.keyClicks(dialog.text, "Arrested last night for assault; released on bail to a new address.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.due.dialog is None

    panel = window.due.today_panel
    row = next(r for r, i in enumerate(panel.model.rows) if i.kind is DueKind.RISK_REVIEW)
    cells = [panel.model.index(row, c).data() for c in range(5)]
    assert cells[:4] == ["Today", "4 Feb 2026", "Dina Khan", "Risk review after a significant event"]
    assert cells[4].startswith("Arrest recorded 4 February 2026: Arrested last night for assault")
    with caseload.db.session() as session:
        assert session.scalars(select(ContactNote.kind)).all() == ["arrest"]


def test_a_significant_event_without_a_review_adds_none(qtbot: QtBot, window: MainWindow, caseload: Diary) -> None:
    window.open_person(_ids(caseload)["A100001"])
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = _opened(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findText("Change of address"))
    qtbot.mouseClick(dialog.review, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.text, "Moved to his sister's.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert all(i.kind is not DueKind.RISK_REVIEW for i in due_items(caseload.db, TODAY))


def test_marking_a_licence_condition_action_done_removes_it(qtbot: QtBot, window: MainWindow, caseload: Diary) -> None:
    window.open_person(_ids(caseload)["A100001"])
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = _opened(qtbot, window)
    assert dialog.target.currentText() == "Licence condition: Attend the drug service as directed (L1)"
    qtbot.keyClicks(dialog.title, "Refer to the drug service")
    qtbot.keyClicks(dialog.why, "Licence condition 1: no referral made yet")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.due.dialog is None
    today_titles = [i.title for i in window.due.today_panel.model.rows]
    assert "Refer to the drug service" in today_titles

    person_panel = window.due.person_panel
    window.person.tabs.setCurrentWidget(person_panel)
    row = next(r for r, i in enumerate(person_panel.model.rows) if i.title == "Refer to the drug service")
    assert person_panel.model.rows[row].why == "Licence condition 1: no referral made yet"
    person_panel.table.selectRow(row)
    person_panel.table.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(person_panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    done = _opened(qtbot, window)
    assert done.objectName() == "markDoneDialog"
    qtbot.keyClick(done.done_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert done.error.text() == "Say what was done."
    qtbot.keyClicks(done.done_note, "Referral made to Forward Leeds; first appointment 10 February.")
    qtbot.keyClick(done.done_note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.due.dialog is None
    assert all(i.title != "Refer to the drug service" for i in window.due.person_panel.model.rows)
    assert all(i.title != "Refer to the drug service" for i in window.due.today_panel.model.rows)
    with caseload.db.session() as session:
        task = session.scalars(select(Task).where(Task.title == "Refer to the drug service")).one()
        assert task.kind == "condition_action" and task.source.startswith("requirement:")
        assert (task.done_at, task.done_note) == (NOW, "Referral made to Forward Leeds; first appointment 10 February.")


def test_ctrl5_puts_the_focus_on_whats_due_and_enter_opens_the_person(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    panel = window.due.today_panel
    assert window.stack.currentWidget() is window.today and panel.table.hasFocus()
    assert panel.label.text().startswith("What's due (5, 1 overdue)")
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.person and window.person.detail.name == "Beth Ince"
