"""One assessment, one set of numbers: every output shows a figure as ``maturity score --json`` rounds it.

The assessment is examples/territorial-health.json with two answers changed so that three of its figures are
exact ties at one decimal — K3 = 81.25, the index = 90.25, the digital index = 96.25 (binary floats, exactly) —
and its previous year (one more answer changed) leaves the index change at exactly 1.25. Python's «half to
even» shows each of them one tenth lower (81,2 · 90,2 · 96,2 · +1,2); the method rounds halves up (81,3 ·
90,3 · 96,3 · +1,3). The test reads every output — the command-line table, ``--json``, the assessment
workbook, the consolidated report, the result page, the assessments table, the comparison table and the
charts' labels — and requires the JSON's number in each of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from maturity.engine.scoring import ScoreResult, score
from maturity.exchange.assessment_json import AssessmentDocument, read_assessment_json, write_assessment_json
from maturity.views.numbers import format_change, format_score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "territorial-health.json"
TIES = {"k3.info_meetings": 1, "k6.solidarnost_copies": 109}  # K3 81.25, index 90.25, digital index 96.25
PREVIOUS = {"k4.main_subscribers": 0}  # on top of TIES: the index 89.0, a change of 1.25
TIED = ("k3", "index", "digital_index")
INDEX_LABEL = "Индекс информационной работы и цифровой зрелости"
DIGITAL_LABEL = "Индекс цифровой зрелости"


def is_tie(value: float) -> bool:
    """The binary float itself lies exactly half-way between two tenths (not merely its decimal spelling)."""
    hundredths = Decimal(value) * 100
    return hundredths == hundredths.to_integral_value() and hundredths % 10 == 5


def comma(number: float) -> str:
    """The text a reader must see for a number of the JSON (already rounded to one decimal)."""
    return f"{number:.1f}".replace(".", ",")


def signed(number: float) -> str:
    return ("+" if number > 0 else "\u2212" if number < 0 else "") + comma(abs(number))


@pytest.fixture(scope="module")
def documents() -> tuple[AssessmentDocument, AssessmentDocument]:
    """(this year, last year) of one organization."""
    now = read_assessment_json(EXAMPLE)
    now.answers.update(TIES)
    before = AssessmentDocument(now.profile, now.year - 1, {**now.answers, **PREVIOUS}, dict(now.meta))
    return now, before


@pytest.fixture(scope="module")
def result(documents) -> ScoreResult:
    return score(documents[0].profile, documents[0].answers)


@pytest.fixture(scope="module")
def expected(result) -> dict[str, float]:
    """Every figure as ``--json`` gives it, by figure id (k1…k10, index, digital_index)."""
    figures = result.to_json()
    return {**figures["kpis"], "index": figures["index"], "digital_index": figures["digital_index"]}


@pytest.fixture(scope="module")
def change(documents, result) -> float:
    """The index change to last year, rounded as the report writes it."""
    from maturity.engine.rounding import round_figure

    before = score(documents[1].profile, documents[1].answers)
    exact = result.index - before.index
    assert is_tie(exact) and exact == 1.25
    return round_figure(exact)


def test_the_assessment_really_hits_half_way_cases(result, expected):
    figures = {**result.kpis, "index": result.index, "digital_index": result.digital_index}
    for figure in TIED:
        assert is_tie(figures[figure]), (figure, figures[figure])
        # Python's own formatting would show one tenth less: the outputs below could disagree
        assert f"{figures[figure]:.1f}".replace(".", ",") != comma(expected[figure])
    assert (expected["k3"], expected["index"], expected["digital_index"]) == (81.3, 90.3, 96.3)
    assert all(value is not None for value in expected.values())


# ------------------------------------------------------------------ command line


def maturity(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def assessment_file(documents, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("one-number") / "оценка.json"
    write_assessment_json(documents[0], path)
    return path


@pytest.mark.subprocess
def test_score_json_gives_the_figures_rounded_half_up(assessment_file, expected):
    printed = json.loads(maturity("score", "--json", str(assessment_file)))
    assert {**printed["kpis"], "index": printed["index"], "digital_index": printed["digital_index"]} == expected


@pytest.mark.subprocess
def test_the_score_table_shows_the_json_figures(assessment_file, documents, expected):
    lines = maturity("score", str(assessment_file)).splitlines()
    shown = {}
    for kpi in documents[0].profile.kpis:
        line = next(x for x in lines if x.startswith(f"{kpi.id.upper()} {kpi.title}"))
        shown[kpi.id] = line.split()[-1]
    shown["index"] = next(x for x in lines if x.startswith(INDEX_LABEL + ":")).split()[-1]
    shown["digital_index"] = next(x for x in lines if x.startswith(DIGITAL_LABEL + ":")).split()[-1]
    assert shown == {figure: comma(number) for figure, number in expected.items()}


# ------------------------------------------------------------------ workbooks


def test_the_assessment_workbook_holds_the_json_figures(documents, result, expected, tmp_path):
    from maturity.exchange.workbook_export import FIGURE_FORMAT, READABLE_SHEET, write_assessment_workbook

    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(documents[0], path, result)
    ws = load_workbook(path)[READABLE_SHEET]
    cells = {row[0].value: row[1] for row in ws.iter_rows(max_col=2) if isinstance(row[0].value, str)}
    labels = {kpi.id: f"{kpi.id.upper()} {kpi.title}" for kpi in documents[0].profile.kpis}
    labels |= {"index": INDEX_LABEL, "digital_index": DIGITAL_LABEL}
    assert {figure: cells[label].value for figure, label in labels.items()} == expected
    assert {cells[label].number_format for label in labels.values()} == {FIGURE_FORMAT}  # one decimal, as the JSON


@pytest.fixture
def stored(store, documents):
    """Both years imported into the database (SQLite and PostgreSQL); the organization's name."""
    from maturity.usecases.importing import import_documents

    report = import_documents(store, list(documents))
    assert report.ok, report.summary()
    return documents[0].answers["profile.name"]


