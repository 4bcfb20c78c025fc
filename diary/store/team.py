"""Who is working: the login role on a team server ('' in a local diary, where the officer is the only one)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def login_role(session: Session) -> str:
    """The officer's login role on a team server, or '' in a local diary."""
    if session.get_bind().dialect.name != "postgresql":
        return ""
    return session.execute(text("SELECT current_user")).scalar_one()
