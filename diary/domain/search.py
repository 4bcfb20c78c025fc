"""Finding a person as they were heard or typed: names, aliases, CRN (whole or part) and date of birth.

Pure Python over plain records (no storage, no Qt). Each part of a query (every name word, CRN fragment, date
or year of birth) is scored on its own against each person, 0 to 100, and a person's score is the mean over the
parts: someone matching every part comes first, someone matching only some (the surname but not the first name
as heard, the date of birth but not the name) is still listed, lower down. Only when no part matches anyone is
nobody listed.

A name word is scored against every spelling the index knows: the people's own name tokens, and beside each
the other spellings of the same name and its nicknames (from names_heard), at a small discount. Scoring is
rapidfuzz's ratio on whole spellings and on the prefix typed so far, and sound codes (name_forms) for spellings
that sound alike. The index is built once and updated person by person; a query word's scores are kept until the
index changes, so each keystroke scores only the word being typed.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from diary.domain.crn import normalise_crn
from diary.domain.name_forms import JOINED_PARTICLES, fold, name_words, sound_codes, spelt_out, words_of
from diary.domain.names_heard import NameBook, name_book
from diary.domain.search_query import DatePattern, ParsedQuery, parse_query

__all__ = ["DatePattern", "ParsedQuery", "PersonRecord", "SearchIndex", "SearchResult", "build_index", "parse_query", "query"]

LISTED = 70.0
"""A person is listed when at least one part of the query matches them this well (out of 100)."""

TOKEN_CUTOFF = 60.0
PREFIX_WEIGHT = 0.95
"""A word is matched against the start of longer spellings too (it may be being typed), at this weight..."""
EARLIER_PREFIX_WEIGHT = 0.85
"""...and at this one for words before the last, which are more likely whole."""
SOUND_SCORES = {2: 72.0, 3: 84.0}
SOUND_SCORE = 90.0
"""A spelling that sounds like the word scores SOUND_SCORES by the length of the sound code, else SOUND_SCORE."""
SOUND_SPELLING_WEIGHT = 0.15
SPELLING_WEIGHT = 0.05
"""Share of plain spelling likeness in a score reached through sound, or through another spelling or a nickname."""
HEARD_WEIGHT = 0.95
NICKNAME_WEIGHT = 0.92
MAX_PREFIX = 12
ALIAS_WEIGHT = 0.97
COVERAGE_WEIGHT = 0.1
SWAPPED_DATE_SCORE = 85.0
RERANKED = 10
"""How many people beyond the limit are scored name by name before the cut."""
CACHED_WORDS = 256


@dataclass(frozen=True)
class PersonRecord:
    """What search needs to know about a person."""

    id: int
    crn: str
    first_name: str
    last_name: str
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None


@dataclass(frozen=True)
class SearchResult:
    """A person found, how well they match (0-100, best 100) and what matched."""

    person_id: int
    score: float
    matched: str


@dataclass(frozen=True)
class _Name:
    """One of a person's names (their own or an alias): its words, each a tuple of vocabulary ids."""

    label: str
    words: tuple[tuple[int, ...], ...]

    @property
    def token_ids(self) -> set[int]:
        """Every vocabulary id under this name."""
        return {t for word in self.words for t in word}


@dataclass(frozen=True)
class _Entry:
    """A person as the index holds them."""

    record: PersonRecord
    crn: str
    sort_key: str
    names: tuple[_Name, ...]


