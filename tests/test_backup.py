"""Backups: encrypted with the diary's key, checked before older ones are thinned, restored without losing anything."""

from __future__ import annotations

import tarfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diary.cli import main
from diary.services.backups import back_up, damage_found, export_backup, restore_from_file, restore_in_place
from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary, open_diary
from diary.services.documents import attach_bytes, document_bytes
from diary.services.recording import add_contact_note
from diary.store.backup import (
    SQLITE_HEADER,
    BackupError,
    backups_to_keep,
    create_backup,
    database_problems,
    list_backups,
    newest_good_backup,
    verify_backup,
)
from diary.store.backup_archive import unpack_archive
from diary.store.instance_lock import AlreadyRunning, InstanceLock
from tests.helpers.damage import corrupt_middle_page

SQLITE_ONLY = "backups are SQLite's backup API on the local file; a team server is backed up by its own tools"

MARKER = b"QZX-backup-marker-41c9"
START = datetime(2025, 1, 6, 9, 0)


def _filled(diary: Diary, example_casefile: dict[str, Any], notes: int = 0) -> int:
    """Import the example case file and add some long notes; returns the person's id."""
    import_document(diary.db, parse_document(example_casefile))
    for n in range(notes):
        add_contact_note(diary.db, 1, f"Note {n}: " + "spoke about housing and work. " * 20)
    return 1


def _note_texts(diary: Diary) -> list[str]:
    return [note["text"] for person in export_document(diary.db)["people"] for note in person.get("contact_notes", [])]


# The thinning policy (a pure function).


def test_thinning_keeps_the_newest_of_each_recent_day_week_and_month() -> None:
    taken = [START + timedelta(minutes=30 * n) for n in range(0, 2 * 24 * 400, 3)]
    kept = backups_to_keep(taken)
    newest = max(taken)
    assert sorted(taken, reverse=True)[:4] == sorted(kept, reverse=True)[:4]
    days = sorted({t.date() for t in kept}, reverse=True)
    assert days[:12] == [newest.date() - timedelta(days=n) for n in range(12)]
    weeks = {t.isocalendar()[:2] for t in kept}
    assert {(newest - timedelta(weeks=n)).isocalendar()[:2] for n in range(10)} <= weeks
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 9
    assert min(kept) > newest - timedelta(days=9 * 31)
    assert len(kept) <= 4 + 12 + 10 + 9


def test_thinning_counts_only_days_that_have_backups_so_a_holiday_costs_nothing() -> None:
    before_leave = [START + timedelta(days=n, hours=h) for n in range(5) for h in (1, 2, 3)]
    after_leave = [START + timedelta(days=40, hours=2)]
    kept = backups_to_keep(before_leave + after_leave)
    assert {t.date() for t in kept} == {t.date() for t in before_leave + after_leave}
    assert after_leave[0] in kept


@settings(max_examples=60, deadline=None)
@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), max_size=120))
def test_thinning_is_stable_and_always_keeps_the_newest(taken: list[datetime]) -> None:
    kept = backups_to_keep(taken)
    assert kept <= set(taken)
    assert backups_to_keep(kept) == kept
    if taken:
        assert max(taken) in kept


# Backups on disk.


