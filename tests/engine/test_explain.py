"""Why a KPI has its score: components, weights, the answers used, values or reasons, gains."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from answer_strategies import answer_sets
from hypothesis import given, settings
from lanes import examples

from maturity.engine.explain import explain
from maturity.engine.roadmap import recommendations
from maturity.engine.scoring import score
from maturity.method.profile import load_profile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROFILE = load_profile("fnpr-base", "2025.1")  # pinned: the figures below were worked out under 2025.1


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maturity", *args], capture_output=True, text=True, timeout=60)


@given(answer_sets(PROFILE))
@settings(max_examples=examples(60), deadline=None)
def test_values_are_the_scorers_and_every_na_has_a_reason(answers):
    result = score(PROFILE, answers)
    for kpi in explain(PROFILE, answers, result):
        assert kpi.score == result.kpis[kpi.kpi_id]
        for c in kpi.components:
            assert c.value == result.components[kpi.kpi_id][c.id]
            assert (c.na_reason is None) == (c.value is not None)
            assert c.na_reason is None or c.na_reason.strip()
            assert c.questions and all(q in PROFILE.questions for q in c.questions)
            assert c.gain >= 0
            if c.value == 1.0:
                assert c.gain == 0


@given(answer_sets(PROFILE))
@settings(max_examples=examples(60), deadline=None)
def test_a_components_gain_is_the_road_maps_gain_for_it(answers):
    result = score(PROFILE, answers)
    gains = {c.step: c.gain for kpi in explain(PROFILE, answers, result) for c in kpi.components}
    for rec in recommendations(PROFILE, answers, result):
        if rec.kind == "component":
            assert abs(gains[rec.ref] - rec.gain) < 1e-9


@given(answer_sets(PROFILE))
@settings(max_examples=examples(40), deadline=None)
def test_bringing_a_component_to_full_adds_its_gain_to_the_index(answers):
    """The gain of a scored component is the index of these answers with that component at 1."""
    result = score(PROFILE, answers)
    if result.index is None:
        return
    weights = {k.id: k.weight for k in PROFILE.kpis}
    for kpi in explain(PROFILE, answers, result):
        scored = [c for c in kpi.components if c.value is not None]
        total = sum(c.weight for c in scored)
        for c in scored:
            new_kpi = 100 * (sum(x.weight * x.value for x in scored) + c.weight * (1 - c.value)) / total
            kpis = {**result.kpis, kpi.kpi_id: new_kpi}
            counted = {k: v for k, v in kpis.items() if v is not None}
            new_index = sum(weights[k] * v for k, v in counted.items()) / sum(weights[k] for k in counted)
            assert abs(c.gain - (new_index - result.index)) < 1e-9


def test_the_first_kpi_of_the_small_example_by_hand(example_answers):
    # K1 weights 60/20/20; the chair does the work: structure 0.4, a designated person 1, no plan 0 → 44.
    # Ten KPIs of weight 1, all scored: a component's gain is its KPI gain / 10.
    # structure: 60 · (1 − 0.4) = 36 KPI points → 3.6; plan: 20 · 1 = 20 → 2.0; designated: 0.
    answers = example_answers("primary-small.json")
    first = explain(PROFILE, answers)[0]
    assert [c.weight for c in first.components] == [60, 20, 20]
    assert [round(c.gain, 9) for c in first.components] == [3.6, 0.0, 2.0]


def test_a_component_not_applicable_says_why(example_answers):
    # the small school has no site: the site component is n/a because of that answer
    answers = example_answers("primary-small.json")
    na = [c for kpi in explain(PROFILE, answers) for c in kpi.components if c.value is None]
    assert na and all(c.na_reason.startswith("не применяется: так ответили на вопрос «") for c in na)
    # no answers at all: every component n/a, each naming the first answer it lacks
    for kpi in explain(PROFILE, {}):
        for c in kpi.components:
            assert c.value is None and c.na_reason.startswith("нет ответа на вопрос «")


@pytest.mark.subprocess
def test_the_json_without_explain_is_the_method_contract_and_with_it_adds_components_only():
    plain = maturity("score", str(EXAMPLES / "primary-small.json"), "--json")
    explained = maturity("score", str(EXAMPLES / "primary-small.json"), "--json", "--explain")
    assert plain.returncode == explained.returncode == 0
    data, more = json.loads(plain.stdout), json.loads(explained.stdout)
    assert set(data) == {"kpis", "index", "digital_index", "level", "norms", "completeness"}
    components = more.pop("components")
    assert more == data
    assert list(components) == [k.id for k in PROFILE.kpis]
    for kpi in PROFILE.kpis:
        assert [c["id"] for c in components[kpi.id]] == [c.id for c in kpi.components]
        assert all(set(c) == {"id", "weight", "value", "na_reason", "gain"} for c in components[kpi.id])


@pytest.mark.subprocess
def test_the_readable_explanation_lists_each_component_with_its_answers():
    run = maturity("score", str(EXAMPLES / "primary-small.json"), "--explain")
    assert run.returncode == 0
    for kpi in PROFILE.kpis:
        for c in kpi.components:
            assert f"  {c.id} (вес " in run.stdout
    assert "прирост +3,6" in run.stdout  # K1's structure, by hand above
