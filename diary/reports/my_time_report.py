"""My time on paper, for supervision with a manager: hours by activity (as bars), allowance against actual, people."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from diary.domain.text import long_date
from diary.domain.time_use import hours
from diary.reports.printing import fit_to_pages, pdf_printer, print_document
from diary.services.my_time import MyTimeWeek

FONT_SIZES = (10.0, 9.0, 8.0, 7.0)
BAR_COLOUR = "#3d6fa8"
CELL = "style='border:1px solid #9aa5b4; padding:3px;'"
MOST_PEOPLE = 40


def week_title(week: MyTimeWeek) -> str:
    """'My time: 26 January to 1 February 2026' (both years when the week spans two)."""
    first = long_date(week.start) if week.start.year != week.end.year else f"{week.start.day} {week.start:%B}"
    return f"My time: {first} to {long_date(week.end)}"


def my_time_html(week: MyTimeWeek, officer: str, printed_at: datetime, font_pt: float = 10.0) -> str:
    """The week as HTML for QTextDocument: a bar per activity, allowances, and the people the time went to."""
    top = max(week.by_activity.values(), default=0) or 1
    bars = "".join(
        f"<tr><td {CELL} width='22%'>{a.label}</td><td {CELL} width='68%'>{_bar(m / top)}</td>"
        f"<td {CELL} align='right' width='10%'>{hours(m)} h</td></tr>"
        for a, m in week.by_activity.items()
    )
    estimated = f" ({hours(week.estimated)} h of travel estimated per visit)" if week.estimated else ""
    allowance_rows = "".join(
        f"<tr><td {CELL}>{html.escape(r.label)}</td><td {CELL} align='right'>{r.count}</td>"
        f"<td {CELL} align='right'>{hours(r.allowed)}</td><td {CELL} align='right'>{hours(r.actual)}</td>"
        f"<td {CELL} align='right'>{'+' if r.difference > 0 else ''}{hours(r.difference)}</td></tr>"
        for r in week.allowances
    )
    people = week.by_person[:MOST_PEOPLE]
    people_rows = "".join(
        f"<tr><td {CELL}>{html.escape(p.name)}</td><td {CELL}>{p.crn or ''}</td>"
        f"<td {CELL} align='right'>{p.contacts}</td><td {CELL} align='right'>{hours(p.minutes)}</td></tr>"
        for p in people
    )
    more = f"<p>and {len(week.by_person) - len(people)} more people.</p>" if len(week.by_person) > len(people) else ""
    who = f"{html.escape(officer)} · " if officer else ""
    head = f"<tr><th {CELL} align='left'>"
    return (
        f"<html><body style='font-family: sans-serif; font-size: {font_pt}pt;'>"
        f"<h2>{week_title(week)}</h2><p>{who}{hours(week.total)} hours in all{estimated} · printed "
        f"{printed_at:%d/%m/%Y %H:%M}</p>"
        f"<h3>Hours by activity</h3><table width='100%' cellspacing='0'>{bars}</table>"
        f"<h3>Allowed against actual (hours)</h3><table width='100%' cellspacing='0'>"
        f"{head}Work</th><th {CELL}>Times</th><th {CELL}>Allowed</th><th {CELL}>Took</th><th {CELL}>Over</th></tr>"
        f"{allowance_rows}</table>"
        f"<h3>Time per person (hours)</h3><table width='100%' cellspacing='0'>"
        f"{head}Person</th><th {CELL}>CRN</th><th {CELL}>Contacts</th><th {CELL}>Hours</th></tr>{people_rows}</table>"
        f"{more}</body></html>"
    )


def _bar(share: float) -> str:
    """A bar as a two-cell table: the coloured share of the width, then the rest."""
    filled = round(100 * share)
    if filled <= 0:
        return "&nbsp;"
    rest = f"<td width='{100 - filled}%'></td>" if filled < 100 else ""
    return (
        f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='{filled}%' bgcolor='{BAR_COLOUR}'>&nbsp;</td>{rest}</tr></table>"
    )


def print_my_time(week: MyTimeWeek, printer: QPrinter, officer: str, printed_at: datetime) -> None:
    """Print the week on A4 portrait, shrinking the type to fit two pages where it can."""
    document = fit_to_pages(lambda size, _abbreviate: my_time_html(week, officer, printed_at, size), printer, FONT_SIZES, 2)
    print_document(document, printer)


def my_time_pdf(week: MyTimeWeek, path: Path, officer: str, printed_at: datetime) -> None:
    """Write the week as an A4 PDF."""
    print_my_time(week, pdf_printer(path, landscape=False), officer, printed_at)
