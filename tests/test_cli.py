"""The `diary` command line, as officers and their IT script it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from diary import __version__
from diary.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diary", "--data-dir", str(tmp_path / "d"), "check"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "ok\n")


def test_data_dir_from_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIARY_DATA_DIR", str(tmp_path / "env-dir"))
    assert run(capsys, "check")[:2] == (0, "ok\n")
    assert (tmp_path / "env-dir" / "diary.sqlite3").exists()


def test_import_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str], example_casefile: dict[str, Any]) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(example_casefile))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "a"), "import", str(source))
    assert code == 0 and out.startswith("Imported 1 person, 1 appointment")
    assert run(capsys, "--data-dir", str(tmp_path / "a"), "export", "--out", str(tmp_path / "a.json"))[0] == 0
    exported = json.loads((tmp_path / "a.json").read_text())
    assert exported["people"][0]["crn"] == "X123456"
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "a"), "import", str(source))
    assert code == 1 and "X123456 is already in the diary; use --replace" in err


def test_bad_import_names_the_path_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example_casefile: dict[str, Any]
) -> None:
    example_casefile["people"][0]["orders"][0]["type"] = "comunity_order"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(example_casefile))
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(bad))
    assert code == 1
    assert "people[0].orders[0].type: unknown value 'comunity_order'. Nothing was imported." in err
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "export", "--out", "-")[1].count('"crn"') == 0


def test_check_reports_a_damaged_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "diary.sqlite3").write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--data-dir", str(data), "check")
    assert code == 1 and "is not a diary database" in err


def test_demo_then_check_then_round_trip_is_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d, e = str(tmp_path / "d"), str(tmp_path / "e")
    code, out, _ = run(capsys, "--data-dir", d, "demo", "--people", "150", "--seed", "7")
    assert code == 0 and out.startswith("Imported 150 people")
    assert run(capsys, "--data-dir", d, "check")[:2] == (0, "ok\n")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "--data-dir", d, "export", "--out", str(first))[0] == 0
    assert run(capsys, "--data-dir", e, "import", str(first))[0] == 0
    assert run(capsys, "--data-dir", e, "export", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_demo_refuses_a_diary_with_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "d")
    assert run(capsys, "--data-dir", d, "demo", "--people", "3")[0] == 0
    code, _, err = run(capsys, "--data-dir", d, "demo")
    assert code == 1 and "already holds 3 people" in err
