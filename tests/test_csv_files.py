"""CSV caseloads as spreadsheets really write them, and `diary import-csv` on the same checks as the window."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from diary.cli import main
from diary.services.casefile import export_document
from diary.services.csv_import import check_rows, suggest_mapping
from diary.services.csv_read import CsvImportError, parse_csv_bytes
from diary.services.diary_file import Diary, open_diary

SEMICOLONS = (
    'CRN;Surname;Forename(s);D.O.B;Address;Phone\r\n'
    'X123456;Smith;Jon;19/07/1994;"Flat 2; 14 High Street\r\nLeeds LS1 1AA";07700 900123\r\n'
    'Y234567;Nowak;Piotr;03/04/1985;"1 Mill Lane\nBradford; BD1 2AB";\r\n'
    'Z345678;O\'Brien;Siobhan;12/11/1979;"The Cottage, Back Lane; Otley";01943 123456\r\n'
)


def _write(path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.encode(encoding))
    return path


def test_semicolons_with_quoted_addresses_holding_separators_and_line_breaks() -> None:
    table = parse_csv_bytes(SEMICOLONS.encode())
    assert (table.delimiter, table.encoding, len(table.rows)) == (";", "UTF-8", 3)
    assert table.rows[0][4] == "Flat 2; 14 High Street\nLeeds LS1 1AA", "a CRLF inside quotes stays in the cell"
    assert table.rows[1][4] == "1 Mill Lane\nBradford; BD1 2AB", "so does a bare LF"
    assert table.rows[2][4] == "The Cottage, Back Lane; Otley"
    assert [row[0] for row in table.rows] == ["X123456", "Y234567", "Z345678"]


def test_commas_win_when_the_cells_hold_semicolons() -> None:
    text = 'CRN,Name,Address\nX123456,"Smith, Jon",Flat 2; High St; Leeds\nY234567,Piotr Nowak,1 Mill Lane; Bradford\n'
    table = parse_csv_bytes(text.encode())
    assert table.delimiter == ","
    assert table.rows[0] == ["X123456", "Smith, Jon", "Flat 2; High St; Leeds"]


def test_unicode_text_from_a_spreadsheet_is_utf16_with_tabs() -> None:
    text = "Case ref\tFamily name\tForename(s)\tDate of birth\tAddress\r\nX123456\tMüller\tJürgen\t01/02/1970\t\"Straße 1,\r\nLeeds\"\r\n"
    table = parse_csv_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert (table.encoding, table.delimiter) == ("UTF-16", "\t")
    assert table.rows == [["X123456", "Müller", "Jürgen", "01/02/1970", "Straße 1,\nLeeds"]]
    assert suggest_mapping(table.headers) == ["crn", "last_name", "first_name", "date_of_birth", "address"]


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [(codecs.BOM_UTF8 + "CRN,Name\nX1,Zoë\n".encode(), "UTF-8"), ("CRN,Name\nX1,Zoë\n".encode(), "UTF-8"),
     ("CRN,Name\nX1,Zoë\n".encode("cp1252"), "Windows-1252"),
     (codecs.BOM_UTF16_BE + "CRN,Name\nX1,Zoë\n".encode("utf-16-be"), "UTF-16")],
)
def test_each_encoding_spreadsheets_write(raw: bytes, encoding: str) -> None:
    table = parse_csv_bytes(raw)
    assert (table.encoding, table.headers, table.rows) == (encoding, ["CRN", "Name"], [["X1", "Zoë"]])


@pytest.mark.parametrize(
    ("heading", "field"),
    [("D.O.B", "date_of_birth"), ("D.O.B.", "date_of_birth"), ("Date of birth", "date_of_birth"),
     ("Date of Birth (dd/mm/yyyy)", "date_of_birth"), ("Date of brith", "date_of_birth"), ("Surname", "last_name"),
     ("Family name", "last_name"), ("FAMILY_NAME", "last_name"), ("Forename(s)", "first_name"),
     ("Firstname", "first_name"), ("Case ref", "crn"), ("Case Ref.", "crn"), ("C.R.N.", "crn"),
     ("Offender surname", "last_name"), ("Phone No.", "phone"), ("Tel. no", "phone"), ("Court name", "court"),
     ("Officer", None), ("Notes", None)],
)
def test_headings_are_matched_loosely(heading: str, field: str | None) -> None:
    assert suggest_mapping([heading]) == [field]


def test_a_field_goes_to_the_closest_heading_only_once() -> None:
    assert suggest_mapping(["Next of kin surname", "Surname", "Name"]) == [None, "last_name", "full_name"]


def test_a_one_column_file_is_refused_in_plain_words() -> None:
    with pytest.raises(CsvImportError, match="only one column"):
        parse_csv_bytes(b"just some words\nand more\n")


def test_a_row_wider_than_the_headings_is_refused(diary: Diary) -> None:
    table = parse_csv_bytes(b"CRN,Name,Address\nX123456,Jon Smith,1 High St, Leeds\nY234567,Piotr Nowak,Bradford\n")
    checks = check_rows(diary.db, table, suggest_mapping(table.headers))
    assert checks[0].problems[0].startswith("the row has 4 cells but there are 3 headings")
    assert checks[1].ready


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    """The semicolon file with one bad date."""
    return _write(tmp_path / "caseload.csv", SEMICOLONS.replace("03/04/1985", "30/02/1985"), "cp1252", codecs.BOM_UTF8)


def _snapshot(data_dir: Path) -> str:
    diary = open_diary(data_dir)
    try:
        return json.dumps(export_document(diary.db), sort_keys=True)
    finally:
        diary.close()


def _run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), "import-csv", *argv])


def test_dry_run_reports_like_the_window_and_writes_nothing(
    data_dir: Path, caseload: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(data_dir)
    assert _run(data_dir, str(caseload), "--dry-run", "--skip-bad-rows") == 0
    out = capsys.readouterr().out
    assert "3 rows, separated by semicolons" in out
    assert "D.O.B -> date_of_birth" in out and "Forename(s) -> first_name" in out
    assert "line 3: date of birth '30/02/1985' is not a date (use 19/07/1994 or 1994-07-19)" in out
    assert "Dry run: 2 people would be imported, leaving out 1 refused row. Nothing was written." in out
    assert _snapshot(data_dir) == before


def test_a_refused_row_stops_the_whole_import(data_dir: Path, caseload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(data_dir)
    assert _run(data_dir, str(caseload)) == 1
    captured = capsys.readouterr()
    assert "line 3: date of birth '30/02/1985'" in captured.out
    assert "1 row refused, so nothing was imported" in captured.err
    assert "--skip-bad-rows to import the 2 people that pass" in captured.err
    assert _snapshot(data_dir) == before


def test_skip_bad_rows_imports_the_rest(data_dir: Path, caseload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, str(caseload), "--skip-bad-rows") == 0
    assert "Imported 2 people from caseload.csv, leaving out 1 refused row." in capsys.readouterr().out
    people = {p["crn"]: p for p in json.loads(_snapshot(data_dir))["people"]}
    assert sorted(people) == ["X123456", "Z345678"]
    assert people["X123456"]["address"] == "Flat 2; 14 High Street\nLeeds LS1 1AA"
    assert people["Z345678"]["last_name"] == "O'Brien"


def test_map_names_columns_by_heading_or_number(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "odd.csv", "Ref no,Who,Born on,Key worker\nX123456,Jon Smith,19/07/1994,Ann\n")
    assert _run(data_dir, str(path), "--dry-run") == 1
    assert "map a CRN column" in capsys.readouterr().err
    assert _run(data_dir, str(path), "--map", "ref no=crn", "--map", "2=Full name", "--map", "Born on=dob") == 0
    out = capsys.readouterr().out
    assert "Ref no -> crn; Who -> full_name; Born on -> date_of_birth; Key worker -> ignored" in out
    people = json.loads(_snapshot(data_dir))["people"]
    assert [(p["crn"], p["first_name"], p["last_name"], p["date_of_birth"]) for p in people] == [
        ("X123456", "Jon", "Smith", "1994-07-19")
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [("Nothing=crn", "the file has no column 'Nothing'"), ("Who=shoe size", "'shoe size' is not a field"),
     ("crn", "write it as COLUMN=FIELD")],
)
def test_bad_map_options_are_named(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    path = _write(tmp_path / "odd.csv", "Ref no,Who\nX123456,Jon Smith\n")
    assert _run(data_dir, str(path), "--map", option) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_unreadable_file_is_refused_plainly(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, str(tmp_path / "missing.csv")) == 1
    assert "cannot read missing.csv" in capsys.readouterr().err


def test_rows_go_through_the_diarys_validation(diary: Diary) -> None:
    text = (
        "CRN,First name,Last name,DOB,Phone,Order,Order start,Order end\n"
        f"X123456,Jon,Smith,01/01/1850,{'0' * 70},CO,01/06/2026,01/01/2026\n"
        "Y234567,Zo\x07e,Nowak,01/01/1990,,,,\n"
    )
    table = parse_csv_bytes(text.encode())
    checks = check_rows(diary.db, table, suggest_mapping(table.headers))
    assert checks[0].problems == [
        "date of birth: 1850-01-01 is outside the years 1900 to 2100",
        "phone: 70 characters is more than the 64 allowed",
        "order end date: must be after the start",
    ]
    assert checks[1].problems == ["first name: holds a control character (U+0007)"]
