"""The officer's own time: a commitment (court duty, duty officer, leave...; one-off or repeating, with dates
skipped) and the working pattern (days, hours, lunch)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from diary.domain.scheduling import WEEKDAY_NAMES, CommitmentRecord, WorkingPattern
from diary.domain.text import long_date
from diary.domain.vocab import CommitmentKind
from diary.services.commitments import (
    NEW,
    CommitmentError,
    delete_commitment,
    save_commitment,
)
from diary.services.diary_file import Database
from diary.services.working_pattern import get_working_pattern, set_working_pattern
from diary.ui.diary_dialogs import buttons_for, date_field, message_label

REPEATS: tuple[tuple[str, int | None], ...] = (
    ("Does not repeat", None),
    ("Every week", 1),
    ("Every fortnight", 2),
    ("Every few weeks", 3),
)
DELETED = 2
"""The dialog's result when the commitment was deleted."""


def time_field(value: time, parent: QWidget) -> QTimeEdit:
    """A 24-hour time field."""
    edit = QTimeEdit(QTime(value.hour, value.minute), parent)
    edit.setDisplayFormat("HH:mm")
    return edit


def new_commitment(day: date, pattern: WorkingPattern, kind: str = CommitmentKind.COURT_DUTY.value) -> CommitmentRecord:
    """A commitment filling a working day, to start from."""
    return CommitmentRecord(NEW, kind, *pattern.day_bounds(day))


