"""One of two processes saving the same session at once: open the diary, load the session, say ready, wait for
go, save, print what happened as JSON. Usage: python concurrent_save.py DATA_DIR APPOINTMENT_ID NOTES SIGNALS_DIR"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from diary.services.concurrency import EditConflict
from diary.services.diary_file import open_any
from diary.services.recording import SessionRecord, record_session, session_context


def main(data_dir: str, appointment_id: str, notes: str, signals: str) -> None:
    """Load, wait for the signal, save; print {"saved": true} or the conflict and the text kept."""
    diary = open_any(Path(data_dir))
    context = session_context(diary.db, int(appointment_id))
    (Path(signals) / f"ready-{notes}").touch()
    while not (Path(signals) / "go").exists():
        time.sleep(0.005)
    record = SessionRecord(context.person_id, context.appointment_id, context.start, context.minutes, context.kind,
                           "ATTC", notes, version=context.version)
    try:
        record_session(diary.db, record)
        print(json.dumps({"saved": True}))
    except EditConflict as exc:
        print(json.dumps({"conflict": str(exc), "kept": exc.yours["notes"]}))
    finally:
        diary.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
