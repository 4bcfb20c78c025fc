"""The case-file format's shape, and a validator that names the path of the first problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from diary.domain.vocab import (
    AppointmentKind,
    CommitmentKind,
    ContactNoteKind,
    EnforcementAction,
    OrderType,
    Outcome,
    RequirementType,
    RiskLevel,
)

FORMAT_NAME = "supervision-diary/casefile"
FORMAT_VERSION = 1
CRN_PATTERN = re.compile(r"^[A-Z][0-9]{6}$")


class CaseFileError(ValueError):
    """A case file that cannot be imported; the message names the path of the first problem."""


@dataclass(frozen=True)
class Field:
    """One key of an object in the case file: its type, whether it is required, its vocabulary."""

    kind: str
    required: bool = False
    values: frozenset[str] = frozenset()
    shape: dict[str, Field] = field(default_factory=dict)


def _enum(vocab: type, required: bool = False) -> Field:
    """A field whose value must be one of a vocabulary's values."""
    return Field("enum", required, frozenset(v.value for v in vocab))


REQUIREMENT = {
    "id": Field("str", True),
    "type": _enum(RequirementType, True),
    "max_days": Field("int"),
    "hours": Field("int"),
    "sessions": Field("int"),
    "name": Field("str"),
    "text": Field("str"),
}
ENFORCEMENT_ACTION = {
    "date": Field("date", True),
    "action": _enum(EnforcementAction, True),
    "note": Field("str"),
}
ORDER = {
    "id": Field("str", True),
    "type": _enum(OrderType, True),
    "start_date": Field("date"),
    "end_date": Field("date"),
    "court": Field("str"),
    "requirements": Field("list", shape=REQUIREMENT),
    "enforcement_actions": Field("list", shape=ENFORCEMENT_ACTION),
}
APPOINTMENT = {
    "start": Field("datetime", True),
    "minutes": Field("int"),
    "kind": _enum(AppointmentKind),
    "location": Field("str"),
    "order": Field("str"),
    "requirement": Field("str"),
    "rar_activity": Field("bool"),
    "outcome": _enum(Outcome),
    "evidence_due": Field("date"),
    "hours_credited": Field("number"),
    "minutes_spent": Field("int"),
    "rescheduled_by": Field("enum", values=frozenset({"person", "service"})),
    "reschedule_reason": Field("str"),
    "notes": Field("str"),
    "entered_nationally_at": Field("datetime"),
}
CONTACT_NOTE = {
    "at": Field("datetime", True),
    "kind": _enum(ContactNoteKind),
    "text": Field("str"),
    "sensitive": Field("bool"),
    "minutes_spent": Field("int"),
    "entered_nationally_at": Field("datetime"),
}
PERSONAL_CONTACT = {
    "name": Field("str", True),
    "relationship": Field("str"),
    "phone": Field("str"),
}
PERSON = {
    "crn": Field("crn", True),
    "first_name": Field("str", True),
    "last_name": Field("str", True),
    "aliases": Field("strlist"),
    "date_of_birth": Field("date"),
    "pnc": Field("str"),
    "risk_level": _enum(RiskLevel),
    "tier": Field("str"),
    "mappa": Field(
        "object",
        shape={"category": Field("int"), "level": Field("int"), "review_date": Field("date")},
    ),
    "phone": Field("str"),
    "address": Field("str"),
    "flags": Field("strlist"),
    "custody": Field("object", shape={"prison": Field("str"), "release_date": Field("date")}),
    "sentence_date": Field("date"),
    "licence_expiry": Field("date"),
    "sentence_expiry": Field("date"),
    "pss_end": Field("date"),
    "reporting_frequency_days": Field("int"),
    "personal_contacts": Field("list", shape=PERSONAL_CONTACT),
    "orders": Field("list", shape=ORDER),
    "appointments": Field("list", shape=APPOINTMENT),
    "contact_notes": Field("list", shape=CONTACT_NOTE),
}
COMMITMENT = {
    "start": Field("datetime", True),
    "end": Field("datetime", True),
    "kind": _enum(CommitmentKind, True),
    "title": Field("str"),
    "every_weeks": Field("int"),
    "repeat_until": Field("date"),
    "exceptions": Field("datelist"),
}
DOCUMENT = {
    "format": Field("str", True),
    "version": Field("int", True),
    "people": Field("list", shape=PERSON),
    "commitments": Field("list", shape=COMMITMENT),
}


def parse_document(doc: Any) -> dict[str, Any]:
    """Check a whole case file and return it with dates and times parsed; raises CaseFileError."""
    if not isinstance(doc, dict):
        raise CaseFileError("the file is not a JSON object")
    parsed = _parse_object(doc, DOCUMENT, "")
    if parsed["format"] != FORMAT_NAME:
        raise CaseFileError(f"format: expected '{FORMAT_NAME}', found '{parsed['format']}'")
    if parsed["version"] != FORMAT_VERSION:
        raise CaseFileError(f"version: this app reads version {FORMAT_VERSION}, the file is version {parsed['version']}")
    seen: dict[str, int] = {}
    for index, person in enumerate(parsed.get("people") or []):
        _check_person(person, f"people[{index}]")
        if person["crn"] in seen:
            raise CaseFileError(f"people[{index}].crn: {person['crn']} appears twice (also people[{seen[person['crn']]}])")
        seen[person["crn"]] = index
    for index, commitment in enumerate(parsed.get("commitments") or []):
        if commitment["end"] <= commitment["start"]:
            raise CaseFileError(f"commitments[{index}].end: must be after start")
    return parsed


