"""The organization's assessments by year: a table model over rows read from the store.

The main window builds it before its first paint, so it loads nothing beyond Qt until it shows a row
(the number formatting, with :mod:`decimal`, comes with the first figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

STATUS_LABELS = {"draft": "черновик", "complete": "завершена"}


@dataclass(frozen=True)
class AssessmentRow:
    """What the table shows of one stored assessment (figures as the store keeps them)."""

    year: int
    status: str
    index: float | None
    digital_index: float | None
    level_label: str
    completeness: float
    failed_norms: int
    updated: str
    index_range: str = ""  # a draft's range, «41,2–88,0» (maturity.views.draft_text): shown instead of its index


COLUMNS = ("Год", "Статус", "Индекс", "Цифровой индекс", "Уровень", "Полнота", "Не выполнено нормативов", "Изменена")


NO_PARENT = QModelIndex()  # the root: these tables have no children


class AssessmentsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[AssessmentRow] = []

    def set_rows(self, rows: Sequence[AssessmentRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: r.year, reverse=True)
        self.endResetModel()

    def row_at(self, row: int) -> AssessmentRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_year(self, year: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.year == year:
                return i
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            from maturity.views.numbers import format_percent, format_score
            from maturity.views.year_change_text import DRAFT_NOTE

            draft = row.status == "draft"
            provisional = f" ({DRAFT_NOTE})" if draft and row.index is not None else ""
            return (
                str(row.year),
                STATUS_LABELS.get(row.status, row.status),
                row.index_range if draft and row.index_range else format_score(row.index) + provisional,
                format_score(row.digital_index),
                row.level_label,
                format_percent(row.completeness),
                str(row.failed_norms),
                row.updated,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 4) and row.status == "draft":
            return (
                "Черновик: есть вопросы без ответа. Индекс ещё может оказаться в этих пределах — от худших до "
                "лучших ответов на оставшиеся вопросы; уровень показан, только когда весь диапазон в одном уровне."
            )
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2, 4) and row.status == "draft":
            return QBrush(QColor("#8a5a00"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None
