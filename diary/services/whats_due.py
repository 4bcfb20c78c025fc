"""What's due: one list of dated duties from the whole diary, and the tasks the officer sets and ticks off.

The rules are in diary/domain/duties.py. Duties the diary works out (risk reviews on their cycle, release
points, orders ending, MAPPA review dates, unpaid work behind pace) leave the list when marked done: the tick
is kept as a done task whose `source` is the duty's key, with what was done and the minutes it took.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select

from diary.domain.compliance_state import StateKind
from diary.domain.duties import (
    DueItem,
    DueKind,
    DueRules,
    next_risk_review,
    release_points,
    sort_key,
    weeks_label,
    working_day_on_or_before,
)
from diary.domain.enforcement_rules import evidence_due_date
from diary.domain.enforcement_words import escalation
from diary.domain.text import long_date, plural, short_day
from diary.domain.vocab import AppointmentKind, ContactNoteKind, OrderType, RequirementType
from diary.services.compliance import compliance_states, load_rules, people_compliance
from diary.services.settings import get_setting
from diary.services.team import covered_people
from diary.store.database import Database
from diary.store.models import AWAITING_EVIDENCE, Appointment, ContactNote, Person, Requirement, SentenceOrder, Task

RULE_PREFIX = "whats_due."
PERSON_HORIZON_DAYS = 366
SET_BY_OFFICER = (DueKind.CONDITION_ACTION, DueKind.MAPPA_ACTION, DueKind.REMINDER, DueKind.RISK_REVIEW)


class DueError(ValueError):
    """A task that cannot be saved or ticked as it stands; the message says why."""


def load_due_rules(db: Database) -> DueRules:
    """What's due settings as the officer has set them (`whats_due.<rule>`), else the defaults."""
    values = {}
    for f in fields(DueRules):
        stored = get_setting(db, RULE_PREFIX + f.name)
        if stored is not None:
            values[f.name] = tuple(stored) if isinstance(stored, list) else stored
    return DueRules(**values)


def due_items(db: Database, today: date, person_id: int | None = None, horizon_days: int | None = None) -> list[DueItem]:
    """Everything due up to the horizon (and everything overdue), soonest and most overdue first."""
    rules = load_due_rules(db)
    horizon = today + timedelta(days=rules.horizon_days if horizon_days is None else horizon_days)
    since = today - timedelta(days=rules.lookback_days)
    with db.session() as session:
        tasks = session.scalars(_for_person(select(Task), Task.person_id, person_id)).all()
        orders = session.scalars(
            _for_person(select(SentenceOrder), SentenceOrder.person_id, person_id)
            .where(or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= since))
        ).all()
        absences = session.scalars(
            _for_person(select(Appointment), Appointment.person_id, person_id).where(AWAITING_EVIDENCE)
        ).all()
        concerned = {o.person_id for o in orders} | {t.person_id for t in tasks if t.person_id} | {a.person_id for a in absences}
        people = {
            p.id: p
            for p in session.scalars(
                _for_person(select(Person), Person.id, person_id).where(
                    or_(Person.id.in_(concerned), Person.release_date >= today, Person.mappa_review_date.between(since, horizon))
                )
            )
        }
        done = {t.source for t in tasks if t.done_at is not None and t.source}
        items = [_task_item(t, people.get(t.person_id) if t.person_id else None) for t in tasks if t.done_at is None]
        items += _risk_reviews(people, orders, tasks, today, rules)
        items += _release_points(people, today, since, rules)
        items += _orders_ending(people, orders, since, horizon)
        items += _mappa_reviews(people, since, horizon)
        items += _evidence(absences, people, db)
    items += _unpaid_work(db, people, orders, today, rules)
    items += _enforcement(db, today, person_id)
    on_working_days = (replace(i, due=working_day_on_or_before(i.due)) for i in items)
    listed = [i for i in on_working_days if i.due <= horizon and i.key not in done]
    covered = covered_people(db)  # on a team diary, cases covered for a colleague today are marked
    marked = (replace(i, person_name=f"{i.person_name} (covering)") if i.person_id in covered else i for i in listed)
    return sorted(marked, key=sort_key)


