"""Small windows the diary opens: book an appointment, cancel one (who asked and why), go to a date, hand a day over."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from diary.domain.text import long_date
from diary.domain.vocab import AppointmentKind, RescheduleRequester
from diary.services.diary_file import Database
from diary.services.diary_view import (
    DiaryBooking,
    DiaryError,
    book_appointment,
    cancel_appointment,
)
from diary.services.handover import COVER_KEY, mark_day_covered
from diary.services.schedule import booking_minutes, booking_warnings_for
from diary.services.settings import get_setting
from diary.ui.actions import SAVE_KEYS

DATE_FORMAT = "ddd d MMM yyyy"


def date_field(value: date, parent: QWidget) -> QDateEdit:
    """A date field with a calendar to pick from."""
    edit = QDateEdit(QDate(value), parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def buttons_for(dialog: QDialog, accept_text: str, reject_text: str = "Cancel   Esc") -> QDialogButtonBox:
    """OK-style and Cancel buttons; Ctrl+Enter (and Ctrl+S) also accept."""
    box = QDialogButtonBox(dialog)
    ok = box.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName("primary")
    ok.setDefault(True)
    box.addButton(reject_text, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    save = QAction(accept_text, dialog)
    save.setShortcuts([QKeySequence(k) for k in SAVE_KEYS])
    save.triggered.connect(lambda _checked=False: dialog.accept())
    dialog.addAction(save)
    return box


def message_label(parent: QWidget) -> QLabel:
    """A hidden line for plain-English problems with what was typed."""
    label = QLabel(parent)
    label.setObjectName("dialogMessage")
    label.setWordWrap(True)
    label.hide()
    return label


class PersonPicker(QWidget):
    """Type part of a name or CRN: the people matching are listed below, Up and Down choose among them."""

    changed = Signal()

    def __init__(self, people: list[tuple[int, str]], person_id: int | None, parent: QWidget | None = None) -> None:
        """A picker over (id, label) people, perhaps with one chosen."""
        super().__init__(parent)
        self.people = people
        self.text = QLineEdit(self)
        self.text.setObjectName("personSearch")
        self.text.setPlaceholderText("Type part of a name or CRN")
        self.matches = QListWidget(self)
        self.matches.setObjectName("personMatches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(self.matches.fontMetrics().height() * 5 + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.matches)
        self.setFocusProxy(self.text)
        self.text.installEventFilter(self)
        self.text.textChanged.connect(self._filter)
        self.matches.currentRowChanged.connect(lambda _row: self.changed.emit())
        self._filter()
        for row in range(self.matches.count()):
            if self.matches.item(row).data(Qt.ItemDataRole.UserRole) == person_id:
                self.matches.setCurrentRow(row)

    def _filter(self) -> None:
        """List the people whose name or CRN holds what is typed; the first is chosen."""
        typed = self.text.text().strip().lower()
        self.matches.clear()
        for pid, label in self.people:
            if typed in label.lower():
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, pid)
                self.matches.addItem(item)
        self.matches.setCurrentRow(0 if typed and self.matches.count() else -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the text move through the people listed."""
        if watched is self.text and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step and self.matches.count():
                self.matches.setCurrentRow(max(0, min(self.matches.count() - 1, self.matches.currentRow() + step)))
                return True
        return super().eventFilter(watched, event)

    def person_id(self) -> int | None:
        """The person chosen, if any."""
        item = self.matches.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None


