"""A guard against a PySide6 bug, applied before any Qt code runs (imports no Qt itself).

PySide6 6.12.0 on Python 3.11 drops one reference to None each time a Qt function that
returns nothing is called (setText, update, fillRect, ...), and now and then one to True or
False. After enough calls the interpreter aborts with "none_dealloc" or "bool_dealloc" (seen
at exit after a long test run). Python 3.12 made these constants immortal, so the bug cannot
bite there; on 3.11 we give them the same protection by raising their reference counts out of
reach once at start-up.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_constants_alive() -> None:
    """Make None, True and False effectively immortal on Python before 3.12 (2**40 calls of headroom each)."""
    if sys.version_info >= (3, 12):
        return
    for constant in (None, True, False):
        if sys.getrefcount(constant) < _HEADROOM:
            ctypes.c_ssize_t.from_address(id(constant)).value += _HEADROOM
