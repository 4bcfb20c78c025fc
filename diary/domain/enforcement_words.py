"""Enforcement in the words officers read: the order's state as a sentence and as a row's short line, the prompt
after a failure, and each requirement's progress. One place, so every screen and print says the same."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from diary.domain.compliance_state import (
    ComplianceState,
    EnforcementState,
    NextFailure,
    StateKind,
    enforcement_state,
    next_unacceptable_failure,
)
from diary.domain.enforcement import NOT_BY_APPOINTMENTS, HistoryEntry, OrderCompliance, RequirementCounts
from diary.domain.enforcement_facts import ActionFact, OrderFacts
from diary.domain.enforcement_rules import EnforcementRules, breach_deadline, in_window, live_until, ordinal
from diary.domain.text import long_date, plural, short_day
from diary.domain.vocab import EnforcementAction, OrderType, RequirementType


@dataclass(frozen=True)
class FailurePrompt:
    """What recording an unacceptable failure means now, in plain words, and the step offered."""

    text: str
    next_unacceptable_failure: NextFailure
    next_step: EnforcementAction | None
    alternatives: tuple[EnforcementAction, ...]
    failures_in_window: int

    @property
    def must_breach(self) -> bool:
        """True when the law requires the failure to be referred for breach."""
        return self.next_unacceptable_failure is NextFailure.BREACH_MANDATORY


def hours_and_minutes(minutes: int) -> str:
    """'62 h 30 min', '100 h'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def action_words(entry: HistoryEntry) -> str:
    """An enforcement action as the history lists it; a concluded breach names the court's outcome and the court."""
    assert entry.action is not None
    if entry.court_outcome is None:
        return entry.action.label
    where = f", {entry.court}" if entry.court else ""
    return f"Court's outcome: {entry.court_outcome.label.lower()}{where}"


def escalation(order_type: OrderType) -> str:
    """What the officer may escalate to on a licence ('recall') or post-sentence supervision ('a breach to court')."""
    return "recall" if order_type is OrderType.LICENCE else "a breach to court"


def state_line(state: ComplianceState) -> str:
    """The state in a few words for rows and tooltips: 'Breach required since Wed 2 Dec: start proceedings by Wed 16 Dec'."""
    def day(value: date) -> str:
        return short_day(value, state.as_of)

    kind = state.kind
    if kind is StateKind.BREACH_REQUIRED:
        assert state.since is not None and state.deadline is not None
        late = " (overdue)" if state.overdue else ""
        return f"Breach required since {day(state.since)}: start proceedings by {day(state.deadline)}{late}"
    if kind is StateKind.BREACH_IN_PROGRESS:
        assert state.since is not None
        return f"Breach in progress since {day(state.since)}"
    if kind is StateKind.BREACH_DEALT_WITH:
        assert state.since is not None
        outcome = f": {state.court_outcome.label.lower()}" if state.court_outcome else ""
        return f"Breach dealt with {day(state.since)}{outcome}"
    if kind is StateKind.WARNING_LIVE:
        assert state.warning_until is not None
        return f"Warning live until {day(state.warning_until)}: breach on the next failure"
    if kind is StateKind.DISCRETIONARY:
        assert state.failures_since is not None
        line = f"Discretionary: {plural(state.failures, 'failure')} since {day(state.failures_since)}"
        if state.decision_due_for is not None and state.deadline is not None:
            late = " (overdue)" if state.overdue else ""
            line += f"; decide on the failure of {day(state.decision_due_for)} by {day(state.deadline)}{late}"
        return line
    return "No live warning"


def state_sentence(state: ComplianceState, rules: EnforcementRules | None = None, letters: int = 0) -> str:
    """The state as a full sentence, with what it asks of the officer (the words never describe a failure to come
    that has already happened)."""
    rules = rules or EnforcementRules()
    kind = state.kind
    if kind is StateKind.BREACH_REQUIRED:
        assert state.since is not None and state.deadline is not None and state.warning_given is not None
        late = " That deadline has passed." if state.overdue else ""
        return (
            f"Breach required since {long_date(state.since)}: the unacceptable failure that day came while the warning "
            f"given on {long_date(state.warning_given)} was live. Start breach proceedings by {long_date(state.deadline)} "
            f"({ordinal(rules.breach_deadline_working_days)} working day after the failure).{late}"
        )
    if kind is StateKind.BREACH_IN_PROGRESS:
        assert state.since is not None
        return (
            f"Breach in progress since {long_date(state.since)}: add any new failure to the breach report, and record "
            "the court's outcome after the hearing."
        )
    if kind is StateKind.BREACH_DEALT_WITH:
        assert state.since is not None
        outcome = state.court_outcome.label.lower() if state.court_outcome else "the court's outcome is recorded"
        where = f" at {state.court}" if state.court else ""
        text = f"Breach dealt with on {long_date(state.since)}{where}: {outcome}."
        if state.warning_until is not None and state.warning_until >= state.as_of:
            text += (
                f" The warning given on {long_date(state.warning_given or state.since)} stays live until "
                f"{long_date(state.warning_until)}: the next unacceptable failure must be referred for breach."
            )
        return text
    if kind is StateKind.WARNING_LIVE:
        assert state.warning_until is not None and state.warning_given is not None
        return (
            f"Warning live until {long_date(state.warning_until)} (given on {long_date(state.warning_given)}): "
            "the next unacceptable failure must be referred for breach."
        )
    if kind is StateKind.DISCRETIONARY:
        return _discretionary(state, rules, letters)
    return "No live warning: the next unacceptable failure may be met with a warning or referred for breach."


