"""Preferences: the officer's details, working week, reporting defaults, enforcement rules, locking and
backups, screen colours and text size. Colours and size show at once; everything is kept on OK or Apply."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diary.domain.enforcement_rules import EnforcementRules
from diary.domain.scheduling import FORTNIGHTLY, FOUR_WEEKLY, MONTHLY, WEEKLY, frequency_label
from diary.domain.vocab import RiskLevel
from diary.services import preferences as prefs
from diary.services.compliance import load_rules
from diary.services.diary_file import Diary
from diary.services.settings import get_setting
from diary.services.working_pattern import get_working_pattern
from diary.ui.first_run import error_label
from diary.ui.theme import apply_appearance, standard_point_size
from diary.ui.working_pattern_editor import WorkingPatternEditor

FREQUENCIES = (WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY)
RISK_MNEMONICS = {RiskLevel.LOW: "L&ow", RiskLevel.MEDIUM: "&Medium", RiskLevel.HIGH: "&High", RiskLevel.VERY_HIGH: "&Very high"}
THEME_CHOICES = (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark"))

RULES: dict[str, tuple[str, str, int, int]] = {
    "warnings_before_breach": ("Live warnings before breach is mandatory:", "", 1, 5),
    "warning_window_months": ("A warning stays live for:", " months", 1, 36),
    "failure_window_months": ("Failures are counted over:", " months", 1, 36),
    "evidence_due_working_days": ("Evidence of an acceptable absence is due within:", " working days", 1, 20),
    "breach_deadline_working_days": ("Start breach proceedings within:", " working days", 1, 60),
    "rar_warn_days_left": ("Warn when RAR days left fall to:", " days", 0, 30),
    "unpaid_work_months": ("Unpaid work must be finished within:", " months", 1, 36),
    "licence_letters_before_review": ("Licences: letters before considering recall:", "", 0, 10),
}
"""Each counting rule's label, unit and range (a rule not named here still gets a plain field)."""
RULE_SWITCHES = {"unpaid_work_deadline": "Unpaid work has a deadline"}


