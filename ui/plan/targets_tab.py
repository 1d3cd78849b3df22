"""The result page's «Целевые показатели» tab: first, when the organization's elected body approved targets for
the assessment's year, each beside what the answers give — «Выполнение утверждённых целевых показателей:
5 из 7» — then the targets of the next year to approve (:class:`ui.plan.targets_panel.TargetsPanel`).

The comparison is the core's (:func:`maturity.engine.own_targets.results_for`), read again from the present
answers at every refresh; the scores on the page stay the federation's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from maturity.engine.own_targets import OwnTargets, TargetResults, results_for
from maturity.engine.session import AssessmentSession
from maturity.views.own_targets_text import OUTCOME_TITLE, outcome_cells, summary_line
from ui.plan.targets_panel import TargetsPanel
from ui.widgets.table_rows import Column, Row, RowsTableModel

MET_TONES = {True: "good", False: "bad", None: "muted"}


class OwnTargetsTab(QWidget):
    def __init__(
        self,
        session: AssessmentSession,
        this_year: OwnTargets | None,
        panel: TargetsPanel | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("targets-tab")
        self.session = session
        self.this_year = this_year
        self.panel = panel
        self.results: TargetResults | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("targets-summary")
        self.summary.setWordWrap(True)
        self.decision = QLabel(self)
        self.decision.setWordWrap(True)
        self.decision.setStyleSheet("color: #555555;")
        self.model = RowsTableModel(
            [
                Column("Целевой показатель"),
                Column("Утверждено"),
                Column("Цель", align_right=True),
                Column("Факт", align_right=True),
                Column("Итог"),
            ],
            parent=self,
        )
        self.view = QTableView(self)
        self.view.setObjectName("targets-results")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # one line a target
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.decision)
        results_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)  # the chair may give either part more room
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(results)
        if panel is not None:
            self.splitter.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.result_widgets = (self.decision, self.view)

    def refresh(self) -> None:
        """The year's own targets beside the present answers."""
        self.results = results_for(self.session.profile, self.this_year, self.session.answers)
        results = self.results
        for widget in self.result_widgets:
            widget.setVisible(results is not None)
        if results is None:
            self.summary.setText(
                f"{OUTCOME_TITLE}: на {self.session.year} год выборный орган целей не утверждал "
                "(или они не внесены в программу)."
            )
            return
        self.summary.setText(f"<b>{summary_line(results.summary)}</b> ({self.session.year} год)")
        decision = results.targets.decision
        self.decision.setText(f"Утверждены: {decision.text()}" if not decision.empty else "Решение не указано")
        self.model.set_rows(
            [Row(outcome_cells(o), tone=MET_TONES[o.met], tooltip=o.slot.label) for o in results.outcomes]
        )
        rows = len(results.outcomes)
        height = self.view.horizontalHeader().height() + rows * self.view.verticalHeader().defaultSectionSize() + 4
        self.view.setMinimumHeight(min(height, 8 * self.view.verticalHeader().defaultSectionSize()))
