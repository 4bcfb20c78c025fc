"""F1: every key of the diary (each action's and every other, with where it works), filtered as the officer types."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from diary.domain.text import plural
from diary.ui.actions import ActionRegistry

HEADERS = ("What", "Keys", "Where")


class KeysDialog(QDialog):
    """The list of keys with a filter box over it: typing narrows it to the rows that mention what was typed."""

    def __init__(self, actions: ActionRegistry, parent: QWidget | None = None) -> None:
        """Every key in the registry, as now set."""
        super().__init__(parent)
        self.setWindowTitle("Keys and help")
        self.setObjectName("keysDialog")
        rows = actions.key_table()
        self.model = QStandardItemModel(len(rows), len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QStandardItem(text)
                item.setEditable(False)
                self.model.setItem(r, c, item)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.model)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("keysFilter")
        self.filter.setAccessibleName("Filter the keys")
        self.filter.setPlaceholderText("Type to find a key: a word of what it does, a key such as Ctrl+R, or a window")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.table = QTableView(self)
        self.table.setObjectName("keysTable")
        self.table.setAccessibleName("Keys")
        self.table.setModel(self.filtered)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.count = QLabel(self)
        self.count.setObjectName("keysCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._filter("")
        self.resize(1000, 560)
        self.filter.setFocus()

    def _filter(self, text: str) -> None:
        """Show the rows mentioning the text (any column), and how many."""
        self.filtered.setFilterFixedString(text.strip())
        shown = self.filtered.rowCount()
        self.count.setText(f"{plural(shown, 'key')} shown of {self.model.rowCount()}" if text.strip() else plural(shown, "key"))
