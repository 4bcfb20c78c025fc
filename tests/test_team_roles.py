"""Three roles on one server: the database itself decides what each officer sees (row-level security), cover
opens another officer's cases for its dates only and every read is audited, the duty officer sees the day's
bookings but no sensitive notes, and the senior sees everything and changes nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from diary.cli import main
from diary.services import team
from diary.services.diary_file import Diary
from diary.services.recording import add_contact_note
from diary.services.team_setup import Member, set_up_team
from diary.services.team_views import describe_oversight, team_oversight
from diary.store.models import Appointment, CaseRead, ContactNote, Person, SentenceOrder
from tests.helpers.pg_cluster import Cluster
from tests.helpers.team_server import Team

@pytest.fixture
def crew(pg_cluster: Cluster, pg_url: str, tmp_path: Path) -> Iterator[Team]:
    """A team of four on a fresh database."""
    made = Team(pg_cluster, pg_url, tmp_path)
    yield made
    made.close()


def _caseload(diary: Diary, today: date) -> dict[str, int]:
    """A's two people: Ann, booked today with a sensitive and an ordinary note; Ben, booked next week."""
    with diary.db.transaction() as session:
        ann = Person(crn="A111111", first_name="Ann", last_name="Booked", risk_level="high", flags="Dog at address")
        ben = Person(crn="B222222", first_name="Ben", last_name="Later", risk_level="low")
        ann.appointments.append(Appointment(start=datetime.combine(today, time(10, 0)), minutes=45, kind="office"))
        ben.appointments.append(Appointment(start=datetime.combine(today + timedelta(days=7), time(11, 0)), kind="office"))
        session.add_all([ann, ben])
        session.flush()
        ids = {"ann": ann.id, "ben": ben.id}
    add_contact_note(diary.db, ids["ann"], "Disclosed a new partner: safeguarding check.", sensitive=True)
    add_contact_note(diary.db, ids["ann"], "Phoned to confirm Tuesday.")
    return ids


def _crns(diary: Diary) -> set[str]:
    with diary.db.session() as session:
        return set(session.scalars(select(Person.crn)))


def _raw_count(diary: Diary, table: str) -> int:
    """A plain SQL count, past every service: what the server itself lets this login read."""
    with diary.db.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_the_setup_script_makes_the_roles_and_can_run_again(crew: Team) -> None:
    assert any("Alex Able" in line and "give a password" in line for line in crew.report)
    assert any("Sal Senior" in line and "the senior" in line for line in crew.report)
    again = set_up_team(crew.admin_url, [Member(crew.roles["a"], "Alex Able-Smith")])
    assert any("already there" in line for line in again)
    assert [m.name for m in team.members(crew.open("b").db)] == ["Alex Able-Smith", "Bo Baker", "Dee Duty", "Sal Senior"]


def test_each_officer_sees_only_their_own_caseload_by_the_servers_decision(crew: Team) -> None:
    a, b = crew.open("a"), crew.open("b")
    ids = _caseload(a, crew.today())
    assert _crns(a) == {"A111111", "B222222"}
    assert _crns(b) == set()
    for table in ("person", "appointment", "contact_note", "audit_event"):
        assert _raw_count(b, table) == 0, table
    with b.db.engine.begin() as conn:  # writing blind to A's case changes nothing
        assert conn.execute(text("UPDATE person SET phone = '999' WHERE id = :id"), {"id": ids["ann"]}).rowcount == 0
    with pytest.raises(ProgrammingError, match="row-level security"), b.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO contact_note (person_id, at, kind, text, sensitive) VALUES (:id, now(), 'other', 'x', false)"), {"id": ids["ann"]})
    with pytest.raises(ProgrammingError, match="row-level security"), b.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO person (crn, first_name, last_name, created_at, owner) VALUES ('C3', 'x', 'y', now(), :a)"), {"a": crew.roles["a"]})
    with pytest.raises(DBAPIError, match="administrator moves a case"), a.db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET owner = :b WHERE id = :id"), {"b": crew.roles["b"], "id": ids["ann"]})
    with a.db.session() as session:
        assert {p.owner for p in session.scalars(select(Person))} == {crew.roles["a"]}


