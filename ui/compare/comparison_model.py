"""The comparison table: organizations × KPIs over the database, like Anki's browser table.

The model holds the year's organizations as columns (a :class:`~maturity.storage.comparison_frame.ComparisonFrame`,
read in one query, off the UI thread by the window; until it arrives one SQL query gives the ids), the ids of the rows in their order (filtered and sorted on those
columns, with the rules of :mod:`maturity.storage.comparison`) and a bounded cache of the rows shown, fetched a
block at a time as the view asks for them; 100 000 organizations cost a few arrays and the rows on screen. The
columns are the profile's: its KPIs, whatever their number and ids. Scores are coloured on the report's red–yellow–green scale;
an empty score shows «—». The model computes nothing: every figure is the stored one, formatted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from maturity.storage.comparison import (
    FETCH_BLOCK,
    ComparisonFilter,
    comparison_columns,
    comparison_ids,
    kpi_values,
    rows_by_id,
    score_columns,
)
from maturity.storage.comparison_frame import ComparisonFrame, load_frame
from maturity.storage.queries import ComparisonRow, Db
from maturity.views.colours import score_colour
from maturity.views.notes_text import evidence_share_text
from maturity.views.numbers import format_change, format_score

NO_PARENT = QModelIndex()
ORGANIZATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLES = {
    "name": "Организация",
    "level": "Уровень организации",
    "region": "Регион",
    "sector": "Отрасль",
    "parent_name": "Вышестоящая",
    "index": "Индекс",
    "digital_index": "Цифровой индекс",
    "maturity_level": "Уровень зрелости",
    "failed_norms": "Не выполнено нормативов",
    "index_change": "Изменение индекса за год",
    "evidence_share": "Доля ответов, подтверждённых документом",
}
SHORT_TITLES = {
    "failed_norms": "Нормативы\nне выполн.",
    "index_change": "Δ индекса\nза год",
    "evidence_share": "Подтвер-\nждено",
    "digital_index": "Цифровой\nиндекс",
    "level": "Уровень\nорг.",
    "maturity_level": "Уровень\nзрелости",
}
COUNT_COLUMNS = frozenset({"failed_norms", "index_change", "evidence_share"})  # right-aligned like the scores
DRAFT_COLOUR = QColor("#6b6b6b")
MAX_CACHED_ROWS = 5_000  # rows kept after being shown: scrolling through 100 000 never holds them all


class ComparisonModel(QAbstractTableModel):
    def __init__(self, db: Db, profile: Any, parent=None):
        super().__init__(parent)
        self.db = db
        self.profile = profile
        self.filter: ComparisonFilter | None = None
        self.sort_key, self.descending = "name", False
        self.ids: Sequence[int] = []  # an int64 array once a filter is set
        self.frame: ComparisonFrame | None = None
        self.cache: dict[int, ComparisonRow] = {}
        self._brushes: dict[str, QBrush] = {}
        self._kpi_titles = {k.id: k.title for k in profile.kpis}
        self.kpi_ids = tuple(self._kpi_titles)
        self.columns = comparison_columns(self.kpi_ids)
        self.score_columns = score_columns(self.kpi_ids)
        self.number_columns = self.score_columns | COUNT_COLUMNS

    # ------------------------------------------------------------ what is shown

    def shown_filter(self) -> ComparisonFilter:
        """The filter of the rows shown (the window sets one as it opens)."""
        if self.filter is None:
            raise RuntimeError("no filter is set yet")
        return self.filter

    def set_filter(self, f: ComparisonFilter) -> None:
        """Show the organizations of the filter, in the current order: from the year's columns once they are
        loaded (:meth:`load_columns`, :meth:`use_columns`), else by one SQL query for the ids."""
        self.set_ids(f, self._ordered(f))

    def needs_columns(self, year: int) -> bool:
        return self.frame is None or self.frame.year != year

    def load_columns(self, year: int) -> ComparisonFrame:
        """The year's columns (one SQL read; safe off the UI thread: the model is not touched)."""
        return load_frame(self.db, year)

    def use_columns(self, frame: ComparisonFrame) -> None:
        """Filter and sort on ``frame`` from now on (the rows shown stay as they are)."""
        self.frame = frame

    def reload(self) -> None:
        """Forget what was read: the next filter reads the database again (assessments may have changed)."""
        self.frame = None
        self.cache.clear()

    def _ordered(self, f: ComparisonFilter) -> Sequence[int]:
        level_order = self.profile.organization_level_ids
        if self.frame is None or self.frame.year != f.year:
            return comparison_ids(self.db, f, self.sort_key, self.descending, self.kpi_ids, level_order)
        return self.frame.ids(f, self.sort_key, self.descending, kpi_ids=self.kpi_ids, level_order=level_order)

    def set_ids(self, f: ComparisonFilter, ids: Sequence[int]) -> None:
        self.beginResetModel()
        if self.filter is None or self.filter.year != f.year:
            self.cache.clear()  # a row is one organization's figures for one year
        self.filter = f
        self.ids = ids
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = self.columns[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.filter is None:
            return
        self.layoutAboutToBeChanged.emit()
        self.ids = self._ordered(self.filter)
        self.layoutChanged.emit()

    def id_list(self) -> list[int]:
        """The ids of the rows, in their order, as Python ints."""
        return [int(i) for i in self.ids]

    def row(self, number: int) -> ComparisonRow:
        """The row at a position, fetched with its block from the database if not yet cached."""
        org_id = int(self.ids[number])
        row = self.cache.get(org_id)
        if row is None:
            start = number - number % FETCH_BLOCK
            block = [int(i) for i in self.ids[start : start + FETCH_BLOCK]]
            self._keep(rows_by_id(self.db, self.shown_filter().year, [i for i in block if i not in self.cache]))
            row = self.cache[org_id]
        return row

    def rows(self, numbers: Sequence[int]) -> list[ComparisonRow]:
        if self.filter is None:
            return []
        wanted = [int(self.ids[n]) for n in numbers]
        fetched = rows_by_id(self.db, self.filter.year, [i for i in wanted if i not in self.cache])
        found = [self.cache.get(i) or fetched[i] for i in wanted]
        self._keep(fetched)
        return found

    def _keep(self, rows: dict[int, ComparisonRow]) -> None:
        if len(self.cache) + len(rows) > MAX_CACHED_ROWS:
            self.cache.clear()
        if len(rows) <= MAX_CACHED_ROWS:
            self.cache.update(rows)

    def column_of(self, key: str) -> int:
        return self.columns.index(key)

    # ------------------------------------------------------------ Qt

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(self.row(index.row()), key)
        if role == Qt.ItemDataRole.BackgroundRole and key in self.score_columns:
            [value] = kpi_values(self.row(index.row()), [key])
            colour = score_colour(value)
            return None if colour is None else self._brush(colour)
        if role == Qt.ItemDataRole.ForegroundRole and self.row(index.row()).status == "draft":
            return QBrush(DRAFT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.number_columns:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self.row(index.row())
            draft = " — черновик: оценка не завершена" if row.status == "draft" else ""
            if key == "name":
                where = ", ".join(v for v in (row.region, row.sector) if v)
                parent = f"\nВышестоящая: {row.parent_name}" if row.parent_name else ""
                return f"{row.name}{draft}\n{where}{parent}".rstrip()
            return self.text(row, key) + draft
        if role == ORGANIZATION_ID_ROLE:
            return int(self.ids[index.row()])
        return None

    def text(self, row: ComparisonRow, key: str) -> str:
        if key in self.score_columns:
            return format_score(kpi_values(row, [key])[0])
        value = getattr(row, key)
        if key == "index_change":
            return format_change(value)
        if key == "maturity_level":
            return self.profile.level_label(value)
        if key == "level":
            return self.profile.organization_level_short(value) if value else "—"
        if key == "failed_norms":
            return str(value)
        if key == "evidence_share":
            return evidence_share_text(value)
        return value or "—"

    def _brush(self, colour: str) -> QBrush:
        brush = self._brushes.get(colour)
        if brush is None:
            brush = self._brushes[colour] = QBrush(QColor(colour))
        return brush

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return key.upper() if key in self._kpi_titles else SHORT_TITLES.get(key, TITLES.get(key, key))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{key.upper()} {self._kpi_titles[key]}" if key in self._kpi_titles else TITLES.get(key, key)
        return None
