"""Record the court's outcome on a breach: hearing date, court, the decision, and any requirement it added or changed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from diary.domain.enforcement import OrderCompliance
from diary.domain.enforcement_words import standing
from diary.domain.sentences import REQUIREMENT_SPECS
from diary.domain.text import long_date
from diary.domain.vocab import CourtOutcome, RequirementType
from diary.services.diary_file import Diary
from diary.services.enforcement_actions import EnforcementError, RequirementChange, record_court_outcome

ADDABLE = [t for t in RequirementType if t is not RequirementType.LICENCE_CONDITION]
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")


class CourtOutcomeDialog(QDialog):
    """The court's decision on an open breach; saved (Ctrl+Enter) it concludes the breach on the hearing date."""

    recorded = Signal(str)

    def __init__(
        self, diary: Diary, order: OrderCompliance, court: str | None, today: date, parent: QWidget | None = None
    ) -> None:
        """Ask for the hearing, the court (the order's court to start with), the outcome and any requirement."""
        super().__init__(parent)
        self.diary, self.order, self.today = diary, order, today
        self.setObjectName("courtOutcomeDialog")
        self.setWindowTitle(f"Record the court's outcome: {order.type.label} {order.key}")
        self.hearing = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.hearing.setAccessibleName("Hearing date")
        self.hearing.setCalendarPopup(True)
        self.hearing.setDisplayFormat("ddd d MMM yyyy")
        self.court = QLineEdit(court or "", self)
        self.court.setAccessibleName("Court")
        self.court.setPlaceholderText("e.g. Leeds Magistrates' Court")
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("Outcome")
        for outcome in CourtOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.requirement = QComboBox(self)
        self.requirement.setAccessibleName("Requirement added or changed")
        for kind in ADDABLE:
            self.requirement.addItem(f"Add: {kind.label}", f"add:{kind.value}")
        for r in order.requirements:
            if r.type is not None and REQUIREMENT_SPECS[r.type].amount:
                self.requirement.addItem(f"Change: {r.label} ({r.key})", f"change:{r.key}")
        self.measure = QSpinBox(self)
        self.measure.setAccessibleName("Days, hours or sessions")
        self.measure.setRange(0, 999)
        self.measure.setSpecialValueText("—")
        self.details = QLineEdit(self)
        self.details.setAccessibleName("Details")
        self.until = QDateEdit(QDate(today.year + 1, today.month, min(today.day, 28)), self)
        self.until.setAccessibleName("Until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("ddd d MMM yyyy")
        self.daily_hours = QSpinBox(self)
        self.daily_hours.setAccessibleName("Hours a day")
        self.daily_hours.setRange(0, 24)
        self.daily_hours.setSpecialValueText("—")
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. fine of £120, costs £85")
        self.error = QLabel(self)
        self.error.setObjectName("courtOutcomeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        form = QFormLayout()
        form.addRow("&Hearing date", self.hearing)
        form.addRow("C&ourt", self.court)
        form.addRow("&Outcome", self.outcome)
        form.addRow("&Requirement", self.requirement)
        form.addRow("&Days, hours or sessions", self.measure)
        form.addRow("De&tails", self.details)
        form.addRow("Unt&il", self.until)
        form.addRow("Hours a d&ay", self.daily_hours)
        form.addRow("&Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in SAVE_KEYS:
            QShortcut(QKeySequence(keys), self, activated=self.save)
        heading = QLabel(standing(order), self)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.outcome.currentIndexChanged.connect(self._amending)
        self.requirement.currentIndexChanged.connect(self._amending)
        self._amending()

    def _chosen(self) -> tuple[RequirementType, str | None]:
        """The requirement's type, and its ref when an existing one is changed (None when one is added)."""
        how, _, what = str(self.requirement.currentData()).partition(":")
        if how == "add":
            return RequirementType(what), None
        kind = next(r.type for r in self.order.requirements if r.key == what)
        assert kind is not None
        return kind, what

    def _amending(self) -> None:
        """The requirement fields count only when the court added or changed one, and only those its type asks for."""
        amended = self.outcome.currentData() == CourtOutcome.CONTINUED_AMENDED.value
        self.requirement.setEnabled(amended)
        kind, ref = self._chosen()
        spec = REQUIREMENT_SPECS[kind]
        adding = amended and ref is None
        self.measure.setEnabled(amended and bool(spec.amount))
        self.measure.setAccessibleName(spec.amount_label or "Days, hours or sessions")
        self.measure.setSuffix(f" {spec.unit}s" if spec.unit else "")
        self.details.setEnabled(adding)
        self.details.setPlaceholderText(spec.text_label)
        self.until.setEnabled(adding and spec.until_required)
        self.daily_hours.setEnabled(adding and spec.daily_hours is not None)

    def change(self) -> RequirementChange | None:
        """The requirement added or changed, as the fields have it (None unless the court amended the order)."""
        if self.outcome.currentData() != CourtOutcome.CONTINUED_AMENDED.value:
            return None
        kind, ref = self._chosen()
        spec = REQUIREMENT_SPECS[kind]
        return RequirementChange(
            kind,
            (self.measure.value() or None) if spec.amount else None,
            self.details.text() if ref is None else None,
            ref,
            self.until.date().toPython() if ref is None and spec.until_required else None,
            (self.daily_hours.value() or None) if ref is None and spec.daily_hours is not None else None,
        )

    def save(self) -> None:
        """Record the outcome, or say what is wrong with the field named."""
        assert self.order.id is not None
        hearing = self.hearing.date().toPython()
        change = self.change()
        outcome = CourtOutcome(self.outcome.currentData())
        try:
            record_court_outcome(
                self.diary.db, self.order.id, hearing, outcome, self.court.text(), [change] if change else [],
                self.note.text(), self.today,
            )
        except EnforcementError as exc:
            self.error.setText(str(exc))
            return
        self.recorded.emit(f"The court's outcome recorded on {self.order.type.label.lower()} {self.order.key}: "
                           f"{outcome.label.lower()}, {long_date(hearing)}.")
        self.accept()
