"""Recording enforcement: dated actions on an order (warnings, breach, recall, decisions) and the court's outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from diary.domain.compliance_state import enforcement_state
from diary.domain.enforcement_facts import ActionFact
from diary.domain.sentences import REQUIREMENT_SPECS, RequirementEntry, RequirementSpec, check_requirement
from diary.domain.text import long_date, plural
from diary.domain.validation import FieldError
from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType, RequirementType
from diary.store.database import Database
from diary.store.models import EnforcementActionRecord, Requirement, SentenceOrder


class EnforcementError(ValueError):
    """An enforcement action that cannot be recorded as it stands; the message says why."""


def record_enforcement_action(
    db: Database, order_id: int, action: EnforcementAction | str, on: date, note: str | None = None
) -> int:
    """Record a dated enforcement action on an order; returns its id (EnforcementError when it cannot be right)."""
    try:
        action = EnforcementAction(action)
    except ValueError:
        raise EnforcementError(f"'{action}' is not an enforcement action the diary knows.") from None
    with db.transaction() as session:
        order = session.get(SentenceOrder, order_id, options=[selectinload(SentenceOrder.enforcement_actions)])
        if order is None:
            raise EnforcementError("That order is no longer in the diary.")
        _check_action(order, action, on)
        record = EnforcementActionRecord(order_id=order_id, date=on, action=action.value, note=(note or "").strip() or None)
        session.add(record)
        session.flush()
        return record.id


@dataclass(frozen=True)
class RequirementChange:
    """A requirement the court added (no `ref`) or changed (the requirement's ref on the order, and its new measure)
    at a breach hearing: its measure (days, hours or sessions), details, last day and hours a day, as its type asks."""

    type: RequirementType
    measure: int | None = None
    text: str | None = None
    ref: str | None = None
    until: date | None = None
    daily_hours: int | None = None

    def entry(self) -> RequirementEntry:
        """The requirement as the sentencing rules check it."""
        return RequirementEntry(
            self.type, self.measure, text=(self.text or "").strip() or None, until=self.until, daily_hours=self.daily_hours
        )


def record_court_outcome(
    db: Database,
    order_id: int,
    hearing: date,
    outcome: CourtOutcome | str,
    court: str,
    changes: Sequence[RequirementChange] = (),
    note: str | None = None,
    today: date | None = None,
) -> int:
    """Record the court's outcome on an open breach (the breach is concluded on the hearing date), with any requirement
    it added (counted from the hearing on) or changed; an order revoked, or ended by custody, ends on the hearing date.
    Returns the action's id; EnforcementError, naming the field, when something cannot be right."""
    try:
        outcome = CourtOutcome(outcome)
    except ValueError:
        raise EnforcementError(f"Outcome: '{outcome}' is not a court outcome the diary knows.") from None
    court = " ".join(court.split())
    if not court:
        raise EnforcementError("Court: give the court that heard the breach.")
    if hearing > (today or date.today()):
        raise EnforcementError(f"Hearing date: {long_date(hearing)} has not come yet; record the outcome after the hearing.")
    if outcome is CourtOutcome.CONTINUED_AMENDED and not changes:
        raise EnforcementError("Requirement: say which requirement the court added or changed.")
    if changes and outcome is not CourtOutcome.CONTINUED_AMENDED:
        raise EnforcementError(f"Requirement: the outcome '{outcome.label}' does not add or change requirements.")
    with db.transaction() as session:
        order = session.get(
            SentenceOrder, order_id,
            options=[selectinload(SentenceOrder.enforcement_actions), selectinload(SentenceOrder.requirements)],
        )
        if order is None:
            raise EnforcementError("That order is no longer in the diary.")
        for change in changes:
            try:
                check_requirement(change.entry(), hearing, order.end_date)
            except FieldError as exc:
                raise EnforcementError(str(exc)) from None
        _check_action(order, EnforcementAction.BREACH_CONCLUDED, hearing)
        said = [_apply_change(order, change, hearing) for change in changes]
        if outcome.ends_order and (order.end_date is None or order.end_date > hearing):
            order.end_date = hearing
        words = "; ".join([*said, *([note.strip()] if note and note.strip() else [])]) or None
        record = EnforcementActionRecord(
            order_id=order_id, date=hearing, action=EnforcementAction.BREACH_CONCLUDED.value, note=words,
            court_outcome=outcome.value, court=court,
        )
        session.add(record)
        session.flush()
        return record.id


def _apply_change(order: SentenceOrder, change: RequirementChange, hearing: date) -> str:
    """Add or change one requirement on the order; returns what was done, in words for the action's note."""
    spec = REQUIREMENT_SPECS[change.type]
    entry = change.entry()
    amount = f" of {plural(change.measure, spec.unit)}" if spec.amount and change.measure is not None else ""
    if change.ref is not None:
        found = next((r for r in order.requirements if r.ref == change.ref), None)
        if found is None or found.type != change.type.value:
            raise EnforcementError("Requirement: that requirement is not on this order.")
        before = getattr(found, spec.amount) if spec.amount else None
        _set(found, spec, entry)
        if before is not None and change.measure is not None:
            return f"{change.type.label} {found.ref} changed from {plural(before, spec.unit)} to {plural(change.measure, spec.unit)}"
        return f"{change.type.label} {found.ref} changed by the court"
    taken = {r.ref for r in order.requirements}
    ref = next(f"r{n}" for n in range(len(taken) + 1, len(taken) + 1000) if f"r{n}" not in taken)
    added = Requirement(ref=ref, type=change.type.value, added_on=hearing)
    _set(added, spec, entry)
    order.requirements.append(added)
    return f"{change.type.label}{amount} added ({ref})"


def _set(requirement: Requirement, spec: RequirementSpec, entry: RequirementEntry) -> None:
    """Write the checked entry's measure, details, last day and hours a day onto the requirement."""
    if spec.amount:
        setattr(requirement, spec.amount, entry.amount)
    if entry.text:
        requirement.text = entry.text
    if entry.until is not None:
        requirement.until = entry.until
    if entry.daily_hours is not None:
        requirement.daily_hours = entry.daily_hours


def _check_action(order: SentenceOrder, action: EnforcementAction, on: date) -> None:
    """Refuse an action that contradicts the order's record, in words the officer can act on."""
    if order.start_date and on < order.start_date:
        raise EnforcementError(
            f"The order started on {long_date(order.start_date)}: an action cannot be dated before that."
        )
    if action is EnforcementAction.RECALL_REQUESTED and order.type != OrderType.LICENCE:
        raise EnforcementError(f"Recall is for licences; this is a {OrderType(order.type).label.lower()}.")
    state = enforcement_state((ActionFact(a.date, EnforcementAction(a.action)) for a in order.enforcement_actions), on)
    if action is EnforcementAction.WARNING_WITHDRAWN and not state.warnings:
        raise EnforcementError(f"There is no warning on this order on {long_date(on)} to withdraw.")
    if action is EnforcementAction.BREACH_CONCLUDED and state.breach_since is None:
        raise EnforcementError(f"No breach is open on this order on {long_date(on)}, so none can be concluded.")
