"""Take the data directory's instance lock, say so, and hold it until killed or told to stop on stdin."""

from __future__ import annotations

import sys
from pathlib import Path

from diary.store.instance_lock import InstanceLock


def main() -> None:
    """Hold the lock on the data directory named by argv[1]."""
    lock = InstanceLock(Path(sys.argv[1]))
    print("locked" if lock.try_acquire() else "busy", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
