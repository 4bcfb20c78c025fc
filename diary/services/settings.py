"""The officer's settings, kept as JSON values in the diary's own database."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from diary.store.database import Database
from diary.store.models import Setting
from diary.store.team import login_role

DEFAULTS: dict[str, Any] = {
    "officer_name": "",
    "team": "",
}


def get_setting(db: Database, key: str) -> Any:
    """A setting's value, or its default (on a team server, the officer's own: the server shows no one else's)."""
    with db.session() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == key))
        return json.loads(value) if value is not None else DEFAULTS.get(key)


def get_settings(db: Database, keys: list[str]) -> dict[str, Any]:
    """The stored values of those keys that have one, read in one query (defaults are not filled in)."""
    with db.session() as session:
        rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
        return {key: json.loads(value) for key, value in rows}


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store a setting's value."""
    set_settings(db, {key: value})


def set_settings(db: Database, values: dict[str, Any]) -> None:
    """Store several settings in one transaction: all of them, or (if any cannot be) none."""
    with db.transaction() as session:
        for key, value in values.items():
            row = session.scalars(select(Setting).where(Setting.key == key)).one_or_none()
            text = json.dumps(value)
            if row is None:
                session.add(Setting(owner=login_role(session), key=key, value=text))
            else:
                row.value = text
