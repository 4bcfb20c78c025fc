"""Every command stays quiet when its reader goes away (`| head`) and speaks plainly on a damaged diary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from diary.cli import BROKEN_PIPE_EXIT, build_parser
from diary.services.backups import export_backup
from diary.services.casefile import export_document
from diary.services.demo_loader import load_demo
from diary.services.diary_file import Diary
from tests.conftest import TEST_PASSPHRASE
from tests.helpers.damage import corrupt_middle_page

SQLITE_ONLY = "each command runs on its own copy of the diary file, some damaged on purpose"

Args = Callable[[Path, str], list[str]]

COMMANDS: dict[str, Args] = {
    "demo": lambda out, crn: ["demo", "--people", "2"],
    "import": lambda out, crn: ["import", str(out / "casefile.json"), "--replace"],
    "import-csv": lambda out, crn: ["import-csv", str(out / "caseload.csv")],
    "export": lambda out, crn: ["export", "--out", "-"],
    "check": lambda out, crn: ["check"],
    "backup": lambda out, crn: ["backup"],
    "restore": lambda out, crn: ["restore", str(out / "backup.tar")],
    "export-ics": lambda out, crn: ["export-ics", "--out", str(out / "diary.ics")],
    "compliance": lambda out, crn: ["compliance", crn],
    "erase": lambda out, crn: ["erase", crn],
    "history": lambda out, crn: ["history", crn],
    "passphrase": lambda out, crn: ["passphrase"],
    "print-week": lambda out, crn: ["print-week", "--pdf", str(out / "week.pdf")],
    "print-day": lambda out, crn: ["print-day", "--pdf", str(out / "day.pdf")],
    "search": lambda out, crn: ["search", "a"],
    "court-check": lambda out, crn: ["court-check", crn],
    "team": lambda out, crn: ["team"],
    "cover": lambda out, crn: ["cover", "--list"],
    "duty": lambda out, crn: ["duty", "2026-12-07"],
}
"""Each command with arguments that make it do its real work on the demo diary. A new command adds a line."""

NOT_ON_THE_DIARY = {
    "bench": "works on throwaway diaries of its own, never the data directory",
    "team-setup": "works on a PostgreSQL server, never the data directory (tests/test_team_roles.py)",
}


def _subcommands() -> set[str]:
    parser = build_parser()
    return {name for action in parser._actions if action.__class__.__name__ == "_SubParsersAction" for name in action.choices}


def test_the_table_names_every_command() -> None:
    assert _subcommands() == set(COMMANDS) | set(NOT_ON_THE_DIARY)


@pytest.fixture
def prepared(diary: Diary, tmp_path: Path) -> tuple[Path, str]:
    """A demo diary (closed), its exported case file and a backup of it; returns the folder and a CRN."""
    out = tmp_path / "files"
    out.mkdir()
    load_demo(diary.db, 8, 3, None)
    document = export_document(diary.db)
    (out / "casefile.json").write_text(json.dumps(document), encoding="utf-8")
    (out / "caseload.csv").write_text("CRN;Surname;Forename(s)\nZ999999;Lee;Ann\n", encoding="utf-8")
    export_backup(diary, out / "backup.tar")
    diary.close()
    return out, document["people"][0]["crn"]


def _run_all(source: Path, out: Path, crn: str, close_stdout: bool) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every command at once, each on its own copy of the diary; stdout closed at once if asked."""
    env = {
        **os.environ,
        "DIARY_PASSPHRASE": TEST_PASSPHRASE,
        "DIARY_NEW_PASSPHRASE": "a new and much longer passphrase 42",
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("DIARY_DEBUG", None)
    running = {}
    for name, args in COMMANDS.items():
        data = out.parent / f"data-{name}"
        shutil.copytree(source, data)
        command = [sys.executable, "-m", "diary", "--data-dir", str(data), *args(out, crn)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        if close_stdout:
            proc.stdout.close()  # type: ignore[union-attr]
        running[name] = proc
    results = {}
    for name, proc in running.items():
        stdout = "" if close_stdout else proc.stdout.read()  # type: ignore[union-attr]
        stderr = proc.stderr.read()  # type: ignore[union-attr]
        results[name] = subprocess.CompletedProcess(proc.args, proc.wait(timeout=120), stdout, stderr)
    return results


def test_every_command_is_quiet_when_its_output_is_cut(prepared: tuple[Path, str], data_dir: Path) -> None:
    out, crn = prepared
    for name, done in _run_all(data_dir, out, crn, close_stdout=True).items():
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, (name, done.stderr)
        assert done.returncode in (0, 1, BROKEN_PIPE_EXIT), (name, done.returncode, done.stderr)


def test_every_command_speaks_plainly_on_a_damaged_diary(prepared: tuple[Path, str], data_dir: Path) -> None:
    out, crn = prepared
    corrupt_middle_page(data_dir / "diary.sqlite3")
    for name, done in _run_all(data_dir, out, crn, close_stdout=False).items():
        assert "Traceback" not in done.stderr, (name, done.stderr)
        if done.returncode:
            assert done.stderr.startswith("diary"), (name, done.stderr)
