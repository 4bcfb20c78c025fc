"""Finding people as officers type them: misspelt, reversed, without apostrophes, by CRN or date of birth."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from diary.cli import main
from diary.domain.compliance_state import StateKind
from diary.domain.search import PersonRecord, SearchIndex, build_index, parse_query, query
from diary.services.casefile import import_document
from diary.services.casefile_schema import parse_document
from diary.services.enforcement_actions import record_enforcement_action
from diary.services.diary_file import Diary, open_diary
from diary.services.documents import PHOTO, attach_bytes
from diary.services.search import build_search_index, refresh_people, search_people
from diary.store.models import Person, SentenceOrder
from search_fixture import casefile_document, load_people, release_date


PEOPLE = load_people()
NAMES = {p.id: f"{p.first_name} {p.last_name}" for p in PEOPLE}

# (what the officer types, whom they mean)
QUERIES: list[tuple[str, str]] = [
    # misspellings and swapped letters
    ("Kowalsky", "Piotr Kowalski"),
    ("piotr kowlaski", "Piotr Kowalski"),
    ("Wojcick", "Krzysztof Wójcik"),
    ("Kristof Wojcik", "Krzysztof Wójcik"),
    ("Wisnewska", "Katarzyna Wiśniewska"),
    ("Popescue", "Andrei Popescu"),
    ("Petrauskus", "Jonas Petrauskas"),
    ("Okonkow", "Chidi Okonkwo"),
    ("Oluwaseun Adeyemmi", "Oluwaseun Adeyemi"),
    ("Papadopolous", "Nikos Papadopoulos"),
    ("Gareth Lewellyn", "Gareth Llewellyn"),
    ("Sian Griffith", "Siân Griffiths"),
    ("Dafyd Pritchard", "Dafydd Pritchard"),
    ("Padraig Quin", "Pádraig Quinn"),
    ("Tommy Maughn", "Tommy Maughan"),
    ("Mehmet Yilmas", "Mehmet Yılmaz"),
    ("Jermaine Thomson", "Jermaine Thompson"),
    ("Fadumo Hasan", "Fadumo Hassan"),
    ("Kwame Mensa", "Kwame Mensah"),
    ("Chinedu Okafur", "Chinedu Okafor"),
    ("Precious Mutassa", "Precious Mutasa"),
    ("Danial Taylor", "Daniel Taylor"),
    ("Nathan Clarke", "Nathan Clark"),
    ("Reece Bennet", "Reece Bennett"),
    ("Rhys Evens", "Rhys Evans"),
    ("Harpret Kour", "Harpreet Kaur"),
    ("Gurpreet Sing", "Gurpreet Singh"),
    ("Abigale Fairclogh", "Abigail Fairclough"),
    ("Chantel Jonson", "Chantelle Johnson"),
    ("Kieron Johnstone", "Kieran Johnston"),
    # accents, apostrophes and hyphens left out or added
    ("katarzyna wisniewska", "Katarzyna Wiśniewska"),
    ("Joao Silva", "João Silva"),
    ("Zoe Clark", "Zoë Clarke"),
    ("Renee Dubois", "Renée Dubois"),
    ("Ionut Dumitru", "Ionuț Dumitru"),
    ("Siobhan O Brien", "Siobhan O'Brien"),
    ("Thomas Oneil", "Thomas O'Neill"),
    ("Terence Dsouza", "Terence D'Souza"),
    ("Luke Desouza", "Luke De Souza"),
    ("Ahmed Alsayed", "Ahmed Al-Sayed"),
    ("Ahmed Al Sayed", "Ahmed Al-Sayed"),
    ("Jordan Smithjones", "Jordan Smith-Jones"),
    ("Kellymarie Price", "Kelly-Marie Price"),
    ("Kerry Ann Jackson", "Kerry-Ann Jackson"),
    # name order reversed
    ("obrien sean", "Sean O'Brien"),
    ("Hughes Davies Lloyd", "Lloyd Hughes-Davies"),
    ("Rees Bethan", "Bethan Rees"),
    ("Nguyen Minh", "Minh Nguyen"),
    ("Petrauskas, Jonas", "Jonas Petrauskas"),
    # Mc and Mac
    ("Callum Macdonald", "Callum McDonald"),
    ("Kirsty McDonald", "Kirsty MacDonald"),
    ("Mackenzie Fraser", "Fraser McKenzie"),
    ("Angus Mcleod", "Angus MacLeod"),
    ("Duncan Mackintosh", "Duncan McIntosh"),
    ("Michael Mac Donagh", "Michael McDonagh"),
    # common spelling variants
    ("Mohamed Khan", "Mohammed Khan"),
    ("Mohammad Kahn", "Mohammed Khan"),
    ("Muhammad Hussein", "Mohammed Hussain"),
    ("Mohammed Iqbal", "Muhammad Iqbal"),
    ("Mohammed Aly", "Mohamed Ali"),
    ("Tariq Mehmood", "Tariq Mahmood"),
    ("Hamza Choudhry", "Hamza Chaudhry"),
    ("Abdul Rehman", "Abdul Rahman"),
    ("Steven Hughes", "Stephen Hughes"),
    ("Katherine Walsh", "Catherine Walsh"),
    ("Cathryn Welch", "Kathryn Welsh"),
    ("Shawn Murphy", "Shaun Murphy"),
    ("Shawn Obrien", "Sean O'Brien"),
    ("Phillip Jenkins", "Philip Jenkins"),
    ("Jeffrey Parker", "Geoffrey Parker"),
    ("Leigh Harrison", "Lee Harrison"),
    ("Jonathon Smith", "Jonathan Smith"),
    ("Neeve Docherty", "Niamh Doherty"),
    ("Guiseppe Russo", "Giuseppe Russo"),
    ("Yousef Ibrahim", "Yusuf Ibrahim"),
    # aliases
    ("Seun Adeyemi", "Oluwaseun Adeyemi"),
    ("Abdi Farrah", "Abdirahman Farah"),
    ("Dany Conners", "Danielle Ward"),
    ("Johnny Smyth", "John Smith"),
    ("Kelly Marie Doherty", "Kelly-Marie Price"),
    ("Nguyen Thi Lan", "Lan Nguyen"),
    # fragments, as typed so far
    ("kowal", "Piotr Kowalski"),
    ("petrau", "Jonas Petrauskas"),
    ("fairbro", "Paul Fairbrother"),
    ("wis", "Katarzyna Wiśniewska"),
    ("moh kh", "Mohammed Khan"),
    ("ab far", "Abdirahman Farah"),
    # CRN whole, fragment, mistyped
    ("g977259", "Piotr Kowalski"),
    ("97725", "Piotr Kowalski"),
    ("Z865381", "Tomasz Nowak"),
    ("H2737", "Jonas Petrauskas"),
    ("Smith 8303", "Chloe Smith"),
    ("R249 015", "Marcus Campbell"),
    # dates of birth
    ("19/07/1994", "Sean O'Brien"),
    ("19-7-94", "Sean O'Brien"),
    ("1994-07-19", "Sean O'Brien"),
    ("18.5.97", "Tomasz Nowak"),
    ("24 Dec 1971", "Jonas Petrauskas"),
    ("24071984", "Precious Mutasa"),
    ("3/2/1988", "John Smith"),
    ("Smith 12/03/1990", "Chloe Smith"),
    ("Smith 3/12/1990", "Joanne Smith"),
    ("Khan 1979", "Imran Khan"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index(PEOPLE)


def _ranked(index: SearchIndex, text: str) -> list[str]:
    return [NAMES[r.person_id] for r in query(index, text, limit=10)]


def test_the_fixture_is_a_realistic_caseload() -> None:
    assert len(PEOPLE) >= 150
    assert len(set(NAMES.values())) == len(PEOPLE)
    assert len(QUERIES) >= 40
    assert {who for _, who in QUERIES} <= set(NAMES.values())


def test_misspelt_queries_find_the_intended_person_first_in_nine_of_ten_and_always_in_the_top_three(
    index: SearchIndex,
) -> None:
    ranks = {text: _ranked(index, text) for text, _ in QUERIES}
    not_top_three = [(text, who, ranks[text][:3]) for text, who in QUERIES if who not in ranks[text][:3]]
    first = sum(1 for text, who in QUERIES if ranks[text][:1] == [who])
    assert not_top_three == []
    assert first / len(QUERIES) >= 0.9, [(t, w, ranks[t][:3]) for t, w in QUERIES if ranks[t][:1] != [w]]


def test_results_are_best_first_with_scores_out_of_a_hundred(index: SearchIndex) -> None:
    results = query(index, "smith", limit=10)
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(65 <= s <= 100 for s in scores)
    assert {"Chloe Smith", "John Smith", "Joanne Smith", "Jonathan Smith"} <= {NAMES[r.person_id] for r in results}


def test_the_result_says_what_matched(index: SearchIndex) -> None:
    assert query(index, "Johnny Smyth")[0].matched == "alias Johnny Smyth"
    assert query(index, "Smith 12/03/1990")[0].matched == "name · date of birth"
    assert query(index, "97725")[0].matched == "CRN"


def test_day_and_month_typed_the_other_way_round_still_find_the_person_lower_down(index: SearchIndex) -> None:
    results = query(index, "12/03/1990")
    assert [NAMES[r.person_id] for r in results] == ["Chloe Smith", "Joanne Smith"]
    assert results[0].score > results[1].score


def test_nonsense_and_impossible_dates_find_nobody(index: SearchIndex) -> None:
    assert query(index, "zzqxv") == []
    assert query(index, "31/02/1990") == []
    assert query(index, "   ") == []


def test_the_limit_is_kept(index: SearchIndex) -> None:
    assert len(query(index, "a", limit=5)) == 5


def test_dates_are_read_day_first_in_every_usual_form() -> None:
    for text in ("19/07/1994", "19-7-94", "1994-07-19", "19.07.1994", "19 July 1994", "19 07 1994", "19071994"):
        (pattern,) = parse_query(text).dates
        assert pattern.matches(date(1994, 7, 19)), text
        assert not pattern.matches(date(1994, 7, 18)), text


def test_the_index_follows_edits() -> None:
    index = build_index(PEOPLE[:3])
    index.upsert(PersonRecord(99, "Q000001", "Brand", "Newperson"))
    assert [r.person_id for r in query(index, "newpersen")] == [99]
    index.upsert(PersonRecord(99, "Q000001", "Brand", "Renamed"))
    assert query(index, "newperson") == []
    assert [r.person_id for r in query(index, "renamed")] == [99]
    index.remove(99)
    assert query(index, "renamed") == []


def test_the_service_index_follows_a_rename_and_rows_carry_the_photo_flag(diary: Diary) -> None:
    import_document(diary.db, parse_document(casefile_document(date.today())))
    index = build_search_index(diary.db)
    assert len(index) == len(PEOPLE)
    khan = search_people(diary.db, index, "Imran Kahn")[0]
    assert (khan.name, khan.has_photo, khan.facts.key_date_label) == ("Imran Khan", False, "Order end")
    attach_bytes(diary, khan.person_id, b"not really a png", "Photo", PHOTO, original_name="photo.png")
    with diary.db.transaction() as session:
        person = session.get(Person, khan.person_id)
        assert person is not None
        person.last_name = "Khan-Bhatti"
    refresh_people(diary.db, index, [khan.person_id])
    renamed = search_people(diary.db, index, "imran bhati")[0]
    assert (renamed.name, renamed.has_photo) == ("Imran Khan-Bhatti", True)


def test_rows_flag_breach_mandatory_and_breach_in_progress_from_the_compliance_rules(diary: Diary) -> None:
    import_document(diary.db, parse_document(casefile_document(date.today())))
    index = build_search_index(diary.db)
    with diary.db.session() as session:
        order_of = dict(session.execute(select(SentenceOrder.person_id, SentenceOrder.id)).all())
    names = ("Dafydd Pritchard", "Gareth Llewellyn", "Bethan Rees")
    warned, breached, _clean = (search_people(diary.db, index, name)[0] for name in names)
    record_enforcement_action(diary.db, order_of[warned.person_id], "first_warning_letter", date.today() - timedelta(days=30))
    record_enforcement_action(diary.db, order_of[breached.person_id], "breach_initiated", date.today() - timedelta(days=3))
    rows = {row.name: row for row in (search_people(diary.db, index, name)[0] for name in names)}
    marks = {name: row.compliance.kind if row.compliance else None for name, row in rows.items()}
    assert marks == {
        "Dafydd Pritchard": StateKind.WARNING_LIVE,
        "Gareth Llewellyn": StateKind.BREACH_IN_PROGRESS,
        "Bethan Rees": None,
    }
    since = date.today() - timedelta(days=3)
    assert rows["Gareth Llewellyn"].compliance_label == f"Breach in progress since {since:%a} {since.day} {since:%b}"


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """A diary holding the fixture people, closed again, for the command line to open."""
    diary = open_diary(data_dir)
    import_document(diary.db, parse_document(casefile_document(date.today())))
    diary.close()
    return data_dir


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_search_json_lists_people_best_first_with_crn_name_and_score(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(filled), "search", "--json", "--limit", "3", "Petrauskus")
    assert code == 0
    found = json.loads(out)
    jonas = next(p for p in PEOPLE if p.last_name == "Petrauskas")
    assert [f["name"] for f in found][:1] == ["Jonas Petrauskas"]
    assert found[0]["crn"] == jonas.crn
    assert found[0]["release_date"] == release_date(jonas, date.today()).isoformat()
    assert found[0]["in_custody"] is True
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    assert len(found) <= 3


def test_cli_search_takes_the_words_unquoted_and_prints_plain_lines(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(filled), "search", "mohammad", "kahn")
    khan = next(p for p in PEOPLE if (p.first_name, p.last_name) == ("Mohammed", "Khan"))
    first = out.splitlines()[0]
    assert code == 0
    assert f"{khan.crn}  Mohammed Khan" in first and "born 05/11/1985" in first
    assert "order end" in first and "next " in first


def test_cli_search_by_date_of_birth_and_crn_fragment(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--data-dir", str(filled), "search", "--json", "19-7-94")
    assert [f["name"] for f in json.loads(out)] == ["Sean O'Brien"]
    kowalski = next(p for p in PEOPLE if p.last_name == "Kowalski")
    _, out, _ = _run(capsys, "--data-dir", str(filled), "search", "--json", kowalski.crn[1:6])
    assert json.loads(out)[0]["crn"] == kowalski.crn


def test_cli_search_says_plainly_when_nobody_matches(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "--data-dir", str(filled), "search", "zzqxv")[:2] == (0, "No one in the diary matches 'zzqxv'.\n")
    assert _run(capsys, "--data-dir", str(filled), "search", "--json", "zzqxv")[:2] == (0, "[]\n")


def test_cli_search_refuses_a_limit_below_one(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(filled), "search", "--limit", "0", "smith"])
    assert done.value.code == 2
    assert "at least 1" in capsys.readouterr().err
