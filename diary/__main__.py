"""`python -m diary`: the same as the `diary` command (and the packaged app's entry point)."""

import multiprocessing

from diary.cli import main

multiprocessing.freeze_support()
raise SystemExit(main())