def _for_person(query: Select[Any], column: Any, person_id: int | None) -> Select[Any]:
    """The query narrowed to one person when asked."""
    return query if person_id is None else query.where(column == person_id)


def _who(item: dict[str, Any], person: Person | None) -> DueItem:
    """A due item with its person's name and CRN filled in."""
    if person is None:
        return DueItem(**item)
    return DueItem(**item, person_id=person.id, person_name=person.name, crn=person.crn)


def _task_item(task: Task, person: Person | None) -> DueItem:
    """An open task as a due item."""
    return _who(
        dict(key=f"task:{task.id}", kind=DueKind(task.kind), due=task.due, title=task.title, why=task.why or "",
             task_id=task.id),
        person,
    )


def _live(order: SentenceOrder, today: date) -> bool:
    """True when the order has started and not ended."""
    return order.start_date is not None and order.start_date <= today and (order.end_date is None or today <= order.end_date)


def _risk_reviews(
    people: dict[int, Person], orders: list[SentenceOrder], tasks: list[Task], today: date, rules: DueRules
) -> list[DueItem]:
    """The next periodic risk review for everyone on a live order and out of custody."""
    last: dict[int, date] = {}
    for t in tasks:
        if t.kind == DueKind.RISK_REVIEW and t.done_at is not None and t.person_id is not None:
            last[t.person_id] = max(last.get(t.person_id, date.min), t.done_at.date())
    current: dict[int, SentenceOrder] = {}
    for o in orders:
        latest = current.get(o.person_id)
        if _live(o, today) and (latest is None or (o.start_date or date.min) > (latest.start_date or date.min)):
            current[o.person_id] = o
    items = []
    weeks = rules.risk_review_weeks
    for pid, order in current.items():
        person = people[pid]
        if person.release_date is not None and person.release_date >= today:
            continue
        due = next_risk_review(last.get(pid), order.start_date, today, weeks)
        if due is None:
            continue
        if pid in last:
            why = f"Last review marked done {long_date(last[pid])}; reviews every {weeks} weeks."
        else:
            why = (f"No review recorded in the diary: due on the {weeks}-week cycle from the start of the "
                   f"{OrderType(order.type).label.lower()} on {long_date(order.start_date or today)}.")
        items.append(_who(dict(key=f"risk_review:{pid}:{due.isoformat()}", kind=DueKind.RISK_REVIEW, due=due,
                               title="Risk assessment (OASys) review", why=why), person))
    return items


def _release_points(people: dict[int, Person], today: date, since: date, rules: DueRules) -> list[DueItem]:
    """Pre-release work at the set points before each release date still to come (from the lookback on)."""
    items = []
    for person in people.values():
        release = person.release_date
        if release is None or release < today:
            continue
        where = f" from {person.custody_prison}" if person.custody_prison else ""
        for weeks, day in release_points(release, rules.release_points_weeks, today):
            if day < since:
                continue
            items.append(_who(dict(
                key=f"release:{person.id}:{release.isoformat()}:{weeks}", kind=DueKind.RELEASE, due=day,
                title=f"Pre-release work: {weeks_label(weeks)} to release",
                why=f"Due for release{where} on {long_date(release)}: accommodation, licence conditions, first appointment.",
            ), person))
    return items


def _orders_ending(people: dict[int, Person], orders: list[SentenceOrder], since: date, horizon: date) -> list[DueItem]:
    """Termination work for orders and licences ending in the window."""
    items = []
    for o in orders:
        if o.end_date is None or not since <= o.end_date <= horizon:
            continue
        label = OrderType(o.type).label
        items.append(_who(dict(
            key=f"order_end:{o.id}:{o.end_date.isoformat()}", kind=DueKind.ORDER_END, due=o.end_date,
            title=f"{label} ends: termination",
            why=f"{label} ({o.ref}) ends {long_date(o.end_date)}: final review, closing summary and letters.",
        ), people[o.person_id]))
    return items


