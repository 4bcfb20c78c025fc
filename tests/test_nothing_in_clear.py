"""Issue 8, done when: a marker written into a note (then edited, so the audit trail holds it twice), an
attachment and a draft, then backed up (kept and --out), is nowhere in the bytes of the data directory, the
temp directory or the backup file; the database files do not start with the SQLite header.

The diary is driven in a real subprocess whose TMPDIR (and SQLITE_TMPDIR, TEMP, TMP) is a folder the test
owns, so tempfile.gettempdir() and SQLite's temporary files land where the search looks. The subprocess
also reads everything back through the app, and the officer's own files (outside the diary) do hold the
marker, so a search that finds nothing means something.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import TEST_PASSPHRASE

MARKER = "QZV-nothing-in-clear-41d7e2"
SQLITE_HEADER = b"SQLite format 3\x00"

CHILD = r"""
import contextlib, io, json, sys, tempfile
from pathlib import Path
from diary.cli import main
from diary.services.backups import export_backup, kept_backups
from diary.services.casefile import export_document, import_document, read_casefile
from diary.services.diary_file import open_diary
from diary.services.documents import attach_file, document_bytes
from diary.services.drafts import Draft, load_draft, save_draft
from diary.services.recording import add_contact_note, edit_contact_note, note_history

data_dir, files, out, marker = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
diary = open_diary(data_dir)
import_document(diary.db, read_casefile(files / "case.json"))
note = add_contact_note(diary.db, 1, f"Spoke to {marker} about housing.")
edit_contact_note(diary.db, note, f"Spoke to {marker} about housing and work.")
document = attach_file(diary, 1, files / "letter.txt", title="Letter from the housing officer")
save_draft(diary.blobs, Draft("session-person-1", 1, "Record session: Jon Smith", {"notes": f"Half typed: {marker}"}))
report = export_backup(diary, out / "diary-backup.tar")
read_back = {
    "temp": tempfile.gettempdir(),
    "earlier_note": [text for _at, text in note_history(diary.db, note)],
    "notes": [n["text"] for n in export_document(diary.db)["people"][0]["contact_notes"]],
    "attachment": marker in document_bytes(diary, document)[1].decode(),
    "draft": load_draft(diary.blobs, "session-person-1").fields["notes"],
    "backups": [str(b.path) for b in kept_backups(diary)],
    "backup": str(report.backup.path),
}
diary.close()
history = io.StringIO()
with contextlib.redirect_stdout(history):
    read_back["history_exit"] = main(["--data-dir", str(data_dir), "history", "X123456"])
    read_back["check_exit"] = main(["--data-dir", str(data_dir), "check"])
read_back["history_shows_marker"] = marker in history.getvalue()
print(json.dumps(read_back))
"""


def _needles() -> list[bytes]:
    """The marker and the person's name and CRN, in the encodings a file could hold them in."""
    texts = (MARKER, "Jon Smith", "X123456")
    return [text.encode(encoding) for text in texts for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def _holding(folder: Path) -> dict[str, list[bytes]]:
    """Every file under folder that holds any needle, with the needles it holds."""
    found: dict[str, list[bytes]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits = [needle for needle in _needles() if needle in data]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


def test_the_marker_is_nowhere_in_clear(tmp_path: Path, example_casefile: dict[str, Any]) -> None:
    data_dir, temp, files, out = (tmp_path / name for name in ("data", "temp", "officer-files", "usb"))
    for folder in (temp, files, out):
        folder.mkdir()
    (files / "case.json").write_text(json.dumps(example_casefile), encoding="utf-8")
    (files / "letter.txt").write_text(f"Dear officer, about {MARKER}: the flat is offered.", encoding="utf-8")
    env = {
        **os.environ,
        "DIARY_PASSPHRASE": TEST_PASSPHRASE,
        "DIARY_DATA_DIR": str(data_dir),
        **{name: str(temp) for name in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP")},
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), str(files), str(out), MARKER],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert child.returncode == 0, child.stderr
    read_back = json.loads(child.stdout.strip().splitlines()[-1])

    assert Path(read_back["temp"]) == temp
    assert read_back["earlier_note"] == [f"Spoke to {MARKER} about housing."]
    assert f"Spoke to {MARKER} about housing and work." in read_back["notes"]
    assert read_back["attachment"] is True
    assert read_back["draft"] == f"Half typed: {MARKER}"
    assert read_back["history_exit"] == 0 and read_back["history_shows_marker"] is True
    assert read_back["check_exit"] == 0
    backup = Path(read_back["backup"])
    assert backup.parent == data_dir / "backups" and read_back["backups"] == [str(backup)]
    assert list((backup / "attachments").iterdir()) and (out / "diary-backup.tar").is_file()
    assert list((data_dir / "attachments").glob("draft-*"))

    assert MARKER.encode() in (files / "letter.txt").read_bytes()  # the search does find what is there
    assert _holding(files) != {}
    assert _holding(data_dir) == {}
    assert _holding(temp) == {}
    assert _holding(out) == {}
    databases = [p for p in data_dir.rglob("*.sqlite3*") if p.is_file() and p.stat().st_size]
    assert data_dir / "diary.sqlite3" in databases and backup / "diary.sqlite3" in databases
    for database in databases:
        if not database.name.endswith(("-wal", "-shm")):
            assert database.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER, database
