"""Find a person from anywhere: a search box whose results answer the usual questions without another click."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from diary.domain.search import SearchIndex
from diary.domain.text import plural
from diary.services import documents
from diary.services.diary_file import Diary
from diary.services.search import SearchFacts, SearchRow, build_search_index, search_people
from diary.ui import formatting as fmt
from diary.ui.table_model import ROLES, ROW_ROLE, Column, Index, RowTableModel

THUMB = 36
DEBOUNCE_MS = 0
"""Search once the keys already typed are in (a 0 ms timer runs after the events waiting): a search takes less
than a frame even in a career's diary, so waiting longer would only delay the results."""
RESULTS = 30
HINT = "Type a name (even misspelt), an alias, a CRN or part of one, or a date of birth such as 19/07/1994."
PHOTO_ROLES = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.AccessibleTextRole)
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
ANSWERED = ROLES | {Qt.ItemDataRole.DecorationRole}
"""The roles the results answer; a view asks for a dozen more on every cell it paints."""


def _name(row: SearchRow) -> str:
    """The name, with the aliases it is also known by."""
    return row.name + (f"  (also {', '.join(row.aliases)})" if row.aliases else "")


SEARCH_COLUMNS: list[Column[SearchRow]] = [
    Column("Photo", lambda r: ""),
    Column("Name", _name, tooltip=lambda r: f"Matched on {r.matched} (score {r.score:g})"),
    Column("CRN", lambda r: r.crn),
    Column("Born", lambda r: fmt.day(r.date_of_birth)),
    Column("Risk", lambda r: fmt.risk(r.facts.risk_level)),
    Column("Order / licence", lambda r: "In custody" if r.facts.in_custody else fmt.order_type(r.facts.order_type)),
    Column("Release / order end", lambda r: f"{r.facts.key_date_label} {fmt.day(r.facts.key_date)}" if r.facts.key_date else "—"),
    Column("Next appointment", lambda r: fmt.day_time(r.facts.next_appointment)),
    Column("Last contact", lambda r: fmt.day_time(r.facts.last_contact)),
    Column("Compliance", lambda r: fmt.compliance(r.compliance), tooltip=lambda r: fmt.compliance(r.compliance)),
]


class SearchModel(RowTableModel[SearchRow]):
    """Search results, with each person's photo (or initials) in the first column."""

    def __init__(self, thumbnail: Callable[[SearchRow], QPixmap], parent: QObject | None = None) -> None:
        """Results shown through SEARCH_COLUMNS; thumbnail draws the first column."""
        super().__init__(SEARCH_COLUMNS, parent)
        self.thumbnail = thumbnail
        self.texts: list[list[str]] = []

    def set_rows(self, rows: Sequence[SearchRow]) -> None:
        """Replace the results, each cell's text worked out once (a view asks for it many times per paint)."""
        self.texts = [[column.text(row) for column in self.columns] for row in rows]
        super().set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The photo as the first column's decoration; the columns' text otherwise."""
        if role not in ANSWERED:
            return None
        if role in PHOTO_ROLES and index.isValid() and index.column() == 0:
            if role == Qt.ItemDataRole.DecorationRole:
                return self.thumbnail(self.rows[index.row()])
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "Photo" if self.rows[index.row()].has_photo else "No photo"
        if role in TEXT_ROLES and index.isValid():
            return self.texts[index.row()][index.column()]
        return super().data(index, role)

    def widest(self, column: int, metrics: QFontMetrics) -> int:
        """The width of a column's widest text."""
        return max((metrics.horizontalAdvance(texts[column]) for texts in self.texts), default=0)


