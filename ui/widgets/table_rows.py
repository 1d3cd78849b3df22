"""A read-only table model over a list of plain rows: the result page's KPIs, norms and road map.

The rows are computed by the core (scores, statuses, recommendations); the model only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor


@dataclass(frozen=True)
class Column:
    title: str
    align_right: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    tone: str | None = None  # "good", "bad", "muted": a colour hint for the whole row
    tooltip: str | None = None


TONES = {"good": QColor("#1b7a2f"), "bad": QColor("#b00020"), "muted": QColor("#777777")}


NO_PARENT = QModelIndex()  # the root: these tables have no children


class RowsTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], rows: Sequence[Row] = (), parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: tuple[Row, ...] = tuple(rows)

    def set_columns(self, columns: Sequence[Column], rows: Sequence[Row] = ()) -> None:
        """Other columns (and their rows): a table that gains a column when more is known."""
        self.beginResetModel()
        self.columns = tuple(columns)
        self.rows = tuple(rows)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.cells[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.tone in TONES and index.column() == len(self.columns) - 1:
            return QBrush(TONES[row.tone])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
