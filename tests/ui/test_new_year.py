"""«Новая оценка» offers last year's answers: copy them (yearly counts start empty) or start empty."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from maturity.engine.carry_over import yearly_questions


def accept_new_assessment_dialog(main_window, year: int, copy: bool | None, seen: dict) -> None:
    """Answer «Новая оценка»'s dialog as the chair would, once it is open."""
    from ui.dialogs.new_assessment import NewAssessmentDialog

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewAssessmentDialog) and w.isVisible())
        dialog.year.setValue(year)
        seen["offered"] = dialog.start_from.isVisibleTo(dialog)
        seen["text"] = dialog.copy_button.text()
        if copy is not None and seen["offered"]:
            (dialog.copy_button if copy else dialog.empty_button).click()
        dialog.accept()

    QTimer.singleShot(0, answer)


@pytest.mark.slow
@pytest.mark.parametrize("copy", [True, False])
def test_a_new_year_starts_with_last_years_answers_or_empty_as_the_chair_chooses(
    main_window, organization, example_answers, copy
):
    profile = main_window.view.default_profile
    answers = example_answers("primary-small.json")
    main_window.view.store.save_assessment(organization, 2024, profile, answers)
    main_window.view.refresh()

    seen: dict = {}
    accept_new_assessment_dialog(main_window, 2025, copy, seen)
    main_window.view.ask_new_assessment()
    wizard = main_window.view.wizard
    assert seen["offered"] and "2024" in seen["text"]
    assert wizard is not None and wizard.session.year == 2025
    started = wizard.session.answers
    yearly = set(yearly_questions(profile))
    assert yearly and not yearly & set(started)  # counts for the year always start empty
    facts = [q for q in answers if q not in yearly and not q.startswith("profile.")]
    if copy:
        assert {q: started.get(q) for q in facts} == {q: answers[q] for q in facts}
    else:
        assert not any(q in started for q in facts)
    stored = main_window.view.store.get_assessment(organization, 2025)
    assert stored is not None and dict(stored.answers) == wizard.session.savable_answers()  # a draft at once


@pytest.mark.slow
def test_without_an_earlier_year_there_is_nothing_to_copy(main_window, organization):
    seen: dict = {}
    accept_new_assessment_dialog(main_window, 2025, None, seen)
    main_window.view.ask_new_assessment()
    assert seen["offered"] is False
    assert main_window.view.wizard is not None


def test_the_offer_follows_the_chosen_year(qtbot):
    from ui.dialogs.new_assessment import NewAssessmentDialog

    dialog = NewAssessmentDialog(2025, [("fnpr-base", "Базовая методика")], earlier_years=[2022, 2024])
    qtbot.addWidget(dialog)
    assert dialog.copy_from() == 2024
    dialog.year.setValue(2023)
    assert dialog.copy_from() == 2022 and "2022" in dialog.copy_button.text()
    dialog.year.setValue(2022)
    assert dialog.copy_from() is None and not dialog.start_from.isVisibleTo(dialog)
    dialog.year.setValue(2025)
    dialog.empty_button.click()
    assert dialog.copy_from() is None
    assert dialog.result() != QDialog.DialogCode.Accepted
