"""What Preferences saves is used: the backup folder (restore still looks in the diary's own) and the usual
reporting frequency by risk for people who have none (the lock time is tested in test_lock.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from diary.cli import main
from diary.domain.scheduling import FORTNIGHTLY, WEEKLY
from diary.domain.vocab import RiskLevel
from diary.services.backups import back_up, backup_folders, kept_backups
from diary.services.casefile import export_document
from diary.services.diary_file import Diary
from diary.services.preferences import set_backup_dir, set_frequency_defaults
from diary.services.recording import add_contact_note
from diary.services.schedule import overdue_list, reporting_frequency
from diary.store.backup import KEEP_LAST, create_backup
from diary.store.models import Appointment, Person, SentenceOrder
from diary.ui.app import make_application
from diary.ui.autobackup import AutoBackup
from diary.ui.restore_dialog import RestoreDialog
from shown_window import shown_window
from tests.test_backup_ui import _when_dialog_opens

SQLITE_ONLY = "the backup folder is for the local file's backups"

TODAY = date(2026, 3, 3)


def _person(diary: Diary, crn: str, risk: str | None, frequency: int | None = None, last_seen: date | None = None) -> int:
    """Someone on a community order running today, seen (kept appointment) on last_seen, nothing booked."""
    with diary.db.transaction() as s:
        person = Person(crn=crn, first_name="Sam", last_name=crn, risk_level=risk, reporting_frequency_days=frequency)
        person.orders.append(SentenceOrder(ref=f"o-{crn}", type="community_order", start_date=date(2026, 1, 5), end_date=date(2027, 1, 4)))
        s.add(person)
        s.flush()
        if last_seen:
            s.add(Appointment(person_id=person.id, start=datetime.combine(last_seen, datetime.min.time().replace(hour=10)),
                              minutes=45, kind="office", outcome="ATTC"))
        return person.id


def test_backups_go_to_the_chosen_folder_and_restore_lists_the_diarys_own_too(
    qtbot: QtBot, diary: Diary, tmp_path: Path
) -> None:
    make_application()
    _person(diary, "A000001", "low")
    first = back_up(diary, datetime(2026, 3, 1, 9, 0)).backup
    assert first.path.parent == diary.data_dir / "backups"
    usb = tmp_path / "usb"
    usb.mkdir()
    set_backup_dir(diary.db, usb)
    add_contact_note(diary.db, 1, "Written after the first backup.")
    second = back_up(diary, datetime(2026, 3, 2, 9, 0)).backup
    assert second.path.parent == usb
    assert backup_folders(diary) == [usb, diary.data_dir / "backups"]
    assert [b.path for b in kept_backups(diary)] == [second.path, first.path]

    window = shown_window(qtbot, diary, datetime(2026, 3, 3, 11, 30))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    before_note = export_document(diary.db)["people"]
    rows: list[int] = []

    def choose_the_older(dialog: RestoreDialog) -> None:
        rows.append(dialog.table.rowCount())
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _when_dialog_opens(qtbot, RestoreDialog, choose_the_older)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert rows == [2]
    restored = export_document(window.diary.db)["people"]
    assert restored != before_note and not restored[0].get("contact_notes")


def test_a_backup_just_taken_in_the_chosen_folder_counts_as_current(diary: Diary, tmp_path: Path) -> None:
    make_application()
    set_backup_dir(diary.db, tmp_path)
    back_up(diary)
    assert not AutoBackup(diary).changed()


def test_a_backup_folder_on_a_drive_that_is_not_there_falls_back_to_the_diarys_own(diary: Diary, tmp_path: Path) -> None:
    set_backup_dir(diary.db, tmp_path / "unplugged-drive" / "diary-backups")
    report = back_up(diary)
    assert report.backup.path.parent == diary.data_dir / "backups"
    assert "is not there (is its drive connected?)" in report.describe()
    assert not (tmp_path / "unplugged-drive").exists()


def test_a_new_folder_inside_a_drive_that_is_there_is_made(diary: Diary, tmp_path: Path) -> None:
    set_backup_dir(diary.db, tmp_path / "diary-backups")
    assert back_up(diary).backup.path.parent == tmp_path / "diary-backups"


def test_thinning_counts_the_backups_in_both_folders_together(diary: Diary, tmp_path: Path) -> None:
    older = [
        create_backup(diary.db.path, diary.db.key, diary.data_dir, datetime(2026, 3, 1, hour, 0)).path
        for hour in range(9, 9 + KEEP_LAST + 2)
    ]
    set_backup_dir(diary.db, tmp_path / "usb")
    (tmp_path / "usb").mkdir()
    report = back_up(diary, datetime(2026, 3, 1, 18, 0))
    assert set(report.removed) == set(older[:3])
    assert [b.path for b in kept_backups(diary)] == [report.backup.path, *reversed(older[3:])]


def test_backup_list_names_backups_kept_elsewhere_by_their_folder(
    diary: Diary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = back_up(diary, datetime(2026, 3, 1, 9, 0)).backup
    set_backup_dir(diary.db, tmp_path)
    elsewhere = back_up(diary, datetime(2026, 3, 2, 9, 0)).backup
    diary.close()
    assert main(["--data-dir", str(diary.data_dir), "backup", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[0] for line in lines] == [str(elsewhere.path), own.name]


def test_people_without_a_frequency_report_as_usual_for_their_risk(diary: Diary) -> None:
    high = _person(diary, "H000001", "high")
    low_own = _person(diary, "L000001", "low", frequency=WEEKLY)
    unknown = _person(diary, "U000001", None)
    odd = _person(diary, "O000001", "not-a-risk-level")
    assert reporting_frequency(diary.db, high) == WEEKLY
    assert reporting_frequency(diary.db, low_own) == WEEKLY
    assert reporting_frequency(diary.db, unknown) is None
    assert reporting_frequency(diary.db, odd) is None
    set_frequency_defaults(diary.db, {RiskLevel.HIGH: FORTNIGHTLY})
    assert reporting_frequency(diary.db, high) == FORTNIGHTLY


def test_not_seen_within_frequency_uses_the_usual_frequency_for_the_risk(diary: Diary) -> None:
    _person(diary, "H000001", "high", last_seen=date(2026, 2, 20))
    _person(diary, "M000001", "medium", last_seen=date(2026, 2, 20))
    overdue = {o.row.crn: o for o in overdue_list(diary.db, datetime.combine(TODAY, datetime.min.time().replace(hour=12)))}
    assert overdue["H000001"].due == date(2026, 2, 27) and overdue["H000001"].days_overdue == 4
    assert "4 days overdue (weekly, last seen 20 February 2026)" in overdue["H000001"].reasons
    assert overdue["M000001"].due == date(2026, 3, 6) and overdue["M000001"].days_overdue == -3
