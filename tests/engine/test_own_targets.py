"""An organization's own targets (issue 29): which targets may be approved, the bounds and the floor a value is
checked against, and — on hand-built answers — met or not by the quantity the component measures."""

from __future__ import annotations

import copy
import math
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.own_targets import (
    Decision,
    OwnTargetsInvalid,
    check_own_targets,
    check_value,
    compare,
    parse_decision,
    slot_by_id,
    summary,
    target_slots,
    value_bounds,
)
from maturity.engine.scoring import score
from maturity.method import profile as profile_module
from maturity.method.profile import ProfileError, load_profile, profile_from_mapping

BASE = load_profile("fnpr-base")


def answers(**given_answers):
    """A primary organization of 500 members with a budget of 1 000 000 ₽ (more by keyword, dots as «__»)."""
    result = {"profile.level": "primary", "profile.members": 500, "profile.budget": 1_000_000}
    result.update({k.replace("__", "."): v for k, v in given_answers.items()})
    return result


def outcome(values, given_answers, slot_id):
    [found] = [o for o in compare(BASE, values, given_answers) if o.slot.id == slot_id]
    return found


def test_every_target_a_component_compares_with_is_offered_and_the_funding_share_is_a_floor():
    slots = slot_by_id(BASE)
    assert {"funding_target_share", "meetings_target", "campaigns_target", "trained_per_members"} <= set(slots)
    assert {"media_targets.citations", "media_targets.publications", "media_targets.materials_up"} <= set(slots)
    assert "site_threshold" not in slots  # a size threshold, not a target
    assert [s.id for s in target_slots(BASE) if s.floor] == ["funding_target_share"]
    assert slots["funding_target_share"].step == "k2.funding"


def test_a_share_of_the_budget_met_or_not():
    # 60 000 ₽ of 1 000 000 ₽ = 6 %: a target of 7 % is not met, one of 5,5 % is
    given_answers = answers(profile__info_spending=60_000)
    missed = outcome({"funding_target_share": 0.07}, given_answers, "funding_target_share")
    assert (missed.target, missed.actual, missed.met) == (0.07, 0.06, False)
    met = outcome({"funding_target_share": 0.055}, given_answers, "funding_target_share")
    assert met.met is True


def test_a_share_of_members_target_is_compared_in_people():
    # 40 % of 500 members = 200 subscribers; 250 meet it, 150 do not
    values = {"subscribers_share_target": 0.4}
    met = outcome(values, answers(k4__social_pages=2, k4__subscribers=250), "subscribers_share_target")
    assert (met.target, met.actual, met.met) == (200.0, 250.0, True)
    missed = outcome(values, answers(k4__social_pages=2, k4__subscribers=150), "subscribers_share_target")
    assert missed.met is False


def test_one_per_members_needs_the_rounded_up_count():
    # one trained per 400 members of 500: ⌈500 / 400⌉ = 2 people; 1 is not enough
    values = {"trained_per_members": 400}
    assert outcome(values, answers(k10__trained=1), "trained_per_members").target == 2.0
    assert outcome(values, answers(k10__trained=1), "trained_per_members").met is False
    assert outcome(values, answers(k10__trained=2), "trained_per_members").met is True


def test_a_count_target_and_the_summary_five_of_seven_counts_unknown_as_not_met():
    values = {"meetings_target": 6, "campaigns_target": 2, "training_events_target": 1}
    given_answers = answers(k3__info_meetings=6, k9__campaigns=1)  # no training events answered
    outcomes = compare(BASE, values, given_answers)
    assert [(o.slot.id, o.met) for o in outcomes] == [
        ("meetings_target", True), ("campaigns_target", False), ("training_events_target", None),
    ]  # fmt: skip
    assert (summary(outcomes).met, summary(outcomes).total) == (1, 3)


def test_a_zeroed_component_measures_zero():
    # no social pages: the subscribers' component is zero, so its own target is not met
    found = outcome({"subscribers_share_target": 0.1}, answers(k4__social_pages=0), "subscribers_share_target")
    assert (found.actual, found.met) == (0.0, False)


def test_own_targets_never_change_the_score():
    given_answers = answers(profile__info_spending=60_000, k3__info_meetings=2)
    before = score(BASE, given_answers)
    compare(BASE, {"funding_target_share": 0.2, "meetings_target": 1}, given_answers)
    assert score(BASE, given_answers) == before
    assert BASE.parameters["funding_target_share"] == 0.05


def test_a_value_below_the_floor_is_refused_with_a_russian_reason():
    slot = slot_by_id(BASE)["funding_target_share"]
    with pytest.raises(OwnTargetsInvalid, match="ниже значения федерации 5"):
        check_value(BASE, slot, 0.049, "primary", "доля")
    assert check_value(BASE, slot, 0.05, "primary", "доля") == 0.05
    assert check_value(BASE, slot, 0.08, "primary", "доля") == 0.08


