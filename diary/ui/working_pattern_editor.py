"""Editing the officer's working week: days, hours and lunch break (first run and Preferences)."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from diary.domain.scheduling import WorkingPattern

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?$")


def parse_clock(text: str) -> time:
    """A time of day as officers type it: '8', '830', '0830', '8:30', '08.30'; ValueError otherwise."""
    match = _CLOCK.match(text.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(f"'{text.strip()}' is not a time of day: write it like 08:30.")


class TimeField(QLineEdit):
    """A time of day typed freely (see parse_clock), shown as HH:MM."""

    def __init__(self, parent: QWidget, name: str) -> None:
        """An empty field with an accessible name."""
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setObjectName(name.replace(" ", "_").lower())
        self.setMaxLength(5)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:000") + 24)
        self.editingFinished.connect(self._tidy)

    def set_time(self, value: time) -> None:
        """Show a time."""
        self.setText(f"{value:%H:%M}")

    def time(self) -> time:
        """The time typed (ValueError, in plain words, if it is not one)."""
        return parse_clock(self.text())

    def _tidy(self) -> None:
        """Show what was typed as HH:MM once the officer leaves the field."""
        try:
            self.set_time(self.time())
        except ValueError:
            pass


class WorkingPatternEditor(QWidget):
    """Day boxes, start and end of the day, and an optional lunch break; pattern() reads them back."""

    changed = Signal()

    def __init__(self, pattern: WorkingPattern, parent: QWidget | None = None) -> None:
        """The fields, filled from pattern."""
        super().__init__(parent)
        self.days = [QCheckBox(name[:3], self) for name in DAYS]
        day_row = QHBoxLayout()
        day_row.setSpacing(10)
        for name, box in zip(DAYS, self.days, strict=True):
            box.setAccessibleName(name)
            box.setObjectName(f"day_{name.lower()}")
            box.toggled.connect(lambda _on: self.changed.emit())
            day_row.addWidget(box)
        day_row.addStretch(1)
        self.start = TimeField(self, "Day starts")
        self.end = TimeField(self, "Day ends")
        self.lunch = QCheckBox("&Lunch break", self)
        self.lunch.setAccessibleName("Lunch break")
        self.lunch_start = TimeField(self, "Lunch starts")
        self.lunch_end = TimeField(self, "Lunch ends")
        self.lunch.toggled.connect(self._lunch_toggled)
        for edit in (self.start, self.end, self.lunch_start, self.lunch_end):
            edit.textChanged.connect(lambda _text: self.changed.emit())
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        days_label = QLabel("Working &days:", self)
        days_label.setBuddy(self.days[0])
        form.addRow(days_label, day_row)
        hours_label = QLabel("&Hours:", self)
        hours_label.setBuddy(self.start)
        form.addRow(hours_label, self._span(self.start, self.end))
        form.addRow(self.lunch, self._span(self.lunch_start, self.lunch_end))
        self.set_pattern(pattern)

    def _span(self, first: TimeField, last: TimeField) -> QHBoxLayout:
        """'[first] to [last]' on one line."""
        row = QHBoxLayout()
        row.addWidget(first)
        row.addWidget(QLabel("to", self))
        row.addWidget(last)
        row.addStretch(1)
        return row

    def _lunch_toggled(self, on: bool) -> None:
        """Lunch times only when there is a lunch break."""
        self.lunch_start.setEnabled(on)
        self.lunch_end.setEnabled(on)
        self.changed.emit()

    def set_pattern(self, pattern: WorkingPattern) -> None:
        """Show a working pattern."""
        for day, box in enumerate(self.days):
            box.setChecked(day in pattern.weekdays)
        self.start.set_time(pattern.start)
        self.end.set_time(pattern.end)
        has_lunch = pattern.lunch_start is not None and pattern.lunch_end is not None
        self.lunch.setChecked(has_lunch)
        self._lunch_toggled(has_lunch)
        self.lunch_start.set_time(pattern.lunch_start or time(13, 0))
        self.lunch_end.set_time(pattern.lunch_end or time(14, 0))

    def pattern(self) -> WorkingPattern:
        """The pattern as shown; ValueError, in plain words, when it cannot be one."""
        weekdays = frozenset(day for day, box in enumerate(self.days) if box.isChecked())
        if not weekdays:
            raise ValueError("Tick at least one working day.")
        start, end = self.start.time(), self.end.time()
        if self.lunch.isChecked():
            lunch_start, lunch_end = self.lunch_start.time(), self.lunch_end.time()
            if not (start <= lunch_start and lunch_end <= end):
                raise ValueError("The lunch break must fall within the working day.")
            return WorkingPattern(weekdays, start, end, lunch_start, lunch_end)
        return WorkingPattern(weekdays, start, end, None, None)
