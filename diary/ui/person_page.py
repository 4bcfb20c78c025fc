"""A person's page: header with photo, key dates, orders, appointments, notes, contacts, documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diary.domain.vocab import ContactNoteKind, Outcome, RequirementType
from diary.services import documents
from diary.services.diary_file import Diary
from diary.services.person import AppointmentInfo, NoteInfo, PersonDetail, person_detail
from diary.ui import formatting as fmt
from diary.ui.compliance_view import ComplianceView
from diary.ui.table_model import ROW_ROLE, Column, RowTableModel

PHOTO_SIZE = 112

APPOINTMENT_COLUMNS: list[Column[AppointmentInfo]] = [
    Column("When", lambda a: fmt.day_time(a.start), lambda a: a.start.isoformat()),
    Column("Kind", lambda a: fmt.kind(a.kind)),
    Column("For", lambda a: a.requirement_ref or ""),
    Column("Outcome", lambda a: f"{a.outcome} · {Outcome(a.outcome).label}" if a.outcome else "—"),
    Column("Notes", lambda a: (a.notes or "").replace("\n", " ")),
]

NOTE_COLUMNS: list[Column[NoteInfo]] = [
    Column("When", lambda n: fmt.day_time(n.at), lambda n: n.at.isoformat()),
    Column("Kind", lambda n: ContactNoteKind(n.kind).label),
    Column("Note", lambda n: ("[Sensitive] " if n.sensitive else "") + n.text.replace("\n", " ") + (" (edited)" if n.edited else "")),
]


def _table(model: RowTableModel, name: str, parent: QWidget, stretch: int) -> QTableView:  # type: ignore[type-arg]
    """A read-only row table."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class PhotoLabel(QLabel):
    """The photo box: shows the photo, takes an image file dropped on it."""

    photo_dropped = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty photo box."""
        super().__init__(parent)
        self.setObjectName("photo")
        self.setAccessibleName("Photo")
        self.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("border: 1px solid #c9d0da; background: #eef1f5; color: #6b7280;")
        self.setAcceptDrops(True)

    def show_photo(self, data: bytes | None) -> None:
        """Show the photo, or a prompt to drop one."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.setPixmap(pixmap.scaled(PHOTO_SIZE, PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        else:
            self.clear()
            self.setText("No photo\n(drop one here)")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept dragged local files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Take the first dropped file as the photo."""
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.photo_dropped.emit(Path(urls[0].toLocalFile()))


class PersonPage(QWidget):
    """Everything about one person, on one page; files dropped on it are attached."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """An empty page over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.detail: PersonDetail | None = None
        self.setAcceptDrops(True)
        self.photo = PhotoLabel(self)
        self.photo.photo_dropped.connect(self.set_photo)
        self.name = QLabel(self)
        self.name.setObjectName("pageHeading")
        self.facts = QLabel(self)
        self.facts.setObjectName("personFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.dates = QLabel(self)
        self.dates.setObjectName("keyDates")
        self.dates.setTextFormat(Qt.TextFormat.RichText)
        header = QGridLayout()
        header.addWidget(self.photo, 0, 0, 2, 1)
        header.addWidget(self.name, 0, 1)
        header.addWidget(self.facts, 1, 1)
        header.addWidget(self.dates, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
        header.setColumnStretch(1, 3)
        header.setColumnStretch(2, 2)

        self.tabs = QTabWidget(self)
        self.orders = QTextBrowser(self)
        self.orders.setObjectName("ordersView")
        self.orders.setAccessibleName("Orders and requirements")
        self.appointments_model: RowTableModel[AppointmentInfo] = RowTableModel(APPOINTMENT_COLUMNS, self)
        self.appointments = _table(self.appointments_model, "Appointments", self, 4)
        self.notes_model: RowTableModel[NoteInfo] = RowTableModel(NOTE_COLUMNS, self)
        self.notes_proxy = _NoteFilter(self)
        self.notes_proxy.setSourceModel(self.notes_model)
        self.notes = _table(self.notes_model, "Contact notes", self, 2)
        self.notes.setModel(self.notes_proxy)
        self.note_kind = QComboBox(self)
        self.note_kind.setAccessibleName("Note kind filter")
        self.note_kind.addItem("All kinds", None)
        for kind in ContactNoteKind:
            self.note_kind.addItem(kind.label, kind.value)
        self.note_search = QLineEdit(self)
        self.note_search.setPlaceholderText("Search notes")
        self.note_search.setAccessibleName("Search notes")
        self.note_kind.currentIndexChanged.connect(self._filter_notes)
        self.note_search.textChanged.connect(self._filter_notes)
        notes_tab = QWidget(self)
        filters = QHBoxLayout()
        filters.addWidget(self.note_kind)
        filters.addWidget(self.note_search, 1)
        notes_layout = QVBoxLayout(notes_tab)
        notes_layout.addLayout(filters)
        notes_layout.addWidget(self.notes)
        self.contacts = QTextBrowser(self)
        self.contacts.setAccessibleName("Personal contacts")
        self.documents_model: RowTableModel[documents.DocumentInfo] = RowTableModel(
            [
                Column("Title", lambda d: d.title),
                Column("Category", lambda d: (d.category or "").capitalize()),
                Column("Date", lambda d: fmt.day(d.doc_date)),
                Column("Added", lambda d: fmt.day_time(d.added_at)),
                Column("File", lambda d: d.original_name or ""),
            ],
            self,
        )
        self.documents = _table(self.documents_model, "Documents", self, 0)
        self.documents.doubleClicked.connect(lambda index: self.open_document(index.data(ROW_ROLE).id))
        self.compliance = ComplianceView(diary, self)
        self.compliance.message.connect(self.message)
        self.compliance.changed.connect(lambda: self.detail and self.show_person(self.detail.id, self.compliance.now))
        for widget, title in (
            (self.orders, "&Orders and requirements"),
            (self.appointments, "&Appointments"),
            (notes_tab, "Contact &notes"),
            (self.contacts, "&Contacts"),
            (self.documents, "&Documents"),
            (self.compliance, "Co&mpliance"),
        ):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    def show_person(self, person_id: int, now: datetime) -> None:
        """Load and show a person."""
        detail = person_detail(self.diary.db, person_id)
        if detail is None:
            self.message.emit("That person is no longer in the diary.")
            return
        self.detail = detail
        self.name.setText(f"{detail.name}  ·  {detail.crn}")
        self.facts.setText(_facts_html(detail))
        self.dates.setText(_dates_html(detail))
        self.photo.show_photo(documents.photo_bytes(self.diary, person_id))
        self.orders.setHtml(_orders_html(detail))
        self.compliance.show_person(person_id, now)
        upcoming, past = detail.upcoming(now), detail.past(now)
        self.appointments_model.set_rows([*upcoming, *past])
        self.notes_model.set_rows(detail.notes)
        self.contacts.setHtml(_contacts_html(detail))
        self.documents_model.set_rows(documents.documents_for(self.diary, person_id))

    def reload(self) -> None:
        """Read the person shown again."""
        if self.detail is not None:
            self.show_person(self.detail.id, self.clock())

    def selected_person(self) -> int | None:
        """The person shown."""
        return self.detail.id if self.detail else None

    def selected_appointment(self) -> int | None:
        """The appointment selected in the Appointments tab, while it has focus."""
        if self.appointments.hasFocus() and self.appointments.currentIndex().isValid():
            return self.appointments.currentIndex().data(ROW_ROLE).id
        return None

    def focus_target(self) -> QWidget:
        """The tabs."""
        return self.tabs

    def set_photo(self, path: Path) -> None:
        """Make a dropped or chosen image the photo."""
        if self.detail is None:
            return
        try:
            documents.set_photo(self.diary, self.detail.id, path)
        except documents.DocumentError as exc:
            self.message.emit(str(exc))
            return
        self.photo.show_photo(documents.photo_bytes(self.diary, self.detail.id))
        self.documents_model.set_rows(documents.documents_for(self.diary, self.detail.id))
        self.message.emit(f"Photo of {self.detail.name} saved.")
        self.changed.emit()

    def attach(self, paths: list[Path]) -> None:
        """Attach files to the person, each titled by its file name."""
        if self.detail is None:
            return
        attached = 0
        for path in paths:
            try:
                documents.attach_file(self.diary, self.detail.id, path, category="other")
                attached += 1
            except documents.DocumentError as exc:
                self.message.emit(str(exc))
        self.documents_model.set_rows(documents.documents_for(self.diary, self.detail.id))
        if attached:
            self.tabs.setCurrentWidget(self.documents)
            self.message.emit(f"Attached {attached} document{'s' if attached != 1 else ''} to {self.detail.name}.")

    def open_document(self, document_id: int) -> None:
        """Open a document with the system's viewer."""
        path = documents.export_for_viewing(self.diary, document_id)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept dragged local files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Attach every dropped local file as a document."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach(paths)

    def _filter_notes(self) -> None:
        """Apply the kind filter and the search text."""
        self.notes_proxy.set_filter(self.note_kind.currentData(), self.note_search.text())


class _NoteFilter(QSortFilterProxyModel):
    """Filters contact notes by kind and by words in their text."""

    def __init__(self, parent: QWidget) -> None:
        """No filter yet."""
        super().__init__(parent)
        self.kind: str | None = None
        self.words: list[str] = []

    def set_filter(self, kind: str | None, text: str) -> None:
        """Show notes of this kind (None: all) containing every word of text."""
        self.beginFilterChange()
        self.kind = kind
        self.words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: object) -> bool:  # noqa: N802
        """True when the note passes the filter."""
        note: NoteInfo = self.sourceModel().rows[source_row]  # type: ignore[attr-defined]
        if self.kind and note.kind != self.kind:
            return False
        text = note.text.lower()
        return all(word in text for word in self.words)


def _facts_html(d: PersonDetail) -> str:
    """The header's facts: DOB, PNC, risk, tier, MAPPA, flags, aliases, phone, address."""
    parts = [
        f"Born {fmt.day(d.date_of_birth)}" if d.date_of_birth else None,
        f"PNC {d.pnc}" if d.pnc else None,
        f"Risk <b>{fmt.risk(d.risk_level)}</b>" if d.risk_level else None,
        f"Tier {d.tier}" if d.tier else None,
        f"MAPPA category {d.mappa_category}, level {d.mappa_level}" if d.mappa_category else None,
        f"Phone {d.phone}" if d.phone else None,
    ]
    lines = [" · ".join(p for p in parts if p)]
    if d.aliases:
        lines.append("Also known as " + ", ".join(d.aliases))
    if d.address:
        lines.append(d.address)
    if d.custody_prison:
        lines.append(f"In custody at {d.custody_prison}")
    if d.flags:
        lines.append(" ".join(f"<span style='background:#fde8c8; padding:2px'>⚑ {f}</span>" for f in d.flags))
    return "<br>".join(lines)


def _dates_html(d: PersonDetail) -> str:
    """Key dates, one per line."""
    rows = "".join(f"<tr><td>{label}</td><td><b>{fmt.day(value)}</b></td></tr>" for label, value in d.key_dates())
    return f"<table cellspacing='4'>{rows}</table>" if rows else "No key dates recorded."


def _orders_html(d: PersonDetail) -> str:
    """Each order with its requirements and enforcement actions."""
    if not d.orders:
        return "<p>No orders or licences recorded.</p>"
    html = []
    for o in d.orders:
        span = f"{fmt.day(o.start_date)} to {fmt.day(o.end_date)}"
        html.append(f"<h3>{fmt.order_type(o.type)} ({o.ref}) · {span}</h3>")
        if o.court:
            html.append(f"<p>{o.court}</p>")
        items = []
        for r in o.requirements:
            label = RequirementType(r.type).label
            measure = {"rar": "days", "unpaid_work": "hours", "programme": "sessions"}.get(r.type)
            extra = f": {r.measure} {measure}" if measure and r.measure else ""
            detail = f" · {r.name}" if r.name else (f" · {r.text}" if r.text else "")
            items.append(f"<li>{label}{extra}{detail}</li>")
        html.append(f"<ul>{''.join(items)}</ul>" if items else "")
        if o.actions:
            acts = "".join(f"<li>{fmt.day(a.date)}: {a.action.replace('_', ' ')}{' · ' + a.note if a.note else ''}</li>" for a in o.actions)
            html.append(f"<p><b>Enforcement</b></p><ul>{acts}</ul>")
    return "".join(html)


def _contacts_html(d: PersonDetail) -> str:
    """Personal contacts with their numbers."""
    if not d.personal_contacts:
        return "<p>No personal contacts recorded.</p>"
    rows = "".join(
        f"<tr><td><b>{name}</b></td><td>{relationship or ''}</td><td>{phone or ''}</td></tr>"
        for name, relationship, phone in d.personal_contacts
    )
    return f"<table cellspacing='6'>{rows}</table>"
