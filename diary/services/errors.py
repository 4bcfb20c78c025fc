"""The errors storage raises, for the window and the command line to catch: they reach storage only through services."""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError

from diary.store.backup import BackupError
from diary.store.database import StoreError
from diary.store.instance_lock import AlreadyRunning
from diary.store.keyring import KeyFileError, WrongKey, WrongPassphrase, WrongRecoveryKey

__all__ = [
    "AlreadyRunning",
    "BackupError",
    "DatabaseError",
    "KeyFileError",
    "StoreError",
    "WrongKey",
    "WrongPassphrase",
    "WrongRecoveryKey",
]
