"""«Из чего складывается балл»: a KPI's components, opened from its row on the result page.

The rows come from :func:`maturity.engine.explain.explain` — the object ``maturity score --explain``
prints — and are only formatted here (:mod:`maturity.views.explain_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from maturity.engine.explain import KpiExplanation
from maturity.engine.validation import format_number
from maturity.method.profile import Profile
from maturity.views.explain_text import answers_used, component_target_text, component_title, component_value_text
from maturity.views.numbers import NOT_SCORED, format_gain, format_score
from ui.widgets.table_rows import Column, Row, RowsTableModel

COLUMNS = [
    Column("Компонент"),
    Column("Вес", align_right=True),
    Column("Ответы"),
    Column("Значение"),
    Column("Цель (полное значение)"),
    Column("Прирост индекса\nпри полном значении", align_right=True),
]


def breakdown_rows(profile: Profile, kpi: KpiExplanation, answers: Mapping[str, Any]) -> list[Row]:
    rows = []
    for component in kpi.components:
        lines = answers_used(profile, component, answers)
        title = component_title(profile, component)
        if len(lines) == 1 and lines[0].question.rstrip("?") == title:  # the title already names the question
            used = lines[0].answer
        else:
            used = "\n".join(f"{line.question}: {line.answer}" for line in lines)
        rows.append(
            Row(
                (
                    title,
                    format_number(component.weight),
                    used,
                    component_value_text(component),
                    component_target_text(profile, component, answers),
                    format_gain(component.gain),
                ),
                tone="muted" if component.value is None else None,
            )
        )
    return rows


class KpiBreakdownDialog(QDialog):
    def __init__(
        self, profile: Profile, kpi: KpiExplanation, answers: Mapping[str, Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("kpi-breakdown")
        self.setWindowTitle(f"Из чего складывается балл: {kpi.title}")
        self.kpi = kpi
        total = sum(c.weight for c in kpi.components)
        self.summary = QLabel(
            f"<b>{kpi.title}</b>: {format_score(kpi.score, NOT_SCORED)}. Балл — среднее значений компонентов с их "
            f"весами (сумма весов {format_number(total)}), умноженное на 100; компонент «н/п» не оценивается и в "
            "среднее не входит. Прирост — на сколько пунктов вырос бы индекс, будь значение компонента полным.",
            self,
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.model = RowsTableModel(COLUMNS, breakdown_rows(profile, kpi, answers), self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        from ui.widgets.screen import fit_to_screen

        fit_to_screen(self, 1000, 560)  # 560 and a title bar were taller than a 1024×600 screen's free area

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.view.resizeRowsToContents()
