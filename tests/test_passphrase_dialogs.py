"""Unlocking and first-run passphrase dialogs, typed into as an officer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from diary.services.diary_file import is_encrypted, open_diary
from diary.ui.passphrase_dialogs import NewPassphraseDialog, UnlockDialog


def test_first_run_creates_an_encrypted_diary_only_with_a_strong_matching_passphrase(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = NewPassphraseDialog(data_dir)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "abc")
    assert not dialog.ok.isEnabled()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "marmalade kettle Tuesday orbit")
    qtbot.keyClicks(dialog.confirm, "marmalade kettle Tuesday orbiT")
    assert not dialog.ok.isEnabled() and "not the same" in dialog.advice.text()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.confirm, "t")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == NewPassphraseDialog.DialogCode.Accepted
    assert dialog.diary is not None and dialog.diary.encrypted and is_encrypted(data_dir)
    assert dialog.diary.recovery_key and dialog.diary.recovery_key in shown[0]
    dialog.diary.close()


def test_unlock_says_plainly_when_the_passphrase_is_wrong(qtbot: QtBot, data_dir: Path) -> None:
    open_diary(data_dir, "the right passphrase here").close()
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase, "the wrong one")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.diary is None and "does not open this diary" in dialog.error.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "the right passphrase here")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.diary is not None and dialog.result() == UnlockDialog.DialogCode.Accepted
    dialog.diary.close()