def test_a_backup_is_encrypted_with_the_same_key_and_holds_the_attachments(
    diary: Diary, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    person = _filled(diary, example_casefile)
    add_contact_note(diary.db, person, f"Spoke about {MARKER.decode()}.")
    document = attach_bytes(diary, person, b"scanned letter " + MARKER, "Letter")
    report = back_up(diary)
    folder = report.backup.path
    assert folder.parent == data_dir / "backups" and folder.name.startswith("diary-")
    assert report.backup.attachments == 1
    database = (folder / "diary.sqlite3").read_bytes()
    assert not database.startswith(SQLITE_HEADER)
    assert database_problems(folder / "diary.sqlite3", diary.db.key) == []
    assert database_problems(folder / "diary.sqlite3", bytes(32))[0].startswith("diary.sqlite3 cannot be read")
    assert (folder / "keys.json").read_bytes() == (data_dir / "keys.json").read_bytes()
    for path in folder.rglob("*"):
        assert not path.is_file() or MARKER not in path.read_bytes()
    stored = next((folder / "attachments").iterdir())
    assert stored.stat().st_ino == (data_dir / "attachments" / stored.name).stat().st_ino
    assert document_bytes(diary, document)[1] == b"scanned letter " + MARKER


def test_a_damaged_page_is_detected_and_the_newest_good_backup_restored(
    data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    diary = open_diary(data_dir)
    _filled(diary, example_casefile, notes=120)
    back_up(diary, now=datetime(2026, 3, 1, 10, 15))
    expected = _note_texts(diary)
    diary.close()
    database = data_dir / "diary.sqlite3"
    corrupt_middle_page(database)
    damaged = database.read_bytes()

    diary = open_diary(data_dir)
    problems = damage_found(diary)
    assert problems and any("encryption" in p or "integrity" in p for p in problems)
    backup = newest_good_backup(data_dir, diary.db.key)
    assert backup is not None and backup.name == "diary-2026-03-01T10-15-00"
    report = restore_in_place(diary, backup.path, reason="damaged")
    assert damage_found(diary) == []
    assert diary.db.check() == []
    assert _note_texts(diary) == expected
    assert report.kept_aside is not None and report.kept_aside.name.startswith("damaged-")
    assert (report.kept_aside / "diary.sqlite3").read_bytes() == damaged
    diary.close()


def test_a_backup_of_a_damaged_diary_fails_its_check_and_older_backups_are_kept(
    data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    diary = open_diary(data_dir)
    _filled(diary, example_casefile, notes=120)
    for day in range(3):
        back_up(diary, now=datetime(2026, 3, 1 + day, 10, 0))
    diary.close()
    corrupt_middle_page(data_dir / "diary.sqlite3")
    diary = open_diary(data_dir)
    before = [b.name for b in list_backups(data_dir)]
    with pytest.raises(BackupError, match="older backups were kept"):
        create_backup(diary.db.path, diary.db.key, data_dir, datetime(2026, 3, 9, 10, 0))
    assert [b.name for b in list_backups(data_dir)] == before
    assert not [p for p in (data_dir / "backups").iterdir() if p.name.startswith(".")]
    diary.close()


def test_backups_are_thinned_only_after_a_new_one_passes_its_check(diary: Diary, data_dir: Path) -> None:
    for n in range(30):
        report = back_up(diary, now=START + timedelta(days=n))
    names = [b.name for b in list_backups(data_dir)]
    assert report.backup.name == names[0]
    dailies = {f"diary-{START + timedelta(days=n):%Y-%m-%dT%H-%M-%S}" for n in range(18, 30)}
    sundays = {"diary-2025-01-12T09-00-00", "diary-2025-01-19T09-00-00"}
    assert set(names) == dailies | sundays
    assert all(verify_backup(data_dir / "backups" / name, diary.db.key) == [] for name in names)


def test_a_damaged_backup_is_reported_and_skipped_when_looking_for_a_good_one(diary: Diary, data_dir: Path) -> None:
    older = back_up(diary, now=START).backup
    newer = back_up(diary, now=START + timedelta(days=1)).backup
    corrupt_middle_page(newer.path / "diary.sqlite3")
    (newer.path / "diary.sqlite3").write_bytes((newer.path / "diary.sqlite3").read_bytes()[:4096])
    assert verify_backup(newer.path, diary.db.key)
    best = newest_good_backup(data_dir, diary.db.key)
    assert best is not None and best.name == older.name


def test_an_archive_restores_a_lost_diary_into_a_new_folder(
    diary: Diary, tmp_path: Path, example_casefile: dict[str, Any]
) -> None:
    person = _filled(diary, example_casefile)
    attach_bytes(diary, person, b"photo bytes", "Photo", "photo")
    archive = tmp_path / "usb" / "diary-backup.tar"
    archive.parent.mkdir()
    export_backup(diary, archive)
    assert not archive.read_bytes().count(b"photo bytes")
    with tarfile.open(archive) as tar:
        assert {m.uname for m in tar} == {""}
        assert {"diary.sqlite3", "keys.json", "backup.json"} <= set(tar.getnames())
    new_home = tmp_path / "new-laptop"
    report = restore_from_file(new_home, archive)
    assert report.kept_aside is None
    restored = open_diary(new_home)
    assert export_document(restored.db)["people"] == export_document(diary.db)["people"]
    assert list((new_home / "attachments").iterdir())
    assert not [p for p in (new_home / "backups").iterdir() if p.name.startswith(".")]
    restored.close()


def test_restore_keeps_the_current_file_aside_and_refuses_while_the_window_is_open(
    diary: Diary, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    backup = back_up(diary, now=START).backup
    _filled(diary, example_casefile)
    diary.close()
    current = (data_dir / "diary.sqlite3").read_bytes()
    with InstanceLock(data_dir):
        with pytest.raises(AlreadyRunning):
            restore_from_file(data_dir, backup.path)
    assert (data_dir / "diary.sqlite3").read_bytes() == current
    report = restore_from_file(data_dir, Path(backup.name))
    assert report.kept_aside is not None
    assert (report.kept_aside / "diary.sqlite3").read_bytes() == current
    reopened = open_diary(data_dir)
    assert export_document(reopened.db)["people"] == []
    reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(diary: Diary, data_dir: Path) -> None:
    backup = back_up(diary, now=START).backup
    (backup.path / "diary.sqlite3").write_bytes(b"not a database at all" * 100)
    diary.close()
    before = (data_dir / "diary.sqlite3").read_bytes()
    with pytest.raises(BackupError, match="did not pass its checks"):
        restore_from_file(data_dir, backup.path)
    assert (data_dir / "diary.sqlite3").read_bytes() == before
    assert [p.name for p in (data_dir / "backups").iterdir()] == [backup.name]


def test_an_archive_with_unexpected_entries_is_refused(data_dir: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.tar"
    payload = tmp_path / "payload"
    payload.write_bytes(b"x")
    with tarfile.open(evil, "w") as tar:
        tar.add(payload, arcname="../../outside")
    with pytest.raises(BackupError, match="not a diary backup"):
        unpack_archive(evil, data_dir)
    assert not (tmp_path.parent / "outside").exists()


def test_backup_and_restore_commands(
    diary: Diary, data_dir: Path, tmp_path: Path, example_casefile: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _filled(diary, example_casefile)
    diary.close()
    out = tmp_path / "copy.tar"
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(out)]) == 0
    assert "taken and checked" in capsys.readouterr().out
    assert out.is_file()
    assert main(["--data-dir", str(data_dir), "backup", "--list"]) == 0
    assert "diary-" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "restore", str(out)]) == 0
    assert "kept in" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "restore", str(tmp_path / "nothing.tar")]) == 1
    assert "There is no backup" in capsys.readouterr().err
