"""«Целевые показатели на 2026 год»: the values the organization's elected body approved for the plan's year,
beside the federation's (the default, and the comparison), with the decision that approved them.

A share is typed as a percentage; a value the method refuses (beyond its bounds, below a floor such as the
5 % of the budget) is not kept, and the reason stands under the table. The federation's values still score
the assessment: own targets are only compared, at the year's end, with what the answers give.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.own_targets import DECISION_NUMBER_MAX, DECISION_TEXT_MAX, Decision, OwnTargets, OwnTargetsInvalid
from maturity.engine.own_targets import check_decision as checked_decision
from maturity.method.profile import Profile
from maturity.views.own_targets_text import targets_title
from ui.plan.table_views import editable_table, refusal_label
from ui.plan.targets_model import LABEL, OwnTargetsModel
from ui.plan.targets_saver import TargetsSaver


class TargetsPanel(QWidget):
    def __init__(
        self,
        profile: Profile,
        year: int,
        level: str | None,
        kept: OwnTargets | None,
        saver: TargetsSaver | None,
        parent: QWidget | None = None,
        locked: str | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("targets-panel")
        self.year = year
        self.saver = saver
        self.decision = kept.decision if kept is not None else Decision()
        self.model = OwnTargetsModel(profile, level, kept.values if kept is not None else {}, self)
        self.model.on_edit = lambda _values: self._save()
        self.on_values: Callable[[dict[str, float]], None] | None = None  # told every accepted change (the plan)
        self.model.on_refused = self._say

        self.title = QLabel(f"<b>{targets_title(year)}</b>", self)
        self.intro = QLabel(
            "Значения, утверждённые решением выборного органа организации в плане на год. Пока значение не "
            "введено, целью служит значение федерации. Баллы и индекс всегда считаются по значениям федерации; "
            "свои цели сравниваются с ответами оценки за этот год. Доли вводятся в процентах (двойной щелчок по ячейке).",
            self,
        )
        self.intro.setWordWrap(True)
        self.body = QLineEdit(self.decision.body, self)
        self.body.setObjectName("decision-body")
        self.body.setPlaceholderText("например: президиум комитета, профком, конференция")
        self.body.setMaxLength(DECISION_TEXT_MAX)
        self.number = QLineEdit(self.decision.number, self)
        self.number.setObjectName("decision-number")
        self.number.setMaxLength(DECISION_NUMBER_MAX)
        self.number.setPlaceholderText("№")
        self.date = QLineEdit(self._date_text(), self)
        self.date.setObjectName("decision-date")
        self.date.setPlaceholderText("дд.мм.гггг")
        self.date.setMaxLength(10)
        for field in (self.body, self.number, self.date):
            field.editingFinished.connect(self._decision_edited)
        form = QFormLayout()
        form.addRow("Решение выборного органа:", self.body)
        numbers = QHBoxLayout()
        numbers.addWidget(QLabel("№", self))
        numbers.addWidget(self.number, 1)
        numbers.addWidget(QLabel("от", self))
        numbers.addWidget(self.date, 1)
        numbers.addStretch(2)
        form.addRow("", numbers)

        self.view = editable_table(self, "targets-table", self.model)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == LABEL else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        self.view.setColumnWidth(1, 200)
        self.view.setColumnWidth(2, 230)
        self.error = refusal_label(self, "targets-error")

        self.locked = QLabel(self)
        self.locked.setObjectName("targets-locked")
        self.locked.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.locked.setWordWrap(True)
        self.locked.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.locked)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

        if locked:
            self.lock(locked)

    def lock(self, reason: str) -> None:
        """The targets of an accepted year: shown, not edited; the reason (who accepted, how to reopen) above."""
        self.locked.setText(reason[:1].upper() + reason[1:] + ".")
        self.locked.show()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for field in (self.body, self.number, self.date):
            field.setReadOnly(True)

    def _date_text(self) -> str:
        if not self.decision.date:
            return ""
        year, month, day = self.decision.date.split("-")
        return f"{day}.{month}.{year}"

    def _say(self, reason: str | None) -> None:
        self.error.setText(reason or "")
        self.error.setVisible(bool(reason))

    def _decision_edited(self) -> None:
        try:
            decision = checked_decision(self.body.text(), self.number.text(), self.date.text())
        except OwnTargetsInvalid as error:
            self._say(str(error))
            return
        self._say(None)
        if decision != self.decision:
            self.decision = decision
            self._save()

    def _save(self) -> None:
        if self.on_values is not None:
            self.on_values(dict(self.model.values))
        if self.saver is not None:
            self.saver.save(self.model.values, self.decision)
