"""The `diary` command: opens the app, or works on the same data file without a window."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from diary import APP_NAME, __version__
from diary.paths import resolve_data_dir

if TYPE_CHECKING:
    from diary.services.diary_file import Diary

Handler = Callable[[argparse.Namespace], int]
DEBUG_ENV = "DIARY_DEBUG"
BROKEN_PIPE_EXIT = 141
"""What a command returns when its reader goes away: 128 + SIGPIPE, as `yes | head` reports."""


class CommandError(Exception):
    """A command that cannot go on; its message is for the officer, in plain English."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `diary` and its subcommands."""
    parser = argparse.ArgumentParser(prog="diary", description=f"{APP_NAME}: a probation officer's diary.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="the diary's data directory (default: $DIARY_DATA_DIR or the platform's)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a team diary on a PostgreSQL server, postgresql://user@host/name (default: $DIARY_DATABASE_URL, "
        "or the team diary this data directory joined; else the local diary)",
    )
    parser.add_argument("--demo", action="store_true", help="open the app, loading the demo caseload if the diary is empty")
    parser.add_argument(
        "--open", metavar="FILE", nargs="?", help="open the app and import this case file (as the file manager does)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="load a synthetic caseload into an empty diary")
    demo.add_argument("--people", type=int, default=60, help="how many people (default 60)")
    demo.add_argument("--seed", type=int, default=1, help="the random seed: same seed, same data (default 1)")
    demo.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)

    imp = sub.add_parser("import", help="import a case file (JSON)")
    imp.add_argument("path", metavar="FILE")
    imp.add_argument("--replace", action="store_true", help="replace people whose CRN is already in the diary")

    exp = sub.add_parser("export", help="export the diary, or one person, as a case file")
    exp.add_argument("--crn", help="only this person (e.g. for a subject access request)")
    exp.add_argument("--out", required=True, metavar="FILE", help="where to write the case file ('-' for standard output)")

    sub.add_parser("check", help="check the data file's integrity and schema version")
    for provider in command_providers():
        HANDLERS.update(importlib.import_module(provider).register(sub))
    return parser


def open_for_command(args: argparse.Namespace) -> Diary:
    """Open the diary named by the global options for a subcommand (CommandError if it cannot)."""
    return _open(args)


@contextmanager
def diary_for_command(args: argparse.Namespace, refused: tuple[type[Exception], ...] = ()) -> Iterator[Diary]:
    """The diary named by the global options, closed afterwards; `refused` errors become CommandError with their message."""
    diary = _open(args)
    try:
        yield diary
    except refused as exc:
        raise CommandError(str(exc)) from exc
    finally:
        diary.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `diary` command; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
    except BrokenPipeError:  # `diary --help | head`
        _discard_stdout()
        return BROKEN_PIPE_EXIT
    if args.command is None:
        data_dir = resolve_data_dir(args.data_dir)
        _unlock_ahead(data_dir)
        from diary.ui.app import run_app

        return run_app(data_dir, demo=args.demo, open_file=args.open, database=args.database)
    try:
        code = HANDLERS[args.command](args)
        sys.stdout.flush()
    except CommandError as exc:
        print(f"diary: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _discard_stdout()
        return BROKEN_PIPE_EXIT
    except KeyboardInterrupt:
        print("diary: stopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # the officer gets one plain line, never a traceback (DIARY_DEBUG=1 shows it)
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"diary {args.command}: {_plain(exc)} (set {DEBUG_ENV}=1 to see the details)", file=sys.stderr)
        return 2
    return code


def _discard_stdout() -> None:
    """The reader of our output has gone (`| head`): send what is left to the null device, quietly."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def _plain(exc: BaseException) -> str:
    """An unexpected error in one line: its kind and the first line of its message."""
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0][:200]
    return f"stopped by an unexpected error: {type(exc).__name__}{': ' + first if first else ''}"


def _unlock_ahead(data_dir: Path) -> None:
    """With the passphrase in the environment, start unwrapping the diary's key while the window's code loads."""
    from diary.services import passphrase

    given = os.environ.get(passphrase.PASSPHRASE_ENV)
    if given:
        passphrase.unlock_ahead(data_dir, given)


def _open(args: argparse.Namespace) -> Diary:
    """Open the diary named by the global options, turning store problems into CommandError.

    A team diary's password is asked at the terminal (not echoed) when the server wants one and
    $DIARY_DATABASE_PASSWORD does not hold it.
    """
    from diary.services.diary_file import PasswordNeeded, open_any
    from diary.services.errors import StoreError

    data_dir = resolve_data_dir(args.data_dir)
    database = getattr(args, "database", None)
    try:
        try:
            diary = open_any(data_dir, database)
        except PasswordNeeded as exc:
            diary = open_any(data_dir, database, password=ask_password(str(exc)))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if diary.recovery_key:
        print(
            f"New encrypted diary in {diary.data_dir}.\n"
            f"Recovery key (shown once; write it down and keep it apart from this computer): {diary.recovery_key}",
            file=sys.stderr,
        )
    return diary


def ask_password(why: str) -> str:
    """The team diary's password, typed at the terminal without echo (CommandError when there is no terminal)."""
    import getpass

    if not sys.stdin.isatty():
        raise CommandError(f"{why} Set DIARY_DATABASE_PASSWORD for scripts.")
    return getpass.getpass(f"{why}\nPassword: ")


def cmd_demo(args: argparse.Namespace) -> int:
    """Load the demo caseload into an empty diary."""
    from diary.services.demo_loader import DiaryNotEmpty, load_demo

    if args.people < 1:
        raise CommandError("--people must be at least 1")
    diary = _open(args)
    try:
        summary = load_demo(diary.db, args.people, args.seed, args.today)
    except DiaryNotEmpty as exc:
        raise CommandError(f"{exc} (use --data-dir to choose another)") from exc
    finally:
        diary.close()
    print(summary.describe())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a case file: all of it, or nothing."""
    from diary.services.casefile import CaseFileError, DuplicateCrnError, import_document, read_casefile

    diary = _open(args)
    try:
        summary = import_document(diary.db, read_casefile(Path(args.path)), replace=args.replace)
    except DuplicateCrnError as exc:
        raise CommandError(f"{args.path}: {exc}; use --replace to overwrite. Nothing was imported.") from exc
    except CaseFileError as exc:
        raise CommandError(f"{args.path}: {exc}. Nothing was imported.") from exc
    finally:
        diary.close()
    print(summary.describe())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export everything, or one person, as a case file."""
    from diary.services.casefile import CaseFileError, casefile_text, export_document, write_casefile

    with diary_for_command(args, (CaseFileError,)) as diary:
        doc = export_document(diary.db, args.crn)
    if args.out == "-":
        sys.stdout.write(casefile_text(doc))
        return 0
    try:
        write_casefile(doc, Path(args.out))
    except OSError as exc:
        raise CommandError(f"could not write {args.out}: {exc.strerror or exc}. Nothing was changed in the diary.") from exc
    print(f"Exported {len(doc['people'])} people to {args.out}.", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the integrity, foreign-key and schema checks; print ok or the problems."""
    with diary_for_command(args) as diary:
        problems = diary.db.check()
    if problems:
        print("\n".join(problems))
        return 1
    print("ok")
    return 0


def command_providers() -> list[str]:
    """Every module of `diary.commands`: each has `register(subparsers) -> dict[name, handler]`."""
    import diary.commands

    return sorted(f"diary.commands.{m.name}" for m in pkgutil.iter_modules(diary.commands.__path__))


HANDLERS: dict[str, Handler] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "check": cmd_check,
}
