"""«Пересчитать по новой версии методики…» in the main window: the chair picks an installed version of the
assessment's method, the assessment is re-scored with it and the re-scoring is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from test_installed_profiles import FEDERATION, federation_answers, federation_text

from maturity.engine.scoring import score
from maturity.usecases.profiles import install_profile


def answer_rescore_dialog(version: str, seen: dict) -> None:
    """Pick ``version`` in the dialog once it is open, and press «Пересчитать»."""
    from ui.dialogs.rescore import RescoreDialog

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RescoreDialog) and w.isVisible())
        question = dialog.findChild(QLabel)
        seen["whole"] = question.height() >= question.heightForWidth(question.width())  # not cut off
        combo = dialog.version
        seen["offered"] = [combo.itemData(i) for i in range(combo.count())]
        combo.setCurrentIndex(combo.findData(version))
        dialog.accept()

    QTimer.singleShot(0, answer)


def select_year(main_window, year: int) -> None:
    main_window.view.refresh()
    main_window.view.select_year(year)
    assert main_window.view.selected_row().year == year


@pytest.mark.slow
def test_the_chair_rescores_an_assessment_with_a_newer_installed_version_and_it_is_recorded(
    main_window, organization, example_answers
):
    store = main_window.view.store
    install_profile(store, federation_text(version="2026.1", meetings_target=6))
    first = store.catalog().find(FEDERATION, "2026.1")
    answers = federation_answers(first, example_answers)
    store.save_assessment(organization, 2025, first, answers)
    install_profile(store, federation_text(version="2026.2", meetings_target=12))
    second = store.catalog().find(FEDERATION, "2026.2")
    select_year(main_window, 2025)
    assert main_window.rescore_action in main_window.table.actions() and main_window.rescore_action.isEnabled()

    seen: dict = {}
    answer_rescore_dialog("2026.2", seen)
    main_window.rescore_action.trigger()

    assert seen["offered"] == ["2026.2"]  # not the version it was scored with
    assert seen["whole"]
    expected = score(second, answers)
    assessment = store.get_assessment(organization, 2025)
    assert (assessment.profile_version, store.get_score(assessment).index) == ("2026.2", expected.index)
    [rescore] = store.rescores(assessment)
    assert (rescore.from_version, rescore.to_version) == ("2026.1", "2026.2")
    assert main_window.view.selected_row().index == expected.index  # the table shows the new figure


def test_without_another_version_the_chair_is_told_how_to_install_one(
    main_window, organization, example_answers, monkeypatch
):
    store = main_window.view.store  # a method with one version only (fnpr-base ships 2025.1 and 2026.1)
    install_profile(store, federation_text(version="2026.1", meetings_target=6))
    only = store.catalog().find(FEDERATION, "2026.1")
    store.save_assessment(organization, 2025, only, federation_answers(only, example_answers))
    select_year(main_window, 2025)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: told.append(text))

    main_window.rescore_action.trigger()

    [text] = told
    assert "другой версии этой методики в базе нет" in text and "maturity profiles install" in text
    assert store.rescores(store.get_assessment(organization, 2025)) == []


@pytest.mark.slow
def test_a_2025_1_assessment_is_rescored_to_the_shipped_2026_1_with_the_new_questions_empty(
    main_window, organization, example_answers
):
    from base_versions import BASE_2025_1, BASE_2026_1, base_2025_1, base_current

    store = main_window.view.store
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2025, base_2025_1(), answers)
    select_year(main_window, 2025)

    seen: dict = {}
    answer_rescore_dialog(BASE_2026_1, seen)
    main_window.rescore_action.trigger()

    assert seen["offered"] == [BASE_2026_1]
    assessment = store.get_assessment(organization, 2025)
    assert assessment.profile_version == BASE_2026_1 and assessment.answers == answers
    assert store.get_score(assessment).index == score(base_current(), answers).index
    [rescore] = store.rescores(assessment)
    assert (rescore.from_version, rescore.to_version) == (BASE_2025_1, BASE_2026_1)
