"""The one printing path: HTML laid out in a QTextDocument, printed by QPrinter to paper or PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument, QTextFormat
from PySide6.QtPrintSupport import QPrinter

MARGIN_MM = 10.0


def pdf_printer(path: Path, landscape: bool) -> QPrinter:
    """A printer that writes an A4 PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    setup_page(printer, landscape)
    return printer


def setup_page(printer: QPrinter, landscape: bool) -> None:
    """A4 with the diary's margins, portrait or landscape."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(*(MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter)
    )


def layout_document(html: str, printer: QPrinter) -> QTextDocument:
    """The HTML laid out on the printer's pages."""
    document = QTextDocument()
    document.setDefaultFont(_plain_font())
    document.documentLayout().setPaintDevice(printer)
    document.setPageSize(QSizeF(printer.pageRect(QPrinter.Unit.DevicePixel).size()))
    document.setHtml(html)
    return document


def keep_tables_whole(document: QTextDocument) -> None:
    """Start a new page before any top-level table that would be split across two (and fits on one)."""
    page = document.pageSize().height()
    layout = document.documentLayout()
    for frame in document.rootFrame().childFrames():
        box = layout.frameBoundingRect(frame)
        if box.height() < page and int(box.top() // page) != int((box.bottom() - 1) // page):
            fmt = frame.frameFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(fmt)


def _plain_font() -> QFont:
    """The default font without ligatures, so 'Office' and 'Sofia' are searchable and copyable from the PDF."""
    font = QFont("sans-serif")
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def fit_to_pages(
    render: Callable[[float, bool], str], printer: QPrinter, font_sizes: Iterable[float], max_pages: int
) -> QTextDocument:
    """Shrink the type, then abbreviate, until the document fits max_pages and its width; never drops content."""
    document = None
    for abbreviate in (False, True):
        for size in font_sizes:
            document = layout_document(render(size, abbreviate), printer)
            if document.pageCount() <= max_pages and document.idealWidth() <= document.textWidth() + 0.5:
                return document
    assert document is not None
    return document


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Print a laid-out document."""
    document.print_(printer)
