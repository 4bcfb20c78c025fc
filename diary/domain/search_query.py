"""What an officer types into search, cut into its parts: name words, CRNs (whole or part), dates and years of birth.

Dates are read day first, in every usual UK form: 16/06/1996, 16-6-96, 16.06.96, 16 06 1996, 16061996,
16 June 1996, 16th Jun 96, June 16 1996, 1996-06-16, and a date still being typed (16/06/19).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from diary.domain.crn import crn_fragment, join_spaced_crns
from diary.domain.name_forms import fold, words_of

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\.?(?![a-z])"
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_NAME = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*" + _MONTH + r"(?:[\s\-/.,]+(\d{4}|\d{2})(?!\d))?")
_MONTH_NAME_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}|\d{2}))?\b")
_SPACED = re.compile(r"\b(\d{1,2})\s+(\d{1,2})\s+(\d{4}|\d{2})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{1,4}))?(?!\d)")
_COMPACT = re.compile(r"\b(\d{2})(\d{2})(\d{4})\b")
_SIX_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(19|20)\d\d$")


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
        """True when some real date fits (29 February only in a leap year, when the year is whole)."""
        if not (1 <= self.month <= 12 and 1 <= self.day <= 31):
            return False
        years = [int(self.year)] if len(self.year) == 4 else [2000, 1996]
        for year in years:
            try:
                date(year, self.month, self.day)
            except ValueError:
                continue
            return True
        return False


@dataclass(frozen=True)
class ParsedQuery:
    """A query cut into its parts; each is scored on its own.

    Six digits that make a date (160696) are both a date and a CRN fragment: `either` pairs them.
    """

    names: tuple[str, ...]
    crns: tuple[str, ...]
    dates: tuple[DatePattern, ...]
    years: tuple[str, ...]
    either: tuple[tuple[str, DatePattern], ...] = ()
    last_is_name: bool = True
    """True when the query ends in a name word with nothing after it (the word may be only partly typed)."""

    @property
    def empty(self) -> bool:
        """True when there is nothing to search for."""
        return not (self.names or self.crns or self.dates or self.years or self.either)


def _day_first(match: re.Match[str]) -> DatePattern:
    """The date pattern of a day-first match (day, month, year groups)."""
    return DatePattern(int(match.group(1)), int(match.group(2)), match.group(3) or "")


def parse_query(text: str) -> ParsedQuery:
    """Cut what the officer typed into name words, CRN fragments, dates and years of birth."""
    rest = fold(text)
    dates: list[DatePattern] = []

    def take(pattern: re.Pattern[str], build: Callable[[re.Match[str]], DatePattern]) -> None:
        nonlocal rest
        dates.extend(build(match) for match in pattern.finditer(rest))
        rest = pattern.sub(" ", rest)

    take(_ISO_DATE, lambda m: DatePattern(int(m.group(3)), int(m.group(2)), m.group(1)))
    take(_DAY_MONTH_NAME, lambda m: DatePattern(int(m.group(1)), _MONTHS[m.group(2)], m.group(3) or ""))
    take(_MONTH_NAME_DAY, lambda m: DatePattern(int(m.group(2)), _MONTHS[m.group(1)], m.group(3) or ""))
    take(_SPACED, _day_first)
    take(_DAY_FIRST, _day_first)
    take(_COMPACT, _day_first)
    names: list[str] = []
    crns: list[str] = []
    years: list[str] = []
    either: list[tuple[str, DatePattern]] = []
    last_is_name = bool(rest) and not rest[-1].isspace()
    for word in words_of(join_spaced_crns(rest).lower()):
        for part in word:
            last_is_name = last_is_name and not any(ch.isdigit() for ch in part)
            six = _SIX_DIGITS.match(part)
            if _YEAR.match(part):
                years.append(part)
            elif six and DatePattern(int(six.group(1)), int(six.group(2)), six.group(3)).valid:
                either.append((part, _day_first(six)))
            elif any(ch.isdigit() for ch in part):
                fragment = crn_fragment(part)
                if fragment:
                    crns.append(fragment)
            else:
                names.append(part)
    return ParsedQuery(tuple(names), tuple(crns), tuple(dates), tuple(years), tuple(either), last_is_name)
