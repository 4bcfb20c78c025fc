"""Counting for enforcement: the counters against a plain reference count, and the boundary days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diary.domain.compliance_state import NextFailure
from diary.domain.enforcement import order_compliance, unpaid_work_deadline
from diary.domain.enforcement_facts import ActionFact, AppointmentFact, OrderFacts, RequirementFact
from diary.domain.enforcement_rules import EnforcementRules, evidence_due_date, in_window, live_until, window_start
from diary.domain.enforcement_words import failure_prompt, standing
from diary.domain.vocab import EnforcementAction, OrderType, Outcome, RequirementType

# The table in enforcement.md, written out again by hand so the reference does not reuse the code under test.
KEPT = {"ATTC"}
FAILED = {"AFTC", "ATSH", "UAAB"}
ACCEPTABLE = {"AACL", "AAEM", "AAFC", "AAHO", "AAME", "AARE", "AARC", "CO05", "CO10"}
PENDING = {"AFTA"}

REQUIREMENTS = (
    RequirementFact("r1", RequirementType.RAR, 20),
    RequirementFact("r2", RequirementType.UNPAID_WORK, 100),
    RequirementFact("r3", RequirementType.PROGRAMME, 24, "Building Better Relationships"),
    RequirementFact("r4", RequirementType.CURFEW),
)
START = date(2026, 1, 10)
W = EnforcementAction.FIRST_WARNING_LETTER


def year_earlier(day: date) -> date:
    """The same calendar date a year before; 28 February for 29 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return date(day.year - 1, 2, 28)


def appt(day: date, outcome: str | None, req: str | None = "r1", rar: bool = False, hours: float | None = None) -> AppointmentFact:
    return AppointmentFact(datetime.combine(day, time(10)), Outcome(outcome) if outcome else None, req, rar, hours)


def order(
    appointments: list[AppointmentFact] = (),  # type: ignore[assignment]
    actions: list[tuple[date, EnforcementAction]] = (),  # type: ignore[assignment]
    kind: OrderType = OrderType.COMMUNITY_ORDER,
) -> OrderFacts:
    return OrderFacts(
        "o1", kind, START, date(2027, 1, 9), REQUIREMENTS, tuple(appointments), tuple(ActionFact(d, a) for d, a in actions)
    )


days = st.dates(min_value=date(2026, 1, 10), max_value=date(2029, 12, 31))
outcomes = st.sampled_from([None, *[o.value for o in Outcome]])
appointments = st.lists(
    st.builds(
        appt,
        days,
        outcomes,
        st.sampled_from(["r1", "r2", "r3", "r4", None]),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 32).map(lambda q: q / 4)),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(appointments, days)
def test_requirement_counters_match_a_plain_count(history: list[AppointmentFact], as_of: date) -> None:
    counted = order_compliance(order(history), as_of)
    for r in counted.requirements:
        mine = [a for a in history if a.day <= as_of and a.requirement == r.key]
        if r.key == "r1":
            mine += [a for a in history if a.day <= as_of and a.requirement is None and a.rar_activity]
        codes = [a.outcome.value if a.outcome else None for a in mine]
        assert r.attended_complied == sum(c in KEPT for c in codes)
        assert r.failures == sum(c in FAILED for c in codes)
        assert r.acceptable_absences == sum(c in ACCEPTABLE for c in codes)
        assert r.awaiting_evidence == sum(c in PENDING for c in codes)
        if r.key == "r1":
            days_used = set()
            for a in mine:
                if a.rar_activity and a.outcome is Outcome.ATTC:
                    days_used.add(a.day)
            assert r.rar is not None and r.rar.days_used == len(days_used)
        if r.key == "r2":
            minutes = sum(round((a.hours_credited or 0) * 60) for a in mine if a.outcome is not None)
            assert r.unpaid_work is not None and r.unpaid_work.minutes_done == minutes
        if r.key == "r3":
            assert r.sessions_attended == sum(c in KEPT for c in codes) and r.sessions_total == 24


@settings(max_examples=200, deadline=None)
@given(appointments, days)
def test_failures_in_12_months_match_a_plain_count(history: list[AppointmentFact], as_of: date) -> None:
    expected = 0
    for a in history:
        if a.outcome is not None and a.outcome.value in FAILED and year_earlier(as_of) < a.day <= as_of:
            expected += 1
    counted = order_compliance(order(history), as_of)
    assert counted.failures_in_window == expected
    kept, acceptable, failures = counted.totals()
    assert failures == sum(1 for a in history if a.day <= as_of and a.outcome and a.outcome.value in FAILED)
    assert counted.outcomes_to_record == sum(1 for a in history if a.day <= as_of and a.outcome is None)


