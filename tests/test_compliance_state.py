"""One compliance state per order: each state, its date and deadline, and the words every screen shares."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from diary.domain.compliance_state import StateKind, compliance_state
from diary.domain.enforcement import order_compliance
from diary.domain.enforcement_facts import ActionFact, AppointmentFact, FailureFact, OrderFacts, RequirementFact
from diary.domain.enforcement_rules import EnforcementRules, breach_deadline
from diary.domain.enforcement_words import progress_line, state_line, state_sentence
from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType, Outcome, RequirementType

CO = OrderType.COMMUNITY_ORDER
W = EnforcementAction.FIRST_WARNING_LETTER
WARNED = ActionFact(date(2026, 3, 1), W)


def failed(day: date) -> FailureFact:
    return FailureFact(day, "appointment", None, Outcome.UAAB)


def test_no_warning_then_warning_live_until_its_last_day() -> None:
    assert compliance_state(CO, [], [], date(2026, 2, 1)).kind is StateKind.NONE
    state = compliance_state(CO, [failed(date(2026, 2, 27))], [WARNED], date(2026, 3, 12))
    assert (state.kind, state.warning_until, state.warning_given) == (StateKind.WARNING_LIVE, date(2027, 2, 28), date(2026, 3, 1))
    assert state_line(state) == "Warning live until Sun 28 Feb 2027: breach on the next failure"


def test_a_failure_in_a_live_warning_is_breach_required_since_its_day_with_the_tenth_working_day_as_deadline() -> None:
    state = compliance_state(CO, [failed(date(2026, 12, 16))], [WARNED], date(2026, 12, 17))
    # 10 England and Wales working days after Wed 16 Dec 2026, skipping Christmas Day and the Boxing Day substitute day
    assert (state.kind, state.since, state.deadline) == (StateKind.BREACH_REQUIRED, date(2026, 12, 16), date(2027, 1, 4))
    assert not state.overdue
    assert state_line(state) == "Breach required since Wed 16 Dec: start proceedings by Mon 4 Jan 2027"
    late = compliance_state(CO, [failed(date(2026, 12, 16))], [WARNED], date(2027, 1, 5))
    assert late.overdue and state_line(late).endswith("(overdue)")
    assert "Start breach proceedings by 4 January 2027" in state_sentence(state)


def test_the_deadline_is_a_setting() -> None:
    rules = EnforcementRules(breach_deadline_working_days=5)
    assert breach_deadline(date(2026, 12, 16), rules) == date(2026, 12, 23)
    state = compliance_state(CO, [failed(date(2026, 12, 16))], [WARNED], date(2026, 12, 17), rules)
    assert state.deadline == date(2026, 12, 23)


def test_recording_the_breach_makes_it_in_progress_and_the_court_outcome_deals_with_it() -> None:
    failures = [failed(date(2026, 5, 12))]
    begun = [WARNED, ActionFact(date(2026, 5, 14), EnforcementAction.BREACH_INITIATED)]
    state = compliance_state(CO, failures, begun, date(2026, 5, 15))
    assert (state.kind, state.since) == (StateKind.BREACH_IN_PROGRESS, date(2026, 5, 14))
    heard = ActionFact(date(2026, 6, 10), EnforcementAction.BREACH_CONCLUDED, None, CourtOutcome.FINE, "Leeds MC")
    dealt = compliance_state(CO, failures, [*begun, heard], date(2026, 6, 11))
    assert (dealt.kind, dealt.since, dealt.court_outcome) == (StateKind.BREACH_DEALT_WITH, date(2026, 6, 10), CourtOutcome.FINE)
    # the court's outcome does not restart the warning's months: it is still live
    assert "stays live until 28 February 2027" in state_sentence(dealt)
    again = compliance_state(CO, [*failures, failed(date(2026, 7, 1))], [*begun, heard], date(2026, 7, 2))
    assert (again.kind, again.since) == (StateKind.BREACH_REQUIRED, date(2026, 7, 1))


def test_a_failure_while_a_breach_is_open_needs_no_second_breach() -> None:
    actions = [WARNED, ActionFact(date(2026, 5, 14), EnforcementAction.BREACH_INITIATED)]
    state = compliance_state(CO, [failed(date(2026, 5, 12)), failed(date(2026, 5, 20))], actions, date(2026, 5, 21))
    assert state.kind is StateKind.BREACH_IN_PROGRESS


@pytest.mark.parametrize("kind", [OrderType.LICENCE, OrderType.POST_SENTENCE_SUPERVISION])
def test_licences_are_discretionary_with_a_decision_due_by_the_same_deadline(kind: OrderType) -> None:
    state = compliance_state(kind, [failed(date(2026, 5, 11))], [], date(2026, 5, 13))
    assert (state.kind, state.failures, state.decision_due_for, state.deadline) == (
        StateKind.DISCRETIONARY, 1, date(2026, 5, 11), date(2026, 5, 26),
    )
    escalate = "recall" if kind is OrderType.LICENCE else "a breach to court"
    assert state_sentence(state).startswith(
        f"{kind.label}, discretionary: 1 failure since 14 May 2025; consider a warning, a compliance meeting or {escalate}."
    )
    met = compliance_state(kind, [failed(date(2026, 5, 11))], [ActionFact(date(2026, 5, 12), EnforcementAction.COMPLIANCE_MEETING)], date(2026, 5, 13))
    assert met.decision_due_for is None and met.deadline is None and not met.flagged


def test_a_requirement_the_court_added_counts_from_the_hearing_on() -> None:
    def at(day: date, outcome: str | None, req: str | None = None, rar: bool = False) -> AppointmentFact:
        return AppointmentFact(datetime.combine(day, time(10)), Outcome(outcome) if outcome else None, req, rar)

    order = OrderFacts(
        "o1", CO, date(2026, 1, 10), date(2027, 1, 9),
        (RequirementFact("r1", RequirementType.UNPAID_WORK, 100), RequirementFact("r2", RequirementType.RAR, 10, None, date(2026, 6, 10))),
        (at(date(2026, 5, 1), "ATTC", None, rar=True), at(date(2026, 6, 17), "ATTC", None, rar=True), at(date(2026, 6, 24), "ATTC", "r2", rar=True)),
    )
    counted = order_compliance(order, date(2026, 7, 1))
    rar = next(r for r in counted.requirements if r.key == "r2")
    assert rar.rar is not None and rar.rar.days_used == 2 and rar.attended_complied == 2
    assert counted.general.attended_complied == 1  # the RAR activity before the hearing stays general supervision
    assert progress_line(rar) == "2 of 10 RAR days used (2 activities attended). Added by the court on 10 June 2026."


def test_words_at_the_limits() -> None:
    def rar_order(days_used: int) -> OrderFacts:
        appointments = tuple(
            AppointmentFact(datetime(2026, 2, 2 + i, 10), Outcome.ATTC, "r1", True) for i in range(days_used)
        )
        return OrderFacts("o1", CO, date(2026, 1, 10), None, (RequirementFact("r1", RequirementType.RAR, 10),), appointments)

    full = order_compliance(rar_order(10), date(2026, 3, 1)).requirements[0]
    assert progress_line(full) == "10 of 10 RAR days used: maximum reached (10 activities attended)."
    hours = OrderFacts(
        "o1", CO, date(2026, 1, 10), None, (RequirementFact("u1", RequirementType.UNPAID_WORK, 80),),
        tuple(AppointmentFact(datetime(2026, 2, 2 + i, 9), Outcome.ATTC, "u1", False, 8) for i in range(10)),
    )
    assert progress_line(order_compliance(hours, date(2026, 3, 1)).requirements[0]) == "80 h of 80 h done: complete."


def test_outcomes_not_recorded_are_counted_with_the_earliest_day() -> None:
    order = OrderFacts("o1", CO, date(2026, 1, 10), None, (), (
        AppointmentFact(datetime(2026, 2, 2, 10), None),
        AppointmentFact(datetime(2026, 2, 9, 10), Outcome.ATTC),
        AppointmentFact(datetime(2026, 2, 16, 10), None),
        AppointmentFact(datetime(2026, 3, 16, 10), None),
    ))
    counted = order_compliance(order, date(2026, 3, 1))
    assert (counted.outcomes_to_record, counted.outcomes_not_recorded_since) == (2, date(2026, 2, 2))
