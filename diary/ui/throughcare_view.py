"""Throughcare: everyone in custody, soonest release first, with the weeks to go."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from diary.domain.text import plural
from diary.services.caseload import CustodyRow, throughcare_rows
from diary.services.diary_file import Diary
from diary.ui import formatting as fmt
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel

THROUGHCARE_COLUMNS: list[Column[CustodyRow]] = [
    Column("Release", lambda r: fmt.day(r.release_date)),
    Column("Weeks to go", lambda r: "this week" if r.weeks_to_release == 0 else plural(r.weeks_to_release, "week")),
    Column("Name", lambda r: r.name),
    Column("CRN", lambda r: r.crn),
    Column("Risk", lambda r: fmt.risk(r.risk_level)),
    Column("Prison", lambda r: r.prison or "—"),
]


class ThroughcareView(QWidget):
    """The custody list; Enter or double-click opens the person."""

    person_activated = Signal(int)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty list over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.model: RowTableModel[CustodyRow] = RowTableModel(THROUGHCARE_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("throughcareTable")
        self.table.setAccessibleName("Throughcare")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.activate_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)

    def reload(self) -> None:
        """Read who is in custody again."""
        self.set_rows(throughcare_rows(self.diary.db, self.clock().date()))

    def set_rows(self, rows: Sequence[CustodyRow]) -> None:
        """Show these people."""
        self.heading.setText(f"Throughcare: {plural(len(rows), 'person', 'people')} in custody")
        self.model.set_rows(rows)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def selected_person(self) -> int | None:
        """The selected person's id, if any."""
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE).person_id if index.isValid() else None

    def activate_selected(self) -> None:
        """Open the selected person."""
        person_id = self.selected_person()
        if person_id is not None:
            self.person_activated.emit(person_id)

    def selected_appointment(self) -> int | None:
        """No appointments are listed here."""
        return None

    def focus_target(self) -> QWidget:
        """The list."""
        return self.table
