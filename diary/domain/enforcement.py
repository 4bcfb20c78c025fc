"""Counting for enforcement, by the rules in shared/enforcement.md: an order's numbers as of a date, pure functions.

The facts come from diary/domain/enforcement_facts.py, the rules and windows from enforcement_rules.py, and the
order's one compliance state from compliance_state.py; the words officers read are in enforcement_words.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from diary.domain.compliance_state import (
    ComplianceState,
    EnforcementState,
    NextFailure,
    compliance_state,
    enforcement_state,
    failures_requiring_breach,
    next_unacceptable_failure,
)
from diary.domain.enforcement_facts import AppointmentFact, Mark, OrderFacts, RequirementFact, mark_for
from diary.domain.enforcement_rules import EnforcementRules, evidence_due_date, in_window, months_before, window_start
from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType, Outcome, OutcomeClass, RequirementType

GENERAL_KEY = "general"
NOT_BY_APPOINTMENTS = frozenset({
    RequirementType.CURFEW,
    RequirementType.EXCLUSION,
    RequirementType.RESIDENCE,
    RequirementType.PROHIBITED_ACTIVITY,
    RequirementType.FOREIGN_TRAVEL_PROHIBITION,
    RequirementType.ELECTRONIC_MONITORING,
    RequirementType.ALCOHOL_ABSTINENCE_MONITORING,
})
GENERAL_LABEL = "General supervision"


@dataclass(frozen=True)
class RarProgress:
    """RAR days used against the court's maximum."""

    days_used: int
    days_max: int | None
    contacts: int
    days_booked: int
    warn_days_left: int

    @property
    def days_left(self) -> int | None:
        """Days still available, or None without a maximum."""
        return None if self.days_max is None else max(0, self.days_max - self.days_used)

    @property
    def near_max(self) -> bool:
        """True when few days are left (the warning before the maximum)."""
        return self.days_left is not None and self.days_left <= self.warn_days_left

    @property
    def at_max(self) -> bool:
        """True when every day the court set has been used."""
        return self.days_max is not None and self.days_used >= self.days_max

    @property
    def overbooked(self) -> bool:
        """True when days used plus days booked go past the maximum."""
        return self.days_max is not None and self.days_used + self.days_booked > self.days_max


@dataclass(frozen=True)
class UnpaidWorkProgress:
    """Unpaid work done against the hours ordered, and the pace needed to finish in time."""

    minutes_done: int
    hours_ordered: int | None
    deadline: date | None
    as_of: date

    @property
    def hours_done(self) -> float:
        """Hours done, as decimal hours."""
        return round(self.minutes_done / 60, 2)

    @property
    def minutes_left(self) -> int | None:
        """Minutes still to work, or None when no hours are ordered."""
        return None if self.hours_ordered is None else max(0, self.hours_ordered * 60 - self.minutes_done)

    @property
    def hours_left(self) -> float | None:
        """Hours still to work, as decimal hours."""
        left = self.minutes_left
        return None if left is None else round(left / 60, 2)

    @property
    def complete(self) -> bool:
        """True when every hour ordered has been worked."""
        return self.minutes_left == 0

    @property
    def days_to_deadline(self) -> int | None:
        """Days after the as-of date up to and including the deadline (negative when it has passed)."""
        return None if self.deadline is None else (self.deadline - self.as_of).days

    @property
    def weekly_rate_needed(self) -> float | None:
        """Hours a week needed to finish by the deadline (rounded up to the quarter hour); None when it cannot be said."""
        left, days = self.minutes_left, self.days_to_deadline
        if left is None or days is None or days <= 0 or left == 0:
            return None
        return math.ceil(left / 60 / (days / 7) * 4) / 4

    @property
    def overdue(self) -> bool:
        """True when the deadline has passed with hours still to do."""
        days = self.days_to_deadline
        return days is not None and days < 0 and bool(self.minutes_left)


@dataclass(frozen=True)
class RequirementCounts:
    """One requirement's numbers as of a date (`added_on`: the hearing that added it, counted from then on)."""

    key: str
    type: RequirementType | None
    name: str | None
    attended_complied: int
    acceptable_absences: int
    failures: int
    awaiting_evidence: int
    neither: int
    not_recorded: int
    rar: RarProgress | None = None
    unpaid_work: UnpaidWorkProgress | None = None
    sessions_total: int | None = None
    added_on: date | None = None

    @property
    def sessions_attended(self) -> int | None:
        """Programme sessions attended (for programme requirements)."""
        return self.attended_complied if self.type is RequirementType.PROGRAMME else None

    @property
    def label(self) -> str:
        """The requirement in words, with its name; appointments on no requirement are 'General supervision'."""
        if self.type is None:
            return GENERAL_LABEL
        return self.type.label + (f": {self.name}" if self.name else "")


