"""The main window: menus and toolbar from the action registry, and the diary's views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from diary import APP_NAME, __version__
from diary.domain.text import plural
from diary.services.casefile import people_count
from diary.services.diary_file import Diary
from diary.ui.actions import ActionRegistry
from diary.ui.autobackup import BackupControls
from diary.ui.caseload_view import CaseloadView
from diary.ui.due_flow import DueFlow
from diary.ui.file_flow import FileFlow
from diary.ui.team_dialogs import TeamFlow
from diary.ui.lock import LockGuard
from diary.ui.my_time_view import MyTimeView
from diary.ui.national_queue_view import NationalQueueView
from diary.ui.pages import PAGE_ACTIONS, PAGES, PageView, Reload
from diary.ui.person_page import PersonPage
from diary.ui.recording_flow import RecordingFlow
from diary.ui.search_flow import SearchFlow
from diary.ui.search_view import SearchView
from diary.ui.throughcare_view import ThroughcareView
from diary.ui.today_view import TodayView
from diary.ui.week_view import WeekView
from diary.ui.welcome_view import WelcomeView

Clock = Callable[[], datetime]
REFRESH_AFTER_DIARY_MS = 400
"""A run of moves in the diary (Ctrl+arrows held down) refreshes the other views once, this long after the last."""
MESSAGE_MS = 10000


class MainWindow(QMainWindow):
    """The officer's diary: its pages (from the table in pages.py), menus and toolbar from the action registry, and the
    flows that work across pages."""

    welcome: WelcomeView
    today: TodayView
    caseload: CaseloadView
    throughcare: ThroughcareView
    person: PersonPage
    national: NationalQueueView
    my_time: MyTimeView
    week: WeekView
    search_results: SearchView
    """Each page is also the window's attribute of its key; these are the ones the window's code names."""

    def __init__(self, diary: Diary, clock: Clock = datetime.now) -> None:
        """Build the window over an open diary; clock gives 'now' (tests inject one)."""
        super().__init__()
        self.diary = diary
        self.clock = clock
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.actions = ActionRegistry(self, PAGE_ACTIONS)
        self.actions.build_menus(self.menuBar())
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions.build_toolbar(toolbar)
        self.addToolBar(toolbar)

        self.stack = QStackedWidget(self)
        self.pages: dict[str, PageView] = {}
        for spec in PAGES:
            self._add_page(spec.key, spec.make(diary, self.clock, self), spec.action.key if spec.action else None)
        self.setCentralWidget(self.stack)
        self.people_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.people_label)
        for view in (self.today, self.caseload, self.throughcare):
            self.actions.add_to_view(view)
        self.national.changed.connect(lambda: self.today.set_national_waiting(len(self.national.model.rows)))
        self.person.changed.connect(self.refresh)

        self.actions["show_closed_cases"].setCheckable(True)
        self.actions.connect("show_closed_cases", self.toggle_closed_cases)
        self.actions.connect("quit", self.close)
        self.actions.connect("export_my_time", self.my_time.export_csv)
        self.actions.connect("print_my_time", self.my_time.print_week)
        self.actions.connect("copy_for_national", lambda: self.on_national_queue(self.national.copy_selected))
        self.actions.connect("mark_entered", lambda: self.on_national_queue(self.national.mark_selected_entered))
        self.actions.connect("open_person", self.open_selected_person)
        self.actions.connect("attach_document", self.choose_documents)
        self.actions.connect("set_photo", self.choose_photo)
        for key, slot in self.person.compliance.action_slots().items():
            self.actions.connect(key, lambda slot=slot: self.on_person_page(slot))
        self.actions.connect("help_keys", self.show_keys)
        self.actions.connect("about", self.show_about)
        self.actions.connect("preferences", self.show_preferences)
        self.actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
        self.files = FileFlow(self)
        self.team_flow = TeamFlow(self)
        self.backups = BackupControls(self)
        self.due = DueFlow(self)
        self.search = SearchFlow(self)
        self.recording = RecordingFlow(self)
        self.lock = LockGuard(self, diary, self.actions)
        self.week.connect_actions(self.actions)
        self.week.show_requested.connect(lambda: self.show_page(self.week))
        self.refresh_soon = QTimer(self)
        self.refresh_soon.setSingleShot(True)
        self.refresh_soon.setInterval(REFRESH_AFTER_DIARY_MS)
        self.refresh_soon.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.week.changed.connect(self.refresh_soon.start)
        self.actions.connect("book_appointment", self.book)
        self.actions.connect("print_week", self.week.print_week)
        self.people = 0
        self.stale: set[QWidget] = set()
        self.stack.currentChanged.connect(lambda _index: self.bring_up_to_date(self.stack.currentWidget()))
        self.refresh()

    def _add_page(self, key: str, page: QWidget, action: str | None) -> None:
        """Stack a page, name it, show it on its action, and pass on what it says and who it opens."""
        assert isinstance(page, PageView), f"page {key} does not answer PageView"
        self.stack.addWidget(page)
        self.pages[key] = page
        setattr(self, key, page)
        if action is not None:
            self.actions.connect(action, lambda: self.show_page(page))
        message = getattr(page, "message", None)
        if message is not None:
            message.connect(self.say)
        person_activated = getattr(page, "person_activated", None)
        if person_activated is not None:
            person_activated.connect(self.open_person)

    def say(self, text: str) -> None:
        """A message in the status bar."""
        self.statusBar().showMessage(text, MESSAGE_MS)

    def current_page(self) -> PageView:
        """The page in front."""
        page = self.stack.currentWidget()
        assert isinstance(page, PageView)
        return page

    def selected_person(self) -> int | None:
        """The person selected in the page in front (or shown on the person page)."""
        return self.current_page().selected_person()

    def book(self) -> None:
        """Ctrl+N: book at the time selected in the diary, or for the person selected elsewhere."""
        self.bring_up_to_date(self.week)
        self.week.book(None if self.stack.currentWidget() is self.week else self.selected_person())

    def open_selected_person(self) -> None:
        """Open the page of the person selected in the current view."""
        person_id = self.selected_person()
        if person_id is not None:
            self.open_person(person_id)

    def open_person(self, person_id: int) -> None:
        """Show a person's page."""
        self.person.show_person(person_id, self.clock())
        self.due.show_person(person_id)
        self.stack.setCurrentWidget(self.person)
        self.person.tabs.setFocus()

    def on_person_page(self, slot: Callable[[], None]) -> None:
        """Run a compliance action on the Compliance tab of the person shown, or selected in the current view."""
        person_id = self.selected_person()
        if person_id is None:
            self.say("Select a person first, or open their page (Enter on their name).")
            return
        if self.stack.currentWidget() is not self.person:
            self.open_person(person_id)
        self.person.tabs.setCurrentWidget(self.person.compliance)
        slot()

    def choose_documents(self) -> None:
        """Pick files to attach to the person on the page."""
        if self.stack.currentWidget() is not self.person or self.person.detail is None:
            self.say("Open a person's page first (Enter on their name).")
            return
        paths, _ = QFileDialog.getOpenFileNames(self, f"Attach to {self.person.detail.name}")
        if paths:
            self.person.attach([Path(p) for p in paths])

    def choose_photo(self) -> None:
        """Pick an image as the photo of the person on the page."""
        if self.stack.currentWidget() is not self.person or self.person.detail is None:
            self.say("Open a person's page first (Enter on their name).")
            return
        path, _ = QFileDialog.getOpenFileName(self, "Choose photo", "", "Images (*.png *.jpg *.jpeg *.gif *.bmp)")
        if path:
            self.person.set_photo(Path(path))

    def on_national_queue(self, act: Callable[[], None]) -> None:
        """Copy or tick on the national record queue; from elsewhere, show the queue first."""
        if self.stack.currentWidget() is self.national:
            act()
        else:
            self.show_page(self.national)

    def show_page(self, page: QWidget) -> None:
        """Bring a page to the front, the focus where it goes (the welcome page stays while the diary is empty)."""
        if self.stack.currentWidget() is self.welcome:
            return
        self.stack.setCurrentWidget(page)
        assert isinstance(page, PageView)
        page.focus_target().setFocus()

    def refresh(self) -> None:
        """Reload the pages that reload at once; the others are out of date until next shown (a career's diary lists
        thousands of people: no need to read them before they are looked at)."""
        self.people = people_count(self.diary.db)
        self.people_label.setText(f"{plural(self.people, 'person', 'people')} · {self.diary.data_dir}")
        if not self.people:
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.demo_button.setFocus()
            return
        self.stale = {self.pages[spec.key] for spec in PAGES if spec.reload is Reload.WHEN_SHOWN}
        for spec in PAGES:
            if spec.reload is Reload.AT_ONCE:
                self.pages[spec.key].reload()
        self.today.set_national_waiting(len(self.national.model.rows))
        self.due.refresh()
        if self.stack.currentWidget() is self.welcome:
            self.stack.setCurrentWidget(self.today)
            self.today.today_table.setFocus()
        self.bring_up_to_date(self.stack.currentWidget())

    def bring_up_to_date(self, page: QWidget) -> None:
        """Reload a page the diary changed under since it was last shown."""
        if page in self.stale:
            self.stale.discard(page)
            assert isinstance(page, PageView)
            page.reload()

    def toggle_closed_cases(self) -> None:
        """Show or hide people whose cases have closed in the caseload, and show the caseload."""
        self.caseload.include_closed = self.actions["show_closed_cases"].isChecked()
        self.stale.add(self.caseload)
        self.show_page(self.caseload)
        self.bring_up_to_date(self.caseload)

    def show_keys(self) -> None:
        """F1: every key and where it works, with a box to filter them."""
        from diary.ui.keys_dialog import KeysDialog

        self.keys_dialog = KeysDialog(self.actions, self)
        self.keys_dialog.open()

    def show_preferences(self) -> None:
        """Open Preferences; what is saved there applies at once."""
        from diary.ui.preferences_dialog import PreferencesDialog

        self.preferences = PreferencesDialog(self.diary, self)
        self.preferences.saved.connect(self.refresh)
        self.preferences.saved.connect(lambda: self.say("Preferences saved."))
        self.preferences.open()

    def show_about(self) -> None:
        """Name, version, purpose, licence, where the diary is kept, and the versions it runs on."""
        import platform

        from PySide6.QtCore import qVersion

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A probation officer's own diary and contact record, for England and Wales.</p>"
            f"<p>Your diary is kept, encrypted, in<br><tt>{self.diary.data_dir}</tt></p>"
            f"<p>Free software under the MIT licence.<br>Qt {qVersion()}, Python {platform.python_version()}.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Remove viewing copies and close the diary's database with the window."""
        from diary.services.documents import clear_viewing_copies

        self.backups.on_close()
        clear_viewing_copies(self.diary)
        self.diary.close()
        super().closeEvent(event)
