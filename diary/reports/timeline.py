"""The compliance timeline of a whole order, drawn with QPainter: one lane per requirement, one mark per appointment.

Marks differ by shape as well as colour, so the picture reads in black and white: kept is a filled
circle, acceptable absence an open square, failure a cross, awaiting evidence an open triangle.
Warnings and breach are flags on poles across every lane; a live warning shades its 12 months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF

from diary.domain.enforcement import NOT_BY_APPOINTMENTS, HistoryEntry, OrderCompliance, RequirementCounts
from diary.domain.enforcement_facts import Mark
from diary.domain.enforcement_rules import live_until
from diary.domain.enforcement_words import hours_and_minutes
from diary.domain.vocab import EnforcementAction

LABEL_WIDTH = 190.0
LANE_HEIGHT = 38.0
FLAG_BAND = 40.0
AXIS_HEIGHT = 34.0
LEGEND_ROW = 20.0
MARK = 11.0
INK = QColor("#1f2933")
GRID = QColor("#d5dbe3")
XOf = Callable[[date], float]

COLOURS = {
    Mark.KEPT: QColor("#1b7a3a"),
    Mark.ACCEPTABLE: QColor("#1d5fb0"),
    Mark.FAILURE: QColor("#c0261f"),
    Mark.AWAITING: QColor("#a35a00"),
    Mark.NEUTRAL: QColor("#6b7280"),
    Mark.NOT_RECORDED: QColor("#7b3fa0"),
    Mark.BOOKED: QColor("#8a94a3"),
}
DRAW_ORDER = (Mark.BOOKED, Mark.NOT_RECORDED, Mark.NEUTRAL, Mark.KEPT, Mark.ACCEPTABLE, Mark.AWAITING, Mark.FAILURE)
LEGEND_ORDER = (Mark.KEPT, Mark.ACCEPTABLE, Mark.FAILURE, Mark.AWAITING, Mark.NEUTRAL, Mark.NOT_RECORDED, Mark.BOOKED)
FLAGS = {
    EnforcementAction.FIRST_WARNING_LETTER: ("Warning", QColor("#c77700")),
    EnforcementAction.SECOND_WARNING_LETTER: ("2nd warning", QColor("#c77700")),
    EnforcementAction.LICENCE_COMPLIANCE_LETTER: ("Compliance letter", QColor("#c77700")),
    EnforcementAction.BREACH_LETTER: ("Breach letter", QColor("#b3261e")),
    EnforcementAction.BREACH_INITIATED: ("Breach", QColor("#b3261e")),
    EnforcementAction.BREACH_CONCLUDED: ("Court's outcome", QColor("#4b5563")),
    EnforcementAction.COMPLIANCE_MEETING: ("Compliance meeting", QColor("#c77700")),
    EnforcementAction.RECALL_REQUESTED: ("Recall", QColor("#b3261e")),
    EnforcementAction.NO_FURTHER_ACTION: ("No further action", QColor("#4b5563")),
    EnforcementAction.WARNING_WITHDRAWN: ("Warning withdrawn", QColor("#4b5563")),
}


@dataclass(frozen=True)
class Lane:
    """One row of the picture: a requirement (or general supervision) and its marks."""

    key: str | None
    title: str
    detail: str


def lanes(order: OrderCompliance) -> list[Lane]:
    """The lanes to draw: every requirement counted by appointments, and general supervision if used."""
    drawn = []
    used = {e.requirement for e in order.history if e.mark is not None}
    for r in order.rows():
        if r.type in NOT_BY_APPOINTMENTS and r.key not in used:
            continue
        key = None if r.type is None else r.key
        title = r.label if r.type is None else f"{r.type.label} ({r.key})"
        drawn.append(Lane(key, title, _lane_detail(r)))
    return drawn


def _lane_detail(r: RequirementCounts) -> str:
    """The short numbers under a lane's title."""
    if r.rar is not None and r.rar.days_max:
        return f"{r.rar.days_used} of {r.rar.days_max} days · {r.failures} failed"
    if r.unpaid_work is not None and r.unpaid_work.hours_ordered:
        return f"{hours_and_minutes(r.unpaid_work.minutes_done)} of {r.unpaid_work.hours_ordered} h · {r.failures} failed"
    if r.sessions_total:
        return f"{r.sessions_attended} of {r.sessions_total} sessions · {r.failures} failed"
    return f"{r.attended_complied} kept · {r.failures} failed"


