"""The «План» tab says what is left to do as the «Дорожная карта» tab does, names a norm's step by the norm,
and writes quarters «II кв. 2026» (issue 21, item 3)."""

from __future__ import annotations

import re

import pytest
from wizard_driver import fill_wizard

from ui.plan.model import DUE, KPI, TITLE


@pytest.mark.slow
def test_the_plan_tab_reads_as_the_road_map(main_window, organization, example_answers):
    answers = example_answers("primary-small.json") | {"k7.feedback_forms": ["web_form", "bot"]}
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers)
    page = wizard.result_page
    plan, road_map = page.plan_panel.model, page.roadmap_model
    rows = range(plan.rowCount())
    texts = [plan.data(plan.index(r, TITLE)) for r in rows]
    assert texts == [row.cells[1] for row in road_map.rows]  # word for word
    feedback = next(t for t in texts if t.startswith("Добавьте формы обратной связи"))
    assert "чат-бот в соцсети" not in feedback and "форма на сайте" not in feedback.lower()  # chosen already
    assert [plan.data(plan.index(r, KPI)) for r in rows] == [row.cells[2] for row in road_map.rows]
    assert any(plan.data(plan.index(r, KPI)).startswith("Норматив: ") for r in rows)
    quarters = [plan.data(plan.index(r, DUE)) for r in rows] + [row.cells[0] for row in road_map.rows]
    assert all(re.fullmatch(r"(I|II|III|IV) кв\. 2026", q) for q in quarters)
