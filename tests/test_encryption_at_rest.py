"""Nothing personal in clear: the diary opened through the app is encrypted, and fails closed."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import PassphraseNeeded, open_diary
from diary.services.recording import add_contact_note
from diary.store.keyring import WrongPassphrase

MARKER = "ZQX-marker-7f3a9c-unique"


def _files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_marker_in_a_note_and_an_attachment_is_nowhere_on_disk(
    data_dir: Path, tmp_path: Path, example_casefile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    diary = open_diary(data_dir)
    assert diary.encrypted and diary.recovery_key
    import_document(diary.db, parse_document(example_casefile))
    person_id = 1
    add_contact_note(diary.db, person_id, f"Spoke to {MARKER} about housing.")
    diary.blobs.put(f"scanned letter {MARKER}".encode())
    diary.close()
    for needle in (MARKER.encode(), MARKER.encode("utf-16-le"), b"Jon Smith", b"X123456"):
        assert _files_containing(data_dir, needle) == []
        assert _files_containing(temp, needle) == []
    assert not (data_dir / "diary.sqlite3").read_bytes().startswith(b"SQLite format 3")


def test_reopening_needs_the_passphrase_and_a_wrong_one_changes_nothing(
    data_dir: Path, example_casefile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    diary = open_diary(data_dir)
    import_document(diary.db, parse_document(example_casefile))
    diary.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    with pytest.raises(WrongPassphrase, match="does not open this diary"):
        open_diary(data_dir, "not the passphrase")
    monkeypatch.delenv("DIARY_PASSPHRASE")
    with pytest.raises(PassphraseNeeded, match="DIARY_PASSPHRASE"):
        open_diary(data_dir)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before
    reopened = open_diary(data_dir, "correct horse battery staple")
    assert export_document(reopened.db)["people"][0]["crn"] == "X123456"
    assert reopened.recovery_key is None
    reopened.close()