class BookDialog(QDialog):
    """Book an appointment: who, what kind, when, how long, where; warnings shown as the time is chosen."""

    def __init__(
        self,
        db: Database,
        people: list[tuple[int, str]],
        person_id: int | None,
        start: datetime,
        parent: QWidget | None = None,
    ) -> None:
        """A booking window over these (id, label) people, starting at a time, perhaps for one person."""
        super().__init__(parent)
        self.db = db
        self.booked_id: int | None = None
        self.setObjectName("bookDialog")
        self.setWindowTitle("Book an appointment")
        self.person = PersonPicker(people, person_id, self)
        self.kind = QComboBox(self)
        for kind in AppointmentKind:
            self.kind.addItem(kind.label, kind.value)
        self.start = QDateTimeEdit(QDateTime(QDate(start.date()), start.time()), self)
        self.start.setDisplayFormat(DATE_FORMAT + "   HH:mm")
        self.start.setCalendarPopup(True)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(60)
        self.where = QLineEdit(self)
        self.where.setPlaceholderText("Room or address (optional)")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("bookingWarnings")
        self.warnings.setWordWrap(True)
        self.message = message_label(self)
        form = QFormLayout()
        form.addRow("&Person", self.person)
        form.addRow("&Kind", self.kind)
        form.addRow("&Date and time", self.start)
        form.addRow("&Length", self.minutes)
        form.addRow("&Where", self.where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.message)
        layout.addWidget(buttons_for(self, "Book   Ctrl+Enter"))
        self.person.changed.connect(self._usual_length)
        self.kind.currentIndexChanged.connect(self._usual_length)
        self.start.dateTimeChanged.connect(self._check)
        self.minutes.valueChanged.connect(self._check)
        self._usual_length()
        (self.kind if person_id is not None else self.person).setFocus()
        self.resize(520, self.sizeHint().height())

    def _usual_length(self) -> None:
        """The person's usual length for this kind of booking, then the warnings."""
        person_id = self.person.person_id()
        if person_id is not None:
            self.minutes.setValue(booking_minutes(self.db, person_id, self.kind.currentData()))
        self._check()

    def _check(self) -> None:
        """Show what is wrong with the time chosen (overlaps, commitments, non-working time); never a refusal."""
        person_id = self.person.person_id()
        found = (
            booking_warnings_for(self.db, person_id, self.start.dateTime().toPython(), self.minutes.value())
            if person_id
            else []
        )
        self.warnings.setText("\n".join(f"⚠ {w}" for w in found))
        self.warnings.setVisible(bool(found))

    def accept(self) -> None:
        """Book it, in one transaction."""
        person_id = self.person.person_id()
        if person_id is None:
            self.message.setText(
                "Choose who the appointment is with: type part of their name or CRN, then Up or Down to pick."
            )
            self.message.show()
            self.person.setFocus()
            return
        try:
            self.booked_id = book_appointment(
                self.db,
                person_id,
                self.start.dateTime().toPython(),
                self.minutes.value(),
                self.kind.currentData(),
                self.where.text(),
            )
        except DiaryError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        super().accept()


class CancelDialog(QDialog):
    """Cancel a booking, saying who asked (the person or the service) and why."""

    def __init__(self, db: Database, booking: DiaryBooking, parent: QWidget | None = None) -> None:
        """Ask about one booking."""
        super().__init__(parent)
        self.db = db
        self.booking = booking
        row = booking.row
        self.setObjectName("cancelDialog")
        self.setWindowTitle("Cancel an appointment")
        question = QLabel(
            f"Cancel {row.person_name}'s appointment on {row.start:%A} {long_date(row.start.date())} at {row.start:%H:%M}?\n"
            "It is recorded as 'will be rescheduled': neither an attendance nor a failure.",
            self,
        )
        question.setWordWrap(True)
        self.by_person = QRadioButton("The &person asked", self)
        self.by_service = QRadioButton("The &service asked (you, the office, a clash)", self)
        self.who = QButtonGroup(self)
        for button, who in (
            (self.by_person, RescheduleRequester.PERSON),
            (self.by_service, RescheduleRequester.SERVICE),
        ):
            button.setProperty("who", who.value)
            self.who.addButton(button)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText("For example: hospital appointment; court duty clash")
        self.message = message_label(self)
        form = QFormLayout()
        asked = QVBoxLayout()
        asked.addWidget(self.by_person)
        asked.addWidget(self.by_service)
        form.addRow("Who asked", asked)
        form.addRow("&Why", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons_for(self, "Cancel the appointment", "Keep it   Esc"))
        self.by_person.setFocus()

    def accept(self) -> None:
        """Cancel it, in one transaction, once both questions are answered."""
        chosen = self.who.checkedButton()
        try:
            cancel_appointment(
                self.db, self.booking.row.appointment_id, chosen.property("who") if chosen else "", self.reason.text()
            )
        except DiaryError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        super().accept()