@dataclass(frozen=True)
class HistoryEntry:
    """One dated line of the order's history: an appointment's mark or an enforcement action."""

    day: date
    requirement: str | None
    mark: Mark | None
    outcome: Outcome | None
    action: EnforcementAction | None = None
    note: str | None = None
    court_outcome: CourtOutcome | None = None
    court: str | None = None


@dataclass(frozen=True)
class OrderCompliance:
    """An order's compliance in the round, as of a date; `compliance` is its one state, told the same everywhere."""

    key: str
    id: int | None
    type: OrderType
    start_date: date | None
    end_date: date | None
    as_of: date
    rules: EnforcementRules
    state: EnforcementState
    compliance: ComplianceState
    next_unacceptable_failure: NextFailure
    failures_in_window: int
    window_start: date
    outcomes_to_record: int
    outcomes_not_recorded_since: date | None
    awaiting_evidence: int
    evidence_overdue: int
    licence_letters_in_window: int
    requirements: tuple[RequirementCounts, ...]
    general: RequirementCounts
    history: tuple[HistoryEntry, ...] = field(default=())
    breach_failures: tuple[tuple[date, date], ...] = ()
    """(failure day, warning day) for each failure that came while a warning was live and so had to go to breach."""

    @property
    def live_warning_until(self) -> date | None:
        """The last day the latest live warning is live, or None."""
        return self.state.live_warning_until

    @property
    def warnings_in_window(self) -> int:
        """Warning letters given in the window and not withdrawn."""
        return len(self.state.warnings_in_window)

    @property
    def breach_in_progress(self) -> bool:
        """True while a breach is open."""
        return self.state.breach_since is not None

    def rows(self) -> tuple[RequirementCounts, ...]:
        """Each requirement, then general supervision when any appointment sits on no requirement."""
        g = self.general
        used = g.attended_complied + g.acceptable_absences + g.failures + g.awaiting_evidence + g.neither + g.not_recorded
        return (*self.requirements, g) if used else self.requirements

    def totals(self) -> tuple[int, int, int]:
        """(kept, acceptable absences, failures) across the whole order, every requirement and general supervision."""
        every = (*self.requirements, self.general)
        return (
            sum(r.attended_complied for r in every),
            sum(r.acceptable_absences for r in every),
            sum(r.failures for r in every),
        )


def requirement_appointments(order: OrderFacts, requirement: RequirementFact) -> list[AppointmentFact]:
    """A requirement's appointments (from the day the court added it, if it did); RAR activities booked on the
    order alone go to its only RAR requirement."""
    own = [a for a in order.appointments if a.requirement == requirement.key]
    rars = [r for r in order.requirements if r.type is RequirementType.RAR]
    if requirement.type is RequirementType.RAR and len(rars) == 1:
        own += [a for a in order.appointments if a.requirement is None and a.rar_activity]
    if requirement.added_on is not None:
        own = [a for a in own if a.day >= requirement.added_on]
    return own


def requirement_counts(
    requirement: RequirementFact,
    appointments: Sequence[AppointmentFact],
    as_of: date,
    order_start: date | None = None,
    rules: EnforcementRules | None = None,
) -> RequirementCounts:
    """One requirement's numbers from its appointments dated up to `as_of`."""
    rules = rules or EnforcementRules()
    done = [a for a in appointments if a.day <= as_of]
    by_class = Counter(a.counts_as for a in done)
    counts = RequirementCounts(
        key=requirement.key,
        type=requirement.type,
        name=requirement.name,
        attended_complied=by_class[OutcomeClass.ATTENDED],
        acceptable_absences=by_class[OutcomeClass.ACCEPTABLE],
        failures=by_class[OutcomeClass.FAILURE],
        awaiting_evidence=by_class[OutcomeClass.PENDING],
        neither=by_class[OutcomeClass.NEUTRAL],
        not_recorded=sum(1 for a in done if a.outcome is None),
        added_on=requirement.added_on,
    )
    if requirement.type is RequirementType.RAR:
        return replace(counts, rar=rar_progress(appointments, requirement.measure, as_of, rules))
    if requirement.type is RequirementType.UNPAID_WORK:
        deadline = unpaid_work_deadline(requirement.added_on or order_start, rules)
        minutes = round(sum((a.hours_credited or 0) * 60 for a in done if a.outcome is not None))
        return replace(counts, unpaid_work=UnpaidWorkProgress(minutes, requirement.measure, deadline, as_of))
    if requirement.type is RequirementType.PROGRAMME:
        return replace(counts, sessions_total=requirement.measure)
    return counts


