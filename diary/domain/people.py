"""A person's details as the officer types them: checked, compared, and what counts as a significant change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from diary.domain import validation as check
from diary.domain.validation import FieldError
from diary.domain.vocab import RiskLevel

RISK_ORDER = {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3, RiskLevel.VERY_HIGH: 4}

FLAG_CHOICES: tuple[str, ...] = (
    "Domestic abuse",
    "Safeguarding: children",
    "Safeguarding: adults",
    "Self-harm risk",
    "Lone working: visit in pairs",
    "Weapons history",
)
"""Flags offered as ticks; an interpreter (with the language) and a disability (with what it is) have their own boxes."""
INTERPRETER = "Interpreter: "
DISABILITY = "Disability: "


@dataclass(frozen=True)
class Contact:
    """A family member or professional around the person."""

    name: str
    relationship: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class PersonEntry:
    """Everything the new-person form takes, checked."""

    first_name: str
    last_name: str
    crn: str
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    pnc: str | None = None
    phone: str | None = None
    address: str | None = None
    risk_level: RiskLevel | None = None
    tier: str | None = None
    mappa_category: int | None = None
    mappa_level: int | None = None
    mappa_review_date: date | None = None
    flags: tuple[str, ...] = ()
    personal_contacts: tuple[Contact, ...] = ()


FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "crn": "CRN",
    "aliases": "Also known as",
    "date_of_birth": "Date of birth",
    "pnc": "PNC number",
    "phone": "Phone",
    "address": "Address",
    "risk_level": "Risk of serious harm",
    "tier": "Tier",
    "mappa_category": "MAPPA category",
    "mappa_level": "MAPPA level",
    "mappa_review_date": "MAPPA review date",
    "flags": "Flags",
    "personal_contacts": "Personal contacts",
}
"""Each detail's name on the form and in the history."""


def read_person(raw: Mapping[str, str], today: date) -> PersonEntry:
    """A person from the form's text (empty text for what was not given); raises FieldError naming the field."""
    def value(key: str) -> str:
        return raw.get(key, "")

    mappa_category = _mappa(value("mappa_category"), "mappa_category", "category", 4)
    mappa_level = _mappa(value("mappa_level"), "mappa_level", "level", 3)
    if mappa_level is not None and mappa_category is None:
        raise FieldError("mappa_category", "MAPPA category", "give the category as well as the level.")
    risk = value("risk_level")
    if risk and risk not in RiskLevel.__members__.values():
        raise FieldError("risk_level", "Risk of serious harm", f"“{risk}” is not a risk level.")
    return PersonEntry(
        first_name=_required_name(value("first_name"), "first_name"),
        last_name=_required_name(value("last_name"), "last_name"),
        crn=check.crn(value("crn")),
        aliases=tuple(a for a in (check.text(line, "aliases", "Also known as", 200) for line in _lines(value("aliases"))) if a),
        date_of_birth=check.date_of_birth(check.typed_date(value("date_of_birth"), "date_of_birth", "Date of birth", today), today),
        pnc=check.pnc(value("pnc"), today),
        phone=check.text(value("phone"), "phone", "Phone", 64),
        address=check.text(value("address"), "address", "Address", 500),
        risk_level=RiskLevel(risk) if risk else None,
        tier=check.text(value("tier"), "tier", "Tier", 8),
        mappa_category=mappa_category,
        mappa_level=mappa_level,
        mappa_review_date=check.typed_date(value("mappa_review_date"), "mappa_review_date", "MAPPA review date", today),
        flags=tuple(f for f in (check.text(line, "flags", "Flags", 200) for line in _lines(value("flags"))) if f),
        personal_contacts=tuple(_contact(line) for line in _lines(value("personal_contacts"))),
    )


def _mappa(text: str, key: str, what: str, highest: int) -> int | None:
    """A MAPPA category (1 to 4) or level (1 to 3), or None."""
    number = check.whole_number(text, key, FIELD_LABELS[key])
    if number is not None and not 1 <= number <= highest:
        raise FieldError(key, FIELD_LABELS[key], f"{number} is not a MAPPA {what}: they run from 1 to {highest}.")
    return number


def _required_name(text: str, key: str) -> str:
    """A first or last name: required, at most 100 characters."""
    name = check.text(text, key, FIELD_LABELS[key], 100, required=True)
    assert name is not None
    return name


def _lines(text: str) -> list[str]:
    """The non-empty lines of a box."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _contact(line: str) -> Contact:
    """'Mary Smith; mother; 0113 496 0000' (relationship and phone optional)."""
    parts = [p.strip() for p in line.split(";")]
    if len(parts) > 3:
        raise FieldError("personal_contacts", "Personal contacts", f"“{line}”: give name; relationship; phone, separated by semicolons.")
    name, relationship, phone = (parts + ["", ""])[:3]
    return Contact(
        check.text(name, "personal_contacts", "Personal contacts (name)", 200, required=True) or "",
        check.text(relationship, "personal_contacts", "Personal contacts (relationship)", 100),
        check.text(phone, "personal_contacts", "Personal contacts (phone)", 64),
    )


def split_flags(flags: tuple[str, ...]) -> tuple[set[str], str, str, list[str]]:
    """A person's flags as the form shows them: ticked choices, interpreter language, disability, the rest."""
    ticked, language, disability, others = set(), "", "", []
    for flag in flags:
        if flag in FLAG_CHOICES:
            ticked.add(flag)
        elif flag.startswith(INTERPRETER) and not language:
            language = flag[len(INTERPRETER):]
        elif flag.startswith(DISABILITY) and not disability:
            disability = flag[len(DISABILITY):]
        else:
            others.append(flag)
    return ticked, language, disability, others


def join_flags(ticked: set[str], language: str, disability: str, others: list[str]) -> list[str]:
    """The flags to store, in the form's order: ticks, interpreter, disability, then the rest."""
    flags = [f for f in FLAG_CHOICES if f in ticked]
    if language.strip():
        flags.append(INTERPRETER + language.strip())
    if disability.strip():
        flags.append(DISABILITY + disability.strip())
    return flags + [o.strip() for o in others if o.strip()]


@dataclass(frozen=True)
class DetailChange:
    """One detail changed: which, from what, to what (as the officer reads them), and whether it is significant."""

    field: str
    label: str
    before: str | None
    after: str | None
    significant: bool


def changed_details(old: PersonEntry, new: PersonEntry) -> list[DetailChange]:
    """The details that differ between two versions of a person, in the form's order."""
    changes = []
    for f in fields(PersonEntry):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before == after:
            continue
        changes.append(DetailChange(f.name, FIELD_LABELS[f.name], show(before), show(after), is_significant(f.name, before, after)))
    return changes


def is_significant(field: str, before: object, after: object) -> bool:
    """A risk rise, or any change of MAPPA category or level, is a significant event that asks for a risk review."""
    if field in ("mappa_category", "mappa_level"):
        return True
    if field == "risk_level":
        rank_before = RISK_ORDER.get(RiskLevel(before), 0) if before else 0
        rank_after = RISK_ORDER.get(RiskLevel(after), 0) if after else 0
        return rank_after > rank_before
    return False


def show(value: object) -> str | None:
    """A detail's value as the history shows it."""
    if value is None or value == ():
        return None
    if isinstance(value, RiskLevel):
        return value.label
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, tuple):
        return "; ".join(show(v) or "" for v in value)
    if isinstance(value, Contact):
        return ", ".join(p for p in (value.name, value.relationship, value.phone) if p)
    return str(value)
