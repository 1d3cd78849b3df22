"""Duplicates inside one file never win silently: a row, a key or an organization twice, or a key cell
holding a formula, refuses the file naming the cell — generated over random positions and keys."""

from __future__ import annotations

import json
import shutil

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook
from workbook_helpers import EXAMPLES, example

from maturity.exchange.assessment_json import AssessmentFileError, read_assessment_json
from maturity.exchange.blank_form import FORM_SHEET, SERVICE_SHEET, write_blank_form
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import ANSWERS_SHEET, FIRST_DATA_ROW, write_report
from maturity.exchange.safe_xlsx import WorkbookError
from maturity.exchange.workbook_export import MACHINE_SHEET, write_assessment_workbook
from maturity.exchange.workbook_import import read_workbook_documents
from maturity.storage.models import Assessment
from maturity.usecases.importing import import_documents

GENERATED = settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    """A filled blank form, an assessment workbook and a report of the three examples, to copy and spoil."""
    folder = tmp_path_factory.mktemp("originals")
    small = example()
    write_blank_form(small.profile, folder / "form.xlsx", year=2025, answers=small.answers)
    write_assessment_workbook(small, folder / "assessment.xlsx")
    documents = [example(n) for n in ("primary-small.json", "primary-shipyard.json", "territorial-health.json")]
    write_report([entry_from_document(d) for d in documents], folder / "report.xlsx", year=2025, scope="Тест")
    return folder


def spoil(originals, tmp_path, name: str, change) -> str:
    """A copy of an original workbook changed by ``change(workbook)``."""
    target = tmp_path / f"spoilt-{name}"
    shutil.copy(originals / name, target)
    workbook = load_workbook(target)
    change(workbook)
    workbook.save(target)
    return str(target)


def refusal(path: str) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_workbook_documents(path)
    return str(caught.value)


def coded_rows(ws, first: int = 1) -> list[int]:
    return [r for r in range(first, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, str) and ws.cell(r, 1).value]


def copy_row(ws, source: int, before: int) -> None:
    """Insert a copy of row ``source`` (columns A–E) above row ``before``."""
    values = [ws.cell(source, c).value for c in range(1, 6)]
    ws.insert_rows(before)
    for column, value in enumerate(values, 1):
        ws.cell(before, column).value = value


# ------------------------------------------------------------------ the blank form


@pytest.mark.slow
@GENERATED
@given(data=st.data())
def test_any_row_of_a_blank_form_twice_refuses_it_naming_the_second(originals, tmp_path, data):
    named = {}

    def change(workbook):
        ws = workbook[FORM_SHEET]
        rows = [r for r in coded_rows(ws, 4) if ws.cell(r, 1).value != "Код"]
        source = data.draw(st.sampled_from(rows), label="row")
        before = data.draw(st.integers(4, ws.max_row + 1), label="insert above")
        code = ws.cell(source, 1).value
        copy_row(ws, source, before)
        second = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == code][1]
        named.update(code=code, cell=f"A{second}")

    reason = refusal(spoil(originals, tmp_path, "form.xlsx", change))

    assert f"Лист „{FORM_SHEET}“, ячейка {named['cell']}" in reason
    assert f"«{named['code']}» встречается в анкете дважды" in reason


@pytest.mark.slow
@GENERATED
@given(data=st.data())
def test_a_formula_in_a_code_cell_of_a_blank_form_is_refused_naming_it(originals, tmp_path, data):
    named = {}

    def change(workbook):
        ws = workbook[FORM_SHEET]
        row = data.draw(st.sampled_from(coded_rows(ws, 4)))
        ws.cell(row, 1).value = f'="{ws.cell(row, 1).value}"'
        named["cell"] = f"A{row}"

    reason = refusal(spoil(originals, tmp_path, "form.xlsx", change))

    assert f"ячейка {named['cell']}: в ячейке формула" in reason


@pytest.mark.slow
@pytest.mark.parametrize(
    "original,sheet", [("form.xlsx", SERVICE_SHEET), ("report.xlsx", SERVICE_SHEET), ("assessment.xlsx", MACHINE_SHEET)]
)
@pytest.mark.parametrize("spoilt", ["key twice", "value formula", "key formula"])
def test_every_service_key_twice_or_as_a_formula_refuses_the_file_naming_the_cell(
    originals, tmp_path, original, sheet, spoilt
):
    workbook = load_workbook(originals / original)
    keys = [r for r in range(1, 41) if isinstance(workbook[sheet].cell(r, 1).value, str)]
    keys = keys[: next((i for i in range(1, len(keys)) if keys[i] != keys[i - 1] + 1), len(keys))]  # the block
    for row in keys:
        key = workbook[sheet].cell(row, 1).value

        def change(workbook, row=row, key=key):
            ws = workbook[sheet]
            if spoilt == "key twice":
                copy_row(ws, row, keys[-1] + 1)
            elif spoilt == "value formula":
                ws.cell(row, 2).value = f'="{ws.cell(row, 2).value}"'
            else:
                ws.cell(row, 1).value = f'="{key}"'

        path = spoil(originals, tmp_path, original, change)
        if key == "format" and spoilt != "key twice":
            with pytest.raises(WorkbookError, match="не файл программы"):  # then it is not recognised at all
                read_workbook_documents(path)
            continue
        reason = refusal(path)
        cell = {"key twice": f"A{keys[-1] + 1}", "value formula": f"B{row}", "key formula": f"A{row}"}[spoilt]
        assert f"Лист „{sheet}“, ячейка {cell}" in reason, (key, reason)


