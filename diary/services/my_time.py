"""My time: the minutes in the diary for a week, by activity and by person, against the officer's allowances.

What counts as which activity is set out in diary/domain/time_use.py. Settings: `my_time.allowances`
({work type: minutes}, merged over the defaults there) and `my_time.travel_minutes` ({visit kind: minutes}).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from diary.domain.time_use import (
    COMMITMENT_ACTIVITY,
    DEFAULT_ALLOWANCES,
    DEFAULT_TRAVEL_MINUTES,
    SESSION_ACTIVITY,
    Activity,
    AllowanceRow,
    PersonTime,
    TimeEntry,
    allowance_rows,
    minutes_by_activity,
    minutes_by_person,
    note_activity,
    session_minutes,
    task_activity,
    work_type_label,
)
from diary.services.schedule import commitment_occurrences
from diary.services.settings import get_setting
from diary.store.database import Database
from diary.store.fileio import atomic_write_bytes
from diary.store.models import Appointment, ContactNote, Person, Task

ALLOWANCES = "my_time.allowances"
TRAVEL_MINUTES = "my_time.travel_minutes"


@dataclass(frozen=True)
class MyTimeWeek:
    """One week of the officer's time, Monday to Sunday."""

    start: date
    entries: tuple[TimeEntry, ...]
    by_activity: dict[Activity, int]
    by_person: tuple[PersonTime, ...]
    allowances: tuple[AllowanceRow, ...]
    allowance_minutes: dict[str, int]

    @property
    def end(self) -> date:
        """The Sunday that ends the week."""
        return self.start + timedelta(days=6)

    @property
    def total(self) -> int:
        """Every minute counted in the week."""
        return sum(self.by_activity.values())

    @property
    def estimated(self) -> int:
        """Minutes that are estimates (travel by the set minutes per visit)."""
        return sum(e.minutes for e in self.entries if e.estimated)


def monday_of(day: date) -> date:
    """The Monday of the week holding day."""
    return day - timedelta(days=day.weekday())


def allowances(db: Database) -> dict[str, int]:
    """Minutes allowed per type of work: the officer's settings over the defaults."""
    return {**DEFAULT_ALLOWANCES, **(get_setting(db, ALLOWANCES) or {})}


def travel_minutes(db: Database) -> dict[str, int]:
    """Estimated travel minutes per visit kind: the officer's settings over the defaults."""
    return {**DEFAULT_TRAVEL_MINUTES, **(get_setting(db, TRAVEL_MINUTES) or {})}


def time_entries(db: Database, start: datetime, end: datetime) -> list[TimeEntry]:
    """Every piece of the officer's work in [start, end): sessions, travel, notes, tasks done, commitments."""
    travel = travel_minutes(db)
    entries: list[TimeEntry] = []
    with db.session() as session:
        sessions = session.execute(
            select(Appointment, Person)
            .join(Person, Appointment.person_id == Person.id)
            .where(Appointment.start >= start, Appointment.start < end, Appointment.outcome.is_not(None))
        ).all()
        for a, p in sessions:
            activity = SESSION_ACTIVITY.get(a.kind)
            minutes = session_minutes(a.outcome, a.minutes, a.minutes_spent)
            if activity is None or minutes <= 0:
                continue
            day = a.start.date()
            entries.append(TimeEntry(day, minutes, activity, f"session:{a.kind}", p.id, p.name, p.crn))
            if travel.get(a.kind):
                entries.append(TimeEntry(day, travel[a.kind], Activity.TRAVEL, None, p.id, p.name, p.crn, estimated=True))
        notes = session.execute(
            select(ContactNote, Person)
            .join(Person, ContactNote.person_id == Person.id)
            .where(ContactNote.at >= start, ContactNote.at < end, ContactNote.minutes_spent > 0)
        ).all()
        for n, p in notes:
            entries.append(TimeEntry(n.at.date(), n.minutes_spent or 0, note_activity(n.kind), "note", p.id, p.name, p.crn))
        tasks = session.execute(
            select(Task, Person)
            .outerjoin(Person, Task.person_id == Person.id)
            .where(Task.done_at >= start, Task.done_at < end, Task.minutes_spent > 0)
        ).all()
        for t, tp in tasks:
            who = (tp.id, tp.name, tp.crn) if tp is not None else (None, None, None)
            day = (t.done_at or start).date()
            entries.append(TimeEntry(day, t.minutes_spent or 0, task_activity(t.kind), f"task:{t.kind}", *who))
    for o in commitment_occurrences(db, start, end):
        activity = COMMITMENT_ACTIVITY.get(o.kind)
        minutes = int((min(o.end, end) - max(o.start, start)).total_seconds() // 60)
        if activity is not None and minutes > 0:
            entries.append(TimeEntry(o.start.date(), minutes, activity, f"commitment:{o.kind}"))
    return entries


def my_time_week(db: Database, day: date) -> MyTimeWeek:
    """The week (Monday to Sunday) holding day, counted."""
    start = monday_of(day)
    begin = datetime.combine(start, time.min)
    entries = time_entries(db, begin, begin + timedelta(days=7))
    entries.sort(key=lambda e: (e.day, e.activity, e.person_name or ""))
    allowed = allowances(db)
    return MyTimeWeek(
        start=start,
        entries=tuple(entries),
        by_activity=minutes_by_activity(entries),
        by_person=tuple(minutes_by_person(entries)),
        allowances=tuple(allowance_rows(entries, allowed)),
        allowance_minutes=allowed,
    )


def week_csv(week: MyTimeWeek) -> str:
    """The week's entries as CSV, one row per piece of work, for a spreadsheet or a manager."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Date", "Activity", "Work", "Person", "CRN", "Minutes", "Allowed minutes", "Estimated"])
    for e in week.entries:
        allowed = week.allowance_minutes.get(e.work_type or "")
        writer.writerow([
            e.day.isoformat(),
            e.activity.label,
            work_type_label(e.work_type) if e.work_type else "Travel (estimated)",
            e.person_name or "",
            e.crn or "",
            e.minutes,
            "" if allowed is None else allowed,
            "yes" if e.estimated else "",
        ])
    return out.getvalue()


def write_week_csv(week: MyTimeWeek, path: Path) -> None:
    """Write week_csv to a file all at once, with the byte-order mark spreadsheets look for (OSError if it cannot)."""
    atomic_write_bytes(path, week_csv(week).encode("utf-8-sig"))