class _Spellings:
    """Every spelling a query word is scored against, each standing for vocabulary tokens with a weight."""

    def __init__(self) -> None:
        """No spellings."""
        self.texts: list[str] = []
        self.ids: dict[str, int] = {}
        self.means: list[dict[int, float]] = []
        self.by_sound: dict[str, list[int]] = defaultdict(list)
        self.by_prefix: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(MAX_PREFIX + 1)]
        self.prefix_lists: dict[int, list[str]] = {}

    def add(self, text: str, token_id: int, weight: float) -> None:
        """Let text stand for a vocabulary token with this weight."""
        spelling = self.ids.get(text)
        if spelling is None:
            spelling = self.ids[text] = len(self.texts)
            self.texts.append(text)
            self.means.append({})
            for code in sound_codes(text):
                self.by_sound[code].append(spelling)
            for length in range(1, min(len(text) - 1, MAX_PREFIX) + 1):
                self.by_prefix[length][text[:length]].append(spelling)
            self.prefix_lists.clear()
        self.means[spelling][token_id] = max(weight, self.means[spelling].get(token_id, 0.0))

    def scores(self, word: str, prefix_weight: float = PREFIX_WEIGHT) -> dict[int, float]:
        """How well word matches each spelling (those scoring TOKEN_CUTOFF or more)."""
        scores: dict[int, float] = {}
        for _text, score, spelling in process.extract(
            word, self.texts, scorer=fuzz.ratio, limit=None, score_cutoff=TOKEN_CUTOFF
        ):
            scores[spelling] = score
        if len(word) <= MAX_PREFIX:
            prefixes = self.prefix_lists.get(len(word))
            if prefixes is None:
                prefixes = self.prefix_lists[len(word)] = list(self.by_prefix[len(word)])
            for prefix, score, _i in process.extract(
                word, prefixes, scorer=fuzz.ratio, limit=None, score_cutoff=TOKEN_CUTOFF / prefix_weight
            ):
                for spelling in self.by_prefix[len(word)][prefix]:
                    scores[spelling] = max(scores.get(spelling, 0.0), score * prefix_weight)
        if len(word) >= 4:
            for code in sound_codes(word):
                sound = SOUND_SCORES.get(len(code) - 1, SOUND_SCORE)
                for spelling in self.by_sound.get(code, ()):
                    ratio = fuzz.ratio(word, self.texts[spelling])
                    alike = (1 - SOUND_SPELLING_WEIGHT) * sound + SOUND_SPELLING_WEIGHT * ratio
                    scores[spelling] = max(scores.get(spelling, 0.0), alike)
        return scores