def _discretionary(state: ComplianceState, rules: EnforcementRules, letters: int) -> str:
    """A licence's or post-sentence supervision's standing: the failures counted and what may follow."""
    assert state.failures_since is not None
    text = (
        f"{state.order_type.label}, discretionary: {plural(state.failures, 'failure')} since {long_date(state.failures_since)}; "
        "consider a warning, "
        f"a compliance meeting or {escalation(state.order_type)}. "
        f"{plural(letters, 'licence compliance letter')} in the {rules.failure_window_months} months to {long_date(state.as_of)}."
    )
    if state.decision_due_for is not None and state.deadline is not None:
        late = " That day has passed." if state.overdue else ""
        text += f" Decide on the failure of {long_date(state.decision_due_for)} by {long_date(state.deadline)}.{late}"
    if rules.licence_letters_before_review and letters >= rules.licence_letters_before_review:
        text += f" Your local policy is to consider recall after {plural(rules.licence_letters_before_review, 'letter')}."
    return text


def standing(order: OrderCompliance) -> str:
    """Where the order stands on its as-of date, in one plain sentence (or two)."""
    state = order.compliance
    if state.kind is StateKind.NONE and order.state.lapsed_warning is not None:
        lapsed = order.state.lapsed_warning
        return (
            f"No live warning (the last, given on {long_date(lapsed)}, was live until "
            f"{long_date(live_until(lapsed, order.rules.warning_window_months))}): "
            "the next unacceptable failure may be met with a warning or referred for breach."
        )
    return state_sentence(state, order.rules, order.licence_letters_in_window)


def counts_line(order: OrderCompliance) -> str:
    """The whole order's counts with what is not yet known: '3 appointments kept, 1 acceptable absence, 0 failures
    (0 in the last 12 months); 2 outcomes not yet recorded, since Mon 30 Nov'."""
    kept, acceptable, failures = order.totals()
    months = order.rules.failure_window_months
    line = (
        f"{plural(kept, 'appointment')} kept, {plural(acceptable, 'acceptable absence')}, "
        f"{plural(failures, 'unacceptable failure')} ({order.failures_in_window} in the last {months} months)"
    )
    if order.type.is_court_order:
        line += f"; {plural(order.warnings_in_window, 'warning')} in the last {order.rules.warning_window_months} months"
    if order.awaiting_evidence:
        line += f"; {order.awaiting_evidence} awaiting evidence"
    return line + unrecorded_words(order)


def unrecorded_words(order: OrderCompliance) -> str:
    """'; 2 outcomes not yet recorded, since Mon 30 Nov' (empty when every outcome is in)."""
    if not order.outcomes_to_record or order.outcomes_not_recorded_since is None:
        return ""
    since = short_day(order.outcomes_not_recorded_since, order.as_of)
    return f"; {plural(order.outcomes_to_record, 'outcome')} not yet recorded, since {since}"


def progress_line(r: RequirementCounts) -> str | None:
    """The requirement's measure in words: RAR days, unpaid work hours and pace, programme sessions."""
    added = f" Added by the court on {long_date(r.added_on)}." if r.added_on else ""
    line = _measure_line(r)
    if line is None:
        return added.strip() or None
    return line + added


def _measure_line(r: RequirementCounts) -> str | None:
    """The measure alone."""
    if r.rar is not None:
        used = f"{r.rar.days_used} of {r.rar.days_max} RAR days used" if r.rar.days_max else f"{plural(r.rar.days_used, 'RAR day')} used"
        if r.rar.at_max:
            used += ": maximum reached"
        extra = f" ({plural(r.rar.contacts, 'activity', 'activities')} attended"
        extra += f"; {plural(r.rar.days_booked, 'more day')} booked)." if r.rar.days_booked else ")."
        warn = " Past the maximum with the days booked." if r.rar.overbooked else (
            " Nearly at the maximum." if r.rar.near_max and not r.rar.at_max else ""
        )
        return used + extra + warn
    if r.unpaid_work is not None:
        uw = r.unpaid_work
        line = f"{hours_and_minutes(uw.minutes_done)} of {uw.hours_ordered} h done"
        if uw.complete:
            return line + ": complete."
        if uw.minutes_left:
            line += f", {hours_and_minutes(uw.minutes_left)} left"
        if uw.deadline is not None:
            line += f"; to finish by {long_date(uw.deadline)}"
            if uw.overdue:
                line += " (the deadline has passed)"
            elif uw.weekly_rate_needed is not None:
                line += f", needing {uw.weekly_rate_needed:g} h a week"
        return line + "."
    if r.type is RequirementType.PROGRAMME:
        total = f" of {r.sessions_total}" if r.sessions_total else ""
        attended = r.sessions_attended or 0
        done = ": complete" if r.sessions_total and attended >= r.sessions_total else ""
        return f"{attended}{total} {'session' if (r.sessions_total or attended) == 1 else 'sessions'} attended{done}."
    if r.type in NOT_BY_APPOINTMENTS:
        return "Not counted by appointments: record its dates and any reported violations."
    return None


