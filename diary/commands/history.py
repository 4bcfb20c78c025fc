"""`diary history CRN`: the audit trail of one person's record."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the history subcommand."""
    history = sub.add_parser("history", help="who changed what in a person's record, and when (the audit trail)")
    history.add_argument("crn", metavar="CRN", help="the person's case reference number")
    return {"history": cmd_history}


def cmd_history(args: argparse.Namespace) -> int:
    """Print the person's audit trail, oldest first."""
    from diary.cli import diary_for_command
    from diary.services.history import person_history
    from diary.services.errors import StoreError

    with diary_for_command(args, (StoreError,)) as diary:
        entries = person_history(diary.db, args.crn)
    for entry in entries:
        print(entry.describe())
    return 0
