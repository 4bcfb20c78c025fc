"""Locking: idle time (with an injected clock), sleep, Ctrl+L and desktop signals hide everything until the passphrase."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QVBoxLayout
from pytestqt.qtbot import QtBot

from conftest import TEST_PASSPHRASE
from diary.services.diary_file import Diary
from diary.services.drafts import list_drafts
from diary.services.preferences import set_lock_minutes
from diary.store.models import Appointment, Person, SentenceOrder
from diary.ui.clipboard import secret_clipboard
from diary.ui.lock import CHECK_MS, LOCKED_TITLE, DesktopLockSignals, LockCover, LockGuard, logind_session_path
from diary.ui.main_window import MainWindow
from diary.ui.record_session import RecordSessionDialog
from shown_window import shown_window

NOW = datetime(2026, 3, 3, 11, 30)
CTRL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    """Seconds that move only when the test says."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class Clocks:
    """The idle clock and the time-asleep clock of a window's lock, moved on in the lock's own 10-second checks."""

    def __init__(self, guard: LockGuard) -> None:
        self.guard = guard
        self.idle = FakeClock()
        self.asleep = FakeClock(0.0)
        guard.set_clocks(self.idle, self.asleep)

    def wait(self, seconds: float) -> None:
        """Let time pass with nobody touching the diary, the lock checking as its timer would."""
        step = CHECK_MS / 1000
        while seconds > 0:
            self.idle.now += min(step, seconds)
            seconds -= step
            self.guard.timer.timeout.emit()

    def sleep(self, seconds: float) -> None:
        """The computer sleeps (its idle clock keeps going, as CLOCK_BOOTTIME does), then the next check runs."""
        self.idle.now += seconds
        self.asleep.now += seconds
        self.guard.timer.timeout.emit()


@pytest.fixture
def window(qtbot: QtBot, diary: Diary) -> MainWindow:
    with diary.db.transaction() as s:
        person = Person(crn="X123456", first_name="Jon", last_name="Smith", reporting_frequency_days=7, risk_level="medium")
        person.orders.append(SentenceOrder(ref="o1", type="community_order", start_date=date(2026, 1, 10), end_date=date(2027, 1, 9)))
        s.add(person)
        s.flush()
        s.add(Appointment(person_id=person.id, start=datetime(2026, 3, 3, 10, 0), minutes=45, kind="office"))
    win = shown_window(qtbot, diary, NOW)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


@pytest.fixture
def clocks(window: MainWindow) -> Clocks:
    return Clocks(window.lock)


def _cover(window: MainWindow) -> LockCover:
    covers = [c for c in window.findChildren(LockCover) if c.target is window]
    assert len(covers) == 1
    return covers[0]


def _assert_locked(window: MainWindow) -> None:
    assert window.lock.locked
    cover = _cover(window)
    assert cover.isVisible() and cover.geometry() == window.rect()
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    assert window.windowTitle() == LOCKED_TITLE


def _unlock(qtbot: QtBot, window: MainWindow, passphrase: str = TEST_PASSPHRASE) -> None:
    field = _cover(window).panel.field
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_idle_past_the_limit_locks(qtbot: QtBot, window: MainWindow, clocks: Clocks) -> None:
    clocks.wait(4 * 60 + 50)
    assert not window.lock.locked and not window.findChildren(LockCover)
    clocks.wait(10)
    _assert_locked(window)
    panel = _cover(window).panel
    assert panel.reason.text() == "Locked after 5 minutes without use."
    qtbot.waitUntil(panel.field.hasFocus)


def test_input_before_the_limit_keeps_the_diary_open(qtbot: QtBot, window: MainWindow, clocks: Clocks) -> None:
    clocks.wait(4 * 60)
    qtbot.keyClick(window.today.today_table, Qt.Key.Key_Down)
    clocks.wait(4 * 60)
    qtbot.mouseMove(window.today.today_table)
    qtbot.mouseClick(window.today.today_table.viewport(), Qt.MouseButton.LeftButton)
    clocks.wait(4 * 60 + 50)
    assert not window.lock.locked
    clocks.wait(10)
    assert window.lock.locked


def test_the_lock_time_comes_from_preferences(window: MainWindow, diary: Diary, clocks: Clocks) -> None:
    set_lock_minutes(diary.db, 2)
    clocks.wait(110)
    assert not window.lock.locked
    clocks.wait(10)
    assert window.lock.locked
    assert _cover(window).panel.reason.text() == "Locked after 2 minutes without use."


def test_the_computer_sleeping_locks_at_once(window: MainWindow, clocks: Clocks) -> None:
    clocks.wait(30)
    assert not window.lock.locked
    clocks.sleep(90)
    _assert_locked(window)
    assert _cover(window).panel.reason.text() == "Locked because the computer went to sleep."


def test_ctrl_l_locks_and_nothing_behind_the_lock_answers_keys(qtbot: QtBot, window: MainWindow) -> None:
    secret_clipboard().copy("Jon Smith, X123456")
    qtbot.keyClick(window.today.today_table, Qt.Key.Key_L, CTRL)
    _assert_locked(window)
    assert QGuiApplication.clipboard().text() == ""
    assert _cover(window).panel.reason.text() == "Locked when you asked (Ctrl+L)."
    for key in (Qt.Key.Key_R, Qt.Key.Key_3, Qt.Key.Key_Q):
        qtbot.keyClick(QApplication.focusWidget(), key, CTRL)
    assert window.recording.dialog is None and window.isVisible()
    assert window.stack.currentWidget() is window.today


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")  # offscreen popups
def test_an_open_menu_is_closed_by_the_lock(qtbot: QtBot, window: MainWindow) -> None:
    menu = window.menuBar().findChild(QMenu, "menu_person")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    window.lock.lock("asked")
    assert not menu.isVisible() and QApplication.activePopupWidget() is None
    _assert_locked(window)


