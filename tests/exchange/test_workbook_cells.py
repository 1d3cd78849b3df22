"""Answers in cells: what a person reads, what a machine sheet keeps, what a filled form may contain."""

from __future__ import annotations

import pytest

from maturity.exchange.answer_cells import (
    CellIssue,
    CellValueError,
    display_answer,
    exact_number,
    machine_value,
    parse_bool,
    parse_number,
    read_form_value,
    read_machine_value,
)


@pytest.fixture(scope="module")
def q(base_profile):
    return base_profile.question


@pytest.mark.parametrize(
    ("qid", "value", "shown"),
    [
        ("k1.structure", "worker", "Штатный информационный работник"),
        ("k1.plan_quarterly", True, "да"),
        ("k1.plan_quarterly", False, "нет"),
        ("k6.channels", ["email", "stand"], "Электронные рассылки; Профсоюзный стенд"),
        ("k6.channels", [], "ничего не выбрано"),
        ("k4.posts_per_week", 2.5, 2.5),
        ("profile.name", None, None),
    ],
)
def test_answers_are_shown_in_russian(q, qid, value, shown):
    assert display_answer(q(qid), value) == shown


def test_a_machine_sheet_keeps_lists_as_json_and_numbers_exactly(q):
    assert machine_value(q("k6.channels"), ["chats", "email"]) == '["chats", "email"]'
    assert machine_value(q("k4.posts_per_week"), 1.5) == 1.5
    assert machine_value(q("profile.budget"), 0.1 + 0.2) == "0.30000000000000004"  # 16 digits would lose it
    assert read_machine_value(q("profile.budget"), "0.30000000000000004") == 0.1 + 0.2
    assert exact_number(12345678901234567) == "12345678901234567"
    assert read_machine_value(q("k6.channels"), '["chats", "email"]') == ["chats", "email"]


@pytest.mark.parametrize(
    ("text", "integer", "number"),
    [
        (" 1 250 ", True, 1250),
        ("1\u00a0250", True, 1250),  # a non-breaking space between thousands, as Excel shows them
        ("120000,50", False, 120000.5),
        ("2.5", False, 2.5),
        ("7.0", True, 7),
        (12.0, True, 12),
        ("-3", True, -3),  # read; the range check (≥ 0) names the cell afterwards
    ],
)
def test_numbers_typed_as_text_are_read(text, integer, number):
    value = parse_number(text, integer=integer)
    assert value == number and type(value) is type(number)


@pytest.mark.parametrize(
    ("text", "integer", "reason"),
    [
        ("много", True, "ожидается число, а не «много»"),
        ("2,5", True, "ожидается целое число, а не 2,5"),
        (True, False, "ожидается число, а не «да»/«нет»"),
        ("inf", False, "ожидается число"),
    ],
)
def test_what_is_not_a_number_is_refused_with_a_reason(text, integer, reason):
    with pytest.raises(CellValueError, match=reason):
        parse_number(text, integer=integer)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("да", True),
        ("Да ", True),
        ("ДА", True),
        ("нет", False),
        (" Нет.", False),
        (True, True),
        (0, False),
        ("1", True),
    ],
)
def test_yes_and_no_are_read_in_any_case(text, answer):
    assert parse_bool(text) is answer


def test_an_option_is_read_from_its_label_or_its_id(q):
    structure = q("k1.structure")
    assert read_form_value(structure, "Штатный информационный работник") == "worker"
    assert read_form_value(structure, "  штатный   информационный работник ") == "worker"
    assert read_form_value(structure, "worker") == "worker"
    with pytest.raises(CellValueError, match="нет такого варианта ответа: «дворник»; выберите вариант из списка"):
        read_form_value(structure, "дворник")


def test_blank_cells_are_unanswered(q):
    for qid in ("profile.name", "k1.structure", "k3.info_meetings", "k1.plan_quarterly"):
        assert read_form_value(q(qid), "   ") is None
        assert read_form_value(q(qid), None) is None


def test_a_cell_issue_names_the_sheet_the_cell_and_the_question():
    issue = CellIssue("Ответы", "C14", "число не может быть отрицательным", "k3.info_meetings")
    assert str(issue) == "Лист „Ответы“, ячейка C14 (k3.info_meetings): число не может быть отрицательным"
