"""My time: a week's minutes by activity and person, allowance against actual, as chart, table, CSV and print."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from diary.domain.duties import DueKind
from diary.domain.time_use import Activity
from diary.reports.my_time_report import my_time_pdf
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.demo_loader import load_demo
from diary.services.diary_file import Diary
from diary.services.my_time import ALLOWANCES, my_time_week
from diary.services.settings import set_setting
from diary.services.whats_due import add_task, due_items, mark_done
from diary.ui.app import make_application
from diary.ui.main_window import MainWindow
from shown_window import shown_window

NOW = datetime(2026, 2, 4, 16, 0)
WEEK = date(2026, 1, 26)


@pytest.fixture
def loaded(diary: Diary, example_casefile: dict[str, Any]) -> Diary:
    """Jon Smith's week of 26 January 2026: sessions, notes, unpaid work, court duty and leave."""
    person = example_casefile["people"][0]
    person["appointments"] += [
        {"start": "2026-01-27T14:00", "minutes": 60, "kind": "home_visit", "outcome": "ATTC", "minutes_spent": 90},
        {"start": "2026-01-28T09:00", "minutes": 30, "kind": "phone", "outcome": "UAAB"},
        {"start": "2026-01-31T09:00", "minutes": 420, "kind": "unpaid_work_session", "order": "o1", "requirement": "r2",
         "outcome": "ATTC", "hours_credited": 7},
    ]
    person["contact_notes"] = [
        {"at": "2026-01-28T11:00", "kind": "phone", "text": "Rang the GP.", "minutes_spent": 15},
        {"at": "2026-01-28T12:00", "kind": "email", "text": "Emailed the hostel.", "minutes_spent": 10},
        {"at": "2026-01-29T12:00", "kind": "email", "text": "No time given."},
    ]
    example_casefile["commitments"] += [
        {"start": "2026-01-26T09:00", "end": "2026-01-26T17:00", "kind": "court_duty", "title": "Leeds MC"},
        {"start": "2026-01-30T09:00", "end": "2026-01-30T17:00", "kind": "leave"},
    ]
    import_document(diary.db, parse_document(example_casefile))
    return diary


@pytest.fixture
def window(qtbot: QtBot, loaded: Diary) -> MainWindow:
    return shown_window(qtbot, loaded, NOW)


def test_week_counts_minutes_by_activity_and_person(loaded: Diary) -> None:
    week = my_time_week(loaded.db, date(2026, 1, 29))
    assert week.start == WEEK
    assert week.by_activity == {
        Activity.FACE_TO_FACE: 45 + 90,
        Activity.PHONE_VIDEO: 15,
        Activity.REPORTS: 480,
        Activity.ASSESSMENTS: 0,
        Activity.TRAVEL: 30,
        Activity.MEETINGS: 0,
        Activity.ADMIN: 10,
    }
    assert week.estimated == 30
    [jon] = week.by_person
    assert (jon.name, jon.minutes, jon.contacts) == ("Jon Smith", 45 + 90 + 30 + 15 + 10, 4)


def test_allowance_against_actual_uses_the_officers_settings(loaded: Diary) -> None:
    set_setting(loaded.db, ALLOWANCES, {"session:office": 30})
    rows = {r.label: (r.count, r.allowed, r.actual, r.difference) for r in my_time_week(loaded.db, WEEK).allowances}
    assert rows == {
        "Session: Home visit": (1, 60, 90, 30),
        "Session: Office": (1, 30, 45, 15),
        "Contact note": (2, 20, 25, 5),
    }


def test_duties_ticked_done_count_their_minutes(loaded: Diary) -> None:
    add_task(loaded.db, DueKind.RISK_REVIEW, "Risk review after a significant event", date(2026, 1, 28))
    [review] = [i for i in due_items(loaded.db, date(2026, 1, 28)) if i.kind is DueKind.RISK_REVIEW and i.task_id]
    mark_done(loaded.db, review, datetime(2026, 1, 28, 15, 0), "OASys reviewed and countersigned.", 600)
    week = my_time_week(loaded.db, WEEK)
    assert week.by_activity[Activity.ASSESSMENTS] == 600
    row = next(r for r in week.allowances if r.label == "Risk review (OASys)")
    assert (row.count, row.allowed, row.actual) == (1, 120, 600)


def test_demo_week_has_real_figures(diary: Diary) -> None:
    load_demo(diary.db, people=40, seed=3, today=date(2026, 2, 4))
    week = my_time_week(diary.db, WEEK)
    assert week.by_activity[Activity.FACE_TO_FACE] > 0 and week.by_activity[Activity.ADMIN] > 0
    assert week.by_person and week.allowances


def test_ctrl7_shows_last_weeks_chart_and_tables_and_exports_csv(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    view = window.my_time
    assert window.stack.currentWidget() is view
    assert view.heading.text() == "My time: 26 January to 1 February 2026: 11.2 hours"
    assert "Face-to-face 2.2 hours" in view.chart.accessibleDescription()
    assert view.chart.render_image().pixelColor(5, 5).name() == "#ffffff"
    assert [view.table.model().index(0, c).data() for c in range(4)] == ["Jon Smith", "X123456", "4", "3.2"]

    target = tmp_path / "week.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == {"Date": "2026-01-26", "Activity": "Reports", "Work": "Court duty", "Person": "", "CRN": "",
                       "Minutes": "480", "Allowed minutes": "", "Estimated": ""}
    assert {r["Work"] for r in rows} >= {"Session: Home visit", "Travel (estimated)", "Contact note"}
    assert "Exported 6 entries" in window.statusBar().currentMessage()

    qtbot.mouseClick(view.findChild(QPushButton, "previousWeek"), Qt.MouseButton.LeftButton)
    assert view.week is not None and view.week.start == date(2026, 1, 19) and view.week.total == 0


def test_printed_week_shows_activities_and_people(loaded: Diary, tmp_path: Path) -> None:
    make_application()
    path = tmp_path / "my-time.pdf"
    my_time_pdf(my_time_week(loaded.db, WEEK), path, "A. Officer", NOW)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert "My time: 26 January to 1 February 2026" in text
    assert "Face-to-face" in text and "2.2 h" in text and "Jon Smith" in text and "A. Officer" in text
