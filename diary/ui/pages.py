"""The main window's pages, in one table: what each is called, how it is made, the action (and key) that shows it,
and when it reloads. Every page answers the small PageView interface, so the window treats them all alike.

Adding a page: write its module (a QWidget answering PageView, made from the diary, the clock and its parent) and
add its line to PAGES. Its action joins the one registry (diary/ui/actions.py) with the others, in table order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from diary.services.diary_file import Diary
from diary.ui.actions import ActionSpec
from diary.ui.caseload_view import CaseloadView
from diary.ui.my_time_view import MyTimeView
from diary.ui.national_queue_view import NationalQueueView
from diary.ui.person_page import PersonPage
from diary.ui.search_view import SearchView
from diary.ui.throughcare_view import ThroughcareView
from diary.ui.today_view import TodayView
from diary.ui.week_view import WeekView
from diary.ui.welcome_view import WelcomeView

Clock = Callable[[], datetime]


class Reload(Enum):
    """When a page reads the diary again after a change."""

    AT_ONCE = "at once"
    """On every change: the page is cheap, or always in view (Today)."""
    WHEN_SHOWN = "when shown"
    """Marked out of date on a change, read again when next in front (long lists, the diary grid)."""
    OWN = "its own way"
    """The page reloads itself when its own data is asked for (the welcome page, a person's page)."""


@runtime_checkable
class PageView(Protocol):
    """What every page answers. A page may also have the signals `message(str)` (for the status bar) and
    `person_activated(int)` (open that person's page): the window connects them."""

    def reload(self) -> None:
        """Read the diary again and show it."""

    def selected_person(self) -> int | None:
        """The person selected on the page, if any."""

    def selected_appointment(self) -> int | None:
        """The appointment selected on the page, if any."""

    def focus_target(self) -> QWidget:
        """Where the keyboard focus goes when the page comes to the front."""


@dataclass(frozen=True)
class Page:
    """One page of the main window: its name (the window's attribute), how it is made, the action that brings it to
    the front (None for a page reached otherwise) and when it reloads."""

    key: str
    make: Callable[[Diary, Clock, QWidget], QWidget]
    action: ActionSpec | None
    reload: Reload


def _shows(key: str, text: str, keys: str, tip: str) -> ActionSpec:
    """The View menu's and the toolbar's action that brings a page to the front."""
    return ActionSpec(key, text, (keys,), "&View", tip, toolbar=True)


PAGES: tuple[Page, ...] = (
    Page("welcome", lambda diary, clock, parent: WelcomeView(parent), None, Reload.OWN),
    Page(
        "today", TodayView,
        _shows("view_today", "&Today", "Ctrl+1", "Today's appointments and outcomes to record"),
        Reload.AT_ONCE,
    ),
    Page(
        "week", WeekView,
        _shows("view_week", "&Diary: week", "Ctrl+2", "Your week: bookings and commitments by day and time"),
        Reload.WHEN_SHOWN,
    ),
    Page(
        "caseload", CaseloadView,
        _shows("view_caseload", "&Caseload", "Ctrl+3", "Everyone you supervise"),
        Reload.WHEN_SHOWN,
    ),
    Page(
        "throughcare", ThroughcareView,
        _shows("view_throughcare", "T&hroughcare", "Ctrl+4", "Everyone in custody, soonest release first"),
        Reload.WHEN_SHOWN,
    ),
    Page(
        "national", NationalQueueView,
        _shows("view_national_queue", "&National record queue", "Ctrl+6", "Contacts still to enter in the national record, oldest first"),
        Reload.AT_ONCE,
    ),
    Page(
        "my_time", MyTimeView,
        _shows("view_my_time", "&My time", "Ctrl+7", "Where your time went, week by week"),
        Reload.AT_ONCE,
    ),
    Page("person", PersonPage, None, Reload.OWN),
    Page("search_results", SearchView, None, Reload.AT_ONCE),
)
"""Every page, in the order the window stacks them and their actions come in the View menu and on the toolbar. A
person's page opens on a person (Enter on their name); the search page on Ctrl+F or typing in a list (SearchFlow)."""

PAGE_ACTIONS: tuple[ActionSpec, ...] = tuple(page.action for page in PAGES if page.action is not None)
"""The pages' actions, for the registry."""