class CommitmentDialog(QDialog):
    """Add or change a commitment: kind, title, date and hours, repeats, and single dates skipped."""

    def __init__(self, db: Database, record: CommitmentRecord, parent: QWidget | None = None) -> None:
        """A window over a commitment (id NEW for a new one)."""
        super().__init__(parent)
        self.db = db
        self.record = record
        self.saved_id: int | None = None
        self.setObjectName("commitmentDialog")
        self.setWindowTitle("Add a commitment" if record.id == NEW else "Change a commitment")
        self.kind = QComboBox(self)
        for kind in CommitmentKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind)))
        self.title = QLineEdit(record.title or "", self)
        self.title.setPlaceholderText("For example: Leeds Magistrates' Court")
        self.day = date_field(record.start.date(), self)
        self.start = time_field(record.start.time(), self)
        self.end = time_field(record.end.time(), self)
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("to", self))
        hours.addWidget(self.end)
        hours.addStretch(1)
        self.repeat = QComboBox(self)
        for text, weeks in REPEATS:
            self.repeat.addItem(text, weeks)
        self.every = QSpinBox(self)
        self.every.setRange(3, 52)
        self.every.setPrefix("every ")
        self.every.setSuffix(" weeks")
        weeks = record.every_weeks
        self.repeat.setCurrentIndex(0 if not weeks else min(weeks, 3))
        self.every.setValue(max(3, weeks or 3))
        self.until_on = QCheckBox("&until", self)
        self.until_on.setChecked(record.repeat_until is not None)
        self.until = date_field(record.repeat_until or record.start.date() + timedelta(weeks=26), self)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat, 2)
        repeat_row.addWidget(self.every, 1)
        repeat_row.addWidget(self.until_on)
        repeat_row.addWidget(self.until, 2)
        self.skipped = QListWidget(self)
        self.skipped.setObjectName("skippedDates")
        self.skipped.setMaximumHeight(90)
        for day in sorted(record.exceptions):
            self._add_skip(day)
        self.skip_day = date_field(record.start.date() + timedelta(weeks=weeks or 1), self)
        skip = QPushButton("&Skip this date", self)
        skip.setAutoDefault(False)
        skip.clicked.connect(lambda: self._add_skip(self.skip_day.date().toPython()))
        unskip = QPushButton("&Put back", self)
        unskip.setAutoDefault(False)
        unskip.clicked.connect(lambda: self.skipped.takeItem(self.skipped.currentRow()))
        skip_row = QHBoxLayout()
        skip_row.addWidget(self.skip_day, 1)
        skip_row.addWidget(skip)
        skip_row.addWidget(unskip)
        self.repeat_box = QWidget(self)
        repeats = QVBoxLayout(self.repeat_box)
        repeats.setContentsMargins(0, 0, 0, 0)
        repeats.addWidget(QLabel("Dates skipped (bank holiday, leave, a swap):", self))
        repeats.addWidget(self.skipped)
        repeats.addLayout(skip_row)
        self.message = message_label(self)
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Title", self.title)
        form.addRow("&Date", self.day)
        form.addRow("&Hours", hours)
        form.addRow("&Repeats", repeat_row)
        buttons = buttons_for(self, "Save   Ctrl+Enter")
        if record.id != NEW:
            delete = buttons.addButton("De&lete…", buttons.ButtonRole.DestructiveRole)
            delete.setAutoDefault(False)
            delete.clicked.connect(self._delete)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.repeat_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.repeat.currentIndexChanged.connect(self._show_repeats)
        self.until_on.toggled.connect(self._show_repeats)
        self._show_repeats()
        self.kind.setFocus()

    def _add_skip(self, day: date) -> None:
        """List a date as skipped (once)."""
        if any(self.skipped.item(i).data(Qt.ItemDataRole.UserRole) == day for i in range(self.skipped.count())):
            return
        item = QListWidgetItem(f"{day:%a} {long_date(day)}")
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.skipped.addItem(item)

    def _show_repeats(self) -> None:
        """Show the repeat fields only for a repeating commitment."""
        weeks = self.repeat.currentData()
        self.every.setVisible(weeks == 3)
        self.until_on.setVisible(weeks is not None)
        self.until.setVisible(weeks is not None)
        self.until.setEnabled(self.until_on.isChecked())
        self.repeat_box.setVisible(weeks is not None)

    def chosen(self) -> CommitmentRecord:
        """The commitment as the fields have it."""
        day = self.day.date().toPython()
        weeks = self.repeat.currentData()
        if weeks == 3:
            weeks = self.every.value()
        skipped = frozenset(self.skipped.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.skipped.count()))
        return replace(
            self.record,
            kind=self.kind.currentData(),
            title=self.title.text().strip() or None,
            start=datetime.combine(day, self.start.time().toPython()),
            end=datetime.combine(day, self.end.time().toPython()),
            every_weeks=weeks,
            repeat_until=self.until.date().toPython() if weeks and self.until_on.isChecked() else None,
            exceptions=skipped if weeks else frozenset(),
        )

    def accept(self) -> None:
        """Save it, in one transaction."""
        try:
            self.saved_id = save_commitment(self.db, self.chosen())
        except CommitmentError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        super().accept()

    def _delete(self) -> None:
        """Delete the commitment and all its repeats, after asking."""
        answer = QMessageBox.question(
            self,
            "Delete the commitment?",
            "Delete this commitment and every date it repeats on?",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            delete_commitment(self.db, self.record.id)
            self.done(DELETED)


class WorkingPatternDialog(QDialog):
    """The officer's working days, hours and lunch: used for free slots and greyed in the diary."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        """A window over the stored pattern."""
        super().__init__(parent)
        self.db = db
        pattern = get_working_pattern(db)
        self.setObjectName("workingPatternDialog")
        self.setWindowTitle("Working pattern")
        self.days: list[QCheckBox] = []
        day_row = QHBoxLayout()
        for number, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(name[:3], self)
            box.setChecked(number in pattern.weekdays)
            box.setAccessibleName(name)
            self.days.append(box)
            day_row.addWidget(box)
        self.start = time_field(pattern.start, self)
        self.end = time_field(pattern.end, self)
        self.lunch_on = QCheckBox("&Lunch from", self)
        self.lunch_on.setChecked(pattern.lunch_start is not None)
        self.lunch_start = time_field(pattern.lunch_start or time(13), self)
        self.lunch_end = time_field(pattern.lunch_end or time(14), self)
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("to", self))
        hours.addWidget(self.end)
        hours.addStretch(1)
        lunch = QHBoxLayout()
        lunch.addWidget(self.lunch_on)
        lunch.addWidget(self.lunch_start)
        lunch.addWidget(QLabel("to", self))
        lunch.addWidget(self.lunch_end)
        lunch.addStretch(1)
        note = QLabel("Bank holidays in England and Wales are never working days.", self)
        note.setObjectName("hint")
        self.message = message_label(self)
        form = QFormLayout()
        form.addRow("Working days", day_row)
        form.addRow("&Hours", hours)
        form.addRow("", lunch)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons_for(self, "Save   Ctrl+Enter"))
        self.lunch_on.toggled.connect(self.lunch_start.setEnabled)
        self.lunch_on.toggled.connect(self.lunch_end.setEnabled)
        self.lunch_start.setEnabled(self.lunch_on.isChecked())
        self.lunch_end.setEnabled(self.lunch_on.isChecked())

    def chosen(self) -> WorkingPattern:
        """The pattern as the fields have it (raises ValueError with the officer's words when it cannot be)."""
        lunch = self.lunch_on.isChecked()
        return WorkingPattern(
            weekdays=frozenset(i for i, box in enumerate(self.days) if box.isChecked()),
            start=self.start.time().toPython(),
            end=self.end.time().toPython(),
            lunch_start=self.lunch_start.time().toPython() if lunch else None,
            lunch_end=self.lunch_end.time().toPython() if lunch else None,
        )

    def accept(self) -> None:
        """Store the pattern."""
        try:
            pattern = self.chosen()
        except ValueError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        if not pattern.weekdays:
            self.message.setText("Tick at least one working day.")
            self.message.show()
            return
        set_working_pattern(self.db, pattern)
        super().accept()
