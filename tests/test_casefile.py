"""The case-file format: import, export, round trips and path-named refusals."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from diary.services.casefile import (
    CaseFileError,
    DuplicateCrnError,
    export_document,
    import_document,
    read_casefile,
)
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary, open_diary
from diary.store.models import Appointment, Person


def _count(diary: Diary, model: type) -> int:
    with diary.db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_example_imports_with_everything_linked(diary: Diary, example_casefile: dict[str, Any]) -> None:
    summary = import_document(diary.db, parse_document(example_casefile))
    assert (summary.people, summary.appointments, summary.contact_notes, summary.commitments) == (1, 1, 1, 1)
    with diary.db.session() as s:
        person = s.scalars(select(Person)).one()
        assert person.name == "Jon Smith"
        assert [a.name for a in person.aliases] == ["Johnny Smyth"]
        assert person.release_date.isoformat() == "2027-01-15"
        appt = person.appointments[0]
        assert appt.order.ref == "o1" and appt.requirement.ref == "r1" and appt.rar_activity
        assert [r.type for r in person.orders[0].requirements] == ["rar", "unpaid_work", "programme", "curfew"]


def test_export_then_import_into_empty_diary_gives_back_the_same(
    diary: Diary, tmp_path: Path, example_casefile: dict[str, Any]
) -> None:
    import_document(diary.db, parse_document(example_casefile))
    first = export_document(diary.db)
    other = open_diary(tmp_path / "other")
    import_document(other.db, parse_document(first))
    assert export_document(other.db) == first
    other.close()
    assert first["people"][0]["appointments"][0]["start"] == "2026-02-01T10:00"


def test_missing_optional_keys_take_their_defaults(diary: Diary) -> None:
    doc = {
        "format": "supervision-diary/casefile",
        "version": 1,
        "people": [{"crn": "A000001", "first_name": "Ann", "last_name": "Lee", "appointments": [{"start": "2026-12-01T09:00"}]}],
    }
    import_document(diary.db, parse_document(doc))
    with diary.db.session() as s:
        appt = s.scalars(select(Appointment)).one()
        assert (appt.minutes, appt.kind, appt.outcome, appt.rar_activity) == (60, "office", None, False)


BAD_CASES = [
    (("people", 0, "orders", 0, "type"), "comunity_order", "people[0].orders[0].type: unknown value 'comunity_order'"),
    (("people", 0, "crn"), "X12345", "people[0].crn: 'X12345' is not a CRN"),
    (("people", 0, "date_of_birth"), "31/02/1990", "people[0].date_of_birth: '31/02/1990' is not a date"),
    (("people", 0, "appointments", 0, "start"), "2026-02-30T10:00", "people[0].appointments[0].start"),
    (("people", 0, "appointments", 0, "order"), "o9", "people[0].appointments[0].order: no order with id 'o9'"),
    (("people", 0, "appointments", 0, "outcome"), "ATTENDED", "people[0].appointments[0].outcome: unknown value"),
    (("people", 0, "orders", 0, "requirements", 0, "max_days"), None, "people[0].orders[0].requirements[0].max_days: required"),
    (("people", 0, "first_name"), None, "people[0].first_name: required"),
    (("people", 0, "risk_level"), "extreme", "people[0].risk_level: unknown value 'extreme'"),
    (("commitments", 0, "kind"), "lunch", "commitments[0].kind: unknown value 'lunch'"),
    (("version",), 2, "version: this app reads version 1"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_CASES)
def test_bad_file_is_refused_whole_naming_the_path(
    diary: Diary, example_casefile: dict[str, Any], path: tuple[Any, ...], value: Any, message: str
) -> None:
    doc = copy.deepcopy(example_casefile)
    target = doc
    for step in path[:-1]:
        target = target[step]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    with pytest.raises(CaseFileError) as caught:
        import_document(diary.db, parse_document(doc))
    assert str(caught.value).startswith(message)
    assert _count(diary, Person) == 0


def test_unknown_key_is_an_error_not_dropped(example_casefile: dict[str, Any]) -> None:
    example_casefile["people"][0]["orders"][0]["requirements"][1]["hourz"] = 3
    with pytest.raises(CaseFileError, match=r"people\[0\]\.orders\[0\]\.requirements\[1\]\.hourz: unknown key"):
        parse_document(example_casefile)


def test_second_bad_person_means_nothing_is_written(diary: Diary, example_casefile: dict[str, Any]) -> None:
    good = copy.deepcopy(example_casefile["people"][0])
    bad = copy.deepcopy(good) | {"crn": "X654321"}
    bad["appointments"][0]["requirement"] = "r99"
    doc = example_casefile | {"people": [good, bad]}
    with pytest.raises(CaseFileError, match=r"people\[1\]\.appointments\[0\]\.requirement"):
        import_document(diary.db, parse_document(doc))
    assert _count(diary, Person) == 0


def test_existing_crn_refused_unless_replacing(diary: Diary, example_casefile: dict[str, Any]) -> None:
    import_document(diary.db, parse_document(example_casefile))
    changed = copy.deepcopy(example_casefile)
    changed["people"][0]["last_name"] = "Smythe"
    with pytest.raises(DuplicateCrnError, match="X123456 is already in the diary"):
        import_document(diary.db, parse_document(changed))
    summary = import_document(diary.db, parse_document(changed), replace=True)
    assert summary.replaced == ("X123456",)
    with diary.db.session() as s:
        assert [p.last_name for p in s.scalars(select(Person))] == ["Smythe"]
    assert _count(diary, Appointment) == 1


def test_export_one_person_by_crn(diary: Diary, example_casefile: dict[str, Any]) -> None:
    second = copy.deepcopy(example_casefile["people"][0]) | {"crn": "Y000002", "first_name": "Amy"}
    import_document(diary.db, parse_document(example_casefile | {"people": [example_casefile["people"][0], second]}))
    one = export_document(diary.db, "Y000002")
    assert [p["first_name"] for p in one["people"]] == ["Amy"]
    assert "commitments" not in one
    with pytest.raises(CaseFileError, match="No person with CRN Z999999"):
        export_document(diary.db, "Z999999")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "is not valid JSON"), (b"\xff\xfe\x00garbage", "not UTF-8"), (b"[1, 2]", "not a JSON object")],
)
def test_corrupt_files_get_a_plain_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CaseFileError, match=message):
        read_casefile(path)


def test_utf8_bom_is_accepted(tmp_path: Path, example_casefile: dict[str, Any]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(example_casefile).encode())
    assert read_casefile(path)["people"][0]["crn"] == "X123456"
