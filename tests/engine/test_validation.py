"""Answer validation: every error names its question id and says what is wrong in Russian."""

import pytest

from maturity.engine.validation import AnswersInvalid, clean_answers, errors_only, validate_answers


def messages(profile, answers):
    return {(i.question_id, i.message) for i in errors_only(validate_answers(profile, answers))}


@pytest.mark.parametrize(
    ("qid", "value", "message"),
    [
        ("profile.members", 0, "число должно быть не меньше 1"),
        ("profile.members", -5, "число должно быть не меньше 1"),
        ("profile.members", 12.5, "ожидается целое число"),
        ("profile.members", "сто", "ожидается целое число"),
        ("profile.members", True, "ожидается целое число"),
        ("k3.info_meetings", -1, "число не может быть отрицательным"),
        ("k4.posts_per_week", float("nan"), "ожидается число"),
        ("k1.structure", "boss", "нет такого варианта ответа: «boss»"),
        ("k1.structure", ["chair"], "ожидается один вариант ответа"),
        ("k6.channels", ["email", "email"], "вариант ответа выбран дважды"),
        ("k6.channels", ["fax"], "нет такого варианта ответа: «fax»"),
        ("k6.channels", "email", "ожидается список вариантов ответа"),
        ("k1.plan_quarterly", "да", "ожидается ответ «да» или «нет»"),
        ("k1.plan_quarterly", 1, "ожидается ответ «да» или «нет»"),
        ("profile.name", "   ", "поле не может быть пустым"),
        ("profile.name", "Я" * 301, "текст длиннее 300 знаков"),
    ],
)
def test_a_bad_value_is_an_error_naming_the_question(base_profile, qid, value, message):
    assert (qid, message) in messages(base_profile, {qid: value})


def test_an_unknown_question_id_is_an_error(base_profile):
    assert ("k4.fax_number", "неизвестный вопрос: такого вопроса нет в методике") in messages(
        base_profile, {"k4.fax_number": 3}
    )


@pytest.mark.parametrize(
    ("answers", "qid"),
    [
        ({"profile.budget": 1000, "profile.info_spending": 1001}, "profile.info_spending"),
        ({"k4.social_pages": 1, "k4.subscribers": 10, "k4.main_subscribers": 11}, "k4.main_subscribers"),
        ({"profile.members": 50, "k6.members_reached": 51}, "k6.members_reached"),
    ],
)
def test_cross_field_limits(base_profile, answers, qid):
    issues = errors_only(validate_answers(base_profile, answers))
    assert [i.question_id for i in issues] == [qid]
    assert issues[0].message  # a sentence from the profile


def test_cross_field_limits_hold_at_equality(base_profile):
    answers = {"profile.budget": 1000, "profile.info_spending": 1000, "profile.members": 50, "k6.members_reached": 50}
    assert errors_only(validate_answers(base_profile, answers)) == []


def test_fewer_employees_than_members_is_only_a_warning(base_profile):
    issues = validate_answers(base_profile, {"profile.members": 100, "profile.employees": 90})
    assert [(i.question_id, i.severity) for i in issues] == [("profile.employees", "warning")]


def test_clean_answers_normalizes_and_refuses(base_profile):
    cleaned = clean_answers(
        base_profile, {"profile.members": 120.0, "profile.name": "  ППО  ", "k3.info_meetings": None}
    )
    assert cleaned == {"profile.members": 120, "profile.name": "ППО"}
    assert isinstance(cleaned["profile.members"], int)
    with pytest.raises(AnswersInvalid) as error:
        clean_answers(base_profile, {"profile.members": -1})
    assert "profile.members" in str(error.value)
