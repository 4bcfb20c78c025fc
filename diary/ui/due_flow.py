"""What's due on the main window: Ctrl+5, Ctrl+D (mark done), Ctrl+T (new task), Ctrl+Shift+G (significant event)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from diary.domain.duties import DueItem
from diary.services.person import person_detail
from diary.services.whats_due import PERSON_HORIZON_DAYS, due_items
from diary.ui.form_opening import open_form
from diary.ui.whats_due_view import DuePanel, MarkDoneDialog, SignificantEventDialog, TaskDialog

if TYPE_CHECKING:
    from diary.ui.shell import Shell



class DueFlow(QObject):
    """What's due on the main window: Ctrl+5, Ctrl+D (mark done), Ctrl+T (new task), Ctrl+Shift+G (significant event)."""

    def __init__(self, window: Shell) -> None:
        """Wire the actions, the Today panel and a What's due tab on the person's page."""
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.today_panel = DuePanel("What's due", window.today)
        window.today.add_due_panel(self.today_panel)
        self.person_panel = DuePanel("What's due for this person", window.person)
        window.person.tabs.addTab(self.person_panel, "&What's due")
        for panel in (self.today_panel, self.person_panel):
            panel.activated.connect(self._open_person)
        window.actions.connect("view_whats_due", self.show_today_panel)
        window.actions.connect("mark_done", self.mark_selected_done)
        window.actions.connect("new_task", self.new_task)
        window.actions.connect("significant_event", self.significant_event)

    def _say(self, text: str) -> None:
        """A message in the status bar."""
        self.window.say(text)

    def refresh(self) -> None:
        """Reload the Today panel (and the person's tab when a person is shown)."""
        w = self.window
        today = w.clock().date()
        self.today_panel.set_items(due_items(w.diary.db, today), today)
        if w.person.detail is not None:
            self.show_person(w.person.detail.id)

    def show_person(self, person_id: int) -> None:
        """Fill the person's What's due tab (everything known for the coming year, and all overdue)."""
        today = self.window.clock().date()
        self.person_panel.set_items(due_items(self.window.diary.db, today, person_id, PERSON_HORIZON_DAYS), today)

    def show_today_panel(self) -> None:
        """Ctrl+5: Today, with the focus on What's due."""
        w = self.window
        w.show_page(w.today)
        if w.stack.currentWidget() is w.today:
            self.today_panel.table.setFocus()
            if not self.today_panel.table.currentIndex().isValid() and self.today_panel.model.rows:
                self.today_panel.table.selectRow(0)

    def _open_person(self, item: DueItem) -> None:
        """Open the page of the duty's person (reminders for no one have none)."""
        if item.person_id is not None:
            self.window.open_person(item.person_id)

    def _panel(self) -> DuePanel | None:
        """The What's due panel in front of the officer."""
        w = self.window
        if w.stack.currentWidget() is w.person:
            return self.person_panel if w.person.tabs.currentWidget() is self.person_panel else None
        return self.today_panel if w.stack.currentWidget() is w.today else None

    def mark_selected_done(self) -> None:
        """Ctrl+D: tick the selected duty done, saying what was done."""
        panel = self._panel()
        item = panel.selected() if panel is not None else None
        if item is None:
            self._say("Select a duty in What's due first (Ctrl+5 on Today, or the What's due tab on a person's page).")
            return
        if not item.can_mark_done:
            self._say(item.done_hint or "This cannot be ticked off here.")
            return
        self._open(MarkDoneDialog(self.window.diary, item, self.window.clock(), self.window),
                   f"Marked done: {item.title} ({item.who}).")

    def new_task(self) -> None:
        """Ctrl+T: a task about the selected person, or a reminder for no one."""
        w = self.window
        person_id = w.selected_person()
        detail = person_detail(w.diary.db, person_id) if person_id is not None else None
        dialog = TaskDialog(w.diary, detail.id if detail else None, detail.name if detail else None, w.clock().date(), w)
        self._open(dialog, "Task added to What's due.")

    def significant_event(self) -> None:
        """Ctrl+Shift+G: record a significant event about the selected person, asking whether to review risk now."""
        w = self.window
        person_id = w.selected_person()
        if person_id is None:
            self._say("Select a person first (Today, the caseload or their page), then Ctrl+Shift+G.")
            return
        detail = person_detail(w.diary.db, person_id)
        if detail is None:
            return
        self._open(SignificantEventDialog(w.diary, person_id, detail.name, w.clock(), w),
                   f"Significant event about {detail.name} saved.")

    def _open(self, dialog: QDialog, done: str) -> None:
        """Open a form without blocking; when saved, refresh everything and say so; focus goes back where it was."""
        self.dialog = dialog

        def closed(saved: bool) -> None:
            self.dialog = None
            if saved:
                self.window.refresh()
                self._say(done)

        open_form(self.window, dialog, closed)
