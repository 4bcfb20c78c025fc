"""Screen colours and text size: light, dark or following the system, applied to the running app at once.

The stylesheet (resources/style.qss) is written in the light colours; the dark theme swaps each of
them for its counterpart (DARK_SWAPS, DARK_TEXT_SWAPS for text), and every size in points there grows
with the text size.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from diary.resources import resource_path
from diary.services.preferences import Appearance

Role = QPalette.ColorRole

LIGHT: dict[QPalette.ColorRole, str] = {
    Role.Window: "#f6f7f9",
    Role.WindowText: "#111827",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f3f5f8",
    Role.ToolTipBase: "#ffffff",
    Role.ToolTipText: "#111827",
    Role.PlaceholderText: "#6b7280",
    Role.Text: "#111827",
    Role.Button: "#ffffff",
    Role.ButtonText: "#1f2937",
    Role.BrightText: "#b91c1c",
    Role.Light: "#ffffff",
    Role.Midlight: "#eef1f5",
    Role.Mid: "#b8c2d0",
    Role.Dark: "#8a94a3",
    Role.Shadow: "#4b5563",
    Role.Highlight: "#1f5fae",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1f5fae",
    Role.LinkVisited: "#5b3fa0",
    Role.Accent: "#1f5fae",
}

DARK: dict[QPalette.ColorRole, str] = {
    Role.Window: "#1d2127",
    Role.WindowText: "#e7eaf0",
    Role.Base: "#2e3540",
    Role.AlternateBase: "#2b313a",
    Role.ToolTipBase: "#2b313a",
    Role.ToolTipText: "#e7eaf0",
    Role.PlaceholderText: "#8d97a7",
    Role.Text: "#e7eaf0",
    Role.Button: "#2b313a",
    Role.ButtonText: "#e7eaf0",
    Role.BrightText: "#ff8a8a",
    Role.Light: "#3a414c",
    Role.Midlight: "#323842",
    Role.Mid: "#4a5261",
    Role.Dark: "#15181c",
    Role.Shadow: "#0b0d10",
    Role.Highlight: "#2f6fc4",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8ab8ff",
    Role.LinkVisited: "#c3a6ff",
    Role.Accent: "#2f6fc4",
}
DISABLED_TEXT = {"light": "#9aa3b0", "dark": "#6b7380"}

DARK_SWAPS: dict[str, str] = {
    "#f6f7f9": "#1d2127",  # window
    "#ffffff": "#252a32",  # panels, tables, fields, buttons
    "#d8dce3": "#3a414c",  # borders
    "#e6ecf5": "#2f3a4a",  # hover
    "#f3f5f8": "#2b313a",  # alternate rows
    "#e3e6eb": "#333a44",  # grid lines
    "#cfe0f7": "#2f5f9e",  # selection
    "#eef1f5": "#2b313a",  # table headers
    "#b8c2d0": "#4a5261",  # field and button borders
    "#1f5fae": "#2f6fc4",  # the accent: primary buttons, focus
}
"""Each background and border colour of style.qss and its dark counterpart (a test checks none is missing)."""
DARK_TEXT_SWAPS: dict[str, str] = {
    "#111827": "#f1f3f7",  # strong text
    "#1f2937": "#dfe3ea",  # toolbar text
    "#374151": "#c9ced8",  # quieter text
    "#ffffff": "#ffffff",  # text on the accent
}
"""Each text colour (`color`, `selection-color`) of style.qss and its dark counterpart."""
TEXT_PROPERTIES = ("color", "selection-color")

_BLOCK = re.compile(r"\{[^{}]*\}")
_DECLARATION = re.compile(r"([\w-]+)(\s*:\s*)([^;{}]+)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")
_STANDARD_SIZE = "diary_standard_point_size"
_FOLLOWING = "diary_follows_system_scheme"
_APPLIED = "diary_appearance"


def is_dark(theme: str) -> bool:
    """Whether a theme shows dark now ('system' asks the platform's colour scheme)."""
    if theme == "system":
        app = QApplication.instance()
        return app is not None and app.styleHints().colorScheme() == Qt.ColorScheme.Dark  # type: ignore[attr-defined]
    return theme == "dark"


def palette(dark: bool) -> QPalette:
    """The diary's light or dark palette."""
    result = QPalette()
    for role, colour in (DARK if dark else LIGHT).items():
        result.setColor(role, QColor(colour))
    disabled = QColor(DISABLED_TEXT["dark" if dark else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return result


def stylesheet(dark: bool, scale: float = 1.0) -> str:
    """The app's stylesheet in light or dark colours, its point sizes multiplied by scale."""
    text = resource_path("style.qss").read_text(encoding="utf-8")
    if dark:
        text = _BLOCK.sub(lambda block: _DECLARATION.sub(_darken, block.group(0)), text)
    if scale != 1.0:
        text = _POINTS.sub(lambda m: f"{round(float(m.group(1)) * scale, 1):g}pt", text)
    return text


def dark_counterpart(prop: str, colour: str) -> str | None:
    """The dark theme's colour for a light one used by a stylesheet property (None if there is none)."""
    swaps = DARK_TEXT_SWAPS if prop in TEXT_PROPERTIES else DARK_SWAPS
    return swaps.get(colour.lower())


def _darken(declaration: re.Match[str]) -> str:
    """One `property: value` of the stylesheet with its colours swapped for the dark ones."""
    prop, colon, value = declaration.groups()
    return prop + colon + _HEX.sub(lambda m: dark_counterpart(prop, m.group(0)) or m.group(0), value)


def standard_point_size(app: QApplication) -> int:
    """The system's text size, as it was before the diary changed it."""
    size = app.property(_STANDARD_SIZE)
    if not size:
        size = QApplication.font().pointSize() or 10
        app.setProperty(_STANDARD_SIZE, size)
    return int(size)


def apply_appearance(app: QApplication, appearance: Appearance) -> None:
    """Colour and size the whole running app as the officer chose; 'system' also follows later changes."""
    app.setProperty(_APPLIED, [appearance.theme, appearance.font_size or 0])
    hints = app.styleHints()
    if appearance.theme == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if appearance.theme == "dark" else Qt.ColorScheme.Light)
    standard = standard_point_size(app)
    size = appearance.font_size or standard
    dark = is_dark(appearance.theme)
    font = QFont(app.font())
    font.setPointSize(size)
    app.setFont(font)
    app.setPalette(palette(dark))
    app.setStyleSheet(stylesheet(dark, size / standard))
    if not app.property(_FOLLOWING):
        hints.colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
        app.setProperty(_FOLLOWING, True)


def applied_appearance(app: QApplication) -> Appearance:
    """The appearance last applied to the app."""
    theme, size = app.property(_APPLIED) or ["system", 0]
    return Appearance(theme, size or None)


def _follow_system(app: QApplication) -> None:
    """Re-colour when the system's scheme changes, if the officer chose to follow it."""
    appearance = applied_appearance(app)
    if appearance.theme == "system":
        apply_appearance(app, appearance)
