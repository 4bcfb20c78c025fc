"""A guard against a PySide6 bug, applied before any Qt code runs (imports no Qt itself).

PySide6 6.12.0 on Python 3.11 drops one reference to None each time a Qt function that
returns nothing is called (setText, update, fillRect, ...). After a few thousand calls
the interpreter aborts with "none_dealloc". Python 3.12 made None immortal, so the bug
cannot bite there; on 3.11 we give None the same protection by raising its reference
count out of reach once at start-up.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_none_alive() -> None:
    """Make None effectively immortal on Python before 3.12 (idempotent enough: 2**40 calls of headroom each)."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _HEADROOM:
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
