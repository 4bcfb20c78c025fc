"""Recording a session: one transaction for outcome, notes, time and the next booking."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary
from diary.services.recording import (
    NextBooking,
    RecordingError,
    SessionRecord,
    add_contact_note,
    edit_contact_note,
    note_history,
    record_session,
)
from diary.store.models import Appointment, NoteVersion, Person


@pytest.fixture
def jon(diary: Diary, example_casefile: dict[str, Any]) -> tuple[int, int]:
    example_casefile["people"][0]["appointments"][0]["outcome"] = None
    import_document(diary.db, parse_document(example_casefile))
    with diary.db.session() as s:
        person = s.scalars(select(Person)).one()
        return person.id, person.appointments[0].id


def _record(person_id: int, appointment_id: int | None, **changes: Any) -> SessionRecord:
    values: dict[str, Any] = dict(
        person_id=person_id,
        appointment_id=appointment_id,
        start=datetime(2026, 2, 1, 10, 0),
        minutes=45,
        kind="office",
        outcome="ATTC",
        notes="Discussed housing.",
    )
    return SessionRecord(**(values | changes))


def test_outcome_notes_and_next_booking_saved_together(diary: Diary, jon: tuple[int, int]) -> None:
    person_id, appt_id = jon
    nxt = NextBooking(start=datetime(2026, 2, 8, 10, 0), minutes=45, kind="office")
    result = record_session(diary.db, _record(person_id, appt_id, minutes_spent=50, next_booking=nxt))
    with diary.db.session() as s:
        recorded = s.get(Appointment, appt_id)
        assert (recorded.outcome, recorded.notes, recorded.minutes_spent) == ("ATTC", "Discussed housing.", 50)
        booked = s.get(Appointment, result.booked_ids[0])
        assert booked.start == datetime(2026, 2, 8, 10, 0) and booked.outcome is None
        assert booked.requirement_id == recorded.requirement_id and booked.rar_activity


def test_repeat_booking_by_count_and_by_end_date(diary: Diary, jon: tuple[int, int]) -> None:
    person_id, appt_id = jon
    weekly = NextBooking(datetime(2026, 2, 8, 10), 30, "office", repeat_every_days=7, repeat_count=4)
    assert len(record_session(diary.db, _record(person_id, appt_id, next_booking=weekly)).booked_ids) == 4
    fortnightly = NextBooking(datetime(2026, 3, 9, 10), 30, "phone", repeat_every_days=14, repeat_until=date(2026, 4, 20))
    result = record_session(diary.db, _record(person_id, None, start=datetime(2026, 3, 2, 9), next_booking=fortnightly))
    with diary.db.session() as s:
        starts = [s.get(Appointment, i).start.date() for i in result.booked_ids]
    assert starts == [date(2026, 3, 9), date(2026, 3, 23), date(2026, 4, 6), date(2026, 4, 20)]


def test_awaiting_evidence_needs_a_due_date(diary: Diary, jon: tuple[int, int]) -> None:
    with pytest.raises(RecordingError, match="evidence is due"):
        record_session(diary.db, _record(*jon, outcome="AFTA"))
    record_session(diary.db, _record(*jon, outcome="AFTA", evidence_due=date(2026, 2, 3)))
    with diary.db.session() as s:
        assert s.get(Appointment, jon[1]).evidence_due == date(2026, 2, 3)


def test_a_refused_save_changes_nothing(diary: Diary, jon: tuple[int, int]) -> None:
    bad_next = NextBooking(datetime(2026, 1, 1, 10), 30, "office")
    with pytest.raises(RecordingError, match="after this one"):
        record_session(diary.db, _record(*jon, next_booking=bad_next))
    with diary.db.session() as s:
        assert s.get(Appointment, jon[1]).outcome is None


def test_editing_session_notes_keeps_the_earlier_text(diary: Diary, jon: tuple[int, int]) -> None:
    record_session(diary.db, _record(*jon, notes="First version."))
    record_session(diary.db, _record(*jon, notes="Second version."))
    with diary.db.session() as s:
        texts = [v.text for v in s.scalars(select(NoteVersion))]
        assert texts == ["Discussed accommodation. Next: housing referral.", "First version."]
        assert s.get(Appointment, jon[1]).notes == "Second version."


def test_unplanned_contact_creates_the_appointment(diary: Diary, jon: tuple[int, int]) -> None:
    result = record_session(diary.db, _record(jon[0], None, kind="phone", start=datetime(2026, 2, 2, 15, 5)))
    with diary.db.session() as s:
        assert s.get(Appointment, result.appointment_id).kind == "phone"


def test_contact_notes_are_edited_with_history_never_emptied(diary: Diary, jon: tuple[int, int]) -> None:
    note_id = add_contact_note(diary.db, jon[0], "Called housing.", "phone", datetime(2026, 2, 2, 9))
    edit_contact_note(diary.db, note_id, "Called housing; left a message.")
    assert [text for _, text in note_history(diary.db, note_id)] == ["Called housing."]
    with pytest.raises(RecordingError, match="cannot be emptied"):
        edit_contact_note(diary.db, note_id, "  ")
    with pytest.raises(RecordingError, match="empty"):
        add_contact_note(diary.db, jon[0], "")