def rar_progress(appointments: Iterable[AppointmentFact], days_max: int | None, as_of: date, rules: EnforcementRules) -> RarProgress:
    """RAR days used (distinct days of attended-and-complied RAR activities), contacts, and future days booked."""
    rar = [a for a in appointments if a.rar_activity]
    used = {a.day for a in rar if a.day <= as_of and a.outcome is not None and a.outcome.uses_rar_day}
    contacts = sum(1 for a in rar if a.day <= as_of and a.outcome is not None and a.outcome.uses_rar_day)
    booked = {a.day for a in rar if a.day > as_of and a.outcome is None} - used
    return RarProgress(len(used), days_max, contacts, len(booked), rules.rar_warn_days_left)


def unpaid_work_deadline(order_start: date | None, rules: EnforcementRules | None = None) -> date | None:
    """The last day to finish unpaid work: the day before the order's anniversary (None when switched off)."""
    rules = rules or EnforcementRules()
    if order_start is None or not rules.unpaid_work_deadline:
        return None
    return order_start + relativedelta(months=rules.unpaid_work_months) - timedelta(days=1)


def order_compliance(
    order: OrderFacts, as_of: date, rules: EnforcementRules | None = None, now: datetime | None = None
) -> OrderCompliance:
    """Everything counted on one order as of the end of `as_of` (or `now`, for outcomes still to record)."""
    rules = rules or EnforcementRules()
    cutoff = now or datetime.combine(as_of, time.max)
    done = [a for a in order.appointments if a.day <= as_of]
    state = enforcement_state(order.actions, as_of, rules)
    months = rules.failure_window_months
    failures = [f for f in order.failures() if f.day <= as_of]
    actions = [a for a in order.actions if a.day <= as_of]
    pending = [a for a in done if a.outcome is Outcome.AFTA]
    unrecorded = [a for a in order.appointments if a.outcome is None and a.start <= cutoff]
    assigned = {id(a) for r in order.requirements for a in requirement_appointments(order, r)}
    general = RequirementFact(GENERAL_KEY, None)
    letters = sum(
        1 for a in order.actions
        if a.action is EnforcementAction.LICENCE_COMPLIANCE_LETTER and in_window(a.day, as_of, months)
    )
    return OrderCompliance(
        key=order.key,
        id=order.id,
        type=order.type,
        start_date=order.start_date,
        end_date=order.end_date,
        as_of=as_of,
        rules=rules,
        state=state,
        compliance=compliance_state(order.type, failures, actions, as_of, rules),
        next_unacceptable_failure=next_unacceptable_failure(order.type, state),
        failures_in_window=sum(1 for f in failures if months_before(as_of, months) < f.day),
        window_start=window_start(as_of, months),
        outcomes_to_record=len(unrecorded),
        outcomes_not_recorded_since=min((a.day for a in unrecorded), default=None),
        awaiting_evidence=len(pending),
        evidence_overdue=sum(1 for a in pending if (a.evidence_due or evidence_due_date(a.day, rules)) < as_of),
        licence_letters_in_window=letters,
        requirements=tuple(
            requirement_counts(r, requirement_appointments(order, r), as_of, order.start_date, rules)
            for r in order.requirements
        ),
        general=requirement_counts(general, [a for a in order.appointments if id(a) not in assigned], as_of, None, rules),
        history=order_history(order, as_of),
        breach_failures=tuple(failures_requiring_breach(order.type, failures, actions, rules)),
    )


def order_history(order: OrderFacts, as_of: date) -> tuple[HistoryEntry, ...]:
    """Every appointment (later ones as booked) and the actions up to `as_of`, in date order, actions last on a day."""
    booked = sorted(order.appointments, key=lambda a: a.start)
    entries = [HistoryEntry(a.day, a.requirement, mark_for(a, as_of), a.outcome) for a in booked]
    entries += [
        HistoryEntry(a.day, None, None, None, a.action, a.note, a.court_outcome, a.court)
        for a in order.actions
        if a.day <= as_of
    ]
    return tuple(sorted(entries, key=lambda e: (e.day, e.action is not None)))
