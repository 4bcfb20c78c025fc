"""File menu work on the whole diary: the demo, case-file and CSV imports, exports, and the passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from diary import APP_NAME
from diary.domain.text import plural
from diary.services.casefile import (
    CaseFileError,
    DuplicateCrnError,
    export_document,
    import_document,
    read_casefile,
    write_casefile,
)

if TYPE_CHECKING:
    from diary.ui.shell import Shell


class FileFlow(QObject):
    """Imports, exports and the passphrase, from the File menu and the welcome page; reports in the status bar."""

    def __init__(self, window: Shell) -> None:
        """Connect the File actions and the welcome page's buttons."""
        super().__init__(window)
        self.window = window
        window.welcome.load_demo.connect(self.load_demo)
        window.welcome.import_casefile.connect(self.import_casefile)
        for key in ("load_demo", "import_casefile", "import_csv", "export_calendar", "export_casefile", "change_passphrase"):
            window.actions.connect(key, getattr(self, key))

    def change_passphrase(self) -> None:
        """Ask for the current and a new passphrase and re-wrap the diary's key."""
        from diary.ui.passphrase_dialogs import ChangePassphraseDialog

        if not self.window.diary.encrypted:
            QMessageBox.information(self.window, "Change passphrase", "This diary is not encrypted, so it has no passphrase to change.")
            return
        dialog = ChangePassphraseDialog(self.window.diary.data_dir, self.window)
        if dialog.exec():
            self.window.say("Passphrase changed. Use the new one from now on.")

    def load_demo(self) -> None:
        """Load the demo caseload into an empty diary."""
        from diary.services.demo_loader import DiaryNotEmpty, load_demo

        try:
            summary = load_demo(self.window.diary.db, today=self.window.clock().date())
        except DiaryNotEmpty as exc:
            QMessageBox.information(self.window, APP_NAME, f"Not loaded: {exc}.")
            return
        self.window.say(summary.describe())
        self.window.refresh()

    def import_casefile(self, path: str | None = None) -> None:
        """Ask for a case file and import it, asking before replacing anyone already here."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import case file", "", "Case files (*.json);;All files (*)")
            if not path:
                return
        try:
            parsed = read_casefile(Path(path))
            try:
                summary = import_document(self.window.diary.db, parsed)
            except DuplicateCrnError as exc:
                answer = QMessageBox.question(
                    self.window,
                    "Replace existing records?",
                    f"{exc}. Replace their records with the ones in the file?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    self.window.say("Nothing was imported.")
                    return
                summary = import_document(self.window.diary.db, parsed, replace=True)
        except CaseFileError as exc:
            QMessageBox.warning(self.window, "Case file not imported", f"{Path(path).name}: {exc}.\n\nNothing was imported.")
            return
        self.window.say(summary.describe())
        self.window.refresh()

    def import_csv(self, path: str | None = None) -> None:
        """Ask for a CSV caseload, then map, check and confirm it in the import dialog."""
        from diary.services.csv_import import CsvImportError, read_csv
        from diary.ui.csv_import_dialog import CsvImportDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import caseload", "", "Spreadsheet exports (*.csv *.txt);;All files (*)")
            if not path:
                return
        try:
            table = read_csv(Path(path))
        except CsvImportError as exc:
            QMessageBox.warning(self.window, "Caseload not imported", f"{Path(path).name}: {exc}.\n\nNothing was imported.")
            return
        dialog = CsvImportDialog(self.window.diary.db, table, Path(path).name, self.window.clock().date(), self.window)
        if dialog.exec() and dialog.summary:
            self.window.say(dialog.summary.describe())
            self.window.refresh()

    def export_calendar(self) -> None:
        """Ask for a range and a file, then write the diary's bookings and commitments as iCalendar."""
        from diary.services.calendar_export import write_calendar
        from diary.ui.calendar_export_dialog import CalendarExportDialog

        dialog = CalendarExportDialog(self.window.clock().date(), self.window)
        if not dialog.exec():
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Export calendar", "diary.ics", "Calendars (*.ics)")
        if not path:
            return
        first, last = dialog.range()
        try:
            summary = write_calendar(self.window.diary.db, Path(path), first, last, dialog.private.isChecked())
        except OSError as exc:
            QMessageBox.warning(self.window, "Calendar not exported", f"{Path(path).name} could not be written: {exc.strerror or exc}.")
            return
        self.window.say(f"Exported {summary.events} events to {Path(path).name}.")

    def export_casefile(self) -> None:
        """Write the whole diary to a case file the officer chooses."""
        path, _ = QFileDialog.getSaveFileName(self.window, "Export case file", "diary.json", "Case files (*.json)")
        if not path:
            return
        doc = export_document(self.window.diary.db)
        try:
            write_casefile(doc, Path(path))
        except OSError as exc:
            QMessageBox.warning(self.window, "Not exported", f"Could not write {path}: {exc.strerror or exc}.")
            return
        self.window.say(f"Exported {plural(len(doc['people']), 'person', 'people')} to {path}.")
