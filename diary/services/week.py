"""A week of the diary as the weekly schedule prints it: bookings, commitments and bank holidays in place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from diary.domain.enforcement_facts import SIGN_LEGEND, outcome_sign
from diary.domain.scheduling import Occurrence, WorkingPattern, bank_holiday
from diary.domain.text import long_date
from diary.domain.vocab import AppointmentKind, CommitmentKind, Outcome
from diary.services.diary_view import DiaryRange, load_range
from diary.store.database import Database


@dataclass(frozen=True)
class ScheduleItem:
    """One thing in the week: a booking or one of the officer's commitments."""

    start: datetime
    end: datetime
    title: str
    detail: str = ""
    place: str = ""
    is_commitment: bool = False
    marker: str = ""
    sign: str = ""
    """The outcome's sign once recorded (✓ kept, ✗ failure, A, ?, S, R): a letter or shape, never colour alone."""
    cancelled: bool = False
    """Cancelled to be rescheduled: printed struck through, not counted as a booking."""


@dataclass(frozen=True)
class WeekSchedule:
    """What the weekly schedule prints."""

    monday: date
    items: tuple[ScheduleItem, ...]
    officer: str
    printed_at: datetime
    weekend: bool = False
    legend: str = ""

    @property
    def days(self) -> list[date]:
        """The days shown as columns: Monday to Friday, and a weekend day when asked for or when something
        falls on it (so nothing is ever dropped, and an empty Sunday takes no room from a busy Saturday)."""
        shown = {item.start.weekday() for item in self.items} | ({5, 6} if self.weekend else set())
        last = 6 if 6 in shown else 5 if 5 in shown else 4
        return [self.monday + timedelta(days=i) for i in range(last + 1)]

    @property
    def title(self) -> str:
        """'Week 49: 30 November to 4 December 2026'."""
        year, week, _ = self.monday.isocalendar()
        last = self.days[-1]
        return f"Week {week}, {year}: {long_date(self.monday)} to {long_date(last)}"

    @property
    def bookings(self) -> int:
        """How many bookings (not commitments, nor those cancelled to be rescheduled) the week holds."""
        return sum(not item.is_commitment and not item.cancelled for item in self.items)


RISK_MARKERS = {"high": "▲H", "very_high": "▲VH"}
"""Printed before the name of people at high or very high risk of serious harm; lower levels print nothing."""
RISK_LEGEND = "▲H high, ▲VH very high risk of serious harm"


def week_schedule(db: Database, monday: date, officer_name: str, now: datetime) -> WeekSchedule:
    """The week starting on `monday`: every booking still going ahead, each commitment and bank holiday by day."""
    week = load_range(db, monday, 7, now.date())
    pattern = week.pattern
    items = _bookings(week)
    for occurrence in week.occurrences:
        items += _commitment_items(occurrence, pattern, monday)
    for day in (monday + timedelta(days=i) for i in range(7)):
        name = bank_holiday(day)
        if name and day.weekday() in pattern.weekdays:
            items.append(ScheduleItem(*pattern.day_bounds(day), title=name, detail="Bank holiday", is_commitment=True))
    legends = [RISK_LEGEND] if any(item.marker for item in items) else []
    legends += [SIGN_LEGEND] if any(item.sign for item in items) else []
    return WeekSchedule(monday, tuple(items), officer_name, now, legend=" · ".join(legends))


def _bookings(week: DiaryRange) -> list[ScheduleItem]:
    """The week's bookings, each with its outcome's sign once recorded; those cancelled to be rescheduled show
    too, marked R and struck through, so the week says what happened to them."""
    rows = [b.row for b in week.bookings] + list(week.cancelled)
    items = []
    for row in sorted(rows, key=lambda r: (r.start, r.appointment_id)):
        sign = outcome_sign(Outcome(row.outcome)) if row.outcome else None
        items.append(ScheduleItem(
            row.start,
            row.start + timedelta(minutes=row.minutes),
            row.person_name,
            AppointmentKind(row.kind).label,
            row.location or "",
            marker=RISK_MARKERS.get(row.risk_level or "", ""),
            sign=sign.sign if sign else "",
            cancelled=row.outcome == Outcome.RESCHEDULED,
        ))
    return items


def _commitment_items(occurrence: Occurrence, pattern: WorkingPattern, monday: date) -> list[ScheduleItem]:
    """An occurrence as one item per day of the week it touches (a weekend inside a longer stretch of leave is
    left out); a whole working day shows as the working hours."""
    items = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_start = datetime.combine(day, time.min)
        piece_start = max(occurrence.start, day_start)
        piece_end = min(occurrence.end, day_start + timedelta(days=1))
        spans_more = occurrence.start < day_start or occurrence.end > day_start + timedelta(days=1)
        if piece_start >= piece_end or (spans_more and day.weekday() not in pattern.weekdays):
            continue
        work_start, work_end = pattern.day_bounds(day)
        if piece_start <= work_start and piece_end >= work_end:
            piece_start, piece_end = work_start, work_end
        items.append(
            ScheduleItem(
                piece_start,
                piece_end,
                occurrence.title or "",
                CommitmentKind(occurrence.kind).label,
                is_commitment=True,
            )
        )
    return items
