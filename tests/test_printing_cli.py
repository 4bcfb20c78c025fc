"""`diary print-week` and `diary print-day`: real diaries, real PDFs, read back."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.cli import main
from diary.services.diary_file import open_diary
from diary.services.settings import set_setting
from diary.store.models import Appointment, Commitment, CommitmentException, Person

MONDAY = date(2026, 11, 30)
FIRST = ["Aisha", "Tom", "Siobhan", "Piotr", "Grace", "Dylan", "Imran", "Callum", "Megan", "Kwame", "Zofia", "Bilal", "Rhys",
         "Niamh", "Ravi", "Ellie", "Jamal", "Kirsty", "Owen", "Shabana", "Liam", "Chloe", "Tariq", "Gemma", "Marcus",
         "Hannah", "Adebayo", "Lucy"]
LAST = ["Smith", "Khan", "O'Neill", "Nowak", "Brown", "Evans", "Iqbal", "McDonald", "Walsh-Jones", "Price", "Okafor",
        "Kowalczyk", "Ahmed", "Davies", "Murphy", "Patel", "Campbell", "Hughes", "Begum", "Lewis", "Wright", "Taylor",
        "Hussain", "Roberts", "Clarke", "Jackson", "Adeyemi", "Fletcher"]
KINDS = ["office", "office", "home_visit", "phone", "video", "three_way_meeting", "prison_visit"]
PLACES = ["Interview room 2", "Flat 3, 14 Chapeltown Road, Leeds LS7 3AP", None, "HMP Leeds", "Room 4"]


def _diary_with_week(data_dir: Path) -> list[Person]:
    """28 bookings Monday to Friday around a court-duty Wednesday, and a cancelled one that must not print."""
    rng = random.Random(7)
    diary = open_diary(data_dir)
    set_setting(diary.db, "officer_name", "Sam Taylor")
    people = [
        Person(
            crn=f"X{100001 + i}",
            first_name=FIRST[i],
            last_name=LAST[i],
            risk_level=rng.choice(["low", "medium", "high", "very_high"]),
            phone=f"07700 900{i:03d}",
            flags="Domestic abuse\nNo lone visits" if i % 5 == 0 else None,
        )
        for i in range(28)
    ]
    days = [0, 1, 3, 4]
    with diary.db.transaction() as session:
        session.add_all(people)
        session.flush()
        for n, person in enumerate(people):
            day = MONDAY + timedelta(days=days[n % 4])
            start = datetime.combine(day, datetime.min.time()) + timedelta(hours=9, minutes=45 * (n // 4))
            session.add(Appointment(person_id=person.id, start=start, minutes=45, kind=rng.choice(KINDS),
                                    location=rng.choice(PLACES)))
        session.add(Appointment(person_id=people[0].id, start=datetime(2026, 12, 1, 16), minutes=30, kind="office",
                                outcome="RESCHEDULED"))
        session.add(Appointment(person_id=people[1].id, start=datetime(2026, 11, 24, 10), minutes=45, kind="office",
                                outcome="ATTC", notes="Discussed housing; referral to Shelter made. Mood low but engaged."))
        session.add(Appointment(person_id=people[1].id, start=datetime(2026, 11, 27, 10), minutes=45, kind="office",
                                outcome="AFTA", evidence_due=date(2026, 12, 1)))
        court = Commitment(start=datetime(2026, 11, 18, 9), end=datetime(2026, 11, 18, 17), kind="court_duty",
                           title="Leeds Magistrates' Court", every_weeks=2)
        court.exceptions.append(CommitmentException(date=date(2026, 11, 18)))
        session.add(court)
        session.add(Commitment(start=datetime(2026, 12, 3, 14), end=datetime(2026, 12, 3, 15), kind="meeting",
                               title="MAPPA level 2"))
    diary.close()
    return people


def _pdf_text(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(str(path))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_print_week_is_one_a4_landscape_page_with_every_name_and_the_court_duty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = _diary_with_week(tmp_path / "d")
    pdf = tmp_path / "week.pdf"
    assert main(["--data-dir", str(tmp_path / "d"), "print-week", "--week", "2026-W49", "--pdf", str(pdf)]) == 0
    assert "28 bookings written" in capsys.readouterr().out
    reader, text = _pdf_text(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    for person in people:
        assert person.name in text, person.name
    assert "COURT DUTY" in text and "Leeds Magistrates' Court" in text and "MAPPA level 2" in text
    assert "Week 49, 2026" in text and "Sam Taylor" in text and "28 bookings" in text


def test_print_day_handover_is_portrait_a4_with_every_person_and_crn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = _diary_with_week(tmp_path / "d")
    pdf = tmp_path / "day.pdf"
    argv = ["--data-dir", str(tmp_path / "d"), "print-day", "--date", "2026-12-01", "--pdf", str(pdf)]
    assert main([*argv, "--covered-by", "Priya Shah"]) == 0
    assert "7 bookings written" in capsys.readouterr().out
    reader, text = _pdf_text(pdf)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        page_text = " ".join(page.extract_text().split())
        assert page_text.count("Risk:") == page_text.count("Covering officer's notes"), "no booking split over pages"
    tuesday = [p for n, p in enumerate(people) if n % 4 == 1]
    for person in tuesday:
        assert person.name in text and person.crn in text
    assert "Duty handover: Tuesday 1 December 2026" in text and "7 bookings in Sam Taylor's diary" in text
    assert "Covering officer: Priya Shah" in text
    assert "No lone visits" in text and "Covering officer's notes" in text
    assert "24/11/2026 Office: Discussed housing; referral to Shelter made." in text
    assert "Evidence due 01/12/2026 for absence on 27/11/2026" in text
    assert people[0].name not in text, "a cancelled booking is not handed over"
    assert main(argv) == 0, "the cover is remembered"
    assert "Covering officer: Priya Shah" in _pdf_text(pdf)[1]


def test_print_week_refuses_a_malformed_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path / "d"), "print-week", "--week", "49", "--pdf", str(tmp_path / "w.pdf")])
    assert "is not a week like 2026-W49" in capsys.readouterr().err


def test_print_week_from_a_terminal_without_a_display(tmp_path: Path) -> None:
    _diary_with_week(tmp_path / "d")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    pdf = tmp_path / "week.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "diary", "--data-dir", str(tmp_path / "d"), "print-week", "--week", "2026-W49", "--pdf", str(pdf)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(pdf)).pages) == 1
