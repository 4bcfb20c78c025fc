"""Reading a spreadsheet's CSV export as it really comes: its encoding, its separator, quoted cells with line breaks."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
SAMPLE_RECORDS = 500
"""How many records each candidate separator is tried on."""


class CsvImportError(Exception):
    """The file cannot be read as a table; the message says why, in plain English."""


@dataclass(frozen=True)
class CsvTable:
    """A spreadsheet export read into memory, with how it was read."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str

    def describe(self) -> str:
        """How the file was read, in one line."""
        separated = SEPARATOR_NAMES.get(self.delimiter, repr(self.delimiter))
        return f"{len(self.rows)} rows, separated by {separated}, read as {self.encoding}"


def read_csv(path: Path) -> CsvTable:
    """Read a CSV file as a spreadsheet wrote it (see `parse_csv_bytes`)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CsvImportError(f"cannot read {path.name}: {error.strerror or error}") from error
    return parse_csv_bytes(raw)


def parse_csv_bytes(raw: bytes) -> CsvTable:
    """The table held in the bytes of a CSV file.

    UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode text") or Windows-1252; the separator
    is the candidate whose parse gives the most rows as wide as the heading row (at least two columns).
    """
    text, encoding = decode(raw)
    if not text.strip():
        raise CsvImportError("the file is empty")
    delimiter = choose_separator(text)
    try:
        records = _records(text, delimiter)
    except csv.Error as error:
        raise CsvImportError(f"the file cannot be read as a table: {error}") from error
    while not any(cell.strip() for cell in records[0]):
        records.pop(0)
    headers = [_cell(h) for h in records[0]]
    body = [[_cell(cell) for cell in row] + [""] * (len(headers) - len(row)) for row in records[1:]]
    while body and not any(body[-1]):
        body.pop()
    return CsvTable(headers, body, encoding, delimiter)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of the file and the name of the encoding it was read as (a UTF-8 BOM on Windows-1252 text is let pass)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise CsvImportError(f"the file starts as UTF-16 but is not: {error.reason} at byte {error.start}") from error
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def choose_separator(text: str) -> str:
    """The separator whose parse gives the most records as wide as the first, preferring more columns."""
    best: tuple[int, int, int] | None = None
    chosen = ""
    for rank, candidate in enumerate(SEPARATORS):
        try:
            records = [row for row in _records(text, candidate, SAMPLE_RECORDS) if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        score = (sum(len(row) == width for row in records), width, -rank)
        if best is None or score > best:
            best, chosen = score, candidate
    if not chosen:
        raise CsvImportError("the file has only one column: it does not look like a spreadsheet export")
    return chosen


def _cell(text: str) -> str:
    """A cell's text trimmed, its line breaks made plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    """The file's records split on a separator (quoted cells may hold separators and line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    for row in reader:
        records.append(row)
        if limit is not None and len(records) >= limit:
            break
    return records
