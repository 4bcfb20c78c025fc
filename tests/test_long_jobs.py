"""Long work off the window's thread: a 1,000-person import keeps the window answering, moves its bar, and
Cancel leaves the diary exactly as before."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from diary.services.casefile import export_document
from diary.services.diary_file import Diary
from diary.services.progress import Cancelled
from diary.ui.jobs import JobDialog, run_job
from shown_window import shown_window

NOW = datetime(2026, 11, 25, 9)
PEOPLE = 1000
WORST_GAP_S = 0.1
TICK_MS = 10


def _casefile(people: int) -> dict[str, Any]:
    """A case file of `people` made-up people, each with an order, six appointments and two contact notes."""
    start = date(2026, 3, 2)
    return {
        "format": "supervision-diary/casefile",
        "version": 1,
        "people": [
            {
                "crn": f"T{n:06d}",
                "first_name": f"Test{n}",
                "last_name": "Person",
                "date_of_birth": "1990-01-01",
                "risk_level": "medium",
                "address": f"{n} Long Road\nLeeds",
                "orders": [{"id": "o1", "type": "community_order", "start_date": "2026-03-01",
                            "end_date": "2027-02-28", "requirements": [{"id": "r1", "type": "rar", "max_days": 20}]}],
                "appointments": [
                    {"start": f"{start + timedelta(weeks=w, days=n % 5):%Y-%m-%d}T{9 + n % 7:02d}:00", "minutes": 45,
                     "kind": "office", "order": "o1", "requirement": "r1", "outcome": "ATTC" if w < 4 else None}
                    for w in range(6)
                ],
                "contact_notes": [
                    {"at": f"2026-03-{3 + k:02d}T12:00", "kind": "phone", "text": f"Call {k} about the order."}
                    for k in range(2)
                ],
            }
            for n in range(people)
        ],
        "commitments": [],
    }


@pytest.fixture
def big_casefile(tmp_path: Path) -> Path:
    """1,000 people in one case file."""
    path = tmp_path / "caseload.json"
    path.write_text(json.dumps(_casefile(PEOPLE)), encoding="utf-8")
    return path


def _snapshot(diary: Diary) -> str:
    return json.dumps(export_document(diary.db), sort_keys=True)


class Watch:
    """Ticks a timer on the window's thread and samples the job's progress bar, from start() to stop()."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.values: list[int] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        self.ticks.append(time.monotonic())
        dialog = job_dialog()
        if dialog is not None and dialog.maximum() and dialog.value() >= 0:
            self.values.append(dialog.value())

    def worst_gap(self) -> float:
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:]))


def job_dialog() -> JobDialog | None:
    """The job's progress dialog, while one is up."""
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, JobDialog) and w.isVisible()), None)


def test_a_big_import_keeps_the_window_answering_and_moves_its_bar(
    qtbot: QtBot, diary: Diary, big_casefile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, diary, NOW)
    monkeypatch.setattr("diary.ui.file_flow.QFileDialog.getOpenFileName", lambda *a, **k: (str(big_casefile), ""))
    watch = Watch()
    watch.timer.start()
    window.actions["import_casefile"].trigger()
    watch.timer.stop()
    assert "Imported 1,000 people" in window.statusBar().currentMessage() or "Imported 1000 people" in window.statusBar().currentMessage()
    assert len(watch.ticks) > 20, "the timer kept firing while the import ran"
    assert watch.worst_gap() < WORST_GAP_S, f"the window went {watch.worst_gap() * 1000:.0f} ms without answering"
    moves = sorted(set(watch.values))
    assert len(moves) >= 5 and moves[-1] > moves[0], f"the bar moved: {moves}"
    assert watch.values == sorted(watch.values), "and only forwards"
    assert diary.db.check() == []


def test_cancel_leaves_the_diary_exactly_as_before(
    qtbot: QtBot, diary: Diary, big_casefile: Path, example_casefile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from diary.services.casefile import import_document
    from diary.services.casefile_schema import parse_document

    import_document(diary.db, parse_document(example_casefile))
    before = _snapshot(diary)
    window = shown_window(qtbot, diary, NOW)
    monkeypatch.setattr("diary.ui.file_flow.QFileDialog.getOpenFileName", lambda *a, **k: (str(big_casefile), ""))
    clicked: list[int] = []

    def cancel_halfway() -> None:
        dialog = job_dialog()
        if dialog is None or clicked or dialog.value() < PEOPLE // 4:
            return
        clicked.append(dialog.value())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    poll = QTimer()
    poll.timeout.connect(cancel_halfway)
    poll.start(20)
    window.actions["import_casefile"].trigger()
    poll.stop()
    assert clicked, "Cancel was clicked while the import ran"
    assert "stopped: nothing was imported" in window.statusBar().currentMessage()
    assert _snapshot(diary) == before
    assert diary.db.check() == []


def test_work_that_fails_comes_back_as_its_error_on_the_windows_thread(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)

    def fails(_progress: Any) -> None:
        raise LookupError("no such thing")

    assert run_job(parent, "Job", "Working…", fails, expected=(LookupError,)).error.args == ("no such thing",)  # type: ignore[union-attr]
    with pytest.raises(ZeroDivisionError):
        run_job(parent, "Job", "Working…", lambda _p: 1 / 0)

    def stops(_progress: Any) -> None:
        raise Cancelled()

    assert run_job(parent, "Job", "Working…", stops, cancellable=True).cancelled


def test_dropping_a_case_file_on_the_window_imports_it(
    qtbot: QtBot, diary: Diary, tmp_path: Path, example_casefile: dict[str, Any]
) -> None:
    window = shown_window(qtbot, diary, NOW)
    path = tmp_path / "one.json"
    path.write_text(json.dumps(example_casefile), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window takes a case file dragged over it"
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage())
    assert len(json.loads(_snapshot(diary))["people"]) == len(example_casefile["people"])
