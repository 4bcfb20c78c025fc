"""The one registry of keys: every QAction with its shortcut, menu, accessible name and scope, and every other key
(the diary grid's, the forms', Record session's, search's, the first-start wizard's) with its scope.

The registry holds ACTION_SPECS, KEYS and the actions that show each page, declared on the page's line of the pages
table (diary/ui/pages.py) and handed in by the main window, so adding a page touches its own module and that one line.
No key may mean two things in one scope, or in a scope and the scope it sits in (tests/test_keys.py); F1 lists them
all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget

from diary.domain.vocab import OUTCOME_KEYS


class Scope(StrEnum):
    """Where a key works: a window, or a part of one (a part also hears the keys of the window it sits in)."""

    WINDOW = "Main window"
    LISTS = "Lists (Today, caseload, throughcare)"
    DIARY = "Diary (week or day)"
    SEARCH = "Find a person"
    FORMS = "Forms (Record session, notes, bookings, tasks, letters)"
    RECORD_SESSION = "Record session"
    OUTCOME_LIST = "Record session: the outcome list"
    WIZARD = "First start"

    @property
    def within(self) -> Scope | None:
        """The scope whose keys also work here, if any."""
        return _WITHIN.get(self)


_WITHIN = {
    Scope.LISTS: Scope.WINDOW,
    Scope.DIARY: Scope.WINDOW,
    Scope.SEARCH: Scope.WINDOW,
    Scope.RECORD_SESSION: Scope.FORMS,
    Scope.OUTCOME_LIST: Scope.RECORD_SESSION,
}


@dataclass(frozen=True)
class ActionSpec:
    """What an action is called, where it lives, which keys trigger it, and where they work."""

    key: str
    text: str
    shortcuts: tuple[str, ...]
    menu: str
    tip: str
    toolbar: bool = False
    scope: Scope = Scope.WINDOW


@dataclass(frozen=True)
class KeySpec:
    """A key that is no menu action: what it does, its keys, and where they work."""

    key: str
    text: str
    keys: tuple[str, ...]
    scope: Scope


SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")
"""Save the form: the same keys in every form."""

SLOT_KEYS = ("Alt+1", "Alt+2", "Alt+3")
"""Book the first, second or third free slot Record session offers."""

NO_NEXT_KEY = "Alt+0"
"""Record session: no next appointment."""

KEYS: tuple[KeySpec, ...] = (
    KeySpec("form_save", "Save the form", SAVE_KEYS, Scope.FORMS),
    KeySpec("form_close", "Close without saving (asks if text would be lost)", ("Esc",), Scope.FORMS),
    *(KeySpec(f"slot_{n}", f"Book free slot {n}", (k,), Scope.RECORD_SESSION) for n, k in enumerate(SLOT_KEYS, 1)),
    KeySpec("no_next", "No next appointment", (NO_NEXT_KEY,), Scope.RECORD_SESSION),
    *(
        KeySpec(f"outcome_{letter}", f"Outcome: {words}", (letter.upper(),), Scope.OUTCOME_LIST)
        for letter, _code, words in OUTCOME_KEYS
    ),
    KeySpec("grid_step", "Move between free half-hours and bookings", ("Up", "Down", "Left", "Right"), Scope.DIARY),
    KeySpec(
        "grid_move", "Move the booking by 15 minutes or a day", ("Ctrl+Up", "Ctrl+Down", "Ctrl+Left", "Ctrl+Right"), Scope.DIARY
    ),
    KeySpec("grid_resize", "Shorten or lengthen the booking", ("Shift+Up", "Shift+Down"), Scope.DIARY),
    KeySpec(
        "grid_activate", "Record session (a booking), open (a commitment), book (a free slot)", ("Return", "Enter"), Scope.DIARY
    ),
    KeySpec("grid_book", "Book at the selected time", ("N",), Scope.DIARY),
    KeySpec("grid_cancel", "Cancel the booking (asks who asked, and why)", ("Del",), Scope.DIARY),
    KeySpec("grid_drop", "Stop dragging a booking", ("Esc",), Scope.DIARY),
    KeySpec("search_move", "Move through the results", ("Up", "Down", "PgUp", "PgDown"), Scope.SEARCH),
    KeySpec("search_open", "Open the selected person", ("Return", "Enter"), Scope.SEARCH),
    KeySpec("wizard_next", "Next page", ("Alt+N",), Scope.WIZARD),
    KeySpec("wizard_back", "Back a page", ("Alt+B",), Scope.WIZARD),
    KeySpec("wizard_finish", "Open my diary (the last page)", ("Alt+O",), Scope.WIZARD),
)
"""Every key that is no menu action. The diary grid (WeekGrid.keyPressEvent) and the search box (SearchView) read
their keys in code; the forms and Record session take theirs from here; the wizard's are its buttons' (QWizard)."""


MENUS = ("&File", "&View", "&Diary", "&Person", "&Tasks", "T&eam", "&Help")

ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("import_casefile", "&Import case file…", ("Ctrl+I",), "&File", "Import people from a case file (JSON)"),
    ActionSpec(
        "import_csv", "Import &caseload (CSV)…", ("Ctrl+Shift+I",), "&File", "Import people from a spreadsheet's CSV export"
    ),
    ActionSpec("export_casefile", "&Export case file…", ("Ctrl+E",), "&File", "Export the whole diary as a case file"),
    ActionSpec(
        "export_calendar", "Export cale&ndar (.ics)…", ("Ctrl+Alt+I",), "&File",
        "Bookings and commitments as a calendar file for Outlook, with personal details left out if you choose",
    ),
    ActionSpec("load_demo", "Load &demo caseload", ("Ctrl+Shift+D",), "&File", "Fill an empty diary with a demo caseload"),
    ActionSpec("print_week", "&Print the week…", ("Ctrl+P",), "&File", "The week shown in the diary on one A4 page"),
    ActionSpec("back_up_now", "&Back up now", ("Ctrl+Shift+B",), "&File", "Take a checked, encrypted backup now"),
    ActionSpec(
        "restore_backup", "&Restore from a backup…", ("Ctrl+Alt+B",), "&File", "Put a kept backup in place of the diary"
    ),
    ActionSpec(
        "preferences", "Pre&ferences…", ("Ctrl+Alt+S",), "&File",
        "Your details, working week, reporting, enforcement rules, locking, backups, colours and text size",
    ),
    ActionSpec(
        "change_passphrase", "C&hange passphrase…", ("Ctrl+Alt+Shift+P",), "&File",
        "Choose a new passphrase for this diary (the data is not re-encrypted; the key is re-wrapped)",
    ),
    ActionSpec(
        "lock", "&Lock now", ("Ctrl+L",), "&File",
        "Hide the diary behind the unlock screen until your passphrase is typed",
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "&File", "Close the diary"),
    ActionSpec("view_day", "Diary: d&ay", ("Ctrl+Alt+1",), "&View", "One day of the diary, with CRNs and places"),
    ActionSpec(
        "show_closed_cases", "Show c&losed cases", ("Ctrl+Alt+L",), "&View",
        "List people whose orders have ended in the caseload too (search always finds them)",
    ),
    ActionSpec("diary_weekends", "Show &weekends", ("Ctrl+Alt+3",), "&View", "Show Saturday and Sunday in the diary"),
    ActionSpec("diary_previous", "&Previous week", ("PgUp",), "&Diary", "The week (or day) before", scope=Scope.DIARY),
    ActionSpec("diary_today", "Go to &today", ("T",), "&Diary", "Back to today", scope=Scope.DIARY),
    ActionSpec("diary_next", "&Next week", ("PgDown",), "&Diary", "The week (or day) after", scope=Scope.DIARY),
    ActionSpec("diary_go_to", "&Go to a date…", ("G",), "&Diary", "Pick a date from a calendar", scope=Scope.DIARY),
    ActionSpec(
        "book_appointment", "&Book an appointment…", ("Ctrl+N",), "&Diary",
        "Book at the selected time (N in the diary), or for the selected person",
    ),
    ActionSpec(
        "add_commitment", "Add a &commitment…", ("Ctrl+Alt+C",), "&Diary",
        "Court duty, duty officer, reception cover, training, a meeting, leave",
    ),
    ActionSpec(
        "handover_day", "&Hand over a day…", ("Ctrl+Shift+H",), "&Diary",
        "Mark a day covered by the duty officer and make the handover sheet",
    ),
    ActionSpec("working_pattern", "&Working pattern…", ("Ctrl+Alt+W",), "&Diary", "Your working days, hours and lunch"),
    ActionSpec(
        "find_person", "&Find a person…", ("Ctrl+F",), "&View",
        "Search by name, alias, CRN or date of birth, even misspelt (or just start typing in a list)", True,
    ),
    ActionSpec(
        "open_person", "&Open the selected person", ("Return",), "&Person", "Open the selected person's page", scope=Scope.LISTS
    ),
    ActionSpec("attach_document", "&Attach a document…", ("Ctrl+Shift+A",), "&Person", "Attach a file to this person"),
    ActionSpec("set_photo", "Set &photo…", ("Ctrl+Shift+P",), "&Person", "Choose this person's photo"),
    ActionSpec("warning_letter", "&Warning letter…", ("Ctrl+Shift+W",), "&Person", "Fill a warning letter from the counts"),
    ActionSpec(
        "licence_letter", "&Licence compliance letter…", ("Ctrl+Shift+L",), "&Person",
        "Fill a licence compliance letter from the counts",
    ),
    ActionSpec(
        "breach_summary", "&Breach report summary…", ("Ctrl+Shift+R",), "&Person",
        "The compliance picture for the court, in date order, with the timeline",
    ),
    ActionSpec(
        "record_enforcement", "Record an en&forcement action…", ("Ctrl+Shift+K",), "&Person",
        "A dated warning, breach, recall, withdrawal or no further action",
    ),
    ActionSpec(
        "court_outcome", "The court's o&utcome…", ("Ctrl+Shift+O",), "&Person",
        "Record the court's decision on a breach: hearing date, court, outcome, any requirement added or changed",
    ),
    ActionSpec(
        "compliance_summary", "Co&mpliance summary…", ("Ctrl+Shift+M",), "&Person",
        "Print or save this person's compliance summary with its timeline",
    ),
    ActionSpec(
        "court_check", "Court chec&k…", ("Ctrl+K",), "&Person",
        "Is this person on an order, which, since when, how are they doing: one screen, one printed page",
    ),
    ActionSpec(
        "record_session",
        "&Record session…",
        ("Ctrl+R",),
        "&Person",
        "Record the selected appointment (or the next one to record): outcome, notes, next booking",
    ),
    ActionSpec(
        "contact_note", "New contact &note…", ("Ctrl+Shift+N",), "&Person", "A call, email or other agency contact"
    ),
    ActionSpec("next_outcome", "Ne&xt outcome to record", ("Ctrl+.",), "&View", "Select the next outcome to record"),
    ActionSpec(
        "previous_outcome", "Pre&vious outcome to record", ("Ctrl+,",), "&View", "Select the previous outcome to record"
    ),
    ActionSpec("view_whats_due", "What's d&ue", ("Ctrl+5",), "&View", "Duties due, soonest and most overdue first", True),
    ActionSpec("mark_done", "Mark &done…", ("Ctrl+D",), "&Tasks", "Tick the selected duty done, saying what was done"),
    ActionSpec(
        "new_task", "New &task or reminder…", ("Ctrl+T",), "&Tasks",
        "An action on a licence condition or requirement, a MAPPA action, or your own reminder",
    ),
    ActionSpec(
        "significant_event", "Record a &significant event…", ("Ctrl+Shift+G",), "&Person",
        "Arrest, change of address, new relationship, change in health...: asks whether to review risk now",
    ),
    ActionSpec(
        "export_my_time", "Export my &time (CSV)…", ("Ctrl+Alt+E",), "&File", "The shown week of My time as a CSV file"
    ),
    ActionSpec("print_my_time", "Print my ti&me…", ("Ctrl+Alt+P",), "&File", "Print the shown week of My time"),
    ActionSpec(
        "copy_for_national", "&Copy for the national record", ("Ctrl+Shift+C",), "&Tasks",
        "Copy the selected contact in the plain layout for pasting into the national record",
    ),
    ActionSpec(
        "mark_entered", "Tick as &entered nationally", ("Ctrl+Shift+E",), "&Tasks",
        "Tick the selected contact as entered in the national record and move to the next",
    ),
    ActionSpec(
        "arrange_cover", "Arrange &cover…", ("Ctrl+Alt+V",), "T&eam",
        "Who covers your cases (all or chosen) from one day to another, with handover notes (team diary)",
    ),
    ActionSpec(
        "team_overview", "Team &overview…", ("Ctrl+Alt+O",), "T&eam",
        "Per officer: breach deadlines, outcomes to record, overdue risk reviews, people not seen in time (team diary)",
    ),
    ActionSpec("help_keys", "&Keys and help", ("F1",), "&Help", "The list of keyboard shortcuts"),
    ActionSpec("about", "&About Supervision Diary", ("Ctrl+Shift+F1",), "&Help", "Version and licence"),
)


class ActionRegistry:
    """Creates every QAction once, with shortcut, tooltip and accessible name, and places them."""

    def __init__(self, parent: QWidget, page_actions: Sequence[ActionSpec] = ()) -> None:
        """Build the pages' actions, then every other, on parent."""
        self._actions: dict[str, QAction] = {}
        self.specs = {spec.key: spec for spec in (*page_actions, *ACTION_SPECS)}
        for spec in self.specs.values():
            action = QAction(spec.text, parent)
            action.setObjectName(f"action_{spec.key}")
            keys = spec.shortcuts
            action.setShortcuts([QKeySequence(k) for k in keys])
            shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
            plain = spec.text.replace("&", "").rstrip("…")
            action.setToolTip(f"{spec.tip} ({shown})" if shown else spec.tip)
            action.setStatusTip(spec.tip)
            action.setIconText(plain)
            action.setProperty("accessibleName", plain)
            if spec.scope is not Scope.WINDOW:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._actions[spec.key] = action

    def __getitem__(self, key: str) -> QAction:
        """The action registered under key."""
        return self._actions[key]

    def all(self) -> list[QAction]:
        """Every action, in registry order."""
        return list(self._actions.values())

    def add_to_view(self, view: QWidget) -> None:
        """Make the view-scoped actions (like Enter to open) work while the view has focus."""
        for spec in self.specs.values():
            if spec.scope is Scope.LISTS:
                view.addAction(self._actions[spec.key])

    def add_diary_actions(self, view: QWidget) -> None:
        """Make the diary's own keys (T, G, PageUp, PageDown) work while the diary has focus."""
        for spec in self.specs.values():
            if spec.scope is Scope.DIARY:
                view.addAction(self._actions[spec.key])

    def connect(self, key: str, slot: Callable[[], object]) -> None:
        """Run slot when the action is triggered."""
        self._actions[key].triggered.connect(lambda _checked=False: slot())

    def build_menus(self, menubar: QMenuBar) -> None:
        """Fill the menu bar, one menu per MENUS entry, actions in registry order."""
        for title in MENUS:
            menu = menubar.addMenu(title)
            menu.setObjectName(f"menu_{title.strip('&').lower()}")
            for spec in self.specs.values():
                if spec.menu == title:
                    menu.addAction(self._actions[spec.key])

    def build_toolbar(self, toolbar: QToolBar) -> None:
        """Put the toolbar actions on the toolbar."""
        for spec in self.specs.values():
            if spec.toolbar:
                toolbar.addAction(self._actions[spec.key])

    def key_table(self) -> list[tuple[str, str, str]]:
        """(what, keys, where) rows for the help page: every action as its keys are now set, then every other key."""
        rows = []
        for spec in self.specs.values():
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in self._actions[spec.key].shortcuts())
            rows.append((spec.text.replace("&", "").rstrip("…"), keys, str(spec.scope)))
        for other in KEYS:
            keys = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in other.keys)
            rows.append((other.text, keys, str(other.scope)))
        return rows

    def bindings(self) -> list[tuple[str, str, Scope]]:
        """(key, what, scope) for every key of every action and every other key, as now set, for the conflict check."""
        found = [
            (sequence.toString(), spec.key, spec.scope)
            for spec in self.specs.values()
            for sequence in self._actions[spec.key].shortcuts()
        ]
        found += [(QKeySequence(k).toString(), other.key, other.scope) for other in KEYS for k in other.keys]
        return found
