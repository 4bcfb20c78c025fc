"""The compliance panel on a person's page: each requirement's numbers, the order's timeline, letters."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from diary.domain.compliance_state import StateKind
from diary.domain.enforcement import OrderCompliance, RequirementCounts
from diary.domain.enforcement_words import action_words, progress_line, standing
from diary.domain.text import long_date, plural
from diary.domain.vocab import EnforcementAction, OrderType
from diary.reports.letters import (
    BREACH_SUMMARY,
    COMPLIANCE_SUMMARY,
    LICENCE_LETTER,
    WARNING_LETTER,
    Letter,
    LetterKind,
    build_letter,
    laid_out,
    pdf_bytes,
    warning_step,
)
from diary.reports.printing import setup_page
from diary.reports.timeline import draw_timeline, lanes, timeline_height
from diary.services import documents
from diary.services.compliance import person_compliance
from diary.services.enforcement_actions import EnforcementError, record_enforcement_action
from diary.services.diary_file import Diary
from diary.services.person import person_detail
from diary.ui import formatting as fmt
from diary.ui.actions import SAVE_KEYS
from diary.ui.court_outcome_dialog import CourtOutcomeDialog
from diary.ui.table_model import Column, RowTableModel

TONES = {
    "alarm": "background:#fdecec; border:1px solid #e0a3a3; color:#7f1d1d;",
    "watch": "background:#fff6e0; border:1px solid #e8c98a; color:#6b4100;",
    "calm": "background:#eef2f7; border:1px solid #c9d0da; color:#1f2933;",
}

REQUIREMENT_COLUMNS: list[Column[RequirementCounts]] = [
    Column("Requirement", lambda r: r.label if r.type is None else f"{r.label} ({r.key})"),
    Column("Kept", lambda r: str(r.attended_complied), lambda r: r.attended_complied),
    Column("Acceptable absences", lambda r: str(r.acceptable_absences), lambda r: r.acceptable_absences),
    Column("Failures", lambda r: str(r.failures), lambda r: r.failures),
    Column("Awaiting evidence", lambda r: str(r.awaiting_evidence), lambda r: r.awaiting_evidence),
    Column("Not recorded", lambda r: str(r.not_recorded), lambda r: r.not_recorded),
    Column("Progress", lambda r: progress_line(r) or "", tooltip=lambda r: progress_line(r) or ""),
]


def _count(n: int, noun: str) -> str:
    """'<b>1</b> failure', '<b>2</b> failures'."""
    return f"<b>{n}</b> {plural(n, noun).split(' ', 1)[1]}"


class TimelineWidget(QWidget):
    """The order's timeline, drawn by the same painter code as the printed summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty timeline."""
        super().__init__(parent)
        self.setObjectName("complianceTimeline")
        self.setAccessibleName("Compliance timeline")
        self.order: OrderCompliance | None = None
        self.setMinimumWidth(640)

    def set_order(self, order: OrderCompliance | None) -> None:
        """Show an order (None: nothing)."""
        self.order = order
        self.setFixedHeight(int(timeline_height(order)) if order else 0)
        described = "; ".join(f"{lane.title}: {lane.detail}" for lane in lanes(order)) if order else ""
        self.setAccessibleDescription(described)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Draw the timeline to fit the widget."""
        if self.order is None:
            return
        painter = QPainter(self)
        draw_timeline(painter, QRectF(self.rect()), self.order)
        painter.end()


def _save_shortcuts(dialog: QDialog, slot: Callable[[], object]) -> None:
    """Ctrl+Enter and Ctrl+S save the dialog, as everywhere in the diary."""
    save = QAction("Save", dialog)
    save.setShortcuts([QKeySequence(k) for k in SAVE_KEYS])
    save.triggered.connect(lambda _checked=False: slot())
    dialog.addAction(save)


class LetterDialog(QDialog):
    """A filled letter to read, edit, print, or save as a PDF on the person's documents (Ctrl+Enter)."""

    saved = Signal(str)

    def __init__(
        self, diary: Diary, letter: Letter, record: EnforcementAction | None, today: date, parent: QWidget | None = None
    ) -> None:
        """Show the letter; saving also records `record` on the order, dated today, when given."""
        super().__init__(parent)
        self.diary, self.letter, self.record, self.today = diary, letter, record, today
        self.document_id: int | None = None
        self.setObjectName("letterDialog")
        self.setWindowTitle(letter.title)
        self.editor = QTextEdit(self)
        self.editor.setObjectName("letterText")
        self.editor.setAccessibleName("Letter text")
        for name, image in letter.images.items():
            self.editor.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.editor.setHtml(letter.html)
        then = f" and record a {record.label.lower()} on the order, dated {long_date(today)}" if record else ""
        hint = QLabel(
            f"Check the letter and change any words you need. Ctrl+Enter saves it as “{letter.file_name}” "
            f"on the person's documents{then}. Esc closes without saving.",
            self,
        )
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("letterError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("&Save to documents", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_letter)
        buttons.rejected.connect(self.reject)
        _save_shortcuts(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(820, 900)
        self.editor.setFocus()

    def save(self) -> None:
        """Write the PDF into the person's documents, record the action, and close."""
        letter = self.letter
        try:
            document_id = documents.attach_bytes(
                self.diary, letter.person_id, pdf_bytes(self.editor.toHtml(), letter.images), letter.title,
                letter.kind.category, self.today, letter.file_name,
            )
            if self.record is not None and letter.order.id is not None:
                failed = f" for the failure on {long_date(letter.failure_day)}" if letter.failure_day else ""
                record_enforcement_action(
                    self.diary.db, letter.order.id, self.record, self.today, f"Letter saved to documents{failed}"
                )
        except (documents.DocumentError, EnforcementError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        recorded = f"; {self.record.label.lower()} recorded on the order" if self.record else ""
        self.document_id = document_id
        self.saved.emit(f"{letter.file_name} saved to documents{recorded}.")
        self.accept()

    def print_letter(self) -> None:
        """Print the letter as it stands on A4."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer, landscape=False)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            laid_out(self.editor.toHtml(), self.letter.images, printer).print_(printer)


class EnforcementDialog(QDialog):
    """Record a dated enforcement action on an order: warning, breach, recall, withdrawal."""

    recorded = Signal(str)

    def __init__(self, diary: Diary, order: OrderCompliance, today: date, parent: QWidget | None = None) -> None:
        """Choose the action (the law's next step first), the date and a note."""
        super().__init__(parent)
        self.diary, self.order = diary, order
        self.setObjectName("enforcementDialog")
        self.setWindowTitle(f"Record an enforcement action: {order.type.label} {order.key}")
        self.action = QComboBox(self)
        self.action.setAccessibleName("Action")
        for action in EnforcementAction:
            self.action.addItem(action.label, action.value)
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setAccessibleName("Date")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. the failure it is for, or the court's decision")
        self.error = QLabel(self)
        self.error.setObjectName("enforcementError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        form = QFormLayout()
        form.addRow("&Action", self.action)
        form.addRow("&Date", self.day)
        form.addRow("&Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        _save_shortcuts(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(standing(order), self, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Record the action, or say why it cannot be."""
        action = EnforcementAction(self.action.currentData())
        on = self.day.date().toPython()
        assert self.order.id is not None
        try:
            record_enforcement_action(self.diary.db, self.order.id, action, on, self.note.text())
        except EnforcementError as exc:
            self.error.setText(str(exc))
            return
        self.recorded.emit(f"{action.label} recorded on {self.order.type.label.lower()} {self.order.key}, dated {long_date(on)}.")
        self.accept()


class ComplianceView(QWidget):
    """A person's compliance in the round: the standing of an order, each requirement, the timeline."""

    message = Signal(str)
    changed = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        """An empty panel over the diary."""
        super().__init__(parent)
        self.diary = diary
        self.person_id: int | None = None
        self.now = datetime.now()
        self.today = self.now.date()
        self.orders: tuple[OrderCompliance, ...] = ()
        self.dialog: QDialog | None = None
        self.order_choice = QComboBox(self)
        self.order_choice.setAccessibleName("Order")
        self.order_choice.currentIndexChanged.connect(self._show_order)
        self.heading = QLabel(self)
        self.heading.setObjectName("complianceHeading")
        self.standing = QLabel(self)
        self.standing.setObjectName("complianceStanding")
        self.standing.setWordWrap(True)
        self.standing.setAccessibleName("Where the order stands")
        self.numbers = QLabel(self)
        self.numbers.setObjectName("complianceNumbers")
        self.numbers.setWordWrap(True)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.model: RowTableModel[RequirementCounts] = RowTableModel(REQUIREMENT_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("complianceTable")
        self.table.setAccessibleName("Requirements and their numbers")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(REQUIREMENT_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.timeline = TimelineWidget(self)
        self.history = QLabel(self)
        self.history.setObjectName("complianceActions")
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.rules = QLabel(self)
        self.rules.setObjectName("complianceRules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #4b5563;")
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("warning_letter", "&Warning letter…"),
            ("licence_letter", "&Licence compliance letter…"),
            ("breach_summary", "&Breach report summary…"),
            ("record_enforcement", "Record &enforcement action…"),
            ("court_outcome", "The court's o&utcome…"),
            ("compliance_summary", "Print or save this &summary…"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"button_{key}")
            button.clicked.connect(self.action_slots()[key])
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.order_choice)
        column.addLayout(top)
        column.addWidget(self.standing)
        column.addWidget(self.numbers)
        column.addWidget(self.table)
        column.addWidget(self.timeline)
        column.addLayout(buttons)
        column.addWidget(self.history)
        column.addWidget(self.rules)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def action_slots(self) -> dict[str, Callable[[], None]]:
        """The registry's action keys this panel answers, and what each does."""
        return {
            "warning_letter": self.warning_letter,
            "licence_letter": self.licence_letter,
            "breach_summary": self.breach_summary,
            "record_enforcement": self.record_action,
            "court_outcome": self.court_outcome,
            "compliance_summary": self.compliance_summary,
        }

    def show_person(self, person_id: int, now: datetime) -> None:
        """Count and show a person's orders as of now; the order in force (court orders first) is shown first."""
        self.person_id, self.now, self.today = person_id, now, now.date()
        counted = person_compliance(self.diary.db, person_id, now.date(), now)
        previous = self.current_order()
        self.orders = counted.orders if counted else ()
        self.order_choice.blockSignals(True)
        self.order_choice.clear()
        for o in self.orders:
            self.order_choice.addItem(f"{o.type.label} {o.key} ({fmt.day(o.start_date)} to {fmt.day(o.end_date)})", o.id)
        keep = next((i for i, o in enumerate(self.orders) if previous and o.id == previous.id), None)
        self.order_choice.setCurrentIndex(keep if keep is not None else self._order_in_force())
        self.order_choice.setVisible(len(self.orders) > 1)
        self.order_choice.blockSignals(False)
        self._show_order()

    def current_order(self) -> OrderCompliance | None:
        """The order the panel shows."""
        index = self.order_choice.currentIndex()
        return self.orders[index] if 0 <= index < len(self.orders) else None

    def _order_in_force(self) -> int:
        """Index of the order in force today, court orders before licences; else the latest."""
        live = [
            i for i, o in enumerate(self.orders)
            if (o.start_date is None or o.start_date <= self.today) and (o.end_date is None or self.today <= o.end_date)
        ]
        live.sort(key=lambda i: not self.orders[i].type.is_court_order)
        return live[0] if live else len(self.orders) - 1

    def _show_order(self) -> None:
        """Fill the panel from the chosen order."""
        o = self.current_order()
        self.timeline.set_order(o)
        for button in self.buttons.values():
            button.setEnabled(o is not None)
        if o is None:
            self.heading.setText("No orders or licences recorded, so there is nothing to count.")
            for label in (self.standing, self.numbers, self.history, self.rules):
                label.clear()
            self.standing.setStyleSheet("")
            self.model.set_rows([])
            return
        self.heading.setText(f"<b>{o.type.label} {html.escape(o.key)}</b> · {fmt.day(o.start_date)} to {fmt.day(o.end_date)}")
        self.standing.setText(standing(o))
        self.standing.setStyleSheet(f"QLabel {{ {TONES[self._tone(o)]} padding: 6px; border-radius: 4px; font-weight: bold; }}")
        kept, acceptable, failures = o.totals()
        self.numbers.setText(
            f"Whole order: <b>{kept}</b> kept · {_count(acceptable, 'acceptable absence')} · {_count(failures, 'failure')} · "
            f"failures in the {o.rules.failure_window_months} months to {fmt.day(o.as_of)}: <b>{o.failures_in_window}</b> · "
            f"warnings in that time: <b>{o.warnings_in_window}</b> · awaiting evidence: <b>{o.awaiting_evidence}</b>"
            + (f" (<b>{o.evidence_overdue}</b> overdue)" if o.evidence_overdue else "")
            + f" · outcomes to record: <b>{o.outcomes_to_record}</b>"
            + (f" (since {fmt.day(o.outcomes_not_recorded_since)})" if o.outcomes_not_recorded_since else "")
        )
        self.model.set_rows(o.rows())
        rows = self.table.verticalHeader().defaultSectionSize() * len(o.rows())
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth() + 2)
        actions = [e for e in o.history if e.action is not None]
        self.history.setText(
            "<b>Enforcement actions</b><br>"
            + ("<br>".join(
                f"{fmt.day(e.day)}: {html.escape(action_words(e))}" + (f" · {html.escape(e.note)}" if e.note else "")
                for e in actions if e.action is not None
            ) or "None recorded.")
        )
        self.rules.setText("How these are counted: " + " ".join(o.rules.sentences_for(o.type)))

    @staticmethod
    def _tone(o: OrderCompliance) -> str:
        """Red when the law requires breach or one is open, amber after failures, else calm."""
        if o.compliance.kind in (StateKind.BREACH_REQUIRED, StateKind.BREACH_IN_PROGRESS, StateKind.WARNING_LIVE):
            return "alarm"
        return "watch" if o.failures_in_window else "calm"

    def warning_letter(self) -> None:
        """Fill a warning letter, if a warning is what the law allows now."""
        o = self.current_order()
        if o is None:
            return
        step = warning_step(o)
        if isinstance(step, EnforcementAction):
            self._open_letter(WARNING_LETTER, step)
        else:
            self.message.emit(step)

    def licence_letter(self) -> None:
        """Fill a licence compliance letter (licences and post-sentence supervision only)."""
        o = self.current_order()
        if o is None:
            return
        if o.type.is_court_order:
            self.message.emit(f"This is a {o.type.label.lower()}: give a warning letter or refer for breach, not a licence compliance letter.")
            return
        self._open_letter(LICENCE_LETTER, EnforcementAction.LICENCE_COMPLIANCE_LETTER)

    def breach_summary(self) -> None:
        """Fill the breach report summary: the compliance picture the court needs. Saving it records the breach
        (breach initiated, dated today) unless one is already in progress or the order is a licence (recall)."""
        o = self.current_order()
        if o is None:
            return
        begins = o.compliance.kind is not StateKind.BREACH_IN_PROGRESS and o.type is not OrderType.LICENCE
        self._open_letter(BREACH_SUMMARY, EnforcementAction.BREACH_INITIATED if begins else None)

    def court_outcome(self) -> None:
        """Ask for the court's outcome on the order's open breach."""
        o = self.current_order()
        if o is None or self.person_id is None:
            return
        if o.compliance.kind is not StateKind.BREACH_IN_PROGRESS:
            self.message.emit(f"No breach is in progress on {o.type.label.lower()} {o.key}: record the breach first.")
            return
        detail = person_detail(self.diary.db, self.person_id)
        court = next((x.court for x in detail.orders if x.id == o.id), None) if detail else None
        dialog = CourtOutcomeDialog(self.diary, o, court, self.today, self)
        dialog.recorded.connect(self._after_change)
        self._open(dialog)

    def compliance_summary(self) -> None:
        """Preview the compliance summary with its timeline, to print or save."""
        self._open_letter(COMPLIANCE_SUMMARY, None)

    def record_action(self) -> None:
        """Ask for an enforcement action to record on the order shown."""
        o = self.current_order()
        if o is None:
            return
        dialog = EnforcementDialog(self.diary, o, self.today, self)
        dialog.recorded.connect(self._after_change)
        self._open(dialog)

    def _open_letter(self, kind: LetterKind, record: EnforcementAction | None) -> None:
        """Fill a letter for the order shown and open it for checking."""
        o = self.current_order()
        if o is None or o.id is None or self.person_id is None:
            return
        letter = build_letter(self.diary, kind, self.person_id, o.id, self.today)
        dialog = LetterDialog(self.diary, letter, record, self.today, self)
        dialog.saved.connect(self._after_change)
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        """Open a dialog window-modally (kept, so tests and the officer can reach it)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _after_change(self, text: str) -> None:
        """Say what happened and recount."""
        self.message.emit(text)
        if self.person_id is not None:
            self.show_person(self.person_id, self.now)
        self.changed.emit()

