"""Unlocking the diary at start, choosing a passphrase on first run, and changing it later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from diary import APP_NAME
from diary.services import passphrase
from diary.services.diary_file import (
    Diary,
    DiaryDamaged,
    open_diary,
    open_team_diary,
    remember_team_diary,
    shown_address,
)
from diary.services.errors import StoreError, WrongPassphrase
from diary.ui.jobs import run_job


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    """A hidden-text field with an accessible name."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setObjectName(name.replace(" ", "_").lower())
    return field


def _locked_text(data_dir: Path, team_address: str | None) -> str:
    """What the unlock dialog says it opens."""
    if team_address:
        return (f"The team diary at {shown_address(team_address)}: your passphrase unlocks your attachments and drafts "
                "on this computer; the password is the one the team's server knows you by.")
    return f"Your diary in {data_dir} is locked."


class UnlockDialog(QDialog):
    """Asks for the passphrase and opens the diary; a wrong one is said plainly and changes nothing.

    If the passphrase is right but the file cannot be read, the dialog closes with `damage` set, so the
    start can offer the newest good backup.
    """

    def __init__(self, data_dir: Path, parent: QWidget | None = None, team_address: str | None = None) -> None:
        """A dialog that unlocks the diary in data_dir; with a team diary's address, also asks the server's password."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.team_address = team_address
        self.diary: Diary | None = None
        self.damage: DiaryDamaged | None = None
        self.setWindowTitle(f"Unlock {APP_NAME}")
        self.passphrase = _password_field(self, "Passphrase")
        self.error = QLabel(self)
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet("color: #a01818;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Unlock")
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        self.form_layout = form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        self.password = _password_field(self, "Server password")
        if team_address:
            form.addRow("Server pass&word:", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_locked_text(data_dir, team_address), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        """Open the diary with the typed passphrase, or say why not."""
        try:
            if self.team_address:
                self.diary = open_team_diary(self.team_address, self.data_dir, self.passphrase.text(), self.password.text() or None)
            else:
                self.diary = open_diary(self.data_dir, self.passphrase.text())
        except DiaryDamaged as exc:
            self.damage = exc
        except StoreError as exc:
            self.error.setText(str(exc))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.accept()


class NewPassphraseDialog(QDialog):
    """Chooses the passphrase that encrypts a new diary, with strength feedback, then shows the recovery key."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        """A dialog that creates an encrypted diary in data_dir (or, with team_address set, joins that team diary)."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.diary: Diary | None = None
        self.team_address: str | None = None
        self.server_password: str | None = None
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.intro = intro = QLabel(
            "Choose a passphrase. It encrypts everything the diary keeps, so a lost laptop "
            "leaks nothing. Several unusual words are easier to remember than symbols.",
            self,
        )
        intro.setWordWrap(True)
        self.passphrase = _password_field(self, "Passphrase")
        self.confirm = _password_field(self, "Passphrase again")
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Passphrase strength")
        self.advice = QLabel(self)
        self.advice.setObjectName("strengthAdvice")
        self.advice.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Create my diary")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        self.form_layout = form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("&Again:", self.confirm)
        form.addRow("Strength:", self.meter)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.advice)
        layout.addWidget(self.buttons)
        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self._update()
        self.resize(460, 0)

    def _update(self) -> None:
        """Show the strength and allow creating only a strong enough, matching passphrase."""
        score, advice = passphrase.strength(self.passphrase.text())
        self.meter.setValue(score)
        matches = self.passphrase.text() == self.confirm.text()
        if self.passphrase.text() and self.confirm.text() and not matches:
            advice = "The two passphrases are not the same."
        self.advice.setText(advice)
        self.ok.setEnabled(score >= passphrase.MIN_STRENGTH and matches)

    def create(self) -> None:
        """Create the encrypted diary, then show its recovery key once."""
        if not self.ok.isEnabled():
            return
        try:
            if self.team_address:
                self.diary = open_team_diary(self.team_address, self.data_dir, self.passphrase.text(), self.server_password)
                remember_team_diary(self.data_dir, self.team_address)
            else:
                self.diary = open_diary(self.data_dir, self.passphrase.text())
        except StoreError as exc:
            self.advice.setText(str(exc))
            return
        if self.diary.recovery_key:
            box = QMessageBox(self)
            box.setWindowTitle("Your recovery key")
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setText(
                "If you forget your passphrase, this recovery key is the only way back in. "
                "Write it down and keep it away from this laptop. It is shown only now.<br><br>"
                f"<b style='font-family: monospace; font-size: 13pt'>{self.diary.recovery_key}</b>"
            )
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.exec()
        self.accept()


class ChangePassphraseDialog(NewPassphraseDialog):
    """Re-wraps the diary's key under a new passphrase, given the current one (nothing is re-encrypted)."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        """The new-passphrase form with the current passphrase asked first."""
        super().__init__(data_dir, parent)
        self.setWindowTitle("Change passphrase")
        self.intro.setText(
            "Type your current passphrase, then the new one twice. Backups taken before today still open "
            "with the passphrase they were taken under; your recovery key stays the same."
        )
        self.current = _password_field(self, "Current passphrase")
        self.form_layout.insertRow(0, "&Current:", self.current)
        self.ok.setText("&Change passphrase")
        self.current.setFocus()

    def create(self) -> None:
        """Change the passphrase, or say plainly why not (nothing is changed then)."""
        if not self.ok.isEnabled():
            return
        current, new = self.current.text(), self.passphrase.text()
        outcome = run_job(
            self, "Change passphrase", "Changing the passphrase…",
            lambda _progress: passphrase.change(self.data_dir, current, new),
            expected=(WrongPassphrase, StoreError, OSError),
        )
        if isinstance(outcome.error, WrongPassphrase):
            self.advice.setText("That is not the current passphrase, so nothing was changed.")
            self.current.selectAll()
            self.current.setFocus()
            return
        if outcome.error:
            self.advice.setText(f"The passphrase was not changed: {outcome.error}")
            return
        self.accept()
