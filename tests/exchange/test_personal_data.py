"""Personal data stays home: the consolidated report leaves the respondents' names and roles out unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.exchange.assessment_json import read_assessment_json
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import ANSWERS_SHEET, write_report
from maturity.method.profile import find_profile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROPERTY = settings(
    max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
names = st.text(st.characters(min_codepoint=0x410, max_codepoint=0x44F), min_size=3, max_size=30)


def cells(path) -> list:
    return [c for row in load_workbook(path).worksheets for r in row.iter_rows(values_only=True) for c in r]


@pytest.mark.parametrize("profile_id", ["fnpr-base", "sudprof"])
def test_the_respondent_question_and_every_marked_question_are_personal(profile_id):
    profile = find_profile(profile_id)
    personal = profile.personal_question_ids
    assert profile.organization_question("respondent") in personal
    assert {q.id for q in profile.questions.values() if q.personal} <= personal
    assert len(personal) >= 2  # the name and the role in the shipped profiles


@pytest.mark.slow
@PROPERTY
@given(person=names, role=names, asked=st.booleans())
def test_a_report_holds_the_respondents_only_when_asked(tmp_path_factory, person, role, asked):
    document = read_assessment_json(EXAMPLES / "primary-small.json")
    personal = sorted(document.profile.personal_question_ids)
    document.answers.update(dict(zip(personal, [f"ФИО {person}", f"Должность {role}"], strict=False)))
    path = tmp_path_factory.mktemp("r") / "отчёт.xlsx"

    write_report([entry_from_document(document)], path, year=2025, with_respondents=asked)

    everything = cells(path)
    assert (f"ФИО {person}" in everything) == asked
    assert (f"Должность {role}" in everything) == asked
    ids = [c.value for c in load_workbook(path)[ANSWERS_SHEET][1]]
    assert all((q in ids) == asked for q in personal)


def test_export_with_respondents_on_the_command_line(tmp_path, db_url):
    from maturity.cli.parser import main

    assert main(["import", str(EXAMPLES / "primary-small.json"), "--db", db_url]) == 0
    plain, full = tmp_path / "plain.xlsx", tmp_path / "full.xlsx"
    assert main(["export", "--year", "2025", "-o", str(plain), "--db", db_url]) == 0
    assert main(["export", "--year", "2025", "--with-respondents", "-o", str(full), "--db", db_url]) == 0
    respondent = read_assessment_json(EXAMPLES / "primary-small.json").answers.get("profile.respondent")
    assert respondent and respondent not in cells(plain) and respondent in cells(full)
