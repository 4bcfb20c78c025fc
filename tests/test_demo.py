"""The demo caseload: realistic, lawful, repeatable."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from diary.services.casefile import export_document
from diary.services.casefile_schema import parse_document
from diary.services.demo import build_demo_casefile
from diary.services.demo_loader import DiaryNotEmpty, load_demo
from diary.services.diary_file import Diary

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def caseload() -> dict[str, Any]:
    """A 150-person demo caseload for a fixed day."""
    return build_demo_casefile(150, 7, TODAY)


def _appointments(caseload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every appointment in the caseload."""
    return [a for p in caseload["people"] for a in p["appointments"]]


def test_same_seed_same_data_other_seed_other_data(caseload: dict[str, Any]) -> None:
    assert build_demo_casefile(150, 7, TODAY) == caseload
    assert build_demo_casefile(150, 8, TODAY) != caseload


def test_the_caseload_is_a_valid_case_file_with_unique_crns(caseload: dict[str, Any]) -> None:
    parse_document(caseload)
    crns = [p["crn"] for p in caseload["people"]]
    assert len(crns) == len(set(crns)) == 150


def test_orders_of_every_kind_and_some_people_in_custody(caseload: dict[str, Any]) -> None:
    kinds = Counter(o["type"] for p in caseload["people"] for o in p["orders"])
    assert set(kinds) == {"community_order", "suspended_sentence_order", "licence", "post_sentence_supervision"}
    released = [date.fromisoformat(p["custody"]["release_date"]) for p in caseload["people"] if "custody" in p]
    assert len(released) >= 5
    assert all(day > TODAY for day in released)


def test_a_year_of_outcomes_mostly_kept_some_missed(caseload: dict[str, Any]) -> None:
    past = [a for a in _appointments(caseload) if a["start"][:10] < TODAY.isoformat()]
    outcomes = Counter(a.get("outcome") for a in past)
    assert outcomes["ATTC"] / len(past) > 0.7
    assert outcomes["UAAB"] > 0 and outcomes["AAME"] > 0 and outcomes["RESCHEDULED"] > 0
    assert 0 < outcomes[None] < 0.05 * len(past), "a few recent outcomes are still to record"
    assert min(a["start"] for a in past) < (TODAY - timedelta(days=300)).isoformat()


def test_today_and_future_bookings_never_double_book_a_person(caseload: dict[str, Any]) -> None:
    appointments = _appointments(caseload)
    assert sum(a["start"][:10] == TODAY.isoformat() for a in appointments) >= 3
    assert sum(a["start"][:10] > TODAY.isoformat() for a in appointments) >= 100
    for person in caseload["people"]:
        days = Counter(a["start"][:10] for a in person["appointments"] if a["kind"] not in ("unpaid_work_session", "programme_session"))
        assert max(days.values(), default=1) == 1, person["crn"]


def test_warnings_follow_the_law(caseload: dict[str, Any]) -> None:
    """On a court order, no second warning is given while a first is live: the failure goes to breach."""
    for person in caseload["people"]:
        for order in person["orders"]:
            if order["type"] not in ("community_order", "suspended_sentence_order"):
                assert all(a["action"] != "first_warning_letter" for a in order.get("enforcement_actions", []))
                continue
            warnings = [date.fromisoformat(a["date"]) for a in order["enforcement_actions"] if a["action"] == "first_warning_letter"]
            for earlier, later in zip(warnings, warnings[1:]):
                assert (later - earlier).days >= 365, person["crn"]
    actions = Counter(a["action"] for p in caseload["people"] for o in p["orders"] for a in o.get("enforcement_actions", []))
    assert actions["first_warning_letter"] and actions["breach_initiated"] and actions["licence_compliance_letter"]


def test_rar_days_never_exceed_the_maximum(caseload: dict[str, Any]) -> None:
    for person in caseload["people"]:
        for order in person["orders"]:
            for requirement in order.get("requirements", []):
                if requirement["type"] != "rar":
                    continue
                days = {a["start"][:10] for a in person["appointments"] if a.get("requirement") == requirement["id"] and a.get("outcome") in (None, "ATTC")}
                assert len(days) <= requirement["max_days"]


def test_a_rota_of_court_and_duty_days(caseload: dict[str, Any]) -> None:
    kinds = {c["kind"] for c in caseload["commitments"]}
    assert {"court_duty", "duty_officer", "leave", "meeting"} <= kinds
    court = next(c for c in caseload["commitments"] if c["kind"] == "court_duty")
    court_days = {date.fromisoformat(court["start"][:10]) + timedelta(weeks=2 * n) for n in range(80)}
    booked = {date.fromisoformat(a["start"][:10]) for a in _appointments(caseload) if a["kind"] not in ("unpaid_work_session", "programme_session")}
    assert not (court_days - {date.fromisoformat(d) for d in court["exceptions"]}) & booked


def test_a_career_sized_diary_is_mostly_closed_cases() -> None:
    caseload = build_demo_casefile(400, 3, TODAY)
    live = [p for p in caseload["people"] if any(not o.get("end_date") or o["end_date"] >= TODAY.isoformat() for o in p["orders"])]
    assert len(live) <= 150
    future = [a for a in _appointments(caseload) if a["start"][:10] >= TODAY.isoformat()]
    assert len(future) < 400


def test_loading_the_demo_into_a_diary_and_refusing_a_second_time(diary: Diary) -> None:
    summary = load_demo(diary.db, people=20, seed=2, today=TODAY)
    assert summary.people == 20
    exported = export_document(diary.db)
    generated = build_demo_casefile(20, 2, TODAY)["people"]
    assert sorted(p["crn"] for p in exported["people"]) == sorted(p["crn"] for p in generated)
    assert sum(len(p["appointments"]) for p in exported["people"]) == sum(len(p["appointments"]) for p in generated)
    with pytest.raises(DiaryNotEmpty):
        load_demo(diary.db, people=20, seed=2, today=TODAY)
