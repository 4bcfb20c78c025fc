"""A save the diary confirmed survives the app being killed (SIGKILL) at any moment, and the file stays sound."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from diary.services.diary_file import open_diary
from diary.store.models import ContactNote, Document, Person

HELPER = Path(__file__).parent / "helpers" / "crash_saver.py"
REPO = Path(__file__).resolve().parents[1]
SAVES = 200
RUNS = 6
SEED = 20260301

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _kill_during_saves(data_dir: Path, run: int, rng: random.Random) -> set[int]:
    """Start the saver, kill it after a random number of confirmed saves; return every save it confirmed."""
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(data_dir), str(run), str(SAVES)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    kill_after = rng.randrange(SAVES - 10)
    confirmed: set[int] = set()
    for line in proc.stdout:
        confirmed.add(int(re.fullmatch(r"saved (\d+)\n", line).group(1)))  # type: ignore[union-attr]
        if len(confirmed) > kill_after:
            break
    time.sleep(rng.uniform(0, 0.004))
    os.kill(proc.pid, signal.SIGKILL)
    confirmed |= {int(n) for n in re.findall(r"saved (\d+)", proc.stdout.read())}
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return confirmed


def test_every_confirmed_save_survives_sigkill_and_the_diary_stays_sound(data_dir: Path) -> None:
    diary = open_diary(data_dir)
    with diary.db.transaction() as session:
        session.add(Person(crn="C100200", first_name="Crash", last_name="Test"))
    diary.close()
    rng = random.Random(SEED)
    confirmed = {run: _kill_during_saves(data_dir, run, rng) for run in range(RUNS)}

    diary = open_diary(data_dir)
    try:
        assert diary.db.check() == []
        with diary.db.session() as session:
            notes = set(session.scalars(select(ContactNote.text)))
            documents = list(session.scalars(select(Document)))
        for run, saves in confirmed.items():
            assert saves, f"run {run} confirmed nothing"
            saved = {int(m.group(1)) for text in notes if (m := re.fullmatch(rf"run {run} save (\d+)", text))}
            assert saves <= saved, f"run {run}: confirmed saves lost: {sorted(saves - saved)}"
            assert saved == set(range(len(saved))), f"run {run}: saves out of order: {sorted(saved)}"
            assert len(saved) <= max(saves) + 2
        for document in documents:
            assert diary.blobs.get(document.stored_name).decode() == document.title
    finally:
        diary.close()
