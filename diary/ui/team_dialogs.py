"""The Team menu of a team diary: arranging cover (with handover notes) and the team's overview per officer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.services import team
from diary.services.diary_file import Diary
from diary.services.team_views import team_oversight

if TYPE_CHECKING:
    from diary.ui.shell import Shell

COVER_DAYS = 14
OVERVIEW_COLUMNS = ("Officer", "People", "Breach deadlines", "Outcomes to record", "Risk reviews overdue", "Not seen in time")


class CoverDialog(QDialog):
    """Team > Arrange cover: who covers your cases (all, or those ticked), from and to, and the handover notes."""

    def __init__(self, diary: Diary, today: date, parent: QWidget | None = None) -> None:
        """The form, with the covers already arranged listed above it."""
        super().__init__(parent)
        self.diary, self.today = diary, today
        self.setWindowTitle("Arrange cover")
        me = team.me(diary.db)
        self.names = {m.role: m.name for m in team.members(diary.db)}
        self.covering = QComboBox(self)
        self.covering.setAccessibleName("Covered by")
        for member in team.members(diary.db):
            if member.role != me and not member.senior:
                self.covering.addItem(member.name, member.role)
        self.starts = _date_edit(self, today, "First day")
        self.ends = _date_edit(self, today + timedelta(days=COVER_DAYS), "Last day")
        self.all_cases = QCheckBox("&All my cases", self)
        self.all_cases.setChecked(True)
        self.cases = QListWidget(self)
        self.cases.setAccessibleName("Cases covered")
        for person_id, name, crn in team.own_people(diary.db):
            item = QListWidgetItem(f"{name} ({crn})", self.cases)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.cases.setEnabled(False)
        self.all_cases.toggled.connect(lambda on: self.cases.setEnabled(not on))
        self.handover = QPlainTextEdit(self)
        self.handover.setAccessibleName("Handover notes")
        self.handover.setPlaceholderText("What the covering officer needs to know: live warnings, risks, what is due.")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.arranged = QLabel(self._arranged_text(), self)
        self.arranged.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Covered &by:", self.covering)
        form.addRow("&From:", self.starts)
        form.addRow("&To:", self.ends)
        form.addRow("", self.all_cases)
        form.addRow("&Cases:", self.cases)
        form.addRow("&Handover notes:", self.handover)
        layout = QVBoxLayout(self)
        layout.addWidget(self.arranged)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def chosen_people(self) -> list[int]:
        """The ticked cases (none when all are covered)."""
        if self.all_cases.isChecked():
            return []
        return [
            self.cases.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.cases.count())
            if self.cases.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        """Arrange the cover, or say why the server or the form refused it; the form keeps what was typed."""
        if self.covering.currentData() is None:
            self.message.setText("Covered by: there is nobody else in the team to cover.")
            return
        people = self.chosen_people()
        if not self.all_cases.isChecked() and not people:
            self.message.setText("Cases: tick the cases to cover, or choose all of them.")
            return
        try:
            team.arrange_cover(
                self.diary.db, self.covering.currentData(), self.starts.date().toPython(), self.ends.date().toPython(),
                handover=self.handover.toPlainText(), people=people,
            )
        except team.TeamError as exc:
            self.message.setText(str(exc))
            return
        self.arranged.setText(self._arranged_text())
        self.message.setText("Cover arranged: it opens your cases to them on its first day and closes after its last.")

    def _arranged_text(self) -> str:
        """The covers arranged so far, in words."""
        covers = team.covers(self.diary.db)
        if not covers:
            return "No cover arranged."
        return "\n".join(c.describe(self.names) + "." for c in covers)


class TeamOverviewDialog(QDialog):
    """Team > Overview: per officer, breach deadlines, outcomes to record, overdue risk reviews, people not seen."""

    def __init__(self, diary: Diary, today: date, parent: QWidget | None = None) -> None:
        """A table of the officers the reader may see."""
        super().__init__(parent)
        self.setWindowTitle("Team overview")
        rows = team_oversight(diary.db, today)
        self.table = QTableWidget(len(rows), len(OVERVIEW_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(OVERVIEW_COLUMNS)
        self.table.setAccessibleName("Team overview")
        for r, row in enumerate(rows):
            values = (row.name or "(no owner)", row.people, row.breach_deadlines, row.outcomes_to_record,
                      row.overdue_risk_reviews, row.not_seen_within_frequency)
            for c, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, cell)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"As on {team.day_label(today)}; the duty day across the team prints from Diary > Hand over a day.", self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 360)


class TeamFlow(QObject):
    """Wires the Team menu into the main window; in a local diary its actions are off (there is no team)."""

    def __init__(self, window: Shell) -> None:
        """Connect the Team actions."""
        super().__init__(window)
        self.window = window
        for key in ("arrange_cover", "team_overview"):
            window.actions.connect(key, getattr(self, key))
            window.actions[key].setEnabled(window.diary.team)

    def arrange_cover(self) -> None:
        """Open the cover form."""
        CoverDialog(self.window.diary, self.window.clock().date(), self.window).exec()
        self.window.refresh()

    def team_overview(self) -> None:
        """Open the team's overview."""
        TeamOverviewDialog(self.window.diary, self.window.clock().date(), self.window).exec()


def _date_edit(parent: QWidget, day: date, name: str) -> QDateEdit:
    """A date box with a calendar, named for screen readers."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit
