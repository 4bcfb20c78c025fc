"""Locking the diary: after the idle time in Preferences, when the computer sleeps or its screen locks, and on Ctrl+L.

Locked, every window of the diary hides what it shows: the main window and any dialog waiting for an
answer are covered by the unlock screen (and their controls disabled), other windows such as Record
session are hidden with their text kept (their drafts are written, encrypted, first) and come back,
as they were, once the passphrase is typed. Copied personal text is cleared from the clipboard.

What counts as the computer sleeping or its screen locking (best effort, no extra packages):
- the time the computer spent asleep (Linux: CLOCK_BOOTTIME - CLOCK_MONOTONIC; macOS: the wall clock
  against the monotonic clock) growing by more than a minute between two checks;
- Qt saying the application was suspended, or a screen being removed (a laptop taken off its dock);
- on Linux desktops, through QtDBus: logind's PrepareForSleep and the session's Lock signal (system
  bus), and the ScreenSaver ActiveChanged signal of freedesktop (KDE, Xfce...) and GNOME (session bus).
Windows and macOS screen-lock notifications are not watched; there the idle time and sleep catch it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QSize, QTimer, Signal, Slot, SLOT
from PySide6.QtGui import QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from diary import APP_NAME
from diary.domain.text import plural
from diary.services import passphrase as passphrases
from diary.services.errors import KeyFileError
from diary.services.preferences import get_lock_minutes
from diary.ui.clipboard import secret_clipboard
from diary.ui.drafting import DraftingDialog

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

    from diary.services.diary_file import Diary
    from diary.ui.actions import ActionRegistry

Clock = Callable[[], float]
CHECK_MS = 10_000
"""How often the idle time and sleep are checked."""
SLEEP_GAP_S = 60.0
"""More time asleep than this between two checks means the computer slept: lock."""
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
WRONG = "That passphrase is not right, so the diary stays locked ({tries}). Try again."
LOCKED_TITLE = f"{APP_NAME} (locked)"
MIN_COVER = QSize(460, 240)
"""A window smaller than this (a question box) is enlarged while locked, so the unlock form fits."""
MAX_POPUPS = 10
"""Popups (menus inside menus) closed when locking, at most."""
MAX_SIZE = 16_777_215
"""Qt's QWIDGETSIZE_MAX: no upper limit."""
REASONS = {
    "idle": "Locked after {minutes} without use.",
    "asked": "Locked when you asked (Ctrl+L).",
    "sleep": "Locked because the computer went to sleep.",
    "screen": "Locked because the screen was locked.",
}


