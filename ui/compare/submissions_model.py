"""The «Кто сдал» table: expected organizations with the state of their assessment for the year.

The rows are :class:`maturity.storage.submissions.Submission` objects read by one query; the model only
formats them (state in Russian, last year's index through :mod:`maturity.views.numbers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from maturity.exchange.submission_list import STATE_LABELS
from maturity.method.profile import Profile
from maturity.storage.submissions import Submission
from maturity.usecases.submission_status import review_label
from maturity.views.numbers import format_score

NO_PARENT = QModelIndex()
STATE_COLOURS = {"missing": "#f8d7da", "draft": "#fff3cd", "complete": "#d4edda"}
REVIEW_COLOURS = {"accepted": "#d4edda", "returned": "#fde2c8"}


class SubmissionModel(QAbstractTableModel):
    def __init__(self, profile: Profile, parent: Any = None):
        super().__init__(parent)
        self.profile = profile
        self.rows: list[Submission] = []
        self.year = 0

    def set_rows(self, rows: Sequence[Submission], year: int) -> None:
        self.beginResetModel()
        self.rows, self.year = list(rows), year
        self.endResetModel()

    def titles(self) -> tuple[str, ...]:
        return ("Организация", "Уровень", "Вышестоящая", "Состояние", "Проверка", f"Индекс {self.year - 1}")

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                row.name,
                self.profile.organization_level_short(row.level) if row.level else "—",
                row.parent or "—",
                STATE_LABELS[row.state],
                review_label(row.review, row.sent_review),
                format_score(row.index_last_year),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 3:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4 and row.review in REVIEW_COLOURS:
            return QBrush(QColor(REVIEW_COLOURS[row.review]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
