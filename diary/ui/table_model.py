"""A read-only Qt table model over a list of plain rows, described by columns, and the table that shows one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Row = TypeVar("Row")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,
    SORT_ROLE,
    ROW_ROLE,
})
"""The roles the model answers; views ask for a dozen more on every cell they paint, answered None at once."""


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column: its header, the text shown, and what it sorts by."""

    header: str
    text: Callable[[Row], str]
    sort: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Shows rows through columns; sorting goes through SORT_ROLE, the row itself through ROW_ROLE."""

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        """A model with these columns and no rows yet."""
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (in the order last sorted by, if the view sorts)."""
        self.beginResetModel()
        self.rows = list(rows)
        if self.sorted_by is not None:
            self.rows.sort(key=self._sort_key(self.sorted_by[0]), reverse=self.sorted_by[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column, as a sorting view asks: each row's key worked out once, so thousands sort at once
        (a sort proxy would ask the model for two keys at every comparison)."""
        self.sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        key = self._sort_key(column)
        ranked = sorted(range(len(self.rows)), key=lambda i: key(self.rows[i]), reverse=order == Qt.SortOrder.DescendingOrder)
        moved_to = {old: new for new, old in enumerate(ranked)}
        self.rows = [self.rows[i] for i in ranked]
        keep = self.persistentIndexList()
        self.changePersistentIndexList(
            keep, [self.index(moved_to[i.row()], i.column()) if i.isValid() else QModelIndex() for i in keep]
        )
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Callable[[Row], Any]:
        """A column's sort key, as SORT_ROLE gives it."""
        chosen = self.columns[column]
        key = chosen.sort or chosen.text
        return lambda row: _plain(key(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tooltip, sort key or the row itself."""
        if role not in ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == SORT_ROLE:
            return _plain(column.sort(row) if column.sort else column.text(row))
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        """Column headers."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None


def row_table(name: str, model: RowTableModel[Any], parent: QWidget, stretch: int) -> QTableView:
    """A read-only, row-selecting table over a row model, named for screen readers; column `stretch` takes the room left."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _plain(key: Any) -> int | float | str:
    """A sort key as numbers and text (anything else as its text)."""
    return key if isinstance(key, (int, float, str)) else str(key)
