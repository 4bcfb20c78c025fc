"""A CRN is taken as officers type it (any case, with spaces) by every command that takes one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from diary.cli import main
from diary.domain.crn import crn_fragment, join_spaced_crns, normalise_crn

TYPED = ["x123456", " X 123 456 ", "x 123456", "X123 456", "x-123-456"]
"""The same CRN, X123456, as officers type it."""


@pytest.fixture
def data_dir(tmp_path: Path, example_casefile: dict[str, Any]) -> str:
    """A diary holding the example person (X123456), their case closed years ago, so erase may plan it."""
    doc = copy.deepcopy(example_casefile)
    person = doc["people"][0]
    person.pop("custody", None)
    person["orders"][0] |= {"start_date": "2019-01-10", "end_date": "2020-01-09"}
    person["orders"][0]["enforcement_actions"][0]["date"] = "2019-03-01"
    person["appointments"][0]["start"] = "2019-02-01T10:00"
    person["contact_notes"][0]["at"] = "2019-02-02T14:00"
    path = tmp_path / "closed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    directory = str(tmp_path / "data")
    assert main(["--data-dir", directory, "import", str(path)]) == 0
    return directory


def run(capsys: pytest.CaptureFixture[str], data_dir: str, *argv: str) -> tuple[int, str, str]:
    """Run a command on the diary; its exit code, standard output and standard error."""
    capsys.readouterr()
    code = main(["--data-dir", data_dir, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_normaliser_drops_spaces_and_folds_case() -> None:
    assert {normalise_crn(t) for t in TYPED} == {"X123456"}
    assert normalise_crn("x\u00a0123\t456") == "X123456"


def test_search_finds_crns_typed_in_pieces_and_in_part() -> None:
    assert join_spaced_crns("sean x 123 456") == "sean X123456"
    assert join_spaced_crns("x123 456") == "X123456"
    assert join_spaced_crns("smith 1996") == "smith 1996"
    assert crn_fragment("x12") == "X12"
    assert crn_fragment("12") is None
    assert crn_fragment("smith") is None


@pytest.mark.parametrize("typed", TYPED)
def test_export_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "export", "--crn", typed, "--out", "-")
    assert code == 0, err
    assert [p["crn"] for p in json.loads(out)["people"]] == ["X123456"]


@pytest.mark.parametrize("typed", TYPED)
def test_history_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "history", typed)
    assert code == 0, err
    assert "added the person's details" in out


@pytest.mark.parametrize("typed", TYPED)
def test_erase_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "erase", typed)
    assert code == 0, err
    assert "Would erase Jon Smith (X123456)" in out


@pytest.mark.parametrize("typed", TYPED)
def test_compliance_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "compliance", typed, "--json")
    assert code == 0, err
    assert json.loads(out)["crn"] == "X123456"


@pytest.mark.parametrize("typed", TYPED)
def test_court_check_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "court-check", *typed.split())
    assert code == 0, err
    assert out.startswith("Jon Smith (X123456)")


@pytest.mark.parametrize("typed", TYPED)
def test_search_takes_the_crn_as_typed(typed: str, data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "search", *typed.split(), "--json")
    assert code == 0, err
    first = json.loads(out)[0]
    assert (first["crn"], first["score"]) == ("X123456", 100.0)


def test_an_unknown_crn_is_named_in_its_stored_form(data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("history", "erase", "compliance"):
        code, out, err = run(capsys, data_dir, command, "z 999 999")
        assert code == 1
        assert "Z999999" in err and "Traceback" not in err
    code, _out, err = run(capsys, data_dir, "export", "--crn", "z 999 999", "--out", "-")
    assert code == 1 and "Z999999" in err
