"""Draw the app's icon (a diary with a tick) with QPainter and write it at every size the platforms ask for.

Writes resources/icons/supervision-diary.svg and supervision-diary-<N>.png (N = 16...256), and
packaging/icons/supervision-diary.ico (Windows) and .icns (macOS), both holding PNGs.
Small sizes get their own pixel-aligned drawing, so the tick stays clear at 16 px.
Run: .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
PLATFORM_ICONS = ROOT / "packaging" / "icons"
NAME = "supervision-diary"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)

COVER = QColor("#1f5fae")
SPINE = QColor("#163f75")
EDGE = QColor("#0d2a4f")
PAGES = QColor("#f7f3e8")
PAGE_LINES = QColor("#c5bca6")
RIBBON = QColor("#e8a317")
TICK = QColor("#ffffff")


TICK_16 = (
    "......T",
    ".....TT",
    "T...TT.",
    "TT.TT..",
    ".TTT...",
    "..T....",
)
"""The tick at 16 px, pixel by pixel (x 5-11, y 5-10): two pixels thick, no blur."""


def paint_small(p: QPainter, size: int) -> None:
    """The icon on a 16-unit pixel grid (16, 24 and 32 px): cover, spine, page edge and a bold tick."""
    u = size / 16
    p.scale(u, u)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.fillRect(QRectF(3, 2, 12, 13), EDGE)  # page block outline
    p.fillRect(QRectF(4, 3, 10, 11), PAGES)
    p.fillRect(QRectF(1, 1, 12, 14), EDGE)  # cover outline
    p.fillRect(QRectF(2, 2, 10, 12), COVER)
    p.fillRect(QRectF(2, 2, 2, 12), SPINE)
    if size == 16:
        for y, row in enumerate(TICK_16):
            for x, cell in enumerate(row):
                if cell == "T":
                    p.fillRect(QRectF(5 + x, 5 + y, 1, 1), TICK)
        return
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(TICK, 1.75, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin))
    tick = QPainterPath(QPointF(5.5, 8.0))
    tick.lineTo(7.5, 10.0)
    tick.lineTo(10.75, 5.0)
    p.drawPath(tick)


def paint_large(p: QPainter, size: int) -> None:
    """The icon on a 256-unit grid (48 px and up, and the SVG): pages with ruled edges, cover, ribbon, tick."""
    p.scale(size / 256, size / 256)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(EDGE, 6))
    p.setBrush(PAGES)
    p.drawRoundedRect(QRectF(52, 26, 184, 200), 14, 14)
    p.setPen(QPen(PAGE_LINES, 4))
    for x in (214, 224):
        p.drawLine(QPointF(x, 42), QPointF(x, 210))
    ribbon = QPainterPath(QPointF(164, 200))
    ribbon.lineTo(192, 200)
    ribbon.lineTo(192, 252)
    ribbon.lineTo(178, 238)
    ribbon.lineTo(164, 252)
    ribbon.closeSubpath()
    p.setPen(QPen(EDGE, 5))
    p.setBrush(RIBBON)
    p.drawPath(ribbon)
    p.setPen(QPen(EDGE, 6))
    p.setBrush(COVER)
    p.drawRoundedRect(QRectF(18, 8, 186, 210), 16, 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(SPINE)
    spine = QPainterPath()
    spine.addRoundedRect(QRectF(21, 11, 40, 204), 13, 13)
    spine.addRect(QRectF(45, 11, 16, 204))
    p.drawPath(spine.simplified())
    p.setPen(QPen(TICK, 26, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath(QPointF(84, 118))
    tick.lineTo(116, 150)
    tick.lineTo(170, 78)
    p.drawPath(tick)


def render(size: int) -> QImage:
    """The icon as a transparent image of size x size pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    (paint_small if size <= 32 else paint_large)(painter, size)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """An image encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_svg(path: Path) -> None:
    """The large drawing as SVG (for the freedesktop 'scalable' icon)."""
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(256, 256))
    generator.setViewBox(QRectF(0, 0, 256, 256))
    generator.setTitle("Supervision Diary")
    generator.setDescription("A diary with a tick")
    painter = QPainter(generator)
    paint_large(painter, 256)
    painter.end()
    text = path.read_text(encoding="utf-8")
    start = text.index("<svg width=")
    end = text.index("viewBox=", start)
    path.write_text(text[:start] + '<svg width="256" height="256"\n ' + text[end:], encoding="utf-8")


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    body = b"".join(ICNS_TYPES[s] + struct.pack(">I", len(d) + 8) + d for s, d in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    """Write every icon file."""
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(render(size)) for size in (*PNG_SIZES, 512, 1024)}
    for size in PNG_SIZES:
        (ICONS / f"{NAME}-{size}.png").write_bytes(pngs[size])
    write_svg(ICONS / f"{NAME}.svg")
    (PLATFORM_ICONS / f"{NAME}.ico").write_bytes(ico({s: pngs[s] for s in PNG_SIZES}))
    (PLATFORM_ICONS / f"{NAME}.icns").write_bytes(icns({s: pngs[s] for s in ICNS_TYPES}))
    print(f"Wrote {len(PNG_SIZES)} PNGs and the SVG to {ICONS}, .ico and .icns to {PLATFORM_ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
