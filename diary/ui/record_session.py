"""The Record session window: outcome, notes, time spent and the next booking, saved with one keystroke."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from diary.domain.time_use import credited_hours
from diary.domain.vocab import AppointmentKind, Outcome, OutcomeClass, RescheduleRequester, outcome_keys_hint
from diary.services.compliance import failure_prompt_for
from diary.services.diary_file import Diary
from diary.services.drafts import Draft, session_key
from diary.services.recording import EditConflict, NextBooking, RecordingError, RecordResult, SessionContext, SessionRecord, record_session
from diary.services.schedule import booking_warnings_for, next_slots
from diary.services.session_needs import session_needs
from diary.ui import formatting as fmt
from diary.ui.actions import NO_NEXT_KEY, SLOT_KEYS
from diary.ui.drafting import DraftingDialog
from diary.ui.session_fields import OutcomeBox, date_edit, datetime_edit, kind_box, minutes_box, qt_datetime, section

REPEATS: tuple[tuple[str, int | None], ...] = (
    ("Does not repeat", None),
    ("Every day", 1),
    ("Every week", 7),
    ("Every fortnight", 14),
    ("Every four weeks", 28),
)
NOTE_LINES = 20
SLOT_COUNT = len(SLOT_KEYS)
STYLE = """
QLabel#bookingWarnings { background: rgba(240, 180, 60, 0.16); border: 1px solid rgba(214, 150, 30, 0.8);
                         border-radius: 4px; padding: 6px 8px; color: palette(window-text); }
QLabel#enforcementPrompt { background: rgba(200, 60, 60, 0.12); border: 1px solid rgba(190, 70, 70, 0.7);
                           border-radius: 4px; padding: 6px 8px; color: palette(window-text); }
