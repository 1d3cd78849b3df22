"""A profile with eleven or twelve KPIs works everywhere with no code change (issue 11, item 3).

tests/profiles/eleven-kpis.yaml and twelve-kpis.yaml are copies of fnpr-base with one or two sections and
KPIs added (k11, k12). For each, organizations whose answers to the added questions are generated (each a
different score of every added KPI) are scored and saved through the store (SQLite and PostgreSQL), and
every added KPI must appear: in the stored KPI rows, the comparison table (a column, and a sort by it), the
comparison charts (bars and radar with one axis per KPI), the assessment workbook (written, read back), the
consolidated report (written, read back and imported into another database with the same figures), and in
the wizard (the added section's page, the result page's table and radar).

The test profiles are made «installed» by tests/kpi_profiles.py (see there what is patched).
"""

from __future__ import annotations

import itertools
import random

import pytest
from kpi_profiles import TEST_PROFILE_IDS, installed_test_profiles  # noqa: F401 (a fixture)
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from wizard_driver import fill_page

from maturity.engine.rounding import round_figure
from maturity.engine.scoring import score
from maturity.views.numbers import format_score

ORGANIZATIONS = 5


@pytest.fixture(params=TEST_PROFILE_IDS)
def profile(request, installed_test_profiles):  # noqa: F811
    from maturity.method.profile import find_profile

    return find_profile(request.param)


def added_kpis(profile) -> list:
    """The KPIs the test profile adds to fnpr-base (their ids read from the profiles, not written here)."""
    from maturity.method.profile import load_profile

    shipped = {k.id for k in load_profile("fnpr-base").kpis}
    return [k for k in profile.kpis if k.id not in shipped]


def generated_answers(profile, example_answers) -> list[dict]:
    """ORGANIZATIONS answer sets: the example's, renamed, with the added questions answered so that the
    first added KPI takes a different value in each (a yes/no and a count, drawn without repeats)."""
    added = added_kpis(profile)
    assert added, "the test profile must add KPIs"
    rng = random.Random(len(profile.kpis))
    sections = {s.id: s for s in profile.sections}
    combos = list(itertools.product([False, True], [0, 1, 2]))  # k11: 0, 20, 40, 60, 80, 100
    first = rng.sample(combos, ORGANIZATIONS)
    answer_sets = []
    for number in range(ORGANIZATIONS):
        answers = dict(example_answers("primary-small.json"))
        answers["profile.name"] = f"ППО № {number + 1}"
        for position, kpi in enumerate(added):
            flag, count = first[number] if position == 0 else rng.choice(combos)
            bool_question, int_question = (q.id for q in sections[kpi.id].questions)
            answers[bool_question], answers[int_question] = flag, count
        answer_sets.append(answers)
    return answer_sets


@pytest.fixture
def saved(store, profile, example_answers):
    """The organizations saved through the store: [(organization, answers, score result)]."""
    rows = []
    for answers in generated_answers(profile, example_answers):
        org = store.create_organization(answers["profile.name"], "primary")
        store.save_assessment(org, 2025, profile, answers)
        rows.append((org, answers, score(profile, answers)))
    return rows


@pytest.mark.slow
def test_the_added_kpis_are_scored_and_stored_by_id(store, profile, saved):
    assert len(profile.kpis) in (11, 12)
    for org, _, result in saved:
        stored = store.get_kpis(store.get_assessment(org, 2025))
        assert list(result.kpis) == [k.id for k in profile.kpis]
        assert stored == pytest.approx(result.kpis)
        assert all(stored[k.id] is not None for k in added_kpis(profile))
    firsts = [result.kpis[added_kpis(profile)[0].id] for _, _, result in saved]
    assert len(set(firsts)) == ORGANIZATIONS  # the generated answers really differ in the added KPI


@pytest.mark.slow
def test_the_comparison_table_has_a_column_per_kpi_and_sorts_by_an_added_one(qapp, store, profile, saved):
    from maturity.storage.comparison import ComparisonFilter
    from ui.compare.comparison_model import ComparisonModel

    model = ComparisonModel(store.session, profile)
    model.set_filter(ComparisonFilter(2025))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [h for h in headers if h.startswith("K")] == [k.id.upper() for k in profile.kpis]
    for kpi in added_kpis(profile):
        column = model.column_of(kpi.id)
        model.sort(column, Qt.SortOrder.DescendingOrder)
        shown = [model.index(row, column).data() for row in range(model.rowCount())]
        values = sorted((result.kpis[kpi.id] for _, _, result in saved), reverse=True)
        assert shown == [format_score(v) for v in values]
        names = [model.index(row, model.column_of("name")).data() for row in range(model.rowCount())]
        by_value = {answers["profile.name"]: result.kpis[kpi.id] for _, answers, result in saved}
        assert [by_value[n] for n in names] == values


