"""One hand-computed case per KPI (method §4), the arithmetic written out beside each figure.

Each test answers only the questions its KPI needs, for a primary organization of 850 members
unless said otherwise; KPIs are compared unrounded with a tolerance of 1e-9.
"""

import math

import pytest

from maturity.engine.scoring import score

BASE = {"profile.level": "primary", "profile.members": 850}


def kpi(profile, kpi_id, **answers):
    given = dict(BASE)
    given.update({k.replace("__", "."): v for k, v in answers.items()})
    return score(profile, given).kpis[kpi_id]


def test_k1_info_structure_weights_structure_60_designation_20_plan_20(base_profile):
    # activist 0.7 · 60 + designated 1 · 20 + plan 0 · 20 = 42 + 20 + 0 = 62
    value = kpi(base_profile, "k1", k1__structure="activist", k1__responsible_designated=True, k1__plan_quarterly=False)
    assert value == pytest.approx(62.0)


def test_k2_funding_is_the_spending_share_against_five_percent(base_profile):
    # 30 000 / 1 000 000 = 0.03; ratio(0.03, 0.05) = 0.6 → 60
    value = kpi(base_profile, "k2", profile__budget=1_000_000, profile__info_spending=30_000)
    assert value == pytest.approx(60.0)


def test_k2_funding_caps_at_100_above_the_target(base_profile):
    # 80 000 / 1 000 000 = 0.08 ≥ 0.05 → ratio 1 → 100
    assert kpi(base_profile, "k2", profile__budget=1_000_000, profile__info_spending=80_000) == pytest.approx(100.0)


def test_k3_interaction(base_profile):
    # up monthly 0.75·30 = 22.5; down yearly 0.25·30 = 7.5; db sent 0·15 = 0;
    # meetings ratio(2, 4) = 0.5 · 15 = 7.5; reviewed 1·10 = 10 → 47.5
    value = kpi(
        base_profile,
        "k3",
        k3__exchange_up="monthly",
        k3__exchange_down="yearly",
        k3__contacts_db_sent=False,
        k3__info_meetings=2,
        k3__body_reviewed=True,
    )
    assert value == pytest.approx(47.5)


def test_k4_audience_with_pages_and_no_site_for_a_small_organization(base_profile):
    # M = 850: reach ratio(170, 0.3·850 = 255) = 0.6667 · 30 = 20
    # engagement ER = 51 / 10 / 85 = 0.06 ≥ 0.03 → 1 · 25 = 25
    # frequency ratio(1.5, 3) = 0.5 · 15 = 7.5;  extras 1/3 · 10 = 3.333…
    # site: no site and 850 ≤ 5000 → n/a, so the weights sum to 80
    # K4 = 100 · (20 + 25 + 7.5 + 3.333…) / 80 = 69.791…
    value = kpi(
        base_profile,
        "k4",
        k4__site_exists=False,
        k4__social_pages=2,
        k4__subscribers=170,
        k4__main_subscribers=85,
        k4__reactions_last10=51,
        k4__posts_per_week=1.5,
        k4__extras=["youth_group"],
    )
    assert value == pytest.approx(100 * (20 + 25 + 7.5 + 10 / 3) / 80)


def test_k4_site_component_blends_criteria_and_visitors(base_profile):
    # site: 0.6 · share(4 of 11) + 0.4 · ratio(425, 850) = 0.6·0.3636… + 0.4·0.5 = 0.41818… → ·20
    # no pages: reach, engagement, frequency, extras are 0 (not n/a) → weights sum to 100
    value = kpi(
        base_profile,
        "k4",
        k4__site_exists=True,
        k4__site_visitors=425,
        k4__site_materials=10,
        k4__site_criteria=["bodies", "decisions", "mobile", "ask_button"],
        k4__social_pages=0,
    )
    site = 0.6 * 4 / 11 + 0.4 * 0.5
    assert value == pytest.approx(100 * site * 20 / 100)


def test_k5_media_uses_the_targets_of_the_level(base_profile):
    # territorial targets (6, 12, 12): ratio(3, 6) = 0.5 · 40 = 20; ratio(12, 12) = 1 · 40 = 40;
    # ratio(3, 12) = 0.25 · 20 = 5 → 65
    value = kpi(
        base_profile,
        "k5",
        profile__level="territorial",
        k5__leader_citations=3,
        k5__positive_publications=12,
        k5__materials_up=3,
    )
    assert value == pytest.approx(65.0)


