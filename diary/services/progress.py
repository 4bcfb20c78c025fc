"""How a long job tells how far it has got, and learns it should stop: plain callables, no Qt.

A job calls its `Progress` at each checkpoint with (done, total), total 0 while the size is not yet
known. The caller's callable may raise `Cancelled` there; a job that writes does so inside one
transaction, so the exception rolls all of it back and the diary is exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The officer stopped the job at a checkpoint; nothing it had written is kept."""

    def __init__(self) -> None:
        """A fixed message for anyone who shows it."""
        super().__init__("stopped before the end; nothing was changed")


def no_progress(_done: int, _total: int) -> None:
    """The progress of a job nobody watches."""


def every(step: int, progress: Progress) -> Callable[[int, int], None]:
    """A progress that passes on only every `step`th count (and the last), for loops over many small items."""

    def report(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            progress(done, total)

    return report
