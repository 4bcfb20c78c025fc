"""The weekly schedule PDF: one A4 landscape page, every booking on it, however dense the week."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.reports.printing import fit_to_pages, pdf_printer, print_document
from diary.reports.week_schedule import FONT_SIZES, week_html
from diary.services.week import ScheduleItem, WeekSchedule
from diary.ui.app import make_application

MONDAY = date(2026, 11, 30)
SURNAMES = ["Smith", "Khan", "O'Neill", "Nowak", "Brown", "Evans", "Iqbal", "McDonald", "Walsh-Jones", "Price",
            "Okafor", "Kowalczyk", "Ahmed", "Davies", "Murphy", "Patel", "Campbell", "Hughes", "Begum", "Lewis"]


def _week(bookings: int, seed: int = 1) -> WeekSchedule:
    rng = random.Random(seed)
    items = [ScheduleItem(datetime(2026, 12, 2, 9), datetime(2026, 12, 2, 17), "Leeds Magistrates' Court", "Court duty",
                          is_commitment=True)]
    days = [0, 1, 3, 4]
    for n in range(bookings):
        day = MONDAY + timedelta(days=days[n % 4])
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=9, minutes=30 * (n // 4))
        items.append(ScheduleItem(start, start + timedelta(minutes=30), f"Person{n} {rng.choice(SURNAMES)}",
                                  rng.choice(["Office", "Home visit", "Phone", "Three-way meeting"]),
                                  rng.choice(["Interview room 2", "Flat 3, 14 Chapeltown Road, Leeds LS7 3AP", ""]),
                                  marker="●"))
    return WeekSchedule(MONDAY, tuple(items), "Sam Taylor", datetime(2026, 11, 23, 10, 31))


def _print(schedule: WeekSchedule, path: Path) -> str:
    make_application()
    printer = pdf_printer(path, landscape=True)
    print_document(fit_to_pages(lambda size, short: week_html(schedule, size, short), printer, FONT_SIZES, 1), printer)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    return " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("bookings", [28, 45, 60])
def test_dense_weeks_fit_one_a4_landscape_page_with_every_name(tmp_path: Path, bookings: int) -> None:
    schedule = _week(bookings)
    text = _print(schedule, tmp_path / "week.pdf")
    for item in schedule.items:
        if not item.is_commitment:
            assert item.title in text, item.title
    assert "COURT DUTY" in text and "Leeds Magistrates' Court" in text
    assert "Week 49, 2026: 30 November 2026 to 4 December 2026" in text and "Sam Taylor" in text
    assert f"{bookings} bookings" in text and "Printed 23/11/2026 10:31" in text


def test_a_saturday_booking_adds_the_weekend_rather_than_vanishing(tmp_path: Path) -> None:
    saturday = ScheduleItem(datetime(2026, 12, 5, 10), datetime(2026, 12, 5, 11), "Weekend Person", "Office")
    schedule = WeekSchedule(MONDAY, (saturday,), "", datetime(2026, 11, 23, 10, 31))
    assert len(schedule.days) == 6, "Saturday is shown; an empty Sunday is not"
    assert "Weekend Person" in _print(schedule, tmp_path / "w.pdf")