def test_wrong_passphrase_stays_locked_and_the_right_one_unlocks(qtbot: QtBot, window: MainWindow) -> None:
    window.today.today_table.setFocus()
    qtbot.keyClick(window.today.today_table, Qt.Key.Key_L, CTRL)
    panel = _cover(window).panel
    for tries in ("1 wrong try", "2 wrong tries"):
        _unlock(qtbot, window, "correct horse battery stable")
        _assert_locked(window)
        assert panel.error.isVisible()
        assert panel.error.text() == f"That passphrase is not right, so the diary stays locked ({tries}). Try again."
        assert panel.field.text() == ""
    _unlock(qtbot, window)
    assert not window.lock.locked
    assert not window.findChildren(LockCover) or not _cover(window).isVisible()
    assert window.centralWidget().isEnabled() and window.menuBar().isEnabled()
    assert window.windowTitle() != LOCKED_TITLE
    qtbot.waitUntil(window.today.today_table.hasFocus)


def test_an_open_record_session_is_hidden_and_comes_back_with_its_text(
    qtbot: QtBot, window: MainWindow, diary: Diary
) -> None:
    qtbot.keyClick(window.today.today_table, Qt.Key.Key_R, CTRL)
    dialog = window.recording.dialog
    assert isinstance(dialog, RecordSessionDialog)
    qtbot.waitUntil(dialog.outcome.hasFocus)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Disclosed a new partner; address to check.")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_L, CTRL)

    _assert_locked(window)
    assert not dialog.isVisible()
    assert [d.fields["notes"] for d in list_drafts(diary.blobs)] == ["Disclosed a new partner; address to check."]
    _unlock(qtbot, window, "not it")
    assert not dialog.isVisible()
    _unlock(qtbot, window)

    assert not window.lock.locked
    qtbot.waitUntil(dialog.isVisible)
    assert window.recording.dialog is dialog and dialog.result() == 0
    assert dialog.notes.toPlainText() == "Disclosed a new partner; address to check."
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(dialog.notes.hasFocus)


def test_a_dialog_waiting_for_an_answer_is_covered_and_unlocks_from_there(qtbot: QtBot, window: MainWindow) -> None:
    dialog = QDialog(window)
    dialog.setWindowTitle("Attach to Jon Smith")
    field = QLineEdit("Jon Smith's licence conditions", dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()

    window.lock.lock("screen")
    cover = next(c for c in dialog.findChildren(LockCover))
    assert cover.isVisible() and cover.geometry() == dialog.rect() and cover.panel.geometry().bottom() < dialog.height()
    assert not field.isEnabled() and dialog.windowTitle() == LOCKED_TITLE and dialog.isVisible()
    assert cover.panel.reason.text() == "Locked because the screen was locked."
    qtbot.waitUntil(cover.panel.field.hasFocus)
    qtbot.keyClick(cover.panel.field, Qt.Key.Key_Escape)
    assert dialog.isVisible()

    qtbot.keyClicks(cover.panel.field, TEST_PASSPHRASE)
    qtbot.keyClick(cover.panel.field, Qt.Key.Key_Return)
    assert not window.lock.locked
    assert field.isEnabled() and field.text() == "Jon Smith's licence conditions"
    assert dialog.windowTitle() == "Attach to Jon Smith" and dialog.size() == size
    dialog.close()


def test_logind_session_path_is_escaped_as_systemd_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_SESSION_ID", "2")
    assert logind_session_path() == "/org/freedesktop/login1/session/_32"
    monkeypatch.setenv("XDG_SESSION_ID", "c1")
    assert logind_session_path() == "/org/freedesktop/login1/session/c1"
    monkeypatch.delenv("XDG_SESSION_ID")
    assert logind_session_path() == ""


@pytest.fixture
def private_bus() -> Iterator[str]:
    """A D-Bus daemon of the test's own, standing in for the desktop's session and system buses."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(10)


def test_desktop_sleep_and_screen_lock_signals_lock_the_diary(qtbot: QtBot, window: MainWindow, private_bus: str) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    listener = QDBusConnection.connectToBus(private_bus, "diary-lock-listener")
    sender = QDBusConnection.connectToBus(private_bus, "diary-lock-sender")
    try:
        assert sender.registerService("org.freedesktop.login1")
        signals = DesktopLockSignals(window, session_bus=listener, system_bus=listener)
        assert set(signals.watching) == {
            "org.freedesktop.ScreenSaver.ActiveChanged",
            "org.gnome.ScreenSaver.ActiveChanged",
            "org.freedesktop.login1.Manager.PrepareForSleep",
            "org.freedesktop.login1.Session.Lock",
        }
        signals.lock_requested.connect(window.lock.lock)
        heard: list[str] = []
        signals.lock_requested.connect(heard.append)

        def emit(path: str, interface: str, name: str, *args: object) -> None:
            message = QDBusMessage.createSignal(path, interface, name)
            message.setArguments(list(args))
            assert sender.send(message)

        emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", False)
        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", True)
        qtbot.waitUntil(lambda: window.lock.locked)
        assert heard == ["sleep"]
        assert _cover(window).panel.reason.text() == "Locked because the computer went to sleep."
        window.lock.unlock()

        emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
        qtbot.waitUntil(lambda: window.lock.locked)
        window.lock.unlock()
        emit(logind_session_path() or "/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session", "Lock")
        qtbot.waitUntil(lambda: heard == ["sleep", "screen", "screen"])
        assert window.lock.locked
    finally:
        QDBusConnection.disconnectFromBus("diary-lock-listener")
        QDBusConnection.disconnectFromBus("diary-lock-sender")