def _mappa_reviews(people: dict[int, Person], since: date, horizon: date) -> list[DueItem]:
    """MAPPA review dates in the window."""
    items = []
    for p in people.values():
        day = p.mappa_review_date
        if day is None or not since <= day <= horizon:
            continue
        level = f"MAPPA category {p.mappa_category}, level {p.mappa_level}" if p.mappa_category else "MAPPA case"
        items.append(_who(dict(key=f"mappa_review:{p.id}:{day.isoformat()}", kind=DueKind.MAPPA_REVIEW, due=day,
                               title="MAPPA review", why=f"{level}: review date {long_date(day)}."), p))
    return items


def _evidence(absences: Sequence[Appointment], people: dict[int, Person], db: Database) -> list[DueItem]:
    """Absences awaiting evidence, due on their evidence date."""
    rules = load_rules(db)
    items = []
    for a in absences:
        due = a.evidence_due or evidence_due_date(a.start.date(), rules)
        items.append(_who(dict(
            key=f"evidence:{a.id}", kind=DueKind.EVIDENCE, due=due, title="Evidence due for an absence",
            why=f"Failed to attend the {AppointmentKind(a.kind).label.lower()} appointment on {long_date(a.start.date())}.",
            done_hint="Record the appointment's outcome (acceptable or not) once the evidence is in or the date has passed.",
        ), people[a.person_id]))
    return items


def _unpaid_work(
    db: Database, people: dict[int, Person], orders: list[SentenceOrder], today: date, rules: DueRules
) -> list[DueItem]:
    """Unpaid work behind the pace needed to finish by its deadline (or past it with hours left)."""
    with db.session() as session:
        owners = set(session.scalars(
            select(SentenceOrder.person_id).join(Requirement, Requirement.order_id == SentenceOrder.id)
            .where(
                Requirement.type == RequirementType.UNPAID_WORK.value,
                SentenceOrder.id.in_([o.id for o in orders if _live(o, today)]),
            )
        ))
    items = []
    for pid, pc in sorted(people_compliance(db, owners, today).items()):
        for order in pc.orders:
            for r in order.requirements:
                uw = r.unpaid_work
                if uw is None or not uw.minutes_left:
                    continue
                rate = uw.weekly_rate_needed
                if not uw.overdue and (rate is None or rate <= rules.upw_weekly_hours):
                    continue
                by = f" by {long_date(uw.deadline)}" if uw.deadline else ""
                need = (f"the deadline has passed with {uw.hours_left:g} hours left" if uw.overdue
                        else f"needs {rate:g} hours a week, more than the {rules.upw_weekly_hours:g} you set")
                items.append(_who(dict(
                    key=f"unpaid_work:{pid}:{order.key}:{r.key}:{today:%Y-%m}", kind=DueKind.UNPAID_WORK, due=today,
                    title="Unpaid work behind pace",
                    why=f"{uw.hours_done:g} of {uw.hours_ordered} hours done, {uw.hours_left:g} left{by}: {need}.",
                ), people[pid]))
    return items


BREACH_HINT = (
    "Record the breach: save the breach report summary (Ctrl+Shift+R) or record the enforcement action on the "
    "person's compliance page; the item then leaves the list."
)
DECISION_HINT = (
    "Record the decision on the person's compliance page (licence compliance letter, compliance meeting, recall "
    "requested, or no further action); the item then leaves the list."
)


def _enforcement(db: Database, today: date, person_id: int | None) -> list[DueItem]:
    """Breach proceedings to start by their deadline, and failures on licences awaiting the officer's decision."""
    items: list[DueItem] = []
    standings = compliance_states(db, None if person_id is None else [person_id], today)
    with db.session() as session:
        people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(list(standings))))}
    for pid, standing in standings.items():
        for order in standing.orders:
            state = order.state
            what = f"{order.type.label.lower()} {order.key}"
            if not order.running or state.deadline is None:
                continue
            if state.kind is StateKind.BREACH_REQUIRED and state.since is not None:
                warned = f" while the warning given on {long_date(state.warning_given)} was live" if state.warning_given else ""
                items.append(_who(dict(
                    key=f"breach:{order.order_id}:{state.since.isoformat()}", kind=DueKind.BREACH, due=state.deadline,
                    title=f"Start breach proceedings by {short_day(state.deadline, today)}",
                    why=f"Breach required since {long_date(state.since)}: an unacceptable failure{warned} ({what}).",
                    done_hint=BREACH_HINT,
                ), people[pid]))
            elif state.kind is StateKind.DISCRETIONARY and state.decision_due_for is not None:
                failed = state.decision_due_for
                items.append(_who(dict(
                    key=f"decision:{order.order_id}:{failed.isoformat()}", kind=DueKind.ENFORCEMENT_DECISION,
                    due=state.deadline, title=f"Decide on the failure of {short_day(failed, today)}",
                    why=f"{order.type.label} {order.key}: a warning, a compliance meeting or "
                    f"{'a recall request' if order.type is OrderType.LICENCE else escalation(order.type)} "
                    f"({plural(state.failures, 'failure')} since {long_date(state.failures_since or failed)}).",
                    done_hint=DECISION_HINT,
                ), people[pid]))
    return items


