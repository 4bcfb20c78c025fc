"""The fields of the Record session window: the outcome list that answers single letters, and dates, kinds and minutes."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QElapsedTimer, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QDateTimeEdit, QLabel, QSpinBox, QWidget

from diary.domain.vocab import AppointmentKind, Outcome, outcome_letters

DATE_TIME_FORMAT = "ddd d MMM yyyy   HH:mm"


def match_outcome(typed: str) -> Outcome | None:
    """The outcome meant by what was typed: a single letter for a common one, else its code or words."""
    text = typed.strip().lower()
    if not text:
        return None
    letters = outcome_letters()
    if len(text) == 1 and text in letters:
        return letters[text]
    for test in (
        lambda o: o.value.lower().startswith(text),
        lambda o: any(word.startswith(text) for word in o.label.lower().replace(",", " ").replace(":", " ").split()),
        lambda o: text in o.label.lower(),
    ):
        found = next((o for o in Outcome if test(o)), None)
        if found is not None:
            return found
    return None


class OutcomeBox(QComboBox):
    """The outcome list: one letter picks a common outcome, or type part of any outcome's name or code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Every outcome in the national vocabulary, with 'choose an outcome' first."""
        super().__init__(parent)
        self.setObjectName("outcomeBox")
        self.setAccessibleName("Outcome")
        self.addItem("Choose an outcome: type a letter or a word", None)
        for outcome in Outcome:
            key = f"{outcome.letter.upper()}  " if outcome.letter else "    "
            code = "" if outcome is Outcome.RESCHEDULED else f"  ·  {outcome.value}"
            self.addItem(f"{key}{outcome.label}{code}", outcome.value)
        self.setMaxVisibleItems(len(Outcome) + 1)
        self._typed = ""
        self._since = QElapsedTimer()

    def outcome(self) -> Outcome | None:
        """The chosen outcome, if any."""
        value = self.currentData()
        return Outcome(value) if value else None

    def set_outcome(self, outcome: str | None) -> None:
        """Show an outcome (None for none chosen)."""
        self.setCurrentIndex(max(0, self.findData(outcome)) if outcome else 0)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        """Leaving the list ends the typing: the next letter starts afresh."""
        self._typed = ""
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Letters pick an outcome: the first by its one-letter key, more of them by name or code."""
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if not plain or not text or not text.isprintable() or text.isspace():
            super().keyPressEvent(event)
            return
        continuing = self._since.isValid() and self._since.elapsed() < QApplication.keyboardInputInterval()
        self._typed = self._typed + text if continuing else text
        self._since.restart()
        found = match_outcome(self._typed)
        if found is not None:
            self.set_outcome(found.value)
        event.accept()


def qt_datetime(value: datetime) -> QDateTime:
    """A Python datetime as a QDateTime."""
    return QDateTime(QDate(value.year, value.month, value.day), value.time())


def kind_box(current: str, parent: QWidget) -> QComboBox:
    """A list of appointment kinds with one chosen."""
    box = QComboBox(parent)
    for kind in AppointmentKind:
        box.addItem(kind.label, kind.value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def date_edit(value: date, parent: QWidget) -> QDateEdit:
    """A date field with a calendar."""
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setCalendarPopup(True)
    return edit


def datetime_edit(value: datetime, parent: QWidget) -> QDateTimeEdit:
    """A date-and-time field with a calendar."""
    edit = QDateTimeEdit(qt_datetime(value), parent)
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def minutes_box(value: int, parent: QWidget) -> QSpinBox:
    """Minutes, in fives."""
    box = QSpinBox(parent)
    box.setRange(1, 24 * 60)
    box.setSingleStep(5)
    box.setSuffix(" min")
    box.setValue(value)
    return box


def section(text: str, parent: QWidget) -> QLabel:
    """A section heading."""
    label = QLabel(text, parent)
    label.setObjectName("sectionLabel")
    return label
