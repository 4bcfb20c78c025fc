"""Two saves of one record at once: one wins, the other is told what changed and keeps its text; nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from diary.services.concurrency import EditConflict
from diary.services.diary_file import Diary
from diary.services.recording import (
    SessionRecord,
    add_contact_note,
    edit_contact_note,
    note_history,
    record_session,
    session_context,
)
from diary.store.models import Appointment, ContactNote, Person

HELPER = Path(__file__).parent / "helpers" / "concurrent_save.py"
ROOT = Path(__file__).resolve().parents[1]


def _booked(diary: Diary) -> int:
    with diary.db.transaction() as session:
        person = Person(crn="A123456", first_name="Ann", last_name="Example")
        person.appointments.append(Appointment(start=datetime(2026, 3, 3, 10, 0), minutes=45, kind="office"))
        session.add(person)
        session.flush()
        return person.appointments[0].id


def _record(diary: Diary, appointment_id: int, outcome: str, notes: str, version: int | None) -> SessionRecord:
    c = session_context(diary.db, appointment_id)
    return SessionRecord(c.person_id, c.appointment_id, c.start, c.minutes, c.kind, outcome, notes, version=version)


def test_a_save_from_an_older_version_is_refused_told_what_changed_and_keeps_its_text(diary: Diary) -> None:
    appointment_id = _booked(diary)
    opened_first = session_context(diary.db, appointment_id)
    opened_second = session_context(diary.db, appointment_id)
    record_session(diary.db, _record(diary, appointment_id, "ATTC", "Talked about work.", opened_first.version))

    mine = _record(diary, appointment_id, "AFTC", "Did not come; phoned twice.", opened_second.version)
    with pytest.raises(EditConflict) as caught:
        record_session(diary.db, mine)
    conflict = caught.value
    assert 'the outcome is now "Attended, complied" (yours: "Attended, failed to comply")' in str(conflict)
    assert "Nothing of yours was saved" in str(conflict)
    assert conflict.yours["notes"] == "Did not come; phoned twice."
    assert session_context(diary.db, appointment_id).notes == "Talked about work."

    record_session(diary.db, replace(mine, version=conflict.current_version))  # seen it: put mine over it
    saved = session_context(diary.db, appointment_id)
    assert (saved.outcome, saved.notes, saved.version) == ("AFTC", "Did not come; phoned twice.", 3)


def test_a_note_edited_in_two_windows_keeps_both_texts(diary: Diary) -> None:
    appointment_id = _booked(diary)
    with diary.db.session() as session:
        person_id = session.scalar(select(Appointment.person_id).where(Appointment.id == appointment_id))
    note_id = add_contact_note(diary.db, person_id, "Phoned the hostel.")
    edit_contact_note(diary.db, note_id, "Phoned the hostel: bed on Friday.", version=1)
    with pytest.raises(EditConflict, match="the text changed|the text is now") as caught:
        edit_contact_note(diary.db, note_id, "Phoned the hostel: no bed.", version=1)
    assert caught.value.yours == {"text": "Phoned the hostel: no bed."}
    with diary.db.session() as session:
        assert session.get(ContactNote, note_id).text == "Phoned the hostel: bed on Friday."
    assert [text for _, text in note_history(diary.db, note_id)] == ["Phoned the hostel."]


def test_two_processes_saving_the_same_session_at_once_one_wins_the_other_is_told(diary: Diary, tmp_path: Path) -> None:
    appointment_id = _booked(diary)
    signals = tmp_path / "signals"
    signals.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    texts = ("first officer's notes", "second officer's notes")
    running = [
        subprocess.Popen([sys.executable, str(HELPER), str(diary.data_dir), str(appointment_id), text, str(signals)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for text in texts
    ]
    deadline = time.monotonic() + 60
    while not all((signals / f"ready-{text}").exists() for text in texts):
        assert time.monotonic() < deadline and all(p.poll() is None for p in running), [p.communicate() for p in running]
        time.sleep(0.01)
    (signals / "go").touch()
    results = []
    for process in running:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    saved = [text for text, result in zip(texts, results) if result.get("saved")]
    told = [result for result in results if "conflict" in result]
    assert len(saved) == 1 and len(told) == 1
    loser = next(text for text in texts if text not in saved)
    assert told[0]["kept"] == loser and "while you had it open" in told[0]["conflict"]
    stored = session_context(diary.db, appointment_id)
    assert (stored.notes, stored.version) == (saved[0], 2)
