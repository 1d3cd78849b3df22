"""The result page's «План» tab: last year's plan settled, then the plan of the next year (editable).

First, when last year kept a plan: its steps beside this year's answers (the core's
:meth:`maturity.usecases.plan.LastYearPlan.review`). The chair sets each step's status there (a double
click on «Статус»); where the step's component rose, «по ответам похоже, что выполнен» is proposed, and
«Отметить выполненными…» accepts every proposal at once. The statuses are saved on last year's plan
(a :class:`ui.plan.saver.PlanSaver` for last year's assessment).

Then the plan of the next year: the road map of these answers until the chair edits it; from the first
edit it is the organization's plan, kept with the assessment and no longer following the answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.plan_review import PlanReview
from maturity.engine.session import AssessmentSession
from maturity.usecases.plan import LastYearPlan
from maturity.views.plan_text import LOOKS_DONE, plan_name, review_summary
from ui.plan.delegates import QuarterDelegate, StatusDelegate, note_delegate, responsible_delegate
from ui.plan.model import DUE, NOTE, RESPONSIBLE, STATUS, TITLE, PlanTableModel
from ui.plan.review_model import STATUS as REVIEW_STATUS
from ui.plan.review_model import PlanReviewModel
from ui.plan.saver import PlanSaver
from ui.plan.table_views import editable_table, refusal_label


class PlanPanel(QWidget):
    review_changed = Signal()  # last year's statuses changed (the result page's question follows)

    def __init__(
        self,
        session: AssessmentSession,
        saver: PlanSaver | None,
        stored: Sequence[PlanStep] | None = None,
        last_year: LastYearPlan | None = None,
        parent: QWidget | None = None,
        last_year_saver: PlanSaver | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("plan-panel")
        self.session = session
        self.saver = saver
        self.last_year_saver = last_year_saver  # writes the statuses on last year's plan
        self.saved = stored is not None
        self.last_year = last_year
        self.review: PlanReview | None = None
        self.model = PlanTableModel(session.profile, stored or self._road_map(), self)
        self.model.answers = session.answers
        self.model.on_edit = self._edited
        self.model.on_refused = lambda _reason: self.show_refusal()

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.view = editable_table(self, "plan-table", self.model)
        self.status_delegate = StatusDelegate(self.view)
        self.quarter_delegate = QuarterDelegate(session.year + 1, self.view)
        self.responsible_delegate = responsible_delegate(self.view)
        self.note_delegate = note_delegate(self.view)
        self.view.setItemDelegateForColumn(STATUS, self.status_delegate)
        self.view.setItemDelegateForColumn(DUE, self.quarter_delegate)
        self.view.setItemDelegateForColumn(RESPONSIBLE, self.responsible_delegate)
        self.view.setItemDelegateForColumn(NOTE, self.note_delegate)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == TITLE else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        for column, width in ((1, 200), (STATUS, 110), (RESPONSIBLE, 140), (DUE, 90), (NOTE, 140)):
            self.view.setColumnWidth(column, width)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.error = refusal_label(self, "plan-error")

        self.review_title = QLabel(self)
        self.review_title.setObjectName("plan-review-summary")
        self.review_title.setWordWrap(True)
        self.review_question = QLabel(self)
        self.review_question.setObjectName("plan-review-question")
        self.review_question.setWordWrap(True)
        self.review_question.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("accept-looks-done")
        self.accept_button.setToolTip(f"Поставить «выполнен» всем шагам, у которых написано «{LOOKS_DONE}»")
        self.accept_button.clicked.connect(self.accept_proposals)
        self.review_model = PlanReviewModel(session.profile, self)
        self.review_model.on_edit = self._last_year_edited
        self.review_view = editable_table(self, "plan-review", self.review_model)
        self.review_status_delegate = StatusDelegate(self.review_view)
        self.review_view.setItemDelegateForColumn(REVIEW_STATUS, self.review_status_delegate)
        review_header = self.review_view.horizontalHeader()
        for column in range(self.review_model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == 0 else QHeaderView.ResizeMode.ResizeToContents
            review_header.setSectionResizeMode(column, mode)
        review_header.sectionResized.connect(lambda *_: self.review_view.resizeRowsToContents())

        layout = QVBoxLayout(self)
        question_row = QHBoxLayout()
        question_row.addWidget(self.review_question, 1)
        question_row.addWidget(self.accept_button)
        layout.addLayout(question_row)
        layout.addWidget(self.review_title)
        layout.addWidget(self.review_view, 2)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.error)
        self._say_intro()

    def _road_map(self) -> list[PlanStep]:
        return default_plan(self.session.profile, self.session.answers, self.session.year, self.session.score())

    def _say_intro(self) -> None:
        year = self.session.year + 1
        if self.saved:
            self.intro.setText(
                f"План на {year} год хранится вместе с оценкой. Статус, ответственного, срок и "
                "примечание можно менять: двойной щелчок по ячейке."
            )
        else:
            self.intro.setText(
                f"План на {year} год составлен по дорожной карте. Отметьте статус, ответственного, "
                "срок и примечание (двойной щелчок по ячейке) — план сохранится вместе с оценкой."
            )

    def _edited(self, steps: list[PlanStep]) -> None:
        self.saved = True
        self._say_intro()
        if self.saver is not None:
            self.saver.save(steps)

    def show_refusal(self) -> None:
        """Why the model refused the last edit (or nothing)."""
        text = self.model.last_error
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def fit_rows(self) -> None:
        """Wrapped rows as tall as their text at the columns' present widths."""
        self.view.resizeRowsToContents()
        self.review_view.resizeRowsToContents()

    def refresh(self) -> None:
        """The road map of the present answers (until the plan is the chair's), last year's plan results."""
        self.model.answers = self.session.answers
        if not self.saved:
            self.model.set_steps(self._road_map())
        else:
            self.model.set_steps(self.model.steps)  # what is left to do follows the answers
        self.view.resizeRowsToContents()
        self._show_review()

    def _show_review(self) -> None:
        review: PlanReview | None = None
        if self.last_year is not None:
            review = self.last_year.review(self.session.profile, self.session.score(), self.session.year)
        self.review = review
        for widget in (self.review_title, self.review_view):
            widget.setVisible(review is not None)
        self.review_model.set_review(review)
        question = self.question()
        self.review_question.setText(question)
        self.review_question.setVisible(bool(question))
        proposals = sum(1 for o in review.outcomes if o.looks_done) if review is not None else 0
        self.accept_button.setText(f"Отметить выполненными, где похоже ({proposals})")
        self.accept_button.setVisible(proposals > 0)
        if review is not None:
            self.review_title.setText(review_summary(review))
            self.review_view.resizeRowsToContents()

    def question(self) -> str:
        """What the chair is asked about last year's plan ("" when every step's end is told)."""
        review = self.review
        if review is None or not review.open_steps:
            return ""
        looks = sum(1 for o in review.outcomes if o.looks_done)
        hint = f" По ответам похоже, что выполнены ещё {looks} — они отмечены." if looks else ""
        return (
            f"Чем закончился {plan_name(review.year_before)}? У {_steps(len(review.open_steps))} статус ещё "
            f"«запланирован» или «выполняется»: отметьте выполненные и отменённые (двойной щелчок по «Статусу» "
            f"в таблице ниже) — статусы сохранятся в этом плане.{hint}"
        )

    def accept_proposals(self) -> None:
        """Every step whose answers say it was done is marked done."""
        if self.review is None:
            return
        steps = [replace(o.step, status="done") if o.looks_done else o.step for o in self.review.outcomes]
        self._last_year_edited(steps)

    def _last_year_edited(self, steps: list[PlanStep]) -> None:
        if self.last_year is None:
            return
        self.last_year = replace(self.last_year, steps=list(steps))
        if self.last_year_saver is not None:
            self.last_year_saver.save(list(steps))
        self._show_review()
        self.review_changed.emit()


def _steps(count: int) -> str:
    """«1 шага», «3 шагов», «21 шага» (after «у»)."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} шага"
    return f"{count} шагов"
