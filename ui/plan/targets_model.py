"""The organization's own targets for a year as an editable table: a target parameter per row, the federation's
value beside the approved one.

The rows are the method's target slots (:func:`maturity.engine.own_targets.target_slots`); the model holds the
approved values and replaces one when its cell is edited, after the core's checks (a number typed the Russian or
the English way, a share as a percentage, the profile's bounds, a floor at the organization's level). A refused
value leaves the kept one and says why (``last_error``); ``on_edit`` is told every accepted change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from maturity.engine.own_targets import (
    OwnTargetsInvalid,
    check_value,
    federation_value,
    plain_number,
    target_slots,
    typed_value,
)
from maturity.method.profile import Profile
from maturity.views.own_targets_text import approved_text
from ui.plan.editable_model import EditableTableModel
from ui.widgets.table_rows import TONES

COLUMNS = ("Целевой показатель", "Значение федерации", "Утверждено организацией")
LABEL, FEDERATION, OWN = range(len(COLUMNS))
EditRole = Qt.ItemDataRole.EditRole
FLOOR_TIP = "Значение федерации — нижняя граница: утвердить цель ниже нельзя."


class OwnTargetsModel(EditableTableModel):
    editable = (OWN,)

    def __init__(self, profile: Profile, level: str | None, values: Mapping[str, float] | None = None, parent=None):
        super().__init__(parent)
        self.profile = profile
        self.level = level
        self.slots = target_slots(profile)
        self.values: dict[str, float] = {k: float(v) for k, v in (values or {}).items()}
        self.on_edit: Callable[[dict[str, float]], None] | None = None

    def columns(self) -> tuple[str, ...]:
        return COLUMNS

    def row_count(self) -> int:
        return len(self.slots)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        slot = self.slots[index.row()]
        column = index.column()
        own = self.values.get(slot.id)
        if role == EditRole and column == OWN:
            if own is None:
                return ""
            return plain_number(own * 100 if slot.is_share else own)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LABEL:
                return slot.label + (" (нижняя граница)" if slot.floor else "")
            if column == FEDERATION:
                return approved_text(slot, federation_value(self.profile, slot, self.level))
            return approved_text(slot, own) if own is not None else "как у федерации"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = "Доля вводится в процентах: 7 — это 7 %." if slot.is_share else "Введите число."
            return f"{slot.label}. {tip}" + (f" {FLOOR_TIP}" if slot.floor else "")
        if role == Qt.ItemDataRole.ForegroundRole and column == OWN and own is None:
            return TONES["muted"]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        if role != EditRole or not index.isValid() or index.column() != OWN:
            return False
        slot = self.slots[index.row()]
        try:
            number = typed_value(slot, str(value), slot.label)
            if number is not None:
                number = check_value(self.profile, slot, number, self.level, slot.label)
        except OwnTargetsInvalid as error:
            return self.refused(str(error))
        self.accepted()
        if number == self.values.get(slot.id):
            return True
        if number is None:
            self.values.pop(slot.id, None)
        else:
            self.values[slot.id] = number
        self.row_changed(index.row())
        if self.on_edit is not None:
            self.on_edit(dict(self.values))
        return True
