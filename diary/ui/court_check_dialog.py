"""The court check window: type a name or CRN, read the answer, print it on one page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diary.domain.search import SearchIndex
from diary.reports.court_check import court_check_document, court_check_html, write_court_check_pdf
from diary.reports.printing import print_document, setup_page
from diary.services.court_check import CourtCheck, court_check
from diary.services.diary_file import Diary

PROMPT = "Type a CRN or a name (even misspelt) to see whether they are on an order and how they are doing."


class CourtCheckDialog(QDialog):
    """One screen answering 'is this person on an order, which, since when, how are they doing'."""

    def __init__(
        self, diary: Diary, index: Callable[[], SearchIndex], today: Callable[[], date], text: str, parent: QWidget | None = None
    ) -> None:
        """The check for text (a CRN or name), updated as the box changes."""
        super().__init__(parent)
        self.diary = diary
        self.index = index
        self.today = today
        self.check: CourtCheck | None = None
        self.setWindowTitle("Court check")
        self.setObjectName("courtCheckDialog")
        self.box = QLineEdit(text, self)
        self.box.setObjectName("courtCheckBox")
        self.box.setAccessibleName("Name or CRN")
        self.box.setPlaceholderText("CRN or name…")
        self.answer = QTextBrowser(self)
        self.answer.setObjectName("courtCheckAnswer")
        self.answer.setAccessibleName("Court check")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton("&Print…", self)
        self.pdf_button = QPushButton("Save as P&DF…", self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_check)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.update_check)
        self.box.textChanged.connect(lambda _t: self.timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Name or CRN:", self))
        layout.addWidget(self.box)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self.resize(760, 720)
        self.update_check()
        self.box.setFocus()

    def update_check(self) -> None:
        """Show the answer for what is in the box."""
        self.timer.stop()
        text = self.box.text().strip()
        self.check = court_check(self.diary.db, self.index(), text, self.today()) if text else None
        self.print_button.setEnabled(self.check is not None)
        self.pdf_button.setEnabled(self.check is not None)
        if self.check is not None:
            self.answer.setHtml(court_check_html(self.check, datetime.now(), 10.0))
        else:
            self.answer.setPlainText(f"No one in the diary matches “{text}”." if text else PROMPT)

    def print_check(self) -> None:
        """Print the check on one A4 page."""
        if self.check is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer, landscape=False)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(court_check_document(self.check, printer), printer)

    def save_pdf(self) -> None:
        """Save the check as a one-page PDF where the officer chooses."""
        if self.check is None:
            return
        suggested = f"court check {self.check.crn}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save court check", suggested, "PDF files (*.pdf)")
        if path:
            write_court_check_pdf(self.check, Path(path))
