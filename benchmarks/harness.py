"""`diary bench`: how fast the diary is at a live caseload's size and at a career's, in milliseconds.

Two diaries are made in a temporary folder, encrypted like any other: the demo caseload of 150 people, and
a career-sized one (10,000 people, about 225,000 appointments and 105,000 contact notes, most of them
closed cases). Each also holds one person whose order has 2,000 appointments and one week holding 300
bookings and commitments. Every figure is taken several times after a warm-up; medians are reported (p95
for search). What needs Qt runs in other processes, so this module never imports it: the app's start
(the `diary` command, to the main window shown and populated), a bare PySide6 window as the baseline,
and the week view, search, weekly PDF and caseload list through the real widgets (`bench_probe.py` beside this file).
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from sqlalchemy import select

from diary.paths import database_path
from diary.services.casefile_schema import parse_document
from diary.services.compliance import person_compliance, person_id_for_crn
from diary.services.demo import LIVE_CASELOAD, build_demo_casefile
from diary.services.diary_file import PASSPHRASE_ENV, Diary, open_diary
from diary.services.recording import NextBooking, SessionRecord, record_session
from diary.store.database import Database
from diary.store.models import Appointment, Person

from bench_data import LONG_ORDER_CRN, bulk_import, fill_week, long_order_person

PASSPHRASE = "throwaway benchmark passphrase"
WEEK_ITEMS = 300
BUSY_WEEK_AHEAD = timedelta(weeks=10)
SHOWN = re.compile(r"smoke: shown at (\d+\.\d+) listing (\d+) people")
HERE = Path(__file__).resolve().parent
BARE_WINDOW = HERE / "bare_window.py"
PROBE = HERE / "bench_probe.py"
"""The baseline script (run by path, so it loads nothing of the diary's): a bare PySide6 main window."""

GOALS: dict[str, str] = {
    "startup": "within 1.5x the bare window",
    "search_p95": "16 ms at 150 people, 50 ms at 10,000",
    "week_view": "100 ms",
    "compliance": "10 ms",
    "record_session": "50 ms",
    "print_week": "1 s",
    "caseload": "(none set; grows with everyone ever supervised)",
}


class BenchError(RuntimeError):
    """A measurement that could not be taken; the message says which and why."""


@dataclass(frozen=True)
class BenchPlan:
    """What to measure: the two diaries' sizes, and how often each figure is taken."""

    small: int = LIVE_CASELOAD
    large: int = 10_000
    warmups: int = 1
    repeats: int = 7
    service_repeats: int = 25
    searches: int = 40

    @classmethod
    def quick(cls) -> BenchPlan:
        """For CI: 150 and 1,000 people, each figure taken once after one warm-up."""
        return cls(large=1000, repeats=1, service_repeats=1, searches=3)


@dataclass(frozen=True)
class BenchDiary:
    """A benchmark diary on disk and what it holds."""

    data_dir: Path
    people: int
    appointments: int
    contact_notes: int
    build_s: float


Progress = Callable[[str], None]


def run_bench(
    plan: BenchPlan, work_dir: Path, progress: Progress = lambda _text: None, today: date | None = None,
    server: str | None = None, password: str | None = None,
) -> dict[str, Any]:
    """Build both diaries under work_dir, take every figure, and return them as one JSON-ready object; with a
    PostgreSQL server's address, the same figures on a ten-officer team diary there too (keys ending _pg)."""
    today = today or date.today()
    started = time.perf_counter()
    result: dict[str, Any] = {"small_people": plan.small, "large_people": plan.large, "machine": machine()}
    progress("bare PySide6 window (baseline)")
    baseline = [_start_ms([sys.executable, str(BARE_WINDOW)])[0] for _ in range(plan.warmups + plan.repeats)]
    result["startup_baseline_ms"] = _median(baseline[plan.warmups:])
    sizes = {"": plan.small, "_10k": plan.large}
    figures = {suffix: _measure_size(plan, work_dir, people, today, progress) for suffix, people in sizes.items()}
    for suffix, found in figures.items():
        for key, value in found.items():
            result[key + suffix] = value
    result["machine"]["qt"] = result.pop("qt_version")
    del result["qt_version_10k"]
    for small_key in ("search_p95_ms", "search_median_ms"):
        result[f"{small_key}_150"] = result.pop(small_key)
    result["growth_150_to_10k"] = {
        key: round(result[f"{key}_10k"] / result[key], 2)
        for key in ("startup_ms", "week_view_ms_300_items", "compliance_ms_2000_appointments", "record_session_ms",
                    "print_week_ms", "caseload_ms")
    } | {"search_p95_ms": round(result["search_p95_ms_10k"] / result["search_p95_ms_150"], 2)}
    result["startup_vs_baseline"] = round(result["startup_ms"] / result["startup_baseline_ms"], 2)
    if server:
        from bench_team import measure_team

        result |= measure_team(sys.modules[__name__], plan, work_dir, server, today, progress, password)
    result["peak_rss_mb_bench"] = _own_peak_rss_mb()
    result["bench_s"] = round(time.perf_counter() - started, 1)
    return result


def _measure_size(plan: BenchPlan, work_dir: Path, people: int, today: date, progress: Progress) -> dict[str, Any]:
    """Every figure on a diary of this many people."""
    progress(f"{people} people: building the diary")
    bench = build_bench_diary(work_dir / f"diary-{people}", people, today)
    progress(f"{people} people: {bench.appointments} appointments, {bench.contact_notes} notes in {bench.build_s:.0f} s; starting the app")
    diary_command = _diary_command() + ["--data-dir", str(bench.data_dir)]
    starts = [_start_ms(diary_command) for _ in range(plan.warmups + plan.repeats)]
    if any(listed == 0 for _ms, listed, _rss in starts):
        raise BenchError("The app started without listing anyone in the caseload.")
    found: dict[str, Any] = {
        "people": bench.people,
        "appointments": bench.appointments,
        "contact_notes": bench.contact_notes,
        "build_s": round(bench.build_s, 1),
        "startup_ms": _median([ms for ms, _listed, _rss in starts[plan.warmups:]]),
        "peak_rss_mb_app": max(rss for _ms, _listed, rss in starts),
    }
    progress(f"{people} people: week view, search, weekly PDF and caseload through the widgets")
    opener = lambda: open_diary(bench.data_dir, PASSPHRASE)  # noqa: E731
    found |= qt_figures(plan, opener, bench.data_dir, today)
    progress(f"{people} people: compliance and saving sessions")
    found |= service_figures(plan, opener, today)
    found["database_mb"] = round(sum(p.stat().st_size for p in bench.data_dir.glob(database_path(bench.data_dir).name + "*")) / 1e6, 1)
    return found


def build_bench_diary(data_dir: Path, people: int, today: date) -> BenchDiary:
    """The demo caseload of `people` (closed cases beyond 150), the long order and the busy week, encrypted."""
    started = time.perf_counter()
    document = build_demo_casefile(people, 1, today)
    document["people"].append(long_order_person(today))
    diary = open_diary(data_dir, PASSPHRASE)
    try:
        summary = bulk_import(diary.db, parse_document(document))
        fill_week(diary.db, busy_monday(today), WEEK_ITEMS)
    finally:
        diary.close()
    return BenchDiary(data_dir, summary.people, summary.appointments, summary.contact_notes, time.perf_counter() - started)


def busy_monday(today: date) -> date:
    """The Monday of the week booked full for the week view's figure (ten weeks ahead, past the demo's bookings)."""
    return _monday(today) + BUSY_WEEK_AHEAD


def _monday(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def qt_figures(plan: BenchPlan, opener: Callable[[], Diary], data_dir: Path, today: date, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The week view, search, weekly PDF and caseload list, timed through the widgets in a probe process (env
    names a team diary's server to it)."""
    diary = opener()
    try:
        typed = typed_searches(diary.db, plan.searches, seed=5)
    finally:
        diary.close()
    request = {
        "data_dir": str(data_dir),
        "today": today.isoformat(),
        "busy_monday": busy_monday(today).isoformat(),
        "print_monday": _monday(today).isoformat(),
        "warmups": plan.warmups,
        "week_repeats": plan.service_repeats,
        "print_repeats": plan.repeats,
        "typed": typed,
    }
    out, _err, rss = _run([sys.executable, str(PROBE), json.dumps(request)], env, timeout=900)
    timings = json.loads(out)
    keystrokes = sorted(timings["search_ms"])
    return {
        "week_view_ms_300_items": _median(timings["week_view_ms"]),
        "search_p95_ms": round(_percentile(keystrokes, 95), 2),
        "search_median_ms": _median(keystrokes),
        "search_keystrokes": len(keystrokes),
        "print_week_ms": _median(timings["print_week_ms"]),
        "caseload_ms": _median(timings["caseload_ms"]),
        "peak_rss_mb_probe": rss,
        "qt_version": timings["qt_version"],
    }


def typed_searches(db: Database, count: int, seed: int) -> list[str]:
    """What an officer types to find someone: a name as written or with two letters swapped, a CRN, a date of birth."""
    rng = random.Random(seed)
    with db.session() as session:
        people = session.execute(select(Person.crn, Person.first_name, Person.last_name, Person.date_of_birth)).all()
    typed = []
    for crn, first, last, born in rng.sample(people, min(count, len(people))):
        roll = rng.random()
        if roll < 0.5:
            typed.append(f"{first} {last}")
        elif roll < 0.7:
            i = rng.randrange(1, len(last) - 1)
            typed.append(f"{first} {last[:i]}{last[i + 1]}{last[i]}{last[i + 2:]}".lower())
        elif roll < 0.85 or born is None:
            typed.append(crn)
        else:
            typed.append(f"{born:%d/%m/%Y}")
    return typed


def service_figures(plan: BenchPlan, opener: Callable[[], Diary], today: date) -> dict[str, Any]:
    """Counting the long order's compliance, and saving sessions (outcome, notes, next booking) to disk."""
    diary = opener()
    now = datetime.combine(today, clock(11, 20))
    runs = plan.warmups + plan.service_repeats
    try:
        person_id = person_id_for_crn(diary.db, LONG_ORDER_CRN)
        counted = timed(lambda: person_compliance(diary.db, person_id or 0, today, now), plan.warmups, plan.service_repeats)
        with diary.db.session() as session:
            booked = session.execute(
                select(Appointment.id, Appointment.person_id, Appointment.start, Appointment.minutes, Appointment.kind)
                .where(Appointment.start >= now, Appointment.start < now + timedelta(weeks=4), Appointment.outcome.is_(None))
                .order_by(Appointment.start)
                .limit(runs)
            ).all()
        if len(booked) < runs:
            raise BenchError(f"Only {len(booked)} bookings to record sessions on; {runs} needed.")
        sessions = iter(
            SessionRecord(
                person_id, appointment_id, start, minutes, kind, "ATTC",
                notes="Discussed the week ahead and the job search; next appointment booked.",
                minutes_spent=minutes, next_booking=NextBooking(start + timedelta(days=14), 60, "office"),
            )
            for appointment_id, person_id, start, minutes, kind in booked
        )
        saved = timed(lambda: record_session(diary.db, next(sessions)), plan.warmups, plan.service_repeats)
    finally:
        diary.close()
    return {"compliance_ms_2000_appointments": _median(counted), "record_session_ms": _median(saved)}


def timed(run: Callable[[], object], warmups: int, repeats: int) -> list[float]:
    """Milliseconds taken by each of `repeats` calls, after `warmups` untimed ones."""
    for _ in range(warmups):
        run()
    taken = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def _diary_command() -> list[str]:
    """How to run the `diary` command: its script beside this Python, else `python -m diary`."""
    script = Path(sys.executable).with_name("diary")
    return [str(script)] if script.exists() else [sys.executable, "-m", "diary"]


def _start_ms(command: list[str]) -> tuple[float, int, float]:
    """Start a process that reports when its window is shown: milliseconds from launch, people listed, peak RSS in MB."""
    launched = time.time()
    _out, err, rss = _run(command, {"DIARY_SMOKE_EXIT_AFTER_MS": "0"}, timeout=300)
    shown = SHOWN.search(err)
    if shown is None:
        raise BenchError(f"{' '.join(command[:2])} did not report its window shown:\n{err[-2000:]}")
    return (float(shown.group(1)) - launched) * 1000, int(shown.group(2)), rss


def _run(command: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> tuple[str, str, float]:
    """Run a process offscreen to the end: its output, its errors and its peak resident memory in MB."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{PASSPHRASE_ENV: PASSPHRASE}, **(env or {}))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=environment)
        try:
            peak = _peak_rss_mb(process, timeout)
        finally:
            process.kill()
            process.wait()
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command[:3])} failed (exit {process.returncode}):\n{errors[-2000:]}")
    return output, errors, peak


def _peak_rss_mb(process: subprocess.Popen[bytes], timeout: float) -> float:
    """Wait for a process, reading its peak resident memory (VmHWM) as it runs; 0 where /proc cannot say.

    (The rusage of a child on Linux counts the memory of the process that started it, this one, whose
    career-sized diary would swamp the figure.)
    """
    status = Path(f"/proc/{process.pid}/status")
    peak = 0
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if time.monotonic() > deadline:
            raise BenchError(f"{process.args[0]} took more than {timeout:.0f} s")
        try:
            found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
        except OSError:
            found = None
        peak = max(peak, int(found.group(1)) if found else 0)
        time.sleep(0.01)
    return round(peak / 1024, 1)


def _own_peak_rss_mb() -> float:
    """This process's peak resident memory in MB (0 where the platform cannot say)."""
    try:
        import resource
    except ImportError:
        return 0.0
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _median(values: list[float]) -> float:
    """The median, rounded to hundredths of a millisecond."""
    return round(statistics.median(values), 2)


def _percentile(ordered: list[float], percent: float) -> float:
    """The nearest-rank percentile of sorted values."""
    return ordered[min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))]


def machine() -> dict[str, Any]:
    """What the figures were taken on."""
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace"))
        cpu = found.group(1).strip() if found else ""
    return {
        "platform": platform.platform(),
        "cpu": cpu or platform.processor(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def describe(result: dict[str, Any]) -> str:
    """The figures as a table for the terminal: each at both sizes, how it grows, and its goal."""
    large = f"{result['large_people']:,}"
    team = "search_p95_ms_pg" in result
    rows = [
        ("start (to the main window shown, populated)", "startup_ms", "startup_ms_10k", "startup"),
        ("search, keystroke to results, p95", "search_p95_ms_150", "search_p95_ms_10k", "search_p95"),
        ("week view of 300 bookings and commitments", "week_view_ms_300_items", "week_view_ms_300_items_10k", "week_view"),
        ("compliance of an order of 2,000 appointments", "compliance_ms_2000_appointments", "compliance_ms_2000_appointments_10k", "compliance"),
        ("save a session (durable commit)", "record_session_ms", "record_session_ms_10k", "record_session"),
        ("weekly schedule to PDF", "print_week_ms", "print_week_ms_10k", "print_week"),
        ("caseload list, everyone (first shown)", "caseload_ms", "caseload_ms_10k", "caseload"),
    ]
    lines = [
        f"{'median ms':<46}{'150 people':>12}{large + ' people':>16}{'growth':>8}"
        + (f"{'PostgreSQL':>12}" if team else "") + "   goal",
        f"{'bare PySide6 window (baseline)':<46}{result['startup_baseline_ms']:>12.1f}",
    ]
    for label, small, big, goal in rows:
        growth = result[big] / result[small]
        on_server = result.get(big.replace("_10k", "_pg"))
        server = (f"{on_server:>12.1f}" if on_server is not None else f"{'':>12}") if team else ""
        lines.append(f"{label:<46}{result[small]:>12.1f}{result[big]:>16.1f}{growth:>7.2f}x{server}   {GOALS[goal]}")
    lines += [
        f"{'database size, MB':<46}{result['database_mb']:>12.1f}{result['database_mb_10k']:>16.1f}",
        f"{'peak memory of the app at start, MB':<46}{result['peak_rss_mb_app']:>12.1f}{result['peak_rss_mb_app_10k']:>16.1f}",
        f"start is {result['startup_vs_baseline']:.2f}x the bare window. Diaries: {result['people']:,} and "
        f"{result['people_10k']:,} people, {result['appointments_10k']:,} appointments and "
        f"{result['contact_notes_10k']:,} contact notes in the larger (built in {result['build_s_10k']:.0f} s).",
        *([f"PostgreSQL {result['postgresql']}: {result['people_pg']:,} people across {result['officers_pg']} officers, "
           f"timed as one of them ({result['officer_1_people_pg']:,} theirs) through the server's row-level security."]
          if team else []),
        f"Machine: {result['machine']['cpus']} CPUs, {result['machine']['cpu']}; {result['machine']['platform']}. "
        f"The whole run took {result['bench_s']:.0f} s.",
    ]
    return "\n".join(lines)
