"""`python -m diary`: the same as the `diary` command."""

from diary.cli import main

raise SystemExit(main())
