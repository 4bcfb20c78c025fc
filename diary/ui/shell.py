"""What the main window offers the flows that work on it, so they need not import the window (no import circle)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

    from diary.services.diary_file import Diary
    from diary.ui.actions import ActionRegistry
    from diary.ui.caseload_view import CaseloadView
    from diary.ui.pages import PageView
    from diary.ui.person_page import PersonPage
    from diary.ui.search_view import SearchView
    from diary.ui.throughcare_view import ThroughcareView
    from diary.ui.today_view import TodayView
    from diary.ui.week_view import WeekView
    from diary.ui.welcome_view import WelcomeView


class Shell(Protocol):
    """The main window as its flows (recording, files, search, what's due, backups, the lock) see it."""

    diary: Diary
    actions: ActionRegistry
    stack: QStackedWidget
    pages: dict[str, PageView]
    welcome: WelcomeView
    today: TodayView
    caseload: CaseloadView
    throughcare: ThroughcareView
    person: PersonPage
    week: WeekView
    search_results: SearchView

    def clock(self) -> datetime:
        """Now (tests set the time)."""

    def statusBar(self) -> QStatusBar:  # noqa: N802
        """The window's status bar."""

    def say(self, text: str) -> None:
        """A message in the status bar."""

    def current_page(self) -> PageView:
        """The page in front."""

    def refresh(self) -> None:
        """Reload what the diary shows after a change."""

    def selected_person(self) -> int | None:
        """The person selected in the page in front, if any."""

    def open_person(self, person_id: int) -> None:
        """Show a person's page."""

    def show_page(self, page: QWidget) -> None:
        """Bring a page to the front."""
