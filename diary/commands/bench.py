"""`diary bench`: time the diary at a caseload's size and at a career's, on throwaway diaries.

The harness is not part of the installed app: it lives in the source checkout's benchmarks/ folder (harness.py,
bench_data.py, bench_team.py, bench_probe.py, bare_window.py), which this command runs when it is there."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def register(sub: Any) -> dict[str, Any]:
    """Add the bench subcommand."""
    bench = sub.add_parser(
        "bench",
        help="time start-up, search, the week view, compliance, saving and printing on throwaway diaries",
        description="Build two encrypted throwaway diaries (150 people, and a career's 10,000 with about "
        "330,000 appointments and notes) in a temporary folder, time each action several times after a "
        "warm-up and print the medians (p95 for search). Your own diary is not touched. Takes a few minutes.",
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object of figures (milliseconds)")
    bench.add_argument("--quick", action="store_true", help="150 and 1,000 people, each figure once (for CI)")
    bench.add_argument("--keep", metavar="DIR", help="build the diaries in DIR and leave them there")
    bench.epilog = (
        "With --database postgresql://ADMIN@HOST/NAME (a login that may create databases and roles), the same "
        "figures are also taken on a throwaway ten-officer team diary on that server, as one of the officers."
    )
    return {"bench": cmd_bench}


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
"""The checkout's benchmarks folder, beside the diary package."""


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmark and print its figures."""
    from diary.cli import CommandError

    if not (BENCHMARKS / "harness.py").is_file():
        raise CommandError(
            "the benchmark runs from a copy of the source code (its benchmarks folder), and this installed copy of the "
            "app has none. Run `diary bench` from a checkout after `pip install -e .`."
        )
    sys.path.insert(0, str(BENCHMARKS))
    from harness import BenchError, BenchPlan, describe, run_bench
    from diary.services.team_setup import StoreError

    plan = BenchPlan.quick() if args.quick else BenchPlan()

    def progress(text: str) -> None:
        print(f"bench: {text}", file=sys.stderr, flush=True)

    server, password = args.database, os.environ.get("DIARY_DATABASE_PASSWORD") or None
    try:
        if args.keep:
            result = run_bench(plan, Path(args.keep), progress, server=server, password=password)
        else:
            with tempfile.TemporaryDirectory(prefix="diary-bench-") as folder:
                result = run_bench(plan, Path(folder), progress, server=server, password=password)
    except (BenchError, StoreError) as exc:
        raise CommandError(str(exc)) from exc
    print(json.dumps(result, indent=2) if args.json else describe(result))
    return 0
