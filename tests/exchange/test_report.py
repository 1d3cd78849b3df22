"""The consolidated report: summary, norms, year on year, raw answers by id, parameters, charts — and
importing it one level up."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from workbook_helpers import example, examples, sheet_xml

from maturity.engine.scoring import score
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.files import read_assessment_files
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import (
    ANSWERS_SHEET,
    CHANGES_SHEET,
    CHARTS_SHEET,
    LEGEND_SHEET,
    NORMS_SHEET,
    PARAMETERS_SHEET,
    SERVICE_SHEET,
    SUMMARY_SHEET,
    TOTALS_SHEET,
    write_report,
)
from maturity.exchange.report_import import parents_first
from maturity.exchange.safe_xlsx import WorkbookError
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents
from maturity.usecases.report_source import export_report
from maturity.views.numbers import FIGURE_CELL_FORMAT

FEDERATION_UID = "fed-0001"


def family() -> list[AssessmentDocument]:
    """The three examples under one federation: the territorial organization is the schools' parent."""
    small, shipyard, health = examples()
    small.meta["parent_organization_id"] = health.meta["organization_id"]
    shipyard.meta["parent_organization_id"] = health.meta["organization_id"]
    health.meta["parent_organization_id"] = FEDERATION_UID
    return [small, shipyard, health]


@pytest.fixture
def report(tmp_path):
    documents = family()
    previous = dict(documents[0].answers, **{"k1.structure": "none", "k1.responsible_designated": False})
    entries = [entry_from_document(documents[0], previous=score(documents[0].profile, previous))]
    entries += [entry_from_document(d) for d in documents[1:]]
    path = tmp_path / "отчёт.xlsx"
    write_report(
        entries,
        path,
        year=2025,
        scope="Тестовая федерация",
        parent_organization_id=FEDERATION_UID,
        with_respondents=True,
    )  # every answer, for the round trips below
    return path


def rows(path, sheet):
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def test_the_report_has_every_sheet_with_the_totals_and_the_summary_first(report):
    workbook = load_workbook(report)
    assert workbook.sheetnames == [
        TOTALS_SHEET, LEGEND_SHEET, SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET, ANSWERS_SHEET, PARAMETERS_SHEET,
        CHARTS_SHEET, SERVICE_SHEET,
    ]  # fmt: skip
    assert workbook[SERVICE_SHEET].sheet_state == "hidden"


def test_the_summary_lists_organizations_with_kpis_index_and_level(report):
    title, header, *data = rows(report, SUMMARY_SHEET)
    assert title[0] == "Сводный отчёт за 2025 год: Тестовая федерация"
    assert header[:5] == ("Организация", "Уровень", "Вышестоящая организация", "Субъект РФ", "K1")
    assert len(data) == 3
    small = next(r for r in data if r[0].endswith("«Средняя школа № 7»"))
    by_title = dict(zip(header, small, strict=True))
    # hand-computed in tests/cli/test_cli_score.py
    assert by_title["Уровень"] == "ППО"  # the short label, explained on «Расшифровка»
    assert by_title["K3"] == 63.8
    assert by_title["Индекс"] == 58.4
    assert by_title["ИЦЗ"] == 26.0
    assert by_title["Уровень зрелости"] == "Развивающийся"
    assert by_title["НВ"] == 3
    assert by_title["Код организации"] == "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"


def test_the_summary_has_colour_scales_on_the_scores_and_frozen_headers(report):
    ws = load_workbook(report)[SUMMARY_SHEET]
    assert {ws.cell(row=3, column=column).number_format for column in range(5, 17)} == {FIGURE_CELL_FORMAT}  # 72,0
    assert ws.freeze_panes == "B3"
    ranges = {str(cf.sqref): [r.type for r in cf.rules] for cf in ws.conditional_formatting}
    assert ranges == {"E3:P5": ["colorScale"]}  # K1 … K10, index, digital index; three organizations


