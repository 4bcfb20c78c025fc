"""Caseload import from a spreadsheet's CSV export: read, map columns, check rows, then import.

Nothing is written until `import_rows` is called with the rows the officer confirmed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from diary.domain.crn import normalise_crn
from diary.domain.dates import parse_uk_date
from diary.services.casefile import ImportSummary, import_document
from diary.services.casefile_schema import CRN_PATTERN, FORMAT_NAME, FORMAT_VERSION, CaseFileError, parse_document
from diary.store.database import Database
from diary.store.models import Person

Progress = Callable[[int, int], None]


class CsvImportError(Exception):
    """The file cannot be read as a table; the message says why, in plain English."""


@dataclass(frozen=True)
class Target:
    """A diary field a spreadsheet column can be mapped to."""

    key: str
    label: str
    synonyms: tuple[str, ...]


TARGETS: tuple[Target, ...] = (
    Target("crn", "CRN", ("crn", "case reference", "case reference number", "case ref", "ref")),
    Target("first_name", "First name", ("first name", "forename", "forenames", "given name", "firstname")),
    Target("last_name", "Last name", ("last name", "surname", "family name", "lastname")),
    Target("full_name", "Full name (First Last or LAST, First)", ("name", "full name", "person", "pop", "client")),
    Target("date_of_birth", "Date of birth", ("dob", "date of birth", "birth date", "d.o.b.", "born")),
    Target("pnc", "PNC number", ("pnc", "pnc number", "pnc no")),
    Target("risk_level", "Risk level", ("risk", "rosh", "risk level", "risk of serious harm")),
    Target("tier", "Tier", ("tier", "tiering")),
    Target("phone", "Phone", ("phone", "telephone", "mobile", "tel", "phone number")),
    Target("address", "Address", ("address", "home address")),
    Target("order_type", "Order or licence type", ("order", "order type", "sentence", "sentence type", "disposal")),
    Target("order_start", "Order start date", ("start", "order start", "start date", "sentence date")),
    Target("order_end", "Order end date", ("end", "order end", "end date", "expiry", "termination date")),
    Target("court", "Court", ("court", "sentencing court")),
    Target("prison", "Prison", ("prison", "establishment", "custody")),
    Target("release_date", "Release date", ("release", "release date", "crd", "expected release")),
)
TARGET_KEYS = {t.key for t in TARGETS}
BLANK_ROW = "the row is blank (skipped)"
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


@dataclass(frozen=True)
class CsvTable:
    """A spreadsheet export read into memory, with how it was read."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str

    def describe(self) -> str:
        """How the file was read, in one line."""
        names = {",": "commas", ";": "semicolons", "\t": "tabs"}
        return f"{len(self.rows)} rows, separated by {names.get(self.delimiter, repr(self.delimiter))}, read as {self.encoding}"


@dataclass
class RowCheck:
    """One data row: its values by diary field, the person it makes, or what is wrong with it."""

    line: int
    values: dict[str, str]
    person: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    skip: bool = False

    @property
    def ready(self) -> bool:
        """True when the row will be imported."""
        return self.person is not None and not self.problems and not self.skip


def read_csv(path: Path) -> CsvTable:
    """Read a CSV file, tolerating a BOM, Windows-1252 text and comma, semicolon or tab separators."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CsvImportError(f"cannot read {path.name}: {error.strerror or error}") from error
    return parse_csv_bytes(raw)


def parse_csv_bytes(raw: bytes) -> CsvTable:
    """The table held in the bytes of a CSV file."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text, encoding = raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("cp1252", errors="replace"), "Windows-1252"
    if not text.strip():
        raise CsvImportError("the file is empty")
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    headers = [h.strip() for h in rows[0]]
    if len(headers) < 2:
        raise CsvImportError("the file has only one column: it does not look like a spreadsheet export")
    body = [[cell.strip() for cell in row] + [""] * (len(headers) - len(row)) for row in rows[1:]]
    while body and not any(body[-1]):
        body.pop()
    return CsvTable(headers, body, encoding, delimiter)


def suggest_mapping(headers: Iterable[str]) -> list[str | None]:
    """For each column, the diary field its heading most likely means (None to ignore it)."""
    mapping: list[str | None] = []
    taken: set[str] = set()
    for heading in headers:
        key = re.sub(r"[\s_]+", " ", heading.strip().lower())
        match = next((t.key for t in TARGETS if key in t.synonyms and t.key not in taken), None)
        if match:
            taken.add(match)
        mapping.append(match)
    return mapping


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
    db: Database, table: CsvTable, mapping: list[str | None], today: date | None = None, progress: Progress | None = None
) -> list[RowCheck]:
    """Check every row against the diary and each other; nothing is written."""
    existing = existing_crns(db)
    checks: list[RowCheck] = []
    for index, row in enumerate(table.rows):
        values = {key: row[column] for column, key in enumerate(mapping) if key and column < len(row)}
        checks.append(RowCheck(line=index + 2, values=values))
        if progress and index % 200 == 0:
            progress(index, len(table.rows))
    recheck(checks, existing, today)
    for check in checks:
        check.skip = check.problems == [BLANK_ROW]
    if progress:
        progress(len(table.rows), len(table.rows))
    return checks


def existing_crns(db: Database) -> set[str]:
    """Every CRN already in the diary."""
    with db.session() as session:
        return set(session.scalars(select(Person.crn)))


def recheck(checks: list[RowCheck], existing: set[str], today: date | None = None) -> None:
    """Check (again, after the officer's fixes) each row, and CRNs repeated in the file or already held."""
    first_line: dict[str, int] = {}
    for check in checks:
        check.person, check.problems = _person(check.values, today)
        crn = (check.person or {}).get("crn")
        if not crn or check.skip:
            continue
        if crn in existing:
            check.problems.append(f"CRN {crn} is already in the diary")
        elif crn in first_line:
            check.problems.append(f"CRN {crn} is also on line {first_line[crn]}")
        else:
            first_line[crn] = check.line


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
    return (None if problems else _casefile_person(person)), problems


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


def import_rows(db: Database, checks: list[RowCheck]) -> ImportSummary:
    """Import the rows that are ready, in one transaction (all or none)."""
    people = [c.person for c in checks if c.ready]
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "people": people}
    try:
        parsed = parse_document(document)
    except CaseFileError as error:
        raise CsvImportError(f"a checked row was refused: {error}") from error
    return import_document(db, parsed)
