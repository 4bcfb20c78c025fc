"""`diary erase CRN --confirm`: erase a person whose case has closed."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the erase subcommand."""
    erase = sub.add_parser(
        "erase",
        help="erase everything held about a person whose case has closed (first export it with `diary export --crn`)",
    )
    erase.add_argument("crn", metavar="CRN", help="the person's case reference number")
    erase.add_argument("--confirm", action="store_true", help="really erase (without it, only say what would go)")
    return {"erase": cmd_erase}


def cmd_erase(args: argparse.Namespace) -> int:
    """Say what erasing the person would remove, or erase them with --confirm."""
    from diary.cli import CommandError, diary_for_command
    from diary.services.retention import erase_person, plan_erasure
    from diary.services.errors import StoreError

    with diary_for_command(args, (StoreError,)) as diary:
        plan = plan_erasure(diary, args.crn)
        if plan.still_open:
            raise CommandError(plan.refusal())
        if not args.confirm:
            print(f"Would erase {plan.describe()}\nNothing was erased: add --confirm to erase.")
            return 0
        report = erase_person(diary, args.crn)
    print(report.describe())
    return 0
