"""The diary's week and day views, driven by keyboard and mouse through the real window, checked in the database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from week_fixture import COMMITMENTS, NOW, person, week_document

from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.services.handover import covering_officer
from diary.store.models import Appointment, Commitment, ContactNote
from diary.ui.app import make_application
from diary.ui.commitment_dialog import CommitmentDialog, WorkingPatternDialog
from diary.ui.diary_dialogs import (
    BookDialog,
    CancelDialog,
    GoToDateDialog,
    HandoverDialog,
)
from diary.ui.main_window import MainWindow
from diary.ui.record_session import RecordSessionDialog
from diary.ui.week_grid import WeekGrid
from diary.ui.week_layout import Entry

WEEK = {
    "format": "supervision-diary/casefile",
    "version": 1,
    "people": [
        person(
            "X123456",
            "Jon",
            "Smith",
            "high",
            [
                {"start": "2026-03-02T11:00", "kind": "office", "outcome": "ATTC"},
                {"start": "2026-03-05T10:00", "kind": "office", "location": "Interview room 2"},
            ],
        ),
        person("X234567", "Amy", "Jones", "medium", [{"start": "2026-03-05T10:30", "minutes": 30, "kind": "phone"}]),
        person("X345678", "Carl", "Brown", "low", [{"start": "2026-03-03T14:00", "kind": "home_visit"}]),
    ],
    "commitments": COMMITMENTS[:2],
}


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> MainWindow:
    make_application()
    import_document(diary.db, parse_document(WEEK))
    win = MainWindow(diary, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.resize(1300, 860)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.stack.currentWidget() is win.week
    return win


def _grid(window: MainWindow) -> WeekGrid:
    return window.week.grid


def _booking_entry(window: MainWindow, name: str) -> Entry:
    return next(e for e in _grid(window).entries if e.booking is not None and e.booking.row.person_name == name)


def _appointment(diary: Diary, crn: str, **where: Any) -> Appointment:
    with diary.db.session() as session:
        rows = [a for a in session.query(Appointment).all() if a.person.crn == crn]
        return next(a for a in rows if all(getattr(a, k) == v for k, v in where.items()))


def _modal(qtbot: QtBot, kind: type) -> Any:
    """The window just opened, made active as the window manager would."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _closed(qtbot: QtBot, dialog: Any, window: MainWindow) -> None:
    """Wait for a window to close; the main window is active again, as the window manager would make it."""
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _key(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_grid(window), key, modifier)


def _select_by_keys(qtbot: QtBot, window: MainWindow, day: date, name: str) -> None:
    """From the top of a day, Down until the cursor is on the named person's booking."""
    grid = _grid(window)
    grid.select_time(datetime.combine(day, datetime.min.time()))
    for _ in range(40):
        booking = grid.selected_booking()
        if booking is not None and booking.row.person_name == name:
            return
        _key(qtbot, window, Qt.Key.Key_Down)
    raise AssertionError(f"{name} not reached on {day}")


def test_ctrl2_shows_the_week_with_bookings_commitments_and_the_cursor_today(window: MainWindow) -> None:
    grid = _grid(window)
    assert grid.hasFocus()
    assert grid.days == [date(2026, 3, d) for d in range(2, 7)]
    heading = window.week.heading.text()
    assert heading.startswith("Week 10: 2 March to 6 March 2026 · 4 bookings · 2 commitments")
    assert grid.cursor is not None and grid.cursor.day == NOW.date()
    kinds = sorted(e.occurrence.kind for e in grid.entries if e.occurrence is not None)
    assert kinds == ["court_duty", "meeting"]
    assert "free · N to book" in window.week.detail.text()


def test_an_overlap_and_a_booking_on_court_duty_are_flagged(window: MainWindow) -> None:
    assert _booking_entry(window, "Carl Brown").booking.clash == "In court duty"  # type: ignore[union-attr]
    assert _booking_entry(window, "Amy Jones").booking.clash == "Overlap"  # type: ignore[union-attr]
    jon = [
        e.booking.clash
        for e in _grid(window).entries
        if e.booking is not None and e.booking.row.person_name == "Jon Smith"
    ]
    assert jon == [None, "Overlap"]
    assert "⚠ 3 to check" in window.week.heading.text()
    _grid(window).select_key(_booking_entry(window, "Carl Brown").key)
    detail = window.week.detail.text()
    assert "Carl Brown (X345678) · Home visit · ! To record" in detail
    assert "⚠ Falls within your court duty (Leeds Magistrates'), 09:00–17:00." in detail


