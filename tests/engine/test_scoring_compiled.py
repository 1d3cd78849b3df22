"""The compiled scorer (one generated function per profile) gives exactly the reference's figures.

``Scorer.score`` runs the profile compiled to straight-line code (maturity/engine/compiled_scoring.py);
``Scorer.reference`` is the method's arithmetic as readable closures. On generated answers — valid ones,
and ones with blanks, missing level or members, zeros and answers to questions not asked — every KPI,
component, the index, the digital index, the level, each norm's status and completeness must be the
same float bit for bit (compared by ``repr``: 0.1 + 0.2 is not 0.3, -0.0 is not 0.0), for the shipped
profiles, the test profiles with 11 and 12 KPIs, and a variant with other weights and rules.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from answer_strategies import answer_sets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_profiles import TEST_PROFILE_IDS, profile_text
from lanes import examples

from maturity.engine.scoring import Scorer, ScoreResult, score
from maturity.method import profile as profile_module
from maturity.method.profile import Profile, load_profile, profile_from_mapping

SETTINGS = settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _variant() -> Profile:
    """fnpr-base with unequal KPI weights, other thresholds, an «all» norm inside an
    «all», and a norm for every level: paths the shipped profiles leave out."""
    raw = copy.deepcopy(profile_module._shipped_raw("fnpr-base"))
    raw["id"] = "compiled-variant"
    for position, kpi in enumerate(raw["kpis"]):
        kpi["weight"] = 1.0 + position / 3
    raw["parameters"]["site_threshold"] = {"primary": 300, "territorial": 2000, "association": 1, "union": 9000}
    raw["parameters"]["social_threshold"] = 700
    for norm in raw["norms"]:
        norm.pop("levels", None)
        if norm["rule"]["kind"] == "all":
            norm["rule"]["rules"].append({"kind": "all", "rules": [dict(r) for r in norm["rule"]["rules"]]})
    raw["maturity_levels"][1]["from"] = 33.3
    return profile_from_mapping(raw, "compiled-variant")


def _test_profile(profile_id: str) -> Profile:
    return profile_from_mapping(yaml.safe_load(profile_text(profile_id, profile_module._shipped_text)), profile_id)


PROFILES = {
    "fnpr-base": load_profile("fnpr-base"),
    "sudprof": load_profile("sudprof"),
    **{pid: _test_profile(pid) for pid in TEST_PROFILE_IDS},
    "variant": _variant(),
}


def figures(result: ScoreResult) -> str:
    """Every figure the store keeps or a person reads, as exact text."""
    return repr(
        (
            result.kpis,
            result.components,
            result.index,
            result.digital_index,
            result.level,
            result.norm_statuses,
            result.completeness,
        )
    )


@st.composite
def hostile_answers(draw, profile: Profile) -> dict:
    """Valid answers, some replaced by None or blank text; level and members may be missing."""
    answers = draw(answer_sets(profile, always=()))
    ids = [q.id for s in profile.sections for q in s.questions]
    for qid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=6)):
        answers[qid] = draw(st.sampled_from([None, ""]))
    return answers


def _same_figures_on(profile: Profile, answers: st.SearchStrategy) -> None:
    scorer = Scorer(profile)

    @SETTINGS
    @given(answers)
    def check(answers):
        assert figures(scorer.score(answers)) == figures(scorer.reference(answers))

    check()


@pytest.mark.parametrize("name", PROFILES)
def test_compiled_scoring_gives_the_reference_figures_on_valid_answers(name):
    _same_figures_on(PROFILES[name], answer_sets(PROFILES[name]))


@pytest.mark.slow
@pytest.mark.parametrize("name", PROFILES)
def test_compiled_scoring_gives_the_reference_figures_with_blanks_and_missing_answers(name):
    _same_figures_on(PROFILES[name], hostile_answers(PROFILES[name]))


@SETTINGS
@given(hostile_answers(PROFILES["sudprof"]))
def test_the_norms_reasons_are_the_references_and_agree_with_the_statuses(answers):
    profile = PROFILES["sudprof"]
    result, reference = score(profile, answers), Scorer(profile).reference(answers)
    assert dict(result.norms) == dict(reference.norms)
    assert {k: n.status for k, n in result.norms.items()} == result.norm_statuses


def test_a_hand_computed_case_reads_the_same_from_both():
    # K2 = ratio(30 000 / 1 000 000, 0.05) = 0.6 → 60; the only KPI answered, so the index is 60 too
    profile = PROFILES["fnpr-base"]
    answers = {"profile.level": "primary", "profile.members": 850, "profile.budget": 1_000_000}
    answers["profile.info_spending"] = 30_000
    result = score(profile, answers)
    assert result.kpis[profile.kpis[1].id] == pytest.approx(60.0)
    assert result.index == pytest.approx(60.0)
    assert figures(result) == figures(Scorer(profile).reference(answers))
