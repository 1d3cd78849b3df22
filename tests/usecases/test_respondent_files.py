"""Respondents' copies read from any form the chair handed out — the app's JSON, a filled blank form (Excel), an
assessment workbook — merged into one; copies of another method are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.engine.respondent_merge import MergeInvalid
from maturity.exchange.assessment_json import AssessmentDocument, write_assessment_json
from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.method.profile import load_profile
from maturity.usecases.respondent_files import merge_files

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))


def answered(meetings: int, designated: bool) -> dict:
    return dict(SMALL["answers"], **{"k3.info_meetings": meetings, "k1.responsible_designated": designated})


def test_a_blank_form_a_workbook_and_a_json_copy_merge_into_one(tmp_path):
    form = tmp_path / "анкета активиста.xlsx"
    write_blank_form(PROFILE, form, year=2025, answers=answered(10, True), meta=SMALL["meta"])
    workbook = tmp_path / "анкета молодёжного совета.xlsx"
    write_assessment_workbook(AssessmentDocument(PROFILE, 2025, answered(30, False), dict(SMALL["meta"])), workbook)
    chair = tmp_path / "председатель.json"
    write_assessment_json(AssessmentDocument(PROFILE, 2025, answered(20, True), dict(SMALL["meta"])), chair)

    result = merge_files([chair, form, workbook])
    assert result.merged.respondents == 3
    assert result.document.answers["k3.info_meetings"] == 20  # the median of 20, 10, 30
    assert result.document.answers["k1.responsible_designated"] is True  # two of three
    assert result.document.organization_id == SMALL["meta"]["organization_id"]
    first = result.merged.agenda[0]
    assert first["question"] == "k3.info_meetings" and first["answers"] == [20, 10, 30]


def test_a_copy_of_another_method_is_refused(tmp_path):
    chair = tmp_path / "председатель.json"
    write_assessment_json(AssessmentDocument(PROFILE, 2025, answered(20, True), {}), chair)
    other = tmp_path / "другая.json"
    write_assessment_json(AssessmentDocument(load_profile("sudprof"), 2025, answered(20, True), {}), other)
    with pytest.raises(MergeInvalid, match="по другой методике"):
        merge_files([chair, other])
