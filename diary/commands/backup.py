"""`diary backup` and `diary restore`: checked, encrypted backups of the whole diary."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the backup and restore subcommands."""
    backup = sub.add_parser("backup", help="take a checked, encrypted backup (kept in the data directory's backups folder)")
    backup.add_argument("--out", metavar="FILE", help="also write the backup as one file here (e.g. on a USB stick)")
    backup.add_argument("--list", action="store_true", help="list the backups kept, newest first, and take none")
    restore = sub.add_parser("restore", help="put a backup in place of the diary (the current file is kept aside)")
    restore.add_argument("file", metavar="FILE", help="a file written by `diary backup --out`, or a backup's folder or name")
    return {"backup": cmd_backup, "restore": cmd_restore}


def cmd_backup(args: argparse.Namespace) -> int:
    """Take a backup (and write it to --out), or list the backups."""
    from diary.cli import CommandError, open_for_command
    from diary.paths import resolve_data_dir
    from diary.services.backups import back_up, describe_backup, export_backup
    from diary.store.backup import list_backups
    from diary.store.database import StoreError

    if args.list:
        for info in list_backups(resolve_data_dir(args.data_dir)):
            print(f"{info.name}  {describe_backup(info)}  {info.attachments} attachments")
        return 0
    diary = open_for_command(args)
    try:
        report = export_backup(diary, Path(args.out)) if args.out else back_up(diary)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        diary.close()
    print(report.describe())
    if args.out:
        print(f"Written to {args.out}: keep it somewhere safe; it opens only with the diary's passphrase.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup while the window is closed."""
    from diary.cli import CommandError
    from diary.paths import resolve_data_dir
    from diary.services.backups import restore_from_file
    from diary.store.database import StoreError

    try:
        report = restore_from_file(resolve_data_dir(args.data_dir), Path(args.file))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    print(report.describe())
    return 0
