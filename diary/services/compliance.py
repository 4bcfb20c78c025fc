"""Compliance in the round: a person's orders read from the diary and counted by the enforcement rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from diary.domain.crn import normalise_crn
from diary.domain.compliance_state import ComplianceState, StateKind, compliance_state
from diary.domain.enforcement import OrderCompliance, RequirementCounts, order_compliance
from diary.domain.enforcement_facts import ActionFact, AppointmentFact, OrderFacts, RequirementFact
from diary.domain.enforcement_rules import EnforcementRules, evidence_due_date
from diary.domain.enforcement_words import FailurePrompt, failure_prompt, state_line
from diary.domain.vocab import CourtOutcome, EnforcementAction, OrderType, Outcome, OutcomeClass, RequirementType
from diary.services.settings import get_settings, set_settings
from diary.store.database import Database
from diary.store.models import Appointment, EnforcementActionRecord, Person, Requirement, SentenceOrder

RULE_PREFIX = "enforcement."
OUTCOMES: dict[str | None, Outcome] = {o.value: o for o in Outcome}
ACTIONS: dict[str, EnforcementAction] = {a.value: a for a in EnforcementAction}
FAILURE_CODES = tuple(o.value for o in Outcome if o.counts_as is OutcomeClass.FAILURE)


@dataclass(frozen=True)
class PersonCompliance:
    """A person's orders, each counted as of one date."""

    person_id: int
    crn: str
    name: str
    as_of: date
    orders: tuple[OrderCompliance, ...]


def load_rules(db: Database) -> EnforcementRules:
    """The enforcement rules as the officer has set them (settings `enforcement.<rule>`), else the defaults."""
    stored = get_settings(db, [RULE_PREFIX + f.name for f in fields(EnforcementRules)])
    return EnforcementRules(**{key.removeprefix(RULE_PREFIX): value for key, value in stored.items() if value is not None})


def rule_settings(rules: EnforcementRules) -> dict[str, Any]:
    """Every enforcement rule as the setting that keeps it."""
    return {RULE_PREFIX + f.name: getattr(rules, f.name) for f in fields(EnforcementRules)}


def save_rules(db: Database, rules: EnforcementRules) -> None:
    """Store every enforcement rule as a setting, in one transaction."""
    set_settings(db, rule_settings(rules))


def person_id_for_crn(db: Database, crn: str) -> int | None:
    """The diary's id of the person with this CRN (any case), or None."""
    with db.session() as session:
        return session.scalar(select(Person.id).where(Person.crn == normalise_crn(crn)))


def _order_facts(session: Session, person_ids: Collection[int], failures_only: bool = False) -> dict[int, list[OrderFacts]]:
    """Each order of these people with its requirements, appointments and actions, read as plain columns
    (an order can hold thousands of appointments; objects for each would cost more than the counting).
    `failures_only` reads only the appointments that are unacceptable failures: enough for the compliance state."""
    orders = session.execute(
        select(SentenceOrder.id, SentenceOrder.person_id, SentenceOrder.ref, SentenceOrder.type,
               SentenceOrder.start_date, SentenceOrder.end_date)
        .where(SentenceOrder.person_id.in_(person_ids))
        .order_by(SentenceOrder.start_date, SentenceOrder.id)
    ).all()
    order_ids = [o.id for o in orders]
    requirements = session.execute(
        select(Requirement.id, Requirement.order_id, Requirement.ref, Requirement.type, Requirement.max_days,
               Requirement.hours, Requirement.sessions, Requirement.name, Requirement.text, Requirement.added_on)
        .where(Requirement.order_id.in_(order_ids))
        .order_by(Requirement.id)
    ).all()
    actions = session.execute(
        select(EnforcementActionRecord.order_id, EnforcementActionRecord.date, EnforcementActionRecord.action,
               EnforcementActionRecord.note, EnforcementActionRecord.court_outcome, EnforcementActionRecord.court)
        .where(EnforcementActionRecord.order_id.in_(order_ids))
        .order_by(EnforcementActionRecord.date, EnforcementActionRecord.id)
    ).all()
    booked = (
        select(Appointment.id, Appointment.order_id, Appointment.requirement_id, Appointment.start, Appointment.outcome,
               Appointment.rar_activity, Appointment.hours_credited, Appointment.evidence_due)
        .where(Appointment.person_id.in_(person_ids))
        .order_by(Appointment.start, Appointment.id)
    )
    if failures_only:
        booked = booked.where(Appointment.outcome.in_(FAILURE_CODES))
    appointments = session.execute(booked).all()
    keys = {r.id: r.ref or str(r.id) for r in requirements}
    requirement_order = {r.id: r.order_id for r in requirements}
    by_order: dict[int, list[AppointmentFact]] = defaultdict(list)
    for appointment_id, order_id, requirement_id, start, outcome, rar_activity, hours, evidence_due in appointments:
        owner = requirement_order.get(requirement_id) if requirement_id is not None else order_id
        if owner is not None:
            by_order[owner].append(
                AppointmentFact(
                    start, OUTCOMES.get(outcome), keys.get(requirement_id), rar_activity, hours, evidence_due, appointment_id
                )
            )
    facts: dict[int, list[OrderFacts]] = {person_id: [] for person_id in person_ids}
    for order in orders:
        facts[order.person_id].append(
            OrderFacts(
                key=order.ref or str(order.id),
                type=OrderType(order.type),
                start_date=order.start_date,
                end_date=order.end_date,
                requirements=tuple(
                    RequirementFact(
                        keys[r.id], RequirementType(r.type), r.max_days or r.hours or r.sessions, r.name or r.text, r.added_on
                    )
                    for r in requirements
                    if r.order_id == order.id
                ),
                appointments=tuple(by_order[order.id]),
                actions=tuple(
                    ActionFact(x.date, ACTIONS[x.action], x.note, CourtOutcome(x.court_outcome) if x.court_outcome else None, x.court)
                    for x in actions
                    if x.order_id == order.id
                ),
                id=order.id,
            )
        )
    return facts


