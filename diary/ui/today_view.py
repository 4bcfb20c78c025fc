"""The Today panel: who is reporting today, outcomes still to record, and who has not been seen within frequency."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from diary.domain.scheduling import Overdue
from diary.domain.text import long_date, plural
from diary.services.caseload import AppointmentRow, outcomes_to_record, todays_appointments
from diary.services.diary_file import Diary
from diary.services.schedule import overdue_list
from diary.ui import formatting as fmt
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel, row_table

if TYPE_CHECKING:
    from diary.ui.whats_due_view import DuePanel

TODAY_COLUMNS: list[Column[AppointmentRow]] = [
    Column("Time", lambda r: f"{fmt.clock(r.start)}–{fmt.clock(r.start + timedelta(minutes=r.minutes))}"),
    Column("Person", lambda r: r.listed_name),
    Column("CRN", lambda r: r.crn),
    Column("Risk", lambda r: fmt.risk(r.risk_level)),
    Column("Kind", lambda r: fmt.kind(r.kind)),
    Column("Where", lambda r: r.location or ""),
]

TO_RECORD_COLUMNS: list[Column[AppointmentRow]] = [
    Column("When", lambda r: fmt.day_time(r.start)),
    Column("Person", lambda r: r.listed_name),
    Column("CRN", lambda r: r.crn),
    Column("Kind", lambda r: fmt.kind(r.kind)),
]

OVERDUE_COLUMNS: list[Column[Overdue]] = [
    Column("Person", lambda o: o.row.name),
    Column("CRN", lambda o: o.row.crn),
    Column("Why", lambda o: "; ".join(o.reasons)),
    Column("Due", lambda o: fmt.day(o.due)),
]


class TodayView(QWidget):
    """Today's appointments and the outcomes still to record, oldest first."""

    appointment_activated = Signal(int)
    person_activated = Signal(int)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty Today panel over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.heading = QLabel(self)
        self.heading.setObjectName("todayHeading")
        self.now = datetime.now()
        state = Column[AppointmentRow]("State", lambda r: fmt.appointment_state(r.outcome, r.state(self.now)))
        self.today_model: RowTableModel[AppointmentRow] = RowTableModel([*TODAY_COLUMNS, state], self)
        self.to_record_model: RowTableModel[AppointmentRow] = RowTableModel(TO_RECORD_COLUMNS, self)
        self.today_table = row_table("Today's appointments", self.today_model, self, stretch=1)
        self.to_record_table = row_table("Outcomes to record", self.to_record_model, self, stretch=1)
        self.to_record_label = QLabel(self)
        self.to_record_label.setObjectName("sectionLabel")
        self.due_panel: DuePanel | None = None
        self.national_label = QLabel(self)
        self.national_label.setObjectName("nationalWaiting")
        self.overdue_model: RowTableModel[Overdue] = RowTableModel(OVERDUE_COLUMNS, self)
        self.overdue_table = row_table("Not seen within frequency", self.overdue_model, self, stretch=2)
        self.overdue_table.doubleClicked.connect(lambda index: self.person_activated.emit(index.data(ROW_ROLE).row.person_id))
        self.overdue_label = QLabel(self)
        self.overdue_label.setObjectName("sectionLabel")
        today_label = QLabel("Today's appointments", self)
        today_label.setObjectName("sectionLabel")
        for table in (self.today_table, self.to_record_table):
            table.doubleClicked.connect(lambda index, t=table: self._activate(t, index))
        left = QVBoxLayout()
        left.addWidget(today_label)
        left.addWidget(self.today_table)
        right = QVBoxLayout()
        right.addWidget(self.to_record_label)
        right.addWidget(self.to_record_table)
        right.addWidget(self.overdue_label)
        right.addWidget(self.overdue_table)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.national_label)
        layout.addLayout(columns, 3)

    def reload(self) -> None:
        """Read today's appointments, the outcomes to record and who is overdue."""
        now = self.clock()
        self.set_data(now, todays_appointments(self.diary.db, now.date()), outcomes_to_record(self.diary.db, now))
        self.set_overdue(overdue_list(self.diary.db, now))

    def set_data(self, now: datetime, today: Sequence[AppointmentRow], to_record: Sequence[AppointmentRow]) -> None:
        """Show a day's appointments and every outcome still to record, as of now."""
        self.now = now
        day = now.date()
        self.heading.setText(f"{day:%A} {long_date(day)}: {plural(len(today), 'appointment')}")
        self.today_model.set_rows(today)
        self.to_record_model.set_rows(to_record)
        self.to_record_label.setText(f"Outcomes to record ({len(to_record)}), oldest first")

    def add_due_panel(self, panel: DuePanel) -> None:
        """Put the What's due panel under the day's tables."""
        self.due_panel = panel
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(panel, 2)

    def set_overdue(self, overdue: Sequence[Overdue]) -> None:
        """Show everyone not seen within their reporting frequency or with nothing booked, worst first."""
        self.overdue_model.set_rows(overdue)
        self.overdue_label.setText(f"Not seen within frequency or nothing booked ({len(overdue)}), worst first")

    def set_national_waiting(self, count: int) -> None:
        """Show how many contacts wait to be entered in the national record."""
        waiting = f"{plural(count, 'contact')} waiting" if count else "nothing waiting"
        self.national_label.setText(f"National record: {waiting} (Ctrl+6 to enter them)")

    def _activate(self, table: QTableView, index: QModelIndex) -> None:
        """Emit the activated appointment's id."""
        row: AppointmentRow = table.model().data(index, ROW_ROLE)
        self.appointment_activated.emit(row.appointment_id)

    def selected_person(self) -> int | None:
        """The person of the selected appointment (or duty) in whichever table has focus."""
        if self.due_panel is not None and self.due_panel.table.hasFocus():
            item = self.due_panel.selected()
            return item.person_id if item is not None else None
        for table in (self.today_table, self.to_record_table):
            if table.hasFocus() and table.currentIndex().isValid():
                row: AppointmentRow = table.model().data(table.currentIndex(), ROW_ROLE)
                return row.person_id
        if self.overdue_table.hasFocus() and self.overdue_table.currentIndex().isValid():
            overdue: Overdue = self.overdue_model.data(self.overdue_table.currentIndex(), ROW_ROLE)
            return overdue.row.person_id
        return None

    def selected_appointment(self) -> int | None:
        """The appointment selected in whichever of the two appointment tables has focus."""
        for table in (self.today_table, self.to_record_table):
            if table.hasFocus() and table.currentIndex().isValid():
                row: AppointmentRow = table.model().data(table.currentIndex(), ROW_ROLE)
                return row.appointment_id
        return None

    def focus_target(self) -> QWidget:
        """Today's appointments."""
        return self.today_table
