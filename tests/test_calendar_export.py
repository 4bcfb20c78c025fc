"""`diary export-ics`: an RFC 5545 feed that two independent parsers read back, with UIDs that stay the same,
cancellations kept as STATUS:CANCELLED, moves raising SEQUENCE, and repeating commitments as RRULE and EXDATE."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from diary.cli import main
from diary.services.calendar_export import CANCELLED_KEPT, export_calendar
from diary.services.commitments import get_commitment, save_commitment
from diary.services.diary_file import open_diary
from diary.services.diary_view import cancel_appointment, move_appointment
from diary.store.models import Appointment, Commitment, CommitmentException, Person

LONDON = ZoneInfo("Europe/London")

NAMES = [("Aisha", "Smith"), ("Piotr", "Nowak"), ("Siobhan", "O'Neill")]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A diary with 5 bookings in December (and a cancelled one), one in January, fortnightly court duty but the 16th."""
    path = tmp_path / "d"
    diary = open_diary(path)
    with diary.db.transaction() as session:
        people = [Person(crn=f"X20000{i}", first_name=first, last_name=last, risk_level="high")
                  for i, (first, last) in enumerate(NAMES)]
        session.add_all(people)
        session.flush()
        starts = [datetime(2026, 12, 1, 10), datetime(2026, 12, 3, 11), datetime(2026, 12, 8, 9, 30),
                  datetime(2026, 12, 10, 14), datetime(2026, 12, 17, 15)]
        for n, start in enumerate(starts):
            session.add(Appointment(person_id=people[n % 3].id, start=start, minutes=45, kind="home_visit",
                                    location="Flat 3, 14 Chapeltown Road, Leeds"))
        session.add(Appointment(person_id=people[0].id, start=datetime(2026, 12, 4, 10), kind="office", outcome="RESCHEDULED"))
        session.add(Appointment(person_id=people[1].id, start=datetime(2027, 1, 5, 10), kind="office"))
        court = Commitment(start=datetime(2026, 11, 18, 9), end=datetime(2026, 11, 18, 17), kind="court_duty",
                           title="Leeds MC", every_weeks=2)
        court.exceptions.append(CommitmentException(date=date(2026, 12, 16)))
        session.add(court)
    diary.close()
    return path


def _export(data_dir: Path, out: Path, *extra: str) -> Calendar:
    argv = ["--data-dir", str(data_dir), "export-ics", "--from", "2026-12-01", "--to", "2026-12-31", "--out", str(out)]
    assert main([*argv, *extra]) == 0
    return Calendar.from_ical(out.read_bytes())


def _events(calendar: Calendar) -> dict[str, Any]:
    """The events by summary (for the commitment, whose summary is its own)."""
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def _by_uid(calendar: Calendar) -> dict[str, Any]:
    """The events by UID."""
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _at(calendar: Calendar, start: datetime) -> Any:
    """The one event starting at a London time."""
    (event,) = [e for e in calendar.walk("VEVENT") if e.decoded("DTSTART") == start.replace(tzinfo=LONDON)]
    return event


def test_one_event_per_booking_and_commitment_in_london_time(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = _export(data_dir, tmp_path / "a.ics")
    assert "5 bookings, 1 cancelled booking and 1 commitment from 01/12/2026 to 31/12/2026" in capsys.readouterr().out
    events = calendar.walk("VEVENT")
    assert len(events) == 7
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries.count("Court duty: Leeds MC") == 1
    assert "Aisha Smith (X200000): Home visit" in summaries
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(e["STATUS"]) for e in events].count("CONFIRMED") == 6


