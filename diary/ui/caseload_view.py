"""The caseload: everyone the officer supervises, sortable, with the dates that matter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from diary.services.caseload import CaseloadRow, caseload_rows
from diary.services.diary_file import Diary
from diary.ui import formatting as fmt
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel

RISK_ORDER = {"low": 1, "medium": 2, "high": 3, "very_high": 4}

def _key_date_note(row: CaseloadRow) -> str:
    """' (release)' or ' (licence expiry)' after the date when it is not an order's end."""
    label = row.key_date_label
    return "" if label == "Order end" else f" ({label.lower()})"


CASELOAD_COLUMNS: list[Column[CaseloadRow]] = [
    Column("Name", lambda r: r.sort_name, lambda r: r.sort_name.lower()),
    Column("CRN", lambda r: r.crn),
    Column("Risk", lambda r: fmt.risk(r.risk_level), lambda r: RISK_ORDER.get(r.risk_level or "", 0)),
    Column("Order", lambda r: "In custody" if r.in_custody else fmt.order_type(r.order_type) + (" (closed)" if r.closed else "")),
    Column(
        "Order end / release",
        lambda r: f"{fmt.day(r.key_date)}{_key_date_note(r) if r.key_date else ''}",
        lambda r: fmt.sortable(r.key_date),
    ),
    Column("Next appointment", lambda r: fmt.day_time(r.next_appointment), lambda r: fmt.sortable(r.next_appointment)),
    Column("Last contact", lambda r: fmt.day_time(r.last_contact), lambda r: fmt.sortable(r.last_contact)),
    Column(
        "Compliance",
        lambda r: fmt.compliance(r.compliance),
        lambda r: -r.compliance.kind.gravity if r.compliance else 0,
        tooltip=lambda r: fmt.compliance(r.compliance),
    ),
]


class CaseloadView(QWidget):
    """A sortable table of the caseload; Enter or double-click opens a person."""

    person_activated = Signal(int)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty caseload table over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.include_closed = False
        """Whether people whose cases have closed are listed too (View > Show closed cases)."""
        self.model: RowTableModel[CaseloadRow] = RowTableModel(CASELOAD_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("caseloadTable")
        self.table.setAccessibleName("Caseload")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.activate_selected())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def reload(self) -> None:
        """Read the caseload again."""
        self.set_rows(caseload_rows(self.diary.db, self.clock().date(), include_closed=self.include_closed))

    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        """Show these people, keeping the current sort."""
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def selected_person(self) -> int | None:
        """The selected person's id, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: CaseloadRow = self.model.data(index, ROW_ROLE)
        return row.person_id

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