def person_compliance(
    db: Database, person: int | str, as_of: date | None = None, now: datetime | None = None
) -> PersonCompliance | None:
    """Every order of a person (by id or CRN) counted as of a date (default today); None if not in the diary."""
    person_id = person if isinstance(person, int) else person_id_for_crn(db, person)
    if person_id is None:
        return None
    return people_compliance(db, [person_id], as_of, now).get(person_id)


def people_compliance(
    db: Database, person_ids: Collection[int], as_of: date | None = None, now: datetime | None = None
) -> dict[int, PersonCompliance]:
    """Every order of each of these people counted as of a date (default today), read in a few queries for them all."""
    as_of = as_of or date.today()
    if now is None and as_of == date.today():
        now = datetime.now()
    rules = load_rules(db)
    with db.session() as session:
        people = session.execute(
            select(Person.id, Person.crn, Person.first_name, Person.last_name).where(Person.id.in_(person_ids))
        ).all()
        facts = _order_facts(session, [p.id for p in people])
    return {
        p.id: PersonCompliance(
            p.id, p.crn, f"{p.first_name} {p.last_name}", as_of,
            tuple(order_compliance(o, as_of, rules, now) for o in facts[p.id]),
        )
        for p in people
    }


@dataclass(frozen=True)
class OrderStanding:
    """One order's compliance state, with what names the order."""

    order_id: int
    key: str
    type: OrderType
    running: bool
    state: ComplianceState


@dataclass(frozen=True)
class PersonStanding:
    """A person's orders, each with its one compliance state on a date."""

    person_id: int
    orders: tuple[OrderStanding, ...]

    @property
    def headline(self) -> ComplianceState | None:
        """The gravest state among the orders running on the date, or None when none runs."""
        running = [o.state for o in self.orders if o.running]
        return max(running, key=lambda s: s.kind.gravity, default=None)

    @property
    def flagged(self) -> ComplianceState | None:
        """The headline when it asks something of the officer (breach, a live warning, a decision), else None."""
        state = self.headline
        return state if state is not None and state.flagged else None

    @property
    def line(self) -> str:
        """The flagged headline in a few words ('' when there is none), as rows show it."""
        state = self.flagged
        return state_line(state) if state is not None else ""


def compliance_states(
    db: Database, person_ids: Collection[int] | None = None, as_of: date | None = None
) -> dict[int, PersonStanding]:
    """Each person's orders with their compliance state on a date (default today): the one answer that rows, the
    court check, the handover sheet, the week and What's due all read. Without `person_ids`, everyone with an order
    running on the date. Reads only failures and actions, so it is cheap enough for every list."""
    as_of = as_of or date.today()
    rules = load_rules(db)
    with db.session() as session:
        if person_ids is None:
            person_ids = list(session.scalars(
                select(SentenceOrder.person_id).where(_running(as_of)).distinct()
            ))
        facts = _order_facts(session, list(person_ids), failures_only=True)
    return {
        person_id: PersonStanding(person_id, tuple(
            OrderStanding(
                o.id or 0, o.key, o.type,
                (o.start_date or date.min) <= as_of <= (o.end_date or date.max),
                compliance_state(o.type, o.failures(), o.actions, as_of, rules),
            )
            for o in orders
        ))
        for person_id, orders in facts.items()
    }


def _running(on: date) -> Any:
    """The SQL condition for an order running on a date."""
    return and_(
        or_(SentenceOrder.start_date.is_(None), SentenceOrder.start_date <= on),
        or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= on),
    )


