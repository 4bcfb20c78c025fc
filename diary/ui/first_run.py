"""The first start: the officer's name and team, working week and passphrase, then how to begin.

The passphrase page reuses the first-run passphrase dialog, embedded; moving on from it creates
the encrypted diary (there is no going back past it), and the details from the pages before are
stored in the new diary at once. The last page loads the demo, imports a case file, or starts empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from diary import APP_NAME
from diary.domain.scheduling import WorkingPattern
from diary.resources import resource_path
from diary.services.diary_file import Diary
from diary.services.settings import set_setting
from diary.services.working_pattern import set_working_pattern
from diary.ui.passphrase_dialogs import NewPassphraseDialog
from diary.ui.working_pattern_editor import WorkingPatternEditor

Today = Callable[[], date]


def error_label(parent: QWidget) -> QLabel:
    """A label for saying plainly what is wrong on a page."""
    label = QLabel(parent)
    label.setObjectName("pageError")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(bright-text);")
    return label


class EmbeddedPassphrase(NewPassphraseDialog):
    """The first-run passphrase dialog as part of a wizard page: the wizard's buttons drive it."""

    def __init__(self, data_dir: Path, parent: QWidget) -> None:
        """The dialog's fields, without its own window or buttons."""
        super().__init__(data_dir, parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        self.buttons.hide()
        self.layout().setContentsMargins(0, 0, 0, 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter and Escape belong to the wizard."""
        event.ignore()

    def done(self, result: int) -> None:
        """Stay on the page once the diary is created; the wizard moves on."""
        self.setResult(result)


class AboutYouPage(QWizardPage):
    """The officer's name and team, as printed on schedules and handover sheets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Name (needed to go on) and team."""
        super().__init__(parent)
        self.setTitle(f"Welcome to {APP_NAME}")
        self.setSubTitle(
            "Your appointments, contact notes and enforcement counts, kept on this computer and encrypted. "
            "First, a few details; you can change them later in Preferences."
        )
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("as it should appear on printed schedules")
        self.team = QLineEdit(self)
        self.team.setAccessibleName("Team or office")
        self.team.setPlaceholderText("e.g. Leeds North, Team 2")
        self.server = QLineEdit(self)
        self.server.setAccessibleName("Team diary's server")
        self.server.setPlaceholderText("postgresql://you@server/team, or empty for a diary on this computer only")
        self.server_password = QLineEdit(self)
        self.server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_password.setAccessibleName("Server password")
        form = QFormLayout(self)
        form.addRow("Your na&me:", self.name)
        form.addRow("&Team or office:", self.team)
        join = QLabel("To join your team's diary on a server, give its address and your password there:", self)
        join.setWordWrap(True)
        form.addRow(join)
        form.addRow("&Join a team diary:", self.server)
        form.addRow("Server pass&word:", self.server_password)
        self.registerField("name*", self.name)
        self.registerField("team", self.team)


class WorkingWeekPage(QWizardPage):
    """The officer's working days, hours and lunch break."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """The working pattern editor, set to Monday to Friday, 09:00-17:00."""
        super().__init__(parent)
        self.setTitle("Your working week")
        self.setSubTitle(
            "Free slots for the next appointment are offered only in these hours. "
            "Bank holidays in England and Wales are left out by themselves."
        )
        self.editor = WorkingPatternEditor(WorkingPattern(), self)
        self.error = error_label(self)
        self.editor.changed.connect(lambda: self.error.clear())
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802
        """Go on only with a pattern that makes sense."""
        try:
            self.editor.pattern()
        except ValueError as exc:
            self.error.setText(str(exc))
            return False
        return True


class PassphrasePage(QWizardPage):
    """The passphrase that encrypts the diary; going on creates it and shows the recovery key."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        """The embedded passphrase form; this is the wizard's commit page."""
        super().__init__(parent)
        self.setTitle("Lock your diary")
        self.setSubTitle("The diary asks for this passphrase each time it starts and after it locks itself.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create my diary")
        self.form = EmbeddedPassphrase(data_dir, self)
        self.form.passphrase.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.form.confirm.textChanged.connect(lambda _text: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        """Start in the passphrase field."""
        self.form.passphrase.setFocus()

    def isComplete(self) -> bool:  # noqa: N802
        """A strong enough passphrase, typed the same twice."""
        return self.form.ok.isEnabled()

    def validatePage(self) -> bool:  # noqa: N802
        """Create the encrypted diary (or join the team diary named) and store the details from the earlier pages in it."""
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        self.form.team_address = wizard.about.server.text().strip() or None
        self.form.server_password = wizard.about.server_password.text() or None
        self.form.create()
        diary = self.form.diary
        if diary is None:
            return False
        wizard.save_details(diary)
        return True


class StartPage(QWizardPage):
    """How to begin: an empty diary, a case file from another diary, or the demo caseload."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Three choices; the case file needs a file."""
        super().__init__(parent)
        self.setTitle("Your caseload")
        self.setSubTitle("Your diary is ready. How would you like to begin?")
        self.empty = QRadioButton("&Start with an empty diary", self)
        self.importer = QRadioButton("&Import a case file exported from another diary:", self)
        self.demo = QRadioButton("Load the &demo caseload: made-up people, to look around first", self)
        self.choices = QButtonGroup(self)
        for button in (self.empty, self.importer, self.demo):
            self.choices.addButton(button)
            button.toggled.connect(self._update)
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Case file to import")
        self.path.setPlaceholderText("a .json case file")
        self.browse = QPushButton("B&rowse…", self)
        self.browse.setAccessibleName("Choose the case file")
        self.browse.clicked.connect(self.choose_file)
        self.path.textChanged.connect(lambda _text: self._update())
        file_row = QHBoxLayout()
        file_row.setContentsMargins(24, 0, 0, 0)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        note = QLabel(
            "The demo is for trying the diary out: start a fresh diary (another data folder) for real work. "
            "Both stay available from the File menu while the diary is empty.",
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("quietNote")
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.importer)
        layout.addLayout(file_row)
        layout.addWidget(self.demo)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.empty.setChecked(True)

    def _update(self) -> None:
        """The file fields only for an import; say nothing stale."""
        self.path.setEnabled(self.importer.isChecked())
        self.browse.setEnabled(self.importer.isChecked())
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        """An import needs a file named."""
        return not self.importer.isChecked() or bool(self.path.text().strip())

    def choose_file(self) -> None:
        """Pick the case file to import."""
        path, _ = QFileDialog.getOpenFileName(self, "Import case file", "", "Case files (*.json);;All files (*)")
        if path:
            self.path.setText(path)

    def validatePage(self) -> bool:  # noqa: N802
        """Do what was chosen; a file that cannot be imported is said plainly and the page stays."""
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        try:
            wizard.start_with(self.choice(), self.path.text().strip())
        except ValueError as exc:
            self.error.setText(str(exc))
            return False
        return True

    def choice(self) -> str:
        """'empty', 'import' or 'demo'."""
        return "import" if self.importer.isChecked() else "demo" if self.demo.isChecked() else "empty"


class FirstRunWizard(QWizard):
    """The first start, page by page; afterwards `diary` is the new diary (None if it was never created)."""

    def __init__(self, data_dir: Path, today: Today = date.today, parent: QWidget | None = None) -> None:
        """The four pages, for a diary to be created in data_dir."""
        super().__init__(parent)
        self.today = today
        self.diary: Diary | None = None
        self.summary = ""
        self.setWindowTitle(APP_NAME)
        self.setObjectName("firstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(str(resource_path("icons/supervision-diary-64.png"))))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.about = AboutYouPage(self)
        self.week = WorkingWeekPage(self)
        self.lock = PassphrasePage(data_dir, self)
        self.start = StartPage(self)
        for page in (self.about, self.week, self.lock, self.start):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Open my diary")
        self.resize(640, 440)

    def save_details(self, diary: Diary) -> None:
        """Keep the new diary and store the officer's name, team and working week in it."""
        self.diary = diary
        set_setting(diary.db, "officer_name", self.about.name.text().strip())
        set_setting(diary.db, "team", self.about.team.text().strip())
        set_working_pattern(diary.db, self.week.editor.pattern())

    def start_with(self, choice: str, path: str = "") -> None:
        """Load the demo or import a case file into the new diary (ValueError, in plain words, if it cannot)."""
        from diary.services.casefile import CaseFileError, import_document, read_casefile
        from diary.services.demo_loader import load_demo

        assert self.diary is not None
        if choice == "demo":
            self.summary = load_demo(self.diary.db, today=self.today()).describe()
        elif choice == "import":
            try:
                self.summary = import_document(self.diary.db, read_casefile(Path(path))).describe()
            except CaseFileError as exc:
                raise ValueError(f"{Path(path).name}: {exc}. Nothing was imported; choose another file.") from exc