def test_fortnightly_court_duty_with_a_skipped_date_is_one_event_with_rrule_and_exdate(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.ics"
    court = _events(_export(data_dir, out))["Court duty: Leeds MC"]
    assert court.decoded("DTSTART") == datetime(2026, 11, 18, 9, tzinfo=LONDON), "the first date, before the range"
    assert court["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2"
    assert court["EXDATE"].to_ical() == b"20261216T090000"
    assert court["EXDATE"].params["TZID"] == "Europe/London"
    event = next(e for e in vobject.readOne(out.read_text(encoding="utf-8")).vevent_list if e.summary.value.startswith("Court"))
    days = [d.date() for d in event.getrruleset().between(datetime(2026, 12, 1, tzinfo=LONDON), datetime(2027, 1, 1, tzinfo=LONDON))]
    assert days == [date(2026, 12, 2), date(2026, 12, 30)], "fortnightly, but not on the 16th"


def test_repeats_stop_at_their_last_date(data_dir: Path) -> None:
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        court_id = session.query(Commitment.id).scalar()
    record = get_commitment(diary.db, court_id)
    save_commitment(diary.db, replace(record, repeat_until=date(2026, 12, 30)))
    data, _ = export_calendar(diary.db, date(2026, 12, 1), date(2026, 12, 31))
    diary.close()
    court = _events(Calendar.from_ical(data))["Court duty: Leeds MC"]
    assert court["RRULE"]["UNTIL"] == [datetime(2026, 12, 30, 9, tzinfo=UTC)]


def test_cancelled_booking_stays_with_its_uid_and_status_cancelled(data_dir: Path, tmp_path: Path) -> None:
    before = _at(_export(data_dir, tmp_path / "a.ics"), datetime(2026, 12, 3, 11))
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        booking_id = session.query(Appointment.id).filter(Appointment.start == datetime(2026, 12, 3, 11)).scalar()
    cancel_appointment(diary.db, booking_id, "person", "Hospital appointment")
    diary.close()
    out = tmp_path / "b.ics"
    after = _by_uid(_export(data_dir, out))[str(before["UID"])]
    assert (str(before["STATUS"]), str(after["STATUS"])) == ("CONFIRMED", "CANCELLED")
    assert after["SEQUENCE"] > before["SEQUENCE"]
    parsed = {e.uid.value: e for e in vobject.readOne(out.read_text(encoding="utf-8")).vevent_list}
    assert parsed[str(before["UID"])].status.value == "CANCELLED"


def test_cancelled_bookings_leave_the_feed_after_a_while(data_dir: Path) -> None:
    diary = open_diary(data_dir)
    try:
        soon, _ = export_calendar(diary.db, date(2026, 12, 1), date(2026, 12, 31))
        later, summary = export_calendar(
            diary.db, date(2026, 12, 1), date(2026, 12, 31), now=datetime.now(UTC) + CANCELLED_KEPT + timedelta(days=1)
        )
    finally:
        diary.close()
    assert [str(e["STATUS"]) for e in Calendar.from_ical(soon).walk("VEVENT")].count("CANCELLED") == 1
    assert [str(e["STATUS"]) for e in Calendar.from_ical(later).walk("VEVENT")].count("CANCELLED") == 0
    assert summary.cancelled == 0 and summary.bookings == 5


def test_moving_a_booking_raises_its_sequence_and_last_modified(data_dir: Path, tmp_path: Path) -> None:
    before = _at(_export(data_dir, tmp_path / "a.ics"), datetime(2026, 12, 1, 10))
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        booking_id = session.query(Appointment.id).filter(Appointment.start == datetime(2026, 12, 1, 10)).scalar()
    move_appointment(diary.db, booking_id, datetime(2026, 12, 2, 14))
    diary.close()
    out = tmp_path / "b.ics"
    after = _by_uid(_export(data_dir, out))[str(before["UID"])]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART") == datetime(2026, 12, 2, 14, tzinfo=LONDON)
    parsed = {e.uid.value: e for e in vobject.readOne(out.read_text(encoding="utf-8")).vevent_list}
    moved = parsed[str(before["UID"])]
    assert (moved.sequence.value, moved.dtstart.value) == ("1", datetime(2026, 12, 2, 14, tzinfo=LONDON))


def test_skipping_a_date_raises_the_commitments_sequence(data_dir: Path, tmp_path: Path) -> None:
    before = _events(_export(data_dir, tmp_path / "a.ics"))["Court duty: Leeds MC"]
    diary = open_diary(data_dir)
    with diary.db.session() as session:
        court_id = session.query(Commitment.id).scalar()
    record = get_commitment(diary.db, court_id)
    save_commitment(diary.db, replace(record, exceptions=record.exceptions | {date(2026, 12, 30)}))
    diary.close()
    after = _events(_export(data_dir, tmp_path / "b.ics"))["Court duty: Leeds MC"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["EXDATE"].to_ical() == b"20261216T090000,20261230T090000"


def test_a_second_export_gives_the_same_uids(data_dir: Path, tmp_path: Path) -> None:
    first = _export(data_dir, tmp_path / "a.ics")
    second = _export(data_dir, tmp_path / "b.ics")
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 7
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]


def test_private_mode_has_initials_and_crn_but_no_names_or_addresses(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.ics"
    calendar = _export(data_dir, out, "--private")
    text = out.read_text(encoding="utf-8")
    for first_name, last_name in NAMES:
        assert first_name not in text and last_name not in text
    assert "Chapeltown" not in text and "Risk" not in text
    assert "A.S. X200000: Home visit" in [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert len(calendar.walk("VEVENT")) == 7


def test_to_before_from_is_refused(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--data-dir", str(data_dir), "export-ics", "--from", "2026-12-31", "--to", "2026-12-01",
            "--out", str(tmp_path / "x.ics")]
    assert main(argv) == 1
    assert "is before --from" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()