def timeline_height(order: OrderCompliance) -> float:
    """The height the picture needs at any width."""
    return FLAG_BAND + max(1, len(lanes(order))) * LANE_HEIGHT + AXIS_HEIGHT + 2 * LEGEND_ROW + 8


def span(order: OrderCompliance) -> tuple[date, date]:
    """The dates the picture covers: the order's term, stretched to every appointment and action."""
    days = [e.day for e in order.history] + [order.as_of]
    first = min([order.start_date, *days] if order.start_date else days)
    last = max([order.end_date, *days] if order.end_date else [*days, order.as_of + timedelta(days=60)])
    return first, max(last, first + timedelta(days=28))


def draw_timeline(painter: QPainter, area: QRectF, order: OrderCompliance) -> None:
    """Draw the order's timeline into area."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(area, Qt.GlobalColor.white)
    base = QFont(painter.font())
    base.setPointSizeF(8.5)
    painter.setFont(base)
    rows = lanes(order) or [Lane(None, "No appointments", "")]
    first, last = span(order)
    plot = QRectF(area.left() + LABEL_WIDTH, area.top() + FLAG_BAND, area.width() - LABEL_WIDTH - 12, len(rows) * LANE_HEIGHT)

    def x_of(day: date) -> float:
        return plot.left() + plot.width() * (day - first).days / max(1, (last - first).days)

    _draw_lanes(painter, area, plot, rows)
    _draw_axis(painter, plot, first, last, x_of)
    _draw_warning_bands(painter, plot, order, x_of, first, last)
    _draw_as_of(painter, plot, order.as_of, x_of)
    _draw_flags(painter, area, plot, order.history, x_of)
    _draw_marks(painter, plot, order.history, {lane.key: i for i, lane in enumerate(rows)}, x_of)
    _draw_legend(painter, QRectF(area.left() + 4, plot.bottom() + AXIS_HEIGHT, area.width() - 8, 2 * LEGEND_ROW))
    painter.restore()


def _draw_warning_bands(painter: QPainter, plot: QRectF, order: OrderCompliance, x_of: XOf, first: date, last: date) -> None:
    """Shade the months each warning not withdrawn is live."""
    months = order.rules.warning_window_months
    for given in order.state.warnings:
        end = min(live_until(given, months), last)
        left, right = x_of(max(given, first)), x_of(end + timedelta(days=1))
        painter.fillRect(QRectF(left, plot.top(), max(1.0, right - left), plot.height()), QColor(255, 196, 0, 45))
        painter.setPen(QPen(QColor("#c77700"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(right, plot.top()), QPointF(right, plot.bottom()))
        painter.setPen(QColor("#6b4100"))
        text = f"live to {live_until(given, months).day} {live_until(given, months):%b %Y}"
        width = QFontMetricsF(painter.font()).horizontalAdvance(text)
        painter.drawText(QPointF(max(left + 3, right - width - 3), plot.bottom() - 4), text)


def _draw_lanes(painter: QPainter, area: QRectF, plot: QRectF, rows: list[Lane]) -> None:
    """Lane titles on the left and a rule between lanes."""
    bold = QFont(painter.font())
    bold.setBold(True)
    small = QFont(painter.font())
    small.setPointSizeF(painter.font().pointSizeF() - 0.5)
    for i, lane in enumerate(rows):
        top = plot.top() + i * LANE_HEIGHT
        if i % 2 == 0:
            painter.fillRect(QRectF(area.left(), top, area.width(), LANE_HEIGHT), QColor(243, 245, 248, 150))
        painter.setPen(GRID)
        painter.drawLine(QPointF(area.left(), top + LANE_HEIGHT), QPointF(plot.right(), top + LANE_HEIGHT))
        painter.setPen(INK)
        painter.setFont(bold)
        title = QFontMetricsF(bold).elidedText(lane.title, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 10)
        painter.drawText(QRectF(area.left() + 6, top + 3, LABEL_WIDTH - 10, 16), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(small)
        painter.setPen(QColor("#4b5563"))
        painter.drawText(QRectF(area.left() + 6, top + 19, LABEL_WIDTH - 10, 16), Qt.AlignmentFlag.AlignLeft, lane.detail)
    painter.setFont(small)
    painter.setPen(QPen(INK, 1))
    painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))


def _draw_axis(painter: QPainter, plot: QRectF, first: date, last: date, x_of: XOf) -> None:
    """Month ticks under the lanes, with the year on January and on the first tick."""
    painter.setPen(QPen(INK, 1))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    month = date(first.year, first.month, 1)
    step = 1 if (last - first).days <= 550 else 3
    first_label = True
    while month <= last:
        if month >= first:
            x = x_of(month)
            painter.setPen(GRID)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(INK)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            label = f"{month:%b}" + (f" {month:%Y}" if month.month == 1 or first_label else "")
            painter.drawText(QRectF(x - 40, plot.bottom() + 5, 80, 14), Qt.AlignmentFlag.AlignHCenter, label)
            first_label = False
        month = date(month.year + (month.month + step - 1) // 12, (month.month + step - 1) % 12 + 1, 1)


def _draw_as_of(painter: QPainter, plot: QRectF, as_of: date, x_of: XOf) -> None:
    """A dashed line at the counting date, labelled under the axis."""
    x = x_of(as_of)
    painter.setPen(QPen(QColor("#1d4ed8"), 1.4, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom() + 18))
    painter.setPen(QColor("#1d4ed8"))
    text = f"as of {as_of.day} {as_of:%b %Y}"
    width = QFontMetricsF(painter.font()).horizontalAdvance(text)
    left = min(max(x - width / 2, plot.left()), plot.right() - width)
    painter.fillRect(QRectF(left - 2, plot.bottom() + 19, width + 4, 13), Qt.GlobalColor.white)
    painter.drawText(QPointF(left, plot.bottom() + 29), text)


def _draw_marks(painter: QPainter, plot: QRectF, history: tuple[HistoryEntry, ...], lane_of: dict[str | None, int], x_of: XOf) -> None:
    """One mark per appointment, stacked when a lane has several on one day; failures drawn last, on top."""
    seen: dict[tuple[int, date], int] = defaultdict(int)
    for entry in sorted((e for e in history if e.mark is not None), key=lambda e: DRAW_ORDER.index(e.mark)):
        assert entry.mark is not None
        lane = lane_of.get(entry.requirement, lane_of.get(None))
        if lane is None:
            continue
        n = seen[(lane, entry.day)]
        seen[(lane, entry.day)] += 1
        centre = QPointF(x_of(entry.day), plot.top() + lane * LANE_HEIGHT + LANE_HEIGHT / 2 + (0, -9, 9)[n % 3])
        draw_mark(painter, entry.mark, centre, MARK)


def draw_mark(painter: QPainter, mark: Mark, centre: QPointF, size: float) -> None:
    """One appointment's mark: the shape alone tells the outcome; colour helps."""
    colour = COLOURS[mark]
    half = size / 2
    box = QRectF(centre.x() - half, centre.y() - half, size, size)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 1.8))
    if mark is Mark.KEPT:
        painter.setBrush(QBrush(colour))
        painter.setPen(QPen(colour.darker(130), 1))
        painter.drawEllipse(box)
    elif mark is Mark.ACCEPTABLE:
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawRect(box.adjusted(1, 1, -1, -1))
    elif mark is Mark.FAILURE:
        painter.setPen(QPen(colour, 2.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(box.topLeft(), box.bottomRight())
        painter.drawLine(box.topRight(), box.bottomLeft())
    elif mark is Mark.AWAITING:
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawPolygon(QPolygonF([QPointF(centre.x(), box.top()), box.bottomRight(), box.bottomLeft()]))
    elif mark is Mark.NEUTRAL:
        painter.setPen(QPen(colour, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(box.left(), centre.y()), QPointF(box.right(), centre.y()))
    elif mark is Mark.NOT_RECORDED:
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawPolygon(QPolygonF([QPointF(centre.x(), box.top()), QPointF(box.right(), centre.y()),
                                       QPointF(centre.x(), box.bottom()), QPointF(box.left(), centre.y())]))
    else:
        painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DotLine))
        painter.drawEllipse(box.adjusted(1.5, 1.5, -1.5, -1.5))
    painter.restore()


def _draw_flags(painter: QPainter, area: QRectF, plot: QRectF, history: tuple[HistoryEntry, ...], x_of: XOf) -> None:
    """A flag on a pole for each enforcement action; labels step down when they would overlap."""
    painter.save()
    bold = QFont(painter.font())
    bold.setBold(True)
    metrics = QFontMetricsF(bold)
    painter.setFont(bold)
    ends: list[float] = []
    for entry in history:
        if entry.action is None:
            continue
        words, colour = FLAGS[entry.action]
        x = x_of(entry.day)
        label = f"{words} {entry.day.day} {entry.day:%b}"
        width = metrics.horizontalAdvance(label) + 8
        level = next((i for i, end in enumerate(ends) if end < x), len(ends))
        if level == len(ends):
            ends.append(0.0)
        ends[level] = x + width + 4
        top = area.top() + 2 + (level % 2) * 18
        painter.setPen(QPen(colour, 1.6))
        painter.drawLine(QPointF(x, top), QPointF(x, plot.bottom()))
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, top, width, 15), 2, 2)
        painter.fillPath(path, colour)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(QRectF(x + 4, top, width - 4, 15), Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()


def _draw_legend(painter: QPainter, area: QRectF) -> None:
    """What each shape means, and the flags and shading."""
    metrics = QFontMetricsF(painter.font())
    x, y = area.left(), area.top() + LEGEND_ROW / 2
    items: list[tuple[Mark | str, str]] = [(m, m.label) for m in LEGEND_ORDER]
    items += [("band", "Warning live (shaded)"), ("flag", "Enforcement action (flag)")]
    for key, words in items:
        width = 18 + metrics.horizontalAdvance(words) + 16
        if x + width > area.right():
            x, y = area.left(), y + LEGEND_ROW
        if isinstance(key, Mark):
            draw_mark(painter, key, QPointF(x + 6, y), MARK)
        elif key == "band":
            painter.fillRect(QRectF(x, y - 6, 12, 12), QColor(255, 196, 0, 90))
        else:
            painter.fillRect(QRectF(x + 1, y - 6, 11, 8), QColor("#b3261e"))
            painter.fillRect(QRectF(x + 1, y - 6, 1.6, 13), QColor("#b3261e"))
        painter.setPen(INK)
        painter.drawText(QPointF(x + 18, y + metrics.ascent() / 2 - 1), words)
        x += width


def timeline_image(order: OrderCompliance, width: int = 1000, scale: float = 2.0) -> QImage:
    """The picture as an image (for letters and the printout), drawn at `scale` times for sharp print."""
    height = timeline_height(order)
    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    draw_timeline(painter, QRectF(0, 0, width, height), order)
    painter.end()
    return image
