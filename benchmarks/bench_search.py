"""How fast search answers as an officer types: median and 95th percentile per query, at several caseload sizes.

Run: .venv/bin/python benchmarks/bench_search.py [SIZES...]   (default 150 10000)
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from diary.domain.search import PersonRecord, build_index, query

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "search_people.csv"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _mutate(rng: random.Random, name: str) -> str:
    """A plausible other spelling: one letter changed, dropped, doubled or swapped."""
    i = rng.randrange(1, len(name))
    return rng.choice(
        (
            name[:i] + rng.choice(LETTERS) + name[i + 1 :],
            name[:i] + name[i + 1 :],
            name[:i] + name[i] + name[i:],
            name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :],
        )
    ).capitalize()


def people(count: int, seed: int = 1) -> list[PersonRecord]:
    """A synthetic caseload: fixture names, and many more spelt slightly differently (about 3,000 surnames)."""
    rng = random.Random(seed)
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    firsts = sorted({r["first_name"] for r in rows})
    lasts = sorted({r["last_name"] for r in rows})
    firsts += [_mutate(rng, rng.choice(firsts)) for _ in range(600)]
    lasts += [_mutate(rng, rng.choice(lasts)) for _ in range(3000)]
    records = []
    for i in range(count):
        first, last = rng.choice(firsts), rng.choice(lasts)
        aliases = (f"{_mutate(rng, first)} {rng.choice(lasts)}",) if rng.random() < 0.2 else ()
        dob = date(1960, 1, 1) + timedelta(days=rng.randrange(45 * 365))
        records.append(PersonRecord(i, f"{rng.choice('ABCDEFGHJKLMNPRSTX')}{100000 + i * 7 % 900000:06d}", first, last, aliases, dob))
    return records


def queries(records: list[PersonRecord], seed: int = 2) -> list[str]:
    """What an officer types: every prefix of a misspelt name as it is typed, CRN fragments, dates of birth."""
    rng = random.Random(seed)
    typed = []
    for person in rng.sample(records, 40):
        text = f"{_mutate(rng, person.first_name)} {_mutate(rng, person.last_name)}"
        typed += [text[:n] for n in range(1, len(text) + 1)]
    for person in rng.sample(records, 20):
        typed += [person.crn[2:6], person.crn.lower(), f"{person.date_of_birth:%d/%m/%Y}", f"{person.last_name} {person.date_of_birth:%d-%m-%y}"]
    return typed


def measure(size: int) -> str:
    """Build an index of size people, run the queries; one line of figures."""
    records = people(size)
    started = time.perf_counter()
    index = build_index(records)
    built = (time.perf_counter() - started) * 1000
    times = []
    for text in queries(records):
        started = time.perf_counter()
        query(index, text, limit=50)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return (
        f"{size:>6} people: index built in {built:.0f} ms; {len(times)} queries: "
        f"median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms"
    )


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [150, 10000]:
        print(measure(size))
