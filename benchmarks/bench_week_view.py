"""How fast the diary's week view is on a career-sized diary: load a week, lay it out, paint it, page week to week.

Run (Python 3.12 or newer): python benchmarks/bench_week_view.py [--people 10000] [--data-dir DIR]
The demo generator makes the diary, written by diary bench's bulk loader (about 25 appointments per person over
ten years, encrypted like any diary);
with --data-dir an existing benchmark diary is reused. Prints medians, not a pass or fail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIARY_PASSPHRASE", "benchmark passphrase")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from diary.services.caseload import AppointmentRow  # noqa: E402
from bench_data import bulk_import  # noqa: E402
from diary.services.casefile_schema import parse_document  # noqa: E402
from diary.services.demo import build_demo_casefile  # noqa: E402
from diary.services.diary_file import open_diary  # noqa: E402
from diary.services.diary_view import DiaryBooking, DiaryRange, load_range  # noqa: E402
from diary.store.models import Appointment, Person  # noqa: E402
from diary.ui.app import make_application  # noqa: E402
from diary.ui.week_view import WeekView, monday_of  # noqa: E402

TODAY = date(2026, 3, 4)
SAMPLES = 60


def median_ms(run: Callable[[], object], times: int = SAMPLES) -> float:
    """The median wall time of a call, in milliseconds."""
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken)


def busy_week(count: int, week: DiaryRange) -> DiaryRange:
    """A loaded week with `count` made-up bookings instead of its own (more than any officer has), to time layout."""
    rng = random.Random(3)
    kinds = ("office", "phone", "video", "home_visit", "unpaid_work_session", "programme_session")
    bookings = []
    for i in range(count):
        start = datetime.combine(week.first + timedelta(days=rng.randrange(5)), clock(8)) + timedelta(
            minutes=15 * rng.randrange(36)
        )
        row = AppointmentRow(
            i, i, f"Person {i}", f"X{i:06d}", "medium", start, rng.choice((30, 45, 60)), rng.choice(kinds), None, None
        )
        bookings.append(DiaryBooking(row, "Overlap" if i % 7 == 0 else None))
    return DiaryRange(week.first, week.days, tuple(bookings), week.occurrences, (), week.pattern)


def main() -> int:
    """Build or reuse the diary, then time the week view."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--data-dir", type=Path, help="a benchmark diary to reuse (made here if empty)")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="week-bench-")) / "diary"
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        people = session.scalar(select(func.count(Person.id))) or 0
    if not people:
        started = time.perf_counter()
        bulk_import(diary.db, parse_document(build_demo_casefile(args.people, 1, TODAY)))
        print(f"built the demo diary in {time.perf_counter() - started:.0f} s at {data_dir}")
    with diary.db.session() as session:
        people = session.scalar(select(func.count(Person.id)))
        appointments = session.scalar(select(func.count(Appointment.id)))
        first_day = session.scalar(select(func.min(Appointment.start)))
    assert first_day is not None
    print(
        f"{people} people, {appointments} appointments from {first_day:%d %b %Y}; database {diary.db.path.stat().st_size / 1e6:.0f} MB"
    )

    app = make_application()
    rng = random.Random(1)
    span = (TODAY - first_day.date()).days
    mondays = [monday_of(first_day.date() + timedelta(days=rng.randrange(span))) for _ in range(SAMPLES)] + [
        monday_of(TODAY)
    ]
    per_week = [len(load_range(diary.db, m).bookings) for m in mondays]
    print(
        f"weeks sampled: {len(mondays)}, bookings per week median {statistics.median(per_week):.0f}, max {max(per_week)}"
    )
    picks = iter(mondays * 3)
    print(
        f"load a week (bookings, people, commitments, days): median {median_ms(lambda: load_range(diary.db, next(picks))):.1f} ms"
    )

    view = WeekView(diary, lambda: datetime.combine(TODAY, clock(11, 20)))
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    data = load_range(diary.db, monday_of(TODAY))
    days = [monday_of(TODAY) + timedelta(days=i) for i in range(5)]
    now = datetime.combine(TODAY, clock(11, 20))
    for label, week in (("this week", data), ("a made-up week", busy_week(300, data))):

        def lay_out_and_paint(week: DiaryRange = week) -> None:
            view.grid.set_data(week, days, now)
            view.grid.repaint()

        print(f"{label}, {len(week.bookings)} bookings:")
        print(f"  lay out: median {median_ms(lambda week=week: view.grid.set_data(week, days, now)):.2f} ms")
        print(f"  lay out and paint: median {median_ms(lay_out_and_paint):.1f} ms")

        def cursor_down() -> None:
            QTest.keyClick(view.grid, Qt.Key.Key_Down)
            view.grid.repaint()

        print(f"  move the cursor (Down, repaint): median {median_ms(cursor_down):.2f} ms")

    view.show_date(monday_of(first_day.date()) + timedelta(weeks=52))

    def next_week() -> None:
        view.page(1)
        view.grid.repaint()

    print(f"PageDown to the next week (load, lay out, paint): median {median_ms(next_week, 100):.1f} ms")
    view.close()
    view.deleteLater()
    app.processEvents()
    diary.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