@cache
def _with_floor(name: str):
    raw = copy.deepcopy(profile_module._shipped_raw("fnpr-base"))
    raw["id"], raw["floors"] = "floors-variant", [name]
    return profile_from_mapping(raw, "floors-variant")


@pytest.mark.slow
def test_a_members_per_one_floor_refuses_a_larger_number_less_demanding():
    profile = _with_floor("trained_per_members")
    slot = slot_by_id(profile)["trained_per_members"]
    with pytest.raises(OwnTargetsInvalid, match="больше значения федерации"):
        check_value(profile, slot, 1500, "primary", "обученные")
    assert check_value(profile, slot, 500, "primary", "обученные") == 500


@pytest.mark.slow
def test_a_per_level_keyed_floor_uses_the_organizations_level():
    profile = _with_floor("media_targets.citations")
    slot = slot_by_id(profile)["media_targets.citations"]
    assert check_value(profile, slot, 3, "primary", "цитирования") == 3  # primary: 2
    with pytest.raises(OwnTargetsInvalid):
        check_value(profile, slot, 3, "territorial", "цитирования")  # territorial: 6


@pytest.mark.slow
def test_a_floor_naming_no_target_is_refused_when_the_profile_loads():
    with pytest.raises(ProfileError, match="floors"):
        _with_floor("site_threshold")


@settings(max_examples=examples(60), deadline=None)
@given(
    slot_id=st.sampled_from([s.id for s in target_slots(BASE)]),
    raw=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.booleans(),
        st.text(max_size=5),
        st.none(),
    ),
)
def test_any_received_value_is_kept_only_within_the_bounds_and_the_floor(slot_id, raw):
    slot = slot_by_id(BASE)[slot_id]
    low, high = value_bounds(BASE, slot)
    number = isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw)
    fits = (
        number
        and raw > 0
        and raw >= low
        and (high is None or raw <= high)
        and not (slot.floor and raw < BASE.parameters[slot.param])
    )
    if fits:
        assert check_value(BASE, slot, raw, "primary", "цель") == float(raw)
    else:
        with pytest.raises(OwnTargetsInvalid) as refused:
            check_value(BASE, slot, raw, "primary", "цель")
        assert str(refused.value).startswith("цель: ")


@cache
def approved_profile(slot_id: str, value: float):
    """fnpr-base were the approved value the federation's."""
    raw = copy.deepcopy(profile_module._shipped_raw("fnpr-base"))
    raw["id"] = "approved"
    raw["parameters"][slot_id] = value
    return profile_from_mapping(raw, "approved")


APPROVED = {
    "meetings_target": [1, 5, 12],
    "subscribers_share_target": [0.05, 0.35, 1.5],
    "trained_per_members": [1, 250, 900],
    "funding_target_share": [0.05, 0.12],
}


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(
    members=st.integers(1, 5000),
    counts=st.integers(0, 400),
    budget=st.integers(0, 10**7),
    spending=st.integers(0, 10**6),
    own=st.sampled_from([(k, v) for k, values in APPROVED.items() for v in values]),
)
def test_met_exactly_when_the_component_scored_with_the_approved_value_is_full(members, counts, budget, spending, own):
    """The rule for every target: met ⇔ the component, were the approved value the method's, would be at 1."""
    slot_id, value = own
    given_answers = {
        "profile.level": "primary", "profile.members": members, "k3.info_meetings": counts,
        "k4.social_pages": 1, "k4.subscribers": counts * 3, "k10.trained": counts // 20,
        "profile.budget": budget, "profile.info_spending": min(spending, budget),
    }  # fmt: skip
    approved = approved_profile(slot_id, value)
    slot = slot_by_id(BASE)[slot_id]
    component = score(approved, given_answers).components[slot.kpi_id][slot.component_id]
    met = outcome({slot_id: value}, given_answers, slot_id).met
    assert met is (None if component is None else component == 1.0)


def test_a_decision_reads_back_from_its_text():
    decision = Decision("Президиум областной организации", "12", "2025-12-20")
    assert decision.text() == "Президиум областной организации № 12 от 20.12.2025"
    assert parse_decision(decision.text()) == decision
    assert parse_decision("протокол собрания") == Decision("протокол собрания", "", None)


def test_a_files_own_targets_refuse_an_unknown_parameter_and_a_bad_date():
    with pytest.raises(OwnTargetsInvalid, match="нет среди целевых показателей"):
        check_own_targets(BASE, {"values": {"index_target": 1}}, 2026, "primary")
    with pytest.raises(OwnTargetsInvalid, match="дата"):
        check_own_targets(BASE, {"decision": "Президиум № 1 от 31.02.2026", "values": {}}, 2026, "primary")
    kept = check_own_targets(
        BASE, {"decision": "Президиум № 1 от 20.12.2025", "values": {"meetings_target": 6}}, 2026, "primary"
    )
    assert (kept.values, kept.decision.number) == ({"meetings_target": 6.0}, "1")
