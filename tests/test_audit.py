"""The audit trail: who changed what and when, earlier values kept, append-only, and a chain that shows tampering."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from diary.cli import main
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary, open_any
from diary.services.recording import add_contact_note, edit_contact_note
from diary.services.settings import set_setting
from diary.store.audit import verify_chain
from diary.store.database import Database
from diary.store.migrate import alembic_config
from diary.store.models import Appointment, AuditEvent, EnforcementActionRecord, Person, SentenceOrder
from diary.store.schema_version import SCHEMA_HEAD


def _events(diary: Diary) -> list[AuditEvent]:
    with diary.db.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def _tamper(diary: Diary, sql: str, **params: Any) -> None:
    """What someone editing the file (or the server, as its owner) behind the app's back could do: drop the guards and change rows."""
    on_table = " ON audit_event" if diary.team else ""
    with diary.db.engine.begin() as conn:
        conn.execute(text(f"DROP TRIGGER IF EXISTS audit_event_no_update{on_table}"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS audit_event_no_delete{on_table}"))
        conn.execute(text(sql), params)


def _officer(diary: Diary, named: str) -> str:
    """Who the trail names: the officer's name in a local diary, the login the server knows in a team diary."""
    return diary.db.user if diary.team else named


@pytest.fixture
def recorded(diary: Diary, example_casefile: dict[str, Any]) -> Diary:
    """A diary with the example person, a note edited twice, an enforcement action and a deleted appointment."""
    set_setting(diary.db, "officer_name", "Sam Officer")
    import_document(diary.db, parse_document(example_casefile))
    note = add_contact_note(diary.db, 1, "Called the hostel.", at=datetime(2026, 3, 2, 9, 0))
    edit_contact_note(diary.db, note, "Called the hostel about a bed.")
    edit_contact_note(diary.db, note, "Called the hostel about a bed for Friday.")
    with diary.db.transaction() as session:
        order = session.scalars(select(SentenceOrder)).one()
        order.enforcement_actions.append(EnforcementActionRecord(date=date(2026, 3, 5), action="breach", note="Second FTA"))
        session.delete(session.scalars(select(Appointment)).first())
        session.get(Person, 1).phone = "07700 900999"  # type: ignore[union-attr]
    return diary


def test_every_change_keeps_who_when_and_the_earlier_values(recorded: Diary) -> None:
    events = _events(recorded)
    assert {e.who for e in events} == {_officer(recorded, "Sam Officer")}
    kinds = {(e.action, e.entity) for e in events}
    assert {("insert", "person"), ("insert", "contact_note"), ("update", "contact_note"), ("insert", "enforcement_action"),
            ("delete", "appointment"), ("update", "person")} <= kinds
    edits = [e for e in events if (e.action, e.entity) == ("update", "contact_note")]
    assert [json.loads(e.before or "{}") for e in edits] == [
        {"text": "Called the hostel."},
        {"text": "Called the hostel about a bed."},
    ]
    assert json.loads(edits[-1].after or "{}") == {"text": "Called the hostel about a bed for Friday."}
    deleted = next(e for e in events if e.action == "delete")
    assert json.loads(deleted.before or "{}")["notes"] == "Discussed accommodation. Next: housing referral."
    phone = next(e for e in events if (e.action, e.entity) == ("update", "person"))
    assert json.loads(phone.before or "{}") == {"phone": "07700 900123"}
    assert all(e.person_id == 1 for e in events)
    assert recorded.db.check() == []


def test_the_computer_user_is_recorded_when_no_officer_name_is_set(diary: Diary) -> None:
    with diary.db.transaction() as session:
        session.add(Person(crn="A000001", first_name="Ann", last_name="Example"))
    assert [e.who for e in _events(diary)] == [_officer(diary, getpass.getuser())]


def test_the_trail_cannot_be_changed_or_deleted_through_the_database(recorded: Diary) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        with recorded.db.engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET who = 'Someone else' WHERE id = 2"))
    with pytest.raises(DatabaseError, match="append-only"):
        with recorded.db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event WHERE id = 2"))
    assert recorded.db.check() == []


@pytest.mark.parametrize(
    ("sql", "finding"),
    [
        ("UPDATE audit_event SET before = '{\"text\": \"Something else.\"}' WHERE id = :id", "was changed after it was written"),
        ("UPDATE audit_event SET who = 'Someone else' WHERE id = :id", "does not follow the one before it"),
        ("UPDATE audit_event SET at = '2020-01-01 00:00:00.000000' WHERE id = :id", "does not follow the one before it"),
        ("DELETE FROM audit_event WHERE id = :id", "are missing"),
    ],
)
def test_tampering_with_the_trail_is_found_by_the_check(
    recorded: Diary, data_dir: Path, sql: str, finding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = next(e.id for e in _events(recorded) if e.action == "update")
    _tamper(recorded, sql, id=target)
    with recorded.db.engine.connect() as conn:
        problems = verify_chain(conn)
    assert problems and any(finding in p for p in problems)
    recorded.close()
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert finding in capsys.readouterr().out


def test_a_diary_from_before_the_audit_trail_upgrades_and_keeps_its_people(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database(path)
    config = alembic_config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO person (crn, first_name, last_name, created_at) VALUES ('B000002', 'Bo', 'Older', '2025-01-01 09:00:00')"))
    assert old.schema_revision() == "0001"
    old.close()

    upgraded = Database(path)
    upgraded.ensure_schema()
    assert upgraded.schema_revision() == SCHEMA_HEAD
    with upgraded.transaction() as session:
        person = session.scalars(select(Person)).one()
        assert person.name == "Bo Older"
        person.phone = "0113 000 0000"
    with upgraded.session() as session:
        event = session.scalars(select(AuditEvent)).one()
    assert (event.action, event.entity, json.loads(event.before or "{}")) == ("update", "person", {"phone": None})
    assert upgraded.check() == []
    upgraded.close()


def test_events_from_two_diaries_opened_on_one_file_stay_in_one_chain(diary: Diary, data_dir: Path) -> None:
    other = open_any(data_dir)
    for n, db in enumerate((diary.db, other.db, diary.db, other.db)):
        with db.transaction() as session:
            session.add(Person(crn=f"C00000{n}", first_name="P", last_name=str(n)))
    other.close()
    assert len(_events(diary)) == 4
    assert diary.db.check() == []


def test_history_command_shows_who_changed_what_and_the_earlier_values(
    recorded: Diary, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    officer = _officer(recorded, "Sam Officer")
    recorded.close()
    assert main(["--data-dir", str(data_dir), "history", "X123456"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.endswith(f'{officer} changed the person\'s details: phone was "07700 900123"') for line in lines)
    assert any(f'{officer} changed contact note' in line and 'text was "Called the hostel."' in line for line in lines)
    assert any(f"{officer} deleted appointment" in line for line in lines)
    assert main(["--data-dir", str(data_dir), "history", "Z999999"]) == 1
