"""Finding a person by a few letters, even misspelt: names, aliases, CRN and date of birth.

Pure Python over plain records (no storage, no Qt). Every name is cut into normalised
tokens when it is indexed (lower case, accents folded, apostrophes dropped, hyphens split,
Mc/Mac made one). A query token is scored against the whole vocabulary of tokens with
rapidfuzz (whole token and prefix), a table of common spelling variants and two phonetic
codes (jellyfish metaphone and NYSIIS); the people holding the best tokens are the
candidates, re-ranked name by name. CRN fragments and dates of birth are further criteria,
and a person's score is the mean over everything the query asks for.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import jellyfish
from rapidfuzz import fuzz, process

from diary.domain.crn import crn_fragment, join_spaced_crns, normalise_crn

MIN_SCORE = 65.0
"""Results scoring below this (out of 100) are not shown."""

TOKEN_CUTOFF = 60.0
PREFIX_WEIGHT = 0.95
VARIANT_SCORE = 96.0
PHONETIC_SCORE = 90.0
SPELLING_WEIGHT = 0.1
MAX_PREFIX = 12
ALIAS_WEIGHT = 0.97
COVERAGE_WEIGHT = 0.15
DATE_FLOOR = 30.0
SWAPPED_DATE_SCORE = 85.0
CANDIDATES = 80

VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "muhamed", "mohammod", "mohd", "muhamad"),
    ("ahmed", "ahmad", "ahmet", "ahmid"),
    ("mahmood", "mahmud", "mehmood", "mahmoud", "mehmud"),
    ("hussain", "hussein", "husain", "hossain", "husein"),
    ("chaudhry", "chaudhary", "choudhury", "choudhry", "chowdhury", "chaudhri"),
    ("rahman", "rehman", "rahmen"),
    ("abdul", "abdool", "abdal"),
    ("yusuf", "yousef", "yusef", "yousuf", "youssef", "joseph"),
    ("ibrahim", "ebrahim", "ibraheem"),
    ("stephen", "steven", "stefan", "stephan", "steve"),
    ("stephens", "stevens"),
    ("stephenson", "stevenson"),
    ("catherine", "katherine", "kathryn", "catharine", "katharine", "cathryn", "kathrine", "katheryn"),
    ("sean", "shaun", "shawn", "shaune"),
    ("john", "jon", "jonny", "johnny"),
    ("jonathan", "johnathan", "jonathon", "johnathon"),
    ("philip", "phillip", "filip"),
    ("phillips", "philips"),
    ("geoffrey", "jeffrey", "jeffery", "geoffery"),
    ("matthew", "mathew"),
    ("matthews", "mathews"),
    ("michael", "micheal", "michal"),
    ("nicholas", "nicolas", "nikolas", "nickolas"),
    ("lewis", "louis", "luis"),
    ("lee", "leigh"),
    ("alan", "allan", "allen", "alun"),
    ("brian", "bryan", "brien"),
    ("carl", "karl"),
    ("mark", "marc"),
    ("neil", "neal", "niall"),
    ("aidan", "aiden", "ayden", "aden"),
    ("rhys", "reece", "reese", "rees"),
    ("sian", "shan", "sioned"),
    ("siobhan", "shivaun", "shevaun", "chevonne", "shivon"),
    ("niamh", "neve", "neeve", "nieve"),
    ("sinead", "shinead", "shenade"),
    ("padraig", "patrick"),
    ("dafydd", "dafyd", "david"),
    ("ieuan", "iwan", "ewan", "euan", "evan"),
    ("claire", "clare"),
    ("sarah", "sara"),
    ("hannah", "hanna"),
    ("rebecca", "rebekah", "rebekka"),
    ("ann", "anne"),
    ("teresa", "theresa"),
    ("zoe", "zoey"),
    ("lindsay", "lindsey"),
    ("deborah", "debra", "debbie"),
    ("aaron", "aron"),
    ("isaac", "isaak", "izaak"),
    ("davies", "davis"),
    ("thompson", "thomson", "tomson"),
    ("smith", "smyth", "smythe"),
    ("clark", "clarke"),
    ("reid", "reed", "read"),
    ("griffiths", "griffith"),
    ("doherty", "docherty", "dougherty"),
    ("connors", "conners", "connor"),
    ("nguyen", "nguyn", "ngyuen"),
    ("wojcik", "wojcick", "vojcik"),
    ("krzysztof", "kristof", "krystof", "christoph"),
    ("piotr", "pyotr"),
    ("tomasz", "tomas", "thomas"),
    ("pawel", "pavel", "paul"),
    ("aleksander", "alexander", "aleksandr"),
    ("dmitri", "dmitry", "dimitri"),
    ("giuseppe", "guiseppe"),
    ("joao", "joau"),
)
"""Spellings of the same name, as officers meet them; the first of each group stands for it."""

VARIANTS: dict[str, str] = {spelling: group[0] for group in VARIANT_GROUPS for spelling in group}

_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘`´]")
_WORD_SPLIT = re.compile(r"[\s,;/]+")
_PART_SPLIT = re.compile(r"[^a-z0-9]+")
_JOIN_NEXT = ("o", "mc", "mac")

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{1,4}))?\b")
_MONTH_NAME = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{2}|\d{4}))?\b"
)
_SPACED = re.compile(r"\b(\d{1,2})\s+(\d{1,2})\s+(\d{4})\b")
_COMPACT = re.compile(r"\b(\d{2})(\d{2})(\d{4})\b")
_YEAR = re.compile(r"^(19|20)\d\d$")


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
class DatePattern:
    """A date of birth as typed: day and month, and the year or the part of it typed so far."""

    day: int
    month: int
    year: str = ""

    def matches(self, dob: date, swapped: bool = False) -> bool:
        """True when dob fits (with day and month exchanged if swapped)."""
        day, month = (self.month, self.day) if swapped else (self.day, self.month)
        if (dob.day, dob.month) != (day, month):
            return False
        year = str(dob.year)
        if len(self.year) == 4:
            return year == self.year
        if len(self.year) == 2:
            return year.endswith(self.year) or year.startswith(self.year)
        return year.startswith(self.year)

    @property
    def swappable(self) -> bool:
        """True when the day and month could have been typed the other way round."""
        return self.day != self.month and self.day <= 12

    @property
    def valid(self) -> bool:
        """True when some real date fits."""
        if not (1 <= self.month <= 12 and 1 <= self.day <= 31):
            return False
        if len(self.year) != 4:
            return True
        try:
            date(int(self.year), self.month, self.day)
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class ParsedQuery:
    """A query cut into its criteria: name tokens, CRN fragments, dates of birth, years of birth."""

    names: tuple[str, ...]
    crns: tuple[str, ...]
    dates: tuple[DatePattern, ...]
    years: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when there is nothing to search for."""
        return not (self.names or self.crns or self.dates or self.years)


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


