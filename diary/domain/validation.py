"""One validation of every value the diary takes in: case files, CSV rows, the window's forms, the command line.

Each rule names what it refuses in the officer's words, and every refusal is an `InvalidValue`
naming the field by its path (`people[3].appointments[0].minutes: 100000 minutes is more than
720`), so no entry point lets a value through that another would refuse.

How to add a rule:

- A limit on one field: add an entry to `RULES` keyed `"<thing>.<field>"` (e.g.
  `"requirement.hours": WholeNumber(1, 300, "hour")`), built from the rule types below
  (`WholeNumber`, `Number`, `Text`, `Day`, `Moment`, `Choice`). Every entry point then checks it
  with `check("requirement.hours", value, path)`; the case-file schema refers to the same name.
- A rule about several fields together (an order ending before it starts, a measure that depends on
  the requirement's type): write a function here taking the values and the path, raising
  `InvalidValue`, like `ends_after`; call it from each entry point after the single-field rules.
- A new kind of rule: a frozen dataclass with `check(value, path) -> cleaned value` that raises
  `InvalidValue(path, reason)`.

JSON read from outside goes through `read_json_file` or `load_json`: a size limit read before
parsing, a nesting limit scanned before parsing, duplicate keys refused by path, NaN and
Infinity left for the field rules to refuse (never stored).

Values typed into the window's forms go through the functions at the end (`crn`, `pnc`, `typed_date`,
...): they refuse with a `FieldError`, an `InvalidValue` that also names the field in words
("Date of birth: 8 December 2026 is in the future.") and carries the form's key for the field.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from diary.domain.crn import normalise_crn
from diary.domain.dates import parse_uk_date
from diary.domain.text import long_date, plural

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
MAX_JSON_BYTES = 200 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_NUMBER_DIGITS = 100
CRN_REGEX = r"[A-Z][0-9]{6}"
SHORT_TEXT = 200
NOTE_TEXT = 100_000


class InvalidValue(ValueError):
    """A value the diary will not take: `path` names the field, `reason` says why in plain words."""

    def __init__(self, path: str, reason: str) -> None:
        """Keep the field's path and the reason apart, for forms that mark the field."""
        self.path = path
        self.reason = reason
        super().__init__(f"{shown_text(path)}: {reason}" if path else reason)


class Rule(Protocol):
    """Checks one value, returning it cleaned (parsed, converted) or raising InvalidValue."""

    def check(self, value: Any, path: str) -> Any:
        """The value as the diary keeps it."""
        ...


