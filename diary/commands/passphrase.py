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
    from diary.services.diary_file import PASSPHRASE_ENV
    from diary.store import keyring

    key_path = keyring.key_file_path(resolve_data_dir(args.data_dir))
    if not key_path.exists():
        raise CommandError(f"There is no encrypted diary in {key_path.parent}, so there is no passphrase to change.")
    try:
        if args.recovery_key:
            current: str | bytes = keyring.unlock_with_recovery(key_path, _ask(RECOVERY_KEY_ENV, "Recovery key: "))
        else:
            current = _ask(PASSPHRASE_ENV, "Current passphrase: ")
            keyring.unlock(key_path, current)
        new = _new_passphrase()
        keyring.change_passphrase(key_path, current, new)
    except keyring.WrongKey as exc:
        raise CommandError(str(exc)) from exc
    print("Passphrase changed. Backups taken before now still open with the passphrase they were taken under.")
    return 0


def _ask(variable: str, prompt: str) -> str:
    """A secret from the environment (for scripts) or typed at the terminal without echo."""
    return os.environ.get(variable) or getpass.getpass(prompt)


def _new_passphrase() -> str:
    """The new passphrase, typed twice (or from the environment), strong enough."""
    from diary.cli import CommandError
    from diary.store import keyring

    new = os.environ.get(NEW_PASSPHRASE_ENV)
    if new is None:
        new = getpass.getpass("New passphrase: ")
        if getpass.getpass("New passphrase again: ") != new:
            raise CommandError("The two new passphrases are not the same. Nothing was changed.")
    score, advice = keyring.passphrase_strength(new)
    if score < keyring.MIN_STRENGTH:
        raise CommandError(f"The new passphrase is too weak: {advice} Nothing was changed.")
    return new
