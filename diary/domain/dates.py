"""Reading dates as officers and spreadsheets write them: day first, then month."""

from __future__ import annotations

import re
from datetime import date

_NUMERIC = re.compile(r"^\s*(\d{1,4})[/\-. ](\d{1,2})[/\-. ](\d{1,4})\s*$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_WORDED = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?[ \-]([A-Za-z]{3,9})[ \-,]+(\d{2,4})\s*$")


def parse_uk_date(text: str, today: date | None = None) -> date | None:
    """A date from '19/07/1994', '19-7-94', '19.07.1994', '1994-07-19' or '19 July 1994'; None if it is not one.

    Two-digit years are taken as the most recent year not after `today` (dates of birth, orders).
    """
    numeric = _NUMERIC.match(text)
    if numeric:
        first, month, last = numeric.groups()
        year, day = (first, last) if len(first) == 4 else (last, first)
        return _make(year, int(month), int(day), today)
    worded = _WORDED.match(text)
    if worded:
        day_text, month_text, year = worded.groups()
        month = _MONTHS.get(month_text[:3].lower())
        return _make(year, month, int(day_text), today) if month else None
    return None


def _make(year_text: str, month: int, day: int, today: date | None) -> date | None:
    """The date, with a two-digit year resolved; None when no such day exists."""
    year = int(year_text)
    if len(year_text) <= 2:
        now = today or date.today()
        year += 2000 if 2000 + year <= now.year else 1900
    elif len(year_text) != 4:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