def seconds_asleep() -> float:
    """Roughly how long the computer has spent asleep since it started (only the changes matter)."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME) - time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.time() - time.monotonic()


def seconds_now() -> float:
    """A clock that keeps running while the computer sleeps, for measuring idle time."""
    return time.monotonic() + seconds_asleep()


class UnlockPanel(QWidget):
    """The unlock form: what happened, the passphrase field, the Unlock button and what went wrong."""

    submitted = Signal(str)

    def __init__(self, encrypted: bool, parent: QWidget | None = None) -> None:
        """A form asking for the passphrase (or, for a diary without one, just a button to show it)."""
        super().__init__(parent)
        self.setObjectName("unlockPanel")
        heading = QLabel(f"{APP_NAME} is locked", self)
        heading.setObjectName("lockHeading")
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.reason = QLabel(self)
        self.reason.setObjectName("lockReason")
        self.reason.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("lockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setPlaceholderText("Your passphrase")
        self.field.setVisible(encrypted)
        self.button = QPushButton("&Unlock" if encrypted else "&Show the diary", self)
        self.button.setObjectName("unlockButton")
        self.error = QLabel(self)
        self.error.setObjectName("lockError")
        self.error.setStyleSheet("color: #a01818;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.reason)
        if encrypted:
            layout.addWidget(QLabel("Type your passphrase to go back to your work, just as you left it.", self))
        layout.addWidget(self.field)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        self.field.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.setFixedWidth(420)

    def _submit(self) -> None:
        """Ask to unlock with what was typed."""
        self.submitted.emit(self.field.text())

    def say(self, reason: str, error: str = "") -> None:
        """Show why the diary is locked, and what went wrong (if anything); empty the field."""
        self.reason.setText(reason)
        self.error.setText(error)
        self.error.setVisible(bool(error))
        self.field.clear()

    def take_focus(self) -> None:
        """Put the cursor in the passphrase field (or on the button)."""
        (self.field if self.field.isVisible() else self.button).setFocus()


class LockCover(QWidget):
    """An opaque cover over a whole window, holding the unlock form; the window's own controls are disabled."""

    def __init__(self, window: QWidget, encrypted: bool) -> None:
        """Cover window (until removed)."""
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.target = window
        self.panel = UnlockPanel(encrypted, self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.title = window.windowTitle()
        self.sizes_before: tuple[QSize, QSize, QSize] | None = None
        self.disabled = [
            child
            for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if child is not self and not child.isWindow() and not child.testAttribute(Qt.WidgetAttribute.WA_Disabled)
        ]
        for child in self.disabled:
            child.setEnabled(False)
        self.needed = self.sizeHint().expandedTo(MIN_COVER)
        self._make_room()
        window.setWindowTitle(LOCKED_TITLE)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def _make_room(self) -> None:
        """Enlarge a window too small for the unlock form (question boxes fix their own size, so lift that too)."""
        window = self.target
        if window.width() >= self.needed.width() and window.height() >= self.needed.height():
            return
        if self.sizes_before is None:
            self.sizes_before = (window.size(), window.minimumSize(), window.maximumSize())
        window.setMinimumSize(window.size().expandedTo(self.needed))
        window.setMaximumSize(MAX_SIZE, MAX_SIZE)
        window.resize(window.size().expandedTo(self.needed))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keep covering the window as it is resized (and keep room for the form)."""
        if watched is self.target and event.type() == QEvent.Type.Resize:
            self._make_room()
            self.setGeometry(self.target.rect())
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Keys stop here: Esc must not close the dialog underneath."""
        event.accept()

    def remove(self) -> None:
        """Uncover the window as it was: its controls, title and size."""
        self.target.removeEventFilter(self)
        for child in self.disabled:
            if shiboken6.isValid(child):
                child.setEnabled(True)
        self.target.setWindowTitle(self.title)
        if self.sizes_before is not None:
            size, smallest, largest = self.sizes_before
            self.target.setMinimumSize(smallest)
            self.target.setMaximumSize(largest)
            self.target.resize(size)
        self.hide()
        self.deleteLater()


class DesktopLockSignals(QObject):
    """Linux desktops' 'going to sleep' and 'screen locked' signals over D-Bus, as one lock_requested signal."""

    lock_requested = Signal(str)

    def __init__(
        self, parent: QObject | None = None, session_bus: QDBusConnection | None = None, system_bus: QDBusConnection | None = None
    ) -> None:
        """Listen on the given buses (by default the desktop's own, where there are any)."""
        super().__init__(parent)
        self.watching: list[str] = []
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        if session.isConnected():
            for interface in ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"):
                self._listen(session, "", "", interface, "ActiveChanged", "screen_saver_active(bool)")
        if system.isConnected():
            login = "org.freedesktop.login1"
            self._listen(system, login, "/org/freedesktop/login1", f"{login}.Manager", "PrepareForSleep", "going_to_sleep(bool)")
            self._listen(system, login, logind_session_path(), f"{login}.Session", "Lock", "session_locked()")

    def _listen(self, bus: QDBusConnection, service: str, path: str, interface: str, name: str, slot: str) -> None:
        """Connect one D-Bus signal to one of this object's slots, noting it if that worked."""
        if bus.connect(service, path, interface, name, self, SLOT(slot)):
            self.watching.append(f"{interface}.{name}")

    @Slot(bool)
    def screen_saver_active(self, active: bool) -> None:
        """The screen saver started (the screen locks with it)."""
        if active:
            self.lock_requested.emit("screen")

    @Slot(bool)
    def going_to_sleep(self, starting: bool) -> None:
        """The computer is about to sleep or hibernate."""
        if starting:
            self.lock_requested.emit("sleep")

    @Slot()
    def session_locked(self) -> None:
        """The desktop session was locked (loginctl lock-session, or the desktop's own lock)."""
        self.lock_requested.emit("screen")


def logind_session_path() -> str:
    """logind's object path for this desktop session, or '' (any session) when it is not known."""
    session = os.environ.get("XDG_SESSION_ID", "")
    if not session:
        return ""
    escaped = "".join(
        ch if ch.isascii() and ch.isalnum() and not (i == 0 and ch.isdigit()) else f"_{ord(ch):02x}"
        for i, ch in enumerate(session)
    )
    return f"/org/freedesktop/login1/session/{escaped}"


class LockGuard(QObject):
    """Watches for idleness, sleep, screen locks and Ctrl+L, and locks and unlocks every window of the diary."""

    locked_changed = Signal(bool)

    def __init__(
        self, window: QWidget, diary: Diary, actions: ActionRegistry, clock: Clock = seconds_now, asleep: Clock = seconds_asleep
    ) -> None:
        """Guard the diary shown in window (whose actions hold Lock now); clock measures idle time and asleep the time
        spent asleep (tests inject both)."""
        super().__init__(window)
        self.window = window
        self.diary = diary
        self.actions = actions
        self.locked = False
        self.reason = ""
        self.wrong_tries = 0
        self.covers: list[LockCover] = []
        self.hidden: list[QWidget] = []
        self.focus: QWidget | None = None
        self.set_clocks(clock, asleep)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)
        app.screenRemoved.connect(self._screen_removed)
        self.desktop = DesktopLockSignals(self)
        self.desktop.lock_requested.connect(self.lock)
        actions.connect("lock", lambda: self.lock("asked"))

    def set_clocks(self, clock: Clock, asleep: Clock) -> None:
        """Measure from now with these clocks."""
        self.clock = clock
        self.asleep = asleep
        self.last_input = clock()
        self.last_asleep = asleep()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Note every key press, click and mouse move; Ctrl+L in another window of the diary locks too."""
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.last_input = self.clock()
            if kind == QEvent.Type.KeyPress and not self.locked and self.window.isVisible() and self._is_lock_key(event):  # type: ignore[arg-type]
                self.lock("asked")
                return True
        return False

    def _is_lock_key(self, event: QKeyEvent) -> bool:
        """Whether a key press is the Lock now key (as the officer has it set)."""
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch for keys in self.actions["lock"].shortcuts())

    def minutes(self) -> int:
        """The idle time before locking, as set in Preferences."""
        return get_lock_minutes(self.diary.db)

    def check(self) -> None:
        """Lock if the computer slept since the last check, or nobody has used the diary for the idle time."""
        asleep = self.asleep()
        slept = asleep - self.last_asleep > SLEEP_GAP_S
        self.last_asleep = asleep
        if self.locked or not self.window.isVisible():
            return
        if slept:
            self.lock("sleep")
        elif self.clock() - self.last_input >= self.minutes() * 60:
            self.lock("idle")

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        """Lock when the system suspends the application."""
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock("sleep")

    def _screen_removed(self, _screen: QScreen) -> None:
        """Lock when a screen goes (a laptop taken off its dock, a projector unplugged)."""
        self.lock("screen")

    def lock(self, reason: str = "asked") -> None:
        """Hide every window's personal data behind the unlock screen (a closed window has nothing to hide)."""
        if self.locked or not self.window.isVisible():
            return
        self.locked = True
        self.reason = REASONS.get(reason, REASONS["asked"]).format(minutes=plural(self.minutes(), "minute"))
        self.wrong_tries = 0
        self.focus = QApplication.focusWidget()
        for _ in range(MAX_POPUPS):  # open menus, lists of choices and completions
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        QToolTip.hideText()
        encrypted = self.diary.encrypted
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible() or widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                continue
            if isinstance(widget, DraftingDialog):
                widget.keep_draft()
            if widget.windowModality() == Qt.WindowModality.ApplicationModal:
                self.covers.append(LockCover(widget, encrypted))
            else:
                widget.hide()
                self.hidden.append(widget)
        self.covers.insert(0, LockCover(self.window, encrypted))
        for cover in self.covers:
            cover.panel.say(self.reason)
            cover.panel.submitted.connect(self.try_unlock)
        secret_clipboard().clear_if_ours()
        self._focus_unlock()
        self.locked_changed.emit(True)

    def _focus_unlock(self) -> None:
        """The cursor in the unlock form of the window the officer can type in (a waiting dialog, else the main window)."""
        modal = QApplication.activeModalWidget()
        cover = next((c for c in self.covers if c.target is modal), self.covers[0])
        cover.target.activateWindow()
        cover.panel.take_focus()

    def try_unlock(self, passphrase: str) -> None:
        """Unlock with the passphrase, or say plainly that it is not right."""
        if not self.locked:
            return
        if self.diary.encrypted:
            try:
                right = passphrases.is_right(self.diary, passphrase)
            except KeyFileError as exc:
                self._refuse(str(exc))
                return
            if not right:
                self.wrong_tries += 1
                self._refuse(WRONG.format(tries=plural(self.wrong_tries, "wrong try", "wrong tries")))
                return
        self.unlock()

    def _refuse(self, error: str) -> None:
        """Stay locked, saying why."""
        for cover in self.covers:
            cover.panel.say(self.reason, error)
        self._focus_unlock()

    def unlock(self) -> None:
        """Show everything again as it was: covers off, hidden windows back, the cursor where it was."""
        for cover in self.covers:
            cover.remove()
        self.covers.clear()
        hidden = [widget for widget in self.hidden if shiboken6.isValid(widget)]
        for widget in hidden:
            widget.show()
        self.hidden.clear()
        self.locked = False
        self.last_input = self.clock()
        focus, self.focus = self.focus, None
        waiting = [widget for widget in hidden if widget.isModal()]
        if waiting:
            focus = waiting[-1].focusWidget() or waiting[-1]
        elif focus is None or not shiboken6.isValid(focus) or not focus.isVisible():
            focus = self.window
        focus.window().activateWindow()
        focus.setFocus()
        self.locked_changed.emit(False)
