"""Case reference numbers as officers type them: any case, with spaces, whole or in part.

`normalise_crn` is the one way a typed CRN is turned into the stored form; every command and
service that takes a CRN calls it. Whether a CRN is well formed is a validation rule, not this.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-.]+")
_PIECES = re.compile(r"(?<![a-z0-9])(?:[a-z][ \-]*)?\d+(?:[ \-]+\d+)*(?![a-z0-9])", re.IGNORECASE)
CRN_DIGITS = 6
"""A CRN is a letter and this many digits."""
MIN_FRAGMENT = 3
"""A CRN fragment must have at least this many characters to be looked for."""


def normalise_crn(text: str) -> str:
    """A typed CRN in its stored form: spaces, hyphens and dots dropped, upper case (" x 123-456" -> "X123456")."""
    return _SEPARATORS.sub("", text).upper()


def crn_fragment(text: str) -> str | None:
    """The normalised CRN, or part of one, that a word of a query could be; None if it cannot be.

    A fragment holds letters and digits, at least one digit, and at least MIN_FRAGMENT characters.
    """
    fragment = normalise_crn(text)
    if len(fragment) < MIN_FRAGMENT or not fragment.isalnum() or not any(ch.isdigit() for ch in fragment):
        return None
    return fragment


def join_spaced_crns(text: str) -> str:
    """Query text with CRNs typed in pieces run together: "x 123 456" -> "X123456", "x123 456" -> "X123456"."""

    def join(match: re.Match[str]) -> str:
        pieces = match.group(0)
        digits = sum(ch.isdigit() for ch in pieces)
        split_digits = bool(re.search(r"\d[ \-]+\d", pieces))
        whole_crn = pieces[0].isalpha() and digits == CRN_DIGITS
        return normalise_crn(pieces) if whole_crn or (split_digits and digits <= CRN_DIGITS) else pieces

    return _PIECES.sub(join, text)
