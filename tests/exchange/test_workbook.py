"""The assessment workbook: a readable sheet with a chart, a machine sheet, and an exact round trip."""

from __future__ import annotations

import zipfile

import pytest
from answer_strategies import answer_sets
from hypothesis import HealthCheck, given, settings
from lanes import examples
from openpyxl import load_workbook
from workbook_helpers import EXAMPLE_NAMES, example, row_of, sheet_xml

from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.safe_xlsx import WorkbookError
from maturity.exchange.workbook_export import MACHINE_SHEET, READABLE_SHEET, write_assessment_workbook
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.method.profile import load_profile


def column_values(ws, column: int) -> list:
    return [row[0] for row in ws.iter_rows(min_col=column, max_col=column, values_only=True)]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_written_workbook_reads_back_to_the_same_answers_and_scores(tmp_path, name):
    document = example(name)
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(document, path)

    again = read_assessment_workbook(path)

    assert again.answers == document.answers
    assert (again.profile.id, again.profile.version, again.year) == (
        document.profile.id,
        document.profile.version,
        document.year,
    )
    assert again.meta["organization_id"] == document.meta["organization_id"]
    assert score(again.profile, again.answers).to_json() == score(document.profile, document.answers).to_json()


@pytest.mark.slow
@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(load_profile("sudprof")))
def test_any_valid_answers_survive_the_round_trip(tmp_path, answers):
    profile = load_profile("sudprof")
    answers = clean_answers(profile, answers)  # as every stored or read document holds them
    document = AssessmentDocument(profile, 2024, answers, {"organization_id": "org-1"})
    path = tmp_path / "any.xlsx"
    write_assessment_workbook(document, path)
    assert read_assessment_workbook(path).answers == answers


def test_the_machine_sheet_carries_format_profile_year_and_both_uids(tmp_path):
    document = example()
    document.meta["parent_organization_id"] = "parent-uid-1"
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(document, path)
    ws = load_workbook(path)[MACHINE_SHEET]
    meta = {row[0]: row[1] for row in ws.iter_rows(max_row=9, max_col=2, values_only=True)}
    assert meta["format"] == "maturity-assessment-workbook"
    assert meta["format_version"] == 1
    assert (meta["questionnaire_id"], meta["questionnaire_version"], meta["year"]) == ("fnpr-base", "2025.1", 2025)
    assert meta["organization_id"] == "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
    assert meta["parent_organization_id"] == "parent-uid-1"
    read_back = read_assessment_workbook(path)
    assert read_back.meta["parent_organization_id"] == "parent-uid-1"