def test_every_short_header_is_explained_once_on_the_legend_sheet(report):
    """K1 … K10, Н1 … Н10, «ИЦЗ», «НВ»…: the codes of the three row sheets' headers, each with its meaning."""
    title, header, *data = rows(report, LEGEND_SHEET)
    assert header == ("Лист", "Столбец", "Что в нём")
    meaning = {(sheet, code): text for sheet, code, text in data}
    profile = example().profile
    for kpi in profile.kpis:
        assert meaning[(SUMMARY_SHEET, kpi.id.upper())] == kpi.title
    for number, norm in enumerate(profile.norms, 1):
        assert meaning[(NORMS_SHEET, f"Н{number}")] == norm.title
    assert meaning[(SUMMARY_SHEET, "ИЦЗ")] == "индекс цифровой зрелости"
    assert "ППО — Первичная профсоюзная организация (ППО)" in meaning[(SUMMARY_SHEET, "Уровень")]
    codes = {code for _sheet, code in meaning}
    for sheet in (SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET):  # every header that is not plain words is there
        _title, titles, *_rows = rows(report, sheet)
        short = [t for t in titles if t and (len(t) <= 3 or t.endswith((", %", "."))) and t != "Код организации"]
        assert short and all(t in codes or t.startswith("K") for t in short), (sheet, short)


def test_the_norms_sheet_says_which_norms_each_organization_meets(report):
    title, header, *data = rows(report, NORMS_SHEET)
    small = next(r for r in data if r[0].endswith("«Средняя школа № 7»"))
    statuses = dict(zip(header, small, strict=True))
    email = next(f"Н{n}" for n, norm in enumerate(example().profile.norms, 1) if norm.id == "n3_email")
    assert statuses[email] == "не выполнен"
    assert statuses["НВ"] == 3
    assert set(small[1:-1]) <= {"выполнен", "не выполнен", "н/п"}
    rules = [r for cf in load_workbook(report)[NORMS_SHEET].conditional_formatting for r in cf.rules]
    assert {tuple(r.formula) for r in rules} == {('"не выполнен"',), ('"выполнен"',)}


def test_the_year_on_year_sheet_shows_the_change_since_last_year(report):
    title, header, *data = rows(report, CHANGES_SHEET)
    assert header[:4] == ("Организация", "Индекс 2024", "Индекс 2025", "Изм.")
    small = next(r for r in data if r[0].endswith("«Средняя школа № 7»"))
    changes = dict(zip(header, small, strict=True))
    # last year: structure none (0) and not designated → K1 = 0; this year 44 → +44, index +4.4
    assert changes["K1"] == 44.0
    assert changes["Изм."] == 4.4
    assert changes["K2"] == 0.0
    others = [r for r in data if r is not small]
    assert all(r[1] is None and r[3] is None for r in others)  # no previous year: no change shown


def test_raw_answers_are_one_row_per_organization_in_columns_named_by_question_id(report):
    ids, captions, *data = rows(report, ANSWERS_SHEET)
    assert ids[:5] == ("organization_id", "parent_organization_id", "year", "questionnaire_id", "questionnaire_version")
    assert "profile.members" in ids and "k10.youth_involved" in ids
    assert captions[ids.index("profile.members")] == "Численность членов профсоюза на 1 января"
    small = next(r for r in data if r[0] == "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01")
    assert small[ids.index("profile.members")] == 85
    assert json.loads(small[ids.index("k6.channels")]) == ["chats", "social", "stand", "meetings"]
    assert small[ids.index("k4.site_visitors")] is None


def test_the_parameters_of_the_profiles_used_are_listed(report):
    header, *data = rows(report, PARAMETERS_SHEET)
    params = {(r[0], r[2]): r[3] for r in data}
    assert params[("fnpr-base", "funding_target_share")] == 0.05
    assert params[("fnpr-base", "media_targets.territorial.citations")] == 6
    assert params[("sudprof", "social_threshold.primary")] == 500
    assert params[("fnpr-base", "kpi_weight.k1")] == 1


def test_the_charts_are_native_excel_charts_over_the_report_data(report):
    with zipfile.ZipFile(report) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = "".join(archive.read(n).decode() for n in charts)
    assert len(charts) == 3
    assert "barChart" in xml and "pieChart" in xml
    assert f"'{CHARTS_SHEET}'!$B$2:$B$11" in xml  # the ten mean KPI scores
    header, *data = rows(report, CHARTS_SHEET)[:11]
    assert data[0][0] == "K1 Информационная структура"
    k1 = [score(d.profile, d.answers).kpis["k1"] for d in family()]
    assert data[0][1] == pytest.approx(sum(k1) / 3, abs=0.05)


