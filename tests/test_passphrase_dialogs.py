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


def test_change_passphrase_asks_the_current_one_and_the_new_opens_the_diary(qtbot: QtBot, data_dir: Path) -> None:
    from diary.store import keyring
    from diary.ui.passphrase_dialogs import ChangePassphraseDialog

    open_diary(data_dir, "old harbour lantern seven").close()
    dialog = ChangePassphraseDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "not the old one at all")
    qtbot.keyClicks(dialog.passphrase, "copper meadow violin ninety")
    qtbot.keyClicks(dialog.confirm, "copper meadow violin ninety")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.isVisible() and "nothing was changed" in dialog.advice.text()
    keyring.unlock(keyring.key_file_path(data_dir), "old harbour lantern seven")
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, "old harbour lantern seven")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    open_diary(data_dir, "copper meadow violin ninety").close()
    with pytest.raises(keyring.WrongPassphrase):
        open_diary(data_dir, "old harbour lantern seven")


def test_passphrase_command_with_the_passphrase_or_the_recovery_key(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from diary.cli import main
    from diary.store import keyring

    recovery = open_diary(data_dir, "old harbour lantern seven").recovery_key
    assert recovery
    args = ["--data-dir", str(data_dir), "passphrase"]
    monkeypatch.setenv("DIARY_PASSPHRASE", "a wrong guess entirely")
    monkeypatch.setenv("DIARY_NEW_PASSPHRASE", "copper meadow violin ninety")
    assert main(args) == 1 and "does not open this diary" in capsys.readouterr().err
    monkeypatch.setenv("DIARY_PASSPHRASE", "old harbour lantern seven")
    monkeypatch.setenv("DIARY_NEW_PASSPHRASE", "1234")
    assert main(args) == 1 and "too weak" in capsys.readouterr().err
    monkeypatch.setenv("DIARY_NEW_PASSPHRASE", "copper meadow violin ninety")
    assert main(args) == 0 and "Passphrase changed" in capsys.readouterr().out
    keyring.unlock(keyring.key_file_path(data_dir), "copper meadow violin ninety")
    monkeypatch.delenv("DIARY_PASSPHRASE")
    monkeypatch.setenv("DIARY_RECOVERY_KEY", recovery)
    monkeypatch.setenv("DIARY_NEW_PASSPHRASE", "forgotten then found again")
    assert main([*args, "--recovery-key"]) == 0
    open_diary(data_dir, "forgotten then found again").close()
