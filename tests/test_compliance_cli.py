"""`diary compliance CRN`: counts from an imported case file, through the real command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from diary.cli import main
from diary.paths import resolve_data_dir
from diary.domain.enforcement_rules import EnforcementRules
from diary.services.compliance import evidence_overdue, load_rules, person_compliance, save_rules
from diary.services.enforcement_actions import EnforcementError, record_enforcement_action
from diary.services.diary_file import open_diary
from diary.services.settings import set_setting

ORDER_KEYS = {
    "id", "type", "failures_in_12_months", "warnings_in_12_months", "live_warning_until", "breach_in_progress",
    "next_unacceptable_failure", "outcomes_to_record", "awaiting_evidence", "requirements",
    "state", "breach_required_since", "breach_deadline", "outcomes_not_recorded_since",
}
BASE_KEYS = {"id", "type", "attended_complied", "acceptable_absences", "failures", "awaiting_evidence"}


def visit(start: str, requirement: str | None, outcome: str | None, **extra: Any) -> dict[str, Any]:
    return {"start": start, "order": "o1", "requirement": requirement, "outcome": outcome, **extra}


@pytest.fixture
def casefile(tmp_path: Path, example_casefile: dict[str, Any]) -> Path:
    """The example case file with a season of appointments, and a second person on licence."""
    jon = example_casefile["people"][0]
    jon["appointments"] += [
        visit("2026-02-01T14:00", "r1", "ATTC"),  # a second RAR activity on 1 Feb: still one day
        visit("2026-02-08T10:00", "r1", "ATTC"),
        visit("2026-02-27T10:00", "r1", "UAAB"),  # the failure the 1 March warning was for
        visit("2026-02-14T09:00", "r2", "ATTC", kind="unpaid_work_session", hours_credited=6.5),
        visit("2026-02-21T09:00", "r2", "ATSS", kind="unpaid_work_session", hours_credited=1.25),
        visit("2026-02-28T09:00", "r2", "AAME", kind="unpaid_work_session"),
        visit("2026-03-02T18:00", "r3", "ATTC", kind="programme_session"),
        visit("2026-03-09T18:00", "r3", "AFTA", kind="programme_session", evidence_due="2026-03-11"),
        visit("2026-03-10T10:00", None, None),
        visit("2026-03-20T10:00", "r1", None),
    ]
    licence = {
        "crn": "Y654321", "first_name": "Ann", "last_name": "Jones",
        "orders": [{"id": "L1", "type": "licence", "start_date": "2025-06-01", "end_date": "2027-06-01",
                    "requirements": [{"id": "c1", "type": "licence_condition", "text": "Reside at approved premises"}],
                    "enforcement_actions": [{"date": "2026-01-05", "action": "licence_compliance_letter"}]}],
        "appointments": [{"start": "2026-01-02T10:00", "order": "L1", "outcome": "UAAB"}],
    }
    example_casefile["people"].append(licence)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(example_casefile), encoding="utf-8")
    assert main(["import", str(path)]) == 0
    return path


def compliance(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["compliance", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_issues_keys_and_right_counts(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = compliance(capsys, "X123456", "--as-of", "2026-03-12", "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"crn", "as_of", "orders"}
    assert (doc["crn"], doc["as_of"]) == ("X123456", "2026-03-12")
    [o] = doc["orders"]
    assert set(o) == ORDER_KEYS
    assert {k: v for k, v in o.items() if k != "requirements"} == {
        "id": "o1",
        "type": "community_order",
        "failures_in_12_months": 1,
        "warnings_in_12_months": 1,
        "live_warning_until": "2027-02-28",
        "breach_in_progress": False,
        "next_unacceptable_failure": "breach_mandatory",
        "outcomes_to_record": 1,
        "awaiting_evidence": 1,
        "state": "warning_live",
        "breach_required_since": None,
        "breach_deadline": None,
        "outcomes_not_recorded_since": "2026-03-10",
    }
    rar, upw, programme, curfew = o["requirements"]
    assert rar == {
        "id": "r1", "type": "rar", "attended_complied": 3, "acceptable_absences": 0, "failures": 1,
        "awaiting_evidence": 0, "rar_days_used": 2, "rar_days_max": 20,
    }
    assert upw == {
        "id": "r2", "type": "unpaid_work", "attended_complied": 1, "acceptable_absences": 1, "failures": 0,
        "awaiting_evidence": 0, "hours_done": 7.75, "hours_ordered": 100, "deadline": "2027-01-09",
    }
    assert programme == {
        "id": "r3", "type": "programme", "attended_complied": 1, "acceptable_absences": 0, "failures": 0,
        "awaiting_evidence": 1, "sessions_attended": 1, "sessions_total": 24,
    }
    assert set(curfew) == BASE_KEYS and curfew["id"] == "r4"


def test_licence_is_discretionary(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [o] = json.loads(compliance(capsys, "y654321", "--as-of", "2026-03-01", "--json")[1])["orders"]
    assert (o["id"], o["type"], o["next_unacceptable_failure"], o["failures_in_12_months"]) == (
        "L1", "licence", "discretionary", 1,
    )
    assert o["requirements"] == [{
        "id": "c1", "type": "licence_condition", "attended_complied": 0, "acceptable_absences": 0,
        "failures": 0, "awaiting_evidence": 0,
    }]


def test_the_day_after_the_warning_lapses(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [last] = json.loads(compliance(capsys, "X123456", "--as-of", "2027-02-28", "--json")[1])["orders"]
    [after] = json.loads(compliance(capsys, "X123456", "--as-of", "2027-03-01", "--json")[1])["orders"]
    assert (last["live_warning_until"], last["next_unacceptable_failure"]) == ("2027-02-28", "breach_mandatory")
    assert (after["live_warning_until"], after["next_unacceptable_failure"]) == (None, "warning_or_breach")
    counts = [
        json.loads(compliance(capsys, "X123456", "--as-of", day, "--json")[1])["orders"][0]["failures_in_12_months"]
        for day in ("2027-02-26", "2027-02-27")
    ]
    assert counts == [1, 0]  # the failure of 27 February 2026 is last counted in the 12 months ending 26 February 2027


def test_plain_text_summary(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = compliance(capsys, "X123456", "--as-of", "2026-03-12")
    assert code == 0
    assert out.startswith("Jon Smith (X123456): compliance as of 12 March 2026")
    assert (
        "Warning live until 28 February 2027 (given on 1 March 2026): "
        "the next unacceptable failure must be referred for breach." in out
    )
    assert "1 outcome not yet recorded, since Tue 10 Mar" in out
    assert "2 of 20 RAR days used (3 activities attended; 1 more day booked)." in out
    assert "7 h 45 min of 100 h done, 92 h 15 min left; to finish by 9 January 2027" in out
    assert "1 of 24 sessions attended." in out
    assert "1 March 2026: First warning letter (FTA 27/02)" in out
    assert "Next unacceptable failure: Breach is mandatory" in out
    assert "How these are counted:" in out


def test_unknown_crn_is_a_clear_message_and_exit_1(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = compliance(capsys, "Z999999")
    assert (code, out) == (1, "")
    assert "nobody with CRN Z999999 is in this diary" in err


def test_rules_come_from_the_settings(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = open_diary(resolve_data_dir(None))
    try:
        set_setting(opened.db, "enforcement.warnings_before_breach", 2)
        set_setting(opened.db, "enforcement.unpaid_work_deadline", False)
    finally:
        opened.close()
    [o] = json.loads(compliance(capsys, "X123456", "--as-of", "2026-03-12", "--json")[1])["orders"]
    assert o["next_unacceptable_failure"] == "warning_or_breach"
    assert o["requirements"][1]["deadline"] is None


def test_recorded_actions_change_the_counts(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opened = open_diary(resolve_data_dir(None))
    try:
        counted = person_compliance(opened.db, "X123456", date(2026, 3, 12))
        assert counted is not None and counted.orders[0].id is not None
        order_id = counted.orders[0].id
        with pytest.raises(EnforcementError, match="No breach is open"):
            record_enforcement_action(opened.db, order_id, "breach_concluded", date(2026, 3, 12))
        with pytest.raises(EnforcementError, match="Recall is for licences"):
            record_enforcement_action(opened.db, order_id, "recall_requested", date(2026, 3, 12))
        with pytest.raises(EnforcementError, match="cannot be dated before"):
            record_enforcement_action(opened.db, order_id, "breach_initiated", date(2025, 3, 12))
        record_enforcement_action(opened.db, order_id, "breach_initiated", date(2026, 3, 13), "Second FTA")
    finally:
        opened.close()
    [before] = json.loads(compliance(capsys, "X123456", "--as-of", "2026-03-12", "--json")[1])["orders"]
    [after] = json.loads(compliance(capsys, "X123456", "--as-of", "2026-03-13", "--json")[1])["orders"]
    assert (before["breach_in_progress"], before["next_unacceptable_failure"]) == (False, "breach_mandatory")
    assert (after["breach_in_progress"], after["next_unacceptable_failure"]) == (True, "breach_in_progress")


def test_a_date_that_does_not_exist_is_refused(casefile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = compliance(capsys, "X123456", "--as-of", "2026-02-30")
    assert (code, out) == (1, "")
    assert "'2026-02-30' is not a date like 2026-12-01." in err


def test_rules_round_trip_and_overdue_evidence(casefile: Path) -> None:
    opened = open_diary(resolve_data_dir(None))
    try:
        assert load_rules(opened.db) == EnforcementRules()
        save_rules(opened.db, EnforcementRules(evidence_due_working_days=5, unpaid_work_deadline=False))
        assert load_rules(opened.db) == EnforcementRules(evidence_due_working_days=5, unpaid_work_deadline=False)
        [late] = evidence_overdue(opened.db, date(2026, 3, 12))
        assert (late.crn, late.failed_on, late.due) == ("X123456", date(2026, 3, 9), date(2026, 3, 11))
        assert evidence_overdue(opened.db, date(2026, 3, 11)) == []
    finally:
        opened.close()
