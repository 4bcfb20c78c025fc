"""A picture of a busy diary week (40 bookings, 3 commitments, an overlap and a booking on court duty), to look at.

Run: .venv/bin/python benchmarks/week_view_shot.py OUT.png [--day]
It builds a throwaway encrypted diary, opens the real main window on the week view and grabs it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIARY_PASSPHRASE", "screenshot passphrase")

from diary.services.casefile import import_document  # noqa: E402
from diary.services.casefile_schema import parse_document  # noqa: E402
from diary.services.diary_file import open_diary  # noqa: E402
from diary.ui.app import make_application  # noqa: E402
from diary.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from week_fixture import NOW, week_document  # noqa: E402


def main() -> int:
    """Build the diary, show the week and save the picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--day", action="store_true", help="the day view (today) instead of the week")
    args = parser.parse_args()
    app = make_application()
    diary = open_diary(Path(tempfile.mkdtemp(prefix="week-shot-")) / "diary")
    import_document(diary.db, parse_document(week_document()))
    window = MainWindow(diary, clock=lambda: NOW)
    window.resize(1440, 920)
    window.show()
    window.actions["view_day" if args.day else "view_week"].trigger()
    app.processEvents()
    window.grab().save(str(args.out))
    print(window.week.heading.text())
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
