"""The officer's settings, kept as JSON values in the diary's own database."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from diary.store.database import Database
from diary.store.models import Setting

DEFAULTS: dict[str, Any] = {
    "officer_name": "",
    "team": "",
}


def get_setting(db: Database, key: str) -> Any:
    """A setting's value, or its default."""
    with db.session() as session:
        row = session.get(Setting, key)
        return json.loads(row.value) if row is not None else DEFAULTS.get(key)


def get_settings(db: Database, keys: list[str]) -> dict[str, Any]:
    """The stored values of those keys that have one, read in one query (defaults are not filled in)."""
    with db.session() as session:
        rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
        return {key: json.loads(value) for key, value in rows}


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store a setting's value."""
    with db.transaction() as session:
        row = session.get(Setting, key)
        text = json.dumps(value)
        if row is None:
            session.add(Setting(key=key, value=text))
        else:
            row.value = text