class SearchIndex:
    """Everyone searchable, with their name tokens, the spellings that stand for them, CRNs and dates of birth."""

    def __init__(self, book: NameBook | None = None) -> None:
        """An empty index; book gives nicknames and other spellings (the shipped one by default)."""
        self.book = book or name_book()
        self._entries: dict[int, _Entry] = {}
        self._vocab: list[str] = []
        self._vocab_ids: dict[str, int] = {}
        self._postings: list[set[int]] = []
        self._spellings = _Spellings()
        self._by_birthday: dict[tuple[int, int], set[int]] = defaultdict(set)
        self._by_year: dict[int, set[int]] = defaultdict(set)
        self._word_cache: dict[tuple[str, bool], dict[int, float]] = {}
        self._people_cache: dict[tuple[str, bool], dict[int, float]] = {}
        self._crn_lists: tuple[list[int], list[str]] | None = None

    def __len__(self) -> int:
        """How many people are indexed."""
        return len(self._entries)

    def __contains__(self, person_id: object) -> bool:
        """True when the person is indexed."""
        return person_id in self._entries

    def record(self, person_id: int) -> PersonRecord:
        """The record indexed for a person."""
        return self._entries[person_id].record

    def upsert(self, record: PersonRecord) -> None:
        """Add a person, or replace what is indexed for them."""
        self.remove(record.id)
        names = [_Name("name", self._words([record.first_name, record.last_name]))]
        names += [_Name(alias, self._words([alias], join_field=False)) for alias in record.aliases if alias.strip()]
        entry = _Entry(record, normalise_crn(record.crn), fold(f"{record.last_name} {record.first_name}"), tuple(names))
        self._entries[record.id] = entry
        for name in names:
            for token_id in name.token_ids:
                self._postings[token_id].add(record.id)
        if record.date_of_birth:
            self._by_birthday[(record.date_of_birth.day, record.date_of_birth.month)].add(record.id)
            self._by_year[record.date_of_birth.year].add(record.id)
        self._forget_answers()

    def remove(self, person_id: int) -> None:
        """Forget a person (nothing happens if they are not indexed)."""
        entry = self._entries.pop(person_id, None)
        if entry is None:
            return
        for name in entry.names:
            for token_id in name.token_ids:
                self._postings[token_id].discard(person_id)
        born = entry.record.date_of_birth
        if born:
            self._by_birthday[(born.day, born.month)].discard(person_id)
            self._by_year[born.year].discard(person_id)
        self._forget_answers()

    def _forget_answers(self) -> None:
        """Drop what was kept from earlier queries (the people indexed changed)."""
        self._word_cache.clear()
        self._people_cache.clear()
        self._crn_lists = None

    def _words(self, fields: list[str], join_field: bool = True) -> tuple[tuple[int, ...], ...]:
        """Each word of the fields as vocabulary ids: its parts, the parts run together, and spelt-out forms."""
        words: list[tuple[int, ...]] = []
        for text in fields:
            field_words = words_of(fold(text), JOINED_PARTICLES)
            with_cores = name_words(text)
            spelt = name_words(spelt_out(text) or "")
            for position, word in enumerate(field_words):
                spellings = with_cores[position] + (["".join(word)] if len(word) > 1 else [])
                if len(spelt) == len(field_words):
                    spellings += spelt[position]
                words.append(tuple(dict.fromkeys(self._token_id(t) for t in spellings)))
            if join_field and len(field_words) > 1:
                words[-1] += (self._token_id("".join("".join(w) for w in field_words)),)
        return tuple(words)

    def _token_id(self, token: str) -> int:
        """The vocabulary id of a token, adding it (with the spellings that stand for it) if new."""
        found = self._vocab_ids.get(token)
        if found is not None:
            return found
        token_id = len(self._vocab)
        self._vocab.append(token)
        self._vocab_ids[token] = token_id
        self._postings.append(set())
        self._spellings.add(token, token_id, 1.0)
        for other in self.book.spellings(token):
            self._spellings.add(other, token_id, HEARD_WEIGHT)
        for other in self.book.nicknames_of(token):
            self._spellings.add(other, token_id, NICKNAME_WEIGHT)
        return token_id

    def token_scores(self, word: str, last: bool = True) -> dict[int, float]:
        """How well a query word matches each vocabulary token (kept until the index changes); last is true
        for the query's last word, which may be only partly typed."""
        cached = self._word_cache.get((word, last))
        if cached is not None:
            return cached
        scores: dict[int, float] = {}
        means = self._spellings.means
        prefix_weight = PREFIX_WEIGHT if last else EARLIER_PREFIX_WEIGHT
        for spelling, score in self._spellings.scores(word, prefix_weight).items():
            for token_id, weight in means[spelling].items():
                found = score
                if weight < 1.0:
                    found = (1 - SPELLING_WEIGHT) * score * weight + SPELLING_WEIGHT * fuzz.ratio(word, self._vocab[token_id])
                if found > scores.get(token_id, 0.0):
                    scores[token_id] = found
        if len(self._word_cache) >= CACHED_WORDS:
            self._word_cache.clear()
        self._word_cache[(word, last)] = scores
        return scores

    def people_scores(self, word: str, last: bool = True) -> dict[int, float]:
        """Each person's best score for a query word over all their names (kept until the index changes)."""
        cached = self._people_cache.get((word, last))
        if cached is not None:
            return cached
        best: dict[int, float] = {}
        postings = self._postings
        for token_id, score in self.token_scores(word, last).items():
            for person_id in postings[token_id]:
                if score > best.get(person_id, 0.0):
                    best[person_id] = score
        if len(self._people_cache) >= CACHED_WORDS:
            self._people_cache.clear()
        self._people_cache[(word, last)] = best
        return best

    def postings(self, token_id: int) -> set[int]:
        """The people holding a vocabulary token."""
        return self._postings[token_id]

    def crns(self) -> tuple[list[int], list[str]]:
        """Everyone's id and normalised CRN, as two lists in the same order."""
        if self._crn_lists is None:
            self._crn_lists = (list(self._entries), [e.crn for e in self._entries.values()])
        return self._crn_lists

    def born_in(self, year: int) -> set[int]:
        """The people born in this year."""
        return self._by_year.get(year, set())

    def born_on(self, day: int, month: int) -> set[int]:
        """The people whose birthday is this day and month."""
        return self._by_birthday.get((day, month), set())

    def entry(self, person_id: int) -> _Entry:
        """One indexed person."""
        return self._entries[person_id]


def build_index(records: Iterable[PersonRecord]) -> SearchIndex:
    """An index over these people."""
    index = SearchIndex()
    for record in records:
        index.upsert(record)
    return index