def test_arrows_move_between_free_slots_and_bookings(qtbot: QtBot, window: MainWindow) -> None:
    grid = _grid(window)
    grid.select_time(datetime(2026, 3, 5, 9, 0))
    assert grid.cursor is not None and grid.cursor.key is None
    _key(qtbot, window, Qt.Key.Key_Down)
    _key(qtbot, window, Qt.Key.Key_Down)
    assert grid.selected_booking() is not None and grid.selected_booking().row.person_name == "Jon Smith"  # type: ignore[union-attr]
    _key(qtbot, window, Qt.Key.Key_Down)
    assert grid.selected_booking().row.person_name == "Amy Jones"  # type: ignore[union-attr]
    _key(qtbot, window, Qt.Key.Key_Left)
    assert grid.cursor.day == date(2026, 3, 4) and grid.cursor.at.time().hour == 10


def test_book_at_a_free_slot_by_keyboard(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _grid(window).select_time(datetime(2026, 3, 6, 11, 0))
    _key(qtbot, window, Qt.Key.Key_N)
    dialog: BookDialog = _modal(qtbot, BookDialog)
    assert dialog.start.dateTime().toPython() == datetime(2026, 3, 6, 11, 0)
    qtbot.waitUntil(dialog.person.text.hasFocus)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "Choose who the appointment is with" in dialog.message.text()
    qtbot.keyClicks(dialog.person.text, "jo")
    assert [dialog.person.matches.item(i).text() for i in range(dialog.person.matches.count())] == [
        "Amy Jones (X234567)",
        "Jon Smith (X123456)",
    ]
    qtbot.keyClick(dialog.person.text, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.person.text, Qt.Key.Key_Up)
    assert "⚠" not in dialog.warnings.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _closed(qtbot, dialog, window)
    booked = _appointment(diary, "X234567", start=datetime(2026, 3, 6, 11, 0))
    assert booked.minutes == 60 and booked.kind == "office" and booked.outcome is None
    assert booked.order_id is not None
    grid = _grid(window)
    assert grid.selected_booking() is not None and grid.selected_booking().row.appointment_id == booked.id  # type: ignore[union-attr]
    assert "Booked Amy Jones: Fri 6 Mar 11:00–12:00." in window.statusBar().currentMessage()
    assert window.focusWidget() is grid


def test_ctrl_arrows_move_and_shift_arrows_resize_a_booking(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    grid = _grid(window)
    jon = _appointment(diary, "X123456", start=datetime(2026, 3, 5, 10, 0))
    _select_by_keys(qtbot, window, date(2026, 3, 5), "Jon Smith")
    _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _appointment(diary, "X123456", id=jon.id).start == datetime(2026, 3, 5, 10, 30)
    _key(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _appointment(diary, "X123456", id=jon.id).start == datetime(2026, 3, 6, 10, 30)
    _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert _appointment(diary, "X123456", id=jon.id).minutes == 75
    assert grid.selected_booking().row.appointment_id == jon.id  # type: ignore[union-attr]
    assert "Now Jon Smith: Fri 6 Mar 10:30–11:45." in window.statusBar().currentMessage()


def test_a_recorded_booking_is_not_moved(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    recorded = _appointment(diary, "X123456", outcome="ATTC")
    _grid(window).select_key(("booking", recorded.id, None))
    _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _appointment(diary, "X123456", id=recorded.id).start == datetime(2026, 3, 2, 11, 0)
    assert "already recorded (attended, complied)" in window.statusBar().currentMessage()


def test_drag_moves_a_booking_to_another_day_and_time(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    grid = _grid(window)
    amy = _booking_entry(window, "Amy Jones")
    frame = grid.frame
    assert frame is not None
    start = amy.rect.center().toPoint()
    end = QPoint(int(start.x() + frame.column_width), int(start.y() + 60 * frame.minute_px))
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, QPoint(start.x() + 10, start.y() + 10))
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)
    assert _appointment(diary, "X234567").start == datetime(2026, 3, 6, 11, 30)


def test_delete_cancels_with_who_asked_and_why(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    amy = _appointment(diary, "X234567")
    _select_by_keys(qtbot, window, date(2026, 3, 5), "Amy Jones")
    _key(qtbot, window, Qt.Key.Key_Delete)
    dialog: CancelDialog = _modal(qtbot, CancelDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and "who asked" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.by_person.isChecked)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.reason, "Hospital appointment")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    _closed(qtbot, dialog, window)
    cancelled = _appointment(diary, "X234567", id=amy.id)
    assert (cancelled.outcome, cancelled.rescheduled_by, cancelled.reschedule_reason) == (
        "RESCHEDULED",
        "person",
        "Hospital appointment",
    )
    assert all(e.booking is None or e.booking.row.appointment_id != amy.id for e in _grid(window).entries)
    assert "1 cancelled" in window.week.heading.text()


def test_pagedown_moves_a_week_and_t_returns_to_today(qtbot: QtBot, window: MainWindow) -> None:
    grid = _grid(window)
    _key(qtbot, window, Qt.Key.Key_PageDown)
    assert grid.days[0] == date(2026, 3, 9)
    assert window.week.heading.text().startswith("Week 11: 9 March to 13 March 2026")
    assert grid.cursor is not None and grid.cursor.day == date(2026, 3, 11)
    court = [e.occurrence for e in grid.entries if e.occurrence is not None and e.occurrence.kind == "court_duty"]
    assert court == []
    _key(qtbot, window, Qt.Key.Key_PageDown)
    assert any(e.occurrence is not None and e.occurrence.kind == "court_duty" for e in grid.entries)
    _key(qtbot, window, Qt.Key.Key_T)
    assert grid.days[0] == date(2026, 3, 2) and grid.cursor.day == NOW.date()
    _key(qtbot, window, Qt.Key.Key_PageUp)
    assert grid.days[0] == date(2026, 2, 23)


def test_g_goes_to_a_date_and_the_day_view_shows_one_day(qtbot: QtBot, window: MainWindow) -> None:
    _key(qtbot, window, Qt.Key.Key_G)
    dialog: GoToDateDialog = _modal(qtbot, GoToDateDialog)
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _closed(qtbot, dialog, window)
    grid = _grid(window)
    assert grid.cursor is not None and grid.cursor.day == date(2026, 3, 11)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert grid.days == [date(2026, 3, 11)]
    assert window.week.heading.text().startswith("Wednesday 11 March 2026")
    _key(qtbot, window, Qt.Key.Key_PageDown)
    assert grid.days == [date(2026, 3, 12)]


def test_weekends_on_request(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert len(_grid(window).days) == 7
    assert window.week.heading.text().startswith("Week 10: 2 March to 8 March 2026")


def test_enter_on_a_booking_opens_record_session(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    carl = _appointment(diary, "X345678")
    _select_by_keys(qtbot, window, date(2026, 3, 3), "Carl Brown")
    _key(qtbot, window, Qt.Key.Key_Return)
    dialog: RecordSessionDialog = _modal(qtbot, RecordSessionDialog)
    assert dialog.context.appointment_id == carl.id
    dialog.reject()


def test_a_fortnightly_commitment_with_a_skipped_date(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _grid(window).select_time(datetime(2026, 3, 6, 9, 0))
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog: CommitmentDialog = _modal(qtbot, CommitmentDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("duty_officer"))
    dialog.repeat.setCurrentIndex(2)
    dialog.skip_day.setDate(date(2026, 3, 20))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.skipped.count() == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _closed(qtbot, dialog, window)
    with diary.db.session() as session:
        duty = next(c for c in session.query(Commitment).all() if c.kind == "duty_officer")
        assert (duty.start, duty.end, duty.every_weeks) == (datetime(2026, 3, 6, 9), datetime(2026, 3, 6, 17), 2)
        assert [e.date for e in duty.exceptions] == [date(2026, 3, 20)]
    grid = _grid(window)
    assert any(e.occurrence is not None and e.occurrence.kind == "duty_officer" for e in grid.entries)
    _key(qtbot, window, Qt.Key.Key_PageDown)
    _key(qtbot, window, Qt.Key.Key_PageDown)
    assert not any(e.occurrence is not None and e.occurrence.kind == "duty_officer" for e in grid.entries)


def test_delete_on_a_repeating_commitment_skips_only_that_date(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    grid = _grid(window)
    court = next(e for e in grid.entries if e.occurrence is not None and e.occurrence.kind == "court_duty")
    grid.select_key(court.key)
    _key(qtbot, window, Qt.Key.Key_Delete)
    box: QMessageBox = _modal(qtbot, QMessageBox)
    only = next(b for b in box.buttons() if b.text().startswith("Only on Tue 3 March 2026"))
    qtbot.mouseClick(only, Qt.MouseButton.LeftButton)
    _closed(qtbot, box, window)
    assert not any(e.occurrence is not None and e.occurrence.kind == "court_duty" for e in grid.entries)
    assert _booking_entry(window, "Carl Brown").booking.clash != "In court duty"  # type: ignore[union-attr]
    with diary.db.session() as session:
        assert [e.date for c in session.query(Commitment).all() if c.kind == "court_duty" for e in c.exceptions] == [
            date(2026, 3, 3)
        ]


def test_working_pattern_greys_a_day_off_and_moves_hours(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog: WorkingPatternDialog = _modal(qtbot, WorkingPatternDialog)
    dialog.days[4].setChecked(False)
    dialog.start.setTime(dialog.start.time().addSecs(-3600))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _closed(qtbot, dialog, window)
    data = window.week.data
    assert data is not None
    friday = next(d for d in data.days if d.day == date(2026, 3, 6))
    assert not friday.working
    assert data.pattern.start.hour == 8
    assert _grid(window).frame is not None and _grid(window).frame.first_minute == 7 * 60


def test_hand_over_a_day_makes_the_sheet_and_notes_who_covers(
    qtbot: QtBot, window: MainWindow, diary: Diary, tmp_path: Path
) -> None:
    _grid(window).select_time(datetime(2026, 3, 5, 9, 0))
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog: HandoverDialog = _modal(qtbot, HandoverDialog)
    assert dialog.day.date().toPython() == date(2026, 3, 5)
    qtbot.keyClicks(dialog.covered_by, "Sam Patel")
    dialog.path.setText(str(tmp_path / "handover.pdf"))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _closed(qtbot, dialog, window)
    assert (tmp_path / "handover.pdf").read_bytes().startswith(b"%PDF")
    assert covering_officer(diary.db, date(2026, 3, 5)) == "Sam Patel"
    thursday = next(d for d in window.week.data.days if d.day == date(2026, 3, 5))  # type: ignore[union-attr]
    assert thursday.covered_by == "Sam Patel"
    assert "handed over to Sam Patel; handover sheet (2 bookings)" in window.statusBar().currentMessage()
    with diary.db.session() as session:
        assert session.query(ContactNote).count() == 0


def test_today_lists_who_is_not_seen_within_frequency(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    rows = window.today.overdue_model.rows
    assert [(o.row.name, o.reasons) for o in rows] == [  # no frequency of their own: the usual one for their risk
        ("Amy Jones", ("170 days overdue (fortnightly, not seen yet)",)),
        ("Carl Brown", ("156 days overdue (four-weekly, not seen yet)", "No appointment booked")),
    ]
    assert window.today.overdue_label.text() == "Not seen within frequency or nothing booked (2), worst first"


def test_ctrl_p_previews_the_week_shown_for_printing(qtbot: QtBot, window: MainWindow) -> None:
    _key(qtbot, window, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview: QPrintPreviewDialog = _modal(qtbot, QPrintPreviewDialog)
    assert preview.windowTitle() == "Print week 11: 9 March 2026"
    preview.reject()


def test_a_busy_week_of_40_bookings_lays_out_with_every_name_written(qtbot: QtBot, diary: Diary) -> None:
    make_application()
    import_document(diary.db, parse_document(week_document()))
    win = MainWindow(diary, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.resize(1440, 920)
    win.show()
    win.actions["view_week"].trigger()
    grid = win.week.grid
    assert win.week.heading.text() == "Week 10: 2 March to 6 March 2026 · 40 bookings · 3 commitments · ⚠ 8 to check"
    bookings = [e for e in grid.entries if e.booking is not None]
    assert len(bookings) == 40 and sum(e.in_band for e in bookings) == 4
    assert all(e.rect.height() >= grid.fontMetrics().height() for e in bookings)
    assert all(grid.rect().contains(e.rect.toRect()) for e in grid.entries)


def test_ctrl_n_on_the_caseload_books_the_selected_person_at_their_next_free_slot(
    qtbot: QtBot, window: MainWindow, diary: Diary
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    table = window.caseload.table
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == "Brown, Carl")
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog: BookDialog = _modal(qtbot, BookDialog)
    assert dialog.person.matches.currentItem().text() == "Carl Brown (X345678)"
    assert dialog.start.dateTime().toPython() == datetime(2026, 3, 4, 11, 30)
    assert dialog.kind.hasFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _closed(qtbot, dialog, window)
    assert _appointment(diary, "X345678", start=datetime(2026, 3, 4, 11, 30)).outcome is None
    assert window.stack.currentWidget() is window.caseload


def test_a_run_of_moves_refreshes_the_other_views_once_afterwards(qtbot: QtBot, window: MainWindow, diary: Diary) -> None:
    _select_by_keys(qtbot, window, date(2026, 3, 5), "Amy Jones")
    for _ in range(3):
        _key(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.refresh_soon.isActive()
    qtbot.waitUntil(lambda: not window.refresh_soon.isActive())
    assert _appointment(diary, "X234567").start == datetime(2026, 3, 5, 11, 15)
