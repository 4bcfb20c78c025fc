"""The diary grid: days as columns, time as rows, bookings and commitments in place.

Painted rather than built from widgets, so a week of hundreds of bookings lays out in milliseconds. The grid
knows where things are and where the keyboard cursor is; what a key or a drop means is the view's business,
told through signals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from diary.domain.vocab import CommitmentKind
from diary.services.diary_view import DiaryBooking, DiaryRange
from diary.ui.week_layout import (
    BANDED_KINDS,
    GUTTER,
    MIN_HOUR_PX,
    SLOT_MINUTES,
    STEP_MINUTES,
    Cursor,
    Entry,
    Frame,
    Key,
    band_rows,
    lay_out,
    minutes_shown,
)
from diary.ui.week_paint import GridPainter, describe_booking


class WeekGrid(QWidget):
    """Columns of days and rows of time, painted; arrows move between slots and items."""

    activate_requested = Signal()
    book_requested = Signal()
    delete_requested = Signal()
    move_requested = Signal(int, int)
    """Minutes and days to move the selected booking by."""
    resize_requested = Signal(int)
    """Minutes to lengthen (or, negative, shorten) the selected booking by."""
    drop_requested = Signal(int, datetime)
    """A booking dragged to a new start."""
    drag_resize_requested = Signal(int, int)
    """A booking's edge dragged to a new length in minutes."""
    edge_reached = Signal(int)
    """Left (-1) or right (+1) beyond the days shown."""
    cursor_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty grid."""
        super().__init__(parent)
        self.setObjectName("diaryGrid")
        self.setAccessibleName("Diary")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.data: DiaryRange | None = None
        self.days: list[date] = []
        self.now = datetime.now()
        self.detailed = False
        self.entries: list[Entry] = []
        self.by_key: dict[Key, Entry] = {}
        self.stops: dict[date, list[Cursor]] = {}
        self.cursor: Cursor | None = None
        self.frame: Frame | None = None
        self._minutes = (8 * 60, 18 * 60)
        self._band_rows = 0
        self._band_counts: dict[date, int] = {}
        self._kept: QPixmap | None = None
        self._press: tuple[Entry, QPointF, str] | None = None
        self._ghost: tuple[QRectF, str] | None = None
        self._drop: datetime | int | None = None

    # -- data and geometry --------------------------------------------------------------------------------------

    def set_data(self, data: DiaryRange, days: Sequence[date], now: datetime, detailed: bool = False) -> None:
        """Show these days of a loaded range as of now; detailed (the day view) adds CRN and place."""
        self.data = data
        self.days = list(days)
        self.now = now
        self.detailed = detailed
        self._minutes = minutes_shown(data, self.days)
        per_day: dict[date, int] = defaultdict(int)
        for booking in data.bookings:
            if booking.row.kind in BANDED_KINDS and booking.row.start.date() in self.days:
                per_day[booking.row.start.date()] += 1
        self._band_counts = dict(per_day)
        self._band_rows = band_rows(max(per_day.values(), default=0), detailed)
        self.setMinimumHeight(int(self._frame(MIN_HOUR_PX / 60).height()) + 1)
        self.relayout()

    def _frame(self, minute_px: float | None = None) -> Frame:
        """Geometry for the current width and height."""
        line = self.fontMetrics().height()
        header = 2 * line + 12
        band_line = line + 5
        band = max(self._band_rows * band_line + 6, 2 * line + 8) if self._band_rows else 0
        first, last = self._minutes
        if minute_px is None:
            minute_px = max((self.height() - header - band - 1) / (last - first), MIN_HOUR_PX / 60)
        return Frame(float(self.width()), header, band_line, band, minute_px, first, last, max(1, len(self.days)))

    def relayout(self) -> None:
        """Place every entry again (after new data or a new size) and keep the cursor on the same thing."""
        if self.data is None:
            return
        self.frame = self._frame()
        self.entries = lay_out(self.data, self.days, self.frame, self.fontMetrics().height(), self.detailed)
        self.by_key = {e.key: e for e in self.entries}
        self.stops = {day: self._stops_on(column, day) for column, day in enumerate(self.days)}
        self._restore_cursor()
        self._kept = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Lay out again for the new size."""
        super().resizeEvent(event)
        self.relayout()

    def _stops_on(self, column: int, day: date) -> list[Cursor]:
        """Where Up and Down stop on a day: the band, then commitments, bookings and free half-hours in time order."""
        mine = [e for e in self.entries if e.column == column]
        band = [Cursor(day, e.start, e.key, band=True) for e in mine if e.in_band]
        timed = [Cursor(day, e.start, e.key) for e in mine if not e.in_band]
        booked = [(e.start, e.end) for e in mine if e.booking is not None and not e.in_band]
        first, last = self._minutes
        midnight = datetime.combine(day, time.min)
        for minute in range(first, last, SLOT_MINUTES):
            at = midnight + timedelta(minutes=minute)
            if not any(start <= at < end for start, end in booked):
                timed.append(Cursor(day, at))
        timed.sort(key=lambda c: (c.at, c.rank))
        return band + timed

    def _restore_cursor(self) -> None:
        """Keep the cursor on its item if it is still shown (wherever it moved), else on the nearest stop."""
        cursor = self.cursor
        if cursor is not None and cursor.key is not None:
            for stops in self.stops.values():
                found = next((s for s in stops if s.key == cursor.key), None)
                if found:
                    self.cursor = found
                    return
        if cursor is not None and cursor.day in self.stops:
            self.cursor = self._nearest(cursor.day, cursor)
        elif self.days:
            day = self.now.date() if self.now.date() in self.days else self.days[0]
            at = (
                self.now
                if day == self.now.date()
                else datetime.combine(day, self.data.pattern.start if self.data else time(9))
            )
            self.cursor = self._nearest(day, Cursor(day, at))

    def _nearest(self, day: date, like: Cursor) -> Cursor:
        """The stop on a day nearest a cursor on another: the booking covering its time, else the closest stop."""
        stops = self.stops.get(day) or [Cursor(day, datetime.combine(day, time(9)))]
        if like.band:
            band = [s for s in stops if s.band]
            if band:
                return band[0]
        at = datetime.combine(day, like.at.time())
        covering = [
            s
            for s in stops
            if s.key
            and s.key[0] == "booking"
            and not s.band
            and self.by_key[s.key].start <= at < self.by_key[s.key].end
        ]
        if covering:
            return covering[0]
        timed = [s for s in stops if not s.band] or stops
        return min(timed, key=lambda s: (abs((s.at - at).total_seconds()), s.rank))

    # -- cursor and selection -----------------------------------------------------------------------------------

    def set_cursor(self, cursor: Cursor) -> None:
        """Put the cursor somewhere and say so."""
        self.cursor = cursor
        self.setAccessibleDescription(self.selection_text())
        self.update()
        self.cursor_changed.emit()

    def select_key(self, key: Key) -> bool:
        """Put the cursor on an item; False when it is not shown."""
        for stops in self.stops.values():
            found = next((s for s in stops if s.key == key), None)
            if found:
                self.set_cursor(found)
                return True
        return False

    def select_time(self, at: datetime) -> None:
        """Put the cursor on the stop nearest a time on its day (which must be shown)."""
        if at.date() in self.stops:
            self.set_cursor(self._nearest(at.date(), Cursor(at.date(), at)))

    def selected_entry(self) -> Entry | None:
        """The item under the cursor, if the cursor is on one."""
        return self.by_key.get(self.cursor.key) if self.cursor and self.cursor.key else None

    def selected_booking(self) -> DiaryBooking | None:
        """The booking under the cursor, if any."""
        entry = self.selected_entry()
        return entry.booking if entry else None

    def selection_text(self) -> str:
        """The cursor's place in words: the booking, commitment or free slot, and anything wrong with it."""
        if self.cursor is None or self.data is None:
            return ""
        entry = self.selected_entry()
        day = f"{self.cursor.day:%a} {self.cursor.day.day} {self.cursor.day:%B}"
        if entry is not None and entry.booking is not None:
            return describe_booking(entry.booking, self.now)
        if entry is not None and entry.occurrence is not None:
            o = entry.occurrence
            title = f": {o.title}" if o.title else ""
            return f"{day} {o.start:%H:%M}–{o.end:%H:%M} · {CommitmentKind(o.kind).label}{title} · Enter to change it, Delete to remove it"
        return f"{day} {self.cursor.at:%H:%M} · {self._slot_state(self.cursor)} · N to book"

    def _slot_state(self, cursor: Cursor) -> str:
        """What a free half-hour is: free, in a commitment, at lunch, outside working time."""
        assert self.data is not None
        facts = next(d for d in self.data.days if d.day == cursor.day)
        within = [o for o in self.data.occurrences_on(cursor.day) if o.start <= cursor.at < o.end]
        if within:
            return f"in your {within[0].label}"
        if facts.bank_holiday:
            return f"bank holiday ({facts.bank_holiday})"
        if not facts.working:
            return "not a working day"
        if not facts.hours[0] <= cursor.at < facts.hours[1]:
            return "outside working hours"
        if facts.lunch and facts.lunch[0] <= cursor.at < facts.lunch[1]:
            return "lunch"
        return "free"

    # -- keyboard -----------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Arrows move; Ctrl+arrows move the booking, Shift+Up/Down shorten or lengthen it; Enter, N, Delete act."""
        key = Qt.Key(event.key())
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        arrows = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if key in arrows:
            down, across = arrows[key]
            if ctrl:
                self.move_requested.emit(down * STEP_MINUTES, across)
            elif shift and down:
                self.resize_requested.emit(down * STEP_MINUTES)
            else:
                self._step(down, across)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            self.activate_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_N and not ctrl and not shift:
            self.book_requested.emit()
        elif key == Qt.Key.Key_Escape and self._press is not None:
            self._end_drag()
        else:
            super().keyPressEvent(event)

    def _step(self, down: int, across: int) -> None:
        """Move the cursor to the next stop up or down, or to the nearest on the day left or right."""
        if self.cursor is None or self.cursor.day not in self.stops:
            return
        if across:
            column = self.days.index(self.cursor.day) + across
            if not 0 <= column < len(self.days):
                self.edge_reached.emit(across)
                return
            self.set_cursor(self._nearest(self.days[column], self.cursor))
            return
        stops = self.stops[self.cursor.day]
        index = next((i for i, s in enumerate(stops) if s == self.cursor), 0) + down
        if 0 <= index < len(stops):
            self.set_cursor(stops[index])

    def cursor_rect(self) -> QRectF:
        """Where the cursor is drawn, to scroll it into view."""
        entry = self.selected_entry()
        if entry is not None:
            return entry.rect
        if self.cursor is None or self.frame is None or self.cursor.day not in self.days:
            return QRectF()
        return self._slot_rect(self.cursor)

    def _slot_rect(self, cursor: Cursor) -> QRectF:
        """The rectangle of a free half-hour."""
        assert self.frame is not None
        column = self.days.index(cursor.day)
        top = self.frame.y(cursor.at)
        return QRectF(
            self.frame.x(column) + 1, top + 1, self.frame.column_width - 2, SLOT_MINUTES * self.frame.minute_px - 2
        )

    # -- mouse --------------------------------------------------------------------------------------------------

    def entry_at(self, point: QPointF) -> Entry | None:
        """The item under a point (bookings above commitments)."""
        hits = [e for e in self.entries if e.rect.contains(point)]
        hits.sort(key=lambda e: e.booking is not None)
        return hits[-1] if hits else None

    def _slot_at(self, point: QPointF) -> Cursor | None:
        """The free-slot cursor under a point in the timed part."""
        if self.frame is None or point.x() < GUTTER or point.y() < self.frame.top:
            return None
        column = min(len(self.days) - 1, int((point.x() - GUTTER) // self.frame.column_width))
        minute = int(self.frame.minute_at(point.y())) // SLOT_MINUTES * SLOT_MINUTES
        day = self.days[column]
        return self._nearest(day, Cursor(day, datetime.combine(day, time.min) + timedelta(minutes=minute)))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Select what was clicked; a booking not yet recorded can then be dragged."""
        self.setFocus()
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = event.position()
        entry = self.entry_at(point)
        if entry is not None:
            self.select_key(entry.key)
            booking = entry.booking
            if booking is not None and booking.row.outcome is None and not entry.in_band:
                mode = "resize" if point.y() > entry.rect.bottom() - 6 else "move"
                self._press = (entry, point, mode)
            return
        slot = self._slot_at(point)
        if slot is not None:
            self.set_cursor(slot)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Drag a booking to a new time or day (snapped to 15 minutes), or its bottom edge to a new length."""
        point = event.position()
        if self._press is None or self.frame is None:
            over = self.entry_at(point)
            near_edge = (
                over is not None
                and over.booking is not None
                and not over.in_band
                and point.y() > over.rect.bottom() - 6
            )
            self.setCursor(Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        entry, origin, mode = self._press
        if self._drop is None and (point - origin).manhattanLength() < QApplication.startDragDistance():
            return
        step = STEP_MINUTES * self.frame.minute_px
        moved = round((point.y() - origin.y()) / step) * STEP_MINUTES
        assert entry.booking is not None
        if mode == "resize":
            minutes = max(STEP_MINUTES, entry.booking.row.minutes + moved)
            rect = QRectF(entry.rect)
            rect.setHeight(minutes * self.frame.minute_px - 2)
            self._drop = minutes
            self._ghost = (rect, f"{minutes} min")
        else:
            column = max(0, min(len(self.days) - 1, int((point.x() - GUTTER) // self.frame.column_width)))
            start = datetime.combine(self.days[column], (entry.booking.row.start + timedelta(minutes=moved)).time())
            left = self.frame.x(column) + 3
            rect = QRectF(left, self.frame.y(start) + 1, self.frame.column_width - 6, entry.rect.height())
            self._drop = start
            self._ghost = (rect, f"{start:%a} {start:%H:%M}")
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Drop: ask the view to move or resize the booking."""
        press, drop = self._press, self._drop
        self._end_drag()
        if press is None or drop is None or press[0].booking is None:
            return
        appointment_id = press[0].booking.row.appointment_id
        if isinstance(drop, datetime):
            if drop != press[0].booking.row.start:
                self.drop_requested.emit(appointment_id, drop)
        elif drop != press[0].booking.row.minutes:
            self.drag_resize_requested.emit(appointment_id, drop)

    def _end_drag(self) -> None:
        """Forget a drag in progress."""
        self._press = None
        self._drop = None
        self._ghost = None
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Double-click: the same as Enter."""
        self.mousePressEvent(event)
        self._end_drag()
        self.activate_requested.emit()

    def event(self, event: QEvent) -> bool:
        """Tooltips: the full description of the item under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            entry = self.entry_at(QPointF(event.pos()))
            if entry is not None and entry.booking is not None:
                QToolTip.showText(event.globalPos(), describe_booking(entry.booking, self.now), self)
            elif entry is not None and entry.occurrence is not None:
                QToolTip.showText(event.globalPos(), entry.occurrence.label.capitalize(), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- painting -----------------------------------------------------------------------------------------------

    def _picture(self, frame: Frame, data: DiaryRange) -> QPixmap:
        """The days, hours, non-working time, commitments and bookings, painted once per layout and kept, so moving
        the cursor or dragging repaints only what moves."""
        ratio = self.devicePixelRatioF()
        picture = QPixmap(self.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor("#ffffff"))
        painter = QPainter(picture)
        paint = GridPainter(painter, self.font(), self.days, self.now, self.detailed, self._band_counts)
        paint.days_and_hours(frame, data)
        paint.present_moment(frame)
        for entry in self.entries:
            if entry.occurrence is not None:
                paint.commitment(entry)
        for entry in self.entries:
            if entry.booking is not None:
                paint.booking(entry)
        for row in data.cancelled:
            if row.start.date() in self.days:
                paint.rescheduled(frame, row, self.days.index(row.start.date()))
        painter.end()
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The kept picture of the week, then the cursor and any drag over it."""
        if self.data is None or self.frame is None:
            return
        if self._kept is None or self._kept.deviceIndependentSize().toSize() != self.size():
            self._kept = self._picture(self.frame, self.data)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._kept)
        paint = GridPainter(painter, self.font(), self.days, self.now, self.detailed, self._band_counts)
        if self.cursor is not None and self.cursor.day in self.days:
            entry = self.selected_entry()
            paint.cursor(
                self.cursor, entry, self._slot_rect(self.cursor) if entry is None else QRectF(), self.hasFocus()
            )
        if self._ghost is not None:
            paint.ghost(*self._ghost)
        painter.end()
