"""Small helpers for writing numbers and dates the way an officer reads them."""

from __future__ import annotations

from datetime import date


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 person', '3 people', '0 appointments'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def long_date(value: date) -> str:
    """A date written out, as in a letter: '1 March 2026'."""
    return f"{value.day} {value:%B %Y}"


def short_date(value: date) -> str:
    """A compact date for lists: '01/03/2026'."""
    return f"{value:%d/%m/%Y}"


def short_day(value: date, reference: date | None = None) -> str:
    """A date as officers write it in lists: 'Wed 30 Dec', with the year when it is not the reference's year."""
    year = f" {value.year}" if reference is not None and value.year != reference.year else ""
    return f"{value:%a} {value.day} {value:%b}{year}"
