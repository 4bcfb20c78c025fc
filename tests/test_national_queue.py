"""The national record queue: copy a contact in the stated layout, tick it entered, move to the next."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import column, insert, select, table, text

from diary.services import national_queue as nq
from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.demo import build_demo_casefile
from diary.services.diary_file import Diary
from diary.services.schedule import RUN_BY_OTHERS
from diary.store.database import Database
from diary.store.migrate import alembic_config
from diary.store.models import Appointment, ContactNote, Setting
from diary.store.schema_version import SCHEMA_HEAD
from diary.ui.main_window import MainWindow
from shown_window import shown_window

NOW = datetime(2026, 2, 4, 16, 0)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def loaded(diary: Diary, example_casefile: dict[str, Any]) -> Diary:
    """The example person with a sensitive agency note, an entered note and a recorded session."""
    person = example_casefile["people"][0]
    person["contact_notes"] = [
        {"at": "2026-02-02T14:00", "kind": "phone", "text": "Called housing officer.\t\r\nRoom offered  ", "sensitive": False},
        {"at": "2026-01-30T09:10", "kind": "other_agency", "text": "Police: \u201cno further action\u201d \u2013 bail ended.",
         "sensitive": True},
        {"at": "2026-01-20T09:00", "kind": "email", "text": "Already typed up.", "entered_nationally_at": "2026-01-20T12:00"},
    ]
    import_document(diary.db, parse_document(example_casefile))
    return diary


@pytest.fixture
def window(qtbot: QtBot, loaded: Diary) -> MainWindow:
    return shown_window(qtbot, loaded, NOW)


def test_queue_lists_unentered_notes_and_sessions_oldest_first(loaded: Diary) -> None:
    items = nq.national_queue(loaded.db, NOW)
    assert [(i.source, i.at) for i in items] == [
        ("note", datetime(2026, 1, 30, 9, 10)),
        ("session", datetime(2026, 2, 1, 10, 0)),
        ("note", datetime(2026, 2, 2, 14, 0)),
    ]


def test_plain_copy_is_the_stated_layout_and_marks_sensitive_notes(loaded: Diary) -> None:
    sensitive, session, phone = nq.national_queue(loaded.db, NOW)
    assert nq.plain_copy(sensitive) == (
        "SENSITIVE\nDate: 30/01/2026\nTime: 09:10\nContact type: Other agency\nOutcome: Not applicable\n"
        "Notes:\nPolice: \"no further action\" - bail ended."
    )
    assert nq.plain_copy(session) == (
        "Date: 01/02/2026\nTime: 10:00\nContact type: Office\nOutcome: ATTC - Attended, complied\n"
        "Notes:\nDiscussed accommodation. Next: housing referral."
    )
    assert nq.plain_copy(phone).endswith("Notes:\nCalled housing officer.\nRoom offered")


def test_a_session_never_entered_stays_queued_however_old(loaded: Diary) -> None:
    months_later = datetime(2026, 5, 20, 9, 0)
    assert [i.source for i in nq.national_queue(loaded.db, months_later)] == ["note", "session", "note"]


def test_a_session_entered_in_the_case_file_is_not_queued_and_round_trips(
    diary: Diary, example_casefile: dict[str, Any]
) -> None:
    example_casefile["people"][0]["appointments"][0]["entered_nationally_at"] = "2026-02-01T11:30"
    import_document(diary.db, parse_document(example_casefile))
    assert [i.source for i in nq.national_queue(diary.db, NOW)] == ["note"]
    exported = export_document(diary.db)
    assert exported["people"][0]["appointments"][0]["entered_nationally_at"] == "2026-02-01T11:30"


def test_the_demo_queue_holds_only_the_last_week_of_untyped_contacts(diary: Diary) -> None:
    today = datetime(2026, 11, 25, 8, 0)
    import_document(diary.db, parse_document(build_demo_casefile(40, 5, today.date())))
    items = nq.national_queue(diary.db, today)
    sessions = [i for i in items if i.source == nq.SESSION]
    assert sessions and all((today - i.at).days <= 7 for i in sessions)
    with diary.db.session() as session:
        old_sessions = session.scalars(select(Appointment).where(
            Appointment.outcome.is_not(None), Appointment.start < today - timedelta(days=8)
        )).all()
    assert old_sessions and all(
        (a.entered_nationally_at is not None) == (a.kind not in RUN_BY_OTHERS) for a in old_sessions
    )


OLD_APPOINTMENT = table(
    "appointment", column("person_id"), column("start"), column("outcome"), column("minutes"), column("kind"),
    column("rar_activity"),
)
"""The appointment columns every revision has (the model's may not exist yet at 0004)."""


def test_a_diary_from_before_the_column_keeps_its_ticks_and_queues_only_recent_sessions(tmp_path: Path) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    db = Database(tmp_path / "old.sqlite3", os.urandom(32))
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(text(
            "INSERT INTO person (crn, first_name, last_name, created_at) VALUES ('X000001', 'Ann', 'Lee', '2026-01-01')"
        ))
        sessions = {
            "years_ago": (now - timedelta(days=900), "ATTC"),
            "ticked": (now - timedelta(days=30), "ATTC"),
            "old_untyped": (now - timedelta(days=20), "UAAB"),
            "recent_untyped": (now - timedelta(days=3), "ATTC"),
            "recent_ticked": (now - timedelta(days=2), "AACL"),
            "unrecorded": (now - timedelta(days=1), None),
        }
        ids = {
            name: connection.execute(
                insert(OLD_APPOINTMENT).values(
                    person_id=1, start=start, outcome=outcome, minutes=60, kind="office", rar_activity=False
                )
            ).lastrowid
            for name, (start, outcome) in sessions.items()
        }
        ticked = {str(ids["ticked"]): "2026-01-05T12:40", str(ids["recent_ticked"]): (now - timedelta(days=1)).isoformat()}
        connection.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v), ('national_queue.session_window_days', '14')"),
                           {"k": "national_queue.sessions_entered", "v": json.dumps(ticked)})
    assert db.schema_revision() == "0004"

    db.ensure_schema()
    assert db.schema_revision() == SCHEMA_HEAD and db.check() == []
    with db.session() as session:
        entered = {a.id: a.entered_nationally_at for a in session.scalars(select(Appointment))}
        assert session.scalars(select(Setting.key).where(Setting.key.like("national_queue.%"))).all() == []
    assert entered[ids["ticked"]] == datetime(2026, 1, 5, 12, 40)
    assert entered[ids["recent_ticked"]] == now - timedelta(days=1)
    assert entered[ids["years_ago"]] == sessions["years_ago"][0]
    assert entered[ids["old_untyped"]] == sessions["old_untyped"][0]
    assert entered[ids["recent_untyped"]] is None and entered[ids["unrecorded"]] is None
    assert [i.id for i in nq.national_queue(db, now)] == [ids["recent_untyped"]]
    db.close()


