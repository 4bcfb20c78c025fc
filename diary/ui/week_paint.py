"""How the diary grid looks: days and hours, greyed non-working time, commitments hatched, bookings in the colour of
their kind with the name, kind, state and risk always written (meaning never rests on colour alone). A recorded
booking carries its outcome's sign (✓ kept, ✗ failure, A acceptable absence, ? awaiting evidence, S sent home);
a failure is also drawn with a dashed edge, so it differs in shape as well as in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from diary.domain.enforcement_facts import Mark, OutcomeSign, outcome_sign
from diary.domain.vocab import AppointmentKind, CommitmentKind, Outcome, RiskLevel
from diary.services.caseload import AppointmentRow
from diary.services.diary_view import DiaryBooking, DiaryDay, DiaryRange
from diary.ui import formatting as fmt
from diary.ui.week_layout import BAND_ROWS, GUTTER, SLOT_MINUTES, Cursor, Entry, Frame

KIND_COLOURS: dict[str, tuple[str, str]] = {
    "office": ("#dbe9fb", "#2f6db5"),
    "home_visit": ("#dcf2e3", "#2e8b57"),
    "phone": ("#fdf0d2", "#b7791f"),
    "video": ("#efe3fa", "#7e4bb3"),
    "prison_visit": ("#fbe1e1", "#b23b3b"),
    "three_way_meeting": ("#d6f1f1", "#23848a"),
    "unpaid_work_session": ("#ece6dc", "#7a6a4f"),
    "programme_session": ("#e4e7f6", "#4f5d9c"),
    "other": ("#eceff3", "#5b6472"),
}
"""Fill and edge colour of each kind of booking; the kind is always written too."""
SHORT_KINDS = {
    "office": "Office",
    "home_visit": "Home visit",
    "phone": "Phone",
    "video": "Video",
    "prison_visit": "Prison",
    "three_way_meeting": "3-way",
    "unpaid_work_session": "UPW",
    "programme_session": "Programme",
    "other": "Other",
}
STATE_MARKS = {"to record": "! ", "in progress": "▶ ", "to come": ""}
"""The mark before the name of a booking without an outcome; a recorded one shows its outcome's sign."""
FAILURE_EDGE = "#9b1c1c"
RISK_LETTERS = {"low": "L", "medium": "M", "high": "H", "very_high": "VH"}
COMMITMENT_FILL = "#e5e9f0"
COMMITMENT_EDGE = "#56627a"
CLASH_EDGE = "#c2410c"
SELECTED_EDGE = "#123f80"
NON_WORKING = "#eceef1"
TODAY_HEADER = "#dbe8f7"
GRID_LINE = "#dde1e7"
BORDER = "#c9ced6"
TEXT = "#111827"
QUIET_TEXT = "#4b5563"
NOW_RED = "#b91c1c"

Line = tuple[tuple[str, ...], bool]
"""A line to write: its texts from longest to shortest (the first that fits is used) and whether it is bold."""


def risk_mark(level: str | None, short: bool = False) -> str:
    """A small shape and letter for the risk of serious harm ('●H', or just '●' when short); nothing when unknown."""
    if not level:
        return ""
    return fmt.RISK_MARKS[level] if short else f"{fmt.RISK_MARKS[level]}{RISK_LETTERS[level]}"


def day_label(day: DiaryDay) -> str:
    """The second header line: bank holiday, cover, or not working."""
    if day.bank_holiday:
        return f"Bank holiday: {day.bank_holiday}"
    if day.covered_by:
        return f"Covered by {day.covered_by}"
    return "" if day.working else "Not a working day"


def describe_booking(booking: DiaryBooking, now: datetime) -> str:
    """A booking in words, with its warnings (for the line under the grid and tooltips)."""
    row = booking.row
    where = f" at {row.location}" if row.location else ""
    risk = f" · {RiskLevel(row.risk_level).label} risk of serious harm" if row.risk_level else ""
    text = (
        f"{row.start:%a} {row.start.day} {row.start:%B} {row.start:%H:%M}–{booking.end:%H:%M} · {row.listed_name} ({row.crn}) · "
        f"{AppointmentKind(row.kind).label}{where} · {fmt.appointment_state(row.outcome, row.state(now))}{risk}"
    )
    compliance = f"\n{fmt.compliance(booking.compliance)}" if booking.compliance else ""
    return text + compliance + "".join(f"\n⚠ {w}" for w in booking.warnings)


