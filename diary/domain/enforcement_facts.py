"""The plain facts enforcement counts: appointments, dated actions, requirements and orders, and how each appointment shows.

The service layer turns stored rows into these frozen facts; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType, Outcome, OutcomeClass, RequirementType


class Mark(StrEnum):
    """How one appointment shows on the timeline, the week and the printed week."""

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
    """One dated enforcement action; a concluded breach carries the court's outcome and the court."""

    day: date
    action: EnforcementAction
    note: str | None = None
    court_outcome: CourtOutcome | None = None
    court: str | None = None


@dataclass(frozen=True)
class FailureFact:
    """One unacceptable failure as enforcement counts it: what it was (a missed or failed appointment for now;
    violations outside appointments join as another `source`), its day and the requirement it was on."""

    day: date
    source: str = "appointment"
    requirement: str | None = None
    outcome: Outcome | None = None


@dataclass(frozen=True)
class RequirementFact:
    """A requirement: key (the case file's id), type and its measure (max days, hours or sessions);
    `added_on` is the hearing that added it to a running order (it counts from then on)."""

    key: str
    type: RequirementType | None
    measure: int | None = None
    name: str | None = None
    added_on: date | None = None


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

    def failures(self) -> tuple[FailureFact, ...]:
        """Every unacceptable failure on the order, in date order (the one input the compliance state reads)."""
        found = (
            FailureFact(a.day, "appointment", a.requirement, a.outcome)
            for a in self.appointments
            if a.counts_as is OutcomeClass.FAILURE
        )
        return tuple(sorted(found, key=lambda f: f.day))


def mark_for(appointment: AppointmentFact, as_of: date) -> Mark:
    """The timeline mark for an appointment as of a date (anything after the date is only booked)."""
    cls = appointment.counts_as
    if appointment.day > as_of:
        return Mark.BOOKED
    if cls is None:
        return Mark.NOT_RECORDED
    return MARKS[cls]


MARKS = {
    OutcomeClass.ATTENDED: Mark.KEPT,
    OutcomeClass.ACCEPTABLE: Mark.ACCEPTABLE,
    OutcomeClass.FAILURE: Mark.FAILURE,
    OutcomeClass.PENDING: Mark.AWAITING,
    OutcomeClass.NEUTRAL: Mark.NEUTRAL,
}
"""The mark each kind of outcome shows as."""


@dataclass(frozen=True)
class OutcomeSign:
    """How a booking's outcome shows in the week, the day and the printed week: a sign and its words, so the
    meaning never rests on colour (only a kept appointment has the tick)."""

    sign: str
    words: str
    mark: Mark


def outcome_sign(outcome: Outcome | None) -> OutcomeSign | None:
    """The sign for a recorded outcome (None before one is recorded)."""
    if outcome is None:
        return None
    if outcome is Outcome.ATSH:
        return OutcomeSign("✗S", "sent home (behaviour): a failure", Mark.FAILURE)
    if outcome is Outcome.ATSS:
        return OutcomeSign("S", "sent home (service issue)", Mark.NEUTRAL)
    if outcome is Outcome.RESCHEDULED:
        return OutcomeSign("R", "rescheduled", Mark.NEUTRAL)
    mark = MARKS[outcome.counts_as]
    return {
        Mark.KEPT: OutcomeSign("✓", "kept", mark),
        Mark.FAILURE: OutcomeSign("✗", f"failure: {outcome.label.lower()}", mark),
        Mark.ACCEPTABLE: OutcomeSign("A", "acceptable absence", mark),
        Mark.AWAITING: OutcomeSign("?", "awaiting evidence", mark),
    }[mark]


SIGN_LEGEND = "✓ kept · ✗ failure · ✗S sent home (behaviour) · S sent home (service) · A acceptable absence · ? awaiting evidence · R rescheduled"
"""The signs in one line, for legends."""
