"""Each printable document, built from the diary and sent down the one printing path."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from diary.reports.handover_sheet import handover_html
from diary.reports.printing import fit_to_pages, keep_tables_whole, layout_document, pdf_printer, print_document
from diary.reports.week_schedule import FONT_SIZES, week_html
from diary.services.diary_file import Database
from diary.services.handover import covering_officer, handover_entries
from diary.services.settings import get_setting
from diary.services.week import week_schedule


def ensure_gui() -> None:
    """Printing lays out text with Qt's fonts, which needs an application object; from the command line
    it needs no display, so one made here draws offscreen unless QT_QPA_PLATFORM says otherwise."""
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APPLICATION.append(QApplication([sys.argv[0]]))


_APPLICATION: list[QApplication] = []


def week_document(db: Database, monday: date, printer: QPrinter, now: datetime | None = None) -> tuple[QTextDocument, int]:
    """The weekly schedule laid out on one page of the printer, and how many bookings it holds."""
    schedule = week_schedule(db, monday, get_setting(db, "officer_name"), now or datetime.now())
    document = fit_to_pages(lambda size, short: week_html(schedule, size, short), printer, FONT_SIZES, 1)
    return document, schedule.bookings


def handover_document(db: Database, day: date, printer: QPrinter, now: datetime | None = None) -> tuple[QTextDocument, int]:
    """The duty handover sheet laid out on the printer's pages, and how many bookings it holds."""
    entries = handover_entries(db, day)
    html = handover_html(day, entries, get_setting(db, "officer_name"), now or datetime.now(), covering_officer(db, day))
    document = layout_document(html, printer)
    keep_tables_whole(document)
    return document, len(entries)


def write_week_pdf(db: Database, monday: date, path: Path) -> int:
    """Print the weekly schedule to a PDF file; returns the number of bookings."""
    return _write_pdf(path, True, lambda printer: week_document(db, monday, printer))


def write_handover_pdf(db: Database, day: date, path: Path) -> int:
    """Print the duty handover sheet to a PDF file; returns the number of bookings."""
    return _write_pdf(path, False, lambda printer: handover_document(db, day, printer))


def _write_pdf(path: Path, landscape: bool, build: Callable[[QPrinter], tuple[QTextDocument, int]]) -> int:
    """Lay out a document for an A4 PDF printer and print it; returns its number of bookings."""
    ensure_gui()
    printer = pdf_printer(path, landscape)
    document, bookings = build(printer)
    print_document(document, printer)
    return bookings
