"""Make numbered saves into a diary, printing "saved N" only after each save's commit has returned.

Every fifth save also attaches a small document (its file written and synced before its row commits).
Run: crash_saver.py DATA_DIR RUN COUNT (the passphrase comes from DIARY_PASSPHRASE).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from diary.services.diary_file import open_diary
from diary.services.documents import attach_bytes
from diary.services.recording import add_contact_note
from diary.store.models import Person

CRN = "C100200"


def main() -> None:
    """Save COUNT notes tagged with RUN into the diary in DATA_DIR."""
    data_dir, run, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        person_id = session.scalars(select(Person.id).where(Person.crn == CRN)).one()
    print("ready", flush=True)
    for n in range(count):
        add_contact_note(diary.db, person_id, f"run {run} save {n}")
        if n % 5 == 0:
            attach_bytes(diary, person_id, f"run {run} attachment {n}".encode(), f"run {run} attachment {n}")
        print(f"saved {n}", flush=True)
    diary.close()


if __name__ == "__main__":
    main()