def test_text_that_looks_like_a_formula_stays_text_in_every_sheet(tmp_path):
    document = example()
    document.answers["profile.name"] = "=1+2"
    document.answers["profile.region"] = "@cmd"
    document.answers["profile.parent"] = "-1"
    path = tmp_path / "r.xlsx"
    write_report([entry_from_document(document)], path, year=2025, scope="+7 федерация")
    for title, xml in sheet_xml(path).items():
        assert "<f>" not in xml and "<f " not in xml, title
    assert read_assessment_files(path)[0].answers["profile.name"] == "=1+2"


def test_a_report_reads_back_to_every_organizations_assessment_with_uids_and_parents(report):
    documents = read_assessment_files(report)
    expected = {d.meta["organization_id"]: d for d in family()}
    assert len(documents) == 3
    for document in documents:
        original = expected[document.meta["organization_id"]]
        assert document.answers == original.answers
        assert document.year == original.year
        assert document.profile.id == original.profile.id
        assert document.meta["parent_organization_id"] == original.meta["parent_organization_id"]
    # parents first: the territorial organization precedes its two schools
    assert documents[0].meta["organization_id"] == "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e03"


def test_columns_are_found_by_id_even_when_reordered(report, tmp_path):
    ids, captions, *data = rows(report, ANSWERS_SHEET)
    order = list(reversed(range(len(ids))))
    shuffled = Workbook()
    ws = shuffled.active
    ws.title = ANSWERS_SHEET
    for row in (ids, captions, *data):
        ws.append([row[i] for i in order])
    service = shuffled.create_sheet(SERVICE_SHEET)
    for row in rows(report, SERVICE_SHEET):
        service.append(row)
    path = tmp_path / "shuffled.xlsx"
    shuffled.save(path)
    assert {d.meta["organization_id"]: d.answers for d in read_assessment_files(path)} == {
        d.meta["organization_id"]: d.answers for d in family()
    }


def test_one_bad_answer_refuses_the_whole_report_naming_the_cell(report):
    workbook = load_workbook(report)
    ws = workbook[ANSWERS_SHEET]
    ids = [c.value for c in ws[1]]
    column = ids.index("k3.info_meetings") + 1
    ws.cell(row=4, column=column).value = -1
    workbook.save(report)
    with pytest.raises(WorkbookError) as refused:
        read_assessment_files(report)
    letter = ws.cell(row=4, column=column).column_letter
    assert f"Лист „{ANSWERS_SHEET}“, ячейка {letter}4 (k3.info_meetings): число не может быть отрицательным" in str(
        refused.value
    )


def test_a_report_is_not_taken_for_a_single_assessment(report):
    with pytest.raises(WorkbookError, match="это сводный отчёт .организаций: 3., а не одна оценка"):
        read_assessment_workbook(report)


def test_parents_come_before_their_children_at_any_depth():
    profile = example().profile

    def doc(uid, parent=None):
        meta = {"organization_id": uid} | ({"parent_organization_id": parent} if parent else {})
        return AssessmentDocument(profile, 2025, {}, meta)

    ordered = parents_first([doc("c", "b"), doc("b", "a"), doc("x", "outside"), doc("a"), doc("loop1", "loop2"),
                             doc("loop2", "loop1")])  # fmt: skip
    position = {d.meta["organization_id"]: i for i, d in enumerate(ordered)}
    assert position["a"] < position["b"] < position["c"]
    assert len(ordered) == 6


def test_a_federation_exports_its_report_and_the_level_above_imports_every_organization(store, tmp_path):
    documents = family()
    assert import_documents(store, documents).ok
    federation = store.organization_by_uid(FEDERATION_UID)
    path = tmp_path / "federation.xlsx"

    assert export_report(store, 2025, path, parent=federation, with_respondents=True) == 3
    assert export_report(store, 2025, tmp_path / "all.xlsx") == 3

    read_back = read_assessment_files(path)
    assert {d.meta["organization_id"]: d.meta.get("parent_organization_id") for d in read_back} == {
        d.meta["organization_id"]: d.meta["parent_organization_id"] for d in documents
    }
    assert {d.meta["organization_id"]: d.answers for d in read_back} == {
        d.meta["organization_id"]: d.answers for d in documents
    }
    with pytest.raises(BadInput, match="нет оценок за 2024 год"):
        export_report(store, 2024, tmp_path / "none.xlsx")
    assert not (tmp_path / "none.xlsx").exists()

    with open_store(f"sqlite:///{tmp_path / 'level-up.db'}") as above:
        assert len(import_documents(above, read_back).imported) == 3
        for document in documents:
            organization = above.organization_by_uid(document.meta["organization_id"])
            parent = above.get_organization(organization.parent_id)
            assert parent.uid == document.meta["parent_organization_id"]
            assert above.get_assessment(organization, 2025).answers == document.answers


