"""What Record session is told by the service: RAR days left (counted from the requirement alone, as the whole
compliance count would), the defaults it offers, and the person's bookings ahead."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from diary.domain.time_use import credited_hours
from diary.domain.vocab import Outcome, outcome_keys_hint, outcome_letters
from diary.services.compliance import person_compliance
from diary.services.demo_loader import load_demo
from diary.services.diary_file import Diary
from diary.services.recording import session_context
from diary.services.session_needs import session_needs
from diary.store.models import Appointment, Requirement

TODAY = date(2026, 3, 4)
NOW = datetime(2026, 3, 4, 11, 20)


def _rar_days_left_by_the_whole_count(diary: Diary, person_id: int, key: str) -> int | None:
    counts = person_compliance(diary.db, person_id, NOW.date(), NOW)
    for order in counts.orders if counts else ():
        for req in order.requirements:
            if req.key == key and req.rar is not None and req.rar.days_max is not None:
                return req.rar.days_max - req.rar.days_used - req.rar.days_booked
    return None


def test_rar_days_left_agree_with_the_whole_compliance_count(diary: Diary) -> None:
    load_demo(diary.db, 30, 7, TODAY)
    with diary.db.session() as session:
        ids = session.scalars(select(Appointment.id).where(Appointment.rar_activity.is_(True))).all()
    assert len(ids) > 20
    checked = 0
    for appointment_id in ids:
        context = session_context(diary.db, appointment_id)
        needs = session_needs(diary.db, context, NOW)
        if context.requirement_id is not None:
            with diary.db.session() as session:
                requirement = session.get(Requirement, context.requirement_id)
                key = requirement.ref or str(requirement.id)
            assert needs.rar_days_left == _rar_days_left_by_the_whole_count(diary, context.person_id, key)
            checked += needs.rar_days_left is not None
    assert checked > 20


def test_bookings_ahead_are_the_persons_own_to_come_soonest_first_without_this_one(diary: Diary) -> None:
    load_demo(diary.db, 10, 7, TODAY)
    with diary.db.session() as session:
        first = session.scalars(
            select(Appointment).where(Appointment.start >= NOW, Appointment.outcome.is_(None)).order_by(Appointment.start)
        ).first()
        assert first is not None
        person_id, first_id = first.person_id, first.id
        expected = session.scalars(
            select(Appointment.id)
            .where(Appointment.person_id == person_id, Appointment.start >= NOW, Appointment.outcome.is_(None), Appointment.id != first_id)
            .order_by(Appointment.start, Appointment.id)
        ).all()
    needs = session_needs(diary.db, session_context(diary.db, first_id), NOW)
    assert [b.appointment_id for b in needs.bookings_ahead] == expected
    assert [b.start for b in needs.bookings_ahead] == sorted(b.start for b in needs.bookings_ahead)


def test_the_defaults_offered_come_from_the_rules() -> None:
    assert credited_hours(50) == 0.75 and credited_hours(60) == 1.0 and credited_hours(7) == 0.0
    assert outcome_letters()["a"] is Outcome.ATTC and Outcome.ATTC.letter == "a" and Outcome.AARE.letter is None
    assert outcome_keys_hint().splitlines()[0] == "A attended, complied · C failed to comply · S sent home"
    assert Outcome.ATTC.uses_rar_day and not Outcome.AFTC.uses_rar_day