def compliance_json(pc: PersonCompliance) -> dict[str, Any]:
    """The `diary compliance --json` document: crn, as_of and each order with its requirements."""
    return {
        "crn": pc.crn,
        "as_of": pc.as_of.isoformat(),
        "orders": [
            {
                "id": o.key,
                "type": o.type.value,
                "failures_in_12_months": o.failures_in_window,
                "warnings_in_12_months": o.warnings_in_window,
                "live_warning_until": o.live_warning_until.isoformat() if o.live_warning_until else None,
                "breach_in_progress": o.breach_in_progress,
                "next_unacceptable_failure": o.next_unacceptable_failure.value,
                "outcomes_to_record": o.outcomes_to_record,
                "awaiting_evidence": o.awaiting_evidence,
                "requirements": [_requirement_json(r) for r in o.requirements],
                "state": o.compliance.kind.value,
                "breach_required_since": _iso(o.compliance.since) if o.compliance.kind is StateKind.BREACH_REQUIRED else None,
                "breach_deadline": _iso(o.compliance.deadline) if o.compliance.kind is StateKind.BREACH_REQUIRED else None,
                "outcomes_not_recorded_since": _iso(o.outcomes_not_recorded_since),
            }
            for o in pc.orders
        ],
    }


def _iso(value: date | None) -> str | None:
    """A date in ISO form, or None."""
    return value.isoformat() if value else None


def _requirement_json(r: RequirementCounts) -> dict[str, Any]:
    """One requirement's counts, with the measures its type carries."""
    doc: dict[str, Any] = {
        "id": r.key,
        "type": r.type.value if r.type else None,
        "attended_complied": r.attended_complied,
        "acceptable_absences": r.acceptable_absences,
        "failures": r.failures,
        "awaiting_evidence": r.awaiting_evidence,
    }
    if r.rar is not None:
        doc |= {"rar_days_used": r.rar.days_used, "rar_days_max": r.rar.days_max}
    if r.unpaid_work is not None:
        uw = r.unpaid_work
        doc |= {
            "hours_done": uw.hours_done,
            "hours_ordered": uw.hours_ordered,
            "deadline": uw.deadline.isoformat() if uw.deadline else None,
        }
    if r.type is RequirementType.PROGRAMME:
        doc |= {"sessions_attended": r.sessions_attended, "sessions_total": r.sessions_total}
    return doc


def failure_prompt_for(
    db: Database,
    person_id: int,
    failure_date: date,
    order_id: int | None = None,
    appointment_id: int | None = None,
) -> tuple[int, FailurePrompt] | None:
    """(order id, prompt) for an unacceptable failure on `failure_date`; None when no order covers it.

    The order is the appointment's, else `order_id`, else the order current on the date (court orders
    first). The appointment being recorded is left out of the stored facts and counted once by the prompt,
    so it may be called before or after the outcome is saved.
    """
    rules = load_rules(db)
    with db.session() as session:
        appointment = session.get(Appointment, appointment_id) if appointment_id is not None else None
        if appointment is not None and appointment.requirement is not None:
            order_id = appointment.requirement.order_id
        elif appointment is not None and appointment.order_id is not None:
            order_id = appointment.order_id
        facts = _order_facts(session, [person_id])[person_id]
    order = _choose_order(facts, failure_date, order_id)
    if order is None or order.id is None:
        return None
    others = tuple(a for a in order.appointments if a.id is None or a.id != appointment_id)
    return order.id, failure_prompt(replace(order, appointments=others), failure_date, rules)


def _choose_order(facts: list[OrderFacts], on: date, order_id: int | None) -> OrderFacts | None:
    """The order asked for, else the one in force on the date, court orders before licences."""
    if order_id is not None:
        return next((o for o in facts if o.id == order_id), None)
    current = [
        o for o in facts
        if (o.start_date is None or o.start_date <= on) and (o.end_date is None or on <= o.end_date)
    ]
    current.sort(key=lambda o: not o.type.is_court_order)
    return current[0] if current else None


@dataclass(frozen=True)
class OverdueEvidence:
    """A failure to attend whose evidence was due and has not been resolved."""

    person_id: int
    crn: str
    name: str
    appointment_id: int
    failed_on: date
    due: date


def evidence_overdue(db: Database, today: date) -> list[OverdueEvidence]:
    """Every 'failed to attend, awaiting evidence' outcome past its due date, oldest first (for the Today panel)."""
    rules = load_rules(db)
    with db.session() as session:
        rows = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(Appointment.outcome == Outcome.AFTA.value)
            .order_by(Appointment.start)
        ).all()
        overdue = []
        for a, p in rows:
            due = a.evidence_due or evidence_due_date(a.start.date(), rules)
            if due < today:
                overdue.append(OverdueEvidence(p.id, p.crn, p.name, a.id, a.start.date(), due))
        return overdue