def add_task(
    db: Database,
    kind: DueKind,
    title: str,
    due: date,
    person_id: int | None = None,
    why: str | None = None,
    source: str | None = None,
) -> int:
    """Put an action, review or reminder on the list; returns its id."""
    if kind not in SET_BY_OFFICER:
        raise DueError(f"{kind.label} duties are worked out by the diary, not added by hand.")
    if not title.strip():
        raise DueError("Say what needs doing.")
    with db.transaction() as session:
        if person_id is not None and session.get(Person, person_id) is None:
            raise DueError("That person is no longer in the diary.")
        task = Task(person_id=person_id, kind=kind.value, title=title.strip(), why=(why or "").strip() or None,
                    due=due, source=source)
        session.add(task)
        session.flush()
        return task.id


def request_risk_review(db: Database, note_id: int, today: date) -> int:
    """Put a risk review on the list for today after a significant event (once per note); returns the task's id."""
    source = f"note:{note_id}"
    with db.transaction() as session:
        existing = session.scalar(select(Task.id).where(Task.source == source))
        if existing is not None:
            return existing
        note = session.get(ContactNote, note_id)
        if note is None:
            raise DueError("That note is no longer in the diary.")
        text = " ".join(note.text.split())
        snippet = text if len(text) <= 120 else text[:117] + "..."
        task = Task(
            person_id=note.person_id, kind=DueKind.RISK_REVIEW.value, title="Risk review after a significant event",
            why=f"{ContactNoteKind(note.kind).label} recorded {long_date(note.at.date())}: {snippet}", due=today,
            source=source,
        )
        session.add(task)
        session.flush()
        return task.id


def mark_done(db: Database, item: DueItem, at: datetime, note: str, minutes_spent: int | None = None) -> None:
    """Tick a duty done, saying what was done; it leaves the list (a risk review restarts the review cycle)."""
    if not item.can_mark_done:
        raise DueError(item.done_hint or "This cannot be ticked off here.")
    if not note.strip():
        raise DueError("Say what was done.")
    with db.transaction() as session:
        if item.task_id is not None:
            task = session.get(Task, item.task_id)
            if task is None:
                raise DueError("That task is no longer in the diary.")
        else:
            task = Task(person_id=item.person_id, kind=item.kind.value, title=item.title, why=item.why, due=item.due,
                        source=item.key)
            session.add(task)
        task.done_at = at
        task.done_note = note.strip()
        task.minutes_spent = minutes_spent or None


def action_targets(db: Database, person_id: int) -> list[tuple[DueKind, str | None, str]]:
    """What an action can be for: each requirement or licence condition, MAPPA, or a plain reminder."""
    with db.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            return []
        targets: list[tuple[DueKind, str | None, str]] = []
        for order in person.orders:
            for r in order.requirements:
                words = r.text or r.name
                label = RequirementType(r.type).label + (f": {words}" if words else "")
                targets.append((DueKind.CONDITION_ACTION, f"requirement:{r.id}", f"{label} ({order.ref})"))
        if person.mappa_category:
            targets.append((DueKind.MAPPA_ACTION, "mappa", "MAPPA action"))
        targets.append((DueKind.REMINDER, None, "A reminder (no condition)"))
        return targets

