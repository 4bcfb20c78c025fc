"""Counting for enforcement, by the rules in shared/enforcement.md: pure functions over plain facts.

Nothing here reads the database or draws anything. The service layer turns stored orders,
appointments and enforcement actions into the frozen facts below; these functions count.

Windows: "the N months ending on D" are the dates after the same calendar date N months
earlier, up to and including D. Where that date does not exist (29 February, 31st of a
short month) the month's last day is used, as English law reads calendar months.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from diary.domain.scheduling import add_working_days
from diary.domain.text import long_date, plural
from diary.domain.vocab import EnforcementAction, OrderType, Outcome, OutcomeClass, RequirementType

BREACH_OPENERS = (EnforcementAction.BREACH_LETTER, EnforcementAction.BREACH_INITIATED)
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
class EnforcementRules:
    """Every counting rule as a setting; the defaults are the law as enforcement.md states it."""

    warnings_before_breach: int = 1
    warning_window_months: int = 12
    failure_window_months: int = 12
    evidence_due_working_days: int = 2
    rar_warn_days_left: int = 2
    unpaid_work_deadline: bool = True
    unpaid_work_months: int = 12
    licence_letters_before_review: int = 0

    def sentences_for(self, order_type: OrderType) -> list[str]:
        """The rules that apply to this kind of order, in plain words."""
        skip = "licence" if order_type.is_court_order else "warnings"
        return [text for key, text in self.sentences().items() if key != skip]

    def sentences(self) -> dict[str, str]:
        """Each rule in plain words, keyed like the numbers it produces."""
        warn = plural(self.warnings_before_breach, "warning")
        uw = (
            f"Unpaid work must be finished within {self.unpaid_work_months} months of the order's start "
            "(Sentencing Act 2020 Sch 9 paras 1-2)."
            if self.unpaid_work_deadline
            else "Unpaid work has no deadline (the 12-month limit is switched off in the settings)."
        )
        licence = (
            f"Local policy: consider recall after {plural(self.licence_letters_before_review, 'letter')} in "
            f"{self.failure_window_months} months."
            if self.licence_letters_before_review
            else "Licences and post-sentence supervision have no statutory warning count: recall or breach is "
            "your judgement."
        )
        return {
            "failures": "Failures are AFTC, ATSH and UAAB outcomes; acceptable absences, ATSS and "
            "reschedules are not failures.",
            "failures_in_window": f"Failures dated in the {self.failure_window_months} months ending on the date "
            f"(after the same date {self.failure_window_months} months earlier, up to and including the date).",
            "warnings": f"A warning is live for {self.warning_window_months} months from the date it was given; "
            f"with {warn} live, the next unacceptable failure on a community or suspended sentence order must be "
            "referred for breach (Sentencing Act 2020 Sch 10 paras 5-7, Sch 16 para 6).",
            "rar_days": "RAR days are distinct days with a RAR activity attended and complied with: two "
            "activities on one day use one day (Sentencing Act 2020 Sch 9 para 4).",
            "unpaid_work": uw,
            "programme": "Programme sessions attended and complied with, out of the programme's total.",
            "awaiting_evidence": f"Evidence of an acceptable reason is due {self.evidence_due_working_days} "
            "working days after a failure to attend.",
            "licence": licence,
        }


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


class Mark(StrEnum):
    """How one appointment shows on the timeline."""

    KEPT = "kept"
    ACCEPTABLE = "acceptable"
    FAILURE = "failure"
    AWAITING = "awaiting"
    NEUTRAL = "neutral"
    NOT_RECORDED = "not_recorded"
    BOOKED = "booked"

    @property
    def label(self) -> str:
        """In plain words, for legends."""
        return {
            "kept": "Kept",
            "acceptable": "Acceptable absence",
            "failure": "Failure to comply",
            "awaiting": "Awaiting evidence",
            "neutral": "Neither (service sent home, rescheduled)",
            "not_recorded": "Not yet recorded",
            "booked": "Booked",
        }[self.value]


@dataclass(frozen=True)
class AppointmentFact:
    """One appointment as the counting sees it."""

    start: datetime
    outcome: Outcome | None
    requirement: str | None = None
    rar_activity: bool = False
    hours_credited: float | None = None
    evidence_due: date | None = None
    id: int | None = None
    day: date = field(init=False, repr=False, compare=False)
    """The appointment's date."""
    counts_as: OutcomeClass | None = field(init=False, repr=False, compare=False)
    """What its outcome counts as, or None before one is recorded."""

    def __post_init__(self) -> None:
        """Work out the date and what the outcome counts as once: the counting reads them thousands of times."""
        object.__setattr__(self, "day", self.start.date())
        object.__setattr__(self, "counts_as", _COUNTS_AS.get(self.outcome))


