"""What search knows about names as they are heard: nicknames, and names written several ways.

Two sources. Nicknames and diminutives (Bill and William, Peggy and Margaret, Mick and Michael) come from the
`nicknames` package, a hand-curated data set of English given names (Apache-2.0), with the British short forms
it lacks (Gaz, Baz, Danni, Mo, ...) in resources/names/diminutives.csv. Names whose spelling does not follow
English sounds (Irish, Scottish Gaelic and Welsh first names, surnames such as Menzies or Colquhoun, Gaelic
and anglicised forms of a surname, transliterated names) are in resources/names/*.csv, each line with its source.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nicknames import NickNamer

from diary.domain.name_forms import compact
from diary.resources import resource_path

NAMES_DIR = resource_path("names")
SPELLING_FILES = ("first_names.csv", "surnames.csv")
VARIANT_FILE = "spellings.csv"
DIMINUTIVES_FILE = "diminutives.csv"


@dataclass(frozen=True)
class NameBook:
    """Spellings of the same name (as groups), and nicknames (linked both ways), all as compact tokens."""

    groups: tuple[frozenset[str], ...]
    group_of: dict[str, tuple[int, ...]]
    nicknames: dict[str, frozenset[str]]

    def spellings(self, token: str) -> set[str]:
        """Other spellings of the same name as token (not token itself)."""
        found = {s for g in self.group_of.get(token, ()) for s in self.groups[g]}
        found.discard(token)
        return found

    def nicknames_of(self, token: str) -> set[str]:
        """Names token is a nickname of, and its nicknames, with their other spellings (not token itself)."""
        linked = set(self.nicknames.get(token, ()))
        for name in list(linked):
            linked |= self.spellings(name)
        linked.discard(token)
        return linked - self.spellings(token)


def _rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of a names file, its # notes skipped."""
    with Path(NAMES_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def _group(spellings: list[str]) -> frozenset[str]:
    """Spellings as one group of distinct compact tokens."""
    return frozenset(token for token in (compact(s) for s in spellings) if token)


def load_name_book() -> NameBook:
    """Read the names files and the nicknames data set."""
    groups = [_group([row["name"], *row["heard"].split(";")]) for name in SPELLING_FILES for row in _rows(name)]
    groups += [_group(row["spellings"].split(";")) for row in _rows(VARIANT_FILE)]
    groups = [g for g in groups if len(g) > 1]
    group_of: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        for token in group:
            group_of[token].append(index)
    links: dict[str, set[str]] = defaultdict(set)
    pairs = [(name, nick) for name, nicks in NickNamer().nickname_lookup.items() for nick in nicks]
    pairs += [(name, row["short"]) for row in _rows(DIMINUTIVES_FILE) for name in row["names"].split(";")]
    for name, nick in pairs:
        name, nick = compact(name), compact(nick)
        if name and nick and name != nick:
            links[name].add(nick)
            links[nick].add(name)
    return NameBook(
        tuple(groups),
        {token: tuple(ids) for token, ids in group_of.items()},
        {token: frozenset(linked) for token, linked in links.items()},
    )


@cache
def name_book() -> NameBook:
    """The name book, read once."""
    return load_name_book()