QFrame#divider { background: palette(mid); border: none; max-width: 1px; }
QPushButton[slot="true"] { text-align: left; padding: 6px 12px; }
QComboBox:focus, QDateTimeEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus { border: 2px solid palette(highlight); }
"""


class RecordSessionDialog(DraftingDialog):
    """One window to write up a session and book the next one; Ctrl+Enter saves it all in one transaction."""

    def __init__(
        self, diary: Diary, context: SessionContext, now: datetime, parent: QWidget | None = None, draft: Draft | None = None
    ) -> None:
        """A window over the appointment (or unplanned contact) in context; a draft fills in what was typed."""
        when = fmt.day_time(context.start)
        title = f"Session with {context.person_name}, {when}" if context.appointment_id else f"Unplanned contact with {context.person_name}"
        super().__init__(diary.blobs, session_key(context.appointment_id, context.person_id), context.person_id, title, parent)
        self.diary = diary
        self.context = context
        self.now = now
        self.needs = session_needs(diary.db, context, now)
        self.result_: RecordResult | None = None
        self._next_chosen = False
        self._slots: list[datetime] = []
        self._hours_touched = context.hours_credited is not None
        self.setObjectName("recordSessionDialog")
        self.setWindowTitle(f"Record session: {context.person_name}")
        self.setSizeGripEnabled(True)
        self.setStyleSheet(self.styleSheet() + STYLE)
        self._lay_out(self._session_part(), self._next_part())
        self._wire()
        if draft is not None:
            self.restore(draft.fields)
        self._outcome_changed()
        self._kind_changed()
        self._repeat_changed()
        self._refresh_slots()
        self.resize(1060, 800)
        self.outcome.setFocus()

    def _session_part(self) -> QVBoxLayout:
        """The left of the window: this session's time, kind, outcome and what it needs, time spent, and the notes."""
        context = self.context
        self.started = datetime_edit(context.start, self)
        self.kind = kind_box(context.kind, self)
        self.outcome = OutcomeBox(self)
        self.outcome.set_outcome(context.outcome)
        outcome_hint = QLabel(outcome_keys_hint(), self)
        outcome_hint.setObjectName("hint")
        self.evidence_due = date_edit(self.needs.evidence_due, self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("For example: GP appointment, fit note seen")
        self.requested_by = QComboBox(self)
        for who in RescheduleRequester:
            self.requested_by.addItem("The person" if who is RescheduleRequester.PERSON else "The service", who.value)
        self.requested_by.setCurrentIndex(max(0, self.requested_by.findData(context.rescheduled_by)))
        self.spent = minutes_box(context.minutes_spent or context.minutes, self)
        self.hours = QDoubleSpinBox(self)
        self.hours.setRange(0, 24)
        self.hours.setSingleStep(0.25)
        self.hours.setSuffix(" hours")
        self.hours.setValue(self.needs.hours_credited)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("enforcementPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.hide()

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.form.setHorizontalSpacing(12)
        timing = QHBoxLayout()
        timing.setSpacing(10)
        timing.addWidget(self.started, 2)
        kind_label = QLabel("&Kind", self)
        kind_label.setBuddy(self.kind)
        timing.addWidget(kind_label)
        timing.addWidget(self.kind, 1)
        self.form.addRow("&Started", timing)
        self.form.labelForField(timing).setBuddy(self.started)  # type: ignore[union-attr]
        self.form.addRow("&Outcome", self.outcome)
        self.form.addRow("", outcome_hint)
        self.form.addRow("&Evidence due", self.evidence_due)
        self.form.addRow("&Reason", self.reason)
        self.form.addRow("Re&quested by", self.requested_by)
        self.form.addRow("&Time spent", self.spent)
        self.form.addRow("&Hours credited", self.hours)

        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("sessionNotes")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What happened, what was agreed, what happens next.")
        self.notes.setPlainText(context.notes)
        notes_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        notes_font.setPointSizeF(notes_font.pointSizeF() + 1)
        self.notes.setFont(notes_font)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * NOTE_LINES + 16)
        notes_label = QLabel("&Notes", self)
        notes_label.setObjectName("sectionLabel")
        notes_label.setBuddy(self.notes)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(section("This session", self))
        left.addLayout(self.form)
        left.addWidget(self.prompt)
        left.addWidget(notes_label)
        left.addWidget(self.notes, 1)
        return left

    def _next_part(self) -> QVBoxLayout:
        """The right of the window: the next appointment, from the free slots offered or typed, once or repeating."""
        context = self.context
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(section("Next appointment", self))
        self.no_next = QCheckBox("No next appointment   Alt+0", self)
        self.no_next.setObjectName("noNextAppointment")
        right.addWidget(self.no_next)
        self.next_kind = kind_box(context.kind, self)
        self.next_start = datetime_edit(context.start + timedelta(days=7), self)
        self.next_minutes = minutes_box(context.minutes, self)
        self.next_where = QLineEdit(context.location or "", self)
        self.next_where.setPlaceholderText("Where (optional)")
        self.slot_label = QLabel("Earliest free slots", self)
        self.slot_label.setObjectName("hint")
        self.slot_buttons: list[QPushButton] = []
        slots = QVBoxLayout()
        slots.setSpacing(4)
        for i in range(SLOT_COUNT):
            button = QPushButton(self)
            button.setObjectName(f"slot{i + 1}")
            button.setProperty("slot", True)
            button.setAutoDefault(False)
            button.setMinimumHeight(button.sizeHint().height())
            button.clicked.connect(lambda _checked=False, n=i: self.choose_slot(n))
            slots.addWidget(button)
            self.slot_buttons.append(button)
            self._key_action(SLOT_KEYS[i], f"Book free slot {i + 1}", lambda n=i: self.choose_slot(n))
        self._key_action(NO_NEXT_KEY, "No next appointment", self.no_next.toggle)
        self.repeat = QComboBox(self)
        for text, days in REPEATS:
            self.repeat.addItem(text, days)
        self.repeat_count = QSpinBox(self)
        self.repeat_count.setRange(2, 52)
        self.repeat_count.setValue(4)
        self.repeat_count.setSuffix(" times")
        self.repeat_until_on = QCheckBox("or &until", self)
        self.repeat_until = date_edit(context.start.date() + timedelta(weeks=8), self)
        repeat_row = QHBoxLayout()
        repeat_row.setSpacing(8)
        repeat_row.addWidget(self.repeat, 2)
        repeat_row.addWidget(self.repeat_count, 1)
        repeat_row.addWidget(self.repeat_until_on)
        repeat_row.addWidget(self.repeat_until, 2)
        self.next_form = QFormLayout()
        self.next_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.next_form.setVerticalSpacing(10)
        self.next_form.setHorizontalSpacing(12)
        self.next_form.addRow("K&ind", self.next_kind)
        self.next_form.addRow(self.slot_label)
        self.next_form.addRow(slots)
        self.next_form.addRow("&Date and time", self.next_start)
        self.next_form.addRow("&Length", self.next_minutes)
        self.next_form.addRow("&Where", self.next_where)
        self.next_form.addRow("Re&peat", repeat_row)
        self.next_form.labelForField(repeat_row).setBuddy(self.repeat)  # type: ignore[union-attr]
        self.chosen = QLabel(self)
        self.chosen.setObjectName("nextChosen")
        self.chosen.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("bookingWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.next_panel = QWidget(self)
        panel_layout = QVBoxLayout(self.next_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(8)
        panel_layout.addLayout(self.next_form)
        panel_layout.addWidget(self.chosen)
        panel_layout.addWidget(self.warnings)
        right.addWidget(self.next_panel)
        right.addStretch(1)
        return right

    def _lay_out(self, left: QVBoxLayout, right: QVBoxLayout) -> None:
        """The heading, the two parts side by side, the message line and Save and Cancel."""
        heading = QLabel(f"{self.context.person_name}  ·  {self.context.crn}", self)
        heading.setObjectName("dialogHeading")
        subheading = QLabel(self._describe_booking(), self)
        subheading.setObjectName("dialogSubheading")
        subheading.setWordWrap(True)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.NoFrame)
        rule.setFixedWidth(1)
        rule.setObjectName("divider")
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 3)
        columns.addWidget(rule)
        columns.addLayout(right, 2)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Save   Ctrl+Enter", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primary")
        self.save_button.setAutoDefault(False)
        cancel = buttons.addButton("Cancel   Esc", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(subheading)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _wire(self) -> None:
        """Each field's changes to what they show or offer; typed text to the draft."""
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.spent.valueChanged.connect(self._spent_changed)
        self.no_next.toggled.connect(self._no_next_toggled)
        self.next_kind.currentIndexChanged.connect(self._refresh_slots)
        self.next_minutes.valueChanged.connect(self._refresh_slots)
        self.next_start.dateTimeChanged.connect(self._next_typed)
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        self.repeat_until_on.toggled.connect(self._repeat_changed)
        for signal in (self.notes.textChanged, self.reason.textChanged):
            signal.connect(self.watch)
        self.hours.editingFinished.connect(lambda: setattr(self, "_hours_touched", True))

    def _key_action(self, key: str, text: str, slot: Callable[[], object]) -> None:
        """A window-wide key (Alt+1..3, Alt+0) that acts at once."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)

    def _describe_booking(self) -> str:
        """'Office appointment booked for Sun 1 Feb 10:00–10:45 · RAR (R1)', or 'Unplanned contact'."""
        c = self.context
        if c.appointment_id is None:
            return "Unplanned contact: they turned up or phoned. Set the kind and time below."
        parts = [f"{fmt.kind(c.kind)} appointment booked for {fmt.day_time(c.start)}–{fmt.clock(c.start + timedelta(minutes=c.minutes))}"]
        parts += [p for p in (c.location, c.requirement) if p]
        if c.outcome:
            parts.append(f"already recorded as {Outcome(c.outcome).label.lower()}")
        return "  ·  ".join(parts)

    def has_unsaved_text(self) -> bool:
        """True when the notes differ from what is saved, or a reason has been typed."""
        return self.notes.toPlainText() != self.context.notes or bool(self.reason.text().strip())

    def draft_fields(self) -> dict[str, Any]:
        """The typed text and the choices that go with it."""
        outcome = self.outcome.outcome()
        return {
            "window": "session",
            "appointment_id": self.context.appointment_id,
            "start": self.started.dateTime().toPython().isoformat(),
            "notes": self.notes.toPlainText(),
            "reason": self.reason.text(),
            "outcome": outcome.value if outcome else None,
            "minutes_spent": self.spent.value(),
        }

    def restore(self, fields: dict[str, Any]) -> None:
        """Fill the window from a draft."""
        self.notes.setPlainText(fields.get("notes", ""))
        self.reason.setText(fields.get("reason", ""))
        self.outcome.set_outcome(fields.get("outcome"))
        if fields.get("start"):
            self.started.setDateTime(qt_datetime(datetime.fromisoformat(fields["start"])))
        if fields.get("minutes_spent"):
            self.spent.setValue(int(fields["minutes_spent"]))
        self.notes.moveCursor(self.notes.textCursor().MoveOperation.End)

    def _outcome_changed(self) -> None:
        """Show the fields this outcome needs, and any enforcement prompt."""
        outcome = self.outcome.outcome()
        self.form.setRowVisible(self.evidence_due, outcome is Outcome.AFTA)
        self.form.setRowVisible(self.reason, outcome is not None and outcome.is_acceptable_absence)
        self.form.setRowVisible(self.requested_by, outcome is Outcome.RESCHEDULED)
        prompt = self._failure_prompt(outcome)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))

    def _failure_prompt(self, outcome: Outcome | None) -> str:
        """For an unacceptable failure: what the law now requires, in plain words (from the enforcement counts)."""
        if outcome is None or outcome.counts_as is not OutcomeClass.FAILURE:
            return ""
        c = self.context
        found = failure_prompt_for(self.diary.db, c.person_id, c.start.date(), appointment_id=c.appointment_id)
        if found is None:
            return "This counts as a failure to comply. No order in the diary covers this date, so nothing more is counted."
        return found[1].text

    def _kind_changed(self) -> None:
        """Hours credited only for unpaid work."""
        unpaid = self.context.unpaid_work or self.kind.currentData() == AppointmentKind.UNPAID_WORK_SESSION
        self.form.setRowVisible(self.hours, unpaid)

    def _spent_changed(self, minutes: int) -> None:
        """Hours credited follow the time spent until the officer sets them."""
        if not self._hours_touched:
            self.hours.setValue(credited_hours(minutes))

    def _refresh_slots(self) -> None:
        """Offer the earliest free slots for the next appointment's kind and length."""
        after = max(self.context.start + timedelta(minutes=self.context.minutes), self.now)
        self._slots = next_slots(
            self.diary.db,
            self.context.person_id,
            self.next_kind.currentData(),
            after,
            SLOT_COUNT,
            self.next_minutes.value(),
            self.context.appointment_id,
        )
        for i, button in enumerate(self.slot_buttons):
            if i < len(self._slots):
                button.setText(f"{fmt.day_time(self._slots[i])}      Alt+{i + 1}")
                button.setAccessibleName(f"Free slot {i + 1}: {fmt.day_time(self._slots[i])}")
            button.setVisible(i < len(self._slots))
        self.slot_label.setText("Earliest free slots (Alt+1, Alt+2, Alt+3)" if self._slots else "No free slots found: type a date and time.")
        if self._slots and not self._next_chosen:
            self.next_start.blockSignals(True)
            self.next_start.setDateTime(qt_datetime(self._slots[0]))
            self.next_start.blockSignals(False)
        self._show_next()

    def choose_slot(self, n: int) -> None:
        """Book the n-th offered slot (Alt+1..3)."""
        if n >= len(self._slots):
            return
        self.no_next.setChecked(False)
        self.next_start.blockSignals(True)
        self.next_start.setDateTime(qt_datetime(self._slots[n]))
        self.next_start.blockSignals(False)
        self._next_chosen = True
        self._show_next()

    def _next_typed(self) -> None:
        """A date typed by hand counts as chosen."""
        self._next_chosen = True
        self._show_next()

    def _no_next_toggled(self, none: bool) -> None:
        """Alt+0: no next appointment (the fields are kept, greyed)."""
        self.next_panel.setEnabled(not none)
        self._show_next()

    def _repeat_changed(self) -> None:
        """Count and end date only when repeating; the end date only when ticked."""
        repeating = self.repeat.currentData() is not None
        self.repeat_count.setEnabled(repeating and not self.repeat_until_on.isChecked())
        self.repeat_until_on.setEnabled(repeating)
        self.repeat_until.setEnabled(repeating and self.repeat_until_on.isChecked())
        self._show_next()

    def _show_next(self) -> None:
        """Say what will be booked, and warn (never refuse) about clashes and days off."""
        if self.no_next.isChecked():
            self.chosen.setText("No next appointment will be booked.")
            self.warnings.hide()
            return
        if not self._next_chosen:
            self.chosen.setText("Not chosen yet: Alt+1 books the first free slot, Alt+0 books none.")
            self.warnings.hide()
            return
        booking = self.next_booking()
        assert booking is not None
        starts = booking.starts()
        more = f", then {len(starts) - 1} more" if len(starts) > 1 else ""
        self.chosen.setText(f"Will book: {fmt.kind(booking.kind).lower()}, {fmt.day_time(booking.start)}{more}.")
        left = self.needs.rar_days_left
        outcome = self.outcome.outcome()
        if left is not None and outcome is not None and outcome.uses_rar_day:
            left -= 1
        found = [
            warning
            for n, start in enumerate(starts)
            for warning in booking_warnings_for(
                self.diary.db,
                self.context.person_id,
                start,
                booking.minutes,
                rar_days_left=left,
                rar_days_needed=n + 1,
                exclude_appointment_id=self.context.appointment_id,
                since=self.started.date().toPython(),
            )
        ]
        unique = list(dict.fromkeys(found))
        self.warnings.setText("\n".join(f"⚠ {w}" for w in unique))
        self.warnings.setVisible(bool(unique))

    def next_booking(self) -> NextBooking | None:
        """The next booking as the window stands (None for none, or not chosen yet)."""
        if self.no_next.isChecked() or not self._next_chosen:
            return None
        every = self.repeat.currentData()
        until = self.repeat_until_on.isChecked()
        return NextBooking(
            start=self.next_start.dateTime().toPython(),
            minutes=self.next_minutes.value(),
            kind=self.next_kind.currentData(),
            location=self.next_where.text().strip() or None,
            repeat_every_days=every,
            repeat_count=self.repeat_count.value() if every and not until else None,
            repeat_until=self.repeat_until.date().toPython() if every and until else None,
        )

    def record(self) -> SessionRecord:
        """What the window would save."""
        outcome = self.outcome.outcome()
        unpaid = self.form.isRowVisible(self.hours)
        return SessionRecord(
            person_id=self.context.person_id,
            appointment_id=self.context.appointment_id,
            start=self.started.dateTime().toPython(),
            minutes=self.context.minutes if self.context.appointment_id else self.spent.value(),
            kind=self.kind.currentData(),
            outcome=outcome.value if outcome else None,
            notes=self.notes.toPlainText().strip(),
            absence_reason=self.reason.text().strip(),
            evidence_due=self.evidence_due.date().toPython() if outcome is Outcome.AFTA else None,
            minutes_spent=self.spent.value(),
            hours_credited=self.hours.value() if unpaid and outcome is Outcome.ATTC else None,
            next_booking=self.next_booking(),
            rescheduled_by=self.requested_by.currentData() if outcome is Outcome.RESCHEDULED else None,
            version=self.context.version,
        )

    def save(self) -> None:
        """Ctrl+Enter: write outcome, notes, time and the next booking in one transaction."""
        if self.outcome.outcome() is None:
            self.say("Choose an outcome first: A for attended, complied, or type part of its name.")
            self.outcome.setFocus()
            return
        if not self.no_next.isChecked() and not self._next_chosen:
            self.say("Choose the next appointment: Alt+1 for the first free slot, a date and time, or Alt+0 for none.")
            (self.slot_buttons[0] if self._slots else self.next_start).setFocus()
            return
        try:
            self.result_ = record_session(self.diary.db, self.record())
        except EditConflict as exc:  # the officer's text stays in the window; saving again puts it over the other
            self.say(f"{exc} Ctrl+Enter saves yours over it.")
            self.context = replace(self.context, version=exc.current_version)
            return
        except RecordingError as exc:
            self.say(str(exc))
            return
        self.saved()
