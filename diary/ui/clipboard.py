"""Personal text on the clipboard: marked so clipboard managers and clipboard history skip it, cleared after 30 s.

Every copy of personal text goes through `secret_clipboard().copy(text)`. The same object also marks
what the officer copies out of the diary's own fields and tables (Ctrl+C, or Copy in a menu) on the
platforms where Qt can tell the diary owns the clipboard (X11, Wayland, Windows, macOS), and clears
that too. The marks are the ones password managers use:
- x-kde-passwordManagerHint = secret: Klipper, GPaste, CopyQ and other Linux clipboard managers;
- ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0 and
  CanUploadToCloudClipboard = 0: Windows clipboard monitors, Clipboard History and the cloud clipboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
SECRET_HINT = "x-kde-passwordManagerHint"
WINDOWS_EXCLUDE = "ExcludeClipboardContentFromMonitorProcessing"
WINDOWS_NO_HISTORY = "CanIncludeInClipboardHistory"
WINDOWS_NO_CLOUD = "CanUploadToCloudClipboard"
_DWORD_ZERO = b"\x00\x00\x00\x00"
MARKS: dict[str, bytes] = {
    SECRET_HINT: b"secret",
    WINDOWS_EXCLUDE: _DWORD_ZERO,
    WINDOWS_NO_HISTORY: _DWORD_ZERO,
    WINDOWS_NO_CLOUD: _DWORD_ZERO,
}


def secret_mime(text: str) -> QMimeData:
    """Plain text with every mark that asks clipboard managers and history not to keep it."""
    mime = QMimeData()
    mime.setText(text)
    for name, value in MARKS.items():
        mime.setData(name, QByteArray(value))
    return mime


def is_marked(mime: QMimeData | None) -> bool:
    """Whether clipboard contents carry the secret mark."""
    return mime is not None and mime.hasFormat(SECRET_HINT)


class SecretClipboard(QObject):
    """Copies personal text marked secret, and empties the clipboard 30 s later if it still holds that text."""

    def __init__(self, parent: QObject | None = None, owns: Callable[[], bool] | None = None) -> None:
        """Watch the application's clipboard; owns says whether this application put what is on it there."""
        super().__init__(parent)
        self.clipboard: QClipboard = QGuiApplication.clipboard()
        self.owns = owns or self.clipboard.ownsClipboard
        self.copied: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CLEAR_AFTER_MS)
        self.timer.timeout.connect(self.clear_if_ours)
        self.clipboard.dataChanged.connect(self._mark_own_copy)

    def copy(self, text: str) -> None:
        """Put text on the clipboard, marked secret, to be cleared in 30 seconds."""
        self.copied = text
        self.clipboard.setMimeData(secret_mime(text))
        self.timer.start()

    def clear_if_ours(self) -> None:
        """Empty the clipboard if it still holds the text the diary put there."""
        self.timer.stop()
        if self.copied is not None and self.clipboard.text() == self.copied:
            self.clipboard.clear()
        self.copied = None

    def _mark_own_copy(self) -> None:
        """Text copied out of the diary's own widgets: put it back marked, and clear it in 30 seconds."""
        if is_marked(self.clipboard.mimeData()) or not self.owns():
            return
        text = self.clipboard.text()
        if text:
            self.copy(text)


def secret_clipboard() -> SecretClipboard:
    """The application's one SecretClipboard (made on first use; clears what is ours when the app quits)."""
    app = QCoreApplication.instance()
    assert app is not None, "the clipboard needs a QApplication"
    found = app.findChild(SecretClipboard, "secretClipboard")
    if found is None:
        found = SecretClipboard(app)
        found.setObjectName("secretClipboard")
        app.aboutToQuit.connect(found.clear_if_ours)
    return found