def query(index: SearchIndex, text: str, limit: int = 20) -> list[SearchResult]:
    """The people best matching what was typed, best first: all those matching any part of it well enough."""
    parsed = parse_query(text)
    if parsed.empty or limit < 1:
        return []
    words = [(word, i == len(parsed.names) - 1 and parsed.last_is_name) for i, word in enumerate(parsed.names)]
    word_scores = [index.token_scores(word, last) for word, last in words]
    parts = [index.people_scores(word, last) for word, last in words]
    others = [(_crn_scores(index, fragment), "CRN") for fragment in parsed.crns]
    others += [(_date_scores(index, pattern), "date of birth") for pattern in parsed.dates]
    others += [(_year_scores(index, year), "year of birth or CRN") for year in parsed.years]
    for digits, pattern in parsed.either:
        crn, born = _crn_scores(index, digits), _date_scores(index, pattern)
        others.append(({p: max(crn.get(p, 0.0), born.get(p, 0.0)) for p in crn.keys() | born.keys()}, "CRN or date of birth"))
    parts += [scores for scores, _label in others]
    totals: dict[int, float] = defaultdict(float)
    listed: set[int] = set()
    for scores in parts:
        for person_id, score in scores.items():
            totals[person_id] += score
            if score >= LISTED:
                listed.add(person_id)
    results = []
    for person_id in heapq.nlargest(limit + RERANKED, listed, key=totals.__getitem__):
        entry = index.entry(person_id)
        total = totals[person_id]
        matched = []
        if word_scores:
            name_score, name_label, words_matched = _best_name(entry, word_scores)
            total += name_score * len(word_scores) - sum(scores.get(person_id, 0.0) for scores in parts[: len(word_scores)])
            if words_matched:
                matched.append(name_label)
        matched += [label for scores, label in others if scores.get(person_id, 0.0) >= LISTED]
        score = round(total / len(parts), 1)
        results.append((-score, entry.sort_key, SearchResult(person_id, score, " · ".join(matched))))
    results.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in results[:limit]]


def _best_name(entry: _Entry, word_scores: list[dict[int, float]]) -> tuple[float, str, bool]:
    """The best of a person's names for the query words (mean score per word), which it was, and whether
    any word matched it well enough to say so."""
    best = (0.0, "name", False)
    for name in entry.names:
        token_ids = name.token_ids
        each = [max((scores.get(t, 0.0) for t in token_ids), default=0.0) for scores in word_scores]
        covered = sum(max(scores.get(t, 0.0) for t in word for scores in word_scores) for word in name.words)
        score = (1 - COVERAGE_WEIGHT) * sum(each) / len(each) + COVERAGE_WEIGHT * covered / len(name.words)
        label = "name"
        if name.label != "name":
            score *= ALIAS_WEIGHT
            label = f"alias {name.label}"
        if score > best[0]:
            best = (score, label, max(each) >= LISTED)
    return best


def _crn_scores(index: SearchIndex, fragment: str) -> dict[int, float]:
    """CRN matches: whole (100), a fragment of three or more characters, or the whole CRN mistyped."""
    person_ids, crns = index.crns()
    scores = {
        person_ids[i]: 100.0 if fragment == crn else 80.0 + 20.0 * len(fragment) / len(crn)
        for i, crn in enumerate(crns)
        if fragment in crn
    }
    if len(fragment) >= 6:
        for _choice, score, i in process.extract(fragment, crns, scorer=fuzz.ratio, limit=None, score_cutoff=75):
            scores[person_ids[i]] = max(scores.get(person_ids[i], 0.0), score * 0.9)
    return scores


def _date_scores(index: SearchIndex, pattern: DatePattern) -> dict[int, float]:
    """Date of birth matches: as typed (100), or with day and month the other way round."""
    scores: dict[int, float] = {}
    if not pattern.valid:
        return scores
    for person_id in index.born_on(pattern.day, pattern.month):
        dob = index.record(person_id).date_of_birth
        if dob and pattern.matches(dob):
            scores[person_id] = 100.0
    if pattern.swappable:
        for person_id in index.born_on(pattern.month, pattern.day):
            dob = index.record(person_id).date_of_birth
            if dob and pattern.matches(dob, swapped=True):
                scores.setdefault(person_id, SWAPPED_DATE_SCORE)
    return scores


def _year_scores(index: SearchIndex, year: str) -> dict[int, float]:
    """A four-digit number: a year of birth, or part of a CRN."""
    scores = _crn_scores(index, year)
    scores.update(dict.fromkeys(index.born_in(int(year)), 100.0))
    return scores
