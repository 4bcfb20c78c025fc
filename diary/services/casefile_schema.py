"""The case-file format's shape, and a validator that names the path of the first problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from diary.domain.validation import (
    CRN_REGEX,
    RULES,
    Choice,
    InvalidValue,
    Rule,
    Text,
    WholeNumber,
    check_keys,
    ends_after,
    shown,
)

from diary.domain.vocab import (
    AppointmentKind,
    CommitmentKind,
    ContactNoteKind,
    CourtOutcome,
    EnforcementAction,
    OrderType,
    Outcome,
    RequirementType,
    RiskLevel,
)

FORMAT_NAME = "supervision-diary/casefile"
FORMAT_VERSION = 1
CRN_PATTERN = re.compile(rf"^{CRN_REGEX}$")


class CaseFileError(ValueError):
    """A case file that cannot be imported; the message names the path of the first problem."""


@dataclass(frozen=True)
class Field:
    """One key of an object in the case file: a rule for its value, or the shape of an object or list under it."""

    rule: Rule | None = None
    required: bool = False
    shape: dict[str, Field] = field(default_factory=dict)
    many: bool = False


def _value(rule: str | Rule, required: bool = False, many: bool = False) -> Field:
    """A key holding one value (or, with `many`, a list of values) checked by a validation rule."""
    return Field(RULES[rule] if isinstance(rule, str) else rule, required, many=many)


def _enum(vocab: type, required: bool = False) -> Field:
    """A field whose value must be one of a vocabulary's values."""
    return Field(Choice(frozenset(v.value for v in vocab)), required)


def _objects(shape: dict[str, Field]) -> Field:
    """A key holding a list of objects of one shape."""
    return Field(shape=shape, many=True)


_DATE = _value("date")
_TIME = _value("time")
_BOOL = _value("flag")

REQUIREMENT = {
    "id": _value("requirement.id", True),
    "type": _enum(RequirementType, True),
    "max_days": _value("requirement.max_days"),
    "hours": _value("requirement.hours"),
    "sessions": _value("requirement.sessions"),
    "name": _value("requirement.name"),
    "text": _value("requirement.text"),
    "added_on": _DATE,
}
ENFORCEMENT_ACTION = {
    "date": _value("date", True),
    "action": _enum(EnforcementAction, True),
    "note": _value("enforcement.note"),
    "court_outcome": _enum(CourtOutcome),
    "court": _value("order.court"),
}
ORDER = {
    "id": _value("order.id", True),
    "type": _enum(OrderType, True),
    "start_date": _DATE,
    "end_date": _DATE,
    "court": _value("order.court"),
    "requirements": _objects(REQUIREMENT),
    "enforcement_actions": _objects(ENFORCEMENT_ACTION),
}
APPOINTMENT = {
    "start": _value("time", True),
    "minutes": _value("appointment.minutes"),
    "kind": _enum(AppointmentKind),
    "location": _value("appointment.location"),
    "order": _value("order.id"),
    "requirement": _value("requirement.id"),
    "rar_activity": _BOOL,
    "outcome": _enum(Outcome),
    "evidence_due": _DATE,
    "hours_credited": _value("appointment.hours_credited"),
    "minutes_spent": _value("appointment.minutes_spent"),
    "rescheduled_by": Field(Choice(frozenset({"person", "service"}))),
    "reschedule_reason": _value("appointment.reschedule_reason"),
    "notes": _value("appointment.notes"),
    "entered_nationally_at": _TIME,
}
CONTACT_NOTE = {
    "at": _value("time", True),
    "kind": _enum(ContactNoteKind),
    "text": _value("note.text"),
    "sensitive": _BOOL,
    "minutes_spent": _value("note.minutes_spent"),
    "entered_nationally_at": _TIME,
}
PERSONAL_CONTACT = {
    "name": _value("contact.name", True),
    "relationship": _value("contact.relationship"),
    "phone": _value("contact.phone"),
}
PERSON = {
    "crn": _value("person.crn", True),
    "first_name": _value("person.first_name", True),
    "last_name": _value("person.last_name", True),
    "aliases": _value("person.alias", many=True),
    "date_of_birth": _value("person.date_of_birth"),
    "pnc": _value("person.pnc"),
    "risk_level": _enum(RiskLevel),
    "tier": _value("person.tier"),
    "mappa": Field(
        shape={
            "category": _value("person.mappa_category"),
            "level": _value("person.mappa_level"),
            "review_date": _DATE,
        },
    ),
    "phone": _value("person.phone"),
    "address": _value("person.address"),
    "flags": _value("person.flag", many=True),
    "custody": Field(shape={"prison": _value("person.prison"), "release_date": _DATE}),
    "sentence_date": _DATE,
    "licence_expiry": _DATE,
    "sentence_expiry": _DATE,
    "pss_end": _DATE,
    "reporting_frequency_days": _value("person.reporting_frequency_days"),
    "personal_contacts": _objects(PERSONAL_CONTACT),
    "orders": _objects(ORDER),
    "appointments": _objects(APPOINTMENT),
    "contact_notes": _objects(CONTACT_NOTE),
}
COMMITMENT = {
    "start": _value("time", True),
    "end": _value("time", True),
    "kind": _enum(CommitmentKind, True),
    "title": _value("commitment.title"),
    "every_weeks": _value("commitment.every_weeks"),
    "repeat_until": _DATE,
    "exceptions": _value("date", many=True),
}
DOCUMENT = {
    "format": Field(Text(100), True),
    "version": Field(WholeNumber(0, 10**6), True),
    "people": _objects(PERSON),
    "commitments": _objects(COMMITMENT),
}