def fold(text: str) -> str:
    """Lower case with accents folded and apostrophes dropped: "O'Brién" -> "obrien"."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return _APOSTROPHES.sub("", "".join(ch for ch in text if not unicodedata.combining(ch)))


def _unify_mc(token: str) -> str:
    """Mac and Mc written the same way: "macdonald" -> "mcdonald"."""
    if token == "mac" or (token.startswith("mac") and len(token) > 4):
        return "mc" + token[3:]
    return token


def name_words(text: str) -> list[list[str]]:
    """A name as words, each word its normalised parts: "Mac Donald-Smith" -> [["mcdonald", "smith"]]."""
    words = [[p for p in _PART_SPLIT.split(w) if p] for w in _WORD_SPLIT.split(fold(text))]
    words = [w for w in words if w]
    joined: list[list[str]] = []
    for word in words:
        if joined and len(joined[-1]) == 1 and joined[-1][0] in _JOIN_NEXT and word[0].isalpha():
            word = [joined.pop()[0] + word[0], *word[1:]]
        joined.append(word)
    return [[_unify_mc(p) for p in word] for word in joined]


def canonical(token: str) -> str:
    """The spelling standing for token's group of variants (itself when it has none)."""
    return VARIANTS.get(token, token)


def phonetic_codes(token: str) -> tuple[str, str]:
    """Metaphone and NYSIIS codes of a token ("" when it is too short to sound like anything)."""
    if len(token) < 3 or not token.isalpha():
        return "", ""
    return jellyfish.metaphone(token), jellyfish.nysiis(token)


def _day_first(match: re.Match[str]) -> DatePattern:
    """The date pattern of a day-first match (day, month, year groups)."""
    return DatePattern(int(match.group(1)), int(match.group(2)), match.group(3) or "")


def parse_query(text: str) -> ParsedQuery:
    """Cut what the officer typed into name tokens, CRN fragments, dates and years of birth."""
    rest = fold(text)
    dates: list[DatePattern] = []

    def take(pattern: re.Pattern[str], build: Callable[[re.Match[str]], DatePattern]) -> None:
        nonlocal rest
        dates.extend(build(match) for match in pattern.finditer(rest))
        rest = pattern.sub(" ", rest)

    take(_ISO_DATE, lambda m: DatePattern(int(m.group(3)), int(m.group(2)), m.group(1)))
    take(_MONTH_NAME, lambda m: DatePattern(int(m.group(1)), _MONTHS[m.group(2)], m.group(3) or ""))
    take(_SPACED, _day_first)
    take(_DAY_FIRST, _day_first)
    take(_COMPACT, _day_first)
    rest = join_spaced_crns(rest).lower()
    names: list[str] = []
    crns: list[str] = []
    years: list[str] = []
    for word in name_words(rest):
        for part in word:
            if _YEAR.match(part):
                years.append(part)
            elif any(ch.isdigit() for ch in part):
                fragment = crn_fragment(part)
                if fragment:
                    crns.append(fragment)
            else:
                names.append(part)
    return ParsedQuery(tuple(names), tuple(crns), tuple(dates), tuple(years))