def test_the_machine_sheet_keeps_typed_values_and_lists_as_json(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    ws = load_workbook(path)[MACHINE_SHEET]

    def value(qid):
        return ws.cell(row=row_of(ws, qid), column=3).value

    assert value("profile.members") == 85
    assert value("k1.responsible_designated") is True
    assert value("k4.posts_per_week") == 1.5
    assert value("k1.structure") == "chair"
    assert value("k6.channels") == '["chats", "social", "stand", "meetings"]'
    assert value("k4.site_visitors") is None  # not answered (no site)


def test_the_readable_sheet_shows_answers_scores_norms_and_road_map_in_russian(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    ws = load_workbook(path)[READABLE_SHEET]
    rows = {}
    for row in ws.iter_rows(values_only=True):
        if row[0]:
            rows.setdefault(row[0], row[1:])

    assert rows["Организация"][0] == "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"
    assert rows["Отчётный год"][0] == 2025
    assert rows["Кто ведёт информационную работу"][0] == "Председатель"
    assert rows["Ответственный за информационную работу определён решением выборного органа"][0] == "да"
    assert rows["Информационная работа планируется поквартально, ответственный отчитывается"][0] == "нет"
    assert rows["Число посетителей сайта за год"][0] == "вопрос не задаётся"
    # hand-computed in tests/cli/test_cli_score.py: K3 63.75 → 63.8, index 58.41 → 58.4, level «Развивающийся»
    assert rows["K3 Системность информационного взаимодействия"][0] == 63.8
    assert rows["Индекс информационной работы и цифровой зрелости"][0] == 58.4
    assert rows["Уровень цифровой зрелости"][0] == "Развивающийся"
    norm = next(n for n in load_profile().norms if n.id == "n3_email")
    assert rows[norm.title][0] == "не выполнен"
    assert "Дорожная карта цифровизации" in rows
    assert any(isinstance(r[1], str) and r[1].endswith("кв. 2026") for r in rows.values())


def test_the_readable_sheet_has_a_native_bar_chart_of_the_ten_kpis(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "barChart>" in xml
    first = row_of(load_workbook(path)[READABLE_SHEET], "K1 Информационная структура")
    assert f"'Оценка'!$B${first}:$B${first + 9}" in xml  # the ten scores, not a picture


def test_text_that_looks_like_a_formula_is_written_as_text_and_read_back(tmp_path):
    document = example()
    document.answers["profile.name"] = '=HYPERLINK("http://evil","жми")'
    document.answers["profile.region"] = "@SUM(1+1)"
    document.answers["profile.respondent"] = "-2+3"
    document.answers["profile.respondent_role"] = "+7 (900) 000-00-00"
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(document, path)

    for title, xml in sheet_xml(path).items():
        assert "<f>" not in xml and "<f " not in xml, title
    again = read_assessment_workbook(path)
    for qid in ("profile.name", "profile.region", "profile.respondent", "profile.respondent_role"):
        assert again.answers[qid] == document.answers[qid]


def test_a_bad_answer_is_refused_naming_the_sheet_and_the_cell(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    workbook = load_workbook(path)
    ws = workbook[MACHINE_SHEET]
    row = row_of(ws, "k3.info_meetings")
    ws.cell(row=row, column=3).value = -3
    workbook.save(path)

    with pytest.raises(WorkbookError) as refused:
        read_assessment_workbook(path)
    assert f"Лист „Ответы“, ячейка C{row} (k3.info_meetings): число не может быть отрицательным" in str(refused.value)


def test_a_formula_in_an_answer_cell_is_refused_not_computed(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    workbook = load_workbook(path)
    ws = workbook[MACHINE_SHEET]
    row = row_of(ws, "profile.members")
    ws.cell(row=row, column=3).value = "=40+45"
    workbook.save(path)

    with pytest.raises(WorkbookError, match=f"ячейка C{row} .profile.members.: в ячейке формула"):
        read_assessment_workbook(path)


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("questionnaire_version", "1999.9", "версия «1999.9» этой методики не установлена"),
        ("questionnaire_id", "no-such-profile", "такая методика не установлена"),
        ("format_version", 7, "версия формата книги 7 не поддерживается"),
        ("year", 1812, "отчётный год должен быть целым числом от 2000 до 2100"),
    ],
)
def test_an_unknown_profile_version_or_year_is_refused(tmp_path, key, value, reason):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    workbook = load_workbook(path)
    ws = workbook[MACHINE_SHEET]
    ws.cell(row=row_of(ws, key), column=2).value = value
    workbook.save(path)
    with pytest.raises(WorkbookError, match=reason):
        read_assessment_workbook(path)


def test_an_unknown_question_id_in_the_machine_sheet_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    workbook = load_workbook(path)
    ws = workbook[MACHINE_SHEET]
    row = row_of(ws, "k10.youth_involved")
    ws.cell(row=row, column=1).value = "k11.unknown"
    workbook.save(path)
    with pytest.raises(WorkbookError, match=f"ячейка A{row}: неизвестный вопрос «k11.unknown»"):
        read_assessment_workbook(path)


def test_writing_over_an_existing_file_on_error_leaves_it_untouched(tmp_path, monkeypatch):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"old contents")

    def broken_save(self, target):  # the workbook is saved into memory, then written by output_files
        target.write(b"half")
        raise OSError("диск заполнен")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(OSError):
        write_assessment_workbook(example(), path)
    assert path.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_a_written_workbook_is_readable_by_others_like_any_document(tmp_path):
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(example(), path)
    assert path.stat().st_mode & 0o777 == 0o644
