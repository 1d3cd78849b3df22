"""The assessment session: the object every wizard page reads and writes (no Qt)."""

from __future__ import annotations

import pytest

from maturity.engine.scoring import score
from maturity.engine.session import AssessmentSession

BUDGET_MESSAGE = "Расходы на информационную работу не могут быть больше бюджета организации."


@pytest.fixture
def saves():
    return []


@pytest.fixture
def session(base_profile, saves):
    return AssessmentSession(profile=base_profile, year=2025, on_change=lambda s: saves.append(dict(s.answers)))


def test_a_new_session_starts_at_the_first_section_with_no_answers(session):
    assert session.current_section == "profile"
    assert session.answers == {}


def test_every_change_is_handed_to_the_save_callback_at_once(session, saves):
    session.set_answer("profile.members", 85)
    session.set_answer("k1.structure", "chair")

    assert saves == [{"profile.members": 85}, {"profile.members": 85, "k1.structure": "chair"}]


def test_giving_the_same_answer_again_saves_nothing(session, saves):
    session.set_answer("profile.members", 85)
    session.set_answer("profile.members", 85)

    assert len(saves) == 1


def test_none_and_blank_text_remove_the_answer(session, saves):
    session.set_answer("profile.region", "Липецкая область")
    session.set_answer("profile.region", "   ")
    session.set_answer("profile.members", 85)
    session.set_answer("profile.members", None)

    assert session.answers == {}
    assert len(saves) == 4


def test_text_is_trimmed_and_whole_numbers_for_int_questions_become_ints(session):
    session.set_answer("profile.name", "  ППО школы № 7 ")
    session.set_answer("k3.info_meetings", 3.0)

    assert session.answers == {"profile.name": "ППО школы № 7", "k3.info_meetings": 3}
    assert type(session.answers["k3.info_meetings"]) is int


def test_an_answer_of_the_wrong_type_is_a_programming_error(session):
    with pytest.raises(TypeError):
        session.set_answer("profile.members", "восемьдесят пять")
    with pytest.raises(KeyError):
        session.set_answer("k99.unknown", 1)


def test_spending_above_the_budget_is_kept_shown_and_blocks_only_its_own_section(session):
    session.set_answer("profile.budget", 100000)
    issues = session.set_answer("profile.info_spending", 250000)

    assert [(i.question_id, i.message, i.severity) for i in issues] == [
        ("profile.info_spending", BUDGET_MESSAGE, "error")
    ]
    assert session.answer("profile.info_spending") == 250000  # the typed value is not thrown away
    assert [i.question_id for i in session.errors_in("profile")] == ["profile.info_spending"]
    assert session.errors_in("k1") == []
    assert session.savable_answers() == {"profile.budget": 100000}


def test_a_warning_does_not_block(session):
    session.set_answer("profile.members", 100)
    issues = session.set_answer("profile.employees", 90)

    assert [i.severity for i in issues] == ["warning"]
    assert session.errors_in("profile") == []


def test_site_questions_are_relevant_only_when_there_is_a_site(session):
    assert not session.is_relevant("k4.site_visitors")  # unanswered site_exists: not asked yet
    session.set_answer("k4.site_exists", True)
    assert session.is_relevant("k4.site_visitors")
    session.set_answer("k4.site_exists", False)
    assert not session.is_relevant("k4.site_visitors")
    assert "k4.site_visitors" not in session.relevant_ids()


def test_an_error_on_a_question_no_longer_asked_does_not_block(session):
    session.set_answer("k4.social_pages", 1)
    session.set_answer("k4.subscribers", 40)
    session.set_answer("k4.main_subscribers", 90)
    assert session.errors_in("k4")

    session.set_answer("k4.social_pages", 0)

    assert session.errors_in("k4") == []


def test_the_score_is_the_object_the_command_line_computes(base_profile, example_answers):
    answers = example_answers("primary-small.json")
    session = AssessmentSession(profile=base_profile, year=2025, answers=answers)

    assert session.score().to_json() == score(base_profile, answers).to_json()
    assert session.score().complete
    assert session.missing_required() == []


def test_missing_required_questions_are_listed_in_questionnaire_order(session):
    session.set_answer("profile.name", "ППО")
    session.set_answer("profile.level", "primary")

    missing = [q.id for q in session.missing_required()]
    assert missing[:3] == ["profile.members", "k1.structure", "k1.responsible_designated"]
    assert "k4.site_visitors" not in missing  # not asked while site_exists is unanswered


def test_the_score_follows_the_answers(session):
    session.set_answer("profile.members", 85)
    session.set_answer("k1.structure", "department")
    session.set_answer("k1.responsible_designated", True)
    session.set_answer("k1.plan_quarterly", True)
    assert session.score().kpis["k1"] == 100.0

    session.set_answer("k1.plan_quarterly", False)  # 100 · (60·1 + 20·1 + 20·0) / 100
    assert session.score().kpis["k1"] == 80.0


def test_the_section_where_the_user_is_is_saved_too(session, saves):
    session.set_section("k4")
    session.set_section("k4")

    assert session.current_section == "k4"
    assert len(saves) == 1
