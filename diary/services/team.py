"""The team on a shared server: who is in it, cover between officers, the duty rota, and reads of others' cases.

What each officer may see is decided by the server's row-level security, not here: these functions ask
for rows and the server answers with those the officer may have. In a local diary there is no team:
nobody covers, nobody reads another's cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError

from diary.domain.text import long_date, plural
from diary.store.database import Database
from diary.store.errors import StoreError
from diary.store.models import CaseRead, Cover, CoverCase, DutyDay, Person, TeamOfficer
from diary.store.team import login_role


class TeamError(StoreError):
    """A cover or rota change the officer cannot make, in their words."""


@dataclass(frozen=True)
class Member:
    """One officer of the team as the diary lists them."""

    role: str
    name: str
    senior: bool


@dataclass(frozen=True)
class CoverArrangement:
    """One officer covering another's cases (all, or those chosen) from one day to another, with the handover."""

    id: int
    covering: str
    covered: str
    starts: date
    ends: date
    all_cases: bool
    handover: str
    people: tuple[int, ...]

    def describe(self, names: dict[str, str]) -> str:
        """'Sam Patel covers Jo Lee's cases from Mon 7 Dec to Fri 18 Dec' (or the number of cases chosen)."""
        which = "cases" if self.all_cases else plural(len(self.people), "chosen case")
        covering, covered = names.get(self.covering, self.covering), names.get(self.covered, self.covered)
        return f"{covering} covers {covered}'s {which} from {day_label(self.starts)} to {day_label(self.ends)}"


@dataclass(frozen=True)
class CaseReadRow:
    """Someone read a case that is not theirs, on a day, and why they could."""

    reader: str
    day: date
    reason: str


def day_label(value: date) -> str:
    """'Wed 30 Dec', as the diary writes days."""
    return f"{value:%a} {value.day} {value:%b}"


def me(db: Database) -> str:
    """The officer's login role on the team server ('' in a local diary)."""
    with db.session() as session:
        return login_role(session)


def is_team(db: Database) -> bool:
    """True for a diary on a team server."""
    return db.engine.dialect.name == "postgresql"


def is_senior(db: Database) -> bool:
    """True for the team's senior (who reads every case and changes none)."""
    if not is_team(db):
        return False
    with db.session() as session:
        return bool(session.execute(text("SELECT diary_is_senior()")).scalar())


def members(db: Database) -> list[Member]:
    """The team's officers and senior, by name."""
    with db.session() as session:
        rows = session.scalars(select(TeamOfficer).order_by(TeamOfficer.name)).all()
        return [Member(r.role, r.name, r.senior) for r in rows]


def arrange_cover(
    db: Database,
    covering: str,
    starts: date,
    ends: date,
    covered: str | None = None,
    handover: str = "",
    people: Sequence[int] = (),
) -> int:
    """Arrange for `covering` to cover `covered`'s cases (the arranging officer's own unless named; all of them
    unless people are chosen) from starts to ends inclusive, with handover notes; returns the cover's id.
    The server refuses a cover the officer may not arrange (only the covered officer or the senior may)."""
    _require_team(db)
    if ends < starts:
        raise TeamError(f"Cover ends: {long_date(ends)} is before it starts ({long_date(starts)}).")
    with db.session() as session:
        arranger = login_role(session)
    covered = covered or arranger
    if covering == covered:
        raise TeamError("Covered by: an officer cannot cover their own cases.")
    known = {m.role for m in members(db)}
    for field, role in (("Covered by", covering), ("Whose cases", covered)):
        if role not in known:
            raise TeamError(f"{field}: {role} is not in the team.")
    try:
        with db.transaction() as session:
            cover = Cover(
                covering=covering, covered=covered, starts=starts, ends=ends, all_cases=not people,
                handover=handover.strip() or None, arranged_by=arranger, arranged_at=datetime.now(),
            )
            cover.cases = [CoverCase(person_id=person_id) for person_id in people]
            session.add(cover)
            session.flush()
            return cover.id
    except DBAPIError as exc:
        raise _refused(exc, "arrange this cover: only the officer whose cases they are, or the senior, may") from exc