def failure_prompt(order: OrderFacts, failure_date: date, rules: EnforcementRules | None = None) -> FailurePrompt:
    """What the law requires after an unacceptable failure on `failure_date`, and the step to offer.

    `order` holds the order as stored *without* this failure; the prompt counts it in.
    """
    rules = rules or EnforcementRules()
    state = enforcement_state(order.actions, failure_date, rules)
    meaning = next_unacceptable_failure(order.type, state)
    months = rules.failure_window_months
    failures = 1 + sum(
        1 for f in order.failures() if f.day <= failure_date and in_window(f.day, failure_date, months)
    )
    tally = (
        f"This is the {ordinal(failures)} unacceptable failure recorded in the {months} months to {long_date(failure_date)}."
    )
    text, step, others = _prompt_words(order.type, state, meaning, rules, failure_date, order.actions)
    return FailurePrompt(f"{text} {tally}", meaning, step, others, failures)


def _prompt_words(
    order_type: OrderType,
    state: EnforcementState,
    meaning: NextFailure,
    rules: EnforcementRules,
    on: date,
    actions: Sequence[ActionFact],
) -> tuple[str, EnforcementAction | None, tuple[EnforcementAction, ...]]:
    """The sentence, the offered next step and the other steps, for each meaning."""
    if meaning is NextFailure.BREACH_IN_PROGRESS:
        assert state.breach_since is not None
        return (
            f"Breach action begun on {long_date(state.breach_since)} is still open: add this failure to the "
            "breach report for the court.",
            None,
            (),
        )
    if meaning is NextFailure.DISCRETIONARY:
        letters = sum(
            1 for a in actions
            if a.action is EnforcementAction.LICENCE_COMPLIANCE_LETTER and in_window(a.day, on, rules.failure_window_months)
        )
        escalate = EnforcementAction.RECALL_REQUESTED if order_type is OrderType.LICENCE else EnforcementAction.BREACH_INITIATED
        text = (
            f"{order_type.label}: there is no statutory warning count, and {escalation(order_type)} is your judgement. "
            f"{plural(letters, 'licence compliance letter')} sent in the last {rules.failure_window_months} months. "
            f"Decide by {long_date(breach_deadline(on, rules))}: a warning, a compliance meeting or {escalation(order_type)}."
        )
        if rules.licence_letters_before_review and letters >= rules.licence_letters_before_review:
            text += f" Your local policy is to consider recall after {plural(rules.licence_letters_before_review, 'letter')}."
        return text, EnforcementAction.LICENCE_COMPLIANCE_LETTER, (EnforcementAction.COMPLIANCE_MEETING, escalate)
    if meaning is NextFailure.BREACH_MANDATORY:
        assert state.breach_mandatory_until is not None
        given = sorted(state.live_warnings)
        if len(given) == 1:
            said = f"A warning was given on {long_date(given[0])} and is live until {long_date(state.breach_mandatory_until)}"
        else:
            said = (
                f"Warnings were given on {', '.join(long_date(w) for w in given)}; "
                f"{plural(rules.warnings_before_breach, 'warning')} stay live until {long_date(state.breach_mandatory_until)}"
            )
        by = long_date(breach_deadline(on, rules))
        return (
            f"{said}: this failure must be referred for breach. Start breach proceedings by {by}.",
            EnforcementAction.BREACH_INITIATED,
            (),
        )
    live = len(state.live_warnings)
    letter = EnforcementAction.FIRST_WARNING_LETTER if live == 0 else EnforcementAction.SECOND_WARNING_LETTER
    if live:
        opening = (
            f"A warning given on {long_date(max(state.live_warnings))} is live, but "
            f"{plural(rules.warnings_before_breach, 'warning')} are allowed before breach:"
        )
    elif state.lapsed_warning is not None:
        opening = (
            f"The last warning, given on {long_date(state.lapsed_warning)}, was live until "
            f"{long_date(live_until(state.lapsed_warning, rules.warning_window_months))}; there is no live warning now:"
        )
    else:
        opening = f"No warning has been given in the last {rules.warning_window_months} months:"
    return f"{opening} give a warning letter, or refer this failure for breach.", letter, (EnforcementAction.BREACH_INITIATED,)
