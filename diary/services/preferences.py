"""The officer's preferences kept in the settings table: appearance, locking, backups, reporting defaults.

The working pattern (services.working_pattern) and the enforcement rules (services.compliance)
have their own modules; the officer's name and team are plain settings (services.settings).
save_preferences stores everything the Preferences window holds in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diary.domain.enforcement_rules import EnforcementRules
from diary.domain.scheduling import FORTNIGHTLY, FOUR_WEEKLY, WEEKLY, WorkingPattern
from diary.domain.vocab import RiskLevel
from diary.services import working_pattern
from diary.services.compliance import rule_settings
from diary.services.settings import get_setting, set_settings
from diary.store.database import Database

THEME_KEY = "theme"
FONT_SIZE_KEY = "font_size"
LOCK_MINUTES_KEY = "lock_minutes"
BACKUP_DIR_KEY = "backup_dir"
FREQUENCY_DEFAULTS_KEY = "reporting_frequency_defaults"

THEMES = ("system", "light", "dark")
FONT_SIZES = range(8, 25)
LOCK_MINUTES = range(1, 121)
DEFAULT_LOCK_MINUTES = 5
DEFAULT_FREQUENCIES: dict[RiskLevel, int] = {
    RiskLevel.LOW: FOUR_WEEKLY,
    RiskLevel.MEDIUM: FORTNIGHTLY,
    RiskLevel.HIGH: WEEKLY,
    RiskLevel.VERY_HIGH: WEEKLY,
}


@dataclass(frozen=True)
class Appearance:
    """The screen colours (follow the system, light or dark) and the text size in points (None: the system's)."""

    theme: str = "system"
    font_size: int | None = None

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"'{self.theme}' is not a theme: choose {', '.join(THEMES)}.")
        if self.font_size is not None and self.font_size not in FONT_SIZES:
            raise ValueError(f"Text size must be {FONT_SIZES.start} to {FONT_SIZES.stop - 1} points.")


def get_appearance(db: Database) -> Appearance:
    """The officer's screen colours and text size (follow the system until changed)."""
    theme = get_setting(db, THEME_KEY)
    size = get_setting(db, FONT_SIZE_KEY)
    return Appearance(
        theme if theme in THEMES else "system",
        size if isinstance(size, int) and size in FONT_SIZES else None,
    )


def get_lock_minutes(db: Database) -> int:
    """Minutes without use before the window locks (5 until changed)."""
    value = get_setting(db, LOCK_MINUTES_KEY)
    return value if isinstance(value, int) and value in LOCK_MINUTES else DEFAULT_LOCK_MINUTES


def set_lock_minutes(db: Database, minutes: int) -> None:
    """Store the idle time before locking."""
    set_settings(db, _lock_minutes_settings(minutes))


def _lock_minutes_settings(minutes: int) -> dict[str, Any]:
    """The idle time before locking as its setting (ValueError outside LOCK_MINUTES)."""
    if minutes not in LOCK_MINUTES:
        raise ValueError(f"The lock time must be {LOCK_MINUTES.start} to {LOCK_MINUTES.stop - 1} minutes.")
    return {LOCK_MINUTES_KEY: minutes}


def get_backup_dir(db: Database) -> Path | None:
    """The folder the officer chose for backups, or None for the default (the data folder's backups/)."""
    value = get_setting(db, BACKUP_DIR_KEY)
    return Path(value) if value else None


def set_backup_dir(db: Database, folder: Path | None) -> None:
    """Store the backup folder (None: back to the default)."""
    set_settings(db, _backup_dir_settings(folder))


def _backup_dir_settings(folder: Path | None) -> dict[str, Any]:
    """The backup folder as its setting."""
    return {BACKUP_DIR_KEY: str(folder) if folder else None}


def get_frequency_defaults(db: Database) -> dict[RiskLevel, int]:
    """The usual reporting frequency for each risk of serious harm (frequency as scheduling stores it)."""
    stored = get_setting(db, FREQUENCY_DEFAULTS_KEY) or {}
    return {risk: int(stored.get(risk.value, days)) for risk, days in DEFAULT_FREQUENCIES.items()}


def set_frequency_defaults(db: Database, defaults: dict[RiskLevel, int]) -> None:
    """Store the usual reporting frequency for each risk level."""
    set_settings(db, _frequency_settings(defaults))


def _frequency_settings(defaults: dict[RiskLevel, int]) -> dict[str, Any]:
    """The usual reporting frequencies as their setting."""
    return {FREQUENCY_DEFAULTS_KEY: {risk.value: days for risk, days in defaults.items()}}


def default_frequency(db: Database, risk: RiskLevel | str | None) -> int | None:
    """The usual reporting frequency for someone at this risk level, or None when the level is not known."""
    if risk is None:
        return None
    return get_frequency_defaults(db).get(RiskLevel(risk))


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences window saves."""

    officer_name: str
    team: str
    pattern: WorkingPattern
    frequencies: dict[RiskLevel, int]
    rules: EnforcementRules
    lock_minutes: int
    backup_dir: Path | None
    appearance: Appearance


def save_preferences(db: Database, chosen: Preferences) -> None:
    """Store every preference in one transaction: a failure part way leaves all of them as they were."""
    set_settings(
        db,
        {
            "officer_name": chosen.officer_name.strip(),
            "team": chosen.team.strip(),
            working_pattern.KEY: chosen.pattern.to_json(),
            **_frequency_settings(chosen.frequencies),
            **rule_settings(chosen.rules),
            **_lock_minutes_settings(chosen.lock_minutes),
            **_backup_dir_settings(chosen.backup_dir),
            THEME_KEY: chosen.appearance.theme,
            FONT_SIZE_KEY: chosen.appearance.font_size,
        },
    )
