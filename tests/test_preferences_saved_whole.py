"""Preferences are saved in one transaction: all of them, or, when one cannot be stored, none."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.domain.enforcement_rules import EnforcementRules
from diary.domain.scheduling import WorkingPattern
from diary.domain.vocab import RiskLevel
from diary.services import preferences as prefs
from diary.services.compliance import load_rules
from diary.services.diary_file import Diary
from diary.services.settings import get_setting, set_settings
from diary.services.working_pattern import get_working_pattern


def _chosen(tmp_path: Path, lock_minutes: int = 15) -> prefs.Preferences:
    return prefs.Preferences(
        officer_name="  Sam Officer ",
        team="Leeds North",
        pattern=WorkingPattern(frozenset({0, 1, 2, 3})),
        frequencies={risk: 14 for risk in RiskLevel},
        rules=EnforcementRules(evidence_due_working_days=5),
        lock_minutes=lock_minutes,
        backup_dir=tmp_path / "usb",
        appearance=prefs.Appearance("dark", 12),
    )


def test_every_preference_is_stored(diary: Diary, tmp_path: Path) -> None:
    prefs.save_preferences(diary.db, _chosen(tmp_path))
    db = diary.db
    assert (get_setting(db, "officer_name"), get_setting(db, "team")) == ("Sam Officer", "Leeds North")
    assert get_working_pattern(db).weekdays == frozenset({0, 1, 2, 3})
    assert prefs.get_frequency_defaults(db) == {risk: 14 for risk in RiskLevel}
    assert load_rules(db).evidence_due_working_days == 5
    assert prefs.get_lock_minutes(db) == 15 and prefs.get_backup_dir(db) == tmp_path / "usb"
    assert prefs.get_appearance(db) == prefs.Appearance("dark", 12)


def test_a_preference_that_cannot_be_stored_leaves_every_other_as_it_was(diary: Diary, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lock time"):
        prefs.save_preferences(diary.db, _chosen(tmp_path, lock_minutes=0))
    with pytest.raises(TypeError):
        set_settings(diary.db, {"officer_name": "Half Saved", "team": object()})
    assert get_setting(diary.db, "officer_name") == "" and get_setting(diary.db, "team") == ""
    assert prefs.get_appearance(diary.db) == prefs.Appearance()
