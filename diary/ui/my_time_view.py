"""My time: a week's hours by activity as a painted bar chart, allowance against actual, time per person."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from diary.domain.text import long_date
from diary.domain.time_use import Activity, AllowanceRow, PersonTime, hours
from diary.reports.my_time_report import print_my_time, week_title
from diary.reports.printing import setup_page
from diary.services.diary_file import Diary
from diary.services.my_time import MyTimeWeek, my_time_week, write_week_csv
from diary.services.settings import get_setting
from diary.ui.table_model import Column, RowTableModel, row_table

COLOURS = {
    Activity.FACE_TO_FACE: "#2f6db5",
    Activity.PHONE_VIDEO: "#4b9bd8",
    Activity.REPORTS: "#8a5fbf",
    Activity.ASSESSMENTS: "#c0504d",
    Activity.TRAVEL: "#d98c1f",
    Activity.MEETINGS: "#3f9b6e",
    Activity.ADMIN: "#7d8794",
}
CHART_SIZE = QSize(760, 360)

ALLOWANCE_COLUMNS: list[Column[AllowanceRow]] = [
    Column("Work", lambda r: r.label),
    Column("Times", lambda r: str(r.count), lambda r: r.count),
    Column("Allowed (h)", lambda r: hours(r.allowed), lambda r: r.allowed),
    Column("Took (h)", lambda r: hours(r.actual), lambda r: r.actual),
    Column("Over (h)", lambda r: ("+" if r.difference > 0 else "") + hours(r.difference), lambda r: r.difference),
]
PERSON_COLUMNS: list[Column[PersonTime]] = [
    Column("Person", lambda p: p.name),
    Column("CRN", lambda p: p.crn or ""),
    Column("Contacts", lambda p: str(p.contacts), lambda p: p.contacts),
    Column("Hours", lambda p: hours(p.minutes), lambda p: p.minutes),
]


def _nice_top(value_hours: float) -> tuple[float, float]:
    """A round top for the hours axis and the step between its gridlines."""
    for step in (1, 2, 5, 10, 20, 50):
        if value_hours <= step * 6:
            return max(step, math.ceil(value_hours / step) * step), step
    return math.ceil(value_hours / 100) * 100, 100


class ActivityChart(QWidget):
    """Horizontal bars, one per activity, each labelled with its hours; estimated travel hatched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty chart."""
        super().__init__(parent)
        self.setObjectName("myTimeChart")
        self.setAccessibleName("Hours by activity")
        self.setMinimumSize(480, 280)
        self.week: MyTimeWeek | None = None

    def sizeHint(self) -> QSize:  # noqa: N802
        """Room for seven labelled bars."""
        return CHART_SIZE

    def set_week(self, week: MyTimeWeek) -> None:
        """Chart this week's hours."""
        self.week = week
        self.setAccessibleDescription(
            "; ".join(f"{a.label} {hours(m)} hours" for a, m in week.by_activity.items())
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """Paint the chart onto the widget."""
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def render_image(self, size: QSize = CHART_SIZE) -> QImage:
        """The chart as an image (for saving as PNG)."""
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(self.font())
        self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return image

    def paint(self, painter: QPainter, area: QRectF) -> None:
        """Draw title, gridlines with hour labels, and a labelled bar per activity into area."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, QColor("white"))
        if self.week is None:
            return
        week = self.week
        metrics = painter.fontMetrics()
        line = metrics.height()
        plain = QFont(painter.font())
        title_font = QFont(plain)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#1f2933"))
        painter.drawText(
            QRectF(area.left() + 8, area.top() + 6, area.width() - 16, line + 4),
            Qt.AlignmentFlag.AlignLeft,
            f"Hours by activity, week of {long_date(week.start)}: {hours(week.total)} hours in all",
        )
        painter.setFont(plain)
        label_w = max(metrics.horizontalAdvance(a.label) for a in Activity) + 16
        value_w = metrics.horizontalAdvance("888.8 h") + 12
        note = self._estimate_note()
        plot = QRectF(
            area.left() + label_w, area.top() + line * 2 + 10,
            area.width() - label_w - value_w - 8, area.height() - line * (4 if note else 3) - 18,
        )
        top, step = _nice_top(max(week.by_activity.values(), default=0) / 60)
        scale = plot.width() / top
        painter.setPen(QPen(QColor("#d5dae1"), 1))
        grid = 0.0
        while grid <= top + 1e-9:
            x = plot.left() + grid * scale
            painter.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
            painter.setPen(QColor("#52606d"))
            painter.drawText(QRectF(x - 30, plot.bottom() + 4, 60, line), Qt.AlignmentFlag.AlignHCenter, f"{grid:g} h")
            painter.setPen(QPen(QColor("#d5dae1"), 1))
            grid += step
        row_h = plot.height() / len(Activity)
        bar_h = min(26.0, row_h * 0.62)
        estimated = {Activity.TRAVEL: week.estimated}
        for i, (activity, minutes) in enumerate(week.by_activity.items()):
            y = plot.top() + i * row_h + (row_h - bar_h) / 2
            painter.setPen(QColor("#1f2933"))
            painter.drawText(QRectF(area.left() + 8, y, label_w - 14, bar_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, activity.label)
            width = minutes / 60 * scale
            guessed = min(estimated.get(activity, 0), minutes) / 60 * scale
            colour = QColor(COLOURS[activity])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(plot.left(), y, width - guessed, bar_h))
            if guessed:
                painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(colour, 1))
                painter.drawRect(QRectF(plot.left() + width - guessed, y, guessed, bar_h))
            painter.setPen(QColor("#1f2933"))
            painter.drawText(QRectF(plot.left() + width + 6, y, value_w + 40, bar_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{hours(minutes)} h")
        if note:
            painter.setPen(QColor("#52606d"))
            painter.drawText(QRectF(area.left() + 8, area.bottom() - line - 6, area.width() - 16, line),
                             Qt.AlignmentFlag.AlignLeft, note)

    def _estimate_note(self) -> str:
        """The footnote explaining hatched (estimated) travel, when there is any."""
        if self.week is None or not self.week.estimated:
            return ""
        return f"Hatched: {hours(self.week.estimated)} h of travel estimated from the minutes set per home and prison visit."


class MyTimeView(QWidget):
    """A week of the officer's time: chart, allowance against actual, and time per person; CSV and print."""

    message = Signal(str)

    def __init__(self, diary: Diary, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        """The view over the diary, opening on the week before this one (the last whole week)."""
        super().__init__(parent)
        self.diary = diary
        self.clock = clock
        self.week: MyTimeWeek | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.chart = ActivityChart(self)
        self.allowance_model: RowTableModel[AllowanceRow] = RowTableModel(ALLOWANCE_COLUMNS, self)
        self.person_model: RowTableModel[PersonTime] = RowTableModel(PERSON_COLUMNS, self)
        self.allowance_table = row_table("Allowed against actual", self.allowance_model, self, stretch=0)
        self.table = row_table("Time per person", self.person_model, self, stretch=0)
        buttons = QHBoxLayout()
        for text, name, slot in (
            ("◀ &Previous week", "previousWeek", lambda: self.step(-7)),
            ("This &week", "thisWeek", lambda: self.show_week(self.clock().date())),
            ("&Next week ▶", "nextWeek", lambda: self.step(7)),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        tables = QSplitter(self)
        for title, table in (("Allowed against actual (hours)", self.allowance_table), ("Time per person", self.table)):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title, box)
            label.setObjectName("sectionLabel")
            column.addWidget(label)
            column.addWidget(table)
            tables.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.chart, 3)
        layout.addWidget(tables, 2)

    def reload(self) -> None:
        """Read the week shown again (the last whole week the first time)."""
        self.show_week(self.week.start if self.week else self.clock().date() - timedelta(days=7))

    def step(self, days: int) -> None:
        """Move the view by days (a week back or forward)."""
        self.show_week((self.week.start if self.week else self.clock().date()) + timedelta(days=days))

    def show_week(self, day: date) -> None:
        """Show the week holding day."""
        week = my_time_week(self.diary.db, day)
        self.week = week
        self.heading.setText(f"{week_title(week)}: {hours(week.total)} hours")
        self.chart.set_week(week)
        self.allowance_model.set_rows(week.allowances)
        self.person_model.set_rows(week.by_person)

    def export_csv(self, path: Path | None = None) -> None:
        """Write the week's entries as CSV (asking where, unless told)."""
        if self.week is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export my time", f"my-time-{self.week.start.isoformat()}.csv", "CSV files (*.csv)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            write_week_csv(self.week, path)
        except OSError as exc:
            self.message.emit(f"Not exported: could not write {path}: {exc.strerror or exc}.")
            return
        self.message.emit(f"Exported {len(self.week.entries)} entries for {week_title(self.week)} to {path}.")

    def print_week(self) -> None:
        """Print the week for supervision, choosing the printer."""
        if self.week is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_page(printer, landscape=False)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_my_time(self.week, printer, get_setting(self.diary.db, "officer_name") or "", self.clock())
            self.message.emit(f"Printed {week_title(self.week)}.")

    def selected_person(self) -> int | None:
        """Time, not people, is picked here."""
        return None

    def selected_appointment(self) -> int | None:
        """No appointments are listed here."""
        return None

    def focus_target(self) -> QWidget:
        """Time per person."""
        return self.table
