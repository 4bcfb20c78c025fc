"""Opening the Record session and contact-note windows from every view, and working through outcomes to record."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from diary.domain.text import plural
from diary.domain.vocab import Outcome
from diary.services.caseload import outcomes_to_record
from diary.services.drafts import Draft, discard_draft, list_drafts
from diary.services.person import person_detail
from diary.services.recording import RecordingError, SessionContext, session_context, unplanned_context
from diary.ui import formatting as fmt
from diary.ui.contact_note import ContactNoteDialog
from diary.ui.drafting import DraftingDialog
from diary.ui.form_opening import open_form
from diary.ui.record_session import RecordSessionDialog
from diary.ui.table_model import ROW_ROLE

if TYPE_CHECKING:
    from diary.ui.shell import Shell



class RecordingFlow(QObject):
    """Ctrl+R, Ctrl+Shift+N, Ctrl+. and Ctrl+, on the main window; double-clicks on appointments and notes."""

    def __init__(self, window: Shell) -> None:
        """Wire the actions and views of window; offer back any drafts once the window is up."""
        super().__init__(window)
        self.window = window
        self.dialog: DraftingDialog | None = None
        self.offer: QMessageBox | None = None
        window.actions.connect("record_session", self.record_selected)
        window.actions.connect("contact_note", self.new_contact_note)
        window.actions.connect("next_outcome", lambda: self.step_outcome(1))
        window.actions.connect("previous_outcome", lambda: self.step_outcome(-1))
        for page in window.pages.values():
            activated = getattr(page, "appointment_activated", None)
            if activated is not None:
                activated.connect(self.record_appointment)
        window.person.appointments.activated.connect(lambda index: self.record_appointment(index.data(ROW_ROLE).id))
        window.person.notes.activated.connect(self.edit_note)
        QTimer.singleShot(0, self, self.offer_drafts)

    def _say(self, text: str) -> None:
        """A message in the status bar."""
        self.window.say(text)

    def record_selected(self) -> None:
        """Ctrl+R: the selected appointment, else the selected person's oldest outcome to record (or an unplanned contact)."""
        w = self.window
        page = w.stack.currentWidget()
        if page is w.today:
            table = self._today_table()
            if not table.currentIndex().isValid():
                table = w.today.to_record_table
                if table.model().rowCount() == 0:
                    self._say("Nothing to record: every past appointment has an outcome.")
                    return
                table.selectRow(0)
            table.setFocus()
            self.record_appointment(table.currentIndex().data(ROW_ROLE).appointment_id)
            return
        appointment_id = w.current_page().selected_appointment()
        if appointment_id is not None:
            self.record_appointment(appointment_id)
            return
        person_id = w.selected_person()
        if person_id is None:
            self._say("Select an appointment or a person first (Today, the caseload or their page).")
            return
        waiting = [r for r in outcomes_to_record(w.diary.db, w.clock()) if r.person_id == person_id]
        if waiting:
            self.record_appointment(waiting[0].appointment_id)
        else:
            self._open_session(unplanned_context(w.diary.db, person_id, w.clock()))

    def _today_table(self) -> QTableView:
        """The Today table the officer is in: the focused one, else one with a selection, else outcomes to record."""
        today = self.window.today
        tables = (today.today_table, today.to_record_table)
        focused = [t for t in tables if t.hasFocus()]
        chosen = [t for t in tables if t.currentIndex().isValid()]
        return (focused or chosen or [today.to_record_table])[0]

    def record_appointment(self, appointment_id: int) -> None:
        """Open the Record session window on an appointment."""
        try:
            context = session_context(self.window.diary.db, appointment_id)
        except RecordingError as exc:
            self._say(str(exc))
            return
        self._open_session(context)

    def _open_session(self, context: SessionContext, draft: Draft | None = None) -> None:
        """Show the Record session window; afterwards refresh and go back where the officer was."""
        dialog = RecordSessionDialog(self.window.diary, context, self.window.clock(), self.window, draft)
        if draft is not None and draft.key != dialog.draft_key:
            dialog.keep_draft()
            discard_draft(self.window.diary.blobs, draft.key)
        self._open(dialog, lambda: self._session_saved(dialog))

    def _open(self, dialog: DraftingDialog, on_save: Callable[[], None]) -> None:
        """Open a writing window modally without blocking; on close, refresh and restore focus and selection."""
        origin = QApplication.focusWidget()
        table = origin if isinstance(origin, QTableView) else None
        row = table.currentIndex().row() if table is not None else -1
        self.dialog = dialog

        def closed(saved: bool) -> None:
            self.dialog = None
            if saved:
                self._refresh()
                self._reselect(table, row)
                on_save()

        open_form(self.window, dialog, closed)

    def _refresh(self) -> None:
        """Every view shows what was just saved (the person's page too)."""
        w = self.window
        w.refresh()
        if w.stack.currentWidget() is w.person:
            w.person.reload()

    def _reselect(self, table: QTableView | None, row: int) -> None:
        """Select the next item to work on: the same row of outcomes to record (the saved one has gone), else the row after."""
        if table is None or row < 0 or table.model().rowCount() == 0:
            return
        step = 0 if table is self.window.today.to_record_table else 1
        table.selectRow(min(row + step, table.model().rowCount() - 1))

    def _session_saved(self, dialog: RecordSessionDialog) -> None:
        """Say what was saved."""
        record = dialog.record()
        outcome = Outcome(record.outcome).label.lower() if record.outcome else "no outcome"
        text = f"Saved {dialog.context.person_name}: {outcome}"
        booked = dialog.result_.booked_ids if dialog.result_ else ()
        if record.next_booking is not None and booked:
            more = f" and {plural(len(booked) - 1, 'more booking')}" if len(booked) > 1 else ""
            text += f"; next appointment {fmt.day_time(record.next_booking.start)}{more}"
        self._say(text + ".")

    def step_outcome(self, delta: int) -> None:
        """Ctrl+. / Ctrl+,: select the next or previous outcome to record on the Today panel."""
        w = self.window
        w.show_page(w.today)
        table = w.today.to_record_table
        count = table.model().rowCount()
        if count == 0:
            self._say("Nothing to record: every past appointment has an outcome.")
            return
        current = table.currentIndex().row()
        table.selectRow(0 if current < 0 else max(0, min(count - 1, current + delta)))
        table.setFocus()

    def new_contact_note(self) -> None:
        """Ctrl+Shift+N: a contact note for the selected person."""
        w = self.window
        person_id = w.selected_person()
        if person_id is None:
            self._say("Select a person first (Today, the caseload or their page), then Ctrl+Shift+N.")
            return
        self._open_note(person_id, None)

    def edit_note(self, index: QModelIndex) -> None:
        """Enter or double-click on a note: edit it, keeping the earlier text."""
        w = self.window
        if w.person.detail is not None:
            self._open_note(w.person.detail.id, index.data(ROW_ROLE).id)

    def _open_note(self, person_id: int, note_id: int | None, draft: Draft | None = None) -> None:
        """Show the contact-note window for a new note or an edit."""
        w = self.window
        detail = person_detail(w.diary.db, person_id)
        if detail is None:
            self._say("That person is no longer in the diary.")
            return
        note = next((n for n in detail.notes if n.id == note_id), None)
        dialog = ContactNoteDialog(w.diary, person_id, detail.name, w.clock(), note, w, draft)
        self._open(dialog, lambda: self._say(f"Note about {detail.name} saved."))

    def offer_drafts(self) -> None:
        """At start: offer back, one at a time, writing that was never saved."""
        drafts = list_drafts(self.window.diary.blobs)
        if not drafts or self.dialog is not None:
            return
        draft = drafts[0]
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved writing kept", "", parent=self.window)
        box.setObjectName("draftOffer")
        box.setText(f"{draft.title}: what you were writing was not saved, but it was kept (last typed {fmt.day_time(draft.saved_at)}).")
        box.setInformativeText("Open it to finish and save it?")
        open_button = box.addButton("&Open it", QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton("&Discard it", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(later)
        self.offer = box

        def answered(_result: int) -> None:
            self.offer = None
            clicked = box.clickedButton()
            if clicked is open_button:
                self.restore(draft)
            elif clicked is discard:
                discard_draft(self.window.diary.blobs, draft.key)
                self.offer_drafts()

        box.finished.connect(answered)
        box.open()

    def restore(self, draft: Draft) -> None:
        """Open the window a draft came from, with its text."""
        fields = draft.fields
        db = self.window.diary.db
        if fields.get("window") == "note":
            self._open_note(draft.person_id, fields.get("note_id"), draft)
            return
        try:
            context = session_context(db, fields["appointment_id"]) if fields.get("appointment_id") else None
        except RecordingError:
            context = None
        self._open_session(context or unplanned_context(db, draft.person_id, self.window.clock()), draft)
