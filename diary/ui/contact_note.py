"""The contact-note window: a call, an email or another agency, and editing a saved note with its history kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diary.domain.vocab import ContactNoteKind
from diary.services.diary_file import Diary
from diary.services.drafts import Draft, note_key
from diary.services.person import NoteInfo
from diary.services.recording import EditConflict, RecordingError, add_contact_note, edit_contact_note, note_history
from diary.ui import formatting as fmt
from diary.ui.drafting import DraftingDialog

NOTE_KINDS = (ContactNoteKind.PHONE, ContactNoteKind.EMAIL, ContactNoteKind.OTHER_AGENCY, ContactNoteKind.TEXT_MESSAGE,
              ContactNoteKind.VIDEO, ContactNoteKind.FACE_TO_FACE, ContactNoteKind.OTHER)


class ContactNoteDialog(DraftingDialog):
    """A new contact note for a person, or a saved note edited (its earlier text is kept and shown)."""

    def __init__(
        self,
        diary: Diary,
        person_id: int,
        person_name: str,
        now: datetime,
        note: NoteInfo | None = None,
        parent: QWidget | None = None,
        draft: Draft | None = None,
    ) -> None:
        """A window for a new note (note None) or for editing note; a draft fills in what was typed."""
        title = f"Note about {person_name}" if note is None else f"Edit of a note about {person_name}, {fmt.day_time(note.at)}"
        super().__init__(diary.blobs, note_key(person_id, note.id if note else None), person_id, title, parent)
        self.diary = diary
        self.note = note
        self.saved_id: int | None = None
        self.setObjectName("contactNoteDialog")
        self.setWindowTitle(("New contact note: " if note is None else "Edit note: ") + person_name)
        heading = QLabel(person_name, self)
        heading.setObjectName("dialogHeading")
        self.kind = QComboBox(self)
        for kind in NOTE_KINDS:
            self.kind.addItem(kind.label, kind.value)
        self.at = QDateTimeEdit(QDateTime(QDate(now.year, now.month, now.day), now.time().replace(second=0, microsecond=0)), self)
        self.at.setDisplayFormat("ddd d MMM yyyy   HH:mm")
        self.at.setCalendarPopup(True)
        self.spent = QSpinBox(self)
        self.spent.setRange(0, 24 * 60)
        self.spent.setSingleStep(5)
        self.spent.setSuffix(" min")
        self.sensitive = QCheckBox("Sensitive", self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("noteText")
        self.text.setAccessibleName("Note")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 14 + 16)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("&Kind", self.kind)
        form.addRow("&When", self.at)
        form.addRow("&Time spent", self.spent)
        form.addRow("", self.sensitive)
        form.addRow("&Note", self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addLayout(form, 1)
        if note is not None:
            self._show_existing(note)
            about = QLabel(f"Editing the note of {fmt.day_time(note.at)}. The text it replaces is kept below.", self)
            about.setObjectName("dialogSubheading")
            layout.insertWidget(1, about)
            history_label = QLabel("Earlier versions", self)
            history_label.setObjectName("sectionLabel")
            layout.addWidget(history_label)
            layout.addWidget(self._history(note))
        if draft is not None:
            self.text.setPlainText(draft.fields.get("text", ""))
            self.kind.setCurrentIndex(max(0, self.kind.findData(draft.fields.get("kind"))))
        buttons = QDialogButtonBox(self)
        save = buttons.addButton("Save   Ctrl+Enter", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("primary")
        save.setAutoDefault(False)
        cancel = buttons.addButton("Cancel   Esc", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self.watch)
        self.resize(640, 560 if note is None else 720)
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def _show_existing(self, note: NoteInfo) -> None:
        """Fill in a saved note; only its text can change."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(note.kind)))
        self.at.setDateTime(QDateTime(QDate(note.at.year, note.at.month, note.at.day), note.at.time()))
        self.sensitive.setChecked(note.sensitive)
        for widget in (self.kind, self.at, self.spent, self.sensitive):
            widget.setEnabled(False)
        self.text.setPlainText(note.text)

    def _history(self, note: NoteInfo) -> QTextBrowser:
        """The note's earlier texts, newest first."""
        history = QTextBrowser(self)
        history.setObjectName("noteHistory")
        history.setAccessibleName("Earlier versions of this note")
        versions = note_history(self.diary.db, note.id)
        if not versions:
            history.setPlainText("None yet: this is the text as first saved.")
        else:
            history.setPlainText("\n\n".join(f"Replaced {fmt.day_time(at)}:\n{text}" for at, text in reversed(versions)))
        history.setMaximumHeight(140)
        return history

    def has_unsaved_text(self) -> bool:
        """True when the text differs from what is saved."""
        saved = self.note.text if self.note else ""
        return self.text.toPlainText().strip() != saved.strip()

    def draft_fields(self) -> dict[str, Any]:
        """The typed text, and which note it belongs to."""
        return {
            "window": "note",
            "note_id": self.note.id if self.note else None,
            "kind": self.kind.currentData(),
            "text": self.text.toPlainText(),
        }

    def save(self) -> None:
        """Ctrl+Enter: save the note (an edit keeps the earlier text in the note's history)."""
        text = self.text.toPlainText().strip()
        try:
            if self.note is None:
                self.saved_id = add_contact_note(
                    self.diary.db,
                    self.person_id,
                    text,
                    self.kind.currentData(),
                    self.at.dateTime().toPython(),
                    self.sensitive.isChecked(),
                    self.spent.value() or None,
                )
            else:
                edit_contact_note(self.diary.db, self.note.id, text, self.note.version)
                self.saved_id = self.note.id
        except EditConflict as exc:  # the officer's text stays in the window; saving again puts it over the other
            self.say(f"{exc} Save again to put yours over it.")
            self.note = replace(self.note, version=exc.current_version or self.note.version)
            return
        except RecordingError as exc:
            self.say(str(exc))
            return
        self.saved()