def _check_person(person: dict[str, Any], path: str) -> None:
    """Cross-field rules: unique ids, measures present, appointments pointing at real orders."""
    ids: set[str] = set()
    requirement_order: dict[str, str] = {}
    for o_index, order in enumerate(person.get("orders") or []):
        o_path = f"{path}.orders[{o_index}]"
        if order["id"] in ids:
            raise CaseFileError(f"{o_path}.id: '{order['id']}' is used twice in this person")
        ids.add(order["id"])
        for r_index, req in enumerate(order.get("requirements") or []):
            r_path = f"{o_path}.requirements[{r_index}]"
            if req["id"] in ids:
                raise CaseFileError(f"{r_path}.id: '{req['id']}' is used twice in this person")
            ids.add(req["id"])
            requirement_order[req["id"]] = order["id"]
            measure = RequirementType(req["type"]).measure
            if measure and req.get(measure) is None:
                raise CaseFileError(f"{r_path}.{measure}: required for a {req['type']} requirement")
    orders = {order["id"] for order in person.get("orders") or []}
    for a_index, appt in enumerate(person.get("appointments") or []):
        a_path = f"{path}.appointments[{a_index}]"
        order_ref, req_ref = appt.get("order"), appt.get("requirement")
        if order_ref is not None and order_ref not in orders:
            raise CaseFileError(f"{a_path}.order: no order with id '{order_ref}'")
        if req_ref is not None:
            if req_ref not in requirement_order:
                raise CaseFileError(f"{a_path}.requirement: no requirement with id '{req_ref}'")
            if order_ref is not None and requirement_order[req_ref] != order_ref:
                raise CaseFileError(f"{a_path}.requirement: '{req_ref}' belongs to order '{requirement_order[req_ref]}'")
        if appt.get("minutes") is not None and appt["minutes"] <= 0:
            raise CaseFileError(f"{a_path}.minutes: must be more than 0")


def _parse_object(obj: Any, shape: dict[str, Field], path: str) -> dict[str, Any]:
    """Check one object against its shape, naming unknown and missing keys by path."""
    if not isinstance(obj, dict):
        raise CaseFileError(f"{path or 'file'}: expected an object")
    for key in obj:
        if key not in shape:
            raise CaseFileError(f"{_join(path, key)}: unknown key")
    out: dict[str, Any] = {}
    for key, spec in shape.items():
        value = obj.get(key)
        key_path = _join(path, key)
        if value is None:
            if spec.required:
                raise CaseFileError(f"{key_path}: required")
            continue
        out[key] = _parse_value(value, spec, key_path)
    return out


def _parse_value(value: Any, spec: Field, path: str) -> Any:
    """Check and convert one value."""
    kind = spec.kind
    if kind in ("str", "crn"):
        if not isinstance(value, str):
            raise CaseFileError(f"{path}: expected text")
        if kind == "crn" and not CRN_PATTERN.match(value):
            raise CaseFileError(f"{path}: '{value}' is not a CRN (a capital letter and six digits)")
        if spec.required and not value.strip():
            raise CaseFileError(f"{path}: must not be empty")
        return value
    if kind == "enum":
        if not isinstance(value, str) or value not in spec.values:
            raise CaseFileError(f"{path}: unknown value {value!r}")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise CaseFileError(f"{path}: expected a whole number")
        return value
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CaseFileError(f"{path}: expected a number")
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise CaseFileError(f"{path}: expected true or false")
        return value
    if kind == "date":
        return _parse_date(value, path)
    if kind == "datetime":
        return _parse_datetime(value, path)
    if kind in ("strlist", "datelist"):
        if not isinstance(value, list):
            raise CaseFileError(f"{path}: expected a list")
        item = Field("str") if kind == "strlist" else Field("date")
        return [_parse_value(v, item, f"{path}[{i}]") for i, v in enumerate(value)]
    if kind == "object":
        return _parse_object(value, spec.shape, path)
    if kind == "list":
        if not isinstance(value, list):
            raise CaseFileError(f"{path}: expected a list")
        return [_parse_object(v, spec.shape, f"{path}[{i}]") for i, v in enumerate(value)]
    raise AssertionError(f"unhandled field kind {kind}")


def _parse_date(value: Any, path: str) -> date:
    """An ISO 8601 calendar date."""
    if not isinstance(value, str):
        raise CaseFileError(f"{path}: expected a date like 2026-11-23")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseFileError(f"{path}: '{value}' is not a date like 2026-11-23") from None


def _parse_datetime(value: Any, path: str) -> datetime:
    """An ISO 8601 local wall-clock time, without a zone."""
    if not isinstance(value, str) or "T" not in value:
        raise CaseFileError(f"{path}: expected a local time like 2026-11-23T10:30")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CaseFileError(f"{path}: '{value}' is not a time like 2026-11-23T10:30") from None
    if parsed.tzinfo is not None:
        raise CaseFileError(f"{path}: times are local wall-clock, without a time zone")
    return parsed


def _join(path: str, key: str) -> str:
    """Join a parent path and a key."""
    return f"{path}.{key}" if path else key


def format_datetime(value: datetime) -> str:
    """A local time as the case file writes it (minutes, or seconds when there are any)."""
    return value.isoformat(timespec="seconds" if value.second else "minutes")
