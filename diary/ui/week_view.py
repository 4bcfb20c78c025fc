"""The diary: the week (Monday to Friday, weekends on request) or one day, shaped from the keyboard or the mouse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from diary.domain.scheduling import CommitmentRecord, Occurrence
from diary.domain.text import long_date, plural
from diary.reports.documents import week_document
from diary.reports.printing import print_document, setup_page
from diary.services.commitments import delete_commitment, get_commitment, skip_date
from diary.services.diary_file import Diary
from diary.services.diary_view import (
    DiaryBooking,
    DiaryError,
    DiaryRange,
    load_range,
    move_appointment,
    people_to_book,
    resize_appointment,
)
from diary.services.schedule import next_slots
from diary.services.working_pattern import get_working_pattern
from diary.ui.actions import ActionRegistry
from diary.ui.commitment_dialog import (
    DELETED,
    CommitmentDialog,
    WorkingPatternDialog,
    new_commitment,
)
from diary.ui.diary_dialogs import (
    BookDialog,
    CancelDialog,
    GoToDateDialog,
    HandoverDialog,
)
from diary.ui.week_grid import STEP_MINUTES, Key, WeekGrid

Clock = Callable[[], datetime]
BAR_ACTIONS = (
    "diary_previous",
    "diary_today",
    "diary_next",
    "diary_go_to",
    None,
    "view_week",
    "view_day",
    "diary_weekends",
    None,
    "book_appointment",
    "add_commitment",
    "handover_day",
    "working_pattern",
)


def monday_of(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


class WeekView(QWidget):
    """The week or day view with its buttons, the grid, and a line describing what is selected."""

    changed = Signal()
    """Something in the diary changed here; other views should refresh."""
    appointment_activated = Signal(int)
    """Enter on a booking: open Record session for it."""
    message = Signal(str)
    show_requested = Signal()

    def __init__(self, diary: Diary, clock: Clock = datetime.now, parent: QWidget | None = None) -> None:
        """A view over the diary, on today's week."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.day_mode = False
        self.weekends = False
        self.shown = clock().date()
        self.data: DiaryRange | None = None
        self.dialog: QDialog | None = None
        self.paging: tuple[QAction, ...] = ()
        self.setObjectName("weekView")
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.bar = QHBoxLayout()
        self.bar.setSpacing(4)
        self.grid = WeekGrid(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.grid)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail = QLabel(self)
        self.detail.setObjectName("diaryDetail")
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(self.detail.fontMetrics().height() * 2 + 8)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.bar)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.detail)
        self.setFocusProxy(self.grid)
        self.grid.cursor_changed.connect(self._cursor_moved)
        self.grid.activate_requested.connect(self.activate)
        self.grid.book_requested.connect(lambda: self.book())
        self.grid.delete_requested.connect(self.delete)
        self.grid.move_requested.connect(self.move_selected)
        self.grid.resize_requested.connect(self.resize_selected)
        self.grid.drop_requested.connect(lambda aid, start: self._move(aid, start))
        self.grid.drag_resize_requested.connect(self._resize)
        self.grid.edge_reached.connect(self._over_edge)

    # -- actions ------------------------------------------------------------------------------------------------

    def connect_actions(self, actions: ActionRegistry) -> None:
        """Wire the diary's actions to this view and put their buttons above the grid."""
        slots: dict[str, Callable[[], object]] = {
            "view_week": lambda: self.show_mode(day=False),
            "view_day": lambda: self.show_mode(day=True),
            "diary_weekends": lambda: self.set_weekends(actions["diary_weekends"].isChecked()),
            "diary_today": self.go_today,
            "diary_go_to": self.go_to_date,
            "diary_previous": lambda: self.page(-1),
            "diary_next": lambda: self.page(1),
            "add_commitment": self.add_commitment,
            "working_pattern": self.edit_working_pattern,
            "handover_day": self.hand_over,
        }
        actions["diary_weekends"].setCheckable(True)
        self.paging = (actions["diary_previous"], actions["diary_next"])
        for key, slot in slots.items():
            actions.connect(key, slot)
        actions.add_diary_actions(self)
        for key in BAR_ACTIONS:
            if key is None:
                self.bar.addSpacing(12)
                continue
            button = QToolButton(self)
            button.setDefaultAction(actions[key])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.bar.addWidget(button)
        self.bar.addStretch(1)

    # -- what is shown ------------------------------------------------------------------------------------------

    def visible_days(self) -> list[date]:
        """The days shown: the day, or Monday to Friday plus weekend days asked for, worked, or with your own bookings."""
        if self.day_mode:
            return [self.shown]
        monday = monday_of(self.shown)
        booked = {b.row.start.date() for b in self.data.bookings if b.takes_officer_time} if self.data else set()
        worked = self.data.pattern.weekdays if self.data else frozenset()
        week = [monday + timedelta(days=i) for i in range(7)]
        return [d for d in week if d.weekday() < 5 or self.weekends or d.weekday() in worked or d in booked]

    def reload(self) -> None:
        """Read the week holding the shown day again and lay it out."""
        now = self.clock()
        self.data = load_range(self.diary.db, monday_of(self.shown), 7, now.date())
        days = self.visible_days()
        self.grid.set_data(self.data, days, now, detailed=self.day_mode)
        self.heading.setText(self._heading(days))
        for action, word in zip(self.paging, ("Previous", "Next"), strict=False):
            action.setIconText(f"{word} {'day' if self.day_mode else 'week'}")
        self._cursor_moved()

    def _heading(self, days: list[date]) -> str:
        """'Week 10: 2 to 6 March 2026 · 41 bookings · 3 commitments · 2 to check · 1 cancelled'."""
        assert self.data is not None
        shown = set(days)
        bookings = [b for b in self.data.bookings if b.row.start.date() in shown]
        commitments = {(o.commitment_id, o.start) for d in days for o in self.data.occurrences_on(d)}
        clashes = sum(1 for b in bookings if b.clash)
        cancelled = sum(1 for r in self.data.cancelled if r.start.date() in shown)
        first, last = days[0], days[-1]
        if self.day_mode:
            title = f"{first:%A} {long_date(first)}"
        else:
            title = f"Week {first.isocalendar().week}: {first.day} {first:%B} to {long_date(last)}"
        parts = [title, plural(len(bookings), "booking"), plural(len(commitments), "commitment")]
        if clashes:
            parts.append(f"⚠ {clashes} to check")
        if cancelled:
            parts.append(f"{cancelled} cancelled")
        return " · ".join(parts)

    def _cursor_moved(self) -> None:
        """Describe the selection under the grid, and keep it in sight."""
        self.detail.setText(self.grid.selection_text())
        rect = self.grid.cursor_rect()
        if not rect.isNull():
            self.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()), 0, int(rect.height() / 2) + 20)

    def show_date(self, day: date, at: datetime | None = None) -> None:
        """Show the week (or day) holding a date, with the cursor there."""
        self.shown = day
        self.reload()
        self.grid.select_time(at or datetime.combine(day, self.grid.cursor.at.time() if self.grid.cursor else time(9)))

    def show_mode(self, day: bool) -> None:
        """Switch between the week and the day (the selected day) and bring the view forward."""
        if self.grid.cursor is not None:
            self.shown = self.grid.cursor.day
        self.day_mode = day
        at = self.grid.cursor.at if self.grid.cursor else None
        self.reload()
        if at is not None:
            self.grid.select_time(at)
        self.show_requested.emit()

    def set_weekends(self, on: bool) -> None:
        """Show or hide Saturday and Sunday."""
        self.weekends = on
        self.reload()

    def page(self, step: int) -> None:
        """PageUp/PageDown: the week before or after (the day before or after in the day view)."""
        cursor = self.grid.cursor
        at = cursor.at if cursor else datetime.combine(self.shown, time(9))
        if self.day_mode:
            day = self._next_shown_day(self.shown, step)
            self.show_date(day, datetime.combine(day, at.time()))
        else:
            self.show_date(at.date() + timedelta(weeks=step), at + timedelta(weeks=step))

    def _next_shown_day(self, day: date, step: int) -> date:
        """The next day in a direction that the diary shows (weekends skipped unless shown)."""
        day += timedelta(days=step)
        while day.weekday() >= 5 and not self.weekends:
            day += timedelta(days=step)
        return day

    def _over_edge(self, step: int) -> None:
        """Left of the first day or right of the last: the next day over, in the next week if need be."""
        cursor = self.grid.cursor
        if cursor is None:
            return
        day = self._next_shown_day(cursor.day, step)
        self.show_date(day, datetime.combine(day, cursor.at.time()))

    def go_today(self) -> None:
        """T: today, at the present time."""
        now = self.clock()
        self.show_date(now.date(), now)
        self.show_requested.emit()

    def go_to_date(self) -> None:
        """G: pick a date from a calendar."""
        dialog = GoToDateDialog(self.grid.cursor.day if self.grid.cursor else self.shown, self)
        self.show_requested.emit()
        self._open(dialog, lambda: self.show_date(dialog.chosen()))

    def _open(
        self, dialog: QDialog, accepted: Callable[[], object], result: int | None = QDialog.DialogCode.Accepted.value
    ) -> None:
        """Show a window without blocking; when it closes with `result` (any, for None), run `accepted`; then the grid
        has the keys."""
        self.dialog = dialog

        def finished(code: int) -> None:
            self.dialog = None
            if result is None or code == result:
                accepted()
            self.grid.setFocus()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    # -- acting on the selection --------------------------------------------------------------------------------

    def selected_person(self) -> int | None:
        """The person of the selected booking."""
        booking = self.grid.selected_booking()
        return booking.row.person_id if booking else None

    def selected_appointment(self) -> int | None:
        """The selected booking's appointment."""
        booking = self.grid.selected_booking()
        return booking.row.appointment_id if booking else None

    def focus_target(self) -> QWidget:
        """The grid."""
        return self.grid

    def activate(self) -> None:
        """Enter: a booking opens Record session, a commitment its window, a free slot the booking window."""
        entry = self.grid.selected_entry()
        if entry is not None and entry.booking is not None:
            self.appointment_activated.emit(entry.booking.row.appointment_id)
        elif entry is not None and entry.occurrence is not None:
            self.edit_commitment(entry.occurrence)
        else:
            self.book()

    def book(self, person_id: int | None = None) -> None:
        """Book at the selected free time; for a chosen person (or the selected booking's), at their next free slot."""
        now = self.clock()
        cursor = self.grid.cursor
        booking = self.grid.selected_booking()
        person_id = person_id if person_id is not None else (booking.row.person_id if booking else None)
        start = cursor.at if cursor and cursor.key is None else None
        if start is None and person_id is not None:
            after = max(now, booking.end) if booking else now
            found = next_slots(self.diary.db, person_id, booking.row.kind if booking else "office", after, count=1)
            start = found[0] if found else None
        start = start or (cursor.at if cursor else now.replace(second=0, microsecond=0))
        dialog = BookDialog(self.diary.db, people_to_book(self.diary.db), person_id, start, self)
        self._open(dialog, lambda: self._booked(dialog))

    def _booked(self, dialog: BookDialog) -> None:
        """Show the new booking."""
        self.shown = dialog.start.dateTime().toPython().date()
        self._after_change(("booking", dialog.booked_id or 0, None), "Booked")

    def delete(self) -> None:
        """Delete: cancel the selected booking (asking who asked and why), or remove a commitment."""
        entry = self.grid.selected_entry()
        if entry is not None and entry.booking is not None:
            if entry.booking.row.outcome is not None:
                self.message.emit("That appointment is already recorded; open it with Enter to change the record.")
                return
            booking = entry.booking
            self._open(CancelDialog(self.diary.db, booking, self), lambda: self._cancelled(booking))
        elif entry is not None and entry.occurrence is not None:
            self._remove_commitment(entry.occurrence)
        else:
            self.message.emit("Nothing to cancel here: select a booking or a commitment first.")

    def _cancelled(self, booking: DiaryBooking) -> None:
        """Say what was cancelled, and how to book again."""
        row = booking.row
        self.reload()
        when = f"{row.start:%a} {row.start.day} {row.start:%b} {row.start:%H:%M}"
        self.message.emit(f"Cancelled {row.person_name}'s appointment, {when}. N books a new time.")
        self.changed.emit()

    def _remove_commitment(self, occurrence: Occurrence) -> None:
        """Skip one date of a repeating commitment, or delete it altogether, after asking."""
        record = get_commitment(self.diary.db, occurrence.commitment_id)
        day = occurrence.start.date()
        box = QMessageBox(
            QMessageBox.Icon.Question, "Remove the commitment?", f"Remove {occurrence.label}?", parent=self
        )
        box.setObjectName("removeCommitment")
        only = (
            box.addButton(f"Only on {day:%a} {long_date(day)}", QMessageBox.ButtonRole.AcceptRole)
            if record.every_weeks
            else None
        )
        every = box.addButton(
            "Every date" if record.every_weeks else "Remove it", QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            if box.clickedButton() is only:
                skip_date(self.diary.db, record.id, day)
            elif box.clickedButton() is every:
                delete_commitment(self.diary.db, record.id)
            else:
                return
            self.reload()
            self.message.emit(
                f"Removed {occurrence.label}"
                + (f" on {day:%a} {long_date(day)}." if box.clickedButton() is only else ".")
            )
            self.changed.emit()

        self._open(box, answered, result=None)

    def move_selected(self, minutes: int, days: int) -> None:
        """Ctrl+arrows: the selected booking 15 minutes earlier or later, or to the day before or after."""
        booking = self.grid.selected_booking()
        if booking is None:
            self.message.emit("Select a booking to move it (Ctrl+arrows), or drag it with the mouse.")
            return
        start = booking.row.start + timedelta(minutes=minutes)
        if days:
            start = datetime.combine(self._next_shown_day(start.date(), days), start.time())
        self._move(booking.row.appointment_id, start)

    def resize_selected(self, minutes: int) -> None:
        """Shift+Up/Down: the selected booking 15 minutes shorter or longer."""
        booking = self.grid.selected_booking()
        if booking is None:
            self.message.emit("Select a booking to shorten or lengthen it (Shift+Up, Shift+Down).")
            return
        self._resize(booking.row.appointment_id, max(STEP_MINUTES, booking.row.minutes + minutes))

    def _move(self, appointment_id: int, start: datetime) -> None:
        """Move a booking through the service and show where it went."""
        try:
            move_appointment(self.diary.db, appointment_id, start)
        except DiaryError as exc:
            self.message.emit(str(exc))
            return
        self.shown = start.date()
        self._after_change(("booking", appointment_id, None), "Moved")

    def _resize(self, appointment_id: int, minutes: int) -> None:
        """Change a booking's length through the service."""
        try:
            resize_appointment(self.diary.db, appointment_id, minutes)
        except DiaryError as exc:
            self.message.emit(str(exc))
            return
        self._after_change(("booking", appointment_id, None), "Now")

    def _after_change(self, key: Key, verb: str) -> None:
        """Reload, select what changed, say what it is now (with any warnings), and tell the window."""
        self.reload()
        self.grid.select_key(key)
        booking: DiaryBooking | None = self.grid.selected_booking()
        if booking is not None:
            row = booking.row
            text = f"{verb} {row.person_name}: {row.start:%a} {row.start.day} {row.start:%b} {row.start:%H:%M}–{booking.end:%H:%M}."
            self.message.emit(text + "".join(f" ⚠ {w}" for w in booking.warnings))
        self.changed.emit()

    def print_week(self) -> None:
        """Ctrl+P: a print preview of the week shown, on one A4 landscape page, for a printer or a PDF."""
        monday = monday_of(self.shown)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer, landscape=True)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(f"Print week {monday.isocalendar().week}: {long_date(monday)}")
        preview.paintRequested.connect(
            lambda p: print_document(week_document(self.diary.db, monday, p, self.clock())[0], p)
        )
        self.preview = preview
        preview.open()

    # -- commitments, working pattern, handover -----------------------------------------------------------------

    def add_commitment(self) -> None:
        """Add a commitment on the selected day."""
        day = self.grid.cursor.day if self.grid.cursor else self.shown
        self._commitment_window(new_commitment(day, get_working_pattern(self.diary.db)))

    def edit_commitment(self, occurrence: Occurrence) -> None:
        """Change a commitment (all its dates)."""
        self._commitment_window(get_commitment(self.diary.db, occurrence.commitment_id))

    def _commitment_window(self, record: CommitmentRecord) -> None:
        """Open the commitment window and show the result."""
        dialog = CommitmentDialog(self.diary.db, record, self)
        self.show_requested.emit()
        dialog.finished.connect(
            lambda code: self._commitment_changed(dialog, "Commitment deleted.") if code == DELETED else None
        )
        self._open(dialog, lambda: self._commitment_changed(dialog, "Commitment saved."))

    def _commitment_changed(self, dialog: CommitmentDialog, text: str) -> None:
        """Show the commitment where it now is."""
        self.reload()
        if dialog.saved_id is not None:
            chosen = dialog.chosen()
            self.show_date(chosen.start.date(), chosen.start)
        self.message.emit(text)
        self.changed.emit()

    def edit_working_pattern(self) -> None:
        """Change the working days, hours and lunch."""
        self._open(WorkingPatternDialog(self.diary.db, self), self._pattern_saved)

    def _pattern_saved(self) -> None:
        """Show the diary under the new pattern."""
        self.reload()
        self.message.emit("Working pattern saved: free slots and the diary follow it now.")
        self.changed.emit()

    def hand_over(self) -> None:
        """Hand the selected day to the duty officer and make the handover sheet."""
        day = self.grid.cursor.day if self.grid.cursor else self.clock().date()
        dialog = HandoverDialog(self.diary.db, day, self)
        self._open(dialog, lambda: self._handed_over(dialog))

    def _handed_over(self, dialog: HandoverDialog) -> None:
        """Show the day as covered and say where the sheet went."""
        chosen = dialog.day.date().toPython()
        self.show_date(chosen)
        self.message.emit(
            f"{chosen:%A} {long_date(chosen)} handed over to {dialog.covered_by.text().strip()}; "
            f"handover sheet ({plural(dialog.bookings, 'booking')}) saved to {dialog.path.text().strip()}."
        )
        self.changed.emit()
