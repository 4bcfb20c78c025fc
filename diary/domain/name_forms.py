"""Names as search reads them: folded to plain letters, cut into words with their particles, and how they sound.

Folding is anyascii's (Zoë -> zoe, Łukasz -> lukasz, Sørensen -> sorensen, Дмитрий -> dmitrii); a name with
ä, ö, ü, ø, å or æ is also indexed as German and Scandinavian write it without them (Müller -> mueller), so a
name typed either way finds the other. Sounds are Double Metaphone's two codes (made for names of many origins,
English, Celtic, Germanic and Slavic among them) and NYSIIS.
"""

from __future__ import annotations

import re

import jellyfish
from anyascii import anyascii
from doublemetaphone import doublemetaphone

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_WORD_SPLIT = re.compile(r"[\s,;/]+")
_PART_SPLIT = re.compile(r"[^a-z0-9]+")
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "æ": "ae"})

JOINED_PARTICLES = frozenset({"o", "mc", "mac", "ap", "ab", "ni", "nic", "ui", "van", "von", "fitz", "st"})
"""Particles that are never names on their own: in a person's name, joined to the word after them as the name is
often written ("Ó Briain" as obriain, "ap Rhys" as aprhys, "St John" as stjohn), the word itself kept beside."""

QUERY_PARTICLES = frozenset({"o", "mc", "mac"})
"""Particles joined to the next word in a query too (the others may be the first letters of a name being typed)."""

MIN_SOUND = 3
"""Tokens shorter than this have no sound codes (too short to sound like anything in particular)."""


def fold(text: str) -> str:
    """Lower case, in plain letters, apostrophes dropped: "O'Brién" -> "obrien", "Łukasz" -> "lukasz"."""
    return anyascii(_APOSTROPHES.sub("", text)).lower()


def spelt_out(text: str) -> str | None:
    """The name as written without umlauts and the like ("Müller" -> "mueller"); None when it has none."""
    lowered = _APOSTROPHES.sub("", text).lower()
    translated = lowered.translate(_SPELT_OUT)
    return anyascii(translated) if translated != lowered else None


def _unify_mc(token: str) -> str:
    """Mac and Mc written the same way: "macdonald" -> "mcdonald" (but not "mace" or "mack")."""
    if token == "mac" or (token.startswith("mac") and len(token) > 5):
        return "mc" + token[3:]
    return token


def words_of(folded: str, particles: frozenset[str] = QUERY_PARTICLES, keep_core: bool = False) -> list[list[str]]:
    """Folded text as words, each word its parts, particles joined to the word after them (and that word kept
    as a further part if keep_core).

    "mac donald-smith" -> [["mcdonald", "smith"]]; "ap rhys" -> [["aprhys", "rhys"]] with keep_core.
    """
    words = [[p for p in _PART_SPLIT.split(w) if p] for w in _WORD_SPLIT.split(folded)]
    joined: list[list[str]] = []
    for word in (w for w in words if w):
        if joined and len(joined[-1]) == 1 and joined[-1][0] in particles and word[0].isalpha():
            core = [word[0]] if keep_core and joined[-1][0] not in QUERY_PARTICLES else []
            word = [joined.pop()[0] + word[0], *word[1:], *core]
        joined.append(word)
    return [[_unify_mc(p) for p in word] for word in joined]


def name_words(text: str) -> list[list[str]]:
    """A person's name as words of normalised parts: "Mac Donald-Smith" -> [["mcdonald", "smith"]]."""
    return words_of(fold(text), JOINED_PARTICLES, keep_core=True)


def compact(text: str) -> str:
    """A name as one token, the way a name heard is looked up: "Ó Briain" -> "obriain", "St John" -> "stjohn"."""
    return "".join(p for word in words_of(fold(text), JOINED_PARTICLES) for p in word)


def sound_codes(token: str) -> tuple[str, ...]:
    """How a token sounds: its Double Metaphone codes and NYSIIS code, each marked by kind (none when too short)."""
    if len(token) < MIN_SOUND or not token.isalpha():
        return ()
    primary, secondary = doublemetaphone(token)
    codes = {"d" + code for code in (primary, secondary) if len(code) >= 2}
    nysiis = jellyfish.nysiis(token)
    if len(nysiis) >= 2:
        codes.add("n" + nysiis)
    return tuple(sorted(codes))
