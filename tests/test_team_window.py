"""The Team menu in the window of a team diary: arranging cover by keyboard, and the team's overview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from diary.services import team
from diary.store.models import Appointment, Person
from diary.ui.main_window import MainWindow
from diary.ui.team_dialogs import CoverDialog, TeamOverviewDialog
from tests.helpers.pg_cluster import Cluster
from tests.helpers.team_server import Team

SHOTS = Path("/work/notes/shots/h22")


@pytest.fixture
def crew(pg_cluster: Cluster, pg_url: str, tmp_path: Path) -> Iterator[Team]:
    made = Team(pg_cluster, pg_url, tmp_path)
    yield made
    made.close()


def test_cover_is_arranged_from_the_team_menu_and_opens_the_cases_to_the_coverer(crew: Team, qtbot: QtBot) -> None:
    a, b = crew.open("a"), crew.open("b")
    today = crew.today()
    with a.db.transaction() as session:
        session.add_all([Person(crn="A111111", first_name="Ann", last_name="Booked"), Person(crn="B222222", first_name="Ben", last_name="Later")])
    window = MainWindow(a, clock=lambda: datetime.combine(today, time(9, 0)))
    qtbot.addWidget(window)
    assert window.actions["arrange_cover"].isEnabled()
    dialog = CoverDialog(a, today, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.covering.currentText() == "Bo Baker"  # the senior and the officer themselves are not offered
    qtbot.keyClick(dialog.all_cases, Qt.Key.Key_Space)
    dialog.cases.item(0).setCheckState(Qt.CheckState.Checked)  # Ann Booked, by surname
    dialog.handover.setFocus()
    qtbot.keyClicks(dialog.handover, "Ann: warning live until March.")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "Cover arranged" in dialog.message.text()
    assert "Bo Baker covers Alex Able's 1 chosen case from" in dialog.arranged.text()
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "cover-dialog.png"))
    with b.db.session() as session:
        assert session.scalars(select(Person.crn)).all() == ["A111111"]
    assert team.handover_notes(b.db, today) == [("Alex Able", "Ann: warning live until March.")]


def test_the_team_overview_lists_every_officer_for_the_senior(crew: Team, qtbot: QtBot) -> None:
    s = crew.open("s")
    dialog = TeamOverviewDialog(s, crew.today())
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Alex Able", "Bo Baker", "Dee Duty"]
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.show()
        QApplication.processEvents()
        dialog.grab().save(str(SHOTS / "team-overview.png"))


def test_a_local_diary_has_the_team_menu_switched_off(diary, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(diary)
    qtbot.addWidget(window)
    assert not window.actions["arrange_cover"].isEnabled() and not window.actions["team_overview"].isEnabled()


def test_the_first_run_joins_a_team_diary_and_remembers_it(crew: Team, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox, QWizard

    from diary.services.diary_file import open_any
    from diary.services.settings import get_setting
    from diary.ui.first_run import FirstRunWizard

    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # the recovery key box
    monkeypatch.delenv("DIARY_PASSPHRASE")
    data_dir = tmp_path / "joining"
    wizard = FirstRunWizard(data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.keyClicks(wizard.about.name, "Alex Able")
    qtbot.keyClicks(wizard.about.server, crew.cluster.url(crew.database, crew.roles["a"]))
    qtbot.keyClick(wizard.about.server, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.week
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.lock
    wizard.lock.form.passphrase.setText("quartz lantern pebble rhubarb 42")  # typing it is test_first_run's
    wizard.lock.form.confirm.setText("quartz lantern pebble rhubarb 42")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    assert wizard.diary is not None, wizard.lock.form.advice.text()
    assert wizard.diary.team and wizard.diary.db.user == crew.roles["a"]
    assert get_setting(wizard.diary.db, "officer_name") == "Alex Able"
    wizard.diary.close()
    again = open_any(data_dir, passphrase="quartz lantern pebble rhubarb 42")  # the address is remembered
    assert again.team and again.db.user == crew.roles["a"]
    again.close()


def test_the_covering_officers_today_diary_and_whats_due_mark_the_covered_cases(crew: Team) -> None:
    from diary.domain.duties import DueKind
    from diary.services.caseload import todays_appointments
    from diary.services.diary_view import load_range
    from diary.services.whats_due import add_task, due_items

    a, b = crew.open("a"), crew.open("b")
    today = crew.today()
    with a.db.transaction() as session:
        ann = Person(crn="A111111", first_name="Ann", last_name="Booked")
        ann.appointments.append(Appointment(start=datetime.combine(today, time(10, 0)), kind="office"))
        session.add(ann)
        session.flush()
        ann_id = ann.id
    add_task(a.db, DueKind.REMINDER, "Check the hostel bed", today, ann_id)
    with b.db.transaction() as session:
        bo_own = Person(crn="C333333", first_name="Cal", last_name="Own")
        bo_own.appointments.append(Appointment(start=datetime.combine(today, time(11, 0)), kind="office"))
        session.add(bo_own)
    team.arrange_cover(a.db, crew.roles["b"], today, today)
    assert [r.listed_name for r in todays_appointments(b.db, today)] == ["Ann Booked (covering)", "Cal Own"]
    assert [booking.row.listed_name for booking in load_range(b.db, today, 1).bookings] == ["Ann Booked (covering)", "Cal Own"]
    assert [i.person_name for i in due_items(b.db, today) if i.person_id == ann_id] == ["Ann Booked (covering)"]
    assert [r.listed_name for r in todays_appointments(a.db, today)] == ["Ann Booked"]  # her own officer: no mark
