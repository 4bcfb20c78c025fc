"""Opening a form (Record session, a note, a task) without blocking, and giving the keyboard back after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QDialog, QWidget


def open_form(window: QWidget, dialog: QDialog, on_closed: Callable[[bool], None]) -> None:
    """Open the dialog window-modal without blocking; when it closes, call on_closed(saved), then refocus where the officer was."""
    origin = QApplication.focusWidget()

    def closed(result: int) -> None:
        on_closed(result == QDialog.DialogCode.Accepted)
        window.activateWindow()
        if origin is not None and origin.isVisible():
            origin.setFocus()
        dialog.deleteLater()

    dialog.finished.connect(closed)
    dialog.open()
