"""An order's compliance state, worked out once from its failures and dated actions and told the same everywhere.

For a community or suspended sentence order the state is one of: no live warning; a warning live until D (the next
unacceptable failure must go to breach); breach required since the failure's day D, with the deadline to start
proceedings; breach in progress since D; breach dealt with (the court's outcome). Licences and post-sentence
supervision have no statutory warning count: their state is discretionary, with the failures counted and any failure
still awaiting the officer's decision. Failures come in as `FailureFact`s, so failures other than appointments
(violations reported by others) count the same way once they are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from diary.domain.enforcement_facts import ActionFact, FailureFact
from diary.domain.enforcement_rules import EnforcementRules, breach_deadline, in_window, live_until, window_start
from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType

BREACH_OPENERS = (EnforcementAction.BREACH_LETTER, EnforcementAction.BREACH_INITIATED)
LICENCE_DECISIONS = frozenset({
    EnforcementAction.LICENCE_COMPLIANCE_LETTER,
    EnforcementAction.COMPLIANCE_MEETING,
    EnforcementAction.RECALL_REQUESTED,
    EnforcementAction.NO_FURTHER_ACTION,
    *BREACH_OPENERS,
})
"""The actions that answer a failure on a licence or post-sentence supervision."""


class NextFailure(StrEnum):
    """What the next unacceptable failure on an order means."""

    WARNING_OR_BREACH = "warning_or_breach"
    BREACH_MANDATORY = "breach_mandatory"
    BREACH_IN_PROGRESS = "breach_in_progress"
    DISCRETIONARY = "discretionary"

    @property
    def label(self) -> str:
        """In plain words."""
        return {
            "warning_or_breach": "Warning or breach",
            "breach_mandatory": "Breach is mandatory",
            "breach_in_progress": "Breach in progress",
            "discretionary": "At your discretion (no statutory warning count)",
        }[self.value]


@dataclass(frozen=True)
class EnforcementState:
    """Warnings and breach on an order on one date."""

    warnings: tuple[date, ...]
    live_warnings: tuple[date, ...]
    live_warning_until: date | None
    warnings_in_window: tuple[date, ...]
    lapsed_warning: date | None
    breach_since: date | None
    breach_mandatory_until: date | None


def enforcement_state(actions: Iterable[ActionFact], on: date, rules: EnforcementRules | None = None) -> EnforcementState:
    """Warnings (not withdrawn, live, in the window, lapsed) and any open breach on `on`, from the actions up to then."""
    rules = rules or EnforcementRules()
    months = rules.warning_window_months
    warnings: list[date] = []
    breach_since: date | None = None
    for act in sorted((a for a in actions if a.day <= on), key=lambda a: a.day):
        if act.action.is_warning:
            warnings.append(act.day)
        elif act.action is EnforcementAction.WARNING_WITHDRAWN and warnings:
            warnings.pop()
        elif act.action in BREACH_OPENERS and breach_since is None:
            breach_since = act.day
        elif act.action is EnforcementAction.BREACH_CONCLUDED:
            breach_since = None
    live = tuple(w for w in warnings if in_window(w, on, months))
    counted = tuple(w for w in warnings if in_window(w, on, rules.failure_window_months))
    lapsed = max((w for w in warnings if w not in live), default=None)
    ends = sorted((live_until(w, months) for w in live), reverse=True)
    need = rules.warnings_before_breach
    mandatory_until = ends[need - 1] if need >= 1 and len(ends) >= need else None
    return EnforcementState(tuple(warnings), live, ends[0] if ends else None, counted, lapsed, breach_since, mandatory_until)


def next_unacceptable_failure(order_type: OrderType, state: EnforcementState) -> NextFailure:
    """What the next unacceptable failure means: an open breach first, then the order type's rule."""
    if state.breach_since is not None:
        return NextFailure.BREACH_IN_PROGRESS
    if not order_type.is_court_order:
        return NextFailure.DISCRETIONARY
    if state.breach_mandatory_until is not None:
        return NextFailure.BREACH_MANDATORY
    return NextFailure.WARNING_OR_BREACH


class StateKind(StrEnum):
    """The one compliance state of an order (the `state` of `diary compliance --json`)."""

    NONE = "none"
    WARNING_LIVE = "warning_live"
    BREACH_REQUIRED = "breach_required"
    BREACH_IN_PROGRESS = "breach_in_progress"
    BREACH_DEALT_WITH = "breach_dealt_with"
    DISCRETIONARY = "discretionary"

    @property
    def gravity(self) -> int:
        """How much the state asks of the officer now; rows show a person's gravest."""
        return [
            StateKind.NONE, StateKind.BREACH_DEALT_WITH, StateKind.DISCRETIONARY, StateKind.WARNING_LIVE,
            StateKind.BREACH_IN_PROGRESS, StateKind.BREACH_REQUIRED,
        ].index(self)


