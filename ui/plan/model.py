"""The plan kept with an assessment as an editable table: a step per row.

The steps are :class:`maturity.engine.plan.PlanStep` values of the core; the model holds the list and
replaces a step when a cell is edited, after the core's checks (a status from the list, a quarter
«YYYY-Qn» in range, a text without control characters and within its length). ``on_edit`` is told
the whole plan after every accepted edit (the saver writes it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from maturity.engine.plan import (
    STATUS_LABELS,
    PlanInvalid,
    PlanStep,
    check_due,
    check_status,
    check_step,
    step_kpi_title,
    step_text,
)
from maturity.method.profile import Profile
from maturity.views.own_targets_text import with_target
from maturity.views.plan_text import quarter_text
from ui.plan.editable_model import EditableTableModel
from ui.widgets.table_rows import TONES

COLUMNS = ("Что сделать", "Показатель", "Статус", "Ответственный", "Срок", "Примечание")
TITLE, KPI, STATUS, RESPONSIBLE, DUE, NOTE = range(len(COLUMNS))
EDITABLE = (STATUS, RESPONSIBLE, DUE, NOTE)
STATUS_TONES = {"done": "good", "dropped": "muted"}
EditRole = Qt.ItemDataRole.EditRole


class PlanTableModel(EditableTableModel):
    editable = EDITABLE

    def __init__(self, profile: Profile, steps: Sequence[PlanStep] = (), parent=None):
        super().__init__(parent)
        self.profile = profile
        self.answers: Mapping[str, Any] | None = None  # the assessment's: what each step has left to do
        self.steps: list[PlanStep] = list(steps)
        self.on_edit: Callable[[list[PlanStep]], None] | None = None
        # step → «утверждённая цель: 7,5 %»: the own target approved for the plan's year the step works towards
        self.step_targets: Mapping[str, str] = {}

    def columns(self) -> tuple[str, ...]:
        return COLUMNS

    def row_count(self) -> int:
        return len(self.steps)

    def set_step_targets(self, notes: Mapping[str, str]) -> None:
        self.step_targets = dict(notes)
        if self.steps:
            self.dataChanged.emit(self.index(0, TITLE), self.index(len(self.steps) - 1, TITLE))

    def set_steps(self, steps: Sequence[PlanStep]) -> None:
        self.beginResetModel()
        self.steps = list(steps)
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self.steps[index.row()]
        column = index.column()
        if role == EditRole:
            return {STATUS: step.status, RESPONSIBLE: step.responsible, DUE: step.due or "", NOTE: step.note}.get(
                column
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                TITLE: with_target(step_text(self.profile, step.step, self.answers), self.step_targets.get(step.step)),
                KPI: step_kpi_title(self.profile, step.step),
                STATUS: STATUS_LABELS[step.status],
                RESPONSIBLE: step.responsible,
                DUE: quarter_text(step.due) if step.due else "",
                NOTE: step.note,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and step.status in STATUS_TONES:
            return TONES[STATUS_TONES[step.status]]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        if role != EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        step = self.steps[index.row()]
        try:
            changed = self._changed(step, index.column(), value)
        except PlanInvalid as error:
            return self.refused(str(error))
        self.accepted()
        if changed == step:
            return True
        self.steps[index.row()] = changed
        self.row_changed(index.row())
        if self.on_edit is not None:
            self.on_edit(list(self.steps))
        return True

    def _changed(self, step: PlanStep, column: int, value: Any) -> PlanStep:
        if column == STATUS:
            return replace(step, status=check_status(value))
        if column == DUE:
            return replace(step, due=check_due(value))
        field = "responsible" if column == RESPONSIBLE else "note"
        return check_step(self.profile, {**step.to_json(), field: value}, "план")