actions = st.lists(
    st.tuples(days, st.sampled_from(list(EnforcementAction))),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(actions, days)
def test_warnings_and_breach_match_a_plain_replay(history: list[tuple[date, EnforcementAction]], as_of: date) -> None:
    warnings: list[date] = []
    breach = False
    for day, action in sorted(history, key=lambda x: x[0]):
        if day > as_of:
            continue
        if action in (EnforcementAction.FIRST_WARNING_LETTER, EnforcementAction.SECOND_WARNING_LETTER):
            warnings.append(day)
        elif action is EnforcementAction.WARNING_WITHDRAWN and warnings:
            warnings.pop()
        elif action in (EnforcementAction.BREACH_LETTER, EnforcementAction.BREACH_INITIATED):
            breach = True
        elif action is EnforcementAction.BREACH_CONCLUDED:
            breach = False
    live = [w for w in warnings if year_earlier(as_of) < w]
    counted = order_compliance(order(actions=history), as_of)
    assert counted.warnings_in_window == len(live)
    assert counted.breach_in_progress is breach
    if breach:
        expected = NextFailure.BREACH_IN_PROGRESS
    elif live:
        expected = NextFailure.BREACH_MANDATORY
    else:
        expected = NextFailure.WARNING_OR_BREACH
    assert counted.next_unacceptable_failure is expected
    if live:
        assert counted.live_warning_until is not None
        assert counted.live_warning_until >= as_of
        assert in_window(max(live), counted.live_warning_until)
        assert not in_window(max(live), counted.live_warning_until + timedelta(days=1))
    else:
        assert counted.live_warning_until is None


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_a_warning_is_live_exactly_up_to_its_last_day(given_on: date) -> None:
    last = live_until(given_on)
    assert last > given_on
    for d in (given_on, last - timedelta(days=1), last):
        assert in_window(given_on, d) and year_earlier(d) < given_on
    assert not in_window(given_on, last + timedelta(days=1)) and not year_earlier(last + timedelta(days=1)) < given_on
    assert window_start(last) <= given_on


@pytest.mark.parametrize(
    ("warned", "last_live"),
    [
        (date(2026, 3, 1), date(2027, 2, 28)),  # the example: 365th day after the warning is its last
        (date(2027, 3, 1), date(2028, 2, 29)),  # over a leap day: still 12 months, 366 days
        (date(2028, 2, 29), date(2029, 2, 28)),  # given on a leap day: the window ending 28 Feb 2029 starts 1 Mar 2028
        (date(2027, 2, 28), date(2028, 2, 27)),
        (date(2026, 1, 31), date(2027, 1, 30)),
    ],
)
def test_a_warnings_last_live_day_and_the_day_after(warned: date, last_live: date) -> None:
    warned_order = order(actions=[(warned, W)])
    on_last = order_compliance(warned_order, last_live)
    day_after = order_compliance(warned_order, last_live + timedelta(days=1))
    assert on_last.live_warning_until == last_live
    assert on_last.next_unacceptable_failure is NextFailure.BREACH_MANDATORY
    assert on_last.warnings_in_window == 1
    assert day_after.live_warning_until is None
    assert day_after.next_unacceptable_failure is NextFailure.WARNING_OR_BREACH
    assert day_after.warnings_in_window == 0


def test_365th_and_366th_day_after_a_warning() -> None:
    warned = order(actions=[(date(2026, 3, 1), W)])
    assert order_compliance(warned, date(2026, 3, 1) + timedelta(days=364)).next_unacceptable_failure is NextFailure.BREACH_MANDATORY
    assert order_compliance(warned, date(2026, 3, 1) + timedelta(days=365)).next_unacceptable_failure is NextFailure.WARNING_OR_BREACH


@pytest.mark.parametrize(
    ("as_of", "first_in", "last_out"),
    [
        (date(2027, 3, 1), date(2026, 3, 2), date(2026, 3, 1)),
        (date(2028, 2, 29), date(2027, 3, 1), date(2027, 2, 28)),
        (date(2029, 2, 28), date(2028, 2, 29), date(2028, 2, 28)),
        (date(2028, 3, 1), date(2027, 3, 2), date(2027, 3, 1)),
    ],
)
def test_twelve_month_window_edges(as_of: date, first_in: date, last_out: date) -> None:
    history = [appt(first_in, "UAAB"), appt(last_out, "AFTC"), appt(as_of, "ATSH"), appt(as_of + timedelta(days=1), "UAAB")]
    counted = order_compliance(order(history), as_of)
    assert counted.window_start == first_in
    assert counted.failures_in_window == 2


def test_failure_prompt_with_a_live_warning_says_breach_in_plain_words() -> None:
    prompt = failure_prompt(order(actions=[(date(2026, 3, 1), W)]), date(2026, 6, 3))
    assert prompt.text.startswith(
        "A warning was given on 1 March 2026 and is live until 28 February 2027: this failure must be referred for breach."
    )
    assert prompt.must_breach and prompt.next_step is EnforcementAction.BREACH_INITIATED
    assert prompt.failures_in_window == 1


def test_failure_prompt_without_a_warning_offers_the_warning_letter_and_counts_this_failure() -> None:
    prompt = failure_prompt(order([appt(date(2026, 2, 1), "UAAB")]), date(2026, 3, 5))
    assert prompt.next_unacceptable_failure is NextFailure.WARNING_OR_BREACH
    assert prompt.next_step is EnforcementAction.FIRST_WARNING_LETTER
    assert prompt.alternatives == (EnforcementAction.BREACH_INITIATED,)
    assert "This is the 2nd unacceptable failure recorded in the 12 months to 5 March 2026." in prompt.text


def test_failure_prompt_after_the_warning_lapsed_says_when() -> None:
    prompt = failure_prompt(order(actions=[(date(2026, 3, 1), W)]), date(2027, 3, 1))
    assert "The last warning, given on 1 March 2026, was live until 28 February 2027" in prompt.text
    assert prompt.next_step is EnforcementAction.FIRST_WARNING_LETTER


def test_failure_prompt_ignores_warnings_given_after_the_failure() -> None:
    prompt = failure_prompt(order(actions=[(date(2026, 3, 1), W)]), date(2026, 2, 27))
    assert prompt.next_unacceptable_failure is NextFailure.WARNING_OR_BREACH


def test_withdrawn_warning_no_longer_counts_from_the_withdrawal() -> None:
    withdrawn = order(actions=[(date(2026, 3, 1), W), (date(2026, 3, 10), EnforcementAction.WARNING_WITHDRAWN)])
    assert order_compliance(withdrawn, date(2026, 3, 9)).next_unacceptable_failure is NextFailure.BREACH_MANDATORY
    after = order_compliance(withdrawn, date(2026, 3, 10))
    assert after.warnings_in_window == 0 and after.next_unacceptable_failure is NextFailure.WARNING_OR_BREACH


def test_breach_in_progress_until_concluded() -> None:
    history = [(date(2026, 3, 1), W), (date(2026, 5, 1), EnforcementAction.BREACH_INITIATED)]
    breached = order(actions=history)
    assert order_compliance(breached, date(2026, 5, 2)).next_unacceptable_failure is NextFailure.BREACH_IN_PROGRESS
    prompt = failure_prompt(breached, date(2026, 5, 20))
    assert "Breach action begun on 1 May 2026 is still open" in prompt.text and prompt.next_step is None
    concluded = order(actions=[*history, (date(2026, 6, 1), EnforcementAction.BREACH_CONCLUDED)])
    after = order_compliance(concluded, date(2026, 6, 1))
    assert not after.breach_in_progress and after.next_unacceptable_failure is NextFailure.BREACH_MANDATORY


def test_two_warnings_allowed_when_the_setting_says_so() -> None:
    rules = EnforcementRules(warnings_before_breach=2)
    one = order(actions=[(date(2026, 3, 1), W)])
    assert order_compliance(one, date(2026, 4, 1), rules).next_unacceptable_failure is NextFailure.WARNING_OR_BREACH
    assert failure_prompt(one, date(2026, 4, 1), rules).next_step is EnforcementAction.SECOND_WARNING_LETTER
    two = order(actions=[(date(2026, 3, 1), W), (date(2026, 6, 1), EnforcementAction.SECOND_WARNING_LETTER)])
    counted = order_compliance(two, date(2026, 7, 1), rules)
    assert counted.next_unacceptable_failure is NextFailure.BREACH_MANDATORY
    assert counted.state.breach_mandatory_until == date(2027, 2, 28)
    assert counted.live_warning_until == date(2027, 5, 31)


@pytest.mark.parametrize("kind", [OrderType.LICENCE, OrderType.POST_SENTENCE_SUPERVISION])
def test_licences_are_discretionary_and_count_letters(kind: OrderType) -> None:
    letters = [(date(2026, 2, 1), EnforcementAction.LICENCE_COMPLIANCE_LETTER), (date(2026, 3, 1), EnforcementAction.LICENCE_COMPLIANCE_LETTER)]
    licence = order([appt(date(2026, 1, 20), "UAAB", None)], letters, kind)
    counted = order_compliance(licence, date(2026, 4, 1))
    assert counted.next_unacceptable_failure is NextFailure.DISCRETIONARY
    assert counted.licence_letters_in_window == 2 and counted.failures_in_window == 1
    prompt = failure_prompt(licence, date(2026, 4, 1), EnforcementRules(licence_letters_before_review=2))
    assert prompt.next_step is EnforcementAction.LICENCE_COMPLIANCE_LETTER
    assert "Your local policy is to consider recall after 2 letters." in prompt.text
    escalation = EnforcementAction.RECALL_REQUESTED if kind is OrderType.LICENCE else EnforcementAction.BREACH_INITIATED
    assert prompt.alternatives == (EnforcementAction.COMPLIANCE_MEETING, escalation)
    assert "2 licence compliance letters" in standing(counted)


def test_rar_days_count_days_not_contacts_and_only_attended_activities() -> None:
    history = [
        appt(date(2026, 2, 2), "ATTC", rar=True),
        appt(date(2026, 2, 2), "ATTC", rar=True),
        appt(date(2026, 2, 3), "ATSS", rar=True),
        appt(date(2026, 2, 4), "ATTC", rar=False),
        appt(date(2026, 2, 5), "ATTC", None, rar=True),
        appt(date(2026, 2, 9), None, rar=True),
        appt(date(2026, 2, 10), None, rar=True),
    ]
    rar = order_compliance(order(history), date(2026, 2, 6)).requirements[0].rar
    assert rar is not None
    assert (rar.days_used, rar.contacts, rar.days_booked, rar.days_left) == (2, 3, 2, 18)
    assert not rar.near_max and not rar.overbooked
    tight = order_compliance(order(history), date(2026, 2, 6), EnforcementRules(rar_warn_days_left=18))
    assert tight.requirements[0].rar is not None and tight.requirements[0].rar.near_max


def test_unpaid_work_hours_left_deadline_and_weekly_rate() -> None:
    history = [appt(date(2026, 2, 7), "ATTC", "r2", hours=6.5), appt(date(2026, 2, 14), "ATSH", "r2", hours=2.25)]
    uw = order_compliance(order(history), date(2026, 2, 15)).requirements[1].unpaid_work
    assert uw is not None
    assert (uw.minutes_done, uw.hours_done, uw.minutes_left, uw.hours_left) == (525, 8.75, 5475, 91.25)
    assert uw.deadline == date(2027, 1, 9) == unpaid_work_deadline(START)
    assert uw.weekly_rate_needed == 2.0  # 91.25 h over 328 days (46.9 weeks) = 1.95, rounded up to the quarter hour
    late = order_compliance(order(history), date(2027, 1, 10)).requirements[1].unpaid_work
    assert late is not None and late.overdue and late.weekly_rate_needed is None
    no_limit = order_compliance(order(history), date(2026, 2, 15), EnforcementRules(unpaid_work_deadline=False))
    assert no_limit.requirements[1].unpaid_work is not None and no_limit.requirements[1].unpaid_work.deadline is None


def test_awaiting_evidence_is_due_after_two_working_days_not_bank_holidays() -> None:
    assert evidence_due_date(date(2026, 12, 24)) == date(2026, 12, 30)
    assert evidence_due_date(date(2026, 2, 6)) == date(2026, 2, 10)
    history = [appt(date(2026, 2, 6), "AFTA"), appt(date(2026, 2, 9), "AFTA")]
    counted = order_compliance(order(history), date(2026, 2, 11))
    assert (counted.awaiting_evidence, counted.evidence_overdue) == (2, 1)


def test_history_is_in_date_order_with_actions_after_that_days_appointments() -> None:
    history = [appt(date(2026, 3, 1), "UAAB"), appt(date(2026, 2, 1), "ATTC")]
    counted = order_compliance(order(history, [(date(2026, 3, 1), W)]), date(2026, 3, 2))
    assert [(e.day, e.action) for e in counted.history] == [
        (date(2026, 2, 1), None),
        (date(2026, 3, 1), None),
        (date(2026, 3, 1), W),
    ]