_COUNTS_AS: dict[Outcome | None, OutcomeClass] = {o: o.counts_as for o in Outcome}


@dataclass(frozen=True)
class ActionFact:
    """One dated enforcement action."""

    day: date
    action: EnforcementAction
    note: str | None = None


@dataclass(frozen=True)
class RequirementFact:
    """A requirement: key (the case file's id), type and its measure (max days, hours or sessions)."""

    key: str
    type: RequirementType | None
    measure: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class OrderFacts:
    """An order with everything counted on it; `id` is the diary's own row id when there is one."""

    key: str
    type: OrderType
    start_date: date | None
    end_date: date | None
    requirements: tuple[RequirementFact, ...] = ()
    appointments: tuple[AppointmentFact, ...] = ()
    actions: tuple[ActionFact, ...] = ()
    id: int | None = None


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
    """One requirement's numbers as of a date."""

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


@dataclass(frozen=True)
class OrderCompliance:
    """An order's compliance in the round, as of a date."""

    key: str
    id: int | None
    type: OrderType
    start_date: date | None
    end_date: date | None
    as_of: date
    rules: EnforcementRules
    state: EnforcementState
    next_unacceptable_failure: NextFailure
    failures_in_window: int
    window_start: date
    outcomes_to_record: int
    awaiting_evidence: int
    evidence_overdue: int
    licence_letters_in_window: int
    requirements: tuple[RequirementCounts, ...]
    general: RequirementCounts
    history: tuple[HistoryEntry, ...] = field(default=())

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


def months_before(day: date, months: int) -> date:
    """The same calendar date `months` earlier (the month's last day where that date does not exist)."""
    return day - relativedelta(months=months)


def window_start(end: date, months: int = 12) -> date:
    """The first day of the `months` months ending on `end`."""
    return months_before(end, months) + timedelta(days=1)


def in_window(day: date, end: date, months: int = 12) -> bool:
    """True when `day` is in the `months` months ending on `end`: after the same date earlier, up to `end`."""
    return months_before(end, months) < day <= end


def live_until(given: date, months: int = 12) -> date:
    """The last day on which something given on `given` is still inside the window ending on that day."""
    candidate = given + relativedelta(months=months)
    return candidate if months_before(candidate, months) < given else candidate - timedelta(days=1)


def evidence_due_date(failed_on: date, rules: EnforcementRules | None = None) -> date:
    """When evidence for a failure to attend is due (default: 2 working days later)."""
    return add_working_days(failed_on, (rules or EnforcementRules()).evidence_due_working_days)


def mark_for(appointment: AppointmentFact, as_of: date) -> Mark:
    """The timeline mark for an appointment as of a date (anything after the date is only booked)."""
    cls = appointment.counts_as
    if appointment.day > as_of:
        return Mark.BOOKED
    if cls is None:
        return Mark.NOT_RECORDED
    return _MARKS[cls]


_MARKS = {
    OutcomeClass.ATTENDED: Mark.KEPT,
    OutcomeClass.ACCEPTABLE: Mark.ACCEPTABLE,
    OutcomeClass.FAILURE: Mark.FAILURE,
    OutcomeClass.PENDING: Mark.AWAITING,
    OutcomeClass.NEUTRAL: Mark.NEUTRAL,
}


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


