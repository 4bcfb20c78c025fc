"""The names data search reads: every entry says where it comes from, and the data reaches the search."""

from __future__ import annotations

import csv
import re

import pytest

from diary.domain.names_heard import NAMES_DIR, load_name_book

FILES = {"first_names.csv": "source", "surnames.csv": "source", "spellings.csv": "source", "diminutives.csv": "source"}


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_entry_names_a_source_the_file_explains(name: str) -> None:
    text = (NAMES_DIR / name).read_text(encoding="utf-8")
    notes = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert rows
    for row in rows:
        keys = [k.strip() for k in row[FILES[name]].split(";")]
        assert all(keys), row
        for key in keys:
            assert re.search(rf"(^|\W){re.escape(key)}(\W|$)", notes), f"{name}: source {key!r} is not explained"


def test_the_book_links_heard_spellings_and_nicknames_both_ways() -> None:
    book = load_name_book()
    assert "neeve" in book.spellings("niamh") and "niamh" in book.spellings("neeve")
    assert "mingis" in book.spellings("menzies")
    assert "william" in book.nicknames_of("bill") and "bill" in book.nicknames_of("william")
    assert {"gareth", "gary"} <= book.nicknames_of("gaz")