@pytest.mark.subprocess
def test_maturity_export_and_export_xlsx_write_workbooks_from_the_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'm.db'}"

    def maturity(*args):
        return subprocess.run([sys.executable, "-m", "maturity", *args, "--db", db], capture_output=True,
                              text=True, encoding="utf-8", timeout=120)  # fmt: skip

    for document in family():
        path = tmp_path / f"{document.meta['organization_id']}.xlsx"
        from maturity.exchange.workbook_export import write_assessment_workbook

        write_assessment_workbook(document, path)
    done = maturity("import", str(tmp_path))
    assert done.returncode == 0, done.stderr

    done = maturity("export", "--year", "2025", "--parent", FEDERATION_UID, "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "организаций: 3" in done.stdout
    assert len(read_assessment_files(tmp_path / "r.xlsx")) == 3

    small = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
    done = maturity("export-xlsx", "--org", small, "--year", "2025", "-o", str(tmp_path / "one.xlsx"))
    assert done.returncode == 0, done.stderr
    assert read_assessment_workbook(tmp_path / "one.xlsx").answers == example().answers

    done = maturity("export", "--year", "2031", "-o", str(tmp_path / "empty.xlsx"))
    assert (done.returncode, "нет оценок за 2031 год" in done.stderr) == (2, True)
    assert not (tmp_path / "empty.xlsx").exists()


def test_a_row_added_by_hand_without_a_uid_is_read_by_the_organizations_name(report):
    workbook = load_workbook(report)
    ws = workbook[ANSWERS_SHEET]
    ids = [c.value for c in ws[1]]
    new_row = [None] * len(ids)
    new_row[ids.index("year")] = 2025
    new_row[ids.index("questionnaire_id")] = "fnpr-base"
    new_row[ids.index("profile.name")] = "ППО «Новая»"
    new_row[ids.index("profile.members")] = 12
    new_row[ids.index("parent_organization_id")] = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e03"
    ws.append(new_row)
    workbook.save(report)
    documents = read_assessment_files(report)
    added = documents[-1]
    assert (added.answers, added.meta) == (
        {"profile.name": "ППО «Новая»", "profile.members": 12},
        {"parent_organization_id": "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e03"},
    )


def test_an_empty_report_is_not_written(tmp_path):
    with pytest.raises(BadInput, match="нет оценок за 2025 год"):
        write_report([], tmp_path / "empty.xlsx", year=2025)
    assert not (tmp_path / "empty.xlsx").exists()


def test_the_big_sheets_declare_their_exact_size(report):
    """Readers take a sheet's size from <dimension>; a wrong one would cut rows off or make them parse it all."""
    workbook = load_workbook(report)
    xml = sheet_xml(report)
    for title in (SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET, ANSWERS_SHEET):
        declared = re.search(r'<dimension ref="([^"]+)"', xml[title]).group(1)
        assert declared == workbook[title].calculate_dimension(), title


def test_the_progress_text_names_the_sheet_of_how_many_so_it_agrees_with_the_bar(tmp_path):
    """«3950 из 5000» beside a bar at 19 % read as a mistake: the bar counts every sheet's rows."""
    from datetime import date

    from workbook_helpers import examples

    from maturity.exchange.report_entry import entry_from_document
    from maturity.exchange.report_export import ROW_SHEETS, write_report

    entries = [entry_from_document(d) for d in examples()]
    heard: list[tuple[int, int, str]] = []
    write_report(entries, tmp_path / "r.xlsx", year=2025, scope="все", made_on=date(2025, 3, 1),
                 progress=lambda done, total, text: heard.append((done, total, text)))  # fmt: skip

    rows = [(d, t, text) for d, t, text in heard if text.startswith("Лист ")]
    assert rows
    for done, total, text in rows:
        sheet = int(text.split()[1])
        assert f"из {ROW_SHEETS} («" in text
        # the sheet named is the one the bar is in: (sheet − 1) of ROW_SHEETS done before it
        assert (sheet - 1) * len(entries) < done <= sheet * len(entries) <= total
