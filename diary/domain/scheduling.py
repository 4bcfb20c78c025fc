"""Scheduling rules, as pure functions: working pattern, bank holidays, commitments, free slots, warnings, frequency."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from diary.domain.text import long_date, plural
from diary.domain.vocab import CommitmentKind

if TYPE_CHECKING:
    import holidays

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEARCH_HORIZON_DAYS = 366


@dataclass(frozen=True)
class WorkingPattern:
    """The officer's working days (0 = Monday), hours and lunch break."""

    weekdays: frozenset[int] = frozenset(range(5))
    start: time = time(9, 0)
    end: time = time(17, 0)
    lunch_start: time | None = time(13, 0)
    lunch_end: time | None = time(14, 0)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError("The working day must end after it starts.")
        if (self.lunch_start is None) != (self.lunch_end is None):
            raise ValueError("A lunch break needs both a start and an end.")
        if self.lunch_start is not None and self.lunch_end is not None and not self.lunch_start < self.lunch_end:
            raise ValueError("The lunch break must end after it starts.")

    def to_json(self) -> dict[str, Any]:
        """The pattern as JSON-ready values."""
        return {
            "weekdays": sorted(self.weekdays),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "lunch_start": self.lunch_start.strftime("%H:%M") if self.lunch_start else None,
            "lunch_end": self.lunch_end.strftime("%H:%M") if self.lunch_end else None,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> WorkingPattern:
        """A pattern from the values to_json wrote; missing keys take the defaults."""
        default = cls()

        def clock(key: str, fallback: time | None) -> time | None:
            text = value.get(key, fallback.strftime("%H:%M") if fallback else None)
            return time.fromisoformat(text) if text else None

        return cls(
            weekdays=frozenset(value.get("weekdays", default.weekdays)),
            start=clock("start", default.start) or default.start,
            end=clock("end", default.end) or default.end,
            lunch_start=clock("lunch_start", default.lunch_start),
            lunch_end=clock("lunch_end", default.lunch_end),
        )

    def hours_label(self) -> str:
        """'09:00–17:00'."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The start and end of the working hours on a day."""
        return datetime.combine(day, self.start), datetime.combine(day, self.end)

    def lunch_on(self, day: date) -> tuple[datetime, datetime] | None:
        """The lunch break on a day, if there is one."""
        if self.lunch_start is None or self.lunch_end is None:
            return None
        return datetime.combine(day, self.lunch_start), datetime.combine(day, self.lunch_end)


DEFAULT_PATTERN = WorkingPattern()


@cache
def _england_and_wales() -> holidays.HolidayBase:
    """Bank holidays in England and Wales (the holidays library; years fill in as asked for)."""
    import holidays  # here, not at the top: loading its countries takes longer than start-up can spare

    return holidays.country_holidays("GB", subdiv="ENG")


def bank_holiday(day: date) -> str | None:
    """The bank holiday's name on a day in England and Wales ('Christmas Day'), or None."""
    name = _england_and_wales().get(day)
    return name.replace("(observed)", "(substitute day)") if name else None


def is_working_day(day: date, pattern: WorkingPattern = DEFAULT_PATTERN) -> bool:
    """True on the officer's working weekdays that are not bank holidays."""
    return day.weekday() in pattern.weekdays and bank_holiday(day) is None


def add_working_days(day: date, n: int, pattern: WorkingPattern = DEFAULT_PATTERN) -> date:
    """The date n working days after (or, for negative n, before) a day; skips weekends and bank holidays."""
    if not pattern.weekdays:
        raise ValueError("The working pattern has no working days.")
    step = timedelta(days=1 if n >= 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not is_working_day(day, pattern):
            day += step
    return day


@dataclass(frozen=True)
class CommitmentRecord:
    """An officer's commitment as stored: one-off, or repeating every n weeks until a date, with exceptions."""

    id: int
    kind: str
    start: datetime
    end: datetime
    title: str | None = None
    every_weeks: int | None = None
    repeat_until: date | None = None
    exceptions: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Occurrence:
    """One happening of a commitment."""

    commitment_id: int
    kind: str
    start: datetime
    end: datetime
    title: str | None = None

    @property
    def label(self) -> str:
        """'court duty (Leeds MC)' or 'leave'."""
        kind = CommitmentKind(self.kind).label.lower()
        return f"{kind} ({self.title})" if self.title else kind


def expand_commitments(records: Iterable[CommitmentRecord], start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence that overlaps [start, end), in time order; exceptions are skipped by start date."""
    found: list[Occurrence] = []
    for record in records:
        length = record.end - record.start
        if not record.every_weeks:
            starts: Iterable[datetime] = [record.start]
        else:
            period = timedelta(weeks=record.every_weeks)
            first = max(0, math.floor((start - record.end) / period))
            starts = _repeats(record.start + first * period, period, end, record.repeat_until)
        found += [
            Occurrence(record.id, record.kind, at, at + length, record.title)
            for at in starts
            if at < end and at + length > start and at.date() not in record.exceptions
        ]
    return sorted(found, key=lambda o: (o.start, o.commitment_id))


def _repeats(at: datetime, period: timedelta, end: datetime, until: date | None) -> Iterable[datetime]:
    """Starts from `at`, every period, before end and not after `until`."""
    while at < end and (until is None or at.date() <= until):
        yield at
        at += period


@dataclass(frozen=True)
class Busy:
    """A stretch of the officer's time already taken: a booking or a commitment."""

    start: datetime
    end: datetime
    label: str
    commitment: bool = False

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True when [start, end) overlaps this stretch."""
        return self.start < end and start < self.end


def occurrences_as_busy(occurrences: Iterable[Occurrence]) -> list[Busy]:
    """Commitment occurrences as busy time."""
    return [Busy(o.start, o.end, o.label, commitment=True) for o in occurrences]


def free_slots(
    after: datetime,
    duration: timedelta,
    pattern: WorkingPattern,
    busy: Sequence[Busy],
    earliest: date | None = None,
    count: int = 3,
    step: timedelta = timedelta(minutes=15),
) -> list[datetime]:
    """The earliest starts, from `after` (and not before `earliest`), inside working hours on working days,
    clear of lunch, bank holidays and everything busy; on a `step` grid, and not overlapping one another
    (so three offers are three real choices, not 09:00, 09:15 and 09:30)."""
    floor = max(after, datetime.combine(earliest, time.min)) if earliest else after
    ordered = sorted(busy, key=lambda b: b.start)
    slots: list[datetime] = []
    day = floor.date()
    for _ in range(SEARCH_HORIZON_DAYS):
        if len(slots) >= count:
            break
        if is_working_day(day, pattern):
            slots += _slots_on(day, floor, duration, pattern, ordered, step, count - len(slots))
        day += timedelta(days=1)
    return slots


def _slots_on(
    day: date, floor: datetime, duration: timedelta, pattern: WorkingPattern, busy: Sequence[Busy], step: timedelta, count: int
) -> list[datetime]:
    """Free starts on one working day."""
    day_start, day_end = pattern.day_bounds(day)
    lunch = pattern.lunch_on(day)
    taken = [b for b in busy if b.overlaps(day_start, day_end)]
    if lunch:
        taken.append(Busy(*lunch, "lunch"))
    at = day_start
    if floor > at:
        at += step * math.ceil((floor - day_start) / step)
    slots: list[datetime] = []
    while at + duration <= day_end and len(slots) < count:
        if any(b.overlaps(at, at + duration) for b in taken):
            at += step
        else:
            slots.append(at)
            at += step * math.ceil(duration / step)
    return slots


def booking_warnings(
    start: datetime,
    duration: timedelta,
    pattern: WorkingPattern,
    busy: Sequence[Busy],
    rar_days_left: int | None = None,
    rar_days_needed: int = 1,
    due_by: date | None = None,
) -> list[str]:
    """Plain-English warnings (never refusals) about a booking; empty when nothing is wrong."""
    end = start + duration
    day = start.date()
    warnings = [
        f"Falls within your {b.label}, {_span(b.start, b.end)}."
        if b.commitment
        else f"Overlaps another booking: {b.label}, {_span(b.start, b.end)}."
        for b in sorted(busy, key=lambda b: b.start)
        if b.overlaps(start, end)
    ]
    holiday = bank_holiday(day)
    if holiday:
        warnings.append(f"{day:%A} {long_date(day)} is a bank holiday: {holiday}.")
    if day.weekday() not in pattern.weekdays:
        warnings.append(f"{WEEKDAY_NAMES[day.weekday()]} is not one of your working days.")
    day_start, day_end = pattern.day_bounds(day)
    lunch = pattern.lunch_on(day)
    if start < day_start or end > day_end or end.date() != day:
        warnings.append(f"Outside your working hours ({pattern.hours_label()}).")
    elif lunch and lunch[0] < end and start < lunch[1]:
        warnings.append(f"Falls in your lunch break ({_span(*lunch)}).")
    if rar_days_left is not None and rar_days_needed > rar_days_left:
        needed = "a RAR day" if rar_days_needed == 1 else plural(rar_days_needed, "RAR day")
        left = "none" if rar_days_left <= 0 else f"only {rar_days_left}"
        warnings.append(f"This would use {needed}, but the order has {left} left.")
    if due_by is not None and day > due_by:
        warnings.append(f"Later than the reporting frequency allows: the next appointment is due by {long_date(due_by)}.")
    return warnings


def _span(start: datetime, end: datetime) -> str:
    """'10:00–11:00', or with dates when it runs over days."""
    if start.date() == end.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%d/%m %H:%M} to {end:%d/%m %H:%M}"


WEEKLY = 7
FORTNIGHTLY = 14
FOUR_WEEKLY = 28
MONTHLY = -1
"""Stored in Person.reporting_frequency_days to mean one calendar month (not a number of days)."""

FREQUENCY_NAMES = {WEEKLY: "weekly", FORTNIGHTLY: "fortnightly", FOUR_WEEKLY: "four-weekly", MONTHLY: "monthly"}


def frequency_label(frequency: int | None) -> str:
    """'weekly', 'monthly', 'every 10 days', or 'not set'."""
    if frequency is None:
        return "not set"
    return FREQUENCY_NAMES.get(frequency) or f"every {plural(frequency, 'day')}"


def parse_frequency(text: str) -> int:
    """A stored frequency from 'weekly', 'fortnightly', 'four-weekly', 'monthly' or a number of days."""
    words = {name: code for code, name in FREQUENCY_NAMES.items()}
    cleaned = text.strip().lower()
    if cleaned in words:
        return words[cleaned]
    if cleaned.isdigit() and int(cleaned) > 0:
        return int(cleaned)
    raise ValueError(f"'{text}' is not a reporting frequency: say weekly, fortnightly, four-weekly, monthly or a number of days.")


def next_due(last: date, frequency: int) -> date:
    """The date by which the next appointment is due after one on `last`."""
    if frequency == MONTHLY:
        return last + relativedelta(months=1)
    if frequency <= 0:
        raise ValueError(f"{frequency} is not a reporting frequency.")
    return last + timedelta(days=frequency)


def earliest_next(last: date, frequency: int | None) -> date | None:
    """The first date worth offering for the next appointment: a little before it falls due
    (a day per week of the frequency), so a blocked due date still leaves slots in time."""
    if frequency is None:
        return None
    due = next_due(last, frequency)
    return due - timedelta(days=(due - last).days // 7)


@dataclass(frozen=True)
class ContactRow:
    """What overdue_people needs about one person."""

    person_id: int
    name: str
    crn: str
    frequency: int | None
    last_kept: date | None
    next_booking: datetime | None
    since: date | None = None
    """When supervision began (order start or release), counted from when nobody has been seen yet."""


@dataclass(frozen=True)
class Overdue:
    """Someone on the 'not seen within frequency' list, with why."""

    row: ContactRow
    due: date | None
    days_overdue: int | None
    reasons: tuple[str, ...] = field(default_factory=tuple)


def overdue_people(rows: Iterable[ContactRow], today: date) -> list[Overdue]:
    """Everyone not seen within their reporting frequency, or with no future booking; worst first."""
    found = []
    for row in rows:
        base = row.last_kept or row.since
        due = next_due(base, row.frequency) if base and row.frequency is not None else None
        late = (today - due).days if due else None
        reasons = []
        if row.frequency is not None and base is None:
            reasons.append("Never seen")
        elif late is not None and late > 0:
            seen = f"last seen {long_date(row.last_kept)}" if row.last_kept else "not seen yet"
            reasons.append(f"{plural(late, 'day')} overdue ({frequency_label(row.frequency)}, {seen})")
        if row.next_booking is None:
            reasons.append("No appointment booked")
        if reasons:
            found.append(Overdue(row, due, late, tuple(reasons)))
    return sorted(found, key=_severity)


def _severity(entry: Overdue) -> tuple[int, int, str]:
    """Sort key, worst first: never seen, then most days overdue, then soonest due, then no frequency."""
    if entry.row.frequency is not None and entry.due is None:
        return (0, 0, entry.row.name)
    if entry.days_overdue is None:
        return (2, 0, entry.row.name)
    return (1, -entry.days_overdue, entry.row.name)
