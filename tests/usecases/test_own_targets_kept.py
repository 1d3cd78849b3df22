"""Own targets kept in the database (both backends), exported with the year's assessment and imported back,
and compared with the year's answers once it is assessed (issue 29)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.own_targets import Decision, OwnTargets, OwnTargetsInvalid
from maturity.engine.scoring import score
from maturity.exchange.assessment_json import (
    AssessmentDocument,
    AssessmentFileError,
    read_assessment_json,
    write_assessment_json,
)
from maturity.exchange.report_export import OWN_TARGETS_COLUMN
from maturity.storage.own_targets import get_own_targets
from maturity.usecases.documents import assessment_document
from maturity.usecases.importing import import_documents
from maturity.usecases.own_targets import save_targets, target_results, targets_of_year

DECISION = Decision("Президиум профкома", "7", "2025-12-18")


def organization_with_year(store, profile, answers, year=2025):
    org = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(org, year, profile, answers)
    return org


def test_targets_are_saved_read_back_and_replaced(store, current_base_profile, example_answers):
    org = organization_with_year(store, current_base_profile, example_answers("primary-small.json"))
    save_targets(store, org, 2026, {"funding_target_share": 0.06, "meetings_target": 6}, DECISION)
    kept = get_own_targets(store, org.id, 2026)
    assert kept == OwnTargets(2026, {"funding_target_share": 0.06, "meetings_target": 6.0}, DECISION)
    assert get_own_targets(store, org.id, 2025) is None
    save_targets(store, org, 2026, {"campaigns_target": 5}, Decision())
    assert get_own_targets(store, org.id, 2026) == OwnTargets(2026, {"campaigns_target": 5.0}, Decision())
    view = targets_of_year(store, org, 2026)
    assert (view.profile.id, view.level) == ("fnpr-base", "primary")  # the plan's method: the 2025 assessment's


def test_a_value_below_the_floor_is_refused_and_the_kept_targets_stay(store, current_base_profile, example_answers):
    org = organization_with_year(store, current_base_profile, example_answers("primary-small.json"))
    save_targets(store, org, 2026, {"funding_target_share": 0.06}, DECISION)
    with pytest.raises(OwnTargetsInvalid, match="нижнюю границу"):
        save_targets(store, org, 2026, {"funding_target_share": 0.03, "meetings_target": 8}, DECISION)
    assert get_own_targets(store, org.id, 2026).values == {"funding_target_share": 0.06}


def test_the_years_assessment_is_compared_with_its_targets_and_its_score_is_the_federations(
    store, current_base_profile, example_answers
):
    answers = example_answers("primary-small.json")  # 3 000 ₽ of 120 000 ₽ = 2,5 %; 1 trained of 85 members
    org = organization_with_year(store, current_base_profile, answers, year=2026)
    index = store.get_score(store.get_assessment(org, 2026)).index
    save_targets(store, org, 2026, {"funding_target_share": 0.05, "trained_per_members": 100}, DECISION)
    results = target_results(store, org, 2026)
    assert [(o.slot.id, o.target, o.actual, o.met) for o in results.outcomes] == [
        ("funding_target_share", 0.05, 0.025, False),
        ("trained_per_members", 1.0, 1.0, True),
    ]
    assert (results.summary.met, results.summary.total) == (1, 2)
    assert store.get_score(store.get_assessment(org, 2026)).index == index == score(current_base_profile, answers).index


def test_import_keeps_the_files_targets_and_export_gives_them_back(
    store, current_base_profile, example_answers, tmp_path
):
    targets = OwnTargets(2026, {"funding_target_share": 0.07, "media_targets.citations": 3.0}, DECISION)
    path = tmp_path / "in.json"
    document = AssessmentDocument(
        current_base_profile, 2026, example_answers("primary-small.json"), own_targets=targets
    )
    write_assessment_json(document, path)
    assert json.loads(path.read_text(encoding="utf-8"))["own_targets"] == {
        "decision": "Президиум профкома № 7 от 18.12.2025",
        "values": {"funding_target_share": 0.07, "media_targets.citations": 3.0},
    }
    assert import_documents(store, [path]).ok
    (org,) = [o for o in store.list_organizations() if not o.placeholder]
    assert get_own_targets(store, org.id, 2026) == targets
    exported = assessment_document(store, org, 2026)
    assert exported.own_targets == targets
    out = tmp_path / "out.json"
    write_assessment_json(exported, out)
    assert read_assessment_json(out).own_targets == targets
    # a file saying nothing of targets, imported over it, leaves the kept ones
    bare = tmp_path / "bare.json"
    write_assessment_json(
        AssessmentDocument(
            current_base_profile, 2026, example_answers("primary-small.json"), meta={"organization_id": org.uid}
        ),
        bare,
    )
    assert import_documents(store, [bare], on_conflict="replace").ok
    assert get_own_targets(store, org.id, 2026) == targets


hostile_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: not 0.05 <= v <= 1),
    st.booleans(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.none(),
)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_values)
def test_a_file_with_a_hostile_target_is_refused_with_a_russian_reason(
    current_base_profile, example_answers, tmp_path, value
):
    path = tmp_path / "hostile.json"
    data = AssessmentDocument(current_base_profile, 2026, example_answers("primary-small.json")).to_json()
    data["own_targets"] = {"decision": "Президиум", "values": {"funding_target_share": value}}
    path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    with pytest.raises(AssessmentFileError) as refused:
        read_assessment_json(path)
    assert "Целевая доля расходов" in str(refused.value) or "число" in str(refused.value)


def test_the_workbook_carries_the_targets_sheet_and_it_imports_back(
    store, current_base_profile, example_answers, tmp_path
):
    from openpyxl import load_workbook

    from maturity.exchange.files import read_assessment_file
    from maturity.exchange.targets_sheet import TARGETS_SHEET
    from maturity.exchange.workbook_export import write_assessment_workbook

    org = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(org, 2026, current_base_profile, example_answers("primary-small.json"))
    targets = OwnTargets(2026, {"funding_target_share": 0.075, "trained_per_members": 400.0}, DECISION)
    save_targets(store, org, 2026, targets.values, DECISION)
    path = tmp_path / "book.xlsx"
    write_assessment_workbook(assessment_document(store, org, 2026), path)
    sheet = load_workbook(path)[TARGETS_SHEET]
    funding_row = next(r for r in range(2, 30) if sheet.cell(r, 1).value == "funding_target_share")
    assert (sheet.cell(funding_row, 3).value, sheet.cell(funding_row, 4).value) == ("5\u00a0%", 0.075)
    assert read_assessment_file(path).own_targets == targets
    # the chair changes it in Excel (a share typed as text, a count as a number) and the file is imported again
    book = load_workbook(path)
    sheet = book[TARGETS_SHEET]
    meetings_row = next(r for r in range(2, 30) if sheet.cell(r, 1).value == "meetings_target")
    sheet.cell(funding_row, 4).value = "8,5 %"
    sheet.cell(meetings_row, 4).value = 5
    book.save(path)
    assert import_documents(store, [path], on_conflict="replace").ok
    (kept_org,) = [o for o in store.list_organizations() if not o.placeholder]
    assert get_own_targets(store, kept_org.id, 2026).values == {
        "funding_target_share": 0.085, "meetings_target": 5.0, "trained_per_members": 400.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("3 %", "нижнюю границу"), ("много", "не число"), ("=1+1", "формул"), (-2, "больше нуля"), ("0", "больше нуля")],
)
def test_a_hostile_targets_cell_refuses_the_workbook_naming_the_cell(
    current_base_profile, example_answers, tmp_path, cell, reason
):
    from openpyxl import load_workbook

    from maturity.exchange.files import read_assessment_file
    from maturity.exchange.safe_xlsx import WorkbookError
    from maturity.exchange.targets_sheet import TARGETS_SHEET
    from maturity.exchange.workbook_export import write_assessment_workbook

    targets = OwnTargets(2026, {"funding_target_share": 0.06}, DECISION)
    path = tmp_path / "book.xlsx"
    write_assessment_workbook(
        AssessmentDocument(current_base_profile, 2026, example_answers("primary-small.json"), own_targets=targets), path
    )
    book = load_workbook(path)
    sheet = book[TARGETS_SHEET]
    row = next(r for r in range(2, 30) if sheet.cell(r, 1).value == "funding_target_share")
    sheet.cell(row, 4).value = cell
    book.save(path)
    with pytest.raises(WorkbookError) as refused:
        read_assessment_file(path)
    assert reason in str(refused.value) and TARGETS_SHEET in str(refused.value)


def test_the_report_gives_the_share_of_targets_met_and_carries_the_targets_up(
    store, current_base_profile, example_answers, tmp_path
):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import SUMMARY_SHEET
    from maturity.storage.store import open_store
    from maturity.usecases.report_source import export_report

    met_two = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(
        met_two, 2026, current_base_profile, example_answers("primary-small.json") | {"profile.name": "ППО «Волга»"}
    )
    none = store.create_organization("ППО «Ока»", "primary")
    store.save_assessment(
        none, 2026, current_base_profile, example_answers("primary-small.json") | {"profile.name": "ППО «Ока»"}
    )
    # 3 meetings ≥ 2 (met), 2 campaigns ≥ 1 (met), 2,5 % < 6 % (missed): 2 of 3 — 67 %
    values = {"meetings_target": 2, "campaigns_target": 1, "funding_target_share": 0.06}
    save_targets(store, met_two, 2026, values, DECISION)
    path = tmp_path / "report.xlsx"
    export_report(store, 2026, path)
    sheet = load_workbook(path)[SUMMARY_SHEET]
    header = [c.value for c in sheet[2]]
    column = header.index(OWN_TARGETS_COLUMN)
    shares = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=3) if row[0].value}
    assert shares == {"ППО «Волга»": 67, "ППО «Ока»": "—"}
    # the federation imports the report: the targets come with it
    other = f"sqlite:///{tmp_path / 'federation.db'}"
    with open_store(other) as federation:
        assert import_documents(federation, [path]).ok
        org = federation.find_organization(met_two.uid)
        assert get_own_targets(federation, org.id, 2026) == OwnTargets(
            2026, {k: float(v) for k, v in values.items()}, DECISION
        )
        assert get_own_targets(federation, federation.find_organization(none.uid).id, 2026) is None


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ('{"values": {"funding_target_share": 0.01}}', "нижнюю границу"),
        ('{"values": {"index": 1}}', "нет среди целевых показателей"),
        ('{"values": {"meetings_target": NaN}}', "не число"),
        ("не JSON", "JSON"),
    ],
)
def test_a_hostile_own_targets_cell_of_a_report_refuses_that_row(
    store, current_base_profile, example_answers, tmp_path, cell, reason
):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import ANSWERS_SHEET
    from maturity.storage.store import open_store
    from maturity.usecases.report_source import export_report

    org = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(org, 2026, current_base_profile, example_answers("primary-small.json"))
    save_targets(store, org, 2026, {"meetings_target": 6}, DECISION)
    path = tmp_path / "report.xlsx"
    export_report(store, 2026, path)
    book = load_workbook(path)
    sheet = book[ANSWERS_SHEET]
    column = [c.value for c in sheet[1]].index("own_targets") + 1
    sheet.cell(3, column).value = cell
    book.save(path)
    with open_store(f"sqlite:///{tmp_path / 'federation.db'}") as federation:
        report = import_documents(federation, [path])
        assert not report.ok
        reasons = " ".join(item.reason or "" for item in report.rejected)
        assert reason in reasons and "Traceback" not in reasons
        assert all(o.placeholder for o in federation.list_organizations())  # nothing of the row was written