def test_cover_opens_the_cases_for_its_dates_only_and_every_read_is_audited(crew: Team) -> None:
    a, b = crew.open("a"), crew.open("b")
    today = crew.today()
    ids = _caseload(a, today)

    ended = team.arrange_cover(a.db, crew.roles["b"], today - timedelta(days=10), today - timedelta(days=1), handover="Old cover.")
    assert _crns(b) == set() and team.covered_people(b.db) == frozenset()  # the day after the cover ends: nothing

    running = team.arrange_cover(a.db, crew.roles["b"], today - timedelta(days=1), today + timedelta(days=13),
                                 handover="Ann: new partner disclosed, see the sensitive note.")
    assert _crns(b) == {"A111111", "B222222"}
    assert team.covered_people(b.db) == frozenset(ids.values())
    with b.db.session() as session:  # the covering officer reads the sensitive note too: it is their case now
        assert session.scalar(select(func.count()).select_from(ContactNote).where(ContactNote.sensitive)) == 1
    assert team.handover_notes(b.db, today) == [("Alex Able", "Ann: new partner disclosed, see the sensitive note.")]
    add_contact_note(b.db, ids["ann"], "Saw Ann for Alex: all well.")  # and may record on it
    reads = team.case_reads(a.db, ids["ann"])
    assert [(r.reader, r.day, r.reason) for r in reads] == [(crew.roles["b"], today, "cover")]
    assert {r.reason for r in team.case_reads(a.db, ids["ben"])} == {"cover"}

    team.end_cover(a.db, running)
    assert _crns(b) == set()
    with pytest.raises(team.TeamError, match="not yours to end"):
        team.end_cover(b.db, ended)


def test_cover_of_chosen_cases_opens_those_only(crew: Team) -> None:
    a, b = crew.open("a"), crew.open("b")
    today = crew.today()
    ids = _caseload(a, today)
    team.arrange_cover(a.db, crew.roles["b"], today, today, people=[ids["ben"]])
    assert _crns(b) == {"B222222"}
    with pytest.raises(team.TeamError, match="did not let you arrange this cover"):
        team.arrange_cover(b.db, crew.roles["d"], today, today, covered=crew.roles["a"])


def test_the_duty_officer_sees_todays_bookings_but_not_sensitive_notes(crew: Team) -> None:
    a, d, s = crew.open("a"), crew.open("d"), crew.open("s")
    today = crew.today()
    ids = _caseload(a, today)
    assert _crns(d) == set()
    with pytest.raises(team.TeamError, match="that is for the senior"):
        team.set_duty_officer(d.db, today, crew.roles["d"])
    team.set_duty_officer(s.db, today, crew.roles["d"])
    assert team.duty_officer(d.db, today) == crew.roles["d"]

    assert _crns(d) == {"A111111"}  # booked today; Ben (next week) stays out of sight
    with d.db.session() as session:
        person = session.scalars(select(Person)).one()
        assert (person.risk_level, person.flag_list) == ("high", ("Dog at address",))
        today_bookings = session.scalars(select(Appointment).where(func.date(Appointment.start) == today)).all()
        assert [appointment.person_id for appointment in today_bookings] == [ids["ann"]]
        notes = [n.text for n in session.scalars(select(ContactNote))]
    assert notes == ["Phoned to confirm Tuesday."]
    assert {(r.reader, r.reason) for r in team.case_reads(a.db, ids["ann"])} >= {(crew.roles["d"], "duty")}
    team.set_duty_officer(s.db, today, crew.roles["b"])
    assert _crns(d) == set()


def test_the_senior_sees_everything_and_changes_nothing(crew: Team) -> None:
    a, b, s = crew.open("a"), crew.open("b"), crew.open("s")
    today = crew.today()
    ids = _caseload(a, today)
    with b.db.transaction() as session:
        session.add(Person(crn="C333333", first_name="Cal", last_name="Bees"))
    assert _crns(s) == {"A111111", "B222222", "C333333"}
    with s.db.session() as session:
        assert session.scalar(select(func.count()).select_from(ContactNote)) == 2  # sensitive included
    for statement in (
        "UPDATE person SET phone = '1' WHERE id = :id",
        "DELETE FROM appointment WHERE person_id = :id",
        "INSERT INTO contact_note (person_id, at, kind, text, sensitive) VALUES (:id, now(), 'other', 'x', false)",
        "UPDATE audit_event SET who = 'x' WHERE person_id = :id",
    ):
        with pytest.raises(ProgrammingError, match="permission denied"), s.db.engine.begin() as conn:
            conn.execute(text(statement), {"id": ids["ann"]})
    with a.db.session() as session:
        readers = session.scalars(select(CaseRead.reader).where(CaseRead.person_id == ids["ann"])).all()
    assert readers == [crew.roles["s"]]


