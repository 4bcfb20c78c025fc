"""The court check: for a name or CRN, is this person on an order, which, since when, and how are they doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from diary.domain.enforcement import OrderCompliance, RequirementCounts
from diary.domain.enforcement_words import counts_line, progress_line, standing, state_line
from diary.domain.search import SearchIndex
from diary.domain.text import long_date, plural
from diary.domain.vocab import RiskLevel
from diary.services.caseload import caseload_rows
from diary.services.compliance import person_compliance, person_id_for_crn
from diary.services.person import person_detail
from diary.services.search import search_people
from diary.store.database import Database

SIMILAR_WITHIN = 8.0
"""Other matches scoring within this many points of the best are named, so the right person is checked."""


@dataclass(frozen=True)
class OrderCheck:
    """One order or licence, in the words the court check uses."""

    title: str
    status: str
    dates: str
    court: str | None
    counts: str
    standing: str
    requirements: tuple[str, ...]
    flag: str = ""


@dataclass(frozen=True)
class CourtCheck:
    """The one-screen answer about one person, as of one date."""

    as_of: date
    person_id: int
    crn: str
    name: str
    identity: str
    answer: str
    orders: tuple[OrderCheck, ...]
    contact: str
    similar: tuple[str, ...]

    def lines(self) -> list[str]:
        """The whole answer as plain lines of text."""
        lines = [f"{self.name} ({self.crn}), as of {long_date(self.as_of)}", self.identity, "", self.answer]
        for order in self.orders:
            lines += ["", f"{order.title} ({order.status}): {order.dates}" + (f", {order.court}" if order.court else "")]
            lines += [f"  {line}" for line in (order.flag.upper(), order.counts, order.standing) if line]
            lines += [f"  - {r}" for r in order.requirements]
        lines += ["", self.contact]
        if self.similar:
            lines.append("Similar names in this diary: " + "; ".join(self.similar) + ". Check the CRN and date of birth.")
        return lines


def court_check(db: Database, index: SearchIndex, text: str, today: date | None = None) -> CourtCheck | None:
    """The court check for the person a CRN names, else the best match for a name; None when no one matches."""
    today = today or date.today()
    similar: tuple[str, ...] = ()
    person_id = person_id_for_crn(db, text) if text.strip() else None
    if person_id is None:
        rows = search_people(db, index, text, 4, today)
        if not rows:
            return None
        person_id = rows[0].person_id
        similar = tuple(f"{r.name} ({r.crn}, born {_day(r.date_of_birth)})" for r in rows[1:] if r.score >= rows[0].score - SIMILAR_WITHIN)
    detail = person_detail(db, person_id)
    compliance = person_compliance(db, person_id, as_of=today)
    if detail is None or compliance is None:
        return None
    (row,) = caseload_rows(db, today, [person_id])
    orders = sorted(compliance.orders, key=lambda o: (_status(o, today) != "current", o.start_date or date.min))
    identity = [f"Born {_day(detail.date_of_birth)}"]
    identity += [f"PNC {detail.pnc}"] if detail.pnc else []
    identity += [f"{RiskLevel(detail.risk_level).label} risk of serious harm"] if detail.risk_level else []
    identity += [f"also known as {', '.join(detail.aliases)}"] if detail.aliases else []
    in_custody = detail.release_date is not None and detail.release_date >= today
    courts = {o.id: o.court for o in detail.orders}
    return CourtCheck(
        as_of=today,
        person_id=person_id,
        crn=detail.crn,
        name=detail.name,
        identity="; ".join(identity) + ".",
        answer=_answer(orders, today, detail.custody_prison if in_custody else None, detail.release_date if in_custody else None),
        orders=tuple(_order_check(o, today, courts.get(o.id)) for o in orders),
        contact=f"Next appointment: {_when(row.next_appointment)}. Last contact: {_when(row.last_contact)}.",
        similar=similar,
    )


def _status(order: OrderCompliance, today: date) -> str:
    """'current', 'ended' or 'not started yet' on today."""
    if order.start_date and order.start_date > today:
        return "not started yet"
    if order.end_date and order.end_date < today:
        return "ended"
    return "current"


def _answer(orders: list[OrderCompliance], today: date, prison: str | None, release: date | None) -> str:
    """Yes or no, which order, since when: the first line of the answer."""
    current = [o for o in orders if _status(o, today) == "current"]
    if current:
        which = " and ".join(
            f"a {o.type.label.lower()} since {long_date(o.start_date) if o.start_date else 'an unrecorded date'}"
            + (f" (until {long_date(o.end_date)})" if o.end_date else "")
            for o in current
        )
        return f"Yes: on {which}."
    if release is not None:
        where = f" at {prison}" if prison else ""
        return f"Not in the community: in custody{where}, to be released on {long_date(release)}."
    later = [o for o in orders if _status(o, today) == "not started yet"]
    if later:
        return f"Not yet: a {later[0].type.label.lower()} starts on {long_date(later[0].start_date or today)}."
    ended = [o for o in orders if o.end_date]
    if ended:
        last = max(ended, key=lambda o: o.end_date or date.min)
        return f"No: the last order, a {last.type.label.lower()}, ended on {long_date(last.end_date or today)}."
    return "No order or licence is recorded in this diary."


def _order_check(order: OrderCompliance, today: date, court: str | None) -> OrderCheck:
    """One order's lines: its dates, counts, where it stands and each requirement's progress."""
    status = _status(order, today)
    start = long_date(order.start_date) if order.start_date else "start not recorded"
    end = long_date(order.end_date) if order.end_date else "no end date yet"
    requirements = tuple(_requirement_line(r) for r in order.requirements)
    if status == "not started yet":
        return OrderCheck(order.type.label, status, f"{start} to {end}", court, "", "", requirements)
    counts = counts_line(order) + "."
    if status == "ended":
        return OrderCheck(order.type.label, status, f"{start} to {end}", court, counts, "", requirements)
    flag = state_line(order.compliance) if order.compliance.flagged else ""
    return OrderCheck(order.type.label, status, f"{start} to {end}", court, counts, standing(order), requirements, flag)


def _requirement_line(r: RequirementCounts) -> str:
    """A requirement with its progress, or with its own kept and failed counts when it has no measure."""
    label = r.label.strip().rstrip(".").rstrip()
    line = progress_line(r)
    if line:
        return f"{label}: {line}"
    if r.attended_complied or r.failures:
        return f"{label}: {r.attended_complied} kept, {plural(r.failures, 'failure')}."
    return label + "."


def _day(value: date | None) -> str:
    """'19 July 1994', or 'not recorded'."""
    return long_date(value) if value else "not recorded"


def _when(value: datetime | None) -> str:
    """'4 December 2026 at 10:00', or 'none'."""
    return f"{long_date(value)} at {value:%H:%M}" if value else "none"
