"""Last year's plan beside this year's answers, as a table whose «Статус» the chair sets (issue 21).

Each row is a step of last year's plan: what it was, its status (editable: a double click or a key opens
the list), what became of what it was to improve, its index points and the verdict — or, for a step not
marked done whose component rose, «по ответам похоже, что выполнен». The rows come from the core's
:class:`maturity.engine.plan_review.PlanReview`; ``on_edit`` is told last year's whole plan after each
accepted status (the panel saves it on last year's assessment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from maturity.engine.plan import PlanInvalid, PlanStep, check_status
from maturity.engine.plan_review import PlanReview, StepOutcome
from maturity.method.profile import Profile
from maturity.views.plan_text import review_cells
from ui.plan.editable_model import EditableTableModel
from ui.widgets.table_rows import TONES

TITLE, STATUS, CHANGE, POINTS, VERDICT = range(5)
VERDICT_TONES = {"risen": "good", "not_risen": "bad", "not_done": "muted"}
EditRole = Qt.ItemDataRole.EditRole


class PlanReviewModel(EditableTableModel):
    editable = (STATUS,)

    def __init__(self, profile: Profile, parent=None):
        super().__init__(parent)
        self.profile = profile
        self.review: PlanReview | None = None
        self.cells: list[tuple[str, str, str, str, str]] = []
        self.on_edit: Callable[[list[PlanStep]], None] | None = None

    def columns(self) -> tuple[str, ...]:
        year = f" на {self.review.year_before + 1} год" if self.review is not None else " прошлого года"
        return (f"Шаг плана{year}", "Статус", "Было → стало", "Индекс", "Итог")

    def set_review(self, review: PlanReview | None) -> None:
        self.beginResetModel()
        self.review = review
        self.cells = review_cells(self.profile, review) if review is not None else []
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, VERDICT)

    def outcome(self, row: int) -> StepOutcome:
        assert self.review is not None
        return self.review.outcomes[row]

    def steps(self) -> list[PlanStep]:
        return [o.step for o in self.review.outcomes] if self.review is not None else []

    def row_count(self) -> int:
        return len(self.cells)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        outcome = self.outcome(row)
        if role == EditRole and column == STATUS:
            return outcome.step.status
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS:
                return "Двойной щелчок — выбрать, чем закончился шаг; статус сохранится в плане прошлого года."
            return self.cells[row][column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if outcome.looks_done and column in (STATUS, VERDICT):
                return TONES["good"]
            tone = VERDICT_TONES.get(outcome.verdict)
            return TONES[tone] if tone else None
        if role == Qt.ItemDataRole.FontRole and column == VERDICT and outcome.looks_done:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == POINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        if role != EditRole or not index.isValid() or index.column() != STATUS or self.review is None:
            return False
        try:
            status = check_status(value)
        except PlanInvalid:
            return False
        steps = self.steps()
        if steps[index.row()].status == status:
            return True
        steps[index.row()] = replace(steps[index.row()], status=status)
        if self.on_edit is not None:
            self.on_edit(steps)
        return True
