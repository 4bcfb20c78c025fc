"""Long writing work in a process of its own, so nothing it does can hold up the window (no Qt here).

The window starts `child_main` in a spawned process with the database's path and key, the work's name
("module:function") and its arguments. The function is called as `function(db, *args, progress=...)`:
it writes in one transaction, and its progress sends (done, total) back over the pipe and raises
`Cancelled` once the window has sent "cancel", which rolls the transaction back. The last message is
("done", value), ("cancelled",) or ("error", exception).
"""

from __future__ import annotations

import importlib
import pickle
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from diary.services.progress import Cancelled
from diary.store.database import Database

CANCEL = "cancel"


class Place(Protocol):
    """Where the work's database is and its key: what a process needs to open it for itself."""

    @property
    def path(self) -> Path:
        """The database file."""

    @property
    def key(self) -> bytes | None:
        """Its SQLCipher key, or None for a plain file."""

REPORT_EVERY_S = 0.05
"""Progress is sent at most this often."""


def child_main(conn: Connection, db_path: Path, key: bytes | None, target: str, args: tuple[Any, ...]) -> None:
    """The process's body: open the database, run the work, send how it ended."""
    module, name = target.split(":")
    db = Database(db_path, key)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= REPORT_EVERY_S or (total and done >= total):
            last[0] = now
            conn.send(("progress", done, total))
        if conn.poll() and conn.recv() == CANCEL:
            raise Cancelled()

    try:
        value = getattr(importlib.import_module(module), name)(db, *args, progress=progress)
        conn.send(("done", value))
    except Cancelled:
        conn.send(("cancelled",))
    except Exception as error:  # every failure goes back to the window, which words it for the officer
        conn.send(("error", portable(error)))
    finally:
        db.close()
        conn.close()


def portable(error: Exception) -> Exception:
    """The error itself if it survives the trip between processes whole, else a RuntimeError with its message."""
    try:
        copy: Exception = pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(str(error))
    return copy if str(copy) == str(error) else RuntimeError(str(error))
