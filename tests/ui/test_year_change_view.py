"""The result page says what changed since last year, and marks a draft's figures «предварительно»."""

from __future__ import annotations

import pytest
from base_versions import pin_window_to_2025_1
from wizard_driver import fill_wizard

from maturity.engine.scoring import score
from maturity.engine.year_change import EarlierYear, year_change
from maturity.views.numbers import format_change


@pytest.mark.slow
def test_the_change_tab_shows_each_kpis_change_and_the_norms_met_and_lost(main_window, organization, example_answers):
    pin_window_to_2025_1(main_window)  # the example answers' figures under 2025.1
    store, profile = main_window.view.store, main_window.view.default_profile
    answers = example_answers("primary-small.json")
    earlier_answers = {**answers, "k1.responsible_designated": False, "profile.info_spending": 6000}
    store.save_assessment(organization, 2024, profile, earlier_answers)
    main_window.view.refresh()

    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers)
    page = wizard.result_page
    assert page.tabs.isTabVisible(page.change_tab) and page.tabs.tabText(page.change_tab) == "Что изменилось"

    before, now = score(profile, earlier_answers), score(profile, answers)
    earlier = EarlierYear(2024, before.index, before.level, before.kpis, {n: o.status for n, o in before.norms.items()})
    expected = year_change(profile, 2025, now, earlier)  # the same function the workbook uses
    shown = {row.cells[0]: row.cells[3] for row in page.change_model.rows}
    assert shown == {k.title: format_change(k.change) for k in expected.kpis}
    text = page.change_text.text()
    assert page.change_heading.text() == "Что изменилось с 2024 года"
    assert [c.title for c in page.change_model.columns[1:3]] == ["2024 год", "2025 год"]
    assert "Индекс: " in text and format_change(expected.index_change) in text
    titles = {n.id: n.title for n in profile.norms}
    for norm_id in expected.norms_met:
        assert f"Выполнен, а в 2024 году нет: {titles[norm_id]}" in text
    for norm_id in expected.norms_lost:
        assert f"Не выполнен, а в 2024 году выполнялся: {titles[norm_id]}" in text
    assert expected.norms_met or expected.norms_lost  # the answers above were chosen to change a norm


@pytest.mark.slow
def test_without_an_earlier_year_there_is_no_change_tab(main_window, organization, example_answers):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json"))
    assert not wizard.result_page.tabs.isTabVisible(wizard.result_page.change_tab)


@pytest.mark.slow
@pytest.mark.parametrize("answered", [False, True])
def test_a_drafts_index_and_level_read_preliminary(main_window, organization, example_answers, answered):
    pin_window_to_2025_1(main_window)  # the example answers' figures under 2025.1
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json") if answered else {})
    page = wizard.result_page
    captions = (page.index.caption.text(), page.level.caption.text())
    assert all(("предварительно" in c) is not answered for c in captions)
    assert page.draft_mark.isVisibleTo(page) is not answered
    assert page.index.value.text().startswith("от ") is not answered  # a draft's index is its range
    assert (page.level.value.text() == "пока не ясен") is not answered


def test_the_main_window_draws_the_index_and_kpis_over_the_years(main_window, organization, example_answers):
    from maturity.storage.queries import organization_history
    from maturity.views.years_chart import INDEX_LABEL

    store, profile = main_window.view.store, main_window.view.default_profile
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2024, profile, {**answers, "k1.responsible_designated": False})
    main_window.view.refresh()
    assert not main_window.years_chart.isVisible()  # one year is no line
    store.save_assessment(organization, 2025, profile, answers)
    main_window.view.refresh()

    assert main_window.years_chart.isVisible()
    axes = main_window.years_chart.figure.axes[0]
    lines = {line.get_label(): list(line.get_ydata()) for line in axes.get_lines()}
    history = organization_history(store.session, organization.id)
    assert lines[INDEX_LABEL] == [h.index for h in history]
    assert len(lines) == len(profile.kpis) + 1
    assert axes.get_title() == "Индекс и показатели по годам"


def test_a_draft_row_reads_preliminary_beside_its_index_and_level(main_window, organization, example_answers):
    answers = example_answers("primary-small.json")
    answers.pop("k1.structure")  # a required question left empty: a draft, yet scored
    main_window.view.store.save_assessment(organization, 2025, main_window.view.default_profile, answers)
    main_window.view.refresh()
    model = main_window.assessments
    from maturity.engine.draft_range import index_range
    from maturity.views.draft_text import range_level_text, short_range_text

    span = index_range(main_window.view.default_profile, answers)
    assert model.index(0, 1).data() == "черновик"
    assert model.index(0, 2).data() == short_range_text(span) and "–" in model.index(0, 2).data()
    assert model.index(0, 4).data() == range_level_text(main_window.view.default_profile, span)