def test_ctrl_shift_c_copies_the_note_and_ctrl_shift_e_marks_it_entered(
    qtbot: QtBot, window: MainWindow, loaded: Diary
) -> None:
    assert window.today.national_label.text() == "National record: 3 contacts waiting (Ctrl+6 to enter them)"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.national
    assert window.national.table.hasFocus()

    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text().startswith("SENSITIVE\nDate: 30/01/2026\nTime: 09:10\nContact type: Other agency\n")
    assert bytes(clipboard.mimeData().data("x-kde-passwordManagerHint").data()) == b"secret"
    assert "Ctrl+Shift+E" in window.statusBar().currentMessage()

    qtbot.keyClick(window.national.table, Qt.Key.Key_E, CTRL_SHIFT)
    with loaded.db.session() as session:
        police = session.query(ContactNote).filter(ContactNote.kind == "other_agency").one()
        assert police.entered_nationally_at == NOW
    assert window.national.selected() is not None and window.national.selected().source == "session"
    assert window.today.national_label.text() == "National record: 2 contacts waiting (Ctrl+6 to enter them)"

    qtbot.keyClick(window.national.table, Qt.Key.Key_E, CTRL_SHIFT)
    assert [i.source for i in nq.national_queue(loaded.db, NOW)] == ["note"]


def test_clipboard_is_cleared_only_if_it_still_holds_our_copy(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    view = window.national
    assert view.clear_timer.isActive() and view.clear_timer.interval() == 30_000
    view.clear_timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""

    qtbot.keyClick(window.national.table, Qt.Key.Key_C, CTRL_SHIFT)
    QGuiApplication.clipboard().setText("something the officer copied since")
    view.clear_timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == "something the officer copied since"
