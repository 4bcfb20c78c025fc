"""The diary's passphrase, by one route for the window and the command line: how strong, is it right, change it."""

from __future__ import annotations

from pathlib import Path

from diary.services.diary_file import PASSPHRASE_ENV, Diary, is_encrypted
from diary.store import keyring
from diary.store.database import StoreError

__all__ = ["MIN_STRENGTH", "PASSPHRASE_ENV", "WeakPassphrase", "change", "is_encrypted", "is_right", "proof", "strength", "unlock_ahead"]

MIN_STRENGTH = keyring.MIN_STRENGTH
"""The weakest strength score a new passphrase may have."""


class WeakPassphrase(StoreError):
    """A new passphrase below MIN_STRENGTH; the message is the advice."""


def strength(passphrase: str) -> tuple[int, str]:
    """A 0 (weakest) to 4 (strongest) score for a passphrase, with plain advice."""
    return keyring.passphrase_strength(passphrase)


def is_right(diary: Diary, passphrase: str) -> bool:
    """Whether the passphrase opens this (encrypted, open) diary: KeyFileError when its key file cannot be read."""
    try:
        key = keyring.unlock(keyring.key_file_path(diary.data_dir), passphrase)
    except keyring.WrongPassphrase:
        return False
    return key == diary.db.key


def proof(data_dir: Path, secret: str, recovery: bool = False) -> str | bytes:
    """What lets the officer choose a new passphrase: the current passphrase, checked, or (recovery) the data key the
    recovery key unwraps. WrongKey when it does not open the diary; KeyFileError when there is no encrypted diary."""
    key_path = keyring.key_file_path(data_dir)
    if not key_path.exists():
        raise keyring.KeyFileError(f"There is no encrypted diary in {data_dir}, so there is no passphrase to change.")
    if recovery:
        return keyring.unlock_with_recovery(key_path, secret)
    keyring.unlock(key_path, secret)
    return secret


def change(data_dir: Path, current: str | bytes, new: str) -> None:
    """Re-wrap the diary's key under a new passphrase (nothing is re-encrypted), given the current passphrase or the
    proof() of a recovery key. WrongKey if that does not open the diary; WeakPassphrase if the new one is too weak."""
    score, advice = strength(new)
    if score < MIN_STRENGTH:
        raise WeakPassphrase(advice)
    keyring.change_passphrase(keyring.key_file_path(data_dir), current, new)


def unlock_ahead(data_dir: Path, passphrase: str) -> None:
    """Start unwrapping the diary's key on another thread (scrypt takes a while) for opening it with this passphrase."""
    keyring.unlock_ahead(keyring.key_file_path(data_dir), passphrase)