def test_k6_coverage(base_profile):
    # reached 425 / 850 = 0.5; ratio(0.5, 0.8) = 0.625 · 40 = 25
    # channels 2/8 · 20 = 5; stand monthly 0.5 · 10 = 5
    # solidarnost: required max(1, ceil(850/100)) = 9; ratio(3, 9) = 0.333… · 20 = 6.666…
    # non-union ratio(17, 0.1·850 = 85) = 0.2 · 10 = 2  → 43.666…
    value = kpi(
        base_profile,
        "k6",
        k6__channels=["email", "chats"],
        k6__members_reached=425,
        k6__non_union_reach=17,
        k6__stand_update="monthly",
        k6__solidarnost_copies=3,
    )
    assert value == pytest.approx(25 + 5 + 5 + 20 / 3 + 2)


def test_k7_digital_access(base_profile):
    # contacts 3/6 · 25 = 12.5; feedback 2/5 · 20 = 8; hotline office_hours 0.6 · 20 = 12;
    # legal yes 10; response week 0.4 · 25 = 10 → 52.5
    value = kpi(
        base_profile,
        "k7",
        k7__contacts=["phone", "email", "messenger"],
        k7__feedback_forms=["polls", "bot"],
        k7__hotline="office_hours",
        k7__legal_online=True,
        k7__response_time="week",
        k7__appeals=4,
    )
    assert value == pytest.approx(52.5)


def test_k8_digital_adoption(base_profile):
    # registry system 0.8·20 = 16; vks sometimes 0.5·15 = 7.5; elearning own 15; crm none 0;
    # edo partial 0.5·10 = 5; voting yes 5; app no 0; pd 2/4 · 10 = 5; e-periodicals yes 5 → 58.5
    value = kpi(
        base_profile,
        "k8",
        k8__member_registry="system",
        k8__vks="sometimes",
        k8__elearning="own",
        k8__crm="none",
        k8__edo="partial",
        k8__online_voting=True,
        k8__mobile_app=False,
        k8__pd_protection=["consents", "storage"],
        k8__e_periodicals=True,
    )
    assert value == pytest.approx(58.5)


def test_k9_campaigns(base_profile):
    # participation (170 + 85) / 850 = 0.3; ratio(0.3, 0.5) = 0.6 · 70 = 42;
    # campaigns ratio(1, 3) · 30 = 10 → 52
    value = kpi(base_profile, "k9", k9__campaigns=1, k9__participants_offline=170, k9__participants_online=85)
    assert value == pytest.approx(52.0)


def test_k10_training_targets_one_trained_per_thousand_members(base_profile):
    # M = 2500: required max(1, ceil(2500/1000)) = 3; ratio(2, 3) · 70 = 46.666…;
    # events ratio(1, 2) · 20 = 10; youth no 0 → 56.666…
    value = kpi(
        base_profile,
        "k10",
        profile__members=2500,
        k10__trained=2,
        k10__training_events=1,
        k10__youth_involved=False,
    )
    assert value == pytest.approx(70 * 2 / 3 + 10)
    assert math.ceil(2500 / 1000) == 3


def test_index_is_the_mean_of_scored_kpis_and_the_digital_index_of_k7_k8(base_profile):
    answers = dict(BASE)
    answers.update({"k1.structure": "department", "k1.responsible_designated": True, "k1.plan_quarterly": True})
    answers.update(
        {
            "k7.contacts": [],
            "k7.feedback_forms": [],
            "k7.hotline": "none",
            "k7.legal_online": False,
            "k7.response_time": "over_week",
        }
    )
    result = score(base_profile, answers)
    # K1 = 100, K7 = 0, every other KPI null → index (100 + 0) / 2 = 50; digital = K7 alone = 0
    assert result.kpis["k1"] == pytest.approx(100.0)
    assert result.kpis["k7"] == pytest.approx(0.0)
    assert result.index == pytest.approx(50.0)
    assert result.digital_index == pytest.approx(0.0)
    assert result.level == "developing"


@pytest.mark.parametrize(
    ("index", "level"),
    [
        (0, "initial"),
        (19.99, "initial"),
        (20, "basic"),
        (39.9, "basic"),
        (40, "developing"),
        (59.999, "developing"),
        (60, "advanced"),
        (79.99, "advanced"),
        (80, "leading"),
        (100, "leading"),
    ],
)
def test_levels_take_the_lower_bound_inclusive(base_profile, index, level):
    from maturity.engine.scoring import scorer_for

    assert scorer_for(base_profile).level_of(index) == level


def test_level_uses_the_unrounded_index(base_profile):
    from maturity.engine.scoring import scorer_for

    # 39.96 reports as 40.0 but is still «Базовый»
    assert scorer_for(base_profile).level_of(39.96) == "basic"


def test_reported_figures_round_halves_up(base_profile):
    from maturity.engine.rounding import round_figure

    assert round_figure(96.25) == 96.3
    assert round_figure(63.75) == 63.8
    assert round_figure(None) is None
