"""Every schema revision's committed fixture diary (tests/fixtures/schema/<revision>/, made by
tests/fixtures/make_schema_fixture.py) opens through the real opening path: encrypted, unlocked with the passphrase,
upgraded to the head in one go, passing every check, with each row it held still there."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

from diary.services.diary_file import open_diary
from diary.store.schema_version import KNOWN_REVISIONS, SCHEMA_HEAD
from conftest import TEST_PASSPHRASE

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
CHANGED_BY_MIGRATIONS: dict[tuple[str, str], str] = {}
"""(table, column) values a migration rewrites on purpose, and which one."""


def test_every_known_revision_has_its_fixture() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == list(KNOWN_REVISIONS)


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_diary_from_each_revision_opens_upgraded_checked_and_whole(revision: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "diary"
    shutil.copytree(FIXTURES / revision, data_dir)
    kept = json.loads((data_dir / "rows.json").read_text())
    assert kept["revision"] == revision
    diary = open_diary(data_dir, TEST_PASSPHRASE)
    try:
        assert diary.encrypted and diary.db.schema_revision() == SCHEMA_HEAD
        assert diary.db.check() == []
        metadata = MetaData()
        metadata.reflect(diary.db.engine)
        with diary.db.engine.connect() as conn:
            for table_name, row in kept["rows"].items():
                if table_name not in metadata.tables:
                    continue
                table = metadata.tables[table_name]
                key = [c == row[c.name] for c in table.primary_key.columns if c.name in row]  # a key may gain columns
                found = conn.execute(select(table).where(*key)).mappings().first()
                assert found is not None, f"{table_name} row lost upgrading from {revision}"
                for name, value in row.items():
                    if name in found and (table_name, name) not in CHANGED_BY_MIGRATIONS:
                        assert _json(found[name]) == value, f"{table_name}.{name} changed upgrading from {revision}"
    finally:
        diary.close()


def _json(value: Any) -> Any:
    """A value read back, as rows.json keeps it."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value
