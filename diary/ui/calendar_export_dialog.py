"""File > Export calendar: the bookings and commitments of a date range as an .ics file for Outlook."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from diary.services.calendar_export import default_range


class CalendarExportDialog(QDialog):
    """Choose the range and whether to leave personal details out."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        """Start with today to twelve weeks ahead, personal details left out."""
        super().__init__(parent)
        self.setWindowTitle("Export calendar")
        self.setAccessibleName("Export calendar")
        first, last = default_range(today)
        self.first = self._date_edit(first, "From")
        self.last = self._date_edit(last, "To")
        self.private = QCheckBox("&Leave personal details out (initials and CRN only)", self)
        self.private.setChecked(True)
        self.private.setAccessibleName("Leave personal details out")
        note = QLabel("For a calendar kept outside the diary (Outlook, a phone), leave personal details out.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept_if_ordered)
        buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        layout = QFormLayout(self)
        layout.addRow("&From", self.first)
        layout.addRow("&To", self.last)
        layout.addRow(self.private)
        layout.addRow(note)
        layout.addRow(self.error)
        layout.addRow(buttons)

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        """A day-first date box with a calendar pop-up."""
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        return edit

    def range(self) -> tuple[date, date]:
        """The first and last day chosen (both included)."""
        return self.first.date().toPython(), self.last.date().toPython()

    def _accept_if_ordered(self) -> None:
        """Close only when the range runs forwards; otherwise say why."""
        first, last = self.range()
        if last < first:
            self.error.setText("The 'To' day is before the 'From' day.")
            return
        self.accept()
