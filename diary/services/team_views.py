"""The senior's view of the team: per officer, what is at risk of being missed.

Counted over every case the server lets the reader see (the senior: all of them; an officer: their own and
those they cover), grouped by whose case it is: breach deadlines (evidence due for a failure to attend, in
the next week or passed), outcomes still to record, risk reviews overdue, and people not seen within their
reporting frequency.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select

from diary.domain.duties import DueKind
from diary.domain.scheduling import next_due
from diary.domain.vocab import Outcome, OutcomeClass
from diary.services.team import is_senior
from diary.services.whats_due import due_items
from diary.store.database import Database
from diary.store.models import Appointment, Person, SentenceOrder, TeamOfficer

BREACH_WINDOW_DAYS = 7
ATTENDED = tuple(o.value for o in Outcome if o.counts_as is OutcomeClass.ATTENDED)


@dataclass(frozen=True)
class OfficerOversight:
    """One officer's caseload as the senior reads it."""

    role: str
    name: str
    people: int
    breach_deadlines: int
    outcomes_to_record: int
    overdue_risk_reviews: int
    not_seen_within_frequency: int


def team_oversight(db: Database, today: date, now: datetime | None = None) -> list[OfficerOversight]:
    """Each officer's counts, by name (cases with no owner, as in a local diary, under ''); the senior gets a row
    for every officer of the team, those with nothing to count included."""
    now = now or datetime.combine(today, datetime.min.time())
    with db.session() as session:
        names = dict(session.execute(select(TeamOfficer.role, TeamOfficer.name)).all())
        officers = session.scalars(select(TeamOfficer.role).where(TeamOfficer.senior.is_(False))).all()
        supervised = session.execute(
            select(Person.id, Person.owner, Person.reporting_frequency_days)
            .where(or_(Person.custody_prison.is_not(None),
                       Person.id.in_(select(SentenceOrder.person_id).where(or_(SentenceOrder.end_date.is_(None), SentenceOrder.end_date >= today)))))
        ).all()
        owner = {pid: who or "" for pid, who in session.execute(select(Person.id, Person.owner)).all()}
        unrecorded = session.execute(
            select(Person.owner, func.count()).join(Appointment.person)
            .where(Appointment.outcome.is_(None), Appointment.start < now).group_by(Person.owner)
        ).all()
        last_seen = dict(session.execute(
            select(Appointment.person_id, func.max(Appointment.start))
            .where(Appointment.outcome.in_(ATTENDED)).group_by(Appointment.person_id)
        ).all())
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if is_senior(db):
        for role in officers:
            counts[role]["people"] += 0
    for person_id, who, frequency in supervised:
        key = who or ""
        counts[key]["people"] += 1
        seen = last_seen.get(person_id)
        if frequency and (seen is None or next_due(seen.date(), frequency) < today):
            counts[key]["not_seen_within_frequency"] += 1
    for who, number in unrecorded:
        counts[who or ""]["outcomes_to_record"] += number
    for item in due_items(db, today, horizon_days=BREACH_WINDOW_DAYS):
        key = owner.get(item.person_id or -1, "")
        if item.kind is DueKind.EVIDENCE:
            counts[key]["breach_deadlines"] += 1
        elif item.kind is DueKind.RISK_REVIEW and item.due < today:
            counts[key]["overdue_risk_reviews"] += 1
    return sorted(
        (OfficerOversight(role, names.get(role, role), c["people"], c["breach_deadlines"], c["outcomes_to_record"],
                          c["overdue_risk_reviews"], c["not_seen_within_frequency"]) for role, c in counts.items()),
        key=lambda row: row.name.lower(),
    )


def describe_oversight(rows: list[OfficerOversight]) -> str:
    """The team's counts as a table for the terminal or a printout."""
    header = f"{'officer':<28}{'people':>8}{'breach deadlines':>18}{'outcomes to record':>20}{'risk reviews overdue':>22}{'not seen in time':>18}"
    lines = [header]
    for r in rows:
        lines.append(f"{r.name or '(no owner)':<28}{r.people:>8}{r.breach_deadlines:>18}{r.outcomes_to_record:>20}"
                     f"{r.overdue_risk_reviews:>22}{r.not_seen_within_frequency:>18}")
    return "\n".join(lines)