@dataclass(frozen=True)
class ComplianceState:
    """Where an order stands on a date: the state, its date, its deadline and what produced it.

    `since` is the failure's day (breach required), the breach's start (in progress) or the hearing (dealt with);
    `deadline` is the day to start breach proceedings by, or on a licence the day to decide on a failure by.
    """

    kind: StateKind
    order_type: OrderType
    as_of: date
    since: date | None = None
    deadline: date | None = None
    warning_given: date | None = None
    warning_until: date | None = None
    failures: int = 0
    failures_since: date | None = None
    decision_due_for: date | None = None
    court_outcome: CourtOutcome | None = None
    court: str | None = None

    @property
    def overdue(self) -> bool:
        """True when the deadline has passed with the step still not taken."""
        return self.deadline is not None and self.deadline < self.as_of

    @property
    def flagged(self) -> bool:
        """True for the states a row marks: breach required or in progress, a live warning, a licence decision due."""
        if self.kind is StateKind.DISCRETIONARY:
            return self.decision_due_for is not None
        return self.kind in (StateKind.BREACH_REQUIRED, StateKind.BREACH_IN_PROGRESS, StateKind.WARNING_LIVE)


def failures_requiring_breach(
    order_type: OrderType, failures: Sequence[FailureFact], actions: Sequence[ActionFact], rules: EnforcementRules
) -> list[tuple[date, date]]:
    """(failure day, warning day) for each unacceptable failure on a court order that the law says must go to breach:
    one that came while enough warnings were live and no breach was open."""
    if not order_type.is_court_order:
        return []
    found = []
    for failure in failures:
        state = enforcement_state([a for a in actions if a.day < failure.day], failure.day, rules)
        if state.breach_since is None and state.breach_mandatory_until is not None:
            found.append((failure.day, max(state.live_warnings)))
    return found


def outstanding_breach(
    order_type: OrderType, failures: Sequence[FailureFact], actions: Sequence[ActionFact], rules: EnforcementRules
) -> tuple[date, date] | None:
    """The first failure that must go to breach with no breach begun on or after its day, and its warning's day."""
    begun = [a.day for a in actions if a.action in BREACH_OPENERS]
    return next(
        (pair for pair in failures_requiring_breach(order_type, failures, actions, rules)
         if not any(d >= pair[0] for d in begun)),
        None,
    )


def compliance_state(
    order_type: OrderType,
    failures: Iterable[FailureFact],
    actions: Iterable[ActionFact],
    as_of: date,
    rules: EnforcementRules | None = None,
) -> ComplianceState:
    """The order's one state on `as_of`, from its failures and actions up to that day."""
    rules = rules or EnforcementRules()
    done = sorted((f for f in failures if f.day <= as_of), key=lambda f: f.day)
    acts = sorted((a for a in actions if a.day <= as_of), key=lambda a: a.day)
    warned = enforcement_state(acts, as_of, rules)
    since = window_start(as_of, rules.failure_window_months)
    counted = sum(1 for f in done if in_window(f.day, as_of, rules.failure_window_months))
    base = ComplianceState(
        StateKind.NONE, order_type, as_of,
        warning_given=max(warned.live_warnings, default=None), warning_until=warned.breach_mandatory_until,
        failures=counted, failures_since=since,
    )
    if warned.breach_since is not None:
        return _with(base, StateKind.BREACH_IN_PROGRESS, since=warned.breach_since)
    owed = outstanding_breach(order_type, done, acts, rules)
    if owed is not None:
        return _with(base, StateKind.BREACH_REQUIRED, since=owed[0], deadline=breach_deadline(owed[0], rules),
                     warning_given=owed[1])
    dealt = _dealt_with(done, acts)
    if dealt is not None:
        return _with(base, StateKind.BREACH_DEALT_WITH, since=dealt.day, court_outcome=dealt.court_outcome, court=dealt.court)
    if not order_type.is_court_order:
        pending = _undecided(done, acts)
        return _with(base, StateKind.DISCRETIONARY, decision_due_for=pending,
                     deadline=breach_deadline(pending, rules) if pending else None)
    if warned.breach_mandatory_until is not None:
        return _with(base, StateKind.WARNING_LIVE)
    return base


def _with(state: ComplianceState, kind: StateKind, **changes: Any) -> ComplianceState:
    """The state with its kind and the given fields set."""
    return replace(state, kind=kind, **changes)


def _dealt_with(failures: Sequence[FailureFact], actions: Sequence[ActionFact]) -> ActionFact | None:
    """The court's outcome, while it is the latest word on the order: no warning and no failure after the hearing."""
    concluded = [a for a in actions if a.action is EnforcementAction.BREACH_CONCLUDED]
    if not concluded:
        return None
    last = concluded[-1]
    later = any(a.day > last.day and a.action.is_warning for a in actions) or any(f.day > last.day for f in failures)
    return None if later else last


def _undecided(failures: Sequence[FailureFact], actions: Sequence[ActionFact]) -> date | None:
    """The earliest failure on a licence with no decision (letter, compliance meeting, recall, no further action)
    recorded on or after its day."""
    decided = [a.day for a in actions if a.action in LICENCE_DECISIONS]
    last = max(decided, default=None)
    return next((f.day for f in failures if last is None or f.day > last), None)
