"""The Record session window and contact notes, driven from the keyboard as an officer would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.domain.vocab import Outcome
from diary.services.compliance import person_compliance
from diary.services.diary_file import Diary
from diary.services.drafts import Draft, list_drafts, load_draft, save_draft, session_key
from diary.services.recording import note_history
from diary.store.models import Appointment, Commitment, ContactNote, Person, Requirement, SentenceOrder
from diary.ui.app import make_application
from diary.ui.main_window import MainWindow
from diary.ui.record_session import RecordSessionDialog
from diary.ui.session_fields import match_outcome
from shown_window import shown_window

NOW = datetime(2026, 3, 3, 11, 30)  # a Tuesday
COURT_DUTY = (datetime(2026, 3, 9, 9, 0), datetime(2026, 3, 9, 13, 0))  # Monday: where the first free slot would be
README = Path(__file__).resolve().parents[1] / "README.md"
CHILD = Path(__file__).with_name("draft_typing_child.py")


def _add_person(diary: Diary) -> tuple[int, int, int]:
    """Jon, weekly reporting, on a community order with a RAR requirement; yesterday's call and today's
    RAR session wait for outcomes; court duty fills next Monday morning."""
    with diary.db.transaction() as s:
        person = Person(crn="X123456", first_name="Jon", last_name="Smith", reporting_frequency_days=7, risk_level="medium")
        order = SentenceOrder(ref="o1", type="community_order", start_date=date(2026, 1, 10), end_date=date(2027, 1, 9))
        rar = Requirement(ref="r1", type="rar", max_days=20)
        order.requirements.append(rar)
        person.orders.append(order)
        s.add(person)
        s.flush()
        older = Appointment(person_id=person.id, order_id=order.id, start=datetime(2026, 3, 2, 15, 0), minutes=30, kind="phone")
        newer = Appointment(person_id=person.id, order_id=order.id, requirement_id=rar.id, rar_activity=True,
                            start=datetime(2026, 3, 3, 10, 0), minutes=45, kind="office", location="Room 2")
        s.add_all([older, newer, Commitment(start=COURT_DUTY[0], end=COURT_DUTY[1], kind="court_duty", title="Leeds MC")])
        s.flush()
        return person.id, older.id, newer.id


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> MainWindow:
    win = shown_window(qtbot, diary, NOW)
    return win


class Keyboard:
    """Presses keys where the focus is, as a person would, counting every press (a chord counts once)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.presses = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.presses += 1
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    def type(self, text: str) -> None:
        """The note's own text: typed, not counted."""
        self.qtbot.keyClicks(QApplication.focusWidget(), text)


def _open_dialog(qtbot: QtBot, window: MainWindow, keys: Keyboard) -> RecordSessionDialog:
    keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog)
    qtbot.waitUntil(lambda: dialog.outcome.hasFocus())
    return dialog