def test_the_consolidated_report_holds_the_json_figures(store, stored, documents, expected, change, tmp_path):
    from maturity.exchange.report_export import CHANGES_SHEET, FIRST_DATA_ROW, SUMMARY_SHEET
    from maturity.usecases.report_source import export_report

    path = tmp_path / "отчёт.xlsx"
    assert export_report(store, documents[0].year, path) == 1
    book = load_workbook(path)
    summary = book[SUMMARY_SHEET]
    header = [c.value for c in summary[FIRST_DATA_ROW - 1]]
    row = [c.value for c in summary[FIRST_DATA_ROW]]
    assert row[0] == stored
    columns = {kpi.id: kpi.id.upper() for kpi in documents[0].profile.kpis}  # K1 … K10 (on «Расшифровка»)
    columns |= {"index": "Индекс", "digital_index": "ИЦЗ"}
    assert {figure: row[header.index(title)] for figure, title in columns.items()} == expected
    changes = book[CHANGES_SHEET]
    header = [c.value for c in changes[FIRST_DATA_ROW - 1]]
    row = [c.value for c in changes[FIRST_DATA_ROW]]
    assert row[header.index(f"Индекс {documents[0].year}")] == expected["index"]
    assert row[header.index("Изм.")] == change == 1.3


# ------------------------------------------------------------------ windows


def test_the_result_page_shows_the_json_figures(qtbot, documents, expected):
    from maturity.engine.session import AssessmentSession
    from ui.wizard.result_page import ResultPage

    document = documents[0]
    page = ResultPage(AssessmentSession(document.profile, document.year, dict(document.answers)))
    qtbot.addWidget(page)
    page.refresh()
    model = page.kpi_model
    shown = {kpi.id: model.index(i, 1).data() for i, kpi in enumerate(document.profile.kpis)}
    shown |= {"index": page.index.value.text(), "digital_index": page.digital.value.text()}
    assert shown == {figure: comma(number) for figure, number in expected.items()}


def test_the_assessments_table_shows_the_stored_figures_as_the_json(qapp, store, stored, documents, expected):
    from ui.main.assessments_model import AssessmentRow, AssessmentsModel

    organization = store.organization_by_uid(documents[0].organization_id)
    scores = store.get_score(store.get_assessment(organization, documents[0].year))
    model = AssessmentsModel()
    model.set_rows([AssessmentRow(documents[0].year, "complete", scores.index, scores.digital_index, "", 1.0, 0, "")])
    assert (model.index(0, 2).data(), model.index(0, 3).data()) == (
        comma(expected["index"]),
        comma(expected["digital_index"]),
    )


def test_the_comparison_table_and_its_charts_show_the_json_figures(qapp, store, stored, documents, expected, change):
    from maturity.storage.comparison import ComparisonFilter
    from maturity.usecases.comparison_charts import build_chart
    from ui.compare.comparison_model import ComparisonModel

    profile = documents[0].profile
    model = ComparisonModel(store.session, profile)
    f = ComparisonFilter(documents[0].year)
    model.set_filter(f)
    assert model.rowCount() == 1
    shown = {key: model.index(0, model.column_of(key)).data() for key in expected}
    assert shown == {figure: comma(number) for figure, number in expected.items()}
    assert model.index(0, model.column_of("index_change")).data() == signed(change) == "+1,3"

    # the figures charts write beside their bars and points
    years = build_chart(store.session, "years", f, [model.row(0)], profile)
    labels = {text.get_text() for text in years.axes[0].texts}
    assert {comma(expected["index"]), comma(expected["digital_index"])} <= labels
    group = build_chart(store.session, "group", f, [model.row(0)], profile)
    bar_labels = [text.get_text() for text in group.axes[0].texts]
    assert bar_labels == [comma(expected[k]) for k in [*(kpi.id for kpi in profile.kpis), "index", "digital_index"]]


# ------------------------------------------------------------------ the formatting itself, for any figure


# any float, and floats spelled with two or three decimals (where the half-way cases are)
FIGURES = st.one_of(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.decimals(min_value=0, max_value=100, places=2).map(float),
    st.decimals(min_value=0, max_value=100, places=3).map(float),
)


@given(FIGURES)
@example(26.25)
@example(0.15)
def test_format_score_shows_the_number_the_json_gives(value):
    reported = ScoreResult("p", "1", {"k1": value}, {}, value, value, None, {}, 1.0).to_json()
    assert format_score(value) == comma(reported["index"]) == comma(reported["kpis"]["k1"])


@given(st.integers(min_value=0, max_value=999))
def test_every_exact_half_tenth_rounds_up(n):
    value = (2 * n + 1) / 20  # n/10 + 0.05: 0.05, 0.15, …, 99.95
    assert format_score(value) == comma((n + 1) / 10)


@given(st.one_of(FIGURES, FIGURES.map(lambda x: -x)))
def test_format_change_is_the_json_rounding_with_a_sign(value):
    from maturity.engine.rounding import round_figure

    assert format_change(value) == signed(round_figure(value))
