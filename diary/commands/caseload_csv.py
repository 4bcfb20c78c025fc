"""`diary import-csv`: a caseload from a spreadsheet's CSV export, checked row by row as the import window does."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diary.services.csv_import import RowCheck
    from diary.services.csv_read import CsvTable

IGNORE = ("ignore", "-", "none", "")


def register(sub: Any) -> dict[str, Any]:
    """Add the import-csv subcommand."""
    imp = sub.add_parser(
        "import-csv",
        help="import a caseload from a spreadsheet's CSV export",
        description="Import people from a CSV file (comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252). "
        "Columns are matched to the diary's fields by their headings; --map changes that. Every row is checked "
        "first, and nothing is written if any row is refused, unless --skip-bad-rows.",
    )
    imp.add_argument("path", metavar="FILE")
    imp.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD",
        help="use a column (its heading, or its number from 1) as a field (e.g. crn, first_name, last_name, full_name, "
        "date_of_birth; 'ignore' leaves the column out); repeat for more columns",
    )
    imp.add_argument("--dry-run", action="store_true", help="check every row and say what would be imported; write nothing")
    imp.add_argument("--skip-bad-rows", action="store_true", help="import the rows that pass, leaving out the refused ones")
    return {"import-csv": cmd_import_csv}


def cmd_import_csv(args: argparse.Namespace) -> int:
    """Read, map and check the file, report every problem row, then import all of it or nothing."""
    from diary.cli import CommandError, diary_for_command
    from diary.domain.text import plural
    from diary.services.csv_import import check_rows, import_rows, mapping_problem, suggest_mapping
    from diary.services.csv_read import CsvImportError, read_csv

    name = Path(args.path).name
    try:
        table = read_csv(Path(args.path))
    except CsvImportError as exc:
        raise CommandError(f"{name}: {exc}. Nothing was imported.") from exc
    mapping = _mapping(table, suggest_mapping(table.headers), args.map)
    print(f"{name}: {table.describe()}.")
    print(_describe_mapping(table, mapping))
    problem = mapping_problem(mapping)
    if problem:
        raise CommandError(f"{problem} Use --map COLUMN=FIELD. Nothing was imported.")
    with diary_for_command(args, (CsvImportError,)) as diary:
        checks = check_rows(diary.db, table, mapping, date.today())
        refused = [c for c in checks if c.problems and not c.skip]
        for check in checks:
            if check.problems:
                print(f"line {check.line}: {'; '.join(check.problems)}")
        ready = sum(c.ready for c in checks)
        if refused and not args.skip_bad_rows:
            outcome = "nothing would be imported (dry run)" if args.dry_run else "nothing was imported"
            raise CommandError(
                f"{plural(len(refused), 'row')} refused, so {outcome}: correct the file, or use "
                f"--skip-bad-rows to import the {plural(ready, 'person', 'people')} that pass."
            )
        if args.dry_run:
            print(f"Dry run: {plural(ready, 'person', 'people')} would be imported{_skipped(refused)}. Nothing was written.")
            return 0
        if not ready:
            raise CommandError("no row can be imported. Nothing was imported.")
        summary = import_rows(diary.db, _skipping(checks, refused))
    print(f"Imported {plural(summary.people, 'person', 'people')} from {name}{_skipped(refused)}.")
    return 0


def _mapping(table: CsvTable, suggested: list[str | None], overrides: list[str]) -> list[str | None]:
    """The suggested mapping with the officer's --map choices laid over it."""
    from diary.cli import CommandError
    from diary.services.csv_import import TARGETS, column_index, target_key

    mapping = list(suggested)
    for override in overrides:
        column_name, sep, field_name = override.rpartition("=")
        if not sep or not column_name:
            raise CommandError(f"--map {override!r}: write it as COLUMN=FIELD, e.g. --map 'Ref no=crn'.")
        column = column_index(table.headers, column_name)
        if column is None:
            headings = ", ".join(repr(h) for h in table.headers)
            raise CommandError(f"--map {override!r}: the file has no column {column_name!r} (its headings: {headings}).")
        key = None if field_name.strip().lower() in IGNORE else target_key(field_name)
        if field_name.strip().lower() not in IGNORE and key is None:
            fields = ", ".join(t.key for t in TARGETS)
            raise CommandError(f"--map {override!r}: {field_name!r} is not a field; use one of {fields} or ignore.")
        mapping = [None if key and m == key and i != column else m for i, m in enumerate(mapping)]
        mapping[column] = key
    return mapping


def _describe_mapping(table: CsvTable, mapping: list[str | None]) -> str:
    """Each column and the field it goes to, one line."""
    parts = [f"{heading or f'column {n}'} -> {key or 'ignored'}"
             for n, (heading, key) in enumerate(zip(table.headers, mapping), start=1)]
    return "Columns: " + "; ".join(parts) + "."


def _skipped(refused: list[RowCheck]) -> str:
    """', leaving out 2 refused rows' when some are left out."""
    from diary.domain.text import plural

    return f", leaving out {plural(len(refused), 'refused row')}" if refused else ""


def _skipping(checks: list[RowCheck], refused: list[RowCheck]) -> list[RowCheck]:
    """The checks with the refused rows marked to skip."""
    for check in refused:
        check.skip = True
    return checks
