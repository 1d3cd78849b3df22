"""The rankings of one nomination as a table: one row per participant, group by group (the core's
:class:`~maturity.engine.contest.NominationResult`; the cells are :func:`maturity.views.contest_text.ranking_cells`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from maturity.engine.contest import Group, NominationResult, Placed
from maturity.views.contest_text import RANKING_HEADER, group_title, place_text

HEADER = ("Группа (уровень, численность)", *RANKING_HEADER, "Итог")
WINNER = QColor("#fff4d6")
Index = QModelIndex | QPersistentModelIndex


class RankingModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[tuple[Group, Placed]] = []

    def set_nomination(self, nomination: NominationResult | None) -> None:
        self.beginResetModel()
        self.rows = [] if nomination is None else [(g, p) for g in nomination.groups for p in g.ranking]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt naming and signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADER)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADER[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group, placed = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            from maturity.views.contest_text import ranking_cells

            cells = (group_title(group), *ranking_cells(placed), place_text(placed.place) if placed.winner else "")
            return cells[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and placed.winner:
            return QBrush(WINNER)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def placed_at(self, row: int) -> Placed:
        return self.rows[row][1]
