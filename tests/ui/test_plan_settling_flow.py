"""The new year settles last year's plan (issue 21, item 2): the result page asks what was done, proposes
«по ответам похоже, что выполнен» where a step's component rose, keeps the statuses on last year's plan,
lets them be changed again later, and the review's points, its total and the passport agree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from plan_driver import open_editor, show_plan_tab
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox
from wizard_driver import fill_wizard

from maturity.engine.plan import default_plan
from maturity.views.plan_text import LOOKS_DONE
from ui.plan.review_model import STATUS, VERDICT

IMPROVED = {"k7.feedback_forms": ["web_form", "ask_button", "bot", "polls"], "k10.youth_involved": True}
PROPOSED = {"k7.feedback", "k10.youth"}


def accept_new_assessment_dialog(year: int) -> None:
    """Answer «Новая оценка» as the chair would, once it is open: the year, and last year's answers."""
    from ui.dialogs.new_assessment import NewAssessmentDialog

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewAssessmentDialog) and w.isVisible())
        dialog.year.setValue(year)
        dialog.copy_button.click()
        dialog.accept()

    QTimer.singleShot(0, answer)


def set_review_status(panel, step: str, status: str) -> None:
    """Open the «Статус» cell of last year's step (as a double click does) and pick ``status``."""
    show_plan_tab(panel)
    model, view = panel.review_model, panel.review_view
    row = next(r for r in range(model.rowCount()) if model.outcome(r).step.step == step)
    index = model.index(row, STATUS)
    view.setCurrentIndex(index)
    view.edit(index)
    combo = open_editor(view, QComboBox)
    combo.setCurrentIndex(combo.findData(status))
    combo.activated.emit(combo.currentIndex())
    view.closeEditor(combo, view.itemDelegateForColumn(STATUS).EndEditHint.NoHint)


def start_2026(main_window, organization, example_answers):
    profile = main_window.view.default_profile
    answers = example_answers("primary-small.json")
    store = main_window.view.store
    store.save_assessment(organization, 2025, profile, answers)
    store.save_plan(organization, 2025, default_plan(profile, answers, 2025))  # every step «запланирован»
    main_window.view.refresh()
    accept_new_assessment_dialog(2026)
    main_window.view.ask_new_assessment()
    wizard = main_window.view.wizard
    fill_wizard(wizard, {**answers, **IMPROVED})  # this year's answers: feedback forms and the youth council
    assert wizard.position() == "result"
    return wizard, answers


def _number(text: str) -> Decimal:
    return Decimal(text.replace("\u2212", "-").replace(",", ".").lstrip("+"))


@pytest.mark.slow
def test_the_new_year_asks_for_last_years_statuses_and_keeps_them(main_window, organization, example_answers):
    wizard, _answers = start_2026(main_window, organization, example_answers)
    page = wizard.result_page
    panel = page.plan_panel
    store = main_window.view.store

    # the question stands above the tabs and first on the «План» tab
    assert page.plan_question.isVisibleTo(page) and "плана на 2026 год" in page.plan_question_text.text()
    assert (
        panel.review_question.isVisibleTo(panel) and "Чем закончился план на 2026 год?" in panel.review_question.text()
    )
    verdicts = {panel.review_model.outcome(r).step.step: panel.review_model.cells[r][VERDICT]
                for r in range(panel.review_model.rowCount())}  # fmt: skip
    assert {step for step, verdict in verdicts.items() if verdict == LOOKS_DONE} == PROPOSED
    page.plan_question_button.click()
    assert page.tabs.currentWidget() is panel

    # the chair marks one proposal done by hand, drops another step, accepts the remaining proposal
    set_review_status(panel, "k7.feedback", "done")
    dropped = next(o.step.step for o in panel.review.outcomes if o.step.step not in PROPOSED)
    set_review_status(panel, dropped, "dropped")
    assert panel.accept_button.isVisible() and "(1)" in panel.accept_button.text()
    panel.accept_button.click()

    main_window.view.context.reread()
    kept = {s.step: s.status for s in store.get_plan(store.get_assessment(organization, 2025))}
    assert {s for s, status in kept.items() if status == "done"} == PROPOSED
    assert kept[dropped] == "dropped"
    assert all(status == "planned" for s, status in kept.items() if s not in PROPOSED | {dropped})

    # the review's points of the done steps are shown, and the summary's total is their sum
    review = panel.review
    shown = [
        _number(cells[3])
        for cells, outcome in zip(panel.review_model.cells, review.outcomes, strict=True)
        if outcome.step.status == "done"
    ]
    assert len(shown) == 2 and all(points > 0 for points in shown)
    summary = panel.review_title.text()
    assert "выполнено шагов 2 из" in summary
    assert _number(summary.rsplit("выполненные шаги дали ", 1)[1].rstrip(".")) == sum(shown)

    # the passport tells the same
    passport = page.passport()
    assert {line.verdict_id for line in passport.last_year.done} == {"risen"}
    assert sorted(_number(line.points) for line in passport.last_year.done) == sorted(shown)
    assert passport.last_year.summary == summary

    # still open steps keep the question; the statuses stay editable from the review after reopening
    assert page.plan_question.isVisibleTo(page)
    wizard.close()
    main_window.view.refresh()
    main_window.view.select_year(2026)
    reopened = main_window.view.open_selected()
    again = reopened.result_page.plan_panel
    assert {o.step.step for o in again.review.done} == PROPOSED
    set_review_status(again, "k10.youth", "in_progress")
    main_window.view.context.reread()
    kept = {s.step: s.status for s in store.get_plan(store.get_assessment(organization, 2025))}
    assert kept["k10.youth"] == "in_progress"
    assert LOOKS_DONE in [c[VERDICT] for c in again.review_model.cells]  # proposed again, not forgotten
    reopened.close()


@pytest.mark.slow
def test_when_every_step_is_told_the_question_goes(main_window, organization, example_answers):
    wizard, _answers = start_2026(main_window, organization, example_answers)
    page, panel = wizard.result_page, wizard.result_page.plan_panel
    panel.accept_proposals()
    for outcome in list(panel.review.open_steps):
        set_review_status(panel, outcome.step.step, "dropped")
    assert not page.plan_question.isVisibleTo(page)
    assert not panel.review_question.isVisibleTo(panel) and not panel.accept_button.isVisibleTo(panel)
    wizard.close()
