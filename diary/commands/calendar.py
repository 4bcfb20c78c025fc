"""`diary export-ics`: bookings and commitments as an iCalendar file for Outlook and other calendars."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from diary.commands.printing import day_argument


def register(sub: Any) -> dict[str, Any]:
    """Add the calendar subcommand."""
    ics = sub.add_parser("export-ics", help="export bookings and commitments as an iCalendar (.ics) file")
    ics.add_argument("--from", dest="first", type=day_argument, help="first day, e.g. 2026-12-01 (default: today)")
    ics.add_argument("--to", dest="last", type=day_argument, help="last day, included (default: twelve weeks after the first)")
    ics.add_argument("--out", required=True, metavar="FILE", help="where to write the .ics file")
    ics.add_argument("--private", action="store_true", help="leave personal details out: initials and CRN only")
    return {"export-ics": cmd_export_ics}


def cmd_export_ics(args: argparse.Namespace) -> int:
    """Write the iCalendar file."""
    from diary.cli import CommandError, open_for_command
    from diary.services.calendar_export import default_range, write_calendar

    first, last = default_range(args.first or date.today())
    last = args.last or last
    if last < first:
        raise CommandError(f"--to ({last:%d/%m/%Y}) is before --from ({first:%d/%m/%Y}).")
    diary = open_for_command(args)
    try:
        summary = write_calendar(diary.db, Path(args.out), first, last, args.private)
    except OSError as exc:
        raise CommandError(f"could not write {args.out}: {exc.strerror or exc}.") from exc
    finally:
        diary.close()
    print(f"{summary.describe()} from {first:%d/%m/%Y} to {last:%d/%m/%Y} written to {args.out}.")
    return 0
