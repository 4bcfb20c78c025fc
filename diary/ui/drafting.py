"""What every writing window shares: drafts kept a second after each change, Ctrl+Enter to save, Esc that asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from diary.services.diary_file import BlobStore
from diary.services.drafts import Draft, discard_draft, save_draft
from diary.ui.actions import SAVE_KEYS

DRAFT_INTERVAL_MS = 1000
STYLE = """
QLabel#dialogHeading { font-size: 15pt; font-weight: 600; color: palette(window-text); }
QLabel#dialogSubheading { color: palette(placeholder-text); padding-bottom: 6px; }
QLabel#hint { color: palette(placeholder-text); }
QLabel#dialogMessage { background: rgba(47, 111, 196, 0.14); border: 1px solid rgba(47, 111, 196, 0.6);
                       border-radius: 4px; padding: 6px 8px; color: palette(window-text); }
QPlainTextEdit, QTextBrowser { border: 1px solid palette(mid); border-radius: 4px; padding: 4px; }
QPlainTextEdit:focus { border: 2px solid palette(highlight); }
"""
"""Dialog styles in palette roles and translucent tints, so the light and dark themes both read well."""


class DraftingDialog(QDialog):
    """A dialog whose unsaved text is kept as an encrypted draft; Ctrl+Enter saves, Esc asks before losing text.

    Subclasses build their fields, call watch() on each text signal, and implement has_unsaved_text(),
    draft_fields() and save(); save() calls saved() once the service has written everything.
    """

    def __init__(self, blobs: BlobStore, draft_key: str, person_id: int, title: str, parent: QWidget | None) -> None:
        """A dialog keeping its drafts in blobs under draft_key."""
        super().__init__(parent)
        self.blobs = blobs
        self.draft_key = draft_key
        self.person_id = person_id
        self.draft_title = title
        self.setStyleSheet(STYLE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_INTERVAL_MS)
        self._timer.timeout.connect(self.keep_draft)
        self.message = QLabel(self)
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        save = QAction("Save", self)
        save.setObjectName("action_save_window")
        save.setShortcuts([QKeySequence(k) for k in SAVE_KEYS])
        save.triggered.connect(lambda _checked=False: self.save())
        self.addAction(save)

    def watch(self) -> None:
        """Note a change: the draft is written within a second, however fast the typing goes on."""
        if not self._timer.isActive():
            self._timer.start()

    def keep_draft(self) -> None:
        """Write the draft now (or remove it when there is nothing unsaved left)."""
        self._timer.stop()
        if self.has_unsaved_text():
            save_draft(self.blobs, Draft(self.draft_key, self.person_id, self.draft_title, self.draft_fields()))
        else:
            discard_draft(self.blobs, self.draft_key)

    def drop_draft(self) -> None:
        """Forget the draft (after a save, or a discard the officer confirmed)."""
        self._timer.stop()
        discard_draft(self.blobs, self.draft_key)

    def saved(self) -> None:
        """Close after a successful save."""
        self.drop_draft()
        self.accept()

    def say(self, text: str) -> None:
        """Show a plain-English message in the window."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reject(self) -> None:
        """Esc or Cancel: ask first if typed text would be lost."""
        if self.has_unsaved_text() and not self._confirm_discard():
            return
        self.drop_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closing the window is the same as Esc."""
        event.ignore()
        self.reject()

    def _confirm_discard(self) -> bool:
        """Ask whether to throw away what was typed; keeping it is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, "Discard what you wrote?", "", parent=self)
        box.setObjectName("discardQuestion")
        box.setText("You have written text that is not saved. Throw it away?")
        box.setInformativeText("Keep writing to go back to it; Ctrl+Enter in the window saves it.")
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep writing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        writing = QApplication.focusWidget()
        box.exec()
        if box.clickedButton() is discard:
            return True
        self.activateWindow()
        if writing is not None:
            writing.setFocus()
        return False

    def has_unsaved_text(self) -> bool:
        """True when the officer has typed something not yet saved."""
        raise NotImplementedError

    def draft_fields(self) -> dict[str, Any]:
        """The window's fields, JSON-ready, to restore from a draft."""
        raise NotImplementedError

    def save(self) -> None:
        """Write everything through the service, then call saved()."""
        raise NotImplementedError
