"""File > Import caseload (CSV): map the columns, see the problem rows, fix or skip them, then confirm."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diary.domain.text import plural
from diary.services.csv_import import (
    TARGETS,
    RowCheck,
    check_rows,
    existing_crns,
    mapping_problem,
    recheck,
    suggest_mapping,
)
from diary.services.casefile import ImportSummary
from diary.services.csv_read import CsvImportError, CsvTable
from diary.services.diary_file import Database
from diary.ui.jobs import run_in_process, run_job

PREVIEW_ROWS = 8


class CsvImportDialog(QDialog):
    """Two steps: column mapping with a preview, then the rows' problems; writes only on Import."""

    def __init__(self, db: Database, table: CsvTable, source_name: str, today: date, parent: QWidget | None = None) -> None:
        """Show the mapping step for a table read from `source_name`."""
        super().__init__(parent)
        self.db = db
        self.table = table
        self.today = today
        self.checks: list[RowCheck] = []
        self.summary: ImportSummary | None = None
        self.setWindowTitle(f"Import caseload from {source_name}")
        self.setAccessibleName("Import caseload")
        self.resize(1000, 560)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._review_page())
        self.buttons = QDialogButtonBox(self)
        self.back_button = self.buttons.addButton("< &Back", QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button = self.buttons.addButton("&Check rows >", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.clicked.connect(lambda: self._show_step(0))
        self.next_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self._show_step(0)
        self._mapping_changed()

    def _mapping_page(self) -> QWidget:
        """Step 1: a combo box over each column, the first rows beneath."""
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"<b>Step 1 of 2: what is in each column?</b> ({self.table.describe()})", page))
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(self.table.rows)) + 1, len(self.table.headers), page)
        self.preview.setHorizontalHeaderLabels(self.table.headers)
        self.preview.setVerticalHeaderLabels(["Use as"] + [str(n + 2) for n in range(self.preview.rowCount() - 1)])
        self.combos: list[QComboBox] = []
        for column, suggested in enumerate(suggest_mapping(self.table.headers)):
            combo = QComboBox(self.preview)
            combo.setAccessibleName(f"Use column {self.table.headers[column]} as")
            combo.addItem("(ignore)", None)
            for target in TARGETS:
                combo.addItem(target.label, target.key)
            combo.setCurrentIndex(max(0, combo.findData(suggested)))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.preview.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for row, values in enumerate(self.table.rows[:PREVIEW_ROWS], start=1):
            for column, value in enumerate(values[: len(self.table.headers)]):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.preview.setItem(row, column, item)
        self.preview.resizeColumnsToContents()
        layout.addWidget(self.preview)
        self.mapping_note = QLabel(page)
        self.mapping_note.setWordWrap(True)
        layout.addWidget(self.mapping_note)
        return page

    def _review_page(self) -> QWidget:
        """Step 2: the rows with problems, editable, each with a Skip box."""
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.review_label = QLabel(page)
        self.review_label.setWordWrap(True)
        layout.addWidget(self.review_label)
        self.problems = QTableWidget(0, 0, page)
        self.problems.setAccessibleName("Rows with problems")
        self.problems.verticalHeader().hide()
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.recheck_button = QPushButton("C&heck again after fixing", page)
        self.recheck_button.clicked.connect(self.check_again)
        row.addWidget(self.recheck_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def mapping(self) -> list[str | None]:
        """The diary field chosen for each column."""
        return [combo.currentData() for combo in self.combos]

    def _mapping_changed(self) -> None:
        """Say whether the mapping can be used, and allow the next step only if it can."""
        problem = mapping_problem(self.mapping())
        self.mapping_note.setText(problem or "Columns set. Check the rows next: nothing is written until you choose Import.")
        self.next_button.setEnabled(problem is None)

    def _show_step(self, step: int) -> None:
        """Show one of the two steps with its buttons."""
        self.pages.setCurrentIndex(step)
        self.back_button.setVisible(step == 1)
        self.next_button.setVisible(step == 0)
        self.import_button.setVisible(step == 1)

    def check(self) -> None:
        """Check every row off the window's thread (a progress bar for long files) and show the problems."""
        mapping = self.mapping()
        outcome = run_job(
            self, "Checking rows", f"Checking {plural(len(self.table.rows), 'row')}…",
            lambda progress: check_rows(self.db, self.table, mapping, self.today, progress), cancellable=True,
        )
        if outcome.value is None:
            return
        self.checks = outcome.value
        self._fill_problems()
        self._show_step(1)

    def _problem_checks(self) -> list[RowCheck]:
        """The rows with something wrong, in file order."""
        return [c for c in self.checks if c.problems or c.skip]

    def _fill_problems(self) -> None:
        """Rebuild the problem table and the counts."""
        keys = [k for k in self.mapping() if k]
        labels = {t.key: t.label for t in TARGETS}
        rows = self._problem_checks()
        self.problems.clear()
        self.problems.setColumnCount(3 + len(keys))
        self.problems.setRowCount(len(rows))
        self.problems.setHorizontalHeaderLabels(["Skip", "Line", "Problem"] + [labels[k] for k in keys])
        self.skip_boxes: list[QCheckBox] = []
        for row, check in enumerate(rows):
            box = QCheckBox(self.problems)
            box.setAccessibleName(f"Skip line {check.line}")
            box.setChecked(check.skip)
            box.toggled.connect(lambda on, c=check: self._set_skip(c, on))
            self.problems.setCellWidget(row, 0, box)
            self.skip_boxes.append(box)
            for column, text in ((1, str(check.line)), (2, "; ".join(check.problems) or "skipped")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.problems.setItem(row, column, item)
            for offset, key in enumerate(keys):
                self.problems.setItem(row, 3 + offset, QTableWidgetItem(check.values.get(key, "")))
        self.problems.resizeColumnsToContents()
        self._update_counts()

    def _set_skip(self, check: RowCheck, skip: bool) -> None:
        """Skip a row (or take it back) and update what Import will do."""
        check.skip = skip
        self._update_counts()

    def _update_counts(self) -> None:
        """Say how many rows are ready and how many still need the officer; enable Import when none do."""
        ready = sum(c.ready for c in self.checks)
        waiting = sum(1 for c in self.checks if c.problems and not c.skip)
        self.review_label.setText(
            f"<b>Step 2 of 2.</b> {plural(ready, 'person', 'people')} ready to import. "
            + (f"{plural(waiting, 'row')} with problems: fix the cells and check again, or tick Skip. " if waiting else "")
            + "Nothing has been written yet."
        )
        self.import_button.setText(f"&Import {plural(ready, 'person', 'people')}")
        self.import_button.setEnabled(ready > 0 and waiting == 0)

    def check_again(self) -> None:
        """Take the officer's edits from the problem table and check every row again."""
        keys = [k for k in self.mapping() if k]
        for row, check in enumerate(self._problem_checks()):
            for offset, key in enumerate(keys):
                item = self.problems.item(row, 3 + offset)
                check.values[key] = item.text().strip() if item else ""
        recheck(self.checks, existing_crns(self.db), self.today)
        self._fill_problems()

    def do_import(self) -> None:
        """Write the ready rows off the window's thread, in one transaction; close once they are in."""
        ready = sum(c.ready for c in self.checks)
        outcome = run_in_process(
            self, "Importing caseload", f"Importing {plural(ready, 'person', 'people')}…", self.db,
            "diary.services.csv_import:import_rows", (self.checks,), cancellable=True, expected=(CsvImportError,),
        )
        if outcome.cancelled:
            self.review_label.setText("<b>Import stopped.</b> Nothing was written; choose Import to start again.")
            return
        if outcome.error:
            QMessageBox.warning(self, "Caseload not imported", f"{outcome.error}\n\nNothing was imported.")
            return
        self.summary = outcome.value
        self.accept()