class SearchView(QWidget):
    """The search box and its results; Enter (or a double-click) opens the chosen person."""

    person_activated = Signal(int)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty search over the diary; clock gives the day results are counted on."""
        super().__init__(parent)
        self.diary = diary
        self.today: Callable[[], date] = lambda: clock().date()
        self.index: SearchIndex | None = None
        self.facts = SearchFacts(diary.db)
        self._thumbs: dict[tuple[int, bool], QPixmap] = {}
        self.fit_padding: int | None = None
        """Room a cell needs beside its text, as the view's own fitting left it."""
        self.heading = QLabel("Find a person", self)
        self.heading.setObjectName("pageHeading")
        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName("Find a person")
        self.box.setPlaceholderText("Name, alias, CRN or date of birth…")
        self.box.setClearButtonEnabled(True)
        self.status = QLabel(HINT, self)
        self.status.setObjectName("searchStatus")
        self.model = SearchModel(self.thumbnail, self)
        self.table = QTableView(self)
        self.table.setObjectName("searchResults")
        self.table.setAccessibleName("Search results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.activate_selected())
        self.table.installEventFilter(self)
        self.box.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def reload(self) -> None:
        """The diary changed: rebuild the index and forget the thumbnails before the next search."""
        self.index = None
        self.facts.clear()
        self._thumbs.clear()
        if self.box.text().strip():
            self.timer.start()

    def start(self, text: str | None = None) -> None:
        """Focus the box, either selecting what is there or starting over with text."""
        if text is None:
            self.box.selectAll()
        else:
            self.box.setText(text)
        self.box.setFocus()

    def current_index(self) -> SearchIndex:
        """The search index, built from the diary (with everyone's row facts read) if it changed since the last search."""
        if self.index is None:
            self.index = build_search_index(self.diary.db)
            self.facts.for_people([], self.today())
        return self.index

    def search(self) -> None:
        """Show the people matching the box, best first, the best selected."""
        self.timer.stop()
        text = self.box.text()
        rows = search_people(self.diary.db, self.current_index(), text, RESULTS, self.today(), self.facts) if text.strip() else []
        self.model.set_rows(rows)
        if rows:
            self.fit_columns()
            self.table.selectRow(0)
            self.status.setText(f"{plural(len(rows), 'person', 'people')} found, best match first. Enter opens the selected person.")
        else:
            self.status.setText(f"No one in the diary matches “{text.strip()}”." if text.strip() else HINT)
        if not text.strip():
            self.fit_padding = None

    def fit_columns(self) -> None:
        """Widen the columns to their contents when a result's text no longer fits (they do not narrow until the
        box is cleared: measuring every cell on every keystroke costs more than a frame, and columns that keep
        still are easier to read while typing)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        columns = range(1, self.model.columnCount())
        widest = {c: self.model.widest(c, metrics) for c in columns}
        if self.fit_padding is None or any(widest[c] + self.fit_padding > header.sectionSize(c) for c in columns):
            before = [header.sectionSize(c) for c in range(self.model.columnCount())] if self.fit_padding else None
            self.table.resizeColumnsToContents()
            self.fit_padding = min(header.sectionSize(c) - widest[c] for c in columns)
            for column, size in enumerate(before or ()):
                header.resizeSection(column, max(size, header.sectionSize(column)))

    def selected_person(self) -> int | None:
        """The selected result's person id, if any."""
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE).person_id if index.isValid() else None

    def selected_appointment(self) -> int | None:
        """People, not appointments, are found here."""
        return None

    def focus_target(self) -> QWidget:
        """The search box."""
        return self.box

    def activate_selected(self) -> None:
        """Open the selected person (after any search still waiting to run)."""
        if self.timer.isActive():
            self.search()
        person_id = self.selected_person()
        if person_id is not None:
            self.person_activated.emit(person_id)

    def thumbnail(self, row: SearchRow) -> QPixmap:
        """The person's photo, small, or their initials on a grey square."""
        cached = self._thumbs.get((row.person_id, row.has_photo))
        if cached is None:
            data = documents.photo_bytes(self.diary, row.person_id) if row.has_photo else None
            cached = QPixmap()
            if data and cached.loadFromData(data):
                cached = cached.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            else:
                cached = _initials(row.name)
            self._thumbs[(row.person_id, row.has_photo)] = cached
        return cached

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the box, Up/Down move through the results and Enter opens; in the results, Enter opens."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_selected()
            return True
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            if self.timer.isActive():
                self.search()
            self.table.keyPressEvent(event)
            return True
        return False


def _initials(name: str) -> QPixmap:
    """A grey square with the person's initials, for someone with no photo."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(QColor("#e3e7ee"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#4b5563"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "".join(w[0] for w in name.split()[:2]).upper())
    painter.end()
    return pixmap


class TypeToSearch(QObject):
    """Typing a letter or digit in a list starts a search with it."""

    def __init__(self, start: Callable[[str], None], parent: QObject) -> None:
        """Call start(text) when a printable key is typed in a watched widget."""
        super().__init__(parent)
        self.start = start

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Hand printable keys (no Ctrl or Alt) to the search."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if plain and text and text.isalnum():
                self.start(text)
                return True
        return False