def _answer_next_question(qtbot: QtBot, choose: Callable[[QMessageBox], None], seen: list[str]) -> None:
    """When the next message box opens, note its text and answer it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        choose(box)

    QTimer.singleShot(0, answer)


def test_whole_session_recorded_and_next_booked_from_the_keyboard(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    person_id, older_id, newer_id = _add_person(diary)
    window.refresh()
    assert window.stack.currentWidget() is window.today and window.today.today_table.hasFocus()
    keys = Keyboard(qtbot)

    dialog = _open_dialog(qtbot, window, keys)
    assert dialog.context.appointment_id == newer_id  # the first of today's appointments
    keys.press(Qt.Key.Key_A)
    assert dialog.outcome.outcome() is Outcome.ATTC
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.notes.hasFocus()
    keys.type("Reported on time. Job interview on Friday; agreed to bring the letter next week.")
    first_slot = dialog._slots[0]
    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert dialog.chosen.text().startswith("Will book:")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)

    assert keys.presses == 5
    assert re.search(r"\b5 key presses\b", README.read_text(encoding="utf-8")), "README must state the count the test found"
    with diary.db.session() as s:
        recorded = s.get(Appointment, newer_id)
        assert recorded.outcome == "ATTC" and recorded.minutes_spent == 45
        assert recorded.notes == "Reported on time. Job interview on Friday; agreed to bring the letter next week."
        booked = s.scalars(select(Appointment).where(Appointment.start > NOW)).all()
    assert len(booked) == 1
    nxt = booked[0]
    assert (nxt.start, nxt.minutes, nxt.kind, nxt.location, nxt.rar_activity) == (first_slot, 45, "office", "Room 2", True)
    assert not (nxt.start < COURT_DUTY[1] and COURT_DUTY[0] < nxt.end), "the offered slot clashes with court duty"
    assert nxt.start == datetime(2026, 3, 9, 14, 0)  # weekly: due Tue 10th, offered from Mon 9th, after court duty and lunch
    rar = person_compliance(diary.db, person_id, NOW.date(), NOW).orders[0].requirements[0].rar
    assert rar is not None and (rar.days_used, rar.days_booked) == (1, 1)

    qtbot.waitUntil(window.today.today_table.hasFocus)  # focus goes back where the officer was
    assert [r.appointment_id for r in window.today.to_record_model.rows] == [older_id]
    assert "Saved Jon Smith: attended, complied; next appointment" in window.statusBar().currentMessage()


def test_outcomes_to_record_worked_through_oldest_first_and_failures_say_what_the_law_requires(
    qtbot: QtBot, window: MainWindow, diary: Diary
) -> None:
    _, older_id, newer_id = _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert window.today.to_record_table.hasFocus()
    dialog = _open_dialog(qtbot, window, keys)
    assert dialog.context.appointment_id == older_id
    keys.press(Qt.Key.Key_U)
    assert dialog.outcome.outcome() is Outcome.UAAB
    assert dialog.prompt.isVisible() and "must be referred for breach" not in dialog.prompt.text()
    assert "warning" in dialog.prompt.text().lower() and "1st unacceptable failure" in dialog.prompt.text()
    keys.press(Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    assert dialog.no_next.isChecked() and dialog.next_booking() is None
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)
    table = window.today.to_record_table
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0
    assert [r.appointment_id for r in window.today.to_record_model.rows] == [newer_id]

    dialog = _open_dialog(qtbot, window, keys)
    assert dialog.context.appointment_id == newer_id
    keys.type("me")  # type-ahead by word
    assert dialog.outcome.outcome() is Outcome.AAME
    assert dialog.form.isRowVisible(dialog.reason)
    with diary.db.session() as s:
        assert s.get(Appointment, older_id).outcome == "UAAB"


def test_opened_from_the_caseload_and_by_double_click(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _, older_id, newer_id = _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.caseload.table.hasFocus()
    dialog = _open_dialog(qtbot, window, keys)
    assert dialog.context.appointment_id == older_id  # the person's oldest outcome to record
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.recording.dialog is None)

    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    table = window.today.today_table
    cell = table.visualRect(table.model().index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-click's first press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog) and dialog.context.appointment_id == newer_id


def test_ctrl_r_in_the_diary_records_the_booking_under_the_cursor(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _, _, newer_id = _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.week
    window.week.grid.select_time(datetime(2026, 3, 3, 10, 0))
    dialog = _open_dialog(qtbot, window, keys)
    assert dialog.context.appointment_id == newer_id


def test_failed_to_attend_asks_for_evidence_two_working_days_on(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    dialog = _open_dialog(qtbot, window, keys)
    assert not dialog.form.isRowVisible(dialog.evidence_due)
    keys.press(Qt.Key.Key_F)
    assert dialog.outcome.outcome() is Outcome.AFTA
    assert dialog.form.isRowVisible(dialog.evidence_due)
    assert dialog.evidence_due.date().toPython() == date(2026, 3, 5)  # Tue 3 Mar + two working days


def test_saving_without_a_next_appointment_choice_says_what_to_do(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    dialog = _open_dialog(qtbot, window, keys)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Choose an outcome first" in dialog.message.text()
    keys.press(Qt.Key.Key_A)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Alt+1 for the first free slot" in dialog.message.text() and dialog.isVisible()


def test_esc_with_text_asks_before_discarding(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _, _, newer_id = _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    dialog = _open_dialog(qtbot, window, keys)
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    keys.type("Half a thought")
    dialog.keep_draft()
    assert load_draft(diary.blobs, session_key(newer_id, 0)) is not None
    seen: list[str] = []
    _answer_next_question(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape), seen)
    keys.press(Qt.Key.Key_Escape)
    assert seen == ["You have written text that is not saved. Throw it away?"]
    assert dialog.isVisible() and dialog.notes.toPlainText() == "Half a thought"
    qtbot.waitUntil(dialog.notes.hasFocus)  # back to writing

    _answer_next_question(qtbot, lambda box: next(b for b in box.buttons() if "Discard" in b.text()).click(), seen)
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.recording.dialog is None)
    assert len(seen) == 2 and list_drafts(diary.blobs) == []
    with diary.db.session() as s:
        assert s.get(Appointment, newer_id).outcome is None


def test_esc_without_text_closes_at_once(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    _open_dialog(qtbot, window, keys)
    keys.press(Qt.Key.Key_A)
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.recording.dialog is None)


def test_a_kept_draft_is_offered_at_the_next_start_and_removed_once_saved(qtbot: QtBot, diary: Diary) -> None:
    person_id, older_id, _ = _add_person(diary)
    fields = {"window": "session", "appointment_id": older_id, "notes": "Typed before the power cut.", "outcome": "ATTC"}
    save_draft(diary.blobs, Draft(session_key(older_id, person_id), person_id, "Session with Jon Smith", fields))
    make_application()
    win = MainWindow(diary, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.recording.offer is not None)
    offer = win.recording.offer
    assert "Session with Jon Smith: what you were writing was not saved, but it was kept" in offer.text()
    offer.defaultButton().click()
    qtbot.waitUntil(lambda: isinstance(win.recording.dialog, RecordSessionDialog))
    dialog = win.recording.dialog
    assert dialog.notes.toPlainText() == "Typed before the power cut." and dialog.outcome.outcome() is Outcome.ATTC
    dialog.no_next.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: win.recording.dialog is None)
    assert list_drafts(diary.blobs) == []
    with diary.db.session() as s:
        assert s.get(Appointment, older_id).notes == "Typed before the power cut."


def test_contact_note_from_the_caseload_and_edits_keep_history(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    person_id, _, _ = _add_person(diary)
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.recording.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.text.hasFocus())
    keys.type("Called the housing officer.")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)
    with diary.db.session() as s:
        note = s.scalars(select(ContactNote)).one()
        note_id = note.id
        assert (note.person_id, note.kind, note.text, note.at) == (person_id, "phone", "Called the housing officer.", NOW)

    keys.press(Qt.Key.Key_Return)  # open Jon's page
    assert window.stack.currentWidget() is window.person
    window.person.tabs.setCurrentIndex(2)
    notes = window.person.notes
    notes.setFocus()
    notes.selectRow(0)
    keys.press(Qt.Key.Key_Return)
    dialog = window.recording.dialog
    assert dialog is not None and dialog.text.toPlainText() == "Called the housing officer."
    qtbot.waitUntil(lambda: dialog.text.hasFocus())
    keys.type(" Left a message.")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)
    assert [text for _, text in note_history(diary.db, note_id)] == ["Called the housing officer."]
    with diary.db.session() as s:
        assert s.get(ContactNote, note_id).text == "Called the housing officer. Left a message."
    qtbot.waitUntil(notes.hasFocus)


def test_unpaid_work_hours_credited_and_a_weekly_repeat(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    person_id, _, _ = _add_person(diary)
    with diary.db.transaction() as s:
        order = s.scalars(select(SentenceOrder)).one()
        upw = Requirement(ref="r2", type="unpaid_work", hours=100)
        order.requirements.append(upw)
        s.flush()
        session = Appointment(person_id=person_id, order_id=order.id, requirement_id=upw.id,
                              start=datetime(2026, 2, 28, 9, 0), minutes=180, kind="unpaid_work_session")
        s.add(session)
        s.flush()
        session_id = session.id
    window.refresh()
    window.recording.record_appointment(session_id)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog)
    qtbot.waitUntil(dialog.outcome.hasFocus)
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_A)
    assert dialog.form.isRowVisible(dialog.hours) and dialog.hours.value() == 3.0
    keys.press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    assert dialog.repeat.currentText() == "Every week" and dialog.chosen.text().endswith("then 3 more.")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.recording.dialog is None)
    with diary.db.session() as s:
        assert s.get(Appointment, session_id).hours_credited == 3.0
        starts = [a.start for a in s.scalars(select(Appointment).where(Appointment.kind == "unpaid_work_session", Appointment.outcome.is_(None)))]
    assert len(starts) == 4 and all((b - a).days == 7 for a, b in zip(starts, starts[1:]))


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [("a", Outcome.ATTC), ("u", Outcome.UAAB), ("r", Outcome.RESCHEDULED), ("hol", Outcome.AAHO), ("co10", Outcome.CO10),
     ("relig", Outcome.AARE), ("behav", Outcome.ATSH), ("z", None)],
)
def test_outcomes_by_letter_word_or_code(typed: str, outcome: Outcome | None) -> None:
    assert match_outcome(typed) is outcome


def test_killing_the_app_while_typing_loses_at_most_the_last_two_seconds(diary: Diary, tmp_path: Path) -> None:
    _, older_id, _ = _add_person(diary)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(diary.data_dir), str(older_id)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    typed: list[tuple[str, float]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            word, at = line.split()
            typed.append((word, float(at)))
            if typed[-1][1] - typed[0][1] >= 4.0:
                break
        killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert typed, "the child never started typing"
    draft = load_draft(diary.blobs, session_key(older_id, 0))
    assert draft is not None
    text = draft.fields["notes"]
    must_have = "".join(f"{word} " for word, at in typed if at <= killed_at - 2.0)
    assert must_have and text.startswith(must_have)
    stored = next(p for p in diary.blobs.folder.iterdir() if p.name.startswith("draft-"))
    assert typed[0][0].encode() not in stored.read_bytes(), "the draft is encrypted on disk"


def test_an_empty_window_shows_only_what_is_needed(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _add_person(diary)
    window.refresh()
    keys = Keyboard(qtbot)
    dialog = _open_dialog(qtbot, window, keys)
    visible: list[QWidget] = [w for w in (dialog.evidence_due, dialog.reason, dialog.requested_by, dialog.hours) if dialog.form.isRowVisible(w)]
    assert visible == [] and not dialog.prompt.isVisible() and not dialog.warnings.isVisible()
    assert dialog.notes.height() >= dialog.notes.fontMetrics().lineSpacing() * 20
    assert dialog._slots[0] == datetime(2026, 3, 9, 14, 0) and all(b.isVisible() for b in dialog.slot_buttons)
    assert dialog.chosen.text() == "Not chosen yet: Alt+1 books the first free slot, Alt+0 books none."
