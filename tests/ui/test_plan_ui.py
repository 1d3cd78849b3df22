"""The result page: a KPI row opens its breakdown; the «План» tab's table is edited, saved, reopened,
and survives the app being killed; last year's plan results are shown."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from plan_driver import DUE_QUARTER, RESPONSIBLE_NAME, edit_choice, edit_text, mark_first_step_done
from plan_driver import __file__ as DRIVER
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from maturity.engine.explain import explain
from maturity.engine.plan import PlanStep, default_plan
from ui.plan.model import NOTE, STATUS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"


def open_result(window, organization, answers, year=2025):
    window.view.store.save_assessment(organization, year, window.view.default_profile, answers)
    window.view.refresh()
    window.view.select_year(year)
    wizard = window.view.open_selected()
    assert wizard.position() == "result"
    return wizard


@pytest.mark.slow
def test_a_kpi_row_opens_its_breakdown_with_each_component(main_window, organization, example_answers):
    answers = example_answers("primary-small.json")
    page = open_result(main_window, organization, answers).result_page
    profile = main_window.view.default_profile
    explained = explain(profile, answers)
    for row in (0, len(profile.kpis) - 1):
        rect = page.kpi_view.visualRect(page.kpi_model.index(row, 0))
        QTest.mouseClick(page.kpi_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(page.kpi_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        dialog = page.breakdown
        assert dialog is not None and dialog.isVisible()
        assert dialog.kpi.kpi_id == profile.kpis[row].id
        components = profile.kpis[row].components
        assert dialog.model.rowCount() == len(components)
        for n, component in enumerate(explained[row].components):
            cells = dialog.model.rows[n].cells
            assert cells[0] != profile.kpis[row].components[n].advice  # what it measures, not the advice
            if len(component.questions) == 1:  # the component is named by its one question: the answer alone
                assert profile.question(component.questions[0]).text.rstrip("?") == cells[0]
            else:
                for qid in component.questions:
                    assert profile.question(qid).text in cells[2]
            assert cells[5].startswith("+")
        dialog.close()


@pytest.mark.slow
def test_the_breakdown_shows_the_reason_of_a_component_not_applicable(main_window, organization, example_answers):
    answers = example_answers("primary-small.json")
    page = open_result(main_window, organization, answers).result_page
    explained = explain(main_window.view.default_profile, answers)
    row, component = next((r, c) for r, k in enumerate(explained) for c in k.components if c.value is None)
    page.kpi_view.setCurrentIndex(page.kpi_model.index(row, 0))
    page.breakdown_button.click()
    cells = [r.cells for r in page.breakdown.model.rows]
    assert any(c[3] == f"н/п — {component.na_reason}" for c in cells)


@pytest.mark.slow
def test_the_plan_starts_as_the_road_map_and_edits_are_kept_with_the_assessment(
    main_window, organization, example_answers
):
    answers = example_answers("primary-small.json")
    profile = main_window.view.default_profile
    wizard = open_result(main_window, organization, answers)
    panel = wizard.result_page.plan_panel
    assert panel.model.steps == default_plan(profile, answers, 2025)
    assert main_window.view.store.get_plan(main_window.view.store.get_assessment(organization, 2025)) is None

    mark_first_step_done(panel)
    edit_choice(panel, 1, STATUS, "dropped")
    edit_text(panel, 1, NOTE, "нет денег в этом году")
    expected = list(default_plan(profile, answers, 2025))
    expected[0] = PlanStep(expected[0].step, "done", RESPONSIBLE_NAME, DUE_QUARTER, "")
    expected[1] = PlanStep(expected[1].step, "dropped", "", expected[1].due, "нет денег в этом году")
    assert panel.model.steps == expected
    main_window.view.context.reread()
    assert main_window.view.store.get_plan(main_window.view.store.get_assessment(organization, 2025)) == expected
    assert "План сохранён" in wizard.result_page.status.text()
    wizard.close()

    main_window.view.select_year(2025)
    reopened = main_window.view.open_selected().result_page.plan_panel
    assert reopened.model.steps == expected
    assert reopened.model.data(reopened.model.index(0, STATUS)) == "выполнен"


@pytest.mark.slow
def test_a_refused_edit_says_why_and_changes_nothing(main_window, organization, example_answers):
    panel = open_result(main_window, organization, example_answers("primary-small.json")).result_page.plan_panel
    before = list(panel.model.steps)
    assert not panel.model.setData(panel.model.index(0, NOTE), "управляющий \x07 символ")
    assert panel.model.steps == before
    assert not panel.error.isHidden() and "управляющий символ" in panel.error.text()


@pytest.mark.slow
def test_last_years_plan_results_are_shown_on_this_years_result_page(main_window, organization, example_answers):
    answers = example_answers("primary-small.json")
    profile = main_window.view.default_profile
    store = main_window.view.store
    store.save_assessment(organization, 2024, profile, answers)
    zero = [c for kpi in explain(profile, answers) for c in kpi.components if c.value == 0.0]
    question = profile.question(zero[0].questions[0])
    best = True if question.type == "bool" else max(question.options, key=lambda o: o.value or 0).id
    store.save_plan(organization, 2024, [PlanStep(zero[0].step, "done"), PlanStep(zero[1].step, "done")])
    panel = open_result(main_window, organization, {**answers, question.id: best}).result_page.plan_panel
    assert panel.review_view.isVisibleTo(panel)
    verdicts = [cells[4] for cells in panel.review_model.cells]
    assert verdicts == ["выполнен, показатель вырос", "отмечен выполненным, но показатель не вырос"]
    assert "План на 2025 год: выполнено шагов 2 из 2, из них показатель вырос у 1" in panel.review_title.text()


@pytest.mark.subprocess
def test_after_a_kill_the_plans_edits_are_there(qtbot, qapp, sqlite_url, ui_state_path, ui_settings):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MATURITY_UI_STATE=ui_state_path)
    process = subprocess.Popen(
        [sys.executable, DRIVER, sqlite_url, str(EXAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 240)
        assert ready, "the driver said nothing in 240 s"
        line = process.stdout.readline()
        assert line.startswith("READY"), process.stderr.read() if process.poll() is not None else line
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    step = line.split()[1]

    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    window = MainWindow(sqlite_url, settings=ui_settings, runner=SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    window.view.refresh(window.view.store.list_organizations()[0].id)
    window.view.select_year(2025)
    panel = window.view.open_selected().result_page.plan_panel
    assert panel.model.steps[0] == PlanStep(step, "done", RESPONSIBLE_NAME, DUE_QUARTER, "")
    assert panel.saved
    window.view.wizard.close()
