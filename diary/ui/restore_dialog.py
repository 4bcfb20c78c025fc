"""Restoring a backup: the officer's choice from the kept backups, and the offer made when the diary is damaged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.services.backups import (
    BackupInfo,
    RestoreReport,
    damage_found,
    describe_backup,
    kept_backups,
    newest_good,
    newest_good_for_unreadable,
    restore_in_place,
    restore_unreadable as restore_unreadable_file,
)
from diary.services.diary_file import Diary, DiaryDamaged
from diary.services.errors import StoreError
from diary.ui.jobs import run_job

RESTORE = 2
OPEN_AS_IT_IS = 3
SHOWN_PROBLEMS = 3


class RestoreDialog(QDialog):
    """Choose one of the kept backups to put in place of the diary."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        """A list of backups, newest first and selected."""
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle("Restore from a backup")
        intro = QLabel(
            "The diary will be replaced by the backup you choose. The file it replaces is kept in the "
            "backups folder; nothing is deleted. Anything entered after that backup will need entering again.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 2, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(["Taken", "Attachments"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(backups):
            self.table.setItem(row, 0, QTableWidgetItem(describe_backup(backup)))
            self.table.setItem(row, 1, QTableWidgetItem(str(backup.attachments)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(460, 360)

    def chosen(self) -> BackupInfo | None:
        """The selected backup."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def restore_chosen_backup(diary: Diary, parent: QWidget) -> RestoreReport | None:
    """Ask which backup to restore and restore it into the open diary; None if nothing was restored."""
    backups = kept_backups(diary)
    if not backups:
        QMessageBox.information(parent, "No backups yet", "There are no backups of this diary yet, so there is nothing to restore.")
        return None
    dialog = RestoreDialog(backups, parent)
    chosen = dialog.chosen() if dialog.exec() else None
    if chosen is None:
        return None
    outcome = run_job(
        parent, "Restore from backup", "Checking the backup and putting it in place…",
        lambda _progress: restore_in_place(diary, chosen.path), expected=(StoreError,),
    )
    if outcome.error:
        QMessageBox.warning(parent, "Not restored", str(outcome.error))
    return outcome.value


class DamagedDiaryDialog(QDialog):
    """Says the diary failed its integrity check and offers the newest good backup."""

    def __init__(
        self, problems: list[str], backup: BackupInfo | None, parent: QWidget | None = None, can_open: bool = True
    ) -> None:
        """Explain what was found; done() with RESTORE, OPEN_AS_IT_IS (if can_open), or rejected to quit."""
        super().__init__(parent)
        self.setWindowTitle("Your diary may be damaged")
        shown = "\n".join(f"  • {problem}" for problem in problems[:SHOWN_PROBLEMS])
        more = f"\n  … and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
        if backup is not None:
            offer = (
                f"The newest good backup was taken on {describe_backup(backup)}. Restore it? The damaged file "
                "will be kept in the backups folder, not deleted. Anything entered after that backup will need "
                "entering again."
            )
        elif can_open:
            offer = (
                "There is no good backup to restore. You can open the diary as it is and export what can be "
                "read, or quit and ask for help; the file is left exactly as it is."
            )
        else:
            offer = "There is no good backup to restore. Quit and ask for help; the file is left exactly as it is."
        text = QLabel(f"Your diary file failed its integrity check:\n{shown}{more}\n\n{offer}", self)
        text.setObjectName("damageText")
        text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton | None = None
        if backup is not None:
            self.restore_button = buttons.addButton("&Restore the backup", QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(lambda: self.done(RESTORE))
        self.open_button = buttons.addButton("&Open as it is", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.open_button.clicked.connect(lambda: self.done(OPEN_AS_IT_IS))
        self.open_button.setVisible(can_open)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        (self.restore_button or self.quit_button).setDefault(True)
        text.setMinimumWidth(480)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)


def check_on_start(diary: Diary, parent: QWidget | None = None) -> tuple[Diary | None, str | None]:
    """Run the integrity checks; if they fail, offer the newest good backup. Returns the diary (None to quit) and a message."""
    problems = damage_found(diary)
    if not problems:
        return diary, None
    backup = newest_good(diary)
    choice = DamagedDiaryDialog(problems, backup, parent).exec()
    if choice == RESTORE and backup is not None:
        try:
            return diary, restore_in_place(diary, backup.path, reason="damaged").describe()
        except StoreError as exc:
            QMessageBox.critical(parent, "Not restored", str(exc))
    elif choice == OPEN_AS_IT_IS:
        return diary, "The diary failed its integrity check; export what you need and restore a backup soon."
    diary.close()
    return None, None


def restore_unreadable(data_dir: Path, damage: DiaryDamaged, parent: QWidget | None = None) -> Diary | None:
    """The diary file cannot be read at all: offer the newest good backup; the restored diary, or None to quit."""
    backup = newest_good_for_unreadable(data_dir, damage.key)
    problems = ["the file cannot be read at all (its first pages are damaged)"]
    choice = DamagedDiaryDialog(problems, backup, parent, can_open=False).exec()
    if choice != RESTORE or backup is None:
        return None
    try:
        return restore_unreadable_file(data_dir, backup.path, damage.key)
    except StoreError as exc:
        QMessageBox.critical(parent, "Not restored", str(exc))
        return None
