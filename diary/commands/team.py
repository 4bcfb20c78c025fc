"""`diary team-setup`, `diary team`, `diary cover`, `diary duty`: a team diary on a PostgreSQL server."""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict
from datetime import date
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the team subcommands."""
    setup = sub.add_parser(
        "team-setup",
        help="make a team diary on a PostgreSQL server (run by its administrator, with --database naming it)",
    )
    setup.add_argument("--officer", action="append", default=[], metavar="LOGIN=NAME", help="an officer (repeat for each)")
    setup.add_argument("--senior", action="append", default=[], metavar="LOGIN=NAME", help="the senior: reads every case, changes none")

    team = sub.add_parser("team", help="per officer: breach deadlines, outcomes to record, risk reviews overdue, people not seen in time")
    team.add_argument("--date", type=date.fromisoformat, help="as on this day (default today)")
    team.add_argument("--json", action="store_true", help="one JSON object per officer")

    cover = sub.add_parser("cover", help="arrange cover of your cases (or, as the senior, anyone's), list it or end it")
    cover.add_argument("--by", metavar="LOGIN", help="who covers")
    cover.add_argument("--from", dest="starts", type=date.fromisoformat, metavar="DATE", help="first day covered")
    cover.add_argument("--to", dest="ends", type=date.fromisoformat, metavar="DATE", help="last day covered")
    cover.add_argument("--of", dest="covered", metavar="LOGIN", help="whose cases (default yours)")
    cover.add_argument("--crn", action="append", default=[], help="only this case (repeat; default all)")
    cover.add_argument("--handover", default="", help="handover notes that travel with the cover")
    cover.add_argument("--list", action="store_true", help="list the covers you can see")
    cover.add_argument("--end", type=int, metavar="ID", help="end a cover now")

    duty = sub.add_parser("duty", help="the duty officer for a day (setting it is the senior's)")
    duty.add_argument("day", type=date.fromisoformat, metavar="DATE")
    duty.add_argument("officer", nargs="?", metavar="LOGIN", help="put this officer on duty that day")
    return {"team-setup": cmd_team_setup, "team": cmd_team, "cover": cmd_cover, "duty": cmd_duty}


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


def cmd_team(args: argparse.Namespace) -> int:
    """Print each officer's counts (the senior sees the whole team; an officer their own and covered cases)."""
    from diary.cli import diary_for_command
    from diary.services.team_views import describe_oversight, team_oversight

    with diary_for_command(args) as diary:
        rows = team_oversight(diary.db, args.date or date.today())
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else describe_oversight(rows))
    return 0


def cmd_cover(args: argparse.Namespace) -> int:
    """Arrange, list or end cover."""
    from diary.cli import CommandError, diary_for_command
    from diary.services import team
    from diary.services.compliance import person_id_for_crn

    with diary_for_command(args, (team.TeamError,)) as diary:
        names = {m.role: m.name for m in team.members(diary.db)}
        if args.end is not None:
            team.end_cover(diary.db, args.end)
            print(f"Cover {args.end} ended.")
        elif args.list or not args.by:
            for c in team.covers(diary.db):
                print(f"{c.id}: {c.describe(names)}" + (f"\n    handover: {c.handover}" if c.handover else ""))
        else:
            if args.starts is None or args.ends is None:
                raise CommandError("cover: give --from and --to (the first and last day covered)")
            people = []
            for crn in args.crn:
                found = person_id_for_crn(diary.db, crn)
                if found is None:
                    raise CommandError(f"--crn: nobody with CRN {crn} among your cases")
                people.append(found)
            cover_id = team.arrange_cover(diary.db, args.by, args.starts, args.ends, args.covered, args.handover, people)
            arranged = next(c for c in team.covers(diary.db) if c.id == cover_id)
            print(f"{cover_id}: {arranged.describe(names)}.")
    return 0


def cmd_duty(args: argparse.Namespace) -> int:
    """Say, or set, the duty officer of a day."""
    from diary.cli import diary_for_command
    from diary.services import team

    with diary_for_command(args, (team.TeamError,)) as diary:
        if args.officer:
            team.set_duty_officer(diary.db, args.day, args.officer)
        on_duty = team.duty_officer(diary.db, args.day)
        names = {m.role: m.name for m in team.members(diary.db)} if team.is_team(diary.db) else {}
    print(f"{team.day_label(args.day)}: " + (f"{names.get(on_duty, on_duty)} is the duty officer." if on_duty else "no duty officer set."))
    return 0
