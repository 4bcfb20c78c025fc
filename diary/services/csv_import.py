"""Caseload import from a spreadsheet's CSV export: read, map columns, check rows, then import.

Nothing is written until `import_rows` is called with the rows the officer confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select

from diary.domain.crn import normalise_crn
from diary.domain.dates import parse_uk_date
from diary.domain.validation import InvalidValue, ends_after
from diary.domain.validation import check as check_value
from diary.services.casefile import ImportSummary, import_document
from diary.services.casefile_schema import CRN_PATTERN, FORMAT_NAME, FORMAT_VERSION, CaseFileError, parse_document
from diary.services.csv_read import CsvImportError, CsvTable
from diary.services.progress import Progress, no_progress
from diary.store.database import Database
from diary.store.models import Person


@dataclass(frozen=True)
class Target:
    """A diary field a spreadsheet column can be mapped to."""

    key: str
    label: str
    synonyms: tuple[str, ...]


TARGETS: tuple[Target, ...] = (
    Target("crn", "CRN", ("crn", "case reference", "case reference number", "case ref", "case ref no", "ref", "crn no")),
    Target("first_name", "First name", ("first name", "first names", "forename", "forenames", "given name", "given names",
                                        "christian name")),
    Target("last_name", "Last name", ("last name", "surname", "family name")),
    Target("full_name", "Full name (First Last or LAST, First)", ("name", "full name", "person", "pop", "client",
                                                                   "person on probation", "service user")),
    Target("date_of_birth", "Date of birth", ("dob", "date of birth", "birth date", "born")),
    Target("pnc", "PNC number", ("pnc", "pnc number", "pnc no", "pnc id")),
    Target("risk_level", "Risk level", ("risk", "rosh", "risk level", "risk of serious harm", "rosh level")),
    Target("tier", "Tier", ("tier", "tiering")),
    Target("phone", "Phone", ("phone", "telephone", "mobile", "tel", "phone number", "phone no", "tel no",
                              "telephone number", "mobile number", "contact number")),
    Target("address", "Address", ("address", "home address", "current address")),
    Target("order_type", "Order or licence type", ("order", "order type", "sentence", "sentence type", "disposal")),
    Target("order_start", "Order start date", ("start", "order start", "start date", "sentence date", "order start date")),
    Target("order_end", "Order end date", ("end", "order end", "end date", "expiry", "termination date", "order end date")),
    Target("court", "Court", ("court", "sentencing court", "court name")),
    Target("prison", "Prison", ("prison", "establishment", "custody", "prison name")),
    Target("release_date", "Release date", ("release", "release date", "crd", "expected release")),
)
ENDINGS = frozenset({"crn", "surname", "forename", "forenames", "dob", "pnc", "telephone", "mobile", "address", "tier"})
"""Single words that name a field even at the end of a longer heading ("Offender surname"); longer synonyms always do."""
TARGET_KEYS = {t.key for t in TARGETS}
BLANK_ROW = "the row is blank (skipped)"
CHECKPOINT_ROWS = 50
"""Rows checked between progress checkpoints."""
REQUIRED_HINT = "map a CRN column and either first and last name or a full name"

_RISK = {
    "low": "low", "l": "low", "medium": "medium", "med": "medium", "m": "medium", "high": "high", "h": "high",
    "very high": "very_high", "very_high": "very_high", "vh": "very_high",
}
_ORDER = {
    "co": "community_order", "community order": "community_order", "community_order": "community_order",
    "sso": "suspended_sentence_order", "suspended sentence order": "suspended_sentence_order",
    "suspended_sentence_order": "suspended_sentence_order", "suspended sentence": "suspended_sentence_order",
    "licence": "licence", "license": "licence", "lic": "licence",
    "pss": "post_sentence_supervision", "post sentence supervision": "post_sentence_supervision",
    "post-sentence supervision": "post_sentence_supervision", "post_sentence_supervision": "post_sentence_supervision",
}


@dataclass
class RowCheck:
    """One data row: its values by diary field, the person it makes, or what is wrong with it."""

    line: int
    values: dict[str, str]
    person: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    skip: bool = False
    overflow: str | None = None
    """Why the row's cells do not line up with the headings (more cells than headings), if they do not."""

    @property
    def ready(self) -> bool:
        """True when the row will be imported."""
        return self.person is not None and not self.problems and not self.skip


def normalise_heading(heading: str) -> str:
    """A heading as compared with the synonyms: lower case, bracketed asides and punctuation gone.

    "D.O.B" is "dob", "Forename(s)" is "forename", "Date of birth (dd/mm/yyyy)" is "date of birth".
    """
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", heading.lower())
    text = re.sub(r"(?<=\w)[.'’](?=\w)", "", text)
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


