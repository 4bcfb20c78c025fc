"""Recording enforcement: dated actions on an order (warnings, breach, recall, decisions) and the court's outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from diary.domain.compliance_state import enforcement_state
from diary.domain.enforcement_facts import ActionFact
from diary.domain.text import long_date
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
    """A requirement the court added (no `requirement_id`) or changed (its id and new measure) at a breach hearing."""

    type: RequirementType
    measure: int | None = None
    name: str | None = None
    requirement_id: int | None = None


MEASURE_UNITS = {RequirementType.RAR: "days", RequirementType.UNPAID_WORK: "hours", RequirementType.PROGRAMME: "sessions"}
MEASURE_COLUMNS = {RequirementType.RAR: "max_days", RequirementType.UNPAID_WORK: "hours", RequirementType.PROGRAMME: "sessions"}


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
    for change in changes:
        unit = MEASURE_UNITS.get(change.type)
        if unit and (change.measure is None or change.measure <= 0):
            raise EnforcementError(f"Requirement {unit}: give the number of {unit} the court set for the {change.type.label}.")
    with db.transaction() as session:
        order = session.get(
            SentenceOrder, order_id,
            options=[selectinload(SentenceOrder.enforcement_actions), selectinload(SentenceOrder.requirements)],
        )
        if order is None:
            raise EnforcementError("That order is no longer in the diary.")
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
    unit = MEASURE_UNITS.get(change.type)
    column = MEASURE_COLUMNS.get(change.type)
    if change.requirement_id is not None:
        found = next((r for r in order.requirements if r.id == change.requirement_id), None)
        if found is None:
            raise EnforcementError("Requirement: that requirement is not on this order.")
        if column is None:
            return f"{RequirementType(found.type).label} {found.ref} changed by the court"
        before = getattr(found, column)
        setattr(found, column, change.measure)
        return f"{RequirementType(found.type).label} {found.ref} changed from {before} to {change.measure} {unit}"
    taken = {r.ref for r in order.requirements}
    ref = next(f"r{n}" for n in range(len(taken) + 1, len(taken) + 1000) if f"r{n}" not in taken)
    added = Requirement(ref=ref, type=change.type.value, name=(change.name or "").strip() or None, added_on=hearing)
    if column is not None:
        setattr(added, column, change.measure)
    order.requirements.append(added)
    amount = f" of {change.measure} {unit}" if unit else ""
    return f"{change.type.label}{amount} added ({ref})"


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
