"""The court check on one A4 page: is this person on an order, which, since when, how are they doing."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from diary.reports.documents import ensure_gui
from diary.reports.printing import fit_to_pages, pdf_printer, print_document
from diary.services.court_check import CourtCheck, OrderCheck

FONT_SIZES = (11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0)
STATUS_COLOURS = {"current": "#1f5fae", "ended": "#6b7280", "not started yet": "#92400e"}


def court_check_html(check: CourtCheck, printed_at: datetime, size: float = 11.0, compact: bool = False) -> str:
    """The court check as HTML at a type size; compact runs each order's requirements together."""
    e = html.escape
    orders = "".join(_order_html(o, compact) for o in check.orders)
    similar = (
        f"<p style='background:#fff4d6; padding:4px;'><b>Similar names in this diary:</b> {e('; '.join(check.similar))}. "
        "Check the CRN and date of birth.</p>"
        if check.similar
        else ""
    )
    return (
        f"<html><body style='font-family: sans-serif; font-size: {size}pt;'>"
        f"<p style='font-size:{size * 0.8:.1f}pt; color:#555; margin:0;'>Court check · as of {check.as_of:%d/%m/%Y}</p>"
        f"<h2 style='margin:2px 0;'>{e(check.name)} <span style='color:#374151;'>· {e(check.crn)}</span></h2>"
        f"<p style='margin:0 0 6px 0;'>{e(check.identity)}</p>"
        "<table width='100%' cellpadding='6' cellspacing='0' style='border:2px solid #1f5fae; margin:4px 0;'>"
        f"<tr><td style='font-size:{size * 1.25:.1f}pt; font-weight:600;'>{e(check.answer)}</td></tr></table>"
        f"{orders}"
        f"<p><b>Contact:</b> {e(check.contact)}</p>"
        f"{similar}"
        f"<p style='font-size:{size * 0.75:.1f}pt; color:#555;'>Printed {printed_at:%d/%m/%Y %H:%M} by Supervision Diary "
        "from the supervising officer's own records. Contains personal data: keep it safe and shred it after use.</p>"
        "</body></html>"
    )


def _order_html(order: OrderCheck, compact: bool) -> str:
    """One order's block: title and status, dates and court, counts, standing, requirements."""
    e = html.escape
    colour = STATUS_COLOURS.get(order.status, "#374151")
    court = f" · {e(order.court)}" if order.court else ""
    flag = f"<br><b style='color:#9a3412;'>▲ {e(order.flag)}</b>" if order.flag else ""
    lines = flag + "".join(f"<br>{e(line)}" for line in (order.counts, order.standing) if line)
    if compact:
        requirements = f"<br><i>Requirements:</i> {e(' · '.join(order.requirements))}" if order.requirements else ""
    else:
        items = "".join(f"<li>{e(r)}</li>" for r in order.requirements)
        requirements = f"<ul style='margin:2px 0;'>{items}</ul>" if items else ""
    return (
        "<table width='100%' cellpadding='4' cellspacing='0' style='border:1px solid #9aa5b4; margin-top:6px;'>"
        f"<tr><td style='background:#e6ebf2;'><b>{e(order.title)}</b> "
        f"<span style='color:{colour};'>({e(order.status)})</span> · {e(order.dates)}{court}</td></tr>"
        f"<tr><td>{lines.removeprefix('<br>')}{requirements}</td></tr></table>"
    )


def court_check_document(check: CourtCheck, printer: QPrinter, printed_at: datetime | None = None) -> QTextDocument:
    """The court check laid out on one page of the printer (smaller type, then compact, if it must)."""
    printed_at = printed_at or datetime.now()
    return fit_to_pages(lambda size, compact: court_check_html(check, printed_at, size, compact), printer, FONT_SIZES, 1)


def write_court_check_pdf(check: CourtCheck, path: Path, printed_at: datetime | None = None) -> int:
    """Print the court check to an A4 portrait PDF file; returns its number of pages."""
    ensure_gui()
    printer = pdf_printer(path, landscape=False)
    document = court_check_document(check, printer, printed_at)
    print_document(document, printer)
    return document.pageCount()
