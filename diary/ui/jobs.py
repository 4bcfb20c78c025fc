"""Long work off the window's thread: a worker thread, a progress bar, and Cancel where stopping loses nothing.

`run_job` starts the work in a thread, shows a window-modal progress dialog (after a moment, so quick
jobs do not flash) and keeps the window painting and answering until the work ends; then it returns
what happened. The work is a plain function taking a `Progress` (diary.services.progress): each call
reports how far it has got, yields the processor to the window, and raises `Cancelled` once the
officer has chosen Cancel. Work that writes does so in one transaction, so a cancelled job leaves the
diary exactly as it was.

Both threads share one interpreter, so anything that stops it stops the window too. The worker sleeps
a moment at each checkpoint (it keeps the normal priority: a lowered one would leave it holding the
interpreter while the system runs others, and the window waiting); and Python's full garbage collection,
which halts every thread for as long as it walks all the objects (half a second and more during a big
import), is held off while a job runs: the young generations are collected at each checkpoint instead,
and the automatic collector is back on when the job ends.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from diary.services.job_process import CANCEL, Place, child_main
from diary.services.progress import Cancelled, Progress

T = TypeVar("T")

SHOW_AFTER_MS = 300
"""A job that ends sooner never shows its dialog."""
REPORT_EVERY_S = 0.05
"""The progress bar is moved at most this often (more would only flood the window's queue)."""
YIELD_S = 0.002
"""How long the worker sleeps at each checkpoint, so the window's thread always gets its turn."""
POLL_MS = 20
"""How often the window reads a work process's messages."""
YOUNG_GENERATIONS = 1
"""Garbage collected at each checkpoint: generations 0 and 1 (milliseconds), never the whole heap."""

_running: list[str] = []


def job_running() -> bool:
    """Whether a job is under way (timed work such as the automatic backup waits for it)."""
    return bool(_running)


@dataclass
class JobOutcome(Generic[T]):
    """How a job ended: its value, the error that stopped it, or the officer's Cancel."""

    value: T | None = None
    error: Exception | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True when the job ran to its end."""
        return self.error is None and not self.cancelled


class JobDialog(QProgressDialog):
    """The progress dialog; without a Cancel button, Escape and the close box do nothing."""

    def __init__(self, title: str, label: str, cancellable: bool, parent: QWidget | None) -> None:
        """A window-modal dialog that starts as a busy bar until the job knows its size."""
        super().__init__(label, "Cancel" if cancellable else "", 0, 0, parent)
        self.cancellable = cancellable
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(24 * 60 * 60 * 1000)
        self.setMinimumWidth(420)
        if not cancellable:
            self.setCancelButton(None)

    def reject(self) -> None:
        """Escape: Cancel when the job allows it."""
        if self.cancellable:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The close box: Cancel when the job allows it."""
        if self.cancellable:
            super().closeEvent(event)
        else:
            event.ignore()


class _Worker(QObject):
    """Runs the work in its own thread and reports back through queued signals."""

    progressed = Signal(int, int)
    ended = Signal()

    def __init__(self, work: Callable[[Progress], T]) -> None:
        """Hold the work until start()."""
        super().__init__()
        self.work = work
        self.outcome: JobOutcome[T] = JobOutcome()
        self.stop = threading.Event()
        self._last_report = 0.0

    def run(self) -> None:
        """The thread's body: hold off full collections, do the work, keep how it ended."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.outcome.value = self.work(self.report)
        except Cancelled:
            self.outcome.cancelled = True
        except Exception as error:  # every failure goes back to the window, which words it for the officer
            self.outcome.error = error
        finally:
            if collecting:
                gc.enable()
            self.ended.emit()

    def report(self, done: int, total: int) -> None:
        """A checkpoint: pass the count on (not too often), give the window its turn, stop if asked."""
        now = time.monotonic()
        if now - self._last_report >= REPORT_EVERY_S or (total and done >= total):
            self._last_report = now
            self.progressed.emit(done, total)
        gc.collect(YOUNG_GENERATIONS)
        time.sleep(YIELD_S)
        if self.stop.is_set():
            raise Cancelled()


def run_job(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = False,
    expected: tuple[type[Exception], ...] = (),
) -> JobOutcome[T]:
    """Run `work` off the window's thread with a progress dialog; return once it has ended, the window live meanwhile.

    An error of an `expected` type comes back in the outcome for the caller to word; any other is raised
    again here, on the window's thread, as if the work had run there."""
    dialog = JobDialog(title, label, cancellable, parent)
    worker = _Worker(work)
    loop = QEventLoop()
    worker.progressed.connect(lambda done, total: _show_progress(dialog, done, total))
    worker.ended.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(lambda: _stopping(dialog, worker))
    show = QTimer(dialog)
    show.setSingleShot(True)
    show.timeout.connect(dialog.show)
    show.start(SHOW_AFTER_MS)
    thread = threading.Thread(target=worker.run, name=title, daemon=True)
    was_active = _active_window(parent)
    _running.append(title)
    try:
        thread.start()
        loop.exec()
        thread.join()
    finally:
        _running.remove(title)
        show.stop()
        dialog.hide()
        dialog.deleteLater()
        if was_active is not None:
            was_active.activateWindow()
    error = worker.outcome.error
    if error is not None and not isinstance(error, expected):
        raise error
    return worker.outcome


def run_in_process(
    parent: QWidget | None,
    title: str,
    label: str,
    db: Place,
    target: str,
    args: tuple[Any, ...],
    *,
    cancellable: bool = False,
    expected: tuple[type[Exception], ...] = (),
) -> JobOutcome[Any]:
    """Run writing work in a process of its own (diary.services.job_process), as `run_job` runs it in a thread.

    For the big writes (imports, the demo): the window's process then only paints, answers and moves the
    bar, whatever the work's interpreter is doing. A diary that is not a local file (a team diary on a
    server, whose password the window does not keep) has the work run in a thread instead."""
    if not isinstance(db.path, Path):
        module, name = target.split(":")
        function = getattr(importlib.import_module(module), name)
        return run_job(
            parent, title, label, lambda progress: function(db, *args, progress=progress),
            cancellable=cancellable, expected=expected,
        )
    dialog = JobDialog(title, label, cancellable, parent)
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=child_main, args=(theirs, db.path, db.key, target, args), name=title, daemon=True
    )
    outcome: JobOutcome[Any] = JobOutcome()
    loop = QEventLoop()

    def read() -> None:
        """Take every message waiting; quit the loop on the last one (or if the process died without one)."""
        try:
            while ours.poll():
                message = ours.recv()
                if message[0] == "progress":
                    _show_progress(dialog, message[1], message[2])
                    continue
                if message[0] == "done":
                    outcome.value = message[1]
                elif message[0] == "cancelled":
                    outcome.cancelled = True
                else:
                    outcome.error = message[1]
                loop.quit()
                return
        except EOFError:
            pass
        if not process.is_alive() and not ours.poll():
            outcome.error = outcome.error or RuntimeError(f"the work stopped unexpectedly (exit code {process.exitcode})")
            loop.quit()

    def cancel() -> None:
        ours.send(CANCEL)
        dialog.setLabelText("Stopping… nothing will be kept.")
        dialog.show()

    dialog.canceled.connect(cancel)
    poll = QTimer(dialog)
    poll.timeout.connect(read)
    show = QTimer(dialog)
    show.setSingleShot(True)
    show.timeout.connect(dialog.show)
    was_active = _active_window(parent)
    _running.append(title)
    try:
        process.start()
        theirs.close()
        show.start(SHOW_AFTER_MS)
        poll.start(POLL_MS)
        loop.exec()
        process.join()
    finally:
        _running.remove(title)
        poll.stop()
        show.stop()
        ours.close()
        dialog.hide()
        dialog.deleteLater()
        if was_active is not None:
            was_active.activateWindow()
    if outcome.error is not None and not isinstance(outcome.error, expected):
        raise outcome.error
    return outcome


def _show_progress(dialog: JobDialog, done: int, total: int) -> None:
    """Move the bar (a busy bar while the total is unknown)."""
    if dialog.maximum() != total:
        dialog.setMaximum(total)
    dialog.setValue(min(done, total) if total else 0)


def _stopping(dialog: JobDialog, worker: _Worker) -> None:
    """Cancel chosen: the worker stops at its next checkpoint and everything it wrote is rolled back."""
    worker.stop.set()
    dialog.setLabelText("Stopping… nothing will be kept.")
    dialog.show()


def _active_window(parent: QWidget | None) -> QWidget | None:
    """The parent's window if it has the keyboard now (it gets it back when the job's dialog goes)."""
    window = parent.window() if parent is not None else None
    return window if window is not None and window.isActiveWindow() else None
