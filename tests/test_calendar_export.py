"""`diary export-ics`: an RFC 5545 file a real parser reads back, with UIDs that stay the same."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from diary.cli import main
from diary.services.diary_file import open_diary
from diary.store.models import Appointment, Commitment, CommitmentException, Person

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


def test_one_event_per_booking_and_commitment_in_london_time(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = _export(data_dir, tmp_path / "a.ics")
    assert "5 bookings and 2 commitments from 01/12/2026 to 31/12/2026" in capsys.readouterr().out
    events = calendar.walk("VEVENT")
    assert len(events) == 7
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries.count("Court duty: Leeds MC") == 2
    assert "Aisha Smith (X200000): Home visit" in summaries
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART") == datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London"))
    assert first["DTSTART"].params["TZID"] == "Europe/London"
    court_days = sorted(e.decoded("DTSTART").date() for e in events if "Court" in str(e["SUMMARY"]))
    assert court_days == [date(2026, 12, 2), date(2026, 12, 30)], "fortnightly, but not on the 16th"


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
