"""Every key in the one registry with its scope: none means two things where both work, F1 lists them all and finds
them as the officer types, and the Alt+letter keys of the wizard, Record session and the menus are each used once."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QTabBar, QWidget, QWizard
from pytestqt.qtbot import QtBot

from diary.services.diary_file import Diary
from diary.services.recording import unplanned_context
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.ui.actions import KEYS, Scope
from diary.ui.first_run import FirstRunWizard
from diary.ui.keys_dialog import KeysDialog
from diary.ui.main_window import MainWindow
from diary.ui.record_session import RecordSessionDialog
from shown_window import shown_window

NOW = datetime(2026, 2, 2, 10, 0)
MNEMONIC = re.compile(r"&([^&\s])")


def _scopes_heard(scope: Scope) -> list[Scope]:
    """A scope and the scopes it sits in."""
    chain = [scope]
    while chain[-1].within is not None:
        chain.append(chain[-1].within)  # type: ignore[arg-type]
    return chain


def _clashes(bindings: list[tuple[str, str, Scope]]) -> list[str]:
    """Keys that mean two things somewhere they both work."""
    found = []
    for scope in Scope:
        heard = _scopes_heard(scope)
        meanings: dict[str, set[str]] = defaultdict(set)
        for key, what, where in bindings:
            if where in heard:
                meanings[key].add(what)
        found += [f"{key} in {scope}: {sorted(whats)}" for key, whats in meanings.items() if len(whats) > 1]
    return found


def _alt_keys(root: QWidget) -> list[str]:
    """Every Alt+letter the visible labels, buttons and tabs under root answer to."""
    texts = [
        label.text() for label in root.findChildren(QLabel) if label.isVisibleTo(root) and label.buddy() is not None
    ]
    texts += [button.text() for button in root.findChildren(QAbstractButton) if button.isVisibleTo(root)]
    texts += [bar.tabText(i) for bar in root.findChildren(QTabBar) if bar.isVisibleTo(root) for i in range(bar.count())]
    return [f"Alt+{m.group(1).upper()}" for text in texts for m in [MNEMONIC.search(text)] if m]


def _repeated(keys: list[str]) -> list[str]:
    return sorted({k for k in keys if keys.count(k) > 1})


def test_no_two_actions_in_one_scope_share_a_key(qtbot: QtBot, diary: Diary) -> None:
    window = shown_window(qtbot, diary, NOW)
    assert _clashes(window.actions.bindings()) == []


def test_the_conflict_check_finds_a_key_shared_with_the_window_around() -> None:
    bindings = [("Ctrl+R", "record_session", Scope.WINDOW), ("Ctrl+R", "grid_thing", Scope.DIARY), ("N", "a", Scope.LISTS)]
    assert _clashes(bindings) == ["Ctrl+R in Diary (week or day): ['grid_thing', 'record_session']"]


def test_f1_lists_every_key_and_the_box_filters_them(qtbot: QtBot, diary: Diary) -> None:
    window = shown_window(qtbot, diary, NOW)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(KeysDialog)
    assert dialog is not None and dialog.isVisible()
    rows = window.actions.key_table()
    assert dialog.filtered.rowCount() == len(rows) == len(window.actions.all()) + len(KEYS)
    shown = {dialog.filtered.index(r, 0).data() for r in range(dialog.filtered.rowCount())}
    assert {"Record session", "Book free slot 1", "Book at the selected time", "Next page", "Save the form"} <= shown
    qtbot.keyClicks(dialog.filter, "book free slot")
    assert [dialog.filtered.index(r, 0).data() for r in range(dialog.filtered.rowCount())] == [
        "Book free slot 1", "Book free slot 2", "Book free slot 3"
    ]
    assert dialog.count.text() == "3 keys shown of " + str(len(rows))
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "diary (week")
    assert {dialog.filtered.index(r, 2).data() for r in range(dialog.filtered.rowCount())} == {str(Scope.DIARY)}


def test_each_page_of_the_first_start_wizard_gives_every_alt_key_one_meaning(qtbot: QtBot, data_dir) -> None:  # noqa: ANN001
    wizard = FirstRunWizard(data_dir, today=lambda: date(2026, 2, 2))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard_keys = [k for spec in KEYS if spec.scope is Scope.WIZARD for k in spec.keys]
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        buttons = [wizard.button(b).text() for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton)]
        keys = _alt_keys(page) + [f"Alt+{m.group(1).upper()}" for text in buttons for m in [MNEMONIC.search(text)] if m]
        assert _repeated(keys) == [], page.title()
    assert "Alt+N" in wizard_keys and "Alt+N" not in _alt_keys(wizard.page(wizard.startId()))


def test_record_session_gives_every_alt_key_one_meaning(qtbot: QtBot, diary: Diary, example_casefile) -> None:  # noqa: ANN001
    import_document(diary.db, parse_document(example_casefile))
    with diary.db.session() as session:
        from diary.store.models import Person

        person_id = session.query(Person.id).scalar()
    dialog = RecordSessionDialog(diary, unplanned_context(diary.db, person_id, NOW), NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    registry = [k for spec in KEYS if spec.scope in _scopes_heard(Scope.RECORD_SESSION) for k in spec.keys if k.startswith("Alt+")]
    assert _repeated(_alt_keys(dialog) + registry) == []


def test_every_menu_gives_each_alt_letter_to_one_entry(qtbot: QtBot, diary: Diary) -> None:
    window: MainWindow = shown_window(qtbot, diary, NOW)
    titles = [a.text() for a in window.menuBar().actions()]
    assert _repeated([f"Alt+{m.group(1).upper()}" for t in titles for m in [MNEMONIC.search(t)] if m]) == []
    for menu in window.menuBar().findChildren(QMenu):
        letters = [f"Alt+{m.group(1).upper()}" for a in menu.actions() for m in [MNEMONIC.search(a.text())] if m]
        assert _repeated(letters) == [], menu.title()
