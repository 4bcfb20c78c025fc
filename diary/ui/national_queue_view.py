"""The national record queue view: copy a contact in a plain layout, paste it nationally, tick it, move on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from diary.domain.text import plural
from diary.services import national_queue as nq
from diary.services.diary_file import Diary
from diary.ui import formatting as fmt
from diary.ui.clipboard import secret_clipboard
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel, row_table

QUEUE_COLUMNS: list[Column[nq.QueueItem]] = [
    Column("When", lambda i: fmt.day_time(i.at), lambda i: i.at.isoformat()),
    Column("Person", lambda i: i.person_name),
    Column("CRN", lambda i: i.crn),
    Column("What", lambda i: "Session" if i.source == nq.SESSION else "Note"),
    Column("Contact type", lambda i: i.contact_type),
    Column("Outcome", lambda i: i.outcome or ""),
    Column("Sensitive", lambda i: "Sensitive" if i.sensitive else ""),
    Column("Notes", lambda i: i.text.replace("\n", " ")),
]


class NationalQueueView(QWidget):
    """Contacts still to enter nationally, oldest first; Ctrl+Shift+C copies, Ctrl+Shift+E ticks and moves on."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty queue over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.model: RowTableModel[nq.QueueItem] = RowTableModel(QUEUE_COLUMNS, self)
        self.table = row_table("National record queue", self.model, self, stretch=7)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("nationalPreview")
        self.preview.setAccessibleName("What will be copied")
        self.preview.setReadOnly(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.hint = QLabel(
            "Ctrl+Shift+C copies the selected contact (cleared from the clipboard after 30 seconds); paste it into "
            "the national record, then Ctrl+Shift+E ticks it and moves to the next.",
            self,
        )
        self.hint.setWordWrap(True)
        self.clear_timer = secret_clipboard().timer
        self.table.setWordWrap(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        """Read the queue again, keeping the selection on the same contact where it is still waiting."""
        current = self.selected()
        items = nq.national_queue(self.diary.db, self.clock())
        self.model.set_rows(items)
        self.heading.setText(f"National record: {plural(len(items), 'contact')} to enter, oldest first")
        keys = [i.key for i in items]
        self._select(keys.index(current.key) if current is not None and current.key in keys else 0)

    def _select(self, row: int) -> None:
        """Select a row (clamped to the table) and show what would be copied."""
        if not self.model.rows:
            self.preview.setPlainText("Nothing waiting: every contact has been entered in the national record.")
            return
        row = max(0, min(row, len(self.model.rows) - 1))
        self.table.selectRow(row)
        self.preview.setPlainText(nq.plain_copy(self.model.rows[row]))

    def _show_current(self) -> None:
        """Show what the selected contact will look like when copied."""
        item = self.selected()
        if item is not None:
            self.preview.setPlainText(nq.plain_copy(item))

    def selected(self) -> nq.QueueItem | None:
        """The selected contact, if any."""
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def copy_selected(self) -> None:
        """Put the selected contact on the clipboard in the plain layout, marked secret for clipboard managers."""
        item = self.selected()
        if item is None:
            self.message.emit("Nothing to copy: the national record queue is empty.")
            return
        text = nq.plain_copy(item)
        secret_clipboard().copy(text)
        self.preview.setPlainText(text)
        self.message.emit(f"Copied {item.contact_type.lower()} on {fmt.day_time(item.at)} for {item.person_name}. "
                          "Paste it into the national record, then press Ctrl+Shift+E.")

    def mark_selected_entered(self) -> None:
        """Tick the selected contact as entered nationally and move to the next one."""
        item = self.selected()
        if item is None:
            self.message.emit("Nothing to tick: the national record queue is empty.")
            return
        row = self.table.currentIndex().row()
        nq.mark_entered(self.diary.db, item, self.clock())
        self.model.set_rows([i for i in self.model.rows if i.key != item.key])
        self.heading.setText(f"National record: {plural(len(self.model.rows), 'contact')} to enter, oldest first")
        self._select(row)
        self.message.emit(f"Ticked as entered nationally: {item.person_name}, {fmt.day_time(item.at)}.")
        self.changed.emit()

    def selected_person(self) -> int | None:
        """Contacts, not people, are picked here."""
        return None

    def selected_appointment(self) -> int | None:
        """No appointments are listed here."""
        return None

    def focus_target(self) -> QWidget:
        """The queue."""
        return self.table
