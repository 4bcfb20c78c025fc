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

from diary.services.diary_file import Diary, open_diary
from diary.store import keyring

SHARED = Path(__file__).resolve().parents[2] / "shared"


TEST_PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data directory, encrypted with a test passphrase (fast key stretching)."""
    monkeypatch.setenv("DIARY_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("DIARY_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(keyring, "SCRYPT_N", 2**10)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory."""
    return tmp_path / "data"


@pytest.fixture
def diary(data_dir: Path) -> Iterator[Diary]:
    """An open, empty diary in a temporary data directory."""
    opened = open_diary(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def example_casefile() -> dict[str, Any]:
    """The example document from shared/casefile.md (kept here too, so tests run without shared/)."""
    spec = SHARED / "casefile.md"
    if spec.exists():
        match = re.search(r"```json\n(.*?)```", spec.read_text(encoding="utf-8"), re.S)
        assert match
        return json.loads(match.group(1))
    return json.loads((Path(__file__).parent / "data" / "example_casefile.json").read_text(encoding="utf-8"))
