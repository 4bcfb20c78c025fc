"""`diary print-week` and `diary print-day`: the same documents the window prints, to PDF."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any


def _iso_week(text: str) -> date:
    """The Monday of an ISO week written like 2026-W49."""
    try:
        return datetime.strptime(text + "-1", "%G-W%V-%u").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a week like 2026-W49") from None


def day_argument(text: str) -> date:
    """A date written like 2026-12-01."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-01") from None


def register(sub: Any) -> dict[str, Any]:
    """Add the printing subcommands."""
    week = sub.add_parser("print-week", help="print the weekly schedule (one A4 landscape page) to PDF")
    week.add_argument("--week", type=_iso_week, help="the ISO week, e.g. 2026-W49 (default: this week)")
    week.add_argument("--pdf", required=True, metavar="FILE", help="where to write the PDF")
    day = sub.add_parser("print-day", help="print the duty handover sheet for a day to PDF")
    day.add_argument("--date", type=day_argument, help="the day, e.g. 2026-12-01 (default: today)")
    day.add_argument("--pdf", required=True, metavar="FILE", help="where to write the PDF")
    day.add_argument("--covered-by", metavar="NAME", help="note that this duty officer covers the day (kept in the diary)")
    return {"print-week": cmd_print_week, "print-day": cmd_print_day}


def cmd_print_week(args: argparse.Namespace) -> int:
    """Write the weekly schedule PDF."""
    from diary.cli import diary_for_command
    from diary.reports.documents import write_week_pdf

    monday = args.week or date.today() - timedelta(days=date.today().weekday())
    with diary_for_command(args) as diary:
        bookings = write_week_pdf(diary.db, monday, Path(args.pdf))
    print(f"Week of {monday:%d/%m/%Y}: {bookings} bookings written to {args.pdf}.")
    return 0


def cmd_print_day(args: argparse.Namespace) -> int:
    """Write the duty handover sheet PDF."""
    from diary.cli import CommandError, diary_for_command
    from diary.reports.documents import write_handover_pdf
    from diary.services.handover import mark_day_covered

    day = args.date or date.today()
    with diary_for_command(args) as diary:
        if args.covered_by is not None:
            try:
                mark_day_covered(diary.db, day, args.covered_by)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        bookings = write_handover_pdf(diary.db, day, Path(args.pdf))
    print(f"Handover for {day:%d/%m/%Y}: {bookings} bookings written to {args.pdf}.")
    return 0
