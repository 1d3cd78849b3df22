"""«Методика изменилась» in the views that compare years and organizations, on a database holding two versions
of a profile: the earlier year's «Что изменилось», the years chart's data and the comparison's note."""

from __future__ import annotations

import pytest

from maturity.engine.record import build_record
from maturity.engine.scoring import score
from maturity.engine.year_change import year_change
from maturity.method import editing
from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter
from maturity.storage.queries import organization_history
from maturity.usecases.earlier_year import earlier_year
from maturity.usecases.method_changes import redefined_by_year, redefined_in_comparison
from maturity.views.method_change_text import comparison_note

BASE = load_profile("fnpr-base", "2025.1")  # pinned: the edited version below is made from 2025.1


def meetings_kpi() -> str:
    return next(k.id for k in BASE.kpis if "'meetings_target'" in repr(k.components))


@pytest.fixture
def two_versions(store, example_answers):
    """An organization assessed in 2024 with fnpr-base 2025.1 and in 2025 with an installed 2025.2 whose
    meetings target is 8 instead of 4."""
    start = editing.profile_tree(BASE)
    edited = editing.with_value(start, ("parameters", "meetings_target"), 8)
    tree = editing.saved_tree(start, edited, "fnpr-base", "2025.2", extends=None)
    store.install_profile_text(editing.saved_text(tree, start), "тест")
    newer = store.catalog().find("fnpr-base", "2025.2")
    answers = example_answers("primary-small.json")
    org = store.create_organization(answers["profile.name"], "primary", members=answers["profile.members"])
    store.save_record(org, build_record(BASE, 2024, answers))
    store.save_record(org, build_record(newer, 2025, answers))
    return store, org, newer, answers


def test_the_earlier_year_brings_its_profile_version_and_the_changed_kpi_is_flagged(two_versions):
    store, org, newer, answers = two_versions
    earlier = earlier_year(store.session, org.id, 2025)
    assert earlier is not None and (earlier.profile_id, earlier.profile_version) == ("fnpr-base", "2025.1")
    change = year_change(newer, 2025, score(newer, answers), earlier)
    assert [k.kpi_id for k in change.kpis if k.method_changed] == [meetings_kpi()]


def test_the_years_chart_marks_the_kpi_redefined_in_2025(two_versions):
    store, org, _newer, _answers = two_versions
    assert redefined_by_year(store.session, organization_history(store.session, org.id)) == {2025: {meetings_kpi()}}


def test_the_comparison_says_which_kpis_its_assessments_define_differently(two_versions):
    store, _org, _newer, _answers = two_versions
    redefined = redefined_in_comparison(store.session, ComparisonFilter(year=2025))
    assert redefined == {meetings_kpi()}
    note = comparison_note(BASE, redefined)
    assert note.startswith("Методика изменилась: «") and BASE.kpi(meetings_kpi()).title in note
    assert redefined_in_comparison(store.session.get_bind(), ComparisonFilter(year=2025)) == redefined


def test_one_version_says_nothing(store, example_answers):
    answers = example_answers("primary-small.json")
    org = store.create_organization(answers["profile.name"], "primary", members=answers["profile.members"])
    store.save_record(org, build_record(BASE, 2024, answers))
    store.save_record(org, build_record(BASE, 2025, answers))
    assert redefined_by_year(store.session, organization_history(store.session, org.id)) == {}
    assert redefined_in_comparison(store.session, ComparisonFilter(year=2025)) == frozenset()
    assert comparison_note(BASE, ()) == ""


def test_the_years_chart_marks_a_redefined_kpi_in_its_legend_with_a_footnote():
    from maturity.views.method_change_text import CHART_FOOTNOTE
    from maturity.views.years_chart import years_chart

    figure = years_chart([2024, 2025], [40.0, 45.0], {"Собрания": [50.0, 25.0], "Сайт": [10.0, 20.0]},
                         method_changed=["Собрания"])  # fmt: skip
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "Собрания †" in legend and "Сайт" in legend
    assert CHART_FOOTNOTE in figure.legends[0].get_title().get_text()  # the notes head the legend
    plain = years_chart([2024, 2025], [40.0, 45.0], {"Собрания": [50.0, 25.0]})
    assert "†" not in plain.legends[0].get_title().get_text() and not plain.texts


@pytest.mark.slow
def test_the_reports_year_on_year_sheet_names_the_redefined_kpi(two_versions, tmp_path):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import CHANGES_SHEET, FIRST_DATA_ROW, METHOD_CHANGED_COLUMN
    from maturity.usecases.report_source import export_report

    store, _org, _newer, _answers = two_versions
    path = tmp_path / "report.xlsx"
    export_report(store, 2025, path)
    sheet = load_workbook(path)[CHANGES_SHEET]
    header = [c.value for c in sheet[FIRST_DATA_ROW - 1]]
    row = [c.value for c in sheet[FIRST_DATA_ROW]]
    assert header[-1] == METHOD_CHANGED_COLUMN
    assert row[-1] == meetings_kpi().upper()


