"""The diary view service and commitments service, on a real encrypted diary."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from diary.domain.scheduling import CommitmentRecord
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.commitments import (
    NEW,
    CommitmentError,
    delete_commitment,
    get_commitment,
    save_commitment,
    skip_date,
)
from diary.services.diary_file import Diary
from diary.services.diary_view import (
    DiaryError,
    book_appointment,
    cancel_appointment,
    load_range,
    move_appointment,
    resize_appointment,
)
from diary.store.models import Appointment, Person

MONDAY = date(2026, 3, 2)


@pytest.fixture
def people(diary: Diary) -> dict[str, int]:
    doc = {
        "format": "supervision-diary/casefile",
        "version": 1,
        "people": [
            {
                "crn": "X123456",
                "first_name": "Jon",
                "last_name": "Smith",
                "orders": [
                    {
                        "id": "o1",
                        "type": "community_order",
                        "start_date": "2026-01-05",
                        "requirements": [{"id": "r1", "type": "rar", "max_days": 20}],
                    }
                ],
                "appointments": [{"start": "2026-02-23T10:00", "order": "o1", "requirement": "r1", "outcome": "ATTC"}],
            },
            {"crn": "X234567", "first_name": "Amy", "last_name": "Jones"},
        ],
        "commitments": [
            {"start": "2026-03-03T09:00", "end": "2026-03-03T17:00", "kind": "court_duty", "every_weeks": 2}
        ],
    }
    import_document(diary.db, parse_document(doc))
    with diary.db.session() as session:
        ids = dict(session.query(Person.crn, Person.id).all())
    return {"jon": ids["X123456"], "amy": ids["X234567"]}


def _get(diary: Diary, appointment_id: int) -> Appointment:
    with diary.db.session() as session:
        found = session.get(Appointment, appointment_id)
        assert found is not None
        return found


def test_a_booking_joins_the_order_and_requirement_of_the_latest_one(diary: Diary, people: dict[str, int]) -> None:
    booked = _get(diary, book_appointment(diary.db, people["jon"], datetime(2026, 3, 4, 10), 45, "office", " Room 2 "))
    assert (booked.minutes, booked.location, booked.rar_activity) == (45, "Room 2", True)
    assert booked.order_id is not None and booked.requirement_id is not None
    alone = _get(diary, book_appointment(diary.db, people["amy"], datetime(2026, 3, 4, 11), 30, "phone"))
    assert alone.order_id is None and alone.requirement_id is None


def test_a_week_flags_a_booking_on_court_duty_and_an_overlap(diary: Diary, people: dict[str, int]) -> None:
    book_appointment(diary.db, people["jon"], datetime(2026, 3, 3, 10), 60, "office")
    book_appointment(diary.db, people["jon"], datetime(2026, 3, 5, 10), 60, "office")
    book_appointment(diary.db, people["amy"], datetime(2026, 3, 5, 10, 30), 60, "office")
    week = load_range(diary.db, MONDAY)
    assert [(b.row.start.day, b.clash) for b in week.bookings] == [(3, "In court duty"), (5, "Overlap"), (5, "Overlap")]
    assert week.bookings[0].warnings == ("Falls within your court duty, 09:00–17:00.",)
    assert [d.day for d in week.days if not d.working] == [date(2026, 3, 7), date(2026, 3, 8)]
    assert len(week.occurrences_on(date(2026, 3, 3))) == 1


def test_move_resize_and_cancel_each_change_one_booking(diary: Diary, people: dict[str, int]) -> None:
    booking = book_appointment(diary.db, people["amy"], datetime(2026, 3, 4, 10), 60, "office")
    move_appointment(diary.db, booking, datetime(2026, 3, 4, 10, 15))
    resize_appointment(diary.db, booking, 45)
    with pytest.raises(DiaryError, match="who asked"):
        cancel_appointment(diary.db, booking, "officer", "Sick")
    with pytest.raises(DiaryError, match="why"):
        cancel_appointment(diary.db, booking, "service", "  ")
    cancel_appointment(diary.db, booking, "service", "Officer on court duty")
    found = _get(diary, booking)
    assert (found.start, found.minutes, found.outcome) == (datetime(2026, 3, 4, 10, 15), 45, "RESCHEDULED")
    assert (found.rescheduled_by, found.reschedule_reason) == ("service", "Officer on court duty")
    with pytest.raises(DiaryError, match="already cancelled"):
        move_appointment(diary.db, booking, datetime(2026, 3, 4, 11))
    week = load_range(diary.db, MONDAY)
    assert week.bookings == () and [r.appointment_id for r in week.cancelled] == [booking]


def test_lengths_the_view_cannot_show_are_refused(diary: Diary, people: dict[str, int]) -> None:
    with pytest.raises(DiaryError):
        book_appointment(diary.db, people["amy"], datetime(2026, 3, 4, 10), 0, "office")
    with pytest.raises(DiaryError):
        book_appointment(diary.db, people["amy"], datetime(2026, 3, 4, 10), 30, "coffee")


def test_commitments_are_added_changed_skipped_and_deleted(diary: Diary, people: dict[str, int]) -> None:
    record = CommitmentRecord(NEW, "training", datetime(2026, 3, 5, 9), datetime(2026, 3, 5, 12), " Safeguarding ", 1)
    cid = save_commitment(diary.db, record)
    skip_date(diary.db, cid, date(2026, 3, 12))
    skip_date(diary.db, cid, date(2026, 3, 19))
    saved = get_commitment(diary.db, cid)
    assert (saved.title, saved.exceptions) == ("Safeguarding", frozenset({date(2026, 3, 12), date(2026, 3, 19)}))
    save_commitment(
        diary.db,
        CommitmentRecord(
            cid, "training", saved.start, saved.end, "Safeguarding", 1, None, frozenset({date(2026, 3, 19)})
        ),
    )
    assert get_commitment(diary.db, cid).exceptions == frozenset({date(2026, 3, 19)})
    assert [o.start.day for o in load_range(diary.db, date(2026, 3, 9)).occurrences if o.kind == "training"] == [12]
    with pytest.raises(CommitmentError, match="end after it starts"):
        save_commitment(diary.db, CommitmentRecord(NEW, "leave", datetime(2026, 3, 5, 9), datetime(2026, 3, 5, 9)))
    with pytest.raises(CommitmentError, match="before the first date"):
        save_commitment(
            diary.db,
            CommitmentRecord(
                NEW, "leave", datetime(2026, 3, 5, 9), datetime(2026, 3, 5, 10), None, 1, date(2026, 3, 1)
            ),
        )
    delete_commitment(diary.db, cid)
    with pytest.raises(CommitmentError):
        get_commitment(diary.db, cid)