def parse_document(doc: Any) -> dict[str, Any]:
    """Check a whole case file and return it with dates and times parsed; raises CaseFileError naming the path."""
    try:
        return _parse_document(doc)
    except InvalidValue as exc:
        raise CaseFileError(str(exc)) from None


def _parse_document(doc: Any) -> dict[str, Any]:
    """parse_document's work, raising InvalidValue."""
    if not isinstance(doc, dict):
        raise InvalidValue("", "the file is not a JSON object")
    parsed = _parse_object(doc, DOCUMENT, "")
    if parsed["format"] != FORMAT_NAME:
        raise InvalidValue("format", f"expected '{FORMAT_NAME}', found {shown(parsed['format'])}")
    if parsed["version"] != FORMAT_VERSION:
        raise InvalidValue("version", f"this app reads version {FORMAT_VERSION}, the file is version {parsed['version']}")
    seen: dict[str, int] = {}
    for index, person in enumerate(parsed.get("people") or []):
        _check_person(person, f"people[{index}]")
        if person["crn"] in seen:
            raise InvalidValue(f"people[{index}].crn", f"{person['crn']} appears twice (also people[{seen[person['crn']]}])")
        seen[person["crn"]] = index
    for index, commitment in enumerate(parsed.get("commitments") or []):
        path = f"commitments[{index}]"
        ends_after(commitment["start"], commitment["end"], f"{path}.end")
        ends_after(commitment["start"].date(), commitment.get("repeat_until"), f"{path}.repeat_until", same_allowed=True)
    return parsed


def _check_person(person: dict[str, Any], path: str) -> None:
    """Cross-field rules: unique ids, measures present, orders ending after they start, appointments pointing at real orders."""
    ids: set[str] = set()
    requirement_order: dict[str, str] = {}
    for o_index, order in enumerate(person.get("orders") or []):
        o_path = f"{path}.orders[{o_index}]"
        if order["id"] in ids:
            raise InvalidValue(f"{o_path}.id", f"{shown(order['id'])} is used twice in this person")
        ids.add(order["id"])
        ends_after(order.get("start_date"), order.get("end_date"), f"{o_path}.end_date", same_allowed=True)
        for r_index, req in enumerate(order.get("requirements") or []):
            r_path = f"{o_path}.requirements[{r_index}]"
            if req["id"] in ids:
                raise InvalidValue(f"{r_path}.id", f"{shown(req['id'])} is used twice in this person")
            ids.add(req["id"])
            requirement_order[req["id"]] = order["id"]
            measure = RequirementType(req["type"]).measure
            if measure and req.get(measure) is None:
                raise InvalidValue(f"{r_path}.{measure}", f"required for a {req['type']} requirement")
    orders = {order["id"] for order in person.get("orders") or []}
    for a_index, appt in enumerate(person.get("appointments") or []):
        a_path = f"{path}.appointments[{a_index}]"
        order_ref, req_ref = appt.get("order"), appt.get("requirement")
        if order_ref is not None and order_ref not in orders:
            raise InvalidValue(f"{a_path}.order", f"no order with id {shown(order_ref)}")
        if req_ref is not None:
            if req_ref not in requirement_order:
                raise InvalidValue(f"{a_path}.requirement", f"no requirement with id {shown(req_ref)}")
            if order_ref is not None and requirement_order[req_ref] != order_ref:
                raise InvalidValue(f"{a_path}.requirement", f"{shown(req_ref)} belongs to order {shown(requirement_order[req_ref])}")


def _parse_object(obj: Any, shape: dict[str, Field], path: str) -> dict[str, Any]:
    """Check one object against its shape, naming unknown and missing keys by path."""
    if not isinstance(obj, dict):
        raise InvalidValue(path or "file", "expected an object")
    check_keys(obj, shape, path)
    out: dict[str, Any] = {}
    for key, spec in shape.items():
        value = obj.get(key)
        key_path = _join(path, key)
        if value is None:
            if spec.required:
                raise InvalidValue(key_path, "required")
            continue
        out[key] = _parse_value(value, spec, key_path)
    return out


def _parse_value(value: Any, spec: Field, path: str) -> Any:
    """Check and convert one value (or list of values) by its rule or shape."""
    if spec.many:
        if not isinstance(value, list):
            raise InvalidValue(path, "expected a list")
        one = Field(spec.rule, shape=spec.shape)
        return [_parse_value(item, one, f"{path}[{i}]") for i, item in enumerate(value)]
    if spec.rule is None:
        return _parse_object(value, spec.shape, path)
    return spec.rule.check(value, path)


def _join(path: str, key: str) -> str:
    """Join a parent path and a key."""
    return f"{path}.{key}" if path else key


def format_datetime(value: datetime) -> str:
    """A local time as the case file writes it (minutes, or seconds when there are any)."""
    return value.isoformat(timespec="seconds" if value.second else "minutes")
