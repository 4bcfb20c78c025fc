"""The app's resources (stylesheet, icons, letter templates, desktop entry), shipped as package data."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """The path of a resource file by its name inside resources/."""
    return RESOURCES_DIR / name