class SearchIndex:
    """Everyone searchable, with precomputed name tokens, their variants, prefixes and phonetic codes."""

    def __init__(self) -> None:
        """An empty index."""
        self._entries: dict[int, _Entry] = {}
        self._vocab: list[str] = []
        self._vocab_ids: dict[str, int] = {}
        self._postings: list[set[int]] = []
        self._by_canonical: dict[str, list[int]] = defaultdict(list)
        self._by_code: dict[str, list[int]] = defaultdict(list)
        self._prefixes: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(MAX_PREFIX + 1)]
        self._prefix_choices: dict[int, list[str]] = {}

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

    def remove(self, person_id: int) -> None:
        """Forget a person (nothing happens if they are not indexed)."""
        entry = self._entries.pop(person_id, None)
        if entry is not None:
            for name in entry.names:
                for token_id in name.token_ids:
                    self._postings[token_id].discard(person_id)

    def _words(self, fields: list[str], join_field: bool = True) -> tuple[tuple[int, ...], ...]:
        """Each word of the fields as vocabulary ids: its parts, and the parts run together."""
        words: list[tuple[int, ...]] = []
        for text in fields:
            field_words = name_words(text)
            for word in field_words:
                spellings = word + (["".join(word)] if len(word) > 1 else [])
                words.append(tuple(self._token_id(t) for t in spellings))
            if join_field and len(field_words) > 1:
                words[-1] += (self._token_id("".join("".join(w) for w in field_words)),)
        return tuple(words)

    def _token_id(self, token: str) -> int:
        """The vocabulary id of a token, adding it (with its variant, prefixes and codes) if new."""
        found = self._vocab_ids.get(token)
        if found is not None:
            return found
        token_id = len(self._vocab)
        self._vocab.append(token)
        self._vocab_ids[token] = token_id
        self._postings.append(set())
        if token in VARIANTS:
            self._by_canonical[VARIANTS[token]].append(token_id)
        for kind, code in zip("mn", phonetic_codes(token), strict=True):
            if len(code) >= 2:
                self._by_code[kind + code].append(token_id)
        for length in range(1, MAX_PREFIX + 1):
            self._prefixes[length][token[:length]].append(token_id)
        self._prefix_choices.clear()
        return token_id

    def token_scores(self, token: str) -> dict[int, float]:
        """How well a query token matches each vocabulary token (only those scoring TOKEN_CUTOFF or more)."""
        scores: dict[int, float] = {}
        for _choice, score, token_id in process.extract(
            token, self._vocab, scorer=fuzz.ratio, limit=None, score_cutoff=TOKEN_CUTOFF
        ):
            scores[token_id] = score
        if len(token) <= MAX_PREFIX:
            prefixes = self._prefix_choices.get(len(token))
            if prefixes is None:
                prefixes = self._prefix_choices[len(token)] = list(self._prefixes[len(token)])
            for choice, score, _index in process.extract(
                token, prefixes, scorer=fuzz.ratio, limit=None, score_cutoff=TOKEN_CUTOFF / PREFIX_WEIGHT
            ):
                for token_id in self._prefixes[len(token)][choice]:
                    if len(self._vocab[token_id]) > len(token):
                        scores[token_id] = max(scores.get(token_id, 0.0), score * PREFIX_WEIGHT)
        alike = [(t, VARIANT_SCORE) for t in self._by_canonical.get(canonical(token), ())]
        if len(token) >= 4:
            codes = [kind + code for kind, code in zip("mn", phonetic_codes(token), strict=True) if len(code) >= 2]
            alike += [(t, PHONETIC_SCORE) for code in codes for t in self._by_code.get(code, ())]
        for token_id, score in alike:
            blended = (1 - SPELLING_WEIGHT) * score + SPELLING_WEIGHT * fuzz.ratio(token, self._vocab[token_id])
            scores[token_id] = max(scores.get(token_id, 0.0), blended)
        return scores

    def postings(self, token_id: int) -> set[int]:
        """The people holding a vocabulary token."""
        return self._postings[token_id]

    def entries(self) -> Iterable[_Entry]:
        """Every indexed person."""
        return self._entries.values()

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
    """The people best matching what was typed, best first, each scoring at least MIN_SCORE."""
    parsed = parse_query(text)
    if parsed.empty or limit < 1:
        return []
    token_scores = [index.token_scores(t) for t in parsed.names]
    criteria: list[tuple[dict[int, float], float, str]] = []
    if parsed.names:
        criteria.append((_pooled_name_scores(index, token_scores), 0.0, "name"))
    criteria += [(_crn_scores(index, fragment), 0.0, "CRN") for fragment in parsed.crns]
    criteria += [(_date_scores(index, pattern), DATE_FLOOR, "date of birth") for pattern in parsed.dates]
    criteria += [(_year_scores(index, year), DATE_FLOOR, "year of birth or CRN") for year in parsed.years]

    def total(person_id: int, name_score: float | None = None) -> float:
        parts = [scores.get(person_id, floor) for scores, floor, _ in criteria]
        if name_score is not None:
            parts[0] = name_score
        return sum(parts) / len(parts)

    candidates: set[int] = set()
    for scores, _, _ in criteria:
        candidates.update(scores)
    shortlist = heapq.nlargest(max(CANDIDATES, 3 * limit), candidates, key=total)
    results = []
    for person_id in shortlist:
        entry = index.entry(person_id)
        matched = [label for (scores, _, label) in criteria[1 if parsed.names else 0 :] if person_id in scores]
        name_score = None
        if parsed.names:
            name_score, name_label = _best_name(entry, token_scores)
            matched.insert(0, name_label)
        score = total(person_id, name_score)
        if score >= MIN_SCORE:
            results.append((round(score, 1), entry.sort_key, SearchResult(person_id, round(score, 1), " · ".join(matched))))
    results.sort(key=lambda r: (-r[0], r[1]))
    return [r[2] for r in results[:limit]]


