"""The road map (method §7): failed norms and weak components, priced in index points."""

import pytest
from answer_strategies import answer_sets
from hypothesis import example as hypothesis_example
from hypothesis import given, settings
from lanes import examples
from workbook_helpers import example

from maturity.engine.roadmap import recommendations
from maturity.engine.scoring import score
from maturity.method.profile import load_profile
from maturity.views.roadmap_labels import roadmap_subject


def test_every_failed_norm_and_weak_component_is_listed_best_gain_first(base_profile, example_answers):
    answers = example_answers("primary-small.json")
    result = score(base_profile, answers)
    recs = recommendations(base_profile, answers, result)
    failed = {k for k, n in result.norms.items() if n.status == "fail"}
    assert failed <= {r.ref for r in recs if r.kind == "norm"}
    weak = {f"{k}.{c}" for k, comps in result.components.items() for c, v in comps.items() if v is not None and v < 0.5}
    listed = {r.ref for r in recs if r.kind == "component"}
    # a weak component is listed unless a failed norm already gives the very same advice (the stand)
    norm_advice = {n.advice for n in base_profile.norms if n.id in failed}
    assert listed <= weak
    # a weak component is left out only when a failed norm already gives the very same advice
    for ref in weak - listed:
        kpi_id, comp_id = ref.split(".")
        comp = next(c for c in base_profile.kpi(kpi_id).components if c.id == comp_id)
        assert comp.advice in norm_advice
    gains = [r.gain for r in recs]
    assert gains == sorted(gains, reverse=True)


def test_a_component_gain_is_what_bringing_it_to_one_adds_to_the_index(base_profile, example_answers):
    answers = example_answers("primary-small.json")
    recs = recommendations(base_profile, answers)
    k1_plan = next(r for r in recs if r.ref == "k1.plan_quarterly")
    # K1 = 44 → 64 if planning were quarterly (+20 of 100); ten KPIs scored → index +2.0
    assert k1_plan.gain == pytest.approx(2.0)
    answers["k1.plan_quarterly"] = True
    assert score(base_profile, answers).index - score(
        base_profile, example_answers("primary-small.json")
    ).index == pytest.approx(2.0)


def test_a_norm_gain_is_the_index_gain_of_just_passing_it(base_profile, example_answers):
    answers = example_answers("primary-small.json")
    funding = next(r for r in recommendations(base_profile, answers) if r.ref == "n1_funding")
    # spending 2.5 % → 5 %: K2 50 → 100, index + 50 / 10 = +5.0
    assert funding.gain == pytest.approx(5.0)
    assert funding.text.startswith("Предусмотрите в смете")


def test_steps_are_spread_over_quarters(base_profile, example_answers):
    recs = recommendations(base_profile, example_answers("primary-small.json"))
    per_quarter = base_profile.data.roadmap.steps_per_quarter
    assert [r.quarter for r in recs[:per_quarter]] == [1] * per_quarter
    assert recs[per_quarter].quarter == 2
    assert max(r.quarter for r in recs) == 4


def test_a_leading_organization_gets_a_short_road_map(base_profile, example_answers):
    recs = recommendations(base_profile, example_answers("territorial-health.json"))
    assert {r.ref for r in recs} == {"k6.stand"}  # the only component below 0.5


# ------------------------------------------------------------------ never what is already there

_BASE = load_profile()


@settings(max_examples=examples(60), deadline=None)
@given(answers=answer_sets(_BASE))
@hypothesis_example(
    answers={"profile.level": "primary", "profile.members": 1, "k6.channels": ["site"]}
)  # «сайт» in another label
def test_the_road_map_never_recommends_an_option_already_chosen(answers):
    components = {f"{k.id}.{c.id}": c for k in _BASE.kpis for c in k.components}
    for rec in recommendations(_BASE, answers):
        component = components.get(rec.ref)
        question_id = getattr(component, "question", None)
        if rec.kind != "component" or getattr(component, "advice_missing", None) is None:
            continue
        chosen = answers.get(question_id) or []
        question = _BASE.question(question_id)
        # the advice lists exactly the options not chosen, in the question's order (a label may contain
        # another's word — «ресурсы работодателя (…, сайт, …)» and «Сайт» — so the list is compared whole)
        missing = [o.label for o in question.options if o.id not in chosen]
        if chosen and missing:
            listed = rec.text[len(component.advice_missing.split("{missing}")[0]) :]
            suffix = component.advice_missing.split("{missing}")[1]
            listed = listed[: len(listed) - len(suffix)] if suffix else listed
            assert listed.lower() == ", ".join(missing).lower(), (rec.ref, chosen, rec.text)
            assert rec.text.startswith(component.advice_missing.split("{missing}")[0])
        else:
            assert rec.text == component.advice


def test_the_road_map_names_a_kpi_by_its_title_on_the_result_page_and_in_the_workbook():
    kpi_titles = {k.id: k.title for k in _BASE.kpis}
    for rec in recommendations(_BASE, example().answers):
        subject = roadmap_subject(rec)
        assert subject == (kpi_titles[rec.kpi_id] if rec.kpi_id else f"Норматив: {rec.title}")
        assert not subject.upper().startswith("K1")
