"""Backups in the window: automatic while the diary changes, on quit, on demand, restored by dialog and at start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from diary.services.backups import back_up
from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary, DiaryDamaged, open_diary
from diary.services.recording import add_contact_note
from diary.store.backup import list_backups
from diary.ui.app import make_application
from diary.ui.autobackup import AutoBackup
from diary.ui.main_window import MainWindow
from diary.ui.restore_dialog import DamagedDiaryDialog, RestoreDialog, check_on_start, restore_unreadable
from tests.helpers.damage import backed_up_then_unreadable, corrupt_middle_page
from shown_window import shown_window

NOW = datetime(2026, 2, 1, 11, 30)


@pytest.fixture
def window(qtbot: QtBot, diary: Diary, example_casefile: dict[str, Any]) -> MainWindow:
    make_application()
    import_document(diary.db, parse_document(example_casefile))
    win = shown_window(qtbot, diary, NOW)
    return win


def _when_dialog_opens(qtbot: QtBot, kind: type[QDialog], act: Callable[[Any], None]) -> None:
    """Act on the next modal dialog of this kind as soon as it is shown and has the keyboard."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible() and dialog.isActiveWindow():
            act(dialog)
            return
        if isinstance(dialog, kind):
            dialog.activateWindow()
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def test_automatic_backup_runs_on_its_timer_only_when_the_diary_changed(qtbot: QtBot, diary: Diary) -> None:
    make_application()
    auto = AutoBackup(diary, interval_ms=50)
    with qtbot.waitSignal(auto.message, timeout=10000) as first:
        pass
    assert "taken and checked" in first.args[0]
    assert len(list_backups(diary.data_dir)) == 1
    assert auto.back_up_if_changed() is None
    add_contact_note(diary.db, _person(diary), "Phoned about the hostel place.")
    assert auto.changed()
    with qtbot.waitSignal(auto.message, timeout=10000):
        pass
    assert not auto.changed()
    auto.timer.stop()


def test_a_diary_backed_up_since_its_last_change_is_not_backed_up_again_at_start(diary: Diary) -> None:
    make_application()
    add_contact_note(diary.db, _person(diary), "Home visit booked.")
    back_up(diary)
    auto = AutoBackup(diary)
    assert not auto.changed()
    auto.timer.stop()


def _person(diary: Diary) -> int:
    from diary.store.models import Person

    with diary.db.transaction() as session:
        person = Person(crn="Z999999", first_name="Ann", last_name="Example")
        session.add(person)
        session.flush()
        return person.id


def test_back_up_now_by_keyboard_and_a_backup_on_quit(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "taken and checked" in window.statusBar().currentMessage()
    assert len(list_backups(data_dir)) == 1
    add_contact_note(window.diary.db, 1, "Left a voicemail.")
    window.close()
    assert len(list_backups(data_dir)) == 2


def test_restore_dialog_puts_the_chosen_backup_in_place(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    before = export_document(window.diary.db)["people"]
    add_contact_note(window.diary.db, 1, "A note written after the backup.")
    seen: list[int] = []

    def choose(dialog: RestoreDialog) -> None:
        seen.append(dialog.table.rowCount())
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    _when_dialog_opens(qtbot, RestoreDialog, choose)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert seen == [1]
    assert export_document(window.diary.db)["people"] == before
    assert [p.name.split("-")[0] for p in (data_dir / "backups").iterdir()].count("replaced") == 1
    assert window.stack.currentWidget() is window.today


def _damaged_diary(data_dir: Path, example_casefile: dict[str, Any], backed_up: bool) -> list[dict[str, Any]]:
    """A diary with enough notes to span many pages, backed up or not, then damaged; returns its people as exported."""
    make_application()
    diary = open_diary(data_dir)
    import_document(diary.db, parse_document(example_casefile))
    for n in range(120):
        add_contact_note(diary.db, 1, f"Note {n}: " + "talked about work and housing. " * 20)
    if backed_up:
        back_up(diary)
    people: list[dict[str, Any]] = export_document(diary.db)["people"]
    diary.close()
    corrupt_middle_page(data_dir / "diary.sqlite3")
    return people


def test_at_start_a_damaged_diary_is_offered_its_newest_good_backup(
    qtbot: QtBot, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    expected = _damaged_diary(data_dir, example_casefile, backed_up=True)
    texts: list[str] = []

    def restore(dialog: DamagedDiaryDialog) -> None:
        texts.append(dialog.findChild(QLabel, "damageText").text())
        assert dialog.restore_button is not None
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    _when_dialog_opens(qtbot, DamagedDiaryDialog, restore)
    reopened, message = check_on_start(open_diary(data_dir))
    assert reopened is not None and message and "damaged-" in message
    assert "failed its integrity check" in texts[0] and "newest good backup" in texts[0]
    assert export_document(reopened.db)["people"] == expected
    reopened.close()


def test_at_start_quitting_leaves_a_damaged_diary_exactly_as_it_was(
    qtbot: QtBot, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    _damaged_diary(data_dir, example_casefile, backed_up=False)
    damaged = (data_dir / "diary.sqlite3").read_bytes()
    _when_dialog_opens(qtbot, DamagedDiaryDialog, lambda d: qtbot.mouseClick(d.quit_button, Qt.MouseButton.LeftButton))
    reopened, message = check_on_start(open_diary(data_dir))
    assert reopened is None and message is None
    assert (data_dir / "diary.sqlite3").read_bytes() == damaged


def test_a_diary_file_that_cannot_be_read_at_all_is_offered_its_newest_good_backup(
    qtbot: QtBot, diary: Diary, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    make_application()
    expected = backed_up_then_unreadable(diary, example_casefile)
    with pytest.raises(DiaryDamaged, match="passphrase is right, but the file cannot be read") as damage:
        open_diary(data_dir)
    offered: list[bool] = []

    def restore(dialog: DamagedDiaryDialog) -> None:
        offered.append(dialog.open_button.isVisible())
        assert dialog.restore_button is not None
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    _when_dialog_opens(qtbot, DamagedDiaryDialog, restore)
    restored = restore_unreadable(data_dir, damage.value)
    assert offered == [False]
    assert restored is not None
    assert export_document(restored.db)["people"] == expected
    assert any(p.name.startswith("damaged-") for p in (data_dir / "backups").iterdir())
    restored.close()
