"""The blank form: one row per question with data validation, filled by a person, read back tolerantly."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook
from workbook_helpers import EXAMPLE_NAMES, EXAMPLES, as_sets, example, row_of

from maturity.engine.scoring import score
from maturity.exchange.blank_form import FORM_SHEET, LISTS_SHEET, SERVICE_SHEET, write_blank_form
from maturity.exchange.safe_xlsx import WorkbookError
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.method.profile import load_profile

ANSWER = 4  # column D


@pytest.fixture
def blank(tmp_path, base_profile):
    path = tmp_path / "анкета.xlsx"
    write_blank_form(base_profile, path)
    return path


def validation_of(ws, cell: str):
    matches = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(matches) == 1, cell
    return matches[0]


def fill(path, values: dict[str, object], year: object = 2025):
    """Type values into column D by code, as a chair would, and save."""
    workbook = load_workbook(path)
    ws = workbook[FORM_SHEET]
    ws.cell(row=row_of(ws, "year"), column=ANSWER).value = year
    for code, value in values.items():
        ws.cell(row=row_of(ws, code), column=ANSWER).value = value
    workbook.save(path)
    return ws


def test_every_question_has_a_row_with_the_methods_text(blank, base_profile):
    ws = load_workbook(blank)[FORM_SHEET]
    for question in base_profile.questions.values():
        row = row_of(ws, question.id)
        assert ws.cell(row=row, column=3).value == question.text
        if question.type == "multi":
            for option in question.options:
                option_row = row_of(ws, f"{question.id}:{option.id}")
                assert option.label in ws.cell(row=option_row, column=3).value


def test_the_form_has_cells_for_the_year_and_the_organization(blank):
    ws = load_workbook(blank)[FORM_SHEET]
    assert ws.cell(row=row_of(ws, "year"), column=3).value == "Отчётный год"
    assert ws.cell(row=row_of(ws, "profile.name"), column=3).value == "Полное наименование организации"
    year = validation_of(ws, f"D{row_of(ws, 'year')}")
    assert (year.type, year.formula1, year.formula2) == ("whole", "2000", "2100")


def test_a_choice_offers_a_drop_down_of_the_russian_option_labels(blank, base_profile):
    workbook = load_workbook(blank)
    ws = workbook[FORM_SHEET]
    dv = validation_of(ws, f"D{row_of(ws, 'k1.structure')}")
    assert dv.type == "list" and dv.showErrorMessage
    sheet, cells = dv.formula1.split("!")
    assert sheet == f"'{LISTS_SHEET}'"
    first, last = (c.replace("$", "") for c in cells.split(":"))
    labels = [c.value for row in workbook[LISTS_SHEET][first:last] for c in row]
    assert labels == [o.label for o in base_profile.question("k1.structure").options]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    assert workbook[SERVICE_SHEET].sheet_state == "hidden"


def test_yes_no_questions_and_each_multi_choice_option_offer_da_net(blank):
    ws = load_workbook(blank)[FORM_SHEET]
    for code in ("k1.plan_quarterly", "k6.channels:email", "k6.channels:employer"):
        dv = validation_of(ws, f"D{row_of(ws, code)}")
        assert (dv.type, dv.formula1) == ("list", '"да,нет"')


def test_numbers_are_limited_to_whole_or_decimal_values_from_their_minimum(blank):
    ws = load_workbook(blank)[FORM_SHEET]
    members = validation_of(ws, f"D{row_of(ws, 'profile.members')}")
    assert (members.type, members.operator, members.formula1, members.formula2) == ("whole", "between", "1", "30000000")
    assert "от 1 до 30 000 000" in members.error
    meetings = validation_of(ws, f"D{row_of(ws, 'k3.info_meetings')}")
    assert (meetings.type, meetings.formula1, meetings.formula2) == ("whole", "0", "10000")
    posts = validation_of(ws, f"D{row_of(ws, 'k4.posts_per_week')}")
    assert (posts.type, posts.formula1, posts.formula2) == ("decimal", "0", "10000")
    name = validation_of(ws, f"D{row_of(ws, 'profile.name')}")
    assert (name.type, name.operator, name.formula1) == ("textLength", "lessThanOrEqual", "300")


def test_when_a_question_is_asked_is_explained_in_a_note_on_its_answer_cell(blank):
    ws = load_workbook(blank)[FORM_SHEET]
    visitors = ws.cell(row=row_of(ws, "k4.site_visitors"), column=ANSWER)
    assert "Отвечайте, если на вопрос «У организации есть сайт" in visitors.comment.text
    assert "ответ «да»" in visitors.comment.text
    subscribers = ws.cell(row=row_of(ws, "k4.subscribers"), column=ANSWER)
    assert "больше 0" in subscribers.comment.text
    assert ws.cell(row=row_of(ws, "k1.structure"), column=ANSWER).comment is None


def test_a_form_filled_like_a_person_would_imports_with_option_ids(blank):
    fill(
        blank,
        {
            "profile.name": "  ППО «Рассвет»  ",
            "profile.level": "Первичная профсоюзная организация (ППО)",
            "profile.members": " 1 250 ",  # text with spaces between thousands
            "profile.budget": "120000,50",  # comma decimals
            "k1.structure": "назначенный информационный активист ",  # other case, trailing space
            "k1.responsible_designated": "Да",
            "k1.plan_quarterly": "нет",
            "k4.posts_per_week": "2,5",
            "k6.channels:email": "да",
            "k6.channels:chats": "да ",
            "k6.channels:site": "нет",
        },
        year=" 2025 ",
    )
    document = read_assessment_workbook(blank)
    assert document.year == 2025
    assert document.profile.id == "fnpr-base"
    assert document.answers == {
        "profile.name": "ППО «Рассвет»",
        "profile.level": "primary",
        "profile.members": 1250,
        "profile.budget": 120000.5,
        "k1.structure": "activist",
        "k1.responsible_designated": True,
        "k1.plan_quarterly": False,
        "k4.posts_per_week": 2.5,
        "k6.channels": ["email", "chats"],
    }


def test_a_multi_choice_left_blank_is_unanswered_and_all_net_is_an_empty_selection(blank, base_profile):
    options = base_profile.question("k7.feedback_forms").options
    fill(blank, {"profile.name": "ППО", **{f"k7.feedback_forms:{o.id}": "нет" for o in options}})
    answers = read_assessment_workbook(blank).answers
    assert answers["k7.feedback_forms"] == []
    assert "k6.channels" not in answers


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_prefilled_form_reads_back_to_the_same_answers_and_scores(tmp_path, name):
    document = example(name)
    path = tmp_path / "form.xlsx"
    write_blank_form(document.profile, path, year=document.year, answers=document.answers, meta=document.meta)

    again = read_assessment_workbook(path)

    assert as_sets(again.answers) == as_sets(document.answers)
    assert again.year == document.year
    assert again.meta["organization_id"] == document.meta["organization_id"]
    assert score(again.profile, again.answers).to_json() == score(document.profile, document.answers).to_json()


@pytest.mark.parametrize(
    ("code", "typed", "reason"),
    [
        ("k3.info_meetings", "много", "ожидается число, а не «много»"),
        ("k3.info_meetings", -2, "число не может быть отрицательным"),
        ("k3.info_meetings", "2,5", "ожидается целое число, а не 2,5"),
        ("k1.structure", "завхоз", "нет такого варианта ответа: «завхоз»"),
        ("k1.plan_quarterly", "может быть", "ожидается «да» или «нет», а не «может быть»"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_cell(blank, code, typed, reason):
    ws = fill(blank, {"profile.name": "ППО", code: typed})
    row = row_of(ws, code)
    with pytest.raises(WorkbookError) as refused:
        read_assessment_workbook(blank)
    assert f"Лист „Анкета“, ячейка D{row} ({code}): {reason}" in str(refused.value)


def test_a_bad_multi_choice_option_answer_names_its_own_row(blank):
    ws = fill(blank, {"profile.name": "ППО", "k6.channels:site": "иногда"})
    row = row_of(ws, "k6.channels:site")
    with pytest.raises(WorkbookError, match=f"ячейка D{row} .k6.channels.: ожидается «да» или «нет»"):
        read_assessment_workbook(blank)


def test_a_form_without_a_year_or_an_organization_name_is_refused(blank):
    fill(blank, {"k1.plan_quarterly": "да"}, year=None)
    with pytest.raises(WorkbookError, match="ячейка D4: отчётный год должен быть целым числом от 2000 до 2100"):
        read_assessment_workbook(blank)
    fill(blank, {"k1.plan_quarterly": "да"}, year=2025)
    with pytest.raises(WorkbookError, match=r"\(profile.name\): не указано наименование организации"):
        read_assessment_workbook(blank)


def test_rows_are_found_by_their_code_not_their_position(blank):
    workbook = load_workbook(blank)
    ws = workbook[FORM_SHEET]
    ws.insert_rows(8, amount=3)  # a chair inserts rows for notes
    ws.cell(row=9, column=3).value = "мои заметки"
    workbook.save(blank)
    fill(blank, {"profile.name": "ППО «Заря»", "profile.members": 40})
    assert read_assessment_workbook(blank).answers == {"profile.name": "ППО «Заря»", "profile.members": 40}


def test_a_formula_typed_into_an_answer_cell_is_refused(blank):
    ws = fill(blank, {"profile.name": "ППО", "profile.members": "=SUM(1,2)"})
    with pytest.raises(WorkbookError, match=f"ячейка D{row_of(ws, 'profile.members')}: в ячейке формула"):
        read_assessment_workbook(blank)


def test_the_sudprof_form_names_its_profile(tmp_path):
    path = tmp_path / "sudprof.xlsx"
    write_blank_form(load_profile("sudprof"), path)
    fill(path, {"profile.name": "ППО суда"})
    assert read_assessment_workbook(path).profile.id == "sudprof"


@pytest.mark.subprocess
def test_maturity_template_writes_a_blank_form(tmp_path):
    path = tmp_path / "blank.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "maturity", "template", "--profile", "sudprof", "--year", "2025", "-o", str(path)],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Пустая анкета" in done.stdout
    ws = load_workbook(path)[FORM_SHEET]
    assert ws["D4"].value == 2025
    refused = subprocess.run(
        [sys.executable, "-m", "maturity", "template", "--profile", "nope", "-o", str(tmp_path / "x.xlsx")],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "такая методика не установлена" in refused.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.subprocess
def test_maturity_score_reads_a_filled_form_like_a_json_file(tmp_path):
    document = example("primary-small.json")
    path = tmp_path / "form.xlsx"
    write_blank_form(document.profile, path, year=2025, answers=document.answers)

    def score_json(file):
        done = subprocess.run([sys.executable, "-m", "maturity", "score", str(file), "--json"],
                              capture_output=True, text=True, encoding="utf-8", timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert score_json(path) == score_json(EXAMPLES / "primary-small.json")
