"""The plan says only what is left to do, names steps by text and KPIs by title, a norm by its name, and
writes quarters one way everywhere: «II кв. 2026» (issue 21, item 3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from maturity.engine.plan import PlanInvalid, PlanStep, check_due, default_plan, step_kpi_title, step_text
from maturity.engine.roadmap import recommendations
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.views.plan_text import quarter_label, quarter_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROMAN = ("I", "II", "III", "IV")
OTHER_QUARTER_FORMS = re.compile(r"\d{4}-Q[1-4]|\b[1-4] кв\.")


@given(year=st.integers(2000, 2100), quarter=st.integers(1, 4), form=st.integers(0, 3))
def test_a_quarter_is_read_as_it_is_printed_and_as_it_is_kept(year, quarter, form):
    text = [
        f"{year}-Q{quarter}",
        f"{ROMAN[quarter - 1]} кв. {year}",
        f"{quarter} кв. {year}",
        f"{ROMAN[quarter - 1]} квартал {year} г.",
    ][form]
    assert check_due(text) == f"{year}-Q{quarter}"
    assert quarter_text(check_due(text)) == quarter_label(year, quarter) == f"{ROMAN[quarter - 1]} кв. {year}"


@pytest.mark.parametrize("text", ["V кв. 2026", "5 кв. 2026", "II кв. 1999", "II кв.", "кв. 2026", "2026-Q5"])
def test_a_quarter_that_is_none_is_refused(text):
    with pytest.raises(PlanInvalid):
        check_due(text)


def test_a_norms_step_names_the_norm(base_profile):
    for norm in base_profile.norms:
        assert step_kpi_title(base_profile, norm.id) == f"Норматив: {norm.title}"
    kpi = base_profile.kpis[0]
    assert step_kpi_title(base_profile, f"{kpi.id}.{kpi.components[0].id}") == kpi.title


def test_a_step_says_what_is_left_to_do_word_for_word_as_the_road_map(base_profile, example_answers):
    for name in ("primary-small.json", "primary-shipyard.json", "territorial-health.json"):
        answers = example_answers(name)
        for rec in recommendations(base_profile, answers):
            assert step_text(base_profile, rec.ref, answers) == rec.text


def test_the_plan_sheet_prints_steps_by_text_and_quarters_the_one_way_and_reads_back(
    tmp_path, base_profile, example_answers
):
    answers = example_answers("primary-small.json")
    plan = default_plan(base_profile, answers, 2025)
    plan[0] = PlanStep(plan[0].step, "in_progress", "Иванова Е. В.", "2026-Q3", "смета")
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(AssessmentDocument(base_profile, 2025, answers, plan=plan), path)
    sheet = load_workbook(path)["План"]
    assert sheet.column_dimensions["A"].hidden  # the step's id is for the program only
    assert "$B$1:$G$" in str(sheet.print_area)  # printed from «Что сделать» on
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    road_map = recommendations(base_profile, answers)
    assert [r[1] for r in rows] == [rec.text for rec in road_map]
    assert rows[0][5] == "III кв. 2026"
    assert all(r[5] is None or re.fullmatch(r"(I|II|III|IV) кв\. 20\d\d", r[5]) for r in rows)
    for row in rows:  # a row tall enough for its wrapped text
        assert sheet.row_dimensions[rows.index(row) + 2].height >= 15
    assert read_assessment_workbook(path).plan == plan


@pytest.mark.subprocess
def test_the_road_map_writes_quarters_the_one_way_in_the_cli_and_the_workbook(tmp_path, base_profile, example_answers):
    done = subprocess.run(
        [sys.executable, "-m", "maturity", "score", str(EXAMPLES / "primary-small.json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    road_map = done.stdout.split("Дорожная карта:", 1)[1]
    assert "I кв. 2026:" in road_map and not OTHER_QUARTER_FORMS.search(road_map)
    answers = example_answers("primary-small.json")
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(AssessmentDocument(base_profile, 2025, answers), path)
    sheet = load_workbook(path).worksheets[0]
    texts = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(re.fullmatch(r"(I|II|III|IV) кв\. 2026", t) for t in texts)
    assert not any(OTHER_QUARTER_FORMS.search(t) for t in texts)
