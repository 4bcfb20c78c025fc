"""The schedule services on a real encrypted diary: slots, warnings, the overdue list, the week, the working pattern."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from diary.domain.scheduling import MONTHLY, WEEKLY, WorkingPattern
from diary.services.diary_file import Diary
from diary.services.schedule import booking_warnings_for, busy_intervals, next_slots, overdue_list
from diary.services.week import week_schedule
from diary.services.working_pattern import get_working_pattern, set_working_pattern
from diary.store.models import Appointment, Commitment, CommitmentException, Person, SentenceOrder


@pytest.fixture
def ids(diary: Diary) -> dict[str, int]:
    """Jane (weekly, seen Monday 30 Nov), Al (no frequency), Mo (in custody); Tuesday court duty weekly but 8 Dec."""
    with diary.db.transaction() as s:
        jane = Person(crn="X123456", first_name="Jane", last_name="Smith", reporting_frequency_days=WEEKLY, risk_level="high")
        al = Person(crn="X123457", first_name="Al", last_name="Brown")
        mo = Person(crn="X123458", first_name="Mo", last_name="Patel", release_date=date(2027, 3, 1),
                    reporting_frequency_days=MONTHLY)
        s.add_all([jane, al, mo])
        s.flush()
        for p in (jane, al, mo):
            s.add(SentenceOrder(person_id=p.id, ref="o1", type="licence", start_date=date(2026, 6, 1), end_date=date(2027, 6, 1)))
        s.add(Appointment(person_id=jane.id, start=datetime(2026, 11, 30, 10), minutes=45, kind="office", outcome="ATTC"))
        s.add(Appointment(person_id=al.id, start=datetime(2026, 12, 7, 9), minutes=60, kind="office"))
        s.add(Appointment(person_id=al.id, start=datetime(2026, 12, 7, 10), minutes=60, kind="office", outcome="RESCHEDULED"))
        s.add(Appointment(person_id=al.id, start=datetime(2026, 12, 7, 11), minutes=360, kind="unpaid_work_session"))
        court = Commitment(start=datetime(2026, 11, 24, 9), end=datetime(2026, 11, 24, 17), kind="court_duty",
                           title="Leeds MC", every_weeks=1)
        court.exceptions.append(CommitmentException(date=date(2026, 12, 8)))
        s.add(court)
        s.add(Commitment(start=datetime(2026, 12, 9, 0), end=datetime(2026, 12, 14, 0), kind="leave", title=None))
        s.flush()
        return {"jane": jane.id, "al": al.id, "mo": mo.id}


def test_next_slots_after_a_session_respect_frequency_bookings_and_court_duty(diary: Diary, ids: dict[str, int]) -> None:
    slots = next_slots(diary.db, ids["jane"], "office", datetime(2026, 11, 30, 10, 45))
    assert slots == [datetime(2026, 12, 7, 10), datetime(2026, 12, 7, 10, 45), datetime(2026, 12, 7, 11, 30)], (
        "weekly: from Sunday 6th on; Al at 9 (his cancelled 10:00 and unpaid work do not take the officer's time);"
        " Jane's usual 45 minutes"
    )


def test_next_slots_skip_leave_and_court_duty(diary: Diary, ids: dict[str, int]) -> None:
    slots = next_slots(diary.db, ids["al"], "phone", datetime(2026, 12, 8, 16), count=3)
    assert slots == [datetime(2026, 12, 8, 16), datetime(2026, 12, 8, 16, 30), datetime(2026, 12, 14, 9)], (
        "Tuesday 8th has no court duty (exception); 9th to 13th is leave; phone calls are 30 minutes"
    )
    tuesday = next_slots(diary.db, ids["al"], "office", datetime(2026, 12, 15, 8), count=1)
    assert tuesday == [datetime(2026, 12, 16, 9)], "court duty on Tuesday 15th"


def test_a_moved_booking_does_not_block_itself(diary: Diary, ids: dict[str, int]) -> None:
    with diary.db.session() as s:
        own = s.query(Appointment).filter_by(person_id=ids["al"], start=datetime(2026, 12, 7, 9)).one().id
    assert booking_warnings_for(diary.db, ids["al"], datetime(2026, 12, 7, 9, 30), 60, exclude_appointment_id=own) == []
    assert next_slots(diary.db, ids["al"], "office", datetime(2026, 12, 7, 8), count=1, exclude_appointment_id=own) == [
        datetime(2026, 12, 7, 9)
    ]


def test_booking_warnings_for_court_duty_overlap_and_the_persons_own_unpaid_work(diary: Diary, ids: dict[str, int]) -> None:
    assert booking_warnings_for(diary.db, ids["jane"], datetime(2026, 12, 1, 10), 60) == [
        "Falls within your court duty (Leeds MC), 09:00–17:00."
    ]
    assert booking_warnings_for(diary.db, ids["jane"], datetime(2026, 12, 7, 9, 30), 60) == [
        "Overlaps another booking: Al Brown, office, 09:00–10:00."
    ]
    assert booking_warnings_for(diary.db, ids["al"], datetime(2026, 12, 7, 14), 60, rar_days_left=0) == [
        "Overlaps another booking: Al Brown, unpaid work, 11:00–17:00.",
        "This would use a RAR day, but the order has none left.",
    ]
    assert booking_warnings_for(diary.db, ids["jane"], datetime(2026, 12, 7, 14), 60) == [], "not Jane's unpaid work"
    assert booking_warnings_for(diary.db, ids["jane"], datetime(2026, 12, 14, 10), 60) == [
        "Later than the reporting frequency allows: the next appointment is due by 7 December 2026."
    ]
    assert booking_warnings_for(diary.db, ids["jane"], datetime(2026, 12, 28, 10), 60, since=date(2026, 12, 21)) == [
        "Monday 28 December 2026 is a bank holiday: Boxing Day (substitute day).",
    ]


def test_busy_intervals_hold_bookings_and_commitments(diary: Diary, ids: dict[str, int]) -> None:
    busy = busy_intervals(diary.db, datetime(2026, 12, 7), datetime(2026, 12, 10))
    assert [(b.start, b.label, b.commitment) for b in busy] == [
        (datetime(2026, 12, 7, 9), "Al Brown, office", False),
        (datetime(2026, 12, 9, 0), "leave", True),
    ]


def test_overdue_list_leaves_out_people_in_custody(diary: Diary, ids: dict[str, int]) -> None:
    found = overdue_list(diary.db, datetime(2026, 12, 9, 12))
    assert [(o.row.name, o.reasons) for o in found] == [
        ("Jane Smith", ("2 days overdue (weekly, last seen 30 November 2026)", "No appointment booked")),
        ("Al Brown", ("No appointment booked",)),
    ]


def test_the_working_pattern_is_kept_and_changes_the_slots(diary: Diary, ids: dict[str, int]) -> None:
    assert get_working_pattern(diary.db) == WorkingPattern()
    early = WorkingPattern(frozenset({0, 1, 2, 3}), time(8), time(16), time(12), time(12, 30))
    set_working_pattern(diary.db, early)
    assert get_working_pattern(diary.db) == early
    assert next_slots(diary.db, ids["al"], "office", datetime(2026, 12, 17, 10, 30), count=3) == [
        datetime(2026, 12, 17, 10, 30), datetime(2026, 12, 17, 12, 30), datetime(2026, 12, 17, 13, 30)
    ]
    assert booking_warnings_for(diary.db, ids["al"], datetime(2026, 12, 18, 10), 60) == [
        "Friday is not one of your working days."
    ]


def test_week_schedule_shows_bookings_commitments_and_bank_holidays_in_place(diary: Diary, ids: dict[str, int]) -> None:
    week = week_schedule(diary.db, date(2026, 12, 7), "Sam Taylor", datetime(2026, 12, 4, 9))
    assert [(i.start, i.title, i.detail, i.is_commitment, i.sign, i.cancelled) for i in week.items] == [
        (datetime(2026, 12, 7, 9), "Al Brown", "Office", False, "", False),
        (datetime(2026, 12, 7, 10), "Al Brown", "Office", False, "R", True),  # rescheduled: printed struck through
        (datetime(2026, 12, 7, 11), "Al Brown", "Unpaid work", False, "", False),
        (datetime(2026, 12, 9, 9), "", "Leave", True, "", False),
        (datetime(2026, 12, 10, 9), "", "Leave", True, "", False),
        (datetime(2026, 12, 11, 9), "", "Leave", True, "", False),
    ]
    assert len(week.days) == 5 and week.bookings == 2 and week.legend.startswith("✓ kept · ✗ failure")
    christmas = week_schedule(diary.db, date(2026, 12, 21), "Sam Taylor", datetime(2026, 12, 4, 9))
    assert [(i.start.date(), i.title, i.detail) for i in christmas.items] == [
        (date(2026, 12, 22), "Leeds MC", "Court duty"),
        (date(2026, 12, 25), "Christmas Day", "Bank holiday"),
    ]


def test_unpaid_work_slots_follow_the_persons_own_session_day_not_the_officers_hours(diary: Diary, ids: dict[str, int]) -> None:
    slots = next_slots(diary.db, ids["al"], "unpaid_work_session", datetime(2026, 12, 7, 17))
    assert slots == [datetime(2026, 12, 14, 11), datetime(2026, 12, 21, 11), datetime(2027, 1, 4, 11)], (
        "Mondays at eleven like his last session, 28 December (a bank holiday) skipped, though he runs past 17:00"
    )
    assert next_slots(diary.db, ids["jane"], "unpaid_work_session", datetime(2026, 12, 17, 12))[:2] == [
        datetime(2026, 12, 19, 9), datetime(2027, 1, 2, 9)
    ], "Saturdays at nine when there is no session yet; Boxing Day skipped"
