"""Run by test_record_session: opens the Record session window offscreen and types into its notes until killed.

Usage: python draft_typing_child.py DATA_DIR APPOINTMENT_ID. Prints "<word> <time.monotonic()>" after typing each word.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from diary.services.diary_file import open_diary  # noqa: E402
from diary.services.recording import session_context  # noqa: E402
from diary.ui.app import make_application  # noqa: E402
from diary.ui.record_session import RecordSessionDialog  # noqa: E402

WORD_EVERY_MS = 60


def main() -> None:
    """Type a numbered word every WORD_EVERY_MS milliseconds, forever."""
    app = make_application()
    diary = open_diary(Path(sys.argv[1]))
    dialog = RecordSessionDialog(diary, session_context(diary.db, int(sys.argv[2])), datetime(2026, 3, 3, 11, 30))
    dialog.show()
    dialog.notes.setFocus()
    count = 0

    def type_word() -> None:
        nonlocal count
        word = f"w{count}"
        QTest.keyClicks(dialog.notes, word + " ")
        print(word, time.monotonic(), flush=True)
        count += 1

    timer = QTimer()
    timer.timeout.connect(type_word)
    timer.start(WORD_EVERY_MS)
    app.exec()


if __name__ == "__main__":
    main()