def _note(parent: QWidget, text: str) -> QLabel:
    """A short explanation on a tab."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("quietNote")
    return label


def _form_tab(parent: QWidget, note: str) -> tuple[QWidget, QFormLayout]:
    """A tab holding a form that opens with a note; short fields (numbers, lists) keep their size."""
    tab = QWidget(parent)
    form = QFormLayout(tab)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.addRow(_note(tab, note))
    return tab, form


class PreferencesDialog(QDialog):
    """Every preference on tabs; `saved` is emitted after they are stored."""

    saved = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        """The tabs, filled from the diary's settings."""
        super().__init__(parent)
        self.diary = diary
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.app = QApplication.instance()
        assert isinstance(self.app, QApplication)
        self.saved_appearance = prefs.get_appearance(diary.db)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)  # every tab's name in full, at any text size
        self.tabs.addTab(self._you_tab(), "&You")
        self.tabs.addTab(self._week_tab(), "&Working week")
        self.tabs.addTab(self._reporting_tab(), "&Reporting")
        self.tabs.addTab(self._enforcement_tab(), "&Enforcement")
        self.tabs.addTab(self._security_tab(), "Loc&king and backups")
        self.tabs.addTab(self._appearance_tab(), "A&ppearance")
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fit()
        self.name.setFocus()

    def _you_tab(self) -> QWidget:
        """Name and team."""
        tab, form = _form_tab(self, "Printed on your weekly schedule, handover sheets and letters.")
        self.name = QLineEdit(get_setting(self.diary.db, "officer_name") or "", tab)
        self.name.setAccessibleName("Your name")
        self.team = QLineEdit(get_setting(self.diary.db, "team") or "", tab)
        self.team.setAccessibleName("Team or office")
        form.addRow("Your &name:", self.name)
        form.addRow("&Team or office:", self.team)
        return tab

    def _week_tab(self) -> QWidget:
        """The working pattern."""
        tab = QWidget(self)
        self.week = WorkingPatternEditor(get_working_pattern(self.diary.db), tab)
        layout = QVBoxLayout(tab)
        layout.addWidget(_note(tab, "Free slots are offered only in these hours; bank holidays are left out."))
        layout.addWidget(self.week)
        layout.addStretch(1)
        return tab

    def _reporting_tab(self) -> QWidget:
        """The usual reporting frequency for each risk of serious harm."""
        tab, form = _form_tab(
            self, "How often people usually report, by their risk of serious harm, where their own reporting "
            "frequency is not set."
        )
        self.frequencies: dict[RiskLevel, QComboBox] = {}
        for risk, days in prefs.get_frequency_defaults(self.diary.db).items():
            combo = QComboBox(tab)
            combo.setAccessibleName(f"Reporting frequency at {risk.label.lower()} risk")
            for value in (*FREQUENCIES, *(() if days in FREQUENCIES else (days,))):
                combo.addItem(frequency_label(value).capitalize(), value)
            combo.setCurrentIndex(combo.findData(days))
            self.frequencies[risk] = combo
            form.addRow(f"{RISK_MNEMONICS[risk]}:", combo)
        return tab

    def _enforcement_tab(self) -> QWidget:
        """The counting rules, one field each, with the law's defaults a button away."""
        tab, form = _form_tab(
            self, "The defaults are the law as Sentencing Act 2020 sets it. Change them only where your local "
            "policy asks you to count differently."
        )
        self.rule_fields: dict[str, QSpinBox | QCheckBox] = {}
        for f in fields(EnforcementRules):
            if f.name in RULE_SWITCHES:
                box = QCheckBox(RULE_SWITCHES[f.name], tab)
                box.setAccessibleName(RULE_SWITCHES[f.name])
                self.rule_fields[f.name] = box
                form.addRow("", box)
                continue
            label, unit, low, high = RULES.get(f.name, (f.name.replace("_", " ").capitalize() + ":", "", 0, 99))
            spin = QSpinBox(tab)
            spin.setRange(low, high)
            spin.setSuffix(unit)
            spin.setAccessibleName(label.rstrip(":"))
            self.rule_fields[f.name] = spin
            form.addRow(label, spin)
        letters = self.rule_fields.get("licence_letters_before_review")
        if isinstance(letters, QSpinBox):
            letters.setSpecialValueText("No local count")
        deadline = self.rule_fields.get("unpaid_work_deadline")
        if isinstance(deadline, QCheckBox):
            deadline.toggled.connect(self.rule_fields["unpaid_work_months"].setEnabled)
        reset = QPushButton("Restore the law's &defaults", tab)
        reset.clicked.connect(lambda: self._show_rules(EnforcementRules()))
        form.addRow("", reset)
        self._show_rules(load_rules(self.diary.db))
        return tab

    def _show_rules(self, rules: EnforcementRules) -> None:
        """Fill the rule fields."""
        for name, widget in self.rule_fields.items():
            value = getattr(rules, name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(int(value))
        deadline = self.rule_fields.get("unpaid_work_deadline")
        if isinstance(deadline, QCheckBox):
            self.rule_fields["unpaid_work_months"].setEnabled(deadline.isChecked())

    def _rules(self) -> EnforcementRules:
        """The rules as the fields have them."""
        values = {
            name: widget.isChecked() if isinstance(widget, QCheckBox) else widget.value()
            for name, widget in self.rule_fields.items()
        }
        return replace(EnforcementRules(), **values)

    def _security_tab(self) -> QWidget:
        """Idle time before locking, and where backups go."""
        tab, form = _form_tab(self, "The window hides everything behind the passphrase when you leave it unused.")
        self.lock_minutes = QSpinBox(tab)
        self.lock_minutes.setRange(prefs.LOCK_MINUTES.start, prefs.LOCK_MINUTES.stop - 1)
        self.lock_minutes.setSuffix(" minutes")
        self.lock_minutes.setValue(prefs.get_lock_minutes(self.diary.db))
        self.lock_minutes.setAccessibleName("Lock after this many minutes without use")
        chosen = prefs.get_backup_dir(self.diary.db)
        self.backup_dir = QLineEdit(str(chosen) if chosen else "", tab)
        self.backup_dir.setPlaceholderText("the diary's own folder")
        self.backup_dir.setAccessibleName("Backup folder")
        browse = QPushButton("&Browse…", tab)
        browse.setAccessibleName("Choose the backup folder")
        browse.clicked.connect(self._choose_backup_dir)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_dir, 1)
        folder_row.addWidget(browse)
        form.addRow("Lock &after:", self.lock_minutes)
        form.addRow(_note(tab, "Backups are encrypted like the diary. Leave the folder empty to keep them in "
                                  "the diary's own folder; choose another drive to survive a failed disk."))
        folder_label = QLabel("Backup &folder:", tab)
        folder_label.setBuddy(self.backup_dir)
        form.addRow(folder_label, folder_row)
        return tab

    def _choose_backup_dir(self) -> None:
        """Pick the backup folder."""
        folder = QFileDialog.getExistingDirectory(self, "Backup folder", self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def _appearance_tab(self) -> QWidget:
        """Theme and text size, shown at once."""
        tab, form = _form_tab(self, "Colours and size change as you choose them; Cancel puts them back.")
        self.themes = QButtonGroup(tab)
        theme_box = QVBoxLayout()
        for key, text in THEME_CHOICES:
            button = QRadioButton(text, tab)
            button.setProperty("theme", key)
            button.setChecked(key == self.saved_appearance.theme)
            self.themes.addButton(button)
            theme_box.addWidget(button)
        self.themes.buttonToggled.connect(self._preview)
        standard = standard_point_size(self.app)
        self.font_size = QSpinBox(tab)
        self.font_size.setRange(prefs.FONT_SIZES.start - 1, prefs.FONT_SIZES.stop - 1)
        self.font_size.setSpecialValueText(f"Standard ({standard} pt)")
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(self.saved_appearance.font_size or self.font_size.minimum())
        self.font_size.setAccessibleName("Text size")
        self.font_size.valueChanged.connect(lambda _value: self._preview())
        form.addRow("Colours:", theme_box)
        form.addRow("Text si&ze:", self.font_size)
        return tab

    def appearance(self) -> prefs.Appearance:
        """The colours and text size as chosen."""
        checked = self.themes.checkedButton()
        theme = str(checked.property("theme")) if checked else "system"
        size = self.font_size.value()
        return prefs.Appearance(theme, None if size == self.font_size.minimum() else size)

    def _preview(self, _button: QAbstractButton | None = None, checked: bool = True) -> None:
        """Show the chosen colours and size on the whole app now."""
        if checked:
            apply_appearance(self.app, self.appearance())
            self._fit()

    def _fit(self) -> None:
        """Grow to show everything at the chosen text size (never smaller than 620 by 420)."""
        self.resize(self.size().expandedTo(self.sizeHint()).expandedTo(QSize(620, 420)))

    def save(self) -> bool:
        """Store every preference (saying plainly what is wrong, on its tab, if something cannot be)."""
        try:
            pattern = self.week.pattern()
        except ValueError as exc:
            self.tabs.setCurrentIndex(1)
            self.error.setText(str(exc))
            return False
        folder = self.backup_dir.text().strip()
        appearance = self.appearance()
        prefs.save_preferences(
            self.diary.db,
            prefs.Preferences(
                officer_name=self.name.text(),
                team=self.team.text(),
                pattern=pattern,
                frequencies={risk: int(combo.currentData()) for risk, combo in self.frequencies.items()},
                rules=self._rules(),
                lock_minutes=self.lock_minutes.value(),
                backup_dir=Path(folder).expanduser() if folder else None,
                appearance=appearance,
            ),
        )
        self.saved_appearance = appearance
        apply_appearance(self.app, self.saved_appearance)
        self.error.clear()
        self.saved.emit()
        return True

    def accept(self) -> None:
        """Save, then close."""
        if self.save():
            super().accept()

    def reject(self) -> None:
        """Close, putting back the colours and size last saved."""
        apply_appearance(self.app, self.saved_appearance)
        super().reject()
