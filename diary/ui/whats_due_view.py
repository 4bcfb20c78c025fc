"""What's due on screen: the panel (Today and the person's page) and the forms for ticking a duty done, new tasks and
significant events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from diary.domain.duties import DueItem, DueKind, due_phrase
from diary.domain.vocab import ContactNoteKind
from diary.services.diary_file import Diary
from diary.services.whats_due import DueError, action_targets, add_task, mark_done, request_risk_review
from diary.ui import formatting as fmt
from diary.ui.actions import SAVE_KEYS
from diary.ui.contact_note import ContactNoteDialog
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel, row_table


def due_columns(today: Callable[[], date]) -> list[Column[DueItem]]:
    """When (relative to today), who, what and why."""
    return [
        Column("When", lambda i: due_phrase(i.due, today()), lambda i: i.due.isoformat(), lambda i: fmt.day(i.due)),
        Column("Due", lambda i: fmt.day(i.due), lambda i: i.due.isoformat()),
        Column("Who", lambda i: i.who),
        Column("What", lambda i: i.title),
        Column("Why", lambda i: i.why, tooltip=lambda i: i.why),
    ]


class DuePanel(QWidget):
    """A titled What's due table; double-click or Enter opens the person."""

    activated = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        """An empty panel."""
        super().__init__(parent)
        self.title = title
        self.today = date.today()
        self.label = QLabel(title, self)
        self.label.setObjectName("sectionLabel")
        self.model: RowTableModel[DueItem] = RowTableModel(due_columns(lambda: self.today), self)
        self.table = row_table(title, self.model, self, stretch=4)
        self.table.doubleClicked.connect(lambda index: self.activated.emit(index.data(ROW_ROLE)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table)

    def set_items(self, items: list[DueItem], today: date) -> None:
        """Show the duties as of today."""
        self.today = today
        self.model.set_rows(items)
        overdue = sum(1 for i in items if i.due < today)
        self.label.setText(f"{self.title} ({len(items)}, {overdue} overdue), soonest and most overdue first · Ctrl+D marks done")

    def selected(self) -> DueItem | None:
        """The selected duty, if any."""
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None


class _SaveDialog(QDialog):
    """A small form with Save (Ctrl+Enter) and Cancel (Esc), and a line for what is wrong."""

    def __init__(self, title: str, heading: str, parent: QWidget) -> None:
        """The dialog's frame; subclasses add rows to self.form and implement save()."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("dialogMessage")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(self)
        save = buttons.addButton("Save   Ctrl+Enter", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setAutoDefault(False)
        cancel = buttons.addButton("Cancel   Esc", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        action = QAction("Save", self)
        action.setShortcuts([QKeySequence(k) for k in SAVE_KEYS])
        action.triggered.connect(lambda _checked=False: self.save())
        self.addAction(action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def fail(self, text: str) -> None:
        """Say what is wrong, in the window."""
        self.error.setText(text)
        self.error.show()

    def save(self) -> None:
        """Write what the form holds."""
        raise NotImplementedError


class MarkDoneDialog(_SaveDialog):
    """Tick a duty done: what was done, and the minutes it took."""

    def __init__(self, diary: Diary, item: DueItem, now: datetime, parent: QWidget) -> None:
        """A form for the duty."""
        super().__init__(f"Mark done: {item.title}", f"{item.who}: {item.title}", parent)
        self.setObjectName("markDoneDialog")
        self.diary, self.item, self.now = diary, item, now
        why = QLabel(f"{item.why}\nDue {fmt.day(item.due)} ({due_phrase(item.due, now.date()).lower()}).", self)
        why.setWordWrap(True)
        self.done_note = QPlainTextEdit(self)
        self.done_note.setObjectName("doneNote")
        self.done_note.setAccessibleName("What was done")
        self.done_note.setTabChangesFocus(True)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.form.addRow(why)
        self.form.addRow("What was &done", self.done_note)
        self.form.addRow("&Time spent", self.minutes)
        self.resize(560, 360)
        self.done_note.setFocus()

    def save(self) -> None:
        """Tick the duty, or say what is missing."""
        try:
            mark_done(self.diary.db, self.item, self.now, self.done_note.toPlainText(), self.minutes.value() or None)
        except DueError as exc:
            self.fail(str(exc))
            return
        self.accept()


class TaskDialog(_SaveDialog):
    """A new action on a condition or requirement, a MAPPA action, or a reminder (on a person or none)."""

    def __init__(self, diary: Diary, person_id: int | None, person_name: str | None, today: date, parent: QWidget) -> None:
        """A form for a task about the person (or for no one)."""
        super().__init__("New task or reminder", f"New task: {person_name or 'for you (no one in particular)'}", parent)
        self.setObjectName("taskDialog")
        self.diary, self.person_id = diary, person_id
        self.target = QComboBox(self)
        self.target.setAccessibleName("What it is for")
        for kind, source, label in action_targets(diary.db, person_id) if person_id is not None else []:
            self.target.addItem(label, (kind, source))
        if self.target.count() == 0:
            self.target.addItem("A reminder", (DueKind.REMINDER, None))
        self.title = QLineEdit(self)
        self.title.setAccessibleName("What needs doing")
        self.title.setPlaceholderText("e.g. Refer to the drug service")
        self.why = QLineEdit(self)
        self.why.setAccessibleName("Why")
        self.due = QDateEdit(QDate(today.year, today.month, today.day).addDays(7), self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("ddd d MMM yyyy")
        self.form.addRow("&For", self.target)
        self.form.addRow("&What", self.title)
        self.form.addRow("W&hy", self.why)
        self.form.addRow("D&ue", self.due)
        self.resize(560, 260)
        self.title.setFocus()

    def save(self) -> None:
        """Put the task on the list, or say what is missing."""
        kind, source = self.target.currentData()
        try:
            add_task(self.diary.db, kind, self.title.text(), self.due.date().toPython(), self.person_id,
                     self.why.text(), source)
        except DueError as exc:
            self.fail(str(exc))
            return
        self.accept()


class SignificantEventDialog(ContactNoteDialog):
    """A contact note of a significant-event kind (arrest, change of address, ...) that asks 'Review risk now?'."""

    def __init__(self, diary: Diary, person_id: int, person_name: str, now: datetime, parent: QWidget) -> None:
        """The contact-note window, offering only significant events, with the review question ticked."""
        super().__init__(diary, person_id, person_name, now, None, parent)
        self.setObjectName("significantEventDialog")
        self.setWindowTitle(f"Significant event: {person_name}")
        self.today = now.date()
        self.kind.clear()
        for kind in ContactNoteKind:
            if kind.is_significant_event:
                self.kind.addItem(kind.label, kind.value)
        self.review = QCheckBox("Review risk &now? (puts a risk review on What's due for today)", self)
        self.review.setObjectName("reviewRiskNow")
        self.review.setChecked(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.message), self.review)

    def saved(self) -> None:
        """After the note is written: put the review on the list if asked, then close."""
        if self.saved_id is not None and self.review.isChecked():
            request_risk_review(self.diary.db, self.saved_id, self.today)
        super().saved()
