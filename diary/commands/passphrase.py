"""`diary passphrase [--recovery-key]`: choose a new passphrase, given the current one or the recovery key."""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

NEW_PASSPHRASE_ENV = "DIARY_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "DIARY_RECOVERY_KEY"


def register(sub: Any) -> dict[str, Any]:
    """Add the passphrase subcommand."""
    command = sub.add_parser(
        "passphrase",
        help="change the diary's passphrase (the key is re-wrapped; nothing is re-encrypted)",
        description=(
            "Asks for the current passphrase (or $DIARY_PASSPHRASE), then the new one twice "
            f"(or ${NEW_PASSPHRASE_ENV}). With --recovery-key, the recovery key shown when the diary was "
            f"made stands in for a forgotten passphrase (or ${RECOVERY_KEY_ENV})."
        ),
    )
    command.add_argument("--recovery-key", action="store_true", help="use the recovery key instead of the current passphrase")
    return {"passphrase": cmd_passphrase}


def cmd_passphrase(args: argparse.Namespace) -> int:
    """Re-wrap the data key under a new passphrase."""
    from diary.cli import CommandError
    from diary.paths import resolve_data_dir
    from diary.services import passphrase
    from diary.services.errors import KeyFileError, WrongKey

    data_dir = resolve_data_dir(args.data_dir)
    if not passphrase.is_encrypted(data_dir):
        raise CommandError(f"There is no encrypted diary in {data_dir}, so there is no passphrase to change.")
    try:
        if args.recovery_key:
            current = passphrase.proof(data_dir, _ask(RECOVERY_KEY_ENV, "Recovery key: "), recovery=True)
        else:
            current = passphrase.proof(data_dir, _ask(passphrase.PASSPHRASE_ENV, "Current passphrase: "))
        passphrase.change(data_dir, current, _new_passphrase())
    except passphrase.WeakPassphrase as exc:
        raise CommandError(f"The new passphrase is too weak: {exc} Nothing was changed.") from exc
    except (WrongKey, KeyFileError) as exc:
        raise CommandError(str(exc)) from exc
    print("Passphrase changed. Backups taken before now still open with the passphrase they were taken under.")
    return 0


def _ask(variable: str, prompt: str) -> str:
    """A secret from the environment (for scripts) or typed at the terminal without echo."""
    return os.environ.get(variable) or getpass.getpass(prompt)


def _new_passphrase() -> str:
    """The new passphrase, typed twice (or from the environment)."""
    from diary.cli import CommandError

    new = os.environ.get(NEW_PASSPHRASE_ENV)
    if new is None:
        new = getpass.getpass("New passphrase: ")
        if getpass.getpass("New passphrase again: ") != new:
            raise CommandError("The two new passphrases are not the same. Nothing was changed.")
    return new
