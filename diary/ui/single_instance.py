"""One window per data directory: the first holds the lock and listens; a second launch asks it to come forward."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from diary import APP_ID, APP_NAME
from diary.services.storage import instance_lock

REQUEST = b"come-forward\n"
REPLY = b"ok\n"
WAIT_MS = 3000


def server_name(data_dir: Path) -> str:
    """The local-socket name for one user's data directory (short: some systems limit socket paths)."""
    who = f"{getpass.getuser()}\0{Path(data_dir).expanduser().resolve()}"
    return f"{APP_ID}-{hashlib.sha256(who.encode('utf-8')).hexdigest()[:16]}"


def already_open_message(data_dir: Path, answered: bool) -> str:
    """What a second launch tells the officer before it exits."""
    if answered:
        return f"{APP_NAME} is already open on the diary in {data_dir}; that window has been brought to the front."
    return (
        f"{APP_NAME} is already open on the diary in {data_dir}, but that window did not answer. "
        "Look for it on your task bar; if it has stopped responding, close it and start again."
    )


class SingleInstance(QObject):
    """The data directory's lock plus a local server that brings this app to the front on request."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        """Not yet claimed; call claim()."""
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock = instance_lock(self.data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)

    def claim(self) -> bool:
        """Take the lock and start listening; False when another running app has the data directory."""
        if not self.lock.try_acquire():
            return False
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)
        self.server.listen(name)
        return True

    def ask_running_app_to_come_forward(self, wait_ms: int = WAIT_MS) -> bool:
        """Ask the app holding the lock to come to the front; True when it answered."""
        socket = QLocalSocket(self)
        socket.connectToServer(server_name(self.data_dir))
        if not socket.waitForConnected(wait_ms):
            return False
        socket.write(REQUEST)
        answered = socket.waitForBytesWritten(wait_ms) and socket.waitForReadyRead(wait_ms)
        answered = answered and bytes(socket.readAll().data()).startswith(REPLY)
        socket.disconnectFromServer()
        return answered

    def release(self) -> None:
        """Stop listening and let go of the lock."""
        self.server.close()
        self.lock.release()

    def _on_connection(self) -> None:
        """Accept a second launch's connection and answer its request once it arrives."""
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_request)
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self) -> None:
        """Come to the front and say so."""
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and bytes(socket.readAll().data()).startswith(REQUEST.strip()):
            self.activated.emit()
            socket.write(REPLY)
            socket.flush()


def bring_to_front(widget: QWidget | None = None) -> None:
    """Show, un-minimise, raise and activate widget (by default: the open dialog, else the main window)."""
    target = widget or QApplication.activeModalWidget() or _main_window()
    if target is None:
        return
    target.setWindowState((target.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    target.show()
    target.raise_()
    target.activateWindow()


def _main_window() -> QWidget | None:
    """The app's visible main window, if there is one."""
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return windows[0] if windows else None
