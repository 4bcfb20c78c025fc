"""Breach followed through in the services: the state and its deadline, the What's due item, recording the breach and
the court's outcome (with a requirement it added), the JSON keys, and the case file carrying them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from diary.cli import main
from diary.domain.compliance_state import StateKind
from diary.domain.duties import DueKind
from diary.domain.vocab import CourtOutcome, RequirementType
from diary.services.casefile import export_document, import_document, parse_document
from diary.services.compliance import compliance_states, person_compliance, person_id_for_crn
from diary.services.diary_file import Diary
from diary.services.enforcement_actions import EnforcementError, RequirementChange, record_court_outcome, record_enforcement_action
from diary.services.whats_due import due_items
from diary.store.models import SentenceOrder

FAILED_ON = date(2026, 5, 12)
DEADLINE = date(2026, 5, 27)  # 10 working days on, Spring bank holiday (25 May) skipped


@pytest.fixture
def warned(diary: Diary, example_casefile: dict[str, Any]) -> Diary:
    """Jon Smith, warned on 1 March 2026, fails again on Tuesday 12 May 2026; not in custody."""
    jon = example_casefile["people"][0]
    jon.pop("custody")
    jon["appointments"].append({"start": "2026-05-12T10:00", "order": "o1", "requirement": "r1", "outcome": "UAAB"})
    import_document(diary.db, parse_document(example_casefile))
    return diary


def _order_id(diary: Diary) -> int:
    with diary.db.session() as session:
        found = session.scalar(select(SentenceOrder.id).where(SentenceOrder.ref == "o1"))
    assert found is not None
    return found


def _breach_items(diary: Diary, today: date) -> list[Any]:
    return [i for i in due_items(diary.db, today) if i.kind is DueKind.BREACH]


def test_the_failure_puts_start_breach_proceedings_on_whats_due_at_once_and_overdue_after(warned: Diary) -> None:
    [item] = _breach_items(warned, date(2026, 5, 12))
    assert (item.due, item.title, item.who) == (DEADLINE, "Start breach proceedings by Wed 27 May", "Jon Smith")
    assert item.why.startswith("Breach required since 12 May 2026") and not item.can_mark_done
    [late] = _breach_items(warned, date(2026, 5, 28))
    assert late.due < date(2026, 5, 28)
    person = person_id_for_crn(warned.db, "X123456")
    assert person is not None
    standing = compliance_states(warned.db, [person], date(2026, 5, 13))[person]
    assert standing.line == "Breach required since Tue 12 May: start proceedings by Wed 27 May"


def test_recording_the_breach_and_the_courts_outcome_with_an_added_requirement(warned: Diary) -> None:
    order_id = _order_id(warned)
    record_enforcement_action(warned.db, order_id, "breach_initiated", date(2026, 5, 14))
    assert _breach_items(warned, date(2026, 5, 14)) == []
    counted = person_compliance(warned.db, "X123456", date(2026, 5, 15))
    assert counted is not None and counted.orders[0].compliance.kind is StateKind.BREACH_IN_PROGRESS
    added = RequirementChange(RequirementType.UNPAID_WORK, 40, "Added at the breach hearing")
    record_court_outcome(
        warned.db, order_id, date(2026, 6, 10), CourtOutcome.CONTINUED_AMENDED, "Leeds Magistrates' Court", [added],
        today=date(2026, 6, 10),
    )
    counted = person_compliance(warned.db, "X123456", date(2026, 6, 11))
    assert counted is not None
    order = counted.orders[0]
    assert (order.compliance.kind, order.compliance.court_outcome) == (StateKind.BREACH_DEALT_WITH, CourtOutcome.CONTINUED_AMENDED)
    new = next(r for r in order.requirements if r.added_on is not None)
    assert (new.key, new.type, new.added_on) == ("r5", RequirementType.UNPAID_WORK, date(2026, 6, 10))
    assert new.unpaid_work is not None and new.unpaid_work.hours_ordered == 40
    entry = next(e for e in order.history if e.court_outcome is not None)
    assert entry.court == "Leeds Magistrates' Court" and entry.note == "Unpaid work of 40 hours added (r5)"
    # the case file carries the outcome and the added requirement
    exported = export_document(warned.db, "X123456")["people"][0]["orders"][0]
    assert exported["requirements"][-1]["added_on"] == "2026-06-10"
    assert exported["enforcement_actions"][-1] | {} == {
        "date": "2026-06-10", "action": "breach_concluded", "note": "Unpaid work of 40 hours added (r5)",
        "court_outcome": "continued_amended", "court": "Leeds Magistrates' Court",
    }


@pytest.mark.parametrize(("court", "outcome", "changes", "words"), [
    ("  ", CourtOutcome.FINE, [], "Court: give the court that heard the breach."),
    ("Leeds MC", CourtOutcome.CONTINUED_AMENDED, [], "Requirement: say which requirement the court added or changed."),
    ("Leeds MC", CourtOutcome.FINE, [RequirementChange(RequirementType.CURFEW)], "Requirement: the outcome"),
    ("Leeds MC", CourtOutcome.CONTINUED_AMENDED, [RequirementChange(RequirementType.RAR)], "RAR (maximum days): required."),
    ("Leeds MC", CourtOutcome.CONTINUED_AMENDED, [RequirementChange(RequirementType.UNPAID_WORK, 400)], "Unpaid work (hours): "),
    ("Leeds MC", CourtOutcome.CONTINUED_AMENDED, [RequirementChange(RequirementType.CURFEW)], "Curfew (hours a day): required."),
    ("Leeds MC", CourtOutcome.FINE, [], "No breach is open on this order on 10 June 2026"),
])
def test_a_courts_outcome_that_cannot_be_right_is_refused_with_the_field_named(
    warned: Diary, court: str, outcome: CourtOutcome, changes: list[RequirementChange], words: str
) -> None:
    with pytest.raises(EnforcementError) as refused:
        record_court_outcome(warned.db, _order_id(warned), date(2026, 6, 10), outcome, court, changes, today=date(2026, 6, 10))
    assert str(refused.value).startswith(words)


def test_revoked_ends_the_order_on_the_hearing_day(warned: Diary) -> None:
    order_id = _order_id(warned)
    record_enforcement_action(warned.db, order_id, "breach_initiated", date(2026, 5, 14))
    record_court_outcome(warned.db, order_id, date(2026, 6, 10), "revoked_resentenced", "Leeds MC", today=date(2026, 6, 10))
    counted = person_compliance(warned.db, "X123456", date(2026, 6, 11))
    assert counted is not None and counted.orders[0].end_date == date(2026, 6, 10)


def test_compliance_json_says_the_state_its_date_and_deadline(warned: Diary, capsys: pytest.CaptureFixture[str]) -> None:
    warned.close()
    capsys.readouterr()
    assert main(["--data-dir", str(warned.data_dir), "compliance", "x123456", "--as-of", "2026-05-13", "--json"]) == 0
    [order] = json.loads(capsys.readouterr().out)["orders"]
    assert {k: order[k] for k in ("state", "breach_required_since", "breach_deadline", "outcomes_not_recorded_since")} == {
        "state": "breach_required", "breach_required_since": "2026-05-12", "breach_deadline": "2026-05-27",
        "outcomes_not_recorded_since": None,
    }
