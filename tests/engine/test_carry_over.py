"""A new year starts from last year's answers, except the counts the profile marks as yearly."""

from __future__ import annotations

from answer_strategies import answer_sets
from hypothesis import given, settings
from lanes import examples

from maturity.engine.carry_over import carried_answers, yearly_questions
from maturity.engine.validation import clean_answers, errors_only, validate_answers
from maturity.method.profile import load_profile

PROFILE = load_profile()


@settings(max_examples=examples(60), deadline=None)
@given(earlier=answer_sets(PROFILE))
def test_every_answer_carries_over_except_the_yearly_counts(earlier):
    carried = carried_answers(PROFILE, clean_answers(PROFILE, earlier))
    yearly = set(yearly_questions(PROFILE))
    assert not yearly & set(carried)
    assert carried == {k: v for k, v in clean_answers(PROFILE, earlier).items() if k not in yearly}
    assert not errors_only(validate_answers(PROFILE, carried))  # a new year's draft starts without an error


@settings(max_examples=examples(30), deadline=None)
@given(earlier=answer_sets(PROFILE))
def test_answers_the_profile_does_not_know_or_no_longer_accepts_are_left_out(earlier):
    choice = next(q for s in PROFILE.sections for q in s.questions if q.type == "choice" and q.carry_over)
    received = {**earlier, "gone.question": 5, choice.id: "no-such-option"}
    carried = carried_answers(PROFILE, received)
    assert "gone.question" not in carried and choice.id not in carried


def test_the_profile_marks_every_count_for_the_year_as_yearly():
    """Data check: a question asked «за год» / «в отчётном году» never carries over; facts do."""
    for question in (q for s in PROFILE.sections for q in s.questions):
        for_the_year = question.text.endswith(("за год", "в отчётном году", "за год, руб."))
        if for_the_year:
            assert not question.carry_over, question.id
    for fact in ("name", "level", "parent", "region", "sector", "members"):
        assert PROFILE.question(PROFILE.organization_question(fact)).carry_over, fact
