"""A team diary on PostgreSQL: the same migrations build the same schema, the address is checked, the password
is asked and never kept, and the command line works on it as on the local file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import make_url, text

from diary.cli import main
from diary.services.diary_file import (
    TEAM_FILE,
    PasswordNeeded,
    open_any,
    open_team_diary,
    remember_team_diary,
)
from diary.store.errors import StoreError
from diary.store.models import Base, Person
from diary.store.schema_version import SCHEMA_HEAD
from diary.store.server import ServerDatabase, parse_server_url, shown_url
from tests.helpers.pg_cluster import OWNER_FILE, Cluster, remove_orphans


def test_the_migrations_build_exactly_the_models_on_postgresql(pg_cluster: Cluster) -> None:
    name = pg_cluster.new_database()
    db = ServerDatabase(parse_server_url(pg_cluster.url(name)))
    db.ensure_schema()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        partial = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_appointment_unentered'")
        ).scalar_one()
    assert diff == []
    assert "WHERE ((outcome IS NOT NULL) AND (entered_nationally_at IS NULL))" in partial
    assert db.schema_revision() == SCHEMA_HEAD and db.check() == []
    db.close()
    pg_cluster.drop_database(name)


def test_the_audit_trail_is_append_only_on_the_server_too(pg_url: str, data_dir: Path) -> None:
    diary = open_team_diary(pg_url, data_dir)
    with diary.db.transaction() as session:
        session.add(Person(crn="A000001", first_name="Ann", last_name="Example"))
    with pytest.raises(Exception, match="append-only"), diary.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET who = 'someone else'"))
    with pytest.raises(Exception, match="append-only"), diary.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event"))
    diary.close()


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("postgresql://sam:secret@team.example.org/diary", "holds a password"),
        ("postgresql://sam@team.example.org/diary?sslmode=require", "sslmode=require would send case records"),
        ("postgresql://sam@team.example.org/diary?sslmode=disable", "verify-full"),
        ("mysql://sam@team.example.org/diary", "only postgresql://"),
        ("postgresql://sam@team.example.org", "names no database"),
    ],
)
def test_unsafe_or_wrong_addresses_are_refused_by_name(address: str, refusal: str) -> None:
    with pytest.raises(StoreError, match=refusal) as caught:
        parse_server_url(address)
    assert "secret" not in str(caught.value)


def test_another_computer_needs_a_verified_certificate_and_this_one_does_not() -> None:
    remote = parse_server_url("postgresql://sam@team.example.org/diary")
    assert remote.query["sslmode"] == "verify-full"
    assert parse_server_url("postgresql://sam@team.example.org/diary?sslmode=verify-ca").query["sslmode"] == "verify-ca"
    for local in ("postgresql://sam@localhost/diary", "postgresql://sam@127.0.0.1:5433/diary", "postgresql://sam@/diary?host=/run/postgresql"):
        assert "sslmode" not in parse_server_url(local).query
    assert shown_url(remote) == "postgresql://sam@team.example.org/diary?sslmode=verify-full"


def test_the_password_is_asked_used_and_never_kept_or_shown(pg_cluster: Cluster, pg_url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = make_url(pg_url).database
    with pg_cluster.admin(database) as conn:
        conn.execute("CREATE ROLE pat_officer LOGIN PASSWORD 'pat-s long password 7'")
        conn.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO pat_officer")
        conn.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO pat_officer")
    address = pg_cluster.tcp_url(database, "pat_officer")
    with pytest.raises(PasswordNeeded):
        open_team_diary(address, data_dir)
    with pytest.raises(StoreError, match="password authentication failed") as wrong:
        open_team_diary(address, data_dir, password="not it at all")
    assert "not it at all" not in str(wrong.value)
    diary = open_team_diary(address, data_dir, password="pat-s long password 7")
    assert diary.team and diary.db.user == "pat_officer" and "pat-s long" not in diary.where
    diary.close()

    shown = remember_team_diary(data_dir, address)
    assert json.loads((data_dir / TEAM_FILE).read_text()) == {"database": shown}
    assert "password" not in (data_dir / TEAM_FILE).read_text()
    with pytest.raises(PasswordNeeded):
        open_any(data_dir)  # the remembered address, and no password kept anywhere
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "needs your password" in err and "DIARY_DATABASE_PASSWORD" in err
    with pg_cluster.admin(database) as conn:
        conn.execute("DROP OWNED BY pat_officer")
        conn.execute("DROP ROLE pat_officer")


def test_the_command_line_works_on_a_team_diary_by_option_and_by_environment(
    pg_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "--database", pg_url, "demo", "--people", "5"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("DIARY_DATABASE_URL", pg_url)
    assert main(["--data-dir", str(data_dir), "search", "a", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert capsys.readouterr().out == "ok\n"
    assert main(["--data-dir", str(data_dir), "backup"]) == 1
    assert "backed up there" in capsys.readouterr().err
    assert not (data_dir / "diary.sqlite3").exists()


def test_a_cluster_left_by_a_killed_run_is_stopped_and_removed_by_the_next(pg_cluster: Cluster) -> None:
    orphan = Cluster(pg_cluster.bin)
    gone = subprocess.Popen(["true"])
    gone.wait()
    (orphan.root / OWNER_FILE).write_text(str(gone.pid))  # as if the run that started it had been killed
    remove_orphans(pg_cluster.bin)
    assert not orphan.root.exists()
    assert pg_cluster.root.exists()  # the running one is left alone
