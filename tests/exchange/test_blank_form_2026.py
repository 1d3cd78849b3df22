"""The blank form of the 2026.1 method and of fplo: generated from the profile (a row for every question and
option, in the profile's order), named by its version, and every wrapped question given the height it needs."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from workbook_helpers import row_of

from maturity.exchange.blank_form import FORM_SHEET, write_blank_form
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.method.profile import load_profile

QUESTION_COLUMN_CHARS = 70  # column C's width: a longer text wraps


@pytest.mark.parametrize("profile_id", ["fnpr-base", "fplo", "sudprof"])
def test_the_2026_1_form_has_a_row_for_every_question_in_the_profiles_order(tmp_path, profile_id):
    profile = load_profile(profile_id)
    path = tmp_path / "анкета.xlsx"
    write_blank_form(profile, path)
    ws = load_workbook(path)[FORM_SHEET]
    rows = [row_of(ws, q.id) for s in profile.sections for q in s.questions]
    assert rows == sorted(rows)
    for question in profile.questions.values():
        for option in question.options if question.type == "multi" else ():
            assert row_of(ws, f"{question.id}:{option.id}") > row_of(ws, question.id)
    ws.cell(row=row_of(ws, "year"), column=4).value = 2026
    ws.cell(row=row_of(ws, profile.organization_question("name")), column=4).value = "ППО"
    ws.parent.save(path)
    document = read_assessment_workbook(path)
    assert (document.profile.id, document.profile.version) == (profile_id, "2026.1")


def test_a_question_longer_than_its_column_gets_a_row_of_more_than_one_line(tmp_path):
    profile = load_profile("fnpr-base")
    path = tmp_path / "анкета.xlsx"
    write_blank_form(profile, path)
    ws = load_workbook(path)[FORM_SHEET]
    long = [q for q in profile.questions.values() if len(q.text) > QUESTION_COLUMN_CHARS]
    short = [q for q in profile.questions.values() if len(q.text) < 40 and q.type in ("bool", "choice")]
    assert long and short
    heights = {q.id: ws.row_dimensions[row_of(ws, q.id)].height for q in long + short}
    one_line = max(heights[q.id] for q in short)
    assert all(heights[q.id] > one_line for q in long)