def test_every_table_holding_case_rows_is_under_row_level_security(pg_cluster: Cluster, pg_url: str) -> None:
    with pg_cluster.admin(make_url(pg_url).database or "") as conn:
        unsecured = [row[0] for row in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity ORDER BY 1"
        )]
    assert unsecured == ["alembic_version", "duty_day", "team_officer"], "a new table needs its policies (see migration 0008)"


def test_team_setup_command(pg_cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = f"diary_setup_{os.getpid()}"
    role = f"sam_{os.getpid()}"
    address = pg_cluster.url(database)
    try:
        assert main(["--database", address, "team-setup", "--officer", f"{role}=Sam Patel"]) == 0
        out = capsys.readouterr().out
        assert f"Created the database {database}." in out and f"Sam Patel ({role}) is an officer" in out
        assert main(["--database", address, "team-setup", "--officer", "Sam Patel"]) == 1
        assert "LOGIN=Full Name" in capsys.readouterr().err
    finally:
        pg_cluster.drop_database(database)
        with pg_cluster.admin() as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_senior_sees_each_officers_risks_and_an_officer_only_their_own(crew: Team) -> None:
    a, b, s = crew.open("a"), crew.open("b"), crew.open("s")
    today = crew.today()
    _caseload(a, today)
    with a.db.transaction() as session:
        ann = session.scalars(select(Person).where(Person.crn == "A111111")).one()
        ann.reporting_frequency_days = 7
        ann.orders.append(SentenceOrder(ref="CO1", type="community_order", start_date=today - timedelta(days=60)))
        ann.appointments.append(Appointment(start=datetime.combine(today - timedelta(days=1), time(9, 0)), kind="office"))
    with b.db.transaction() as session:
        cal = Person(crn="C333333", first_name="Cal", last_name="Bees", reporting_frequency_days=14)
        cal.orders.append(SentenceOrder(ref="L1", type="licence", start_date=today - timedelta(days=30)))
        session.add(cal)
    rows = {r.name: r for r in team_oversight(s.db, today, datetime.combine(today, time(9, 30)))}
    assert set(rows) == {"Alex Able", "Bo Baker", "Dee Duty"}
    assert (rows["Alex Able"].people, rows["Alex Able"].outcomes_to_record, rows["Alex Able"].not_seen_within_frequency) == (1, 1, 1)
    assert (rows["Bo Baker"].people, rows["Bo Baker"].outcomes_to_record, rows["Bo Baker"].not_seen_within_frequency) == (1, 0, 1)
    assert [r.name for r in team_oversight(a.db, today)] == ["Alex Able"]
    assert rows["Dee Duty"].people == 0 and "Bo Baker" in describe_oversight(list(rows.values()))


def test_cover_and_duty_from_the_command_line(crew: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    today = crew.today()
    _caseload(crew.open("a"), today)
    as_a = ["--data-dir", str(crew.root / "a"), "--database", crew.cluster.url(crew.database, crew.roles["a"])]
    as_s = ["--data-dir", str(crew.root / "s"), "--database", crew.cluster.url(crew.database, crew.roles["s"])]
    week = (today + timedelta(days=7)).isoformat()
    assert main([*as_a, "cover", "--by", crew.roles["b"], "--from", today.isoformat(), "--to", week,
                 "--crn", "a111111", "--handover", "Ann: see the sensitive note."]) == 0
    assert "Bo Baker covers Alex Able's 1 chosen case from" in capsys.readouterr().out
    assert main([*as_a, "cover", "--list"]) == 0
    assert "handover: Ann: see the sensitive note." in capsys.readouterr().out
    assert main([*as_a, "duty", today.isoformat(), crew.roles["d"]]) == 1
    assert "that is for the senior" in capsys.readouterr().err
    assert main([*as_s, "duty", today.isoformat(), crew.roles["d"]]) == 0
    assert "Dee Duty is the duty officer." in capsys.readouterr().out
    assert main([*as_s, "team", "--json"]) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Alex Able", "Bo Baker", "Dee Duty"]
