"""The weekly schedule: one A4 landscape page, days as columns, bookings and rota in place."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from diary.domain.text import plural
from diary.services.week import ScheduleItem, WeekSchedule

FONT_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.5, 4.0)


def week_html(schedule: WeekSchedule, font_pt: float, abbreviate: bool) -> str:
    """The schedule as HTML for QTextDocument, at a font size, abbreviated or not."""
    days = schedule.days
    width = 100 // len(days)
    header_cells = "".join(
        f"<th width='{width}%' style='background:#e6ebf2; padding:3px; border:1px solid #9aa5b4; white-space:nowrap;'>"
        f"{d:%A} {d.day} {d:%b}</th>"
        for d in days
    )
    body_cells = "".join(
        "<td valign='top' style='border:1px solid #9aa5b4; padding:2px;'>"
        + "".join(_item_html(item, abbreviate) for item in _items_on(schedule.items, d))
        + "</td>"
        for d in days
    )
    officer = f" · {html.escape(schedule.officer)}" if schedule.officer else ""
    legend = f"{html.escape(schedule.legend)} · " if schedule.legend else ""
    summary = plural(schedule.bookings, "booking")
    return (
        f"<html><body style='font-family: sans-serif; font-size: {font_pt}pt;'>"
        f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td><span style='font-size:{font_pt + 4}pt; font-weight:600;'>{html.escape(schedule.title)}</span>{officer}</td>"
        f"<td align='right'>{summary}</td></tr></table>"
        f"<table width='100%' cellspacing='0' cellpadding='0' style='border-collapse:collapse; margin-top:4px;'>"
        f"<tr>{header_cells}</tr><tr>{body_cells}</tr></table>"
        f"<p style='font-size:{max(font_pt - 1, 4)}pt; color:#555;'>{legend}Printed {schedule.printed_at:%d/%m/%Y %H:%M} "
        f"by Supervision Diary. Contains personal data: keep it safe and shred it after use.</p>"
        f"</body></html>"
    )


def _items_on(items: Sequence[ScheduleItem], day: date) -> list[ScheduleItem]:
    """Items on a day, commitments first where they start together, in time order."""
    return sorted((i for i in items if i.start.date() == day), key=lambda i: (i.start, not i.is_commitment, i.title))


def _item_html(item: ScheduleItem, abbreviate: bool) -> str:
    """One booking or commitment."""
    times = f"{item.start:%H:%M}–{item.end:%H:%M}"
    title = html.escape(item.title)
    if item.is_commitment:
        label = html.escape(item.detail)
        place = f" · {html.escape(item.place)}" if item.place and not abbreviate else ""
        return (
            "<table width='100%' cellspacing='0' cellpadding='1' bgcolor='#fbe3c3' style='margin:1px 0 3px 0;'><tr><td>"
            f"<p style='margin:0; white-space:nowrap;'><b>{times} {label.upper()}</b></p><p style='margin:0;'>{title}{place}</p>"
            "</td></tr></table>"
        )
    detail = html.escape(_abbreviation(item.detail) if abbreviate else item.detail)
    place = html.escape(item.place) if item.place else ""
    if abbreviate and len(place) > 18:
        place = place[:17] + "…"
    marker = f"{html.escape(item.marker)} " if item.marker else ""
    sign = f"<b>[{html.escape(item.sign)}]</b> " if item.sign else ""
    extra = " · ".join(p for p in (f"to {item.end:%H:%M}", detail, place) if p)
    name = f"<s>{title}</s>" if item.cancelled else f"<b>{title}</b>"
    return (
        f"<p style='margin:1px 0 0 0; white-space:nowrap;'><b>{item.start:%H:%M}</b> {sign}{marker}{name}</p>"
        f"<p style='margin:0 0 3px 0;'>{extra}</p>"
    )


ABBREVIATIONS = {
    "Office": "Off",
    "Home visit": "HV",
    "Phone": "Ph",
    "Video": "Vid",
    "Prison visit": "Prison",
    "Three-way meeting": "3-way",
    "Unpaid work": "UPW",
    "Programme": "Prog",
}


def _abbreviation(kind: str) -> str:
    """A short form of an appointment kind."""
    return ABBREVIATIONS.get(kind, kind)