def _sign(booking: DiaryBooking) -> OutcomeSign | None:
    """The booking's outcome sign, if it has an outcome."""
    return outcome_sign(Outcome(booking.row.outcome)) if booking.row.outcome else None


def _names(mark: str, row_name: str, at: str | None, crn: str | None) -> tuple[str, ...]:
    """A person's name line from longest to shortest: with time and CRN, full name, initial and surname, surname."""
    first, _, last = row_name.rpartition(" ")
    tail = f" ({crn})" if crn else ""
    shorter = [f"{mark}{row_name}", f"{mark}{first[:1]}. {last}" if first else f"{mark}{last}", f"{mark}{last}"]
    return ((f"{mark}{at} {row_name}{tail}",) if at else ()) + tuple(shorter)


@dataclass
class GridPainter:
    """Paints one frame of the grid."""

    painter: QPainter
    font: QFont
    days: Sequence[date]
    now: datetime
    detailed: bool
    band_counts: dict[date, int]

    def __post_init__(self) -> None:
        """Fonts and metrics used throughout."""
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.metrics = QFontMetrics(self.font)
        self.bold_metrics = QFontMetrics(self.bold)
        self.line = self.metrics.height()

    def text(
        self,
        rect: QRectF,
        text: str,
        colour: str,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        """One line of text, cut short with an ellipsis if it does not fit."""
        self.painter.setFont(self.bold if bold else self.font)
        self.painter.setPen(QColor(colour))
        metrics = self.bold_metrics if bold else self.metrics
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, int(rect.width())))
        self.painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)

    def days_and_hours(self, frame: Frame, data: DiaryRange) -> None:
        """Headers, the greyed non-working time, hour lines, the time gutter and the band."""
        facts = {d.day: d for d in data.days}
        bottom = frame.height()
        for column, day in enumerate(self.days):
            x, width = frame.x(column), frame.column_width
            self._grey(frame, facts[day], x, width, bottom)
            is_today = day == self.now.date()
            self.painter.fillRect(QRectF(x, 0, width, frame.header), QColor(TODAY_HEADER if is_today else "#f3f5f8"))
            title = f"{day:%A} {day.day} {day:%B}" if self.detailed else f"{day:%a} {day.day} {day:%b}"
            self.text(
                QRectF(x + 6, 4, width - 12, self.line), title + ("  · Today" if is_today else ""), TEXT, bold=True
            )
            self.text(QRectF(x + 6, 6 + self.line, width - 12, self.line), day_label(facts[day]), QUIET_TEXT)
            hidden = self.band_counts.get(day, 0) - (BAND_ROWS - 1)
            if not self.detailed and hidden > 1:
                row = QRectF(x + 8, frame.header + 3 + (BAND_ROWS - 1) * frame.band_line, width - 12, frame.band_line)
                self.text(row, f"+ {hidden} more (Ctrl+Alt+1 shows the day)", QUIET_TEXT)
        for minute in range(frame.first_minute, frame.last_minute + 1, SLOT_MINUTES):
            y = frame.top + (minute - frame.first_minute) * frame.minute_px
            hour = minute % 60 == 0
            self.painter.setPen(QPen(QColor(GRID_LINE), 1, Qt.PenStyle.SolidLine if hour else Qt.PenStyle.DotLine))
            self.painter.drawLine(QPointF(GUTTER - 4 if hour else GUTTER, y), QPointF(frame.width, y))
            if hour and minute < frame.last_minute:
                self.text(
                    QRectF(0, y + 1, GUTTER - 8, self.line),
                    f"{minute // 60:02d}:00",
                    QUIET_TEXT,
                    align=Qt.AlignmentFlag.AlignRight,
                )
        self.painter.setPen(QPen(QColor(BORDER), 1))
        for column in range(len(self.days) + 1):
            self.painter.drawLine(QPointF(frame.x(column), 0), QPointF(frame.x(column), bottom))
        self.painter.drawLine(QPointF(GUTTER, frame.header), QPointF(frame.width, frame.header))
        if frame.band:
            self.painter.drawLine(QPointF(GUTTER, frame.top), QPointF(frame.width, frame.top))
            self.text(
                QRectF(0, frame.header + 3, GUTTER - 8, self.line),
                "Run by",
                QUIET_TEXT,
                align=Qt.AlignmentFlag.AlignRight,
            )
            self.text(
                QRectF(0, frame.header + 3 + self.line, GUTTER - 8, self.line),
                "others",
                QUIET_TEXT,
                align=Qt.AlignmentFlag.AlignRight,
            )

    def present_moment(self, frame: Frame) -> None:
        """A red line across today at the present time (under what is booked), and the time in the gutter."""
        if (
            self.now.date() in self.days
            and frame.first_minute <= self.now.hour * 60 + self.now.minute < frame.last_minute
        ):
            x, y = frame.x(self.days.index(self.now.date())), frame.y(self.now)
            self.painter.setPen(QPen(QColor(NOW_RED), 2))
            self.painter.drawLine(QPointF(x, y), QPointF(x + frame.column_width, y))
            self.painter.fillRect(QRectF(0, y - self.line / 2, GUTTER - 2, self.line), QColor("#ffffff"))
            self.text(
                QRectF(0, y - self.line / 2, GUTTER - 8, self.line),
                f"{self.now:%H:%M}",
                NOW_RED,
                bold=True,
                align=Qt.AlignmentFlag.AlignRight,
            )

    def _grey(self, frame: Frame, facts: DiaryDay, x: float, width: float, bottom: float) -> None:
        """Grey a day's time outside working hours and at lunch, or all of it when it is not a working day."""
        midnight = datetime.combine(facts.day, time.min)
        spans = (
            [(midnight, midnight + timedelta(days=1))]
            if not facts.working
            else [
                (midnight, facts.hours[0]),
                (facts.hours[1], midnight + timedelta(days=1)),
                facts.lunch or (midnight, midnight),
            ]
        )
        for start, end in spans:
            top, low = max(frame.y(start), frame.top), min(frame.y(end) if end.date() == facts.day else bottom, bottom)
            if low > top:
                self.painter.fillRect(QRectF(x, top, width, low - top), QColor(NON_WORKING))

    def commitment(self, entry: Entry) -> None:
        """A commitment: hatched grey with its kind, title and hours written in."""
        assert entry.occurrence is not None
        rect = entry.rect
        self.painter.setPen(QPen(QColor(COMMITMENT_EDGE), 1))
        self.painter.setBrush(QColor(COMMITMENT_FILL))
        self.painter.drawRect(rect)
        self.painter.setBrush(QBrush(QColor("#cbd2dd"), Qt.BrushStyle.BDiagPattern))
        self.painter.drawRect(rect)
        self.painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(COMMITMENT_EDGE))
        occurrence = entry.occurrence
        kind = CommitmentKind(occurrence.kind).label
        lines: list[Line] = [((kind,), True)]
        if occurrence.title and occurrence.title.lower() != kind.lower():
            lines.append(((occurrence.title,), False))
        lines.append(((f"{entry.start:%H:%M}–{entry.end:%H:%M}",), False))
        self.lines(rect, lines, "", "#1f2937", backing=COMMITMENT_FILL)

    def booking(self, entry: Entry) -> None:
        """A booking: the kind's colour with its name, kind, state and risk written in, and any clash outlined."""
        booking = entry.booking
        assert booking is not None
        row = booking.row
        fill, edge = KIND_COLOURS.get(row.kind, KIND_COLOURS["other"])
        state = row.state(self.now)
        sign = _sign(booking)
        failed = sign is not None and sign.mark is Mark.FAILURE
        rect = entry.rect
        if booking.clash:
            self.painter.setPen(QPen(QColor(CLASH_EDGE), 2))
        elif failed:
            self.painter.setPen(QPen(QColor(FAILURE_EDGE), 2, Qt.PenStyle.DashLine))
        else:
            self.painter.setPen(QPen(QColor(edge), 1))
        self.painter.setBrush(QColor(fill).lighter(106) if state == "recorded" else QColor(fill))
        self.painter.drawRoundedRect(rect, 3, 3)
        self.painter.fillRect(QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), QColor(FAILURE_EDGE if failed else edge))
        mark = f"{sign.sign} " if sign else STATE_MARKS[state]
        names = _names(mark, row.listed_name, f"{row.start:%H:%M}", row.crn if self.detailed else None)
        kind = AppointmentKind(row.kind).label
        place = f"{kind} · {row.location}" if self.detailed and row.location else kind
        flag = f"⚠ {booking.clash}" if booking.clash else ""
        flags = (flag, f"⚠ {booking.clash.removeprefix('In ').capitalize()}", "⚠ Clash", "⚠") if booking.clash else ()
        if entry.in_band:
            lines: list[Line] = [(tuple(f"{n} · {SHORT_KINDS[row.kind]}" for n in names), False)]
        elif rect.height() < 2 * self.line + 4:
            warn = "⚠ " if flag else ""
            compact = tuple(f"{warn}{n} · {SHORT_KINDS[row.kind]}" for n in names) + tuple(f"{warn}{n}" for n in names)
            lines = [(compact, True)]
        else:
            lines = (
                [(names, True)]
                + ([(flags, True)] if flags else [])
                + [((place,), False), ((fmt.appointment_state(row.outcome, state),), False)]
            )
        self.lines(
            rect,
            lines,
            risk_mark(row.risk_level, short=rect.width() < 110),
            QUIET_TEXT if state == "recorded" else TEXT,
        )

    def rescheduled(self, frame: Frame, row: AppointmentRow, column: int) -> None:
        """A booking cancelled to be rescheduled: a narrow dashed tag marked R at the column's right edge, so its
        time reads as free while the change still shows."""
        top = max(frame.y(row.start), frame.top)
        bottom = min(frame.y(row.start + timedelta(minutes=row.minutes)), frame.height())
        if bottom <= top:
            return
        width = self.metrics.horizontalAdvance("R") + 8
        rect = QRectF(frame.x(column) + frame.column_width - width - 2, top + 1, width, bottom - top - 2)
        self.painter.setPen(QPen(QColor(QUIET_TEXT), 1, Qt.PenStyle.DashLine))
        self.painter.setBrush(QColor("#ffffff"))
        self.painter.drawRect(rect)
        self.text(QRectF(rect.left(), rect.top(), rect.width(), self.line), "R", QUIET_TEXT, bold=True, align=Qt.AlignmentFlag.AlignHCenter)

    def lines(self, rect: QRectF, lines: list[Line], corner: str, colour: str, backing: str | None = None) -> None:
        """Write as many lines as fit (each the longest of its texts that fits, else cut short); the corner text top right."""
        inner = rect.adjusted(8, 1, -3, -1)
        corner_width = self.metrics.horizontalAdvance(corner) + 4 if corner else 0
        fits = lines[: max(1, int(inner.height() // self.line))]
        if backing:
            widest = max(self.bold_metrics.horizontalAdvance(texts[0]) for texts, _ in fits) + 8
            self.painter.fillRect(
                QRectF(inner.left() - 2, inner.top(), min(inner.width(), widest), len(fits) * self.line + 2),
                QColor(backing),
            )
        for i, (texts, strong) in enumerate(fits):
            width = inner.width() - (corner_width if i == 0 else 0)
            metrics = self.bold_metrics if strong else self.metrics
            chosen = next((t for t in texts if metrics.horizontalAdvance(t) <= width), texts[-1])
            line_colour = CLASH_EDGE if chosen.startswith("⚠") else colour
            self.text(
                QRectF(inner.left(), inner.top() + i * self.line, width, self.line), chosen, line_colour, bold=strong
            )
        if corner:
            self.text(
                QRectF(inner.left(), inner.top(), inner.width(), self.line),
                corner,
                "#374151",
                align=Qt.AlignmentFlag.AlignRight,
            )

    def cursor(self, cursor: Cursor, entry: Entry | None, slot: QRectF, focused: bool) -> None:
        """The cursor: a strong outline on the selected item, or a tinted free slot with a hint."""
        pen = QPen(QColor(SELECTED_EDGE), 3 if focused else 2)
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        if entry is not None:
            self.painter.drawRoundedRect(entry.rect.adjusted(-1, -1, 1, 1), 4, 4)
            return
        self.painter.fillRect(slot, QColor(207, 224, 247, 200))
        self.painter.drawRect(slot)
        self.text(slot.adjusted(8, 0, -4, 0), f"{cursor.at:%H:%M}  N to book", SELECTED_EDGE)

    def ghost(self, rect: QRectF, label: str) -> None:
        """Where a dragged booking would land."""
        self.painter.setPen(QPen(QColor(SELECTED_EDGE), 2, Qt.PenStyle.DashLine))
        self.painter.setBrush(QColor(255, 255, 255, 140))
        self.painter.drawRoundedRect(rect, 3, 3)
        self.text(
            QRectF(rect.left() + 6, rect.top() + 2, rect.width() - 10, self.line),
            f"→ {label}",
            SELECTED_EDGE,
            bold=True,
        )
