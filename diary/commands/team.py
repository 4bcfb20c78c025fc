"""`diary team-setup`: the team's server made ready (database, schema, policies, a login per officer)."""

from __future__ import annotations

import argparse
import os
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the team-setup subcommand."""
    setup = sub.add_parser(
        "team-setup",
        help="make a team diary on a PostgreSQL server (run by its administrator, with --database naming it)",
    )
    setup.add_argument("--officer", action="append", default=[], metavar="LOGIN=NAME", help="an officer (repeat for each)")
    setup.add_argument("--senior", action="append", default=[], metavar="LOGIN=NAME", help="the senior: reads every case, changes none")
    return {"team-setup": cmd_team_setup}


def cmd_team_setup(args: argparse.Namespace) -> int:
    """Create or update the team's database and its members' logins; print what was done."""
    from diary.cli import CommandError, ask_password
    from diary.services.diary_file import DATABASE_PASSWORD_ENV, DATABASE_URL_ENV, PasswordNeeded
    from diary.services.team_setup import StoreError, parse_member, set_up_team

    address = args.database or os.environ.get(DATABASE_URL_ENV)
    if not address:
        raise CommandError("team-setup needs the server: --database postgresql://ADMIN@HOST/NAME")
    try:
        members = [parse_member(v) for v in args.officer] + [parse_member(v, senior=True) for v in args.senior]
        password = os.environ.get(DATABASE_PASSWORD_ENV) or None
        try:
            done = set_up_team(address, members, password)
        except PasswordNeeded as exc:
            done = set_up_team(address, members, ask_password(str(exc)))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    print("\n".join(done))
    return 0
