"""The assessment wizard, driven through its real widgets on a real (SQLite) database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from base_versions import pin_window_to_2025_1
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard
from wizard_driver import fill_page, fill_wizard, press_next, set_editor

from maturity.engine.rounding import round_figure as _round
from maturity.engine.rounding import rounded

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
BUDGET_MESSAGE = "Расходы на информационную работу не могут быть больше бюджета организации."
SITE_QUESTIONS = ("k4.site_visitors", "k4.site_materials", "k4.site_criteria")


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def stored_figures(store, org, year: int) -> dict:
    """The scores the database holds for (org, year), rounded as ``maturity score --json`` rounds."""
    assessment = store.get_assessment(org, year)
    scores = store.get_score(assessment)
    return {
        "kpis": {k: _round(v) for k, v in store.get_kpis(assessment).items()},
        "index": _round(scores.index),
        "digital_index": _round(scores.digital_index),
        "level": scores.level,
        "norms": scores.norms,
        "completeness": float(rounded(scores.completeness, 3)),
    }


@pytest.fixture(scope="module")
def cli_score() -> dict:
    """What the command line prints for examples/primary-small.json."""
    out = subprocess.run(
        [sys.executable, "-m", "maturity", "score", str(EXAMPLE), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


@pytest.mark.slow
def test_the_whole_wizard_filled_by_hand_saves_the_scores_the_command_line_prints(
    main_window, organization, example_answers, cli_score
):
    pin_window_to_2025_1(main_window)  # the example answers' figures under 2025.1
    answers = example_answers("primary-small.json")
    wizard = main_window.view.start_assessment(2025)
    assert [p.section.id for p in wizard.section_pages] == [s.id for s in wizard.session.profile.sections]

    fill_wizard(wizard, answers)

    assert wizard.position() == "result"
    assert wizard.result_page.index.value.text() == f"{cli_score['index']:.1f}".replace(".", ",")
    QTest.qWait(QApplication.doubleClickInterval() + 50)  # a click, not the second half of a double click
    wizard.button(QWizard.WizardButton.FinishButton).click()

    store = main_window.view.store
    saved = store.get_assessment(organization, 2025)
    assert saved.answers == answers
    assert saved.status == "complete"
    assert stored_figures(store, organization, 2025) == cli_score
    assert main_window.assessments.rows[0].status == "complete"
    assert main_window.statusBar().currentMessage() == "Оценка за 2025 год завершена."


def draft_answers(main_window, organization, year: int = 2025) -> dict:
    main_window.view.context.reread()
    return main_window.view.store.get_assessment(organization, year).answers


@pytest.mark.slow
def test_every_answer_is_in_the_database_as_a_draft_after_a_short_pause(qtbot, main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)  # to «Информационная структура»
    set_editor(wizard.currentPage().rows["k1.structure"].editor, "activist")

    assert main_window.view.context.marks.last().position == "k1"
    qtbot.waitUntil(lambda: draft_answers(main_window, organization).get("k1.structure") == "activist", timeout=3000)
    assert main_window.view.store.get_assessment(organization, 2025).status == "draft"


@pytest.mark.slow
def test_typing_the_name_writes_the_draft_and_renames_the_organization_once(qtbot, main_window, organization):
    import sqlalchemy as sa

    wizard = main_window.view.start_assessment(2025)
    line = wizard.currentPage().rows["profile.name"].editor.line
    engine = main_window.view.context.engine
    writes: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith(("UPDATE ASSESSMENT ", "UPDATE ORGANIZATION ")):
            writes.append(statement.split()[1].lower())

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        name = "ППО школы № 7 города Липецка"[:20]
        line.clear()
        for letter in name:  # twenty keys, as fast as a person types
            line.insert(letter)
        assert writes == []
        qtbot.waitUntil(lambda: not wizard.session.on_change.pending, timeout=3000)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)

    assert 1 <= writes.count("assessment") <= 2
    assert 1 <= writes.count("organization") <= 2
    main_window.view.context.reread()
    assert main_window.view.store.get_organization(organization.id).name == name.strip()


def test_closing_the_wizard_writes_the_last_answer_at_once(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    set_editor(wizard.currentPage().rows["profile.budget"].editor, 120000)
    wizard.close()

    assert draft_answers(main_window, organization)["profile.budget"] == 120000


def test_site_questions_are_hidden_and_unanswered_when_there_is_no_site(main_window, organization, example_answers):
    answers = example_answers("primary-small.json")  # k4.site_exists: false
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers, stop_at="k4")
    page = wizard.currentPage()
    fill_page(page, answers)
    wizard.session.on_change.flush()

    assert all(page.rows[q].isHidden() for q in SITE_QUESTIONS)
    saved = draft_answers(main_window, organization)
    assert not set(SITE_QUESTIONS) & saved.keys()

    set_editor(page.rows["k4.site_exists"].editor, True)
    assert not any(page.rows[q].isHidden() for q in SITE_QUESTIONS)
    set_editor(page.rows["k4.site_exists"].editor, False)
    assert all(page.rows[q].isHidden() for q in SITE_QUESTIONS)


def test_social_questions_appear_only_when_the_organization_has_pages(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, {}, stop_at="k4")
    page = wizard.currentPage()
    social = ("k4.social_networks", "k4.subscribers", "k4.main_subscribers", "k4.reactions_last10")

    assert all(page.rows[q].isHidden() for q in social)  # unanswered: not asked yet
    set_editor(page.rows["k4.social_pages"].editor, 0)
    assert all(page.rows[q].isHidden() for q in social)
    set_editor(page.rows["k4.social_pages"].editor, 2)
    assert not any(page.rows[q].isHidden() for q in social)


def test_spending_above_the_budget_blocks_next_and_says_why_beside_the_field(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    page = wizard.currentPage()
    set_editor(page.rows["profile.budget"].editor, 100000)
    assert next_enabled(wizard)

    set_editor(page.rows["profile.info_spending"].editor, 250000)

    message = page.rows["profile.info_spending"].message
    assert not next_enabled(wizard)
    assert not message.isHidden() and message.text() == BUDGET_MESSAGE
    set_editor(page.rows["profile.info_spending"].editor, 5000)
    assert next_enabled(wizard)
    assert message.isHidden()


def test_main_subscribers_above_all_subscribers_blocks_next(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, {}, stop_at="k4")
    page = wizard.currentPage()
    fill_page(page, {"k4.social_pages": 1, "k4.subscribers": 40, "k4.main_subscribers": 90})

    assert not next_enabled(wizard)
    message = page.rows["k4.main_subscribers"].message
    assert not message.isHidden() and "подписчик" in message.text().lower()
    wizard.session.on_change.flush()
    assert "k4.main_subscribers" not in draft_answers(main_window, organization)
    set_editor(page.rows["k4.main_subscribers"].editor, 30)
    assert next_enabled(wizard)
    wizard.session.on_change.flush()
    assert draft_answers(main_window, organization)["k4.main_subscribers"] == 30


@pytest.mark.slow
def test_unanswered_questions_do_not_block_next_and_the_result_lists_them(main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, {})  # «Далее» on every page without answering anything

    assert wizard.position() == "result"
    page = wizard.result_page
    assert "без ответа" in page.completeness.text()
    missing_texts = [row.cells[1] for row in page.missing_model.rows]
    assert "Кто ведёт информационную работу" in missing_texts
    assert page.tabs.isTabVisible(page.missing_tab)
    QTest.qWait(QApplication.doubleClickInterval() + 50)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert main_window.view.store.get_assessment(organization, 2025).status == "draft"


@pytest.mark.slow
def test_the_result_page_overlays_last_years_scores(main_window, organization, example_answers):
    store = main_window.view.store
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2024, main_window.view.default_profile, answers)
    main_window.view.refresh()

    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers)

    page = wizard.result_page
    assert page.kpi_model.columns[2].title == "2024 год"
    axes = page.chart.figure.axes[0]
    assert [line.get_label() for line in axes.get_lines()] == ["2024 год", "2025 год"]


@pytest.mark.slow
def test_the_chart_saves_as_a_png_file(main_window, organization, example_answers, tmp_path):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json"))

    target = tmp_path / "диаграмма.png"
    wizard.result_page.chart.save_png(str(target))

    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert wizard.result_page.save_png_button.text() == "Сохранить PNG…"
