"""Properties of the engine over generated answers (hypothesis)."""

from __future__ import annotations

import random

from answer_strategies import answer_sets
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.engine.validation import errors_only, validate_answers
from maturity.method.profile import load_profile
from maturity.method.schema import BlendComponent, RatioPart

PROFILE = load_profile("fnpr-base")
SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def good_things(profile):
    """Questions where more is better: ratio numerators, valued choices, yes/no, multi-choice shares.

    Left out: questions that switch components on or off (site_exists, social_pages), denominators
    and the members count, which change what the others are measured against.
    """
    switches = {q.relevant_if.question for s in profile.sections for q in s.questions if q.relevant_if}
    numerators, others, excluded = set(), set(), set(switches) | {"profile.members"}
    for kpi in profile.kpis:
        for comp in kpi.components:
            for cond in (comp.zero_when, comp.only_when):
                if cond:
                    excluded.add(cond.question)
            parts = comp.parts if isinstance(comp, BlendComponent) else (comp,)
            for part in parts:
                if isinstance(part, RatioPart):
                    numerators.update(part.sum)
                    if part.per:
                        excluded.add(part.per)
                else:
                    others.add(part.question)
    return sorted((numerators | others) - excluded)


GOOD = good_things(PROFILE)


def improve(profile, answers: dict, qid: str, amount: int) -> dict:
    better = dict(answers)
    question = profile.question(qid)
    value = answers[qid]
    if question.type in ("int", "number"):
        better[qid] = value + amount
    elif question.type == "bool":
        better[qid] = True
    elif question.type == "choice":
        options = sorted(question.options, key=lambda o: o.value)
        current = question.option(value).value
        higher = [o.id for o in options if o.value >= current]
        better[qid] = higher[min(amount, len(higher) - 1)]
    elif question.type == "multi":
        missing = [o.id for o in question.options if o.id not in value]
        better[qid] = value + missing[:1]
    return better


@SETTINGS
@given(answer_sets(PROFILE))
def test_every_kpi_and_the_index_lie_in_0_100_or_are_null(answers):
    result = score(PROFILE, answers)
    for value in [*result.kpis.values(), result.index, result.digital_index]:
        assert value is None or 0.0 <= value <= 100.0
    for comps in result.components.values():
        assert all(v is None or 0.0 <= v <= 1.0 for v in comps.values())
    assert 0.0 <= result.completeness <= 1.0


@SETTINGS
@given(answer_sets(PROFILE), st.sampled_from(GOOD), st.integers(1, 5000))
def test_more_of_a_good_thing_never_lowers_a_score(answers, qid, amount):
    assume(qid in answers)
    better = improve(PROFILE, answers, qid, amount)
    assume(not errors_only(validate_answers(PROFILE, better)))
    before, after = score(PROFILE, answers), score(PROFILE, better)
    for kpi_id, old in before.kpis.items():
        new = after.kpis[kpi_id]
        assert (old is None) == (new is None)
        if old is not None:
            assert new >= old - 1e-9, (qid, kpi_id)
    if before.index is not None:
        assert after.index >= before.index - 1e-9


@SETTINGS
@given(answer_sets(PROFILE), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_answers_or_selections(answers, rng: random.Random):
    items = list(answers.items())
    rng.shuffle(items)
    shuffled = {k: (rng.sample(v, len(v)) if isinstance(v, list) else v) for k, v in items}
    assert score(PROFILE, shuffled) == score(PROFILE, answers)


@SETTINGS
@given(answer_sets(PROFILE))
def test_generated_answers_are_valid_and_rescoring_is_deterministic(answers):
    assert errors_only(validate_answers(PROFILE, answers)) == []
    assert score(PROFILE, answers).to_json() == score(PROFILE, dict(answers)).to_json()
