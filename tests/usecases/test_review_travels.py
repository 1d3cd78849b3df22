"""A return travels back to the chair and a territory's «accepted» travels up: the exported JSON and workbook
carry the state and the comments; the chair's database, importing the file, keeps them as the sender's word
(never as its own decision); the corrected file makes the territory's assessment «received» again. A file's
review block is checked like any received input. Both databases."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import EXAMPLES, example

from maturity.cli.parser import main
from maturity.exchange.assessment_json import AssessmentFileError, parse_assessment, write_assessment_json
from maturity.exchange.files import read_assessment_file
from maturity.exchange.workbook_export import REVIEW_SHEET
from maturity.storage.store import open_store
from maturity.usecases.documents import assessment_document
from maturity.usecases.importing import import_documents
from maturity.usecases.review import decide, review_of

SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
COMMENTS = {"k1.structure": "кто отвечает за сайт?", "profile.members": "численность на 1 января"}


def returned(store) -> None:
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)
    decide(store, org, 2025, "return", "исправьте и пришлите снова", COMMENTS)


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_a_returned_assessment_exported_carries_its_comments_to_the_chairs_database(store, db_url, tmp_path, kind):
    returned(store)
    path = tmp_path / f"возврат.{kind}"
    command = "export-json" if kind == "json" else "export-xlsx"
    assert main([command, "--org", SMALL_UID, "--year", "2025", "-o", str(path), "--db", db_url]) == 0

    document = read_assessment_file(path)
    assert document.review["state"] == "returned"
    assert document.review["comment"] == "исправьте и пришлите снова" and document.review["questions"] == COMMENTS
    if kind == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path)[REVIEW_SHEET]
        rows = {row[0]: row[2] for row in sheet.iter_rows(min_row=6, values_only=True)}
        assert rows == COMMENTS

    with open_store(f"sqlite:///{tmp_path / 'председатель.db'}") as chair:
        import_documents(chair, [path])
        org = chair.organization_by_uid(SMALL_UID)
        kept = review_of(chair, org, 2025)
        assert kept.state == "received" and kept.sent_state == "returned"
        assert kept.returned_comments == ("исправьте и пришлите снова", COMMENTS)


def test_the_corrected_file_from_the_chair_makes_the_assessment_received_again(store, tmp_path):
    returned(store)
    sent = tmp_path / "возврат.json"
    write_assessment_json(assessment_document(store, store.organization_by_uid(SMALL_UID), 2025), sent)
    with open_store(f"sqlite:///{tmp_path / 'председатель.db'}") as chair:
        import_documents(chair, [sent])
        org = chair.organization_by_uid(SMALL_UID)
        answers = dict(chair.get_assessment(org, 2025).answers)
        chair.save_assessment(org, 2025, chair.profile_of(chair.get_assessment(org, 2025)), answers)
        assert review_of(chair, org, 2025).returned_comments[1] == COMMENTS  # a save keeps what was asked
        corrected = tmp_path / "исправлено.json"
        write_assessment_json(assessment_document(chair, org, 2025), corrected)

    report = import_documents(store, [corrected], on_conflict="replace")

    assert len(report.imported) == 1
    review = review_of(store, store.organization_by_uid(SMALL_UID), 2025)
    assert review.state == "received" and review.decided_by == ""


def test_a_file_saying_accepted_is_not_accepted_here_but_shown_as_accepted_by_the_territory(store, tmp_path):
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    data["review"] = {"state": "accepted", "by": "территория"}
    path = tmp_path / "принята.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    import_documents(store, [path])

    review = review_of(store, store.organization_by_uid(SMALL_UID), 2025)
    assert (review.state, review.sent_state) == ("received", "accepted")
    changed = dict(data, review=None)
    changed["answers"] = {**data["answers"], "k1.structure": "none"}
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    assert len(import_documents(store, [path], on_conflict="replace").imported) == 1  # the file locks nothing


hostile_reviews = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=2),
    st.fixed_dictionaries({"state": st.text(max_size=10).filter(lambda s: s not in ("received", "accepted", "returned"))}),
    st.fixed_dictionaries({"state": st.just("returned"), "questions": st.dictionaries(
        st.text(min_size=1, max_size=20).filter(lambda q: q not in example().profile.questions), st.text(max_size=5),
        min_size=1, max_size=2)}),
    st.fixed_dictionaries({"state": st.just("returned"), "comment": st.one_of(st.integers(), st.text(min_size=2001,
                                                                                                   max_size=2001))}),
    st.fixed_dictionaries({"state": st.just("returned"), "comment": st.text(min_size=1, max_size=5).map(
        lambda t: t + "\x00")}),
    st.fixed_dictionaries({"state": st.just("returned"), "extra": st.text(max_size=3)}),
)  # fmt: skip


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(review=hostile_reviews)
def test_a_malformed_review_block_refuses_the_file_with_a_russian_reason(review):
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    data["review"] = review
    if review is None:
        assert parse_assessment(data).review is None
        return
    with pytest.raises(AssessmentFileError, match="review"):
        parse_assessment(data)


def test_states_travel_up_the_report_says_accepted_and_the_federation_keeps_accepted_by_the_territory(
    store, db_url, tmp_path, capsys
):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import SUMMARY_SHEET

    import_documents(store, [EXAMPLES])
    decide(store, store.organization_by_uid(SMALL_UID), 2025, "accept")
    report = tmp_path / "отчёт территории.xlsx"
    assert main(["export", "--year", "2025", "-o", str(report), "--db", db_url]) == 0
    sheet = load_workbook(report)[SUMMARY_SHEET]
    header = [c.value for c in sheet[2]]
    states = {row[header.index("Код организации")]: row[header.index("Проверка")]
              for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}  # fmt: skip
    assert states[SMALL_UID] == "принята" and set(states.values()) == {"принята", "получена"}

    federation = f"sqlite:///{tmp_path / 'федерация.db'}"
    assert main(["import", str(report), "--db", federation]) == 0
    capsys.readouterr()
    assert main(["status", "--year", "2025", "--json", "--db", federation]) == 0
    rows = {r["organization_id"]: r for r in json.loads(capsys.readouterr().out)["organizations"]}
    assert rows[SMALL_UID]["review"] == "received" and rows[SMALL_UID]["review_upstream"] == "accepted"
    assert {r["review_upstream"] for uid, r in rows.items() if uid != SMALL_UID} == {None}
    assert main(["status", "--year", "2025", "--db", federation]) == 0
    assert "получена (принята территорией)" in capsys.readouterr().out


@pytest.mark.slow
@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.text(min_size=1, max_size=12), st.integers()).filter(
    lambda v: str(v).strip() not in ("", "received", "accepted", "returned") and not str(v).startswith("=")))  # fmt: skip
def test_a_report_whose_review_cell_is_not_a_state_is_refused_naming_the_cell(tmp_path_factory, value):
    from openpyxl import load_workbook
    from received_files import cell_safe

    from maturity.errors import BadInput
    from maturity.exchange.files import read_assessment_files
    from maturity.exchange.report_entry import entry_from_document
    from maturity.exchange.report_export import ANSWERS_SHEET, FIRST_DATA_ROW, write_report

    folder = tmp_path_factory.mktemp("report")
    path = folder / "отчёт.xlsx"
    write_report([entry_from_document(example())], path, year=2025)
    workbook = load_workbook(path)
    sheet = workbook[ANSWERS_SHEET]
    column = [c.value for c in sheet[1]].index("review") + 1
    sheet.cell(FIRST_DATA_ROW, column).value = cell_safe(value)
    workbook.save(path)

    with pytest.raises(BadInput, match="проверка: ожидалось одно из received, accepted, returned"):
        read_assessment_files(path)