def requirement_appointments(order: OrderFacts, requirement: RequirementFact) -> list[AppointmentFact]:
    """A requirement's appointments; RAR activities booked on the order alone go to its only RAR requirement."""
    own = [a for a in order.appointments if a.requirement == requirement.key]
    rars = [r for r in order.requirements if r.type is RequirementType.RAR]
    if requirement.type is RequirementType.RAR and len(rars) == 1:
        own += [a for a in order.appointments if a.requirement is None and a.rar_activity]
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
    )
    if requirement.type is RequirementType.RAR:
        return replace(counts, rar=rar_progress(appointments, requirement.measure, as_of, rules))
    if requirement.type is RequirementType.UNPAID_WORK:
        deadline = unpaid_work_deadline(order_start, rules)
        minutes = round(sum((a.hours_credited or 0) * 60 for a in done if a.outcome is not None))
        return replace(counts, unpaid_work=UnpaidWorkProgress(minutes, requirement.measure, deadline, as_of))
    if requirement.type is RequirementType.PROGRAMME:
        return replace(counts, sessions_total=requirement.measure)
    return counts


def rar_progress(appointments: Iterable[AppointmentFact], days_max: int | None, as_of: date, rules: EnforcementRules) -> RarProgress:
    """RAR days used (distinct days of attended-and-complied RAR activities), contacts, and future days booked."""
    rar = [a for a in appointments if a.rar_activity]
    used = {a.day for a in rar if a.day <= as_of and a.outcome is Outcome.ATTC}
    contacts = sum(1 for a in rar if a.day <= as_of and a.outcome is Outcome.ATTC)
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
    since = months_before(as_of, months)
    pending = [a for a in done if a.outcome is Outcome.AFTA]
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
        next_unacceptable_failure=next_unacceptable_failure(order.type, state),
        failures_in_window=sum(1 for a in done if a.counts_as is OutcomeClass.FAILURE and since < a.day),
        window_start=window_start(as_of, months),
        outcomes_to_record=sum(1 for a in order.appointments if a.outcome is None and a.start <= cutoff),
        awaiting_evidence=len(pending),
        evidence_overdue=sum(1 for a in pending if (a.evidence_due or evidence_due_date(a.day, rules)) < as_of),
        licence_letters_in_window=letters,
        requirements=tuple(
            requirement_counts(r, requirement_appointments(order, r), as_of, order.start_date, rules)
            for r in order.requirements
        ),
        general=requirement_counts(general, [a for a in order.appointments if id(a) not in assigned], as_of, None, rules),
        history=order_history(order, as_of),
    )


def order_history(order: OrderFacts, as_of: date) -> tuple[HistoryEntry, ...]:
    """Every appointment (later ones as booked) and the actions up to `as_of`, in date order, actions last on a day."""
    booked = sorted(order.appointments, key=lambda a: a.start)
    entries = [HistoryEntry(a.day, a.requirement, mark_for(a, as_of), a.outcome) for a in booked]
    entries += [HistoryEntry(a.day, None, None, None, a.action, a.note) for a in order.actions if a.day <= as_of]
    return tuple(sorted(entries, key=lambda e: (e.day, e.action is not None)))


def failures_requiring_breach(order: OrderCompliance) -> list[tuple[date, date]]:
    """(failure day, warning day) for each unacceptable failure on a court order that the law says must go to breach."""
    if not order.type.is_court_order:
        return []
    actions = [ActionFact(e.day, e.action) for e in order.history if e.action is not None]
    found = []
    for e in order.history:
        if e.mark is Mark.FAILURE:
            state = enforcement_state([a for a in actions if a.day < e.day], e.day, order.rules)
            if state.breach_since is None and state.breach_mandatory_until is not None:
                found.append((e.day, max(state.live_warnings)))
    return found


def outstanding_breach(order: OrderCompliance) -> tuple[date, date] | None:
    """The first failure that must go to breach with no breach action recorded on or after its day, if any."""
    referred = [e.day for e in order.history if e.action in BREACH_OPENERS]
    return next((pair for pair in failures_requiring_breach(order) if not any(d >= pair[0] for d in referred)), None)