# ------------------------------------------------------------------ the assessment workbook


@pytest.mark.slow
@GENERATED
@given(data=st.data())
def test_a_question_row_of_an_assessment_workbook_twice_is_refused(originals, tmp_path, data):
    named = {}

    def change(workbook):
        ws = workbook[MACHINE_SHEET]
        header = next(r for r in range(1, 40) if ws.cell(r, 1).value == "question_id")
        source = data.draw(st.sampled_from(coded_rows(ws, header + 1)))
        before = data.draw(st.integers(header + 1, ws.max_row + 1))
        code = ws.cell(source, 1).value
        copy_row(ws, source, before)
        named["cell"] = f"A{[r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, 1).value == code][1]}"

    reason = refusal(spoil(originals, tmp_path, "assessment.xlsx", change))

    assert f"ячейка {named['cell']}" in reason and "уже встречался" in reason


# ------------------------------------------------------------------ the consolidated report


@pytest.mark.slow
@GENERATED
@given(data=st.data(), on_conflict=st.sampled_from(("fail", "skip", "replace")))
def test_an_organization_twice_in_a_report_refuses_it_under_any_on_conflict(originals, tmp_path, data, on_conflict):
    named = {}

    def change(workbook):
        ws = workbook[ANSWERS_SHEET]
        rows = list(range(FIRST_DATA_ROW, ws.max_row + 1))
        source = data.draw(st.sampled_from(rows))
        values = [c.value for c in ws[source]]
        if data.draw(st.booleans(), label="another year"):
            year_column = [c.value for c in ws[1]].index("year")
            values[year_column] = 2024
        ws.append(values)
        named.update(first=source, cell=f"A{ws.max_row}")

    path = spoil(originals, tmp_path, "report.xlsx", change)
    reason = refusal(path)
    assert f"ячейка {named['cell']}" in reason and f"в строке {named['first']}" in reason

    report = import_documents_into_fresh(tmp_path, path, on_conflict)
    assert not report.imported and "в строке" in report.rejected[0].reason


def import_documents_into_fresh(tmp_path, path, on_conflict):
    from maturity.storage.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'fresh.db'}") as store:
        report = import_documents(store, [path], on_conflict=on_conflict)
        assert store.session.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar() == 0
    return report


@pytest.mark.slow
@GENERATED
@given(data=st.data(), formula=st.sampled_from(("=TRUE()", '="7f0c"', "=A3", "=2025")))
def test_a_formula_in_a_key_column_of_a_report_is_refused_naming_the_cell(originals, tmp_path, data, formula):
    named = {}

    def change(workbook):
        ws = workbook[ANSWERS_SHEET]
        header = [c.value for c in ws[1]]
        key = data.draw(
            st.sampled_from(
                [
                    k
                    for k in (
                        "organization_id",
                        "parent_organization_id",
                        "year",
                        "questionnaire_id",
                        "questionnaire_version",
                    )
                    if k in header
                ]
            )
        )
        row = data.draw(st.integers(FIRST_DATA_ROW, ws.max_row))
        cell = ws.cell(row, header.index(key) + 1)
        cell.value = formula
        named["cell"] = cell.coordinate

    reason = refusal(spoil(originals, tmp_path, "report.xlsx", change))

    assert f"ячейка {named['cell']}" in reason and "формула" in reason


def test_two_report_rows_for_one_organization_where_one_has_no_uid_refuse_the_whole_report(store, originals, tmp_path):
    def change(workbook):
        ws = workbook[ANSWERS_SHEET]
        values = [c.value for c in ws[FIRST_DATA_ROW]]
        values[[c.value for c in ws[1]].index("organization_id")] = None  # the same name, typed in without a uid
        ws.append(values)

    report = import_documents(store, [spoil(originals, tmp_path, "report.xlsx", change)], on_conflict="replace")

    assert not report.imported
    assert "встречается в отчёте дважды" in report.rejected[0].reason
    assert store.session.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar() == 0


# ------------------------------------------------------------------ JSON


@GENERATED
@given(where=st.sampled_from(("top", "answers", "meta", "questionnaire")), key_index=st.integers(0, 50))
def test_a_key_twice_in_a_json_object_is_refused(tmp_path, where, key_index):
    text = (EXAMPLES / "primary-small.json").read_text(encoding="utf-8")
    data = json.loads(text)
    target = data if where == "top" else data[where]
    key = list(target)[key_index % len(target)]
    body = json.dumps(target, ensure_ascii=False)
    repeated = body[:-1] + f", {json.dumps(key, ensure_ascii=False)}: {json.dumps(target[key], ensure_ascii=False)}}}"
    full = repeated if where == "top" else json.dumps(data, ensure_ascii=False).replace(body, repeated)
    path = tmp_path / "twice.json"
    path.write_text(full, encoding="utf-8")

    with pytest.raises(AssessmentFileError, match=f"ключ «{key}» встречается в одном JSON-объекте дважды"):
        read_assessment_json(path)