_EXACT = {normalise_heading(s): t.key for t in TARGETS for s in t.synonyms}
_UNSPACED = {k.replace(" ", ""): v for k, v in _EXACT.items()}
FUZZY_SCORE = 90
"""How alike (0 to 100) a misspelt heading and a synonym must be to be suggested."""
FUZZY_SHORTEST = 6


def heading_target(heading: str) -> str | None:
    """The diary field a heading names: exactly, run together ("Firstname"), or misspelt ("Date of brith")."""
    key = normalise_heading(heading)
    unspaced = key.replace(" ", "")
    if key in _EXACT or unspaced in _UNSPACED:
        return _EXACT.get(key) or _UNSPACED[unspaced]
    if len(unspaced) < FUZZY_SHORTEST:
        return None
    found = process.extractOne(unspaced, _UNSPACED.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
    return _UNSPACED[found[0]] if found else None


def _heading_ending(heading: str) -> str | None:
    """The field named by the end of a longer heading: "Offender surname", "Client D.O.B"."""
    words = normalise_heading(heading).split()
    for start in range(1, len(words)):
        ending = " ".join(words[start:])
        if ending in _EXACT and (" " in ending or ending in ENDINGS):
            return _EXACT[ending]
    return None


def suggest_mapping(headers: Iterable[str]) -> list[str | None]:
    """For each column, the diary field its heading most likely means (None to ignore it); each field once."""
    headers = list(headers)
    mapping: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    for guess in (heading_target, _heading_ending):
        for column, heading in enumerate(headers):
            match = None if mapping[column] else guess(heading)
            if match and match not in taken:
                taken.add(match)
                mapping[column] = match
    return mapping


def target_key(text: str) -> str | None:
    """The field a name on the command line means: its key ("date_of_birth"), its label or a synonym."""
    for target in TARGETS:
        if text.strip().lower() in (target.key, target.label.lower()):
            return target.key
    return heading_target(text)


def column_index(headers: list[str], name: str) -> int | None:
    """The column a heading names (as written, or loosely), or a column number counted from 1."""
    if name.strip().isdigit() and 1 <= int(name) <= len(headers):
        return int(name) - 1
    for same in (lambda h: h == name, lambda h: h.strip().lower() == name.strip().lower(),
                 lambda h: normalise_heading(h) == normalise_heading(name)):
        found = [i for i, heading in enumerate(headers) if same(heading)]
        if found:
            return found[0]
    return None


def mapping_problem(mapping: list[str | None]) -> str | None:
    """Why a mapping cannot be used (a field mapped twice, no CRN or no name), or None."""
    chosen = [m for m in mapping if m]
    doubled = sorted({m for m in chosen if chosen.count(m) > 1})
    if doubled:
        labels = ", ".join(t.label for t in TARGETS if t.key in doubled)
        return f"{labels}: chosen for more than one column"
    has_name = "full_name" in chosen or {"first_name", "last_name"} <= set(chosen)
    if "crn" not in chosen or not has_name:
        return f"To import people, {REQUIRED_HINT}."
    return None


def check_rows(
    db: Database, table: CsvTable, mapping: list[str | None], today: date | None = None, progress: Progress = no_progress
) -> list[RowCheck]:
    """Check every row against the diary and each other; nothing is written. Progress counts rows checked."""
    existing = existing_crns(db)
    checks: list[RowCheck] = []
    for index, row in enumerate(table.rows):
        values = {key: row[column] for column, key in enumerate(mapping) if key and column < len(row)}
        checks.append(RowCheck(line=index + 2, values=values, overflow=_overflow(row, len(table.headers))))
    recheck(checks, existing, today, progress)
    for check in checks:
        check.skip = check.problems == [BLANK_ROW]
    return checks


def _overflow(row: list[str], width: int) -> str | None:
    """A problem for a row with filled cells beyond the last heading (a separator in a cell that is not quoted)."""
    if not any(row[width:]):
        return None
    return (f"the row has {len(row)} cells but there are {width} headings: is a separator in a cell "
            "that is not in quotes?")


def existing_crns(db: Database) -> set[str]:
    """Every CRN already in the diary."""
    with db.session() as session:
        return set(session.scalars(select(Person.crn)))


def recheck(
    checks: list[RowCheck], existing: set[str], today: date | None = None, progress: Progress = no_progress
) -> None:
    """Check (again, after the officer's fixes) each row, and CRNs repeated in the file or already held."""
    first_line: dict[str, int] = {}
    for index, check in enumerate(checks):
        if index % CHECKPOINT_ROWS == 0:
            progress(index, len(checks))
        check.person, check.problems = _person(check.values, today)
        if check.overflow:
            check.person, check.problems = None, [check.overflow, *check.problems]
        crn = (check.person or {}).get("crn")
        if not crn or check.skip:
            continue
        if crn in existing:
            check.problems.append(f"CRN {crn} is already in the diary")
        elif crn in first_line:
            check.problems.append(f"CRN {crn} is also on line {first_line[crn]}")
        else:
            first_line[crn] = check.line
    progress(len(checks), len(checks))


def _person(values: dict[str, str], today: date | None) -> tuple[dict[str, Any] | None, list[str]]:
    """A case-file person from one row's values, or the problems that stop it."""
    if not any(v.strip() for v in values.values()):
        return None, [BLANK_ROW]
    problems: list[str] = []
    person: dict[str, Any] = {}
    crn = normalise_crn(values.get("crn", ""))
    if not CRN_PATTERN.match(crn):
        problems.append(f"CRN '{values.get('crn', '')}' is not a letter and six digits" if crn else "no CRN")
    person["crn"] = crn
    first, last = _names(values)
    if not first or not last:
        problems.append("no first and last name")
    person.update(first_name=first, last_name=last)
    for key in ("date_of_birth", "order_start", "order_end", "release_date"):
        text = values.get(key, "").strip()
        if text:
            parsed = parse_uk_date(text, today)
            if parsed is None:
                label = next(t.label for t in TARGETS if t.key == key)
                problems.append(f"{label.lower()} '{text}' is not a date (use 19/07/1994 or 1994-07-19)")
            else:
                person[key] = parsed.isoformat()
    for key in ("pnc", "tier", "phone", "address", "prison"):
        if values.get(key, "").strip():
            person[key] = values[key].strip()
    risk = values.get("risk_level", "").strip()
    if risk:
        if risk.lower() in _RISK:
            person["risk_level"] = _RISK[risk.lower()]
        else:
            problems.append(f"risk level '{risk}' is not low, medium, high or very high")
    _order(values, person, problems)
    problems += _invalid(person)
    return (None if problems else _casefile_person(person)), problems


_RULES = {
    "first_name": "person.first_name", "last_name": "person.last_name", "date_of_birth": "person.date_of_birth",
    "pnc": "person.pnc", "tier": "person.tier", "phone": "person.phone", "address": "person.address",
    "prison": "person.prison", "court": "order.court", "order_start": "date", "order_end": "date", "release_date": "date",
}
"""The validation rule each filled field of a row goes through, as for a case file."""


def _invalid(flat: dict[str, Any]) -> list[str]:
    """What the diary's validation refuses in a row's values, each named by its column's field."""
    labels = {t.key: t.label.lower() for t in TARGETS}
    found = []
    for key, rule in _RULES.items():
        if flat.get(key):
            try:
                check_value(rule, flat[key], labels[key])
            except InvalidValue as error:
                found.append(str(error))
    try:
        ends_after(flat.get("order_start"), flat.get("order_end"), labels["order_end"], same_allowed=True)
    except InvalidValue as error:
        found.append(str(error))
    return found


def _names(values: dict[str, str]) -> tuple[str, str]:
    """First and last name, from their own columns or from a full name."""
    first, last = values.get("first_name", "").strip(), values.get("last_name", "").strip()
    full = values.get("full_name", "").strip()
    if full and not (first and last):
        if "," in full:
            last, first = (part.strip() for part in full.split(",", 1))
        elif " " in full:
            first, last = full.rsplit(" ", 1)
    return first, last


def _order(values: dict[str, str], person: dict[str, Any], problems: list[str]) -> None:
    """The order type and court, checked against the case-file vocabulary."""
    text = values.get("order_type", "").strip()
    if not text:
        return
    kind = _ORDER.get(text.lower())
    if kind is None:
        problems.append(f"order type '{text}' is not a community order, suspended sentence order, licence or PSS")
        return
    person["order_type"] = kind
    if values.get("court", "").strip():
        person["court"] = values["court"].strip()


def _casefile_person(flat: dict[str, Any]) -> dict[str, Any]:
    """Shape a row's checked values as a case-file person."""
    person = {k: flat[k] for k in ("crn", "first_name", "last_name", "date_of_birth", "pnc", "risk_level", "tier", "phone", "address") if k in flat}
    if "order_type" in flat:
        order: dict[str, Any] = {"id": "o1", "type": flat["order_type"]}
        for source, target in (("order_start", "start_date"), ("order_end", "end_date"), ("court", "court")):
            if source in flat:
                order[target] = flat[source]
        person["orders"] = [order]
    if "release_date" in flat:
        person["custody"] = {"release_date": flat["release_date"]}
        if flat.get("prison"):
            person["custody"]["prison"] = flat["prison"]
    return person


def import_rows(db: Database, checks: list[RowCheck], progress: Progress = no_progress) -> ImportSummary:
    """Import the rows that are ready, in one transaction (all or none; Cancelled from progress leaves none)."""
    people = [c.person for c in checks if c.ready]
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "people": people}
    try:
        parsed = parse_document(document)
    except CaseFileError as error:
        raise CsvImportError(f"a checked row was refused: {error}") from error
    return import_document(db, parsed, progress=progress)
