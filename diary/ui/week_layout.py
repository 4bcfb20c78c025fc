"""Where the diary grid puts things: days as columns, minutes as rows, overlapping items side by side.

Plain geometry over a loaded range, so a week of hundreds of bookings lays out in milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QRectF

from diary.domain.scheduling import Occurrence
from diary.domain.vocab import AppointmentKind
from diary.services.diary_view import DiaryBooking, DiaryRange

SLOT_MINUTES = 30
STEP_MINUTES = 15
GUTTER = 52
BAND_ROWS = 4
"""Lines of unpaid work and programmes shown per day in the week; the day view shows them all."""
MIN_HOUR_PX = 44
BANDED_KINDS = frozenset({AppointmentKind.UNPAID_WORK_SESSION.value, AppointmentKind.PROGRAMME_SESSION.value})

Key = tuple[str, int, date | None]
"""('booking', appointment id, None) or ('commitment', commitment id, day)."""


@dataclass(frozen=True)
class Entry:
    """One painted thing: a booking or one day's piece of a commitment, and where it is."""

    key: Key
    column: int
    rect: QRectF
    start: datetime
    end: datetime
    booking: DiaryBooking | None = None
    occurrence: Occurrence | None = None
    in_band: bool = False


@dataclass(frozen=True)
class Cursor:
    """Where the keyboard is: an item (by key), or an empty half-hour slot when key is None."""

    day: date
    at: datetime
    key: Key | None = None
    band: bool = False

    @property
    def rank(self) -> int:
        """Order among stops at the same time: commitments, then bookings, then free slots."""
        return 2 if self.key is None else (0 if self.key[0] == "commitment" else 1)


@dataclass(frozen=True)
class Frame:
    """The grid's geometry for the current size, days and hours."""

    width: float
    header: float
    band_line: float
    band: float
    minute_px: float
    first_minute: int
    last_minute: int
    columns: int

    @property
    def top(self) -> float:
        """Where the timed part starts."""
        return self.header + self.band

    @property
    def column_width(self) -> float:
        """The width of one day."""
        return (self.width - GUTTER) / self.columns

    def x(self, column: int) -> float:
        """The left edge of a day's column."""
        return GUTTER + column * self.column_width

    def y(self, at: datetime) -> float:
        """The height of a time of day."""
        return self.top + (at.hour * 60 + at.minute - self.first_minute) * self.minute_px

    def minute_at(self, y: float) -> float:
        """The minute of the day (from midnight) at a height."""
        return self.first_minute + (y - self.top) / self.minute_px

    def height(self) -> float:
        """The height the grid needs."""
        return self.top + (self.last_minute - self.first_minute) * self.minute_px + 1


def minutes_shown(data: DiaryRange, days: Sequence[date]) -> tuple[int, int]:
    """The minutes of the day the grid shows: an hour either side of working hours, stretched to every booking."""
    pattern = data.pattern
    first = max(0, pattern.start.hour * 60 - 60)
    last = min(24 * 60, (pattern.end.hour + (1 if pattern.end.minute else 0)) * 60 + 60)
    for booking in data.bookings:
        if booking.row.start.date() in days and booking.row.kind not in BANDED_KINDS:
            first = min(first, booking.row.start.hour * 60)
            end = booking.end
            last = max(
                last, 24 * 60 if end.date() > booking.row.start.date() else -(-(end.hour * 60 + end.minute) // 60) * 60
            )
    return first, last


def _clip(start: datetime, end: datetime, day: date, frame: Frame) -> tuple[datetime, datetime] | None:
    """The part of [start, end) shown on a day, or None."""
    midnight = datetime.combine(day, time.min)
    low = max(start, midnight + timedelta(minutes=frame.first_minute))
    high = min(end, midnight + timedelta(minutes=frame.last_minute))
    return (low, high) if low < high else None


def band_rows(count: int, detailed: bool) -> int:
    """How many lines a day's band shows: all in the day view, else up to BAND_ROWS (the last saying how many more)."""
    return count if detailed else min(count, BAND_ROWS)


def lay_out(
    data: DiaryRange, days: Sequence[date], frame: Frame, line_height: float, detailed: bool = False
) -> list[Entry]:
    """Every entry's rectangle: overlapping things side by side, unpaid work and programmes in the band at the top
    (in the week, at most BAND_ROWS lines a day: the last line is left for the count of the rest)."""
    entries: list[Entry] = []
    bookings: dict[date, list[DiaryBooking]] = defaultdict(list)
    for booking in data.bookings:
        bookings[booking.row.start.date()].append(booking)
    for column, day in enumerate(days):
        x = frame.x(column)
        width = frame.column_width
        banded = [b for b in bookings[day] if b.row.kind in BANDED_KINDS]
        if len(banded) > band_rows(len(banded), detailed):
            banded = banded[: BAND_ROWS - 1]
        for i, booking in enumerate(banded):
            rect = QRectF(x + 3, frame.header + 3 + i * frame.band_line, width - 6, frame.band_line - 2)
            entries.append(
                Entry(
                    ("booking", booking.row.appointment_id, None),
                    column,
                    rect,
                    booking.row.start,
                    booking.end,
                    booking,
                    in_band=True,
                )
            )
        timed: list[tuple[datetime, datetime, Key, DiaryBooking | None, Occurrence | None]] = []
        for occurrence in data.occurrences_on(day):
            piece = _clip(occurrence.start, occurrence.end, day, frame)
            if piece:
                timed.append((*piece, ("commitment", occurrence.commitment_id, day), None, occurrence))
        for booking in bookings[day]:
            if booking.row.kind not in BANDED_KINDS:
                timed.append(
                    (booking.row.start, booking.end, ("booking", booking.row.appointment_id, None), booking, None)
                )
        timed.sort(key=lambda t: (t[0], t[2][0] != "commitment", -(t[1] - t[0]).total_seconds()))
        for group in _clusters(timed):
            lanes = _lanes(group)
            count = max(lanes) + 1
            lane_width = (width - 6) / count
            for (start, end, key, booking, occurrence), lane in zip(group, lanes, strict=True):
                top = frame.y(start)
                bottom = max(frame.y(end) if end.date() == day else frame.height(), top + line_height + 4)
                rect = QRectF(x + 3 + lane * lane_width, top + 1, lane_width - 2, bottom - top - 2)
                entries.append(Entry(key, column, rect, start, end, booking, occurrence))
    return entries


Timed = tuple[datetime, datetime, Key, DiaryBooking | None, Occurrence | None]


def _clusters(timed: list[Timed]) -> list[list[Timed]]:
    """Runs of things that overlap one another, directly or through others."""
    groups: list[list[Timed]] = []
    group_end: datetime | None = None
    for item in timed:
        if group_end is None or item[0] >= group_end:
            groups.append([])
            group_end = item[1]
        groups[-1].append(item)
        group_end = max(group_end, item[1])
    return groups


def _lanes(group: list[Timed]) -> list[int]:
    """The lane of each thing in a cluster: the first lane free when it starts."""
    lane_ends: list[datetime] = []
    lanes = []
    for start, end, *_ in group:
        free = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if free is None:
            lane_ends.append(end)
            lanes.append(len(lane_ends) - 1)
        else:
            lane_ends[free] = end
            lanes.append(free)
    return lanes
