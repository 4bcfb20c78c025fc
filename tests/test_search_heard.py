"""Finding a person as they were heard: the test set of tests/data/heard_queries.csv against heard_people.csv.

Each query names the person it must find among deliberately near neighbours (same surname, a first name
that sounds alike, the English form of a Gaelic name, a CRN one digit away, the same birthday in another year).
Classes: nicknames, Irish, Scottish Gaelic and Welsh first names as heard, transliterations, surnames as heard,
particles and prefixes, double-barrelled names, accents both ways, CRNs and dates as typed, and queries of
which only some parts match (degrade, never drop).
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from diary.domain.search import PersonRecord, SearchIndex, build_index, query

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


PEOPLE = [
    PersonRecord(i, r["crn"], r["first_name"], r["last_name"], tuple(a for a in r["aliases"].split(";") if a),
                 date.fromisoformat(r["date_of_birth"]))
    for i, r in enumerate(_rows("heard_people.csv"), start=1)
]
BY_CRN = {p.crn: p for p in PEOPLE}
QUERIES = [(r["query"], r["crn"], r["kind"]) for r in _rows("heard_queries.csv")]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index(PEOPLE)


def ranks(index: SearchIndex) -> dict[str, list[str]]:
    """Each query's first three results, as CRNs."""
    return {text: [index.record(r.person_id).crn for r in query(index, text, limit=3)] for text, _crn, _kind in QUERIES}


def test_the_set_is_large_and_covers_every_class() -> None:
    assert len(QUERIES) >= 150
    assert len({p.crn for p in PEOPLE}) == len(PEOPLE)
    kinds = Counter(kind.split("-")[0] for _, _, kind in QUERIES)
    for kind in ("nickname", "irish", "gaelic", "welsh", "transliteration", "surname", "particle",
                 "double", "accent", "crn", "date", "degrade"):
        assert kinds[kind] >= 5, kind
    assert all(crn in BY_CRN for _, crn, _ in QUERIES)


def test_the_intended_person_is_first_in_95_percent_and_in_the_top_three_always(index: SearchIndex) -> None:
    found = ranks(index)
    missed = [(text, BY_CRN[crn].last_name, found[text]) for text, crn, _ in QUERIES if crn not in found[text]]
    second = [(text, BY_CRN[crn].first_name) for text, crn, _ in QUERIES if found[text][:1] != [crn]]
    assert missed == []
    assert 1 - len(second) / len(QUERIES) >= 0.95, second


def test_a_partial_match_is_listed_below_full_ones(index: SearchIndex) -> None:
    results = [index.record(r.person_id) for r in query(index, "Neeve Gallagher 16/06/1996")]
    assert (results[0].first_name, results[0].last_name) == ("Niamh", "Gallagher")
    assert {"Nina", "Naomi"} <= {r.first_name for r in results[1:]}
    scores = [r.score for r in query(index, "Zebedee Okafor")]
    assert scores and max(scores) < 60


def test_no_one_matches_only_when_nothing_matches(index: SearchIndex) -> None:
    assert query(index, "Zzyzx Qwxk") == []
    assert query(index, "Zzyzx Okafor")