@pytest.fixture
def reweighted(store, example_answers):
    """2024 under fnpr-base 2025.1; 2025 under an installed 2026.1 that doubles K2's weight, moves the second
    level's boundary and doubles the threshold of the first norm."""
    start = editing.profile_tree(BASE)
    edited = editing.with_value(start, ("kpis", 1, "weight"), 2 * BASE.kpis[1].weight)
    edited = editing.with_value(edited, ("maturity_levels", 1, "from"), BASE.data.maturity_levels[1].from_ + 5)
    threshold = BASE.norms[0].rule.param
    edited = editing.with_value(edited, ("parameters", threshold), 2 * BASE.parameters[threshold])
    tree = editing.saved_tree(start, edited, "fnpr-base", "2025.2", extends=None)
    store.install_profile_text(editing.saved_text(tree, start), "тест")
    newer = store.catalog().find("fnpr-base", "2025.2")
    answers = example_answers("primary-small.json")
    org = store.create_organization(answers["profile.name"], "primary", members=answers["profile.members"])
    store.save_record(org, build_record(BASE, 2024, answers))
    store.save_record(org, build_record(newer, 2025, answers))
    return store, org, newer, answers


def kpis_reading(parameter: str) -> set[str]:
    return {k.id for k in BASE.kpis if f"'{parameter}'" in repr(k.components)}


THRESHOLD = BASE.norms[0].rule.param


@pytest.mark.slow
def test_what_changed_marks_the_index_the_level_the_norm_and_only_the_kpis_reading_its_threshold(reweighted):
    from maturity.views.year_change_text import METHOD_CHANGED, index_line, level_line, norm_lines

    store, org, newer, answers = reweighted
    change = year_change(newer, 2025, score(newer, answers), earlier_year(store.session, org.id, 2025))

    assert change.method_changed == {"index", "level", BASE.norms[0].id, *kpis_reading(THRESHOLD)}
    assert index_line(change).endswith(f"({METHOD_CHANGED})")
    assert level_line(newer, change).endswith(f"({METHOD_CHANGED})")
    assert any(BASE.norms[0].title in line and METHOD_CHANGED in line for line in norm_lines(newer, change))
    assert {k.kpi_id for k in change.kpis if k.method_changed} == kpis_reading(THRESHOLD)


@pytest.mark.slow
def test_the_years_chart_and_the_comparison_mark_the_reweighted_index(reweighted):
    from maturity.views.years_chart import INDEX_LABEL, years_chart

    store, org, _newer, _answers = reweighted
    redefined = redefined_by_year(store.session, organization_history(store.session, org.id))
    assert redefined == {2025: {"index", "level", BASE.norms[0].id, *kpis_reading(THRESHOLD)}}
    figure = years_chart([2024, 2025], [40.0, 45.0], {}, method_changed=[INDEX_LABEL])
    assert f"{INDEX_LABEL} †" in [t.get_text() for t in figure.legends[0].get_texts()]

    note = comparison_note(BASE, redefined_in_comparison(store.session, ComparisonFilter(year=2025)))
    assert note.startswith("Методика изменилась: «Индекс»; «Уровень зрелости»; «K")
    assert f"норматив «{BASE.norms[0].title}»" in note


@pytest.mark.slow
def test_the_reports_dynamics_names_the_reweighted_index(reweighted, tmp_path):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import CHANGES_SHEET, FIRST_DATA_ROW
    from maturity.usecases.report_source import export_report

    store, _org, _newer, _answers = reweighted
    path = tmp_path / "report.xlsx"
    export_report(store, 2025, path)
    row = [c.value for c in load_workbook(path)[CHANGES_SHEET][FIRST_DATA_ROW]]
    kpis = ", ".join(k.upper() for k in sorted(kpis_reading(THRESHOLD)))
    assert row[-1] == f"индекс, уровень зрелости, {kpis}, норматив {BASE.norms[0].id}"


def test_a_year_under_the_shipped_2026_1_beside_one_under_2025_1_marks_the_kpis_2026_1_redefines(
    store, example_answers
):
    newer = load_profile("fnpr-base", "2026.1")
    answers = example_answers("primary-small.json")
    org = store.create_organization(answers["profile.name"], "primary", members=answers["profile.members"])
    store.save_record(org, build_record(BASE, 2024, answers))
    store.save_record(org, build_record(newer, 2025, answers))
    redefined = redefined_by_year(store.session, organization_history(store.session, org.id))
    assert redefined == {2025: {"k2", "k3", "k4", "k6", "k8", "k10"}}
    earlier = earlier_year(store.session, org.id, 2025)
    change = year_change(newer, 2025, score(newer, answers), earlier)
    assert {k.kpi_id for k in change.kpis if k.method_changed} == {"k2", "k3", "k4", "k6", "k8", "k10"}