@dataclass(frozen=True)
class WholeNumber:
    """A whole number from `low` to `high` inclusive (`unit` in words, singular: 'minute')."""

    low: int
    high: int
    unit: str = ""

    def check(self, value: Any, path: str) -> int:
        """The number, or InvalidValue."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValue(path, f"expected a whole number, found {shown(value)}")
        _in_range(value, self.low, self.high, self.unit, path)
        return value


@dataclass(frozen=True)
class Number:
    """A finite number from `low` to `high` inclusive, whole or not (`unit` singular: 'hour')."""

    low: float
    high: float
    unit: str = ""

    def check(self, value: Any, path: str) -> float:
        """The number as a float, or InvalidValue."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidValue(path, f"expected a number, found {shown(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidValue(path, f"{shown(value)} is not a number the diary can keep")
        _in_range(value, self.low, self.high, self.unit, path)
        return float(value)


@dataclass(frozen=True)
class Text:
    """Text of at most `max_length` characters; `lines` allows line breaks and tabs; `required` refuses blanks."""

    max_length: int = SHORT_TEXT
    required: bool = False
    lines: bool = False

    def check(self, value: Any, path: str) -> str:
        """The text, or InvalidValue."""
        if not isinstance(value, str):
            raise InvalidValue(path, f"expected text, found {shown(value)}")
        clean_text(value, path, lines=self.lines)
        if len(value) > self.max_length:
            raise InvalidValue(path, f"{len(value):,} characters is more than the {self.max_length:,} allowed")
        if self.required and not value.strip():
            raise InvalidValue(path, "must not be empty")
        return value


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of words (a vocabulary's values)."""

    values: frozenset[str]

    def check(self, value: Any, path: str) -> str:
        """The word, or InvalidValue."""
        if not isinstance(value, str) or value not in self.values:
            raise InvalidValue(path, f"unknown value {shown(value)}")
        return value


@dataclass(frozen=True)
class TrueFalse:
    """true or false."""

    def check(self, value: Any, path: str) -> bool:
        """The flag, or InvalidValue."""
        if not isinstance(value, bool):
            raise InvalidValue(path, f"expected true or false, found {shown(value)}")
        return value


@dataclass(frozen=True)
class Pattern:
    """Text matching a regular expression in full; `described` says what that looks like."""

    regex: str
    described: str

    def check(self, value: Any, path: str) -> str:
        """The text, or InvalidValue."""
        if not isinstance(value, str):
            raise InvalidValue(path, f"expected text, found {shown(value)}")
        if not re.fullmatch(self.regex, value):
            raise InvalidValue(path, f"{shown(value)} is not {self.described}")
        return value


@dataclass(frozen=True)
class Day:
    """A calendar date between 1900 and 2100: a `date`, or ISO text like 2026-11-23."""

    def check(self, value: Any, path: str) -> date:
        """The date, or InvalidValue."""
        if isinstance(value, datetime):
            raise InvalidValue(path, "expected a date without a time")
        if isinstance(value, str):
            try:
                value = date.fromisoformat(clean_text(value, path))
            except ValueError:
                raise InvalidValue(path, f"{shown(value)} is not a date like 2026-11-23") from None
        if not isinstance(value, date):
            raise InvalidValue(path, f"expected a date like 2026-11-23, found {shown(value)}")
        return check_date_range(value, path)


@dataclass(frozen=True)
class Moment:
    """A local wall-clock date and time between 1900 and 2100: a naive `datetime`, or text like 2026-11-23T10:30."""

    def check(self, value: Any, path: str) -> datetime:
        """The date and time, or InvalidValue."""
        if isinstance(value, str):
            if "T" not in value:
                raise InvalidValue(path, f"expected a local time like 2026-11-23T10:30, found {shown(value)}")
            try:
                value = datetime.fromisoformat(clean_text(value, path))
            except ValueError:
                raise InvalidValue(path, f"{shown(value)} is not a time like 2026-11-23T10:30") from None
        if not isinstance(value, datetime):
            raise InvalidValue(path, f"expected a local time like 2026-11-23T10:30, found {shown(value)}")
        if value.tzinfo is not None:
            raise InvalidValue(path, "times are local wall-clock, without a time zone")
        check_date_range(value.date(), path)
        return value


NAME = Text(100, required=True)
OPTIONAL_NAME = Text(100)
LONG_TEXT = Text(NOTE_TEXT, lines=True)

RULES: dict[str, Rule] = {
    "person.crn": Pattern(CRN_REGEX, "a CRN (a capital letter and six digits)"),
    "person.first_name": NAME,
    "person.last_name": NAME,
    "person.alias": Text(SHORT_TEXT, required=True),
    "person.date_of_birth": Day(),
    "person.pnc": Text(32),
    "person.tier": Text(8),
    "person.mappa_category": WholeNumber(1, 4),
    "person.mappa_level": WholeNumber(1, 3),
    "person.phone": Text(64),
    "person.address": Text(1000, lines=True),
    "person.flag": Text(SHORT_TEXT, required=True),
    "person.prison": OPTIONAL_NAME,
    "person.reporting_frequency_days": WholeNumber(1, 365, "day"),
    "contact.name": Text(SHORT_TEXT, required=True),
    "contact.relationship": OPTIONAL_NAME,
    "contact.phone": Text(64),
    "order.id": Text(64, required=True),
    "order.court": Text(SHORT_TEXT),
    "requirement.id": Text(64, required=True),
    "requirement.max_days": WholeNumber(1, 365, "day"),
    "requirement.hours": WholeNumber(1, 300, "hour"),
    "requirement.sessions": WholeNumber(1, 500, "session"),
    "requirement.name": Text(SHORT_TEXT),
    "requirement.text": Text(10_000, lines=True),
    "enforcement.note": Text(10_000, lines=True),
    "appointment.minutes": WholeNumber(1, 12 * 60, "minute"),
    "appointment.minutes_spent": WholeNumber(0, 24 * 60, "minute"),
    "appointment.hours_credited": Number(0, 24, "hour"),
    "appointment.location": Text(SHORT_TEXT),
    "appointment.notes": LONG_TEXT,
    "appointment.reschedule_reason": Text(10_000, lines=True),
    "note.text": LONG_TEXT,
    "note.minutes_spent": WholeNumber(0, 24 * 60, "minute"),
    "commitment.title": Text(SHORT_TEXT),
    "commitment.every_weeks": WholeNumber(1, 52, "week"),
    "commitment.days": WholeNumber(1, 366, "day"),
    "date": Day(),
    "time": Moment(),
    "flag": TrueFalse(),
    "demo.people": WholeNumber(1, 20_000),
    "search.limit": WholeNumber(1, 10_000),
}


def check(rule: str, value: Any, path: str | None = None) -> Any:
    """Check a value against the named rule in RULES; the path defaults to the rule's field name."""
    return RULES[rule].check(value, path if path is not None else rule.split(".", 1)[-1])


def check_date_range(value: date, path: str) -> date:
    """A date between 1900 and 2100, or InvalidValue."""
    if not EARLIEST <= value <= LATEST:
        raise InvalidValue(path, f"{value.isoformat()} is outside the years {EARLIEST.year} to {LATEST.year}")
    return value


def ends_after(start: date | datetime | None, end: date | datetime | None, path: str, *, same_allowed: bool = False) -> None:
    """Refuse an end (named by `path`) before its start; `same_allowed` lets a one-day order end the day it starts."""
    if start is None or end is None:
        return
    if end < start or (end == start and not same_allowed):
        raise InvalidValue(path, "must be after the start")


def clean_text(value: str, path: str, *, lines: bool = False) -> str:
    """Refuse text a file cannot hold or a screen cannot show: lone surrogates and control characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(path, "holds a broken character (a lone surrogate), so it is not text") from None
    allowed = "\n\r\t" if lines else ""
    for char in value:
        if char not in allowed and unicodedata.category(char) == "Cc":
            raise InvalidValue(path, f"holds a control character (U+{ord(char):04X})")
    return value


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message may quote it: short, and printable on any terminal."""
    if isinstance(value, str):
        text = repr(shown_text(value))
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        text = f"a {len(str(abs(value)))}-digit number"
    elif isinstance(value, (dict, list)):
        text = "an object" if isinstance(value, dict) else "a list"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_text(text: str) -> str:
    """Text with any lone surrogate written as an escape, so printing it cannot fail."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _in_range(value: float, low: float, high: float, unit: str, path: str) -> None:
    """Refuse a number outside low..high, saying which side."""
    if value < low:
        raise InvalidValue(path, f"{shown(value)} is less than {_amount(low, unit)}")
    if value > high:
        raise InvalidValue(path, f"{shown(value)} is more than {_amount(high, unit)}")


def _amount(value: float, unit: str) -> str:
    """'720 minutes', '1 week', '24 hours', or the bare number without a unit."""
    number = int(value) if float(value).is_integer() else value
    if not unit:
        return f"{number:g}" if isinstance(number, float) else str(number)
    return plural(number, unit) if isinstance(number, int) else f"{number:g} {unit}s"


# JSON from outside


class _Duplicated(dict):  # type: ignore[type-arg]
    """An object in which a key appeared twice (found by path after parsing)."""

    duplicate: str = ""


def read_json_file(path: Path, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Read JSON from a file, refusing one over `max_bytes` before reading it all (a device never ends)."""
    try:
        with path.open("rb") as stream:
            raw = read_limited(stream, max_bytes)
    except OSError as exc:
        raise InvalidValue("", f"{path} could not be read: {exc.strerror or exc}") from exc
    return load_json(raw, max_depth=max_depth)


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most `max_bytes` from a stream; InvalidValue if there is more."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InvalidValue("", f"the file is larger than {max_bytes // (1024 * 1024):,} MB, more than a case file can be")
    return raw


def load_json(raw: bytes | str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON text (UTF-8, a BOM allowed) after checking its nesting; duplicate keys refused by path."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidValue("", "the file is not UTF-8 text, so it is not JSON") from None
    else:
        text = raw
    too_deep = f"the file nests more than {max_depth} levels deep, more than any case file does"
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_bounded_int, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise InvalidValue("", f"the file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise InvalidValue("", too_deep) from None
    if _depth(doc) > max_depth:
        raise InvalidValue("", too_deep)
    _find_duplicates(doc, "")
    return doc


def _depth(value: Any) -> int:
    """How deep lists and objects nest in parsed JSON (walked in Python, so a long job's thread can be interrupted)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object from its pairs, marked if a key came twice."""
    out = _Duplicated()
    for key, value in pairs:
        if key in out and not out.duplicate:
            out.duplicate = key
        out[key] = value
    return out if out.duplicate else dict(out)


def _bounded_int(digits: str) -> int:
    """A JSON integer, refusing one too long to be anything the diary keeps (before Python spends time on it)."""
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InvalidValue("", f"the file holds a number more than {MAX_NUMBER_DIGITS} digits long")
    return int(digits)


def _find_duplicates(value: Any, path: str) -> None:
    """Raise InvalidValue at the first object holding a key twice."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _Duplicated):
            key = f"{where}.{item.duplicate}" if where else item.duplicate
            raise InvalidValue(key, "appears twice in the same object")
        if isinstance(item, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(item))))


def check_keys(obj: Mapping[str, Any], known: Iterable[str], path: str) -> None:
    """Refuse a key not in `known`, naming it by path."""
    allowed = set(known)
    for key in obj:
        if key not in allowed:
            raise InvalidValue(f"{path}.{key}" if path else key, "unknown key")


# Values typed into the window's forms


PNC_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
"""The PNC check letters, indexed by (two-digit year and seven-digit serial as one number) mod 23."""
_PNC = re.compile(r"^(\d{2}|\d{4})/(\d{1,7})([A-Z])$")


class FieldError(InvalidValue):
    """A typed value refused: `key` names the form's field (to mark it), `label` names it in words, and why."""

    def __init__(self, key: str, label: str, reason: str) -> None:
        """Name the field and say what is wrong with it."""
        self.key = key
        self.label = label
        super().__init__(key, reason)

    def __str__(self) -> str:
        """'Label: reason'."""
        return f"{self.label}: {self.reason}"


def crn(text: str, key: str = "crn") -> str:
    """A CRN in its stored form (upper case, no spaces): one letter and six digits."""
    value = normalise_crn(text)
    if not value:
        raise FieldError(key, "CRN", "required: the case reference number, one letter and six digits (like X123456).")
    if not re.fullmatch(CRN_REGEX, value):
        raise FieldError(key, "CRN", f"“{text.strip()}” is not a CRN: one letter and six digits, like X123456.")
    return value


def pnc_check_letter(year: int, serial: int) -> str:
    """The check letter of a PNC number: its two-digit year and seven-digit serial as one number, mod 23."""
    return PNC_LETTERS[int(f"{year % 100:02d}{serial:07d}") % 23]


def pnc(text: str, today: date, key: str = "pnc") -> str | None:
    """A PNC number as YYYY/NNNNNNNL (a two-digit year and a short serial are accepted), check letter verified."""
    typed = "".join(text.split()).upper()
    if not typed:
        return None
    match = _PNC.match(typed)
    if not match:
        raise FieldError(
            key, "PNC number", f"“{text.strip()}” is not a PNC number: the year, a slash, the serial and a check letter, "
            "like 1990/0123456K or 90/123456K."
        )
    year_text, serial_text, letter = match.groups()
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    if not EARLIEST.year <= year <= today.year:
        raise FieldError(key, "PNC number", f"the year {year_text} cannot be right: it is in the future.")
    serial = int(serial_text)
    if pnc_check_letter(year, serial) != letter:
        raise FieldError(key, "PNC number", f"the check letter {letter} does not match {year_text}/{serial_text}: check the number.")
    return f"{year}/{serial:07d}{letter}"


def text(value: str, key: str, label: str, limit: int, required: bool = False, lines: bool = False) -> str | None:
    """Trimmed text (None when empty), at most limit characters; refused when required and empty."""
    try:
        clean_text(value, key, lines=lines)
    except InvalidValue as exc:
        raise FieldError(key, label, exc.reason + ".") from None
    trimmed = value.strip()
    if not trimmed:
        if required:
            raise FieldError(key, label, "required.")
        return None
    if len(trimmed) > limit:
        raise FieldError(key, label, f"too long: at most {limit:,} characters ({len(trimmed):,} typed).")
    return trimmed


def typed_date(value: str, key: str, label: str, today: date, required: bool = False) -> date | None:
    """A date typed as 19/07/1994, 19-7-94, 1994-07-19 or 19 July 1994 (None when empty and not required)."""
    if not value.strip():
        if required:
            raise FieldError(key, label, "required: a date such as 19/07/2026.")
        return None
    parsed = parse_uk_date(value, today)
    if parsed is None:
        raise FieldError(key, label, f"“{value.strip()}” is not a date: type it as 19/07/2026 or 19 July 2026.")
    if not EARLIEST <= parsed <= LATEST:
        raise FieldError(key, label, f"{long_date(parsed)} is outside the years {EARLIEST.year} to {LATEST.year}.")
    return parsed


def date_of_birth(value: date | None, today: date, key: str = "date_of_birth") -> date | None:
    """A date of birth: not in the future."""
    if value is not None and value > today:
        raise FieldError(key, "Date of birth", f"{long_date(value)} is in the future.")
    return value


def not_before(later: date | None, earlier: date | None, key: str, label: str, earlier_label: str) -> None:
    """Refuse `later` when it falls before `earlier` (either may be unknown)."""
    if later is not None and earlier is not None and later < earlier:
        raise FieldError(key, label, f"{long_date(later)} is before the {earlier_label.lower()} ({long_date(earlier)}).")


def whole_number(value: str, key: str, label: str, required: bool = False) -> int | None:
    """A whole number typed in a box (None when empty and not required)."""
    trimmed = value.strip()
    if not trimmed:
        if required:
            raise FieldError(key, label, "required.")
        return None
    if not trimmed.isdigit() or len(trimmed) > 9:
        raise FieldError(key, label, f"“{trimmed[:20]}” is not a whole number the diary can take.")
    return int(trimmed)


def in_range(value: int | None, key: str, label: str, low: int, high: int | None, unit: str, why: str = "") -> None:
    """Refuse a number outside [low, high] (no upper bound when high is None); unit is singular ('hour')."""
    if value is None:
        return
    if value < low or (high is not None and value > high):
        span = f"from {low} to {plural(high, unit)}" if high is not None else f"at least {plural(low, unit)}"
        raise FieldError(key, label, f"{plural(value, unit)} is not allowed: it must be {span}{why}.")
