"""Shared fixtures: offscreen Qt and a throwaway data directory for every test (never the user's)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from diary.services.diary_file import Diary, open_diary, open_team_diary
from diary.store import keyring
from diary.store.server import DATABASE_PASSWORD_ENV, DATABASE_URL_ENV, ServerDatabase, parse_server_url
from tests.helpers.pg_cluster import Cluster, find_binaries

SHARED = Path(__file__).resolve().parents[2] / "shared"


TEST_PASSPHRASE = "correct horse battery staple"
POSTGRES_REQUIRED_ENV = "DIARY_TEST_POSTGRES"
"""Set to `required` (CI does) to fail, rather than skip, the PostgreSQL tests where no server is installed."""
BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that takes the `diary` fixture on both databases, except window tests (SQLite only).

    A module sets SQLITE_ONLY = "reason" when what it tests exists only in the local file (backups, pragmas).
    """
    if "diary" not in metafunc.fixturenames:
        return
    sqlite_only = (
        "qtbot" in metafunc.fixturenames
        or getattr(metafunc.module, "SQLITE_ONLY", None)
        or any(getattr(value, "__module__", "").startswith("diary.ui") for value in vars(metafunc.module).values())
    )
    metafunc.parametrize("diary", BACKENDS[:1] if sqlite_only else BACKENDS, indirect=True)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data directory, encrypted with a test passphrase (fast key stretching)."""
    monkeypatch.setenv("DIARY_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("DIARY_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(keyring, "SCRYPT_N", 2**10)
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATABASE_PASSWORD_ENV, raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory."""
    return tmp_path / "data"


@pytest.fixture
def diary(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Diary]:
    """An open, empty diary: the local encrypted file, or (parametrized) a team diary on a PostgreSQL server."""
    if getattr(request, "param", "sqlite") == "postgresql":
        url = request.getfixturevalue("pg_url")
        request.getfixturevalue("monkeypatch").setenv(DATABASE_URL_ENV, url)  # commands run in the test open it too
        opened = open_team_diary(url, data_dir)
    else:
        opened = open_diary(data_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for the whole run, removed after (skips, saying why, without a server)."""
    binaries, why = find_binaries()
    if binaries is None:
        if os.environ.get(POSTGRES_REQUIRED_ENV) == "required":
            pytest.fail(why)
        pytest.skip(why)
    cluster = Cluster(binaries)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """A database migrated to the newest schema, copied for each test that wants one."""
    name = pg_cluster.new_database()
    db = ServerDatabase(parse_server_url(pg_cluster.url(name)))
    db.ensure_schema()
    db.close()
    return name


@pytest.fixture
def pg_url(pg_cluster: Cluster, pg_template: str) -> Iterator[str]:
    """The address of a fresh team diary at the newest schema, dropped after the test."""
    name = pg_cluster.new_database(template=pg_template)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture
def example_casefile() -> dict[str, Any]:
    """The example document from shared/casefile.md (kept here too, so tests run without shared/)."""
    spec = SHARED / "casefile.md"
    if spec.exists():
        match = re.search(r"```json\n(.*?)```", spec.read_text(encoding="utf-8"), re.S)
        assert match
        return json.loads(match.group(1))
    return json.loads((Path(__file__).parent / "data" / "example_casefile.json").read_text(encoding="utf-8"))
