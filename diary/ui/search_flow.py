"""Find a person from anywhere: Ctrl+F, or typing in the caseload or throughcare lists; Ctrl+K for a court check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diary.ui.search_view import TypeToSearch

if TYPE_CHECKING:
    from diary.ui.shell import Shell


class SearchFlow:
    """Puts the search page in the main window: Ctrl+F from anywhere, typing in the caseload, Enter to open."""

    def __init__(self, window: Shell) -> None:
        """Wire the search page's action and the lists that start a search when typed in."""
        self.window = window
        self.view = window.search_results
        window.actions.connect("find_person", self.show)
        window.actions.connect("court_check", self.court_check)
        self.typing = TypeToSearch(self.show, window)
        for table in (window.caseload.table, window.throughcare.table):
            table.installEventFilter(self.typing)

    def show(self, text: str | None = None) -> None:
        """Show the search page (not over the first-run welcome), ready to type."""
        if self.window.stack.currentWidget() is self.window.welcome:
            return
        self.window.stack.setCurrentWidget(self.view)
        self.view.start(text)

    def court_check(self) -> None:
        """Open the court check, on the selected person if there is one."""
        from diary.ui.court_check_dialog import CourtCheckDialog

        index = self.view.current_index()
        person_id = self.window.selected_person()
        crn = index.record(person_id).crn if person_id is not None and person_id in index else ""
        self.dialog = CourtCheckDialog(self.window.diary, self.view.current_index, self.view.today, crn, self.window)
        self.dialog.open()