def failure_prompt(order: OrderFacts, failure_date: date, rules: EnforcementRules | None = None) -> FailurePrompt:
    """What the law requires after an unacceptable failure on `failure_date`, and the step to offer.

    `order` holds the order as stored *without* this failure; the prompt counts it in.
    """
    rules = rules or EnforcementRules()
    state = enforcement_state(order.actions, failure_date, rules)
    meaning = next_unacceptable_failure(order.type, state)
    months = rules.failure_window_months
    failures = 1 + sum(
        1 for a in order.appointments
        if a.counts_as is OutcomeClass.FAILURE and a.day <= failure_date and in_window(a.day, failure_date, months)
    )
    tally = (
        f"This is the {_ordinal(failures)} unacceptable failure recorded in the {months} months to {long_date(failure_date)}."
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
            f"{order_type.label}: there is no statutory warning count, and "
            f"{'recall' if order_type is OrderType.LICENCE else 'a breach to court'} is your judgement. "
            f"{plural(letters, 'licence compliance letter')} sent in the last {rules.failure_window_months} months."
        )
        if rules.licence_letters_before_review and letters >= rules.licence_letters_before_review:
            text += f" Your local policy is to consider recall after {plural(rules.licence_letters_before_review, 'letter')}."
        return text, EnforcementAction.LICENCE_COMPLIANCE_LETTER, (escalate,)
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
        return f"{said}: this failure must be referred for breach.", EnforcementAction.BREACH_INITIATED, ()
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


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def hours_and_minutes(minutes: int) -> str:
    """'62 h 30 min', '100 h'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def standing(order: OrderCompliance) -> str:
    """Where the order stands on its as-of date, in one plain sentence."""
    state = order.state
    owed = outstanding_breach(order)
    if owed is not None:
        return (
            f"An unacceptable failure on {long_date(owed[0])} came while the warning given on {long_date(owed[1])} "
            "was live: it must be referred for breach, and no breach is recorded yet."
        )
    if order.next_unacceptable_failure is NextFailure.BREACH_IN_PROGRESS:
        assert state.breach_since is not None
        return f"Breach action begun on {long_date(state.breach_since)} is still open."
    if order.next_unacceptable_failure is NextFailure.DISCRETIONARY:
        return (
            f"{order.type.label}: no statutory warning count; "
            f"{plural(order.licence_letters_in_window, 'licence compliance letter')} in the "
            f"{order.rules.failure_window_months} months to {long_date(order.as_of)}."
        )
    if order.next_unacceptable_failure is NextFailure.BREACH_MANDATORY:
        assert state.breach_mandatory_until is not None
        latest = max(state.live_warnings)
        return (
            f"A warning was given on {long_date(latest)} and is live until {long_date(state.breach_mandatory_until)}: "
            "the next unacceptable failure must be referred for breach."
        )
    if state.lapsed_warning is not None and not state.live_warnings:
        return (
            f"No live warning (the last, given on {long_date(state.lapsed_warning)}, was live until "
            f"{long_date(live_until(state.lapsed_warning, order.rules.warning_window_months))}): "
            "the next unacceptable failure may be met with a warning or referred for breach."
        )
    return "No live warning: the next unacceptable failure may be met with a warning or referred for breach."


def progress_line(r: RequirementCounts) -> str | None:
    """The requirement's measure in words: RAR days, unpaid work hours and pace, programme sessions."""
    if r.rar is not None:
        used = f"{r.rar.days_used} of {r.rar.days_max} RAR days used" if r.rar.days_max else f"{r.rar.days_used} RAR days used"
        extra = f" ({plural(r.rar.contacts, 'activity', 'activities')} attended"
        extra += f"; {plural(r.rar.days_booked, 'more day')} booked)." if r.rar.days_booked else ")."
        warn = " Past the maximum with the days booked." if r.rar.overbooked else (" Nearly at the maximum." if r.rar.near_max else "")
        return used + extra + warn
    if r.unpaid_work is not None:
        uw = r.unpaid_work
        line = f"{hours_and_minutes(uw.minutes_done)} of {uw.hours_ordered} h done"
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
        return f"{r.sessions_attended}{total} sessions attended."
    if r.type in NOT_BY_APPOINTMENTS:
        return "Not counted by appointments: record its dates and any reported violations."
    return None
