"""The court check: one screen, one printed page, for a name or CRN."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.cli import main
from diary.domain.text import long_date
from diary.reports.court_check import write_court_check_pdf
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.enforcement_actions import record_enforcement_action
from diary.services.court_check import court_check
from diary.services.diary_file import Diary
from diary.services.search import build_search_index
from diary.store.models import SentenceOrder
from diary.ui.app import make_application
from diary.ui.court_check_dialog import CourtCheckDialog
from diary.ui.main_window import MainWindow
from search_fixture import casefile_document, load_people, release_date

TODAY = date(2026, 2, 1)
PEOPLE = {f"{p.first_name} {p.last_name}": p for p in load_people()}


@pytest.fixture
def filled(diary: Diary) -> Diary:
    import_document(diary.db, parse_document(casefile_document(TODAY)))
    return diary


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_misspelt_name_on_a_community_order_says_yes_which_since_when_and_how(filled: Diary) -> None:
    gareth = PEOPLE["Gareth Llewellyn"]
    with filled.db.session() as session:
        order = session.scalars(select(SentenceOrder).join(SentenceOrder.person).where(SentenceOrder.person_id == gareth.id)).one()
        order_id, start = order.id, order.start_date
    assert start is not None
    record_enforcement_action(filled.db, order_id, "first_warning_letter", TODAY - timedelta(days=20))
    check = court_check(filled.db, build_search_index(filled.db), "gareth lewellyn", TODAY)
    assert check is not None and check.crn == gareth.crn
    assert check.answer == f"Yes: on a community order since {long_date(start)} (until {long_date(start + timedelta(days=365))})."
    (current,) = check.orders
    assert current.status == "current" and current.court == "Leeds Magistrates' Court"
    assert current.counts.startswith("1 appointment kept, 0 acceptable absences, 0 unacceptable failures")
    assert "1 warning in the last 12 months" in current.counts
    assert current.flag.startswith("Warning live until ") and current.flag.endswith(": breach on the next failure")
    assert current.requirements == ("RAR: 1 of 20 RAR days used (1 activity attended).",)
    assert check.contact.startswith(f"Next appointment: {long_date(TODAY + timedelta(days=gareth.id % 14 + 1))} at 14:00")


def test_someone_in_custody_by_crn_is_not_in_the_community(filled: Diary) -> None:
    jonas = PEOPLE["Jonas Petrauskas"]
    check = court_check(filled.db, build_search_index(filled.db), jonas.crn.lower(), TODAY)
    assert check is not None and check.name == "Jonas Petrauskas"
    assert check.answer == f"Not in the community: in custody at HMP Leeds, to be released on {long_date(release_date(jonas, TODAY))}."
    assert [o.status for o in check.orders] == ["not started yet"]


def test_look_alike_names_are_named_so_the_right_person_is_checked(filled: Diary) -> None:
    check = court_check(filled.db, build_search_index(filled.db), "Kowalsk", TODAY)
    assert check is not None
    assert len(check.similar) >= 1 and all("born" in s for s in check.similar)
    assert court_check(filled.db, build_search_index(filled.db), "zzqxv", TODAY) is None


def test_the_printed_check_is_one_a4_page_with_the_name_on_it(filled: Diary, tmp_path: Path) -> None:
    check = court_check(filled.db, build_search_index(filled.db), "Oluwaseun Adeyemi", TODAY)
    assert check is not None
    pdf = tmp_path / "check.pdf"
    assert write_court_check_pdf(check, pdf, datetime(2026, 2, 1, 9, 0)) == 1
    pages, text = _pdf_text(pdf)
    assert pages == 1
    assert "Oluwaseun Adeyemi" in text and check.crn in text and "Yes: on a community order" in text
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_a_long_record_still_prints_on_one_page(diary: Diary, tmp_path: Path) -> None:
    requirements = [
        {"id": f"r{i}", "type": "licence_condition", "text": f"Condition {i}: " + "not to contact the victim directly or indirectly " * 3}
        for i in range(25)
    ]
    orders: list[dict[str, Any]] = [
        {"id": f"o{n}", "type": "community_order", "start_date": f"20{20 + n}-01-01", "end_date": f"20{20 + n}-12-31",
         "requirements": [{"id": f"rar{n}", "type": "rar", "max_days": 30}]}
        for n in range(4)
    ]
    orders.append({"id": "lic", "type": "licence", "start_date": "2025-06-01", "end_date": "2027-06-01", "requirements": requirements})
    person = {"crn": "Z999999", "first_name": "Very", "last_name": "Longrecord", "orders": orders}
    import_document(diary.db, parse_document({"format": "supervision-diary/casefile", "version": 1, "people": [person]}))
    check = court_check(diary.db, build_search_index(diary.db), "Z999999", TODAY)
    assert check is not None
    pdf = tmp_path / "long.pdf"
    assert write_court_check_pdf(check, pdf) == 1
    pages, text = _pdf_text(pdf)
    assert pages == 1 and "Very Longrecord" in text and "Condition 24" in text


def test_cli_court_check_prints_the_answer_and_writes_a_one_page_pdf(
    filled: Diary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled.close()
    pdf = tmp_path / "cc.pdf"
    code = main(["--data-dir", str(filled.data_dir), "court-check", "Tommy", "Maughn", "--pdf", str(pdf)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(f"Tommy Maughan ({PEOPLE['Tommy Maughan'].crn}), as of ")
    assert f"written to {pdf} (1 page)" in out
    assert _pdf_text(pdf)[0] == 1 and "Tommy Maughan" in _pdf_text(pdf)[1]
    assert main(["--data-dir", str(filled.data_dir), "court-check", "zzqxv"]) == 1
    assert "no one in the diary matches 'zzqxv'" in capsys.readouterr().err


def test_ctrl_k_opens_the_check_on_the_selected_result_and_follows_the_box(qtbot: QtBot, filled: Diary) -> None:
    make_application()
    window = MainWindow(filled, clock=lambda: datetime.combine(TODAY, datetime.min.time()).replace(hour=9))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.view.box, "seun adeyemi")
    qtbot.waitUntil(lambda: bool(window.search.view.model.rows) and not window.search.view.timer.isActive())
    qtbot.keyClick(window.search.view.box, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search.dialog
    assert isinstance(dialog, CourtCheckDialog) and dialog.isVisible()
    assert dialog.box.text() == PEOPLE["Oluwaseun Adeyemi"].crn
    assert "Yes: on a community order since" in dialog.answer.toPlainText()
    dialog.box.clear()
    qtbot.keyClicks(dialog.box, "jonas petrauskus")
    qtbot.waitUntil(lambda: "Jonas Petrauskas" in dialog.answer.toPlainText())
    assert "in custody at HMP Leeds" in dialog.answer.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    QApplication.processEvents()
