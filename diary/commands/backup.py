"""`diary backup` and `diary restore`: checked, encrypted backups of the whole diary."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diary.services.backups import BackupInfo


def register(sub: Any) -> dict[str, Any]:
    """Add the backup and restore subcommands."""
    backup = sub.add_parser(
        "backup", help="take a checked, encrypted backup (kept in the backup folder set in Preferences, else the data directory's)"
    )
    backup.add_argument("--out", metavar="FILE", help="also write the backup as one file here (e.g. on a USB stick)")
    backup.add_argument("--list", action="store_true", help="list the backups kept, newest first, and take none")
    restore = sub.add_parser("restore", help="put a backup in place of the diary (the current file is kept aside)")
    restore.add_argument(
        "file", metavar="FILE", help="a file written by `diary backup --out`, a backup's folder, or the name of one in the data directory"
    )
    return {"backup": cmd_backup, "restore": cmd_restore}


def cmd_backup(args: argparse.Namespace) -> int:
    """Take a backup (and write it to --out), or list the backups."""
    from diary.cli import diary_for_command
    from diary.paths import resolve_data_dir
    from diary.services.backups import back_up, backups_dir, describe_backup, export_backup
    from diary.services.errors import StoreError

    if args.list:
        data_dir = resolve_data_dir(args.data_dir)
        default = backups_dir(data_dir)
        for info in _listed(args, data_dir):
            where = info.name if info.path.parent == default else str(info.path)
            print(f"{where}  {describe_backup(info)}  {info.attachments} attachments")
        return 0
    with diary_for_command(args, (StoreError,)) as diary:
        report = export_backup(diary, Path(args.out)) if args.out else back_up(diary)
    print(report.describe())
    if args.out:
        print(f"Written to {args.out}: keep it somewhere safe; it opens only with the diary's passphrase.")
    return 0


def _listed(args: argparse.Namespace, data_dir: Path) -> list[BackupInfo]:
    """The backups to list: in every backup folder when the diary opens (its passphrase given), else in its own."""
    from diary.cli import CommandError, open_for_command
    from diary.paths import database_path
    from diary.services.backups import kept_backups, own_backups

    if not database_path(data_dir).exists():
        return own_backups(data_dir)
    try:
        diary = open_for_command(args)
    except CommandError:
        return own_backups(data_dir)
    try:
        return kept_backups(diary)
    finally:
        diary.close()


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup while the window is closed."""
    from diary.cli import CommandError
    from diary.paths import resolve_data_dir
    from diary.services.backups import restore_from_file
    from diary.services.errors import StoreError

    try:
        report = restore_from_file(resolve_data_dir(args.data_dir), Path(args.file))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    print(report.describe())
    return 0
