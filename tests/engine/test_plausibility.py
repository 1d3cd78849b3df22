"""Implausible figures (999 999 999 employees for 5 members) are warned about beside the field, never refused.
The limits are the profile's data (``plausible_max``, ``plausible_per``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples
from test_profile import break_profile

from maturity.engine.validation import validate_answers
from maturity.method.profile import load_profile

PROFILE = load_profile()
RATIO_QUESTIONS = [q for s in PROFILE.sections for q in s.questions if q.plausible_per is not None]


def test_the_shipped_profile_has_plausibility_limits():
    assert RATIO_QUESTIONS  # at least the employees against the members


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data(), question=st.sampled_from(RATIO_QUESTIONS))
def test_a_figure_far_above_its_base_is_a_warning_and_never_an_error(data, question):
    rule = question.plausible_per
    base_question = PROFILE.question(rule.question)
    base = data.draw(st.integers(1, 10_000))
    value = data.draw(st.integers(0, int(question.max)))
    issues = [
        i for i in validate_answers(PROFILE, {rule.question: base, question.id: value}) if i.question_id == question.id
    ]
    implausible = value > base * rule.times or (question.plausible_max is not None and value > question.plausible_max)
    warnings = [i for i in issues if i.message == question.plausible_message]
    assert bool(warnings) == implausible
    assert all(i.severity == "warning" for i in warnings)
    assert not [i for i in issues if i.severity == "error"]
    assert base_question.type in ("int", "number")


def test_the_chairs_case_warns():
    employees = next(q for q in RATIO_QUESTIONS if q.plausible_per.question == PROFILE.organization_question("members"))
    issues = validate_answers(PROFILE, {employees.plausible_per.question: 5, employees.id: 99_999_999})
    assert [(i.question_id, i.severity) for i in issues if i.message == employees.plausible_message] == [
        (employees.id, "warning")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "rule", [{"plausible_max": 10}, {"plausible_per": {"question": "profile.members", "times": 2}}]
)
def test_a_plausibility_limit_on_a_text_question_is_refused(tmp_path, rule):
    def change(d):
        question = next(q for q in d["sections"][0]["questions"] if q["type"] == "text")
        question.update(rule)

    assert "предел правдоподобия" in str(break_profile(tmp_path, change))


def test_a_plausibility_rule_naming_an_unknown_question_is_refused(tmp_path):
    def change(d):
        question = next(q for q in d["sections"][0]["questions"] if q["type"] == "int")
        question["plausible_per"] = {"question": "profile.nothing", "times": 2}

    assert "profile.nothing" in str(break_profile(tmp_path, change))