@pytest.mark.slow
def test_the_comparison_charts_have_an_axis_per_kpi(qapp, store, profile, saved):
    from maturity.storage.comparison import ComparisonFilter, comparison_ids, rows_by_id
    from maturity.usecases.comparison_charts import build_chart

    f = ComparisonFilter(2025)
    ids = comparison_ids(store.session, f)
    rows = [rows_by_id(store.session, 2025, ids)[i] for i in ids]
    kpi_labels = [k.id.upper() for k in profile.kpis]

    bars = build_chart(store.session, "bars", f, rows, profile)
    labels = [t.get_text().split()[0] for t in bars.axes[0].get_yticklabels()]  # the labels are wrapped, cut
    assert labels == [*kpi_labels, "Индекс", "Цифровой"]
    first_bars = bars.axes[0].containers[0]  # the first organization's bars, one per figure
    assert [b.get_width() for b in first_bars][: len(profile.kpis)] == pytest.approx(
        [rows[0].kpis[k.id] for k in profile.kpis]
    )

    radar = build_chart(store.session, "radar", f, rows, profile)
    assert len(radar.axes[0].get_xticks()) == len(profile.kpis)


@pytest.mark.slow
def test_the_assessment_workbook_holds_the_added_kpis_and_reads_back(store, profile, saved, tmp_path):
    from maturity.exchange.workbook_export import READABLE_SHEET, write_assessment_workbook
    from maturity.exchange.workbook_import import read_assessment_workbook
    from maturity.usecases.documents import assessment_document

    org, answers, result = saved[0]
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(assessment_document(store, org, 2025), path)
    ws = load_workbook(path)[READABLE_SHEET]
    cells = {row[0].value: row[1].value for row in ws.iter_rows(max_col=2) if isinstance(row[0].value, str)}
    for kpi in profile.kpis:
        assert cells[f"{kpi.id.upper()} {kpi.title}"] == round_figure(result.kpis[kpi.id])

    back = read_assessment_workbook(path)
    assert back.profile.id == profile.id and back.answers == store.get_assessment(org, 2025).answers
    assert score(back.profile, back.answers).kpis == result.kpis


@pytest.mark.slow
def test_the_consolidated_report_holds_the_added_kpis_and_imports_into_another_database(
    store, profile, saved, tmp_path
):
    from maturity.exchange.report_export import FIRST_DATA_ROW, SUMMARY_SHEET
    from maturity.storage.store import open_store
    from maturity.usecases.importing import import_documents
    from maturity.usecases.report_source import export_report

    path = tmp_path / "отчёт.xlsx"
    assert export_report(store, 2025, path, with_respondents=True) == ORGANIZATIONS  # every answer travels
    summary = load_workbook(path)[SUMMARY_SHEET]
    header = [c.value for c in summary[FIRST_DATA_ROW - 1]]
    rows = {r[0]: r for r in summary.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if r[0]}
    for _, answers, result in saved:
        row = rows[answers["profile.name"]]
        for kpi in profile.kpis:
            assert row[header.index(kpi.id.upper())] == round_figure(result.kpis[kpi.id])

    with open_store(f"sqlite:///{tmp_path / 'другая.db'}") as other:
        report = import_documents(other, [path])
        assert report.ok, report.summary()
        for org, answers, result in saved:
            copy = other.get_assessment(other.organization_by_uid(org.uid), 2025)
            assert copy.profile_id == profile.id and copy.answers == answers
            assert other.get_kpis(copy) == pytest.approx(result.kpis)


@pytest.mark.slow
def test_the_wizard_has_the_added_sections_and_shows_the_added_kpis(qtbot, profile, example_answers):
    from maturity.engine.session import AssessmentSession
    from ui.wizard.wizard import AssessmentWizard

    answers = generated_answers(profile, example_answers)[0]
    shown_first = {k: v for k, v in answers.items() if not k.startswith(tuple(f"{k.id}." for k in added_kpis(profile)))}
    wizard = AssessmentWizard(AssessmentSession(profile, 2025, shown_first))
    qtbot.addWidget(wizard)
    for kpi in added_kpis(profile):
        page = wizard.page(wizard.page_ids[kpi.id])
        wizard.setStartId(wizard.page_ids[kpi.id])
        wizard.restart()
        assert fill_page(page, answers) == [q.id for q in page.section.questions]
    assert wizard.session.answers == answers

    page = wizard.result_page
    page.refresh()
    result = score(profile, answers)
    table = {
        page.kpi_model.index(i, 0).data(): page.kpi_model.index(i, 1).data() for i in range(page.kpi_model.rowCount())
    }
    assert len(table) == len(profile.kpis)
    for kpi in profile.kpis:
        assert any(
            label.startswith(kpi.id.upper()) and value == format_score(result.kpis[kpi.id])
            for label, value in table.items()
        )
    assert len(page.chart.figure.axes[0].get_xticks()) == len(profile.kpis)
