"""Evidence and comments in the consolidated report: the share of answers with evidence on «Сводка», the marks
(and, only with respondents, the comments) on «Ответы организаций», read back by the importer of another
database (SQLite and PostgreSQL through the ``store`` fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from maturity.engine.answer_notes import AnswerNotes, evidence_share
from maturity.exchange.report_export import EVIDENCE_COLUMN, SUMMARY_SHEET
from maturity.method.profile import load_profile
from maturity.storage.answer_notes import notes_of
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents
from maturity.usecases.report_source import export_report

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTES = AnswerNotes(
    {"k1.structure": "решение профкома, докладчик Иванова"},
    {"k1.structure": "протокол № 5", "k1.plan_quarterly": "", "k3.info_meetings": "https://example.org/план"},
)


def fill(store_url: str, tmp_path: Path) -> dict:
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    data["comments"], data["evidence"] = NOTES.comments, NOTES.evidence
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with open_store(store_url) as store:
        assert import_documents(store, [path]).ok
    return data


def summary_value(path: Path, column: str, name_part: str) -> object:
    ws = load_workbook(path, read_only=True)[SUMMARY_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    index = list(rows[1]).index(column)
    return next(r[index] for r in rows[2:] if r[0] and name_part in r[0])


@pytest.mark.parametrize("with_respondents", [False, True])
def test_evidence_travels_in_the_report_and_comments_only_with_respondents(store, tmp_path, with_respondents):
    territory = f"sqlite:///{tmp_path / 'territory.db'}"
    data = fill(territory, tmp_path)
    report = tmp_path / "отчёт.xlsx"
    with open_store(territory) as source:
        export_report(source, 2025, report, with_respondents=with_respondents)

    share = evidence_share(PROFILE, data["answers"], NOTES.evidence)
    assert summary_value(report, EVIDENCE_COLUMN, "Средняя школа") == round(share * 100)

    imported = import_documents(store, [report])
    assert imported.ok, imported.summary()
    org = store.organization_by_uid(data["meta"]["organization_id"])
    aid = store.stored_id_of(store.get_assessment(org, 2025))
    kept = notes_of(store.session, [aid])[aid]
    assert kept.evidence == NOTES.evidence
    assert kept.comments == (NOTES.comments if with_respondents else {})
    text = "".join(
        str(c)
        for row in load_workbook(report, read_only=True).worksheets
        for r in row.iter_rows(values_only=True)
        for c in r
    )
    assert ("Иванова" in text) is with_respondents


def test_an_organization_without_evidence_reads_zero_and_one_without_counted_answers_a_dash(tmp_path):
    from maturity.exchange.assessment_json import AssessmentDocument
    from maturity.exchange.report_entry import entry_from_document

    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    entry = entry_from_document(AssessmentDocument(PROFILE, 2025, data["answers"], {}))
    assert entry.evidence_share == 0.0
    facts = {PROFILE.organization_question(f) for f in ("name", "level", "members", "parent", "region", "sector")}
    only_facts = {k: v for k, v in data["answers"].items() if k in facts or k in PROFILE.personal_question_ids}
    assert entry_from_document(AssessmentDocument(PROFILE, 2025, only_facts, {})).evidence_share is None


@pytest.mark.parametrize(("typed", "share"), [("40", 0.4), ("40 %", 0.4), ("40,5", 0.405), ("0", 0.0), ("100", 1.0)])
def test_min_evidence_is_a_percentage_as_people_type_it(typed, share):
    from maturity.cli.excel_commands import percent_argument

    assert percent_argument(typed) == pytest.approx(share)


@pytest.mark.parametrize("typed", ["", "сорок", "-5", "101", "nan", "inf", "1e400", "٤٠"])
def test_a_bad_min_evidence_is_refused_in_russian(typed):
    import argparse

    from maturity.cli.excel_commands import percent_argument

    with pytest.raises(argparse.ArgumentTypeError, match="от 0 до 100"):
        percent_argument(typed)


def test_export_with_min_evidence_leaves_out_the_organizations_below_it(tmp_path, capsys):
    from maturity.cli.parser import main

    db = f"sqlite:///{tmp_path / 'territory.db'}"
    fill(db, tmp_path)
    share = evidence_share(
        PROFILE, json.loads((EXAMPLES / "primary-small.json").read_text("utf-8"))["answers"], NOTES.evidence
    )
    below = round(share * 100) + 1
    assert (
        main(["export", "--year", "2025", "-o", str(tmp_path / "r.xlsx"), "--min-evidence", str(below), "--db", db])
        == 2
    )
    assert "нет оценок за 2025 год" in capsys.readouterr().err
    assert main(["export", "--year", "2025", "-o", str(tmp_path / "r.xlsx"), "--min-evidence", "1", "--db", db]) == 0
    assert summary_value(tmp_path / "r.xlsx", EVIDENCE_COLUMN, "Средняя школа") == round(share * 100)