def _pooled_name_scores(index: SearchIndex, token_scores: list[dict[int, float]]) -> dict[int, float]:
    """Each person's mean, over query tokens, of their best-matching token under any of their names."""
    totals: dict[int, float] = defaultdict(float)
    for scores in token_scores:
        best: dict[int, float] = {}
        for token_id, score in scores.items():
            for person_id in index.postings(token_id):
                if score > best.get(person_id, 0.0):
                    best[person_id] = score
        for person_id, score in best.items():
            totals[person_id] += score
    return {person_id: score / len(token_scores) for person_id, score in totals.items()}


def _best_name(entry: _Entry, token_scores: list[dict[int, float]]) -> tuple[float, str]:
    """The best of a person's names for the query tokens, and which it was."""
    best = (0.0, "name")
    for name in entry.names:
        token_ids = name.token_ids
        covered = sum(max(scores.get(t, 0.0) for t in word for scores in token_scores) for word in name.words)
        asked = sum(max((scores.get(t, 0.0) for t in token_ids), default=0.0) for scores in token_scores)
        score = (1 - COVERAGE_WEIGHT) * asked / len(token_scores) + COVERAGE_WEIGHT * covered / len(name.words)
        label = "name"
        if name.label != "name":
            score *= ALIAS_WEIGHT
            label = f"alias {name.label}"
        if score > best[0]:
            best = (score, label)
    return best


def _crn_scores(index: SearchIndex, fragment: str) -> dict[int, float]:
    """CRN matches: whole (100), a fragment of three or more characters, or the whole CRN mistyped."""
    scores: dict[int, float] = {}
    entries = list(index.entries())
    for entry in entries:
        if fragment == entry.crn:
            scores[entry.record.id] = 100.0
        elif fragment in entry.crn:
            scores[entry.record.id] = 80.0 + 20.0 * len(fragment) / len(entry.crn)
    if len(fragment) >= 6:
        for _choice, score, i in process.extract(
            fragment, [e.crn for e in entries], scorer=fuzz.ratio, limit=None, score_cutoff=75
        ):
            person_id = entries[i].record.id
            scores[person_id] = max(scores.get(person_id, 0.0), score * 0.9)
    return scores


def _date_scores(index: SearchIndex, pattern: DatePattern) -> dict[int, float]:
    """Date of birth matches: as typed (100), or with day and month the other way round."""
    scores: dict[int, float] = {}
    if not pattern.valid:
        return scores
    for entry in index.entries():
        dob = entry.record.date_of_birth
        if dob is None:
            continue
        if pattern.matches(dob):
            scores[entry.record.id] = 100.0
        elif pattern.swappable and pattern.matches(dob, swapped=True):
            scores[entry.record.id] = SWAPPED_DATE_SCORE
    return scores


def _year_scores(index: SearchIndex, year: str) -> dict[int, float]:
    """A four-digit number: a year of birth, or part of a CRN."""
    scores = _crn_scores(index, year)
    for entry in index.entries():
        if entry.record.date_of_birth and str(entry.record.date_of_birth.year) == year:
            scores[entry.record.id] = 100.0
    return scores
