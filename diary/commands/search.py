"""`diary search`: find people by name, alias, CRN or date of birth, even misspelt; the window's engine."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diary.services.search import SearchRow


def _positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def register(sub: Any) -> dict[str, Any]:
    """Add the search subcommand."""
    search = sub.add_parser(
        "search",
        help="find people by name, alias, CRN or date of birth, even misspelt",
        description="Find people by name, alias, CRN (whole or part) or date of birth (19/07/1994, 19-7-94, "
        "1994-07-19), even misspelt or with the names the other way round. Best match first.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="what to look for, e.g. mohamed kahn or x1234")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N people (default 10)")
    search.add_argument("--json", action="store_true", help="print a JSON list of objects, best first")
    check = sub.add_parser(
        "court-check",
        help="is this person on an order, which, since when, how are they doing (one page)",
        description="For a CRN, or the best match for a name, say whether the person is on an order, which, "
        "since when and how they are doing; --pdf prints it on one A4 page.",
    )
    check.add_argument("query", nargs="+", metavar="QUERY", help="a CRN, or a name (even misspelt)")
    check.add_argument("--pdf", metavar="FILE", help="also write it to this PDF file (one A4 page)")
    return {"search": cmd_search, "court-check": cmd_court_check}


def cmd_search(args: argparse.Namespace) -> int:
    """Print the people matching the query, best first."""
    from diary.cli import diary_for_command
    from diary.services.search import build_search_index, search_people

    text = " ".join(args.query)
    with diary_for_command(args) as diary:
        rows = search_people(diary.db, build_search_index(diary.db), text, args.limit)
    if args.json:
        print(json.dumps([row.as_json() for row in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No one in the diary matches '{text}'.")
        return 0
    for row in rows:
        print(describe(row))
    return 0


def describe(row: SearchRow) -> str:
    """One result as a line of plain text."""
    from diary.domain.text import short_date
    from diary.domain.vocab import OrderType, RiskLevel

    def day(value: Any) -> str:
        return short_date(value) if value else "—"

    parts = [
        f"{row.score:5.1f}  {row.crn}  {row.name}",
        f"(also known as {', '.join(row.aliases)})" if row.aliases else "",
        f"born {day(row.date_of_birth)}",
        f"{RiskLevel(row.facts.risk_level).label} risk" if row.facts.risk_level else "risk not set",
        "in custody" if row.facts.in_custody else (OrderType(row.facts.order_type).label if row.facts.order_type else "no order"),
        f"{row.facts.key_date_label.lower()} {day(row.facts.key_date)}",
        f"next {day(row.facts.next_appointment)}",
        f"last contact {day(row.facts.last_contact)}",
        row.compliance_label,
    ]
    return "  ·  ".join(p for p in parts if p)


def cmd_court_check(args: argparse.Namespace) -> int:
    """Print the court check for a CRN or name, and write its PDF if asked."""
    from pathlib import Path

    from diary.cli import CommandError, open_for_command
    from diary.services.court_check import court_check
    from diary.services.search import build_search_index

    text = " ".join(args.query)
    diary = open_for_command(args)
    try:
        check = court_check(diary.db, build_search_index(diary.db), text)
    finally:
        diary.close()
    if check is None:
        raise CommandError(f"no one in the diary matches '{text}'")
    print("\n".join(check.lines()))
    if args.pdf:
        from diary.reports.court_check import write_court_check_pdf

        pages = write_court_check_pdf(check, Path(args.pdf))
        print(f"Court check for {check.name} written to {args.pdf} ({pages} page{'s' if pages != 1 else ''}).")
    return 0
