"""File menu work on the whole diary: the demo, case-file and CSV imports, exports, and the passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from diary import APP_NAME
from diary.domain.text import plural
from diary.services.casefile import CaseFileError, DuplicateCrnError, ImportSummary, export_document, write_casefile
from diary.services.progress import Progress
from diary.ui.jobs import JobOutcome, run_in_process, run_job

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
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A case file or CSV dragged onto the window is taken; dropping it starts its import."""
        if watched is self.window and isinstance(event, (QDragEnterEvent, QDropEvent)):
            path = _dropped_file(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
                QTimer.singleShot(0, lambda: self.import_dropped(path))
            return True
        return super().eventFilter(watched, event)

    def import_dropped(self, path: Path) -> None:
        """Import a dropped file by its kind: a case file (.json) or a spreadsheet export (.csv, .tsv, .txt)."""
        if path.suffix.lower() == ".json":
            self.import_casefile(str(path))
        else:
            self.import_csv(str(path))

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
        """Load the demo caseload into an empty diary, off the window's thread (Cancel keeps nothing)."""
        from diary.services.demo_loader import DEFAULT_PEOPLE, DEFAULT_SEED, DiaryNotEmpty

        today = self.window.clock().date()
        outcome = run_in_process(
            self.window, "Load the demo caseload", "Making up the demo caseload…", self.window.diary.db,
            "diary.services.demo_loader:load_demo", (DEFAULT_PEOPLE, DEFAULT_SEED, today),
            cancellable=True, expected=(DiaryNotEmpty,),
        )
        if outcome.error:
            QMessageBox.information(self.window, APP_NAME, f"Not loaded: {outcome.error}.")
        elif outcome.cancelled:
            self.window.say("Demo caseload not loaded: stopped before the end, nothing was kept.")
        elif outcome.value:
            self.window.say(outcome.value.describe())
            self.window.refresh()

    def import_casefile(self, path: str | None = None) -> None:
        """Ask for a case file and import it off the window's thread, asking before replacing anyone already here."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import case file", "", "Case files (*.json);;All files (*)")
            if not path:
                return
        source = Path(path)
        outcome = self._import_job(source, replace=False)
        if isinstance(outcome.error, DuplicateCrnError):
            answer = QMessageBox.question(
                self.window,
                "Replace existing records?",
                f"{outcome.error}. Replace their records with the ones in the file?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.window.say("Nothing was imported.")
                return
            outcome = self._import_job(source, replace=True)
        if outcome.error:
            QMessageBox.warning(self.window, "Case file not imported", f"{source.name}: {outcome.error}.\n\nNothing was imported.")
        elif outcome.cancelled:
            self.window.say(f"Import of {source.name} stopped: nothing was imported.")
        elif outcome.value:
            self.window.say(outcome.value.describe())
            self.window.refresh()

    def _import_job(self, source: Path, replace: bool) -> JobOutcome[ImportSummary]:
        """Run one case-file import in its own process, with its progress bar and Cancel."""
        return run_in_process(
            self.window, "Import case file", f"Importing {source.name}…", self.window.diary.db,
            "diary.services.casefile:import_file", (str(source), replace), cancellable=True, expected=(CaseFileError,),
        )

    def import_csv(self, path: str | None = None) -> None:
        """Ask for a CSV caseload, read it off the window's thread, then map, check and confirm it in the import dialog."""
        from diary.services.csv_read import CsvImportError, read_csv
        from diary.ui.csv_import_dialog import CsvImportDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import caseload", "", "Spreadsheet exports (*.csv *.txt);;All files (*)")
            if not path:
                return
        source = Path(path)
        outcome = run_job(
            self.window, "Import caseload", f"Reading {source.name}…", lambda _progress: read_csv(source),
            expected=(CsvImportError,),
        )
        if outcome.error or outcome.value is None:
            QMessageBox.warning(self.window, "Caseload not imported", f"{source.name}: {outcome.error}.\n\nNothing was imported.")
            return
        dialog = CsvImportDialog(self.window.diary.db, outcome.value, source.name, self.window.clock().date(), self.window)
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
        """Write the whole diary to a case file the officer chooses, off the window's thread."""
        path, _ = QFileDialog.getSaveFileName(self.window, "Export case file", "diary.json", "Case files (*.json)")
        if not path:
            return

        def work(progress: Progress) -> int:
            progress(0, 0)
            doc = export_document(self.window.diary.db)
            write_casefile(doc, Path(path))
            return len(doc["people"])

        outcome = run_job(self.window, "Export case file", f"Writing {Path(path).name}…", work, expected=(OSError,))
        if isinstance(outcome.error, OSError):
            QMessageBox.warning(self.window, "Not exported", f"Could not write {path}: {outcome.error.strerror or outcome.error}.")
        elif outcome.value is not None:
            self.window.say(f"Exported {plural(outcome.value, 'person', 'people')} to {path}.")


DROPPED_KINDS = (".json", ".csv", ".tsv", ".txt")
"""The files a drop onto the window imports: case files and spreadsheet exports."""


def _dropped_file(mime: QMimeData) -> Path | None:
    """The one local case file or spreadsheet export being dragged, if that is what it is."""
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1 or files[0].suffix.lower() not in DROPPED_KINDS:
        return None
    return files[0]
