"""One validation for every value taken in: limits, paths named, hostile case files refused without a traceback."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from diary.cli import main
from diary.domain.validation import (
    InvalidValue,
    check,
    ends_after,
    load_json,
    read_json_file,
)
from diary.services.casefile import CaseFileError, export_document, read_casefile
from diary.services.casefile_schema import parse_document
from diary.services.diary_file import Diary


def test_rules_name_the_path_and_say_why() -> None:
    with pytest.raises(InvalidValue) as refused:
        check("appointment.minutes", 10**12, "people[0].appointments[0].minutes")
    assert refused.value.path == "people[0].appointments[0].minutes"
    assert str(refused.value) == "people[0].appointments[0].minutes: 1000000000000 is more than 720 minutes"
    assert check("appointment.minutes", 45) == 45
    with pytest.raises(InvalidValue, match=r"^every_weeks: -1 is less than 1 week$"):
        check("commitment.every_weeks", -1)
    with pytest.raises(InvalidValue, match="expected a whole number"):
        check("appointment.minutes", 45.5)
    with pytest.raises(InvalidValue, match="expected a whole number"):
        check("appointment.minutes", True)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_numbers_must_be_finite(value: float) -> None:
    with pytest.raises(InvalidValue, match="not a number the diary can keep"):
        check("appointment.hours_credited", value, "hours_credited")


def test_dates_between_1900_and_2100() -> None:
    assert check("date", "2026-11-23") == date(2026, 11, 23)
    assert check("time", "2026-11-23T10:30") == datetime(2026, 11, 23, 10, 30)
    with pytest.raises(InvalidValue, match="outside the years 1900 to 2100"):
        check("date", "1899-12-31", "dob")
    with pytest.raises(InvalidValue, match="outside the years 1900 to 2100"):
        check("time", datetime(9999, 1, 1), "start")
    with pytest.raises(InvalidValue, match="time zone"):
        check("time", "2026-11-23T10:30+01:00", "start")


def test_text_limits_surrogates_and_control_characters() -> None:
    with pytest.raises(InvalidValue, match="lone surrogate"):
        check("person.first_name", "Jo\ud800n", "first_name")
    with pytest.raises(InvalidValue, match="101 characters is more than the 100 allowed"):
        check("person.last_name", "x" * 101, "last_name")
    with pytest.raises(InvalidValue, match="control character"):
        check("person.first_name", "Jo\x00n", "first_name")
    with pytest.raises(InvalidValue, match="must not be empty"):
        check("person.first_name", "  ", "first_name")
    assert check("note.text", "line one\nline two\ttabbed") == "line one\nline two\ttabbed"
    message = str(InvalidValue("people[0].x\udc80", "unknown key"))
    message.encode("utf-8")


def test_ends_after() -> None:
    ends_after(date(2026, 1, 1), date(2026, 1, 1), "end_date", same_allowed=True)
    with pytest.raises(InvalidValue, match="^end_date: must be after the start$"):
        ends_after(date(2026, 1, 2), date(2026, 1, 1), "end_date", same_allowed=True)


def test_json_nesting_is_refused_before_parsing() -> None:
    with pytest.raises(InvalidValue, match="nests more than 32 levels"):
        load_json("[" * 100_000 + "]" * 100_000)
    assert load_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == {"a": "[" * 40}


def test_json_duplicate_keys_are_refused_by_path() -> None:
    with pytest.raises(InvalidValue, match=r"^people\[1\]\.crn: appears twice in the same object$"):
        load_json('{"people": [{"crn": "A"}, {"crn": "B", "crn": "C"}]}')


def test_json_size_is_limited_before_reading_it_all(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="larger than 1 MB"):
        read_json_file(Path("/dev/zero"), max_bytes=1024 * 1024)
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 600_000 + b"1]")
    with pytest.raises(InvalidValue, match="larger than 1 MB"):
        read_json_file(big, max_bytes=1024 * 1024)


def test_absurdly_long_numbers_are_refused() -> None:
    with pytest.raises(InvalidValue, match="more than 100 digits"):
        load_json("[" + "9" * 5000 + "]")


def _hostile(example: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    """The example case file with one value replaced (a dotted path, list indexes as numbers)."""
    doc = copy.deepcopy(example)
    target: Any = doc
    *parents, last = where.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = value
    return doc


HOSTILE = [
    ("commitments.0.every_weeks", -1, r"commitments\[0\]\.every_weeks: -1 is less than 1 week"),
    ("people.0.appointments.0.minutes", 10**12, r"people\[0\]\.appointments\[0\]\.minutes: .* is more than 720"),
    ("people.0.appointments.0.minutes", 10**30, r"people\[0\]\.appointments\[0\]\.minutes: a 31-digit number is more than 720 minutes"),
    ("people.0.reporting_frequency_days", -7, r"people\[0\]\.reporting_frequency_days: -7 is less than 1 day"),
    ("people.0.first_name", "Jo\ud800n", r"people\[0\]\.first_name: holds a broken character"),
    ("people.0.appointments.0.hours_credited", float("nan"), r"hours_credited: nan is not a number"),
    ("people.0.appointments.0.hours_credited", float("inf"), r"hours_credited: inf is not a number"),
    ("people.0.orders.0.end_date", "2025-01-01", r"people\[0\]\.orders\[0\]\.end_date: must be after the start"),
    ("people.0.date_of_birth", "0001-01-01", r"people\[0\]\.date_of_birth: 0001-01-01 is outside the years"),
    ("commitments.0.end", "2026-02-03T08:00", r"commitments\[0\]\.end: must be after the start"),
]


@pytest.mark.parametrize(("where", "value", "message"), HOSTILE, ids=[h[0] + "=" + repr(h[1])[:12] for h in HOSTILE])
def test_hostile_case_files_are_refused_with_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_casefile: dict[str, Any], where: str, value: Any, message: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile(example_casefile, where, value)), encoding="utf-8", errors="surrogatepass")
    with pytest.raises(CaseFileError, match=message):
        read_casefile(path)
    code = main(["--data-dir", str(tmp_path / "d"), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "Nothing was imported" in err
    assert main(["--data-dir", str(tmp_path / "d"), "export", "--out", str(tmp_path / "out.json")]) == 0
    assert json.loads((tmp_path / "out.json").read_text())["people"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests more than 32 levels"),
        ('{"format": "supervision-diary/casefile", "format": "x", "version": 1}', "format: appears twice"),
        ('{"format": "supervision-diary/casefile", "version": 1, "people": [{"crn": 1' + "0" * 30 + "}]}", "crn: expected text"),
    ],
)
def test_hostile_json_is_refused_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_dev_zero_is_refused_by_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "import", "/dev/zero"]) == 1
    assert "larger than 200 MB" in capsys.readouterr().err


def test_the_diary_export_passes_its_own_validation(diary: Diary, example_casefile: dict[str, Any]) -> None:
    from diary.services.casefile import import_document

    import_document(diary.db, parse_document(example_casefile))
    assert parse_document(load_json(json.dumps(export_document(diary.db))))["people"][0]["crn"] == "X123456"