def end_cover(db: Database, cover_id: int) -> None:
    """Take a cover away (access ends with it)."""
    _require_team(db)
    try:
        with db.transaction() as session:
            gone = session.execute(delete(Cover).where(Cover.id == cover_id)).rowcount
    except DBAPIError as exc:
        raise _refused(exc, "end this cover") from exc
    if not gone:
        raise TeamError("That cover is not there, or it is not yours to end.")


def covers(db: Database, on: date | None = None) -> list[CoverArrangement]:
    """The covers the officer may see (theirs either way, or all for the senior), those running on a day if given."""
    if not is_team(db):
        return []
    with db.session() as session:
        query = select(Cover).order_by(Cover.starts, Cover.id)
        if on is not None:
            query = query.where(Cover.starts <= on, Cover.ends >= on)
        return [
            CoverArrangement(c.id, c.covering, c.covered, c.starts, c.ends, c.all_cases, c.handover or "",
                             tuple(cc.person_id for cc in c.cases))
            for c in session.scalars(query)
        ]


def covered_people(db: Database) -> frozenset[int]:
    """The people whose cases the officer covers today (the server's own list; empty in a local diary)."""
    if not is_team(db):
        return frozenset()
    with db.session() as session:
        return frozenset(session.scalars(text("SELECT diary_covered_people()")))


def handover_notes(db: Database, on: date) -> list[tuple[str, str]]:
    """(covered officer's name, their handover notes) for each cover the officer has on a day."""
    names = {m.role: m.name for m in members(db)} if is_team(db) else {}
    mine = me(db)
    return [(names.get(c.covered, c.covered), c.handover) for c in covers(db, on) if c.covering == mine and c.handover]


def set_duty_officer(db: Database, day: date, role: str) -> None:
    """Put an officer on duty for a day (the senior's to do: the server refuses anyone else)."""
    _require_team(db)
    if role not in {m.role for m in members(db)}:
        raise TeamError(f"Duty officer: {role} is not in the team.")
    try:
        with db.transaction() as session:
            row = session.get(DutyDay, day)
            if row is None:
                session.add(DutyDay(day=day, officer=role))
            else:
                row.officer = role
    except DBAPIError as exc:
        raise _refused(exc, "change the duty rota: that is for the senior") from exc


def duty_officer(db: Database, day: date) -> str | None:
    """Who is on duty on a day, if anyone."""
    if not is_team(db):
        return None
    with db.session() as session:
        return session.scalar(select(DutyDay.officer).where(DutyDay.day == day))


def case_reads(db: Database, person_id: int) -> list[CaseReadRow]:
    """Who else read this person's case, on which days, and why they could (cover, duty, senior)."""
    if not is_team(db):
        return []
    with db.session() as session:
        rows = session.scalars(select(CaseRead).where(CaseRead.person_id == person_id).order_by(CaseRead.day, CaseRead.id))
        return [CaseReadRow(r.reader, r.day, r.reason) for r in rows]


def own_people(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, CRN) of the officer's own cases, by surname, for choosing which a cover takes."""
    with db.session() as session:
        mine = login_role(session)
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.crn)
            .where(Person.owner == mine).order_by(Person.last_name, Person.first_name)
        )
        return [(pid, f"{first} {last}", crn) for pid, first, last, crn in rows]


def owners(db: Database, person_ids: Sequence[int]) -> dict[int, str]:
    """Whose case each of these people is (only those the officer may see)."""
    with db.session() as session:
        return {pid: owner or "" for pid, owner in session.execute(select(Person.id, Person.owner).where(Person.id.in_(person_ids)))}


def _require_team(db: Database) -> None:
    """TeamError unless the diary is on a team server."""
    if not is_team(db):
        raise TeamError("Cover and the duty rota need a team diary on a server; this diary is on this computer only.")


def _refused(exc: DBAPIError, what: str) -> TeamError:
    """The server's refusal in the officer's words."""
    reason = str(exc.orig)
    if "row-level security" in reason or "permission denied" in reason:
        return TeamError(f"The team's server did not let you {what}. Nothing was changed.")
    return TeamError(f"The team's server refused the change ({reason.splitlines()[0]}). Nothing was changed.")
