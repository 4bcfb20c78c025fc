"""Erasing a person whose case has closed: every row, file and draft goes; open cases are refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from diary.cli import main
from diary.services.backups import back_up
from diary.services.casefile import export_document, import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary, open_any
from diary.services.documents import attach_bytes
from diary.services.drafts import Draft, list_drafts, save_draft
from diary.services.recording import add_contact_note, edit_contact_note
from diary.services.retention import CaseFacts, OrderFacts, RetentionError, erase_person, open_reasons, plan_erasure
from diary.store.models import Appointment, Person, SentenceOrder

NOW = datetime(2026, 11, 25, 12, 0)
LATER = datetime(2030, 1, 1, 9, 0)
MARKER = "QZX-erase-marker-5d1e"
CLOSED = CaseFacts(None, date(2025, 1, 1), date(2025, 1, 1), None, (OrderFacts("o1", date(2025, 1, 1)),), None)


def _closed_person(diary: Diary, crn: str = "A100001") -> int:
    """Someone whose order ended last year, with notes, a document and a draft."""
    with diary.db.transaction() as session:
        person = Person(crn=crn, first_name="Closed", last_name=f"Case {MARKER}", licence_expiry=date(2025, 6, 1))
        person.orders.append(SentenceOrder(ref="o1", type="community_order", start_date=date(2024, 6, 1), end_date=date(2025, 6, 1)))
        person.appointments.append(Appointment(start=datetime(2025, 5, 1, 10, 0), minutes=30, outcome="ATTC", notes=MARKER))
        session.add(person)
        session.flush()
        person_id = person.id
    note = add_contact_note(diary.db, person_id, f"Phoned about {MARKER}.", at=datetime(2025, 5, 2, 9, 0))
    edit_contact_note(diary.db, note, f"Phoned about {MARKER} again.")
    attach_bytes(diary, person_id, MARKER.encode(), "Letter")
    save_draft(diary.blobs, Draft(f"note-person-{person_id}", person_id, "Draft", {"text": MARKER}))
    return person_id


def _rows_about(diary: Diary, person_id: int) -> dict[str, int]:
    """Rows in every table with a person_id column that point at this person."""
    counts = {}
    with diary.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            columns = {c["name"] for c in inspect(conn).get_columns(table)}
            if "person_id" in columns:
                counts[table] = conn.execute(text(f'SELECT count(*) FROM "{table}" WHERE person_id = :p'), {"p": person_id}).scalar()
    return counts


def test_a_case_is_closed_only_when_nothing_is_still_running() -> None:
    assert open_reasons(CLOSED, NOW) == []
    in_custody = CaseFacts(date(2027, 1, 15), None, None, None, (), None)
    assert open_reasons(in_custody, NOW) == ["they are in custody, due for release on 15 January 2027"]
    no_end = CaseFacts(None, None, None, None, (OrderFacts("L1", None),), None)
    assert open_reasons(no_end, NOW) == ["order L1 has no end date"]
    running = CaseFacts(None, date(2027, 3, 1), None, date(2026, 11, 25), (OrderFacts("o2", date(2026, 12, 1)),), None)
    assert open_reasons(running, NOW) == [
        "order o2 runs until 1 December 2026",
        "their licence runs until 1 March 2027",
        "post-sentence supervision runs until 25 November 2026",
    ]
    booked = CaseFacts(None, None, None, None, (), datetime(2026, 12, 2, 10, 0))
    assert open_reasons(booked, NOW) == ["they have an appointment booked on 2 December 2026"]


def test_erasing_removes_every_row_file_and_draft_and_leaves_everyone_else(
    diary: Diary, data_dir: Path, example_casefile: dict[str, Any]
) -> None:
    import_document(diary.db, parse_document(example_casefile))
    others_before = export_document(diary.db)["people"]
    person_id = _closed_person(diary)
    files_before = set((data_dir / "attachments").iterdir())
    if not diary.team:  # a team server is backed up by its own tools, not by the diary
        back_up(diary)
    assert any(_rows_about(diary, person_id).values())

    report = erase_person(diary, "a100001", NOW)

    assert report.plan.describe() == f"Closed Case {MARKER} (A100001): 1 order, 1 appointment, 1 contact note, 1 document."
    assert report.files_removed == 1 and report.backups_holding == (0 if diary.team else 1)
    if not diary.team:
        assert "earlier backup still holds" in report.describe() and "diary backup --out" in report.describe()
    remaining = _rows_about(diary, person_id)
    assert remaining.pop("audit_event") > 0
    assert set(remaining.values()) == {0}
    with diary.db.session() as session:
        kept = session.execute(
            text("SELECT count(*) FROM audit_event WHERE person_id = :p AND (before IS NOT NULL OR after IS NOT NULL)"),
            {"p": person_id},
        ).scalar()
    assert kept == 0
    with diary.db.session() as session:
        assert session.execute(text("SELECT count(*) FROM note_version")).scalar() == 0
    assert len(files_before - set((data_dir / "attachments").iterdir())) == 2
    assert list_drafts(diary.blobs) == []
    assert export_document(diary.db)["people"] == others_before
    assert diary.db.check() == []


def test_an_open_case_is_refused_and_nothing_changes(diary: Diary, example_casefile: dict[str, Any]) -> None:
    import_document(diary.db, parse_document(example_casefile))
    before = export_document(diary.db)
    with pytest.raises(RetentionError, match="case has not closed: they are in custody.*Nothing was erased"):
        erase_person(diary, "X123456", NOW)
    assert export_document(diary.db) == before
    assert plan_erasure(diary, "X123456", LATER).still_open == ()
    erase_person(diary, "X123456", LATER)
    assert export_document(diary.db)["people"] == []
    with pytest.raises(RetentionError, match="nobody with CRN X123456"):
        erase_person(diary, "X123456", LATER)


def test_erased_text_is_gone_from_the_file_itself_not_just_unlinked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIARY_PASSPHRASE")
    plain = open_any(tmp_path / "plain")
    assert not plain.encrypted
    _closed_person(plain)
    with plain.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARKER.encode() in (tmp_path / "plain" / "diary.sqlite3").read_bytes()
    erase_person(plain, "A100001", NOW)
    plain.close()
    for path in (tmp_path / "plain").rglob("*"):
        assert not path.is_file() or MARKER.encode() not in path.read_bytes(), path


def test_erase_command_says_what_would_go_then_erases_with_confirm(
    diary: Diary, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _closed_person(diary)
    with diary.db.transaction() as session:
        on_licence = Person(crn="B200002", first_name="Still", last_name="Open")
        on_licence.orders.append(SentenceOrder(ref="L1", type="licence", start_date=date(2025, 1, 1)))
        session.add(on_licence)
    diary.close()
    args = ["--data-dir", str(data_dir), "erase"]
    assert main([*args, "A100001"]) == 0
    assert "Nothing was erased: add --confirm" in capsys.readouterr().out
    assert main([*args, "A100001", "--confirm"]) == 0
    assert capsys.readouterr().out.startswith("Erased Closed Case")
    assert main([*args, "A100001", "--confirm"]) == 1
    assert "nobody with CRN A100001" in capsys.readouterr().err
    assert main([*args, "B200002", "--confirm"]) == 1
    assert "case has not closed: order L1 has no end date" in capsys.readouterr().err
    reopened = open_any(data_dir)
    with reopened.db.session() as session:
        assert session.scalars(select(Person.crn)).all() == ["B200002"]
    reopened.close()
