"""At start without $DIARY_PASSPHRASE: the unlock dialog says a wrong passphrase plainly, and when the right one
meets a file that cannot be read, the start is told so and offers the newest good backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import TEST_PASSPHRASE
from diary.services.casefile import export_document
from diary.services.diary_file import Diary, DiaryDamaged
from diary.ui.app import make_application, open_interactively
from diary.ui.passphrase_dialogs import UnlockDialog
from diary.ui.restore_dialog import DamagedDiaryDialog, restore_unreadable
from tests.helpers.damage import backed_up_then_unreadable
from tests.test_backup_ui import _when_dialog_opens


def test_the_unlock_dialog_hands_a_damaged_file_to_the_restore_offer(
    qtbot: QtBot, diary: Diary, data_dir: Path, example_casefile: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    expected = backed_up_then_unreadable(diary, example_casefile)
    monkeypatch.delenv("DIARY_PASSPHRASE")
    errors: list[str] = []

    def type_wrong_then_right(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, "not the passphrase")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        errors.append(dialog.error.text())
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    _when_dialog_opens(qtbot, UnlockDialog, type_wrong_then_right)
    with pytest.raises(DiaryDamaged, match="the passphrase is right, but the file cannot be read") as damage:
        open_interactively(data_dir)
    assert errors == ["That passphrase does not open this diary. Nothing was changed."]

    offered: list[bool] = []

    def restore(dialog: DamagedDiaryDialog) -> None:
        offered.append(dialog.restore_button is not None)
        assert dialog.restore_button is not None
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    _when_dialog_opens(qtbot, DamagedDiaryDialog, restore)
    restored = restore_unreadable(data_dir, damage.value)
    assert offered == [True] and restored is not None
    assert export_document(restored.db)["people"] == expected
    restored.close()
