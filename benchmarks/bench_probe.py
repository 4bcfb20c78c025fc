"""The Qt half of `diary bench`, run in its own process: the week view, search as typed, the weekly PDF, the caseload.

`python benchmarks/bench_probe.py REQUEST` takes a JSON request (the diary's folder and what to time, see
`harness.py`) and prints one JSON object of timings in milliseconds, one per repetition,
measured through the real widgets on Qt's offscreen platform.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date, datetime, time as clock
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, qVersion  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from diary.reports.documents import write_week_pdf  # noqa: E402
from diary.services.diary_file import Diary, open_any  # noqa: E402
from diary.ui.app import make_application  # noqa: E402
from diary.ui.main_window import MainWindow  # noqa: E402
from diary.ui.search_view import SearchView  # noqa: E402
from diary.ui.week_view import WeekView  # noqa: E402
from harness import timed  # noqa: E402


def week_view_ms(diary: Diary, now: datetime, busy: date, other: date, warmups: int, repeats: int) -> list[float]:
    """Showing the busy week in the week view: its bookings and commitments loaded, laid out and painted
    (coming from another week each time, as paging does)."""
    view = WeekView(diary, lambda: now)
    view.resize(1400, 900)
    view.show()
    QApplication.processEvents()

    durations: list[float] = []
    for _ in range(warmups + repeats):
        view.show_date(other)
        started = time.perf_counter()
        view.show_date(busy)
        view.repaint()
        durations.append((time.perf_counter() - started) * 1000)
    view.close()
    return durations[warmups:]


def search_ms(diary: Diary, today: date, typed: list[str]) -> list[float]:
    """Each keystroke of each typed text: the key pressed in the search box, the search run when the
    view's typing pause ends, the results shown and painted."""
    view = SearchView(diary, lambda: datetime.combine(today, clock(12)))
    view.resize(1400, 900)
    view.show()
    view.box.setText(typed[0])
    view.search()
    QApplication.processEvents()
    taken = []
    for text in typed:
        view.box.clear()
        view.search()
        for char in text:
            started = time.perf_counter()
            QTest.keyClicks(view.box, char)
            while view.timer.isActive():
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            view.repaint()
            taken.append((time.perf_counter() - started) * 1000)
    view.close()
    return taken


def caseload_ms(diary: Diary, now: datetime, warmups: int, repeats: int) -> list[float]:
    """Showing the caseload list in the main window after the diary changed: everyone's row read, sorted,
    laid out and painted."""
    window = MainWindow(diary, clock=lambda: now)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    durations: list[float] = []
    for _ in range(warmups + repeats):
        window.show_page(window.today)
        window.refresh()
        started = time.perf_counter()
        window.show_page(window.caseload)
        window.repaint()
        durations.append((time.perf_counter() - started) * 1000)
    window.hide()
    return durations[warmups:]


def print_week_ms(diary: Diary, monday: date, warmups: int, repeats: int) -> list[float]:
    """The weekly schedule written to a PDF file."""
    with tempfile.TemporaryDirectory() as folder:
        return timed(lambda: write_week_pdf(diary.db, monday, Path(folder) / "week.pdf"), warmups, repeats)


def probe(request: dict[str, Any]) -> dict[str, Any]:
    """Every timing the request asks for, on the diary in its data folder."""
    make_application()
    diary = open_any(Path(request["data_dir"]))  # a team diary when DIARY_DATABASE_URL names one
    today = date.fromisoformat(request["today"])
    warmups = request["warmups"]
    try:
        return {
            "qt_version": qVersion(),
            "week_view_ms": week_view_ms(
                diary, datetime.combine(today, clock(11, 20)), date.fromisoformat(request["busy_monday"]),
                date.fromisoformat(request["print_monday"]), warmups, request["week_repeats"],
            ),
            "search_ms": search_ms(diary, today, request["typed"]),
            "print_week_ms": print_week_ms(diary, date.fromisoformat(request["print_monday"]), warmups, request["print_repeats"]),
            "caseload_ms": caseload_ms(diary, datetime.combine(today, clock(11, 20)), warmups, request["print_repeats"]),
        }
    finally:
        diary.close()


if __name__ == "__main__":
    print(json.dumps(probe(json.loads(sys.argv[1]))))