class GoToDateDialog(QDialog):
    """Pick a date from a calendar (arrows, PageUp/PageDown for months, Enter)."""

    def __init__(self, current: date, parent: QWidget | None = None) -> None:
        """A calendar open on the current date."""
        super().__init__(parent)
        self.setObjectName("goToDateDialog")
        self.setWindowTitle("Go to a date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setSelectedDate(QDate(current))
        self.calendar.activated.connect(lambda _d: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons_for(self, "Go   Enter"))
        self.calendar.setFocus()

    def chosen(self) -> date:
        """The date picked."""
        return self.calendar.selectedDate().toPython()


class HandoverDialog(QDialog):
    """Hand a day over to the duty officer: who covers it, and where to save the handover sheet."""

    def __init__(self, db: Database, day: date, parent: QWidget | None = None) -> None:
        """Ask about a day (changeable)."""
        super().__init__(parent)
        self.db = db
        self.bookings = 0
        self.setObjectName("handoverDialog")
        self.setWindowTitle("Hand over a day")
        self.day = date_field(day, self)
        self.covered_by = QLineEdit(self)
        self.covered_by.setObjectName("coveredBy")
        self.covered_by.setPlaceholderText("The duty officer's name")
        earlier = sorted(set((get_setting(db, COVER_KEY) or {}).values()))
        self.covered_by.setCompleter(QCompleter(earlier, self))
        self.path = QLineEdit(self)
        self.path.setObjectName("handoverPath")
        choose = QPushButton("C&hoose…", self)
        choose.setAutoDefault(False)
        choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        note = QLabel("The diary keeps who covered the day (shown in the diary and on the sheet).", self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.message = message_label(self)
        form = QFormLayout()
        form.addRow("&Day", self.day)
        form.addRow("&Covered by", self.covered_by)
        form.addRow("&Save sheet to", where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons_for(self, "Hand over and make the sheet"))
        self.day.dateChanged.connect(self._name_file)
        self._name_file()
        self.covered_by.setFocus()
        self.resize(560, self.sizeHint().height())

    def _name_file(self) -> None:
        """Name the sheet after the day, in the officer's documents folder (or the same folder as before)."""
        chosen = self.day.date().toPython()
        folder = (
            Path(self.path.text()).parent
            if self.path.text()
            else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        )
        self.path.setText(str(folder / f"Handover {chosen:%Y-%m-%d}.pdf"))

    def _choose(self) -> None:
        """Pick where the sheet goes."""
        path, _ = QFileDialog.getSaveFileName(self, "Save the handover sheet", self.path.text(), "PDF (*.pdf)")
        if path:
            self.path.setText(path)

    def accept(self) -> None:
        """Note who covers the day, then write the handover sheet."""
        from diary.reports.documents import write_handover_pdf

        name = self.covered_by.text().strip()
        if not name or not self.path.text().strip():
            self.message.setText("Give the covering duty officer's name and where to save the sheet.")
            self.message.show()
            return
        day = self.day.date().toPython()
        mark_day_covered(self.db, day, name)
        try:
            self.bookings = write_handover_pdf(self.db, day, Path(self.path.text().strip()))
        except OSError as exc:
            self.message.setText(
                f"The day is marked as covered by {name}, but the sheet could not be saved: {exc.strerror or exc}."
            )
            self.message.show()
            return
        super().accept()
