"""Every n/a rule of the method: when a component, a KPI or the index is «не оценивается»."""

import pytest

from maturity.engine.scoring import score

PRIMARY = {"profile.level": "primary", "profile.members": 850}


def result_for(profile, **answers):
    given = dict(PRIMARY)
    given.update({k.replace("__", "."): v for k, v in answers.items()})
    return score(profile, given)


def test_a_kpi_with_every_component_missing_is_null(base_profile):
    result = result_for(base_profile)
    assert result.kpis["k1"] is None
    assert result.index is None
    assert result.level is None
    assert result.digital_index is None


def test_a_missing_answer_makes_only_its_component_na(base_profile):
    # structure missing → n/a; designated 1·20, plan 0·20 over weight 40 → 50
    result = result_for(base_profile, k1__responsible_designated=True, k1__plan_quarterly=False)
    assert result.components["k1"]["structure"] is None
    assert result.kpis["k1"] == pytest.approx(50.0)


def test_explicit_zero_false_and_empty_selection_are_answers_not_missing(base_profile):
    result = result_for(
        base_profile,
        k7__contacts=[],
        k7__feedback_forms=[],
        k7__hotline="none",
        k7__legal_online=False,
        k7__response_time="over_week",
    )
    assert result.kpis["k7"] == 0.0


@pytest.mark.parametrize(
    "budget_answers",
    [{"profile__info_spending": 100}, {"profile__budget": 1000}, {"profile__budget": 0, "profile__info_spending": 0}],
    ids=["no budget", "no spending", "zero budget"],
)
def test_funding_is_na_without_budget_or_spending_or_with_a_zero_budget(base_profile, budget_answers):
    result = result_for(base_profile, **budget_answers)
    assert result.components["k2"]["funding"] is None
    assert result.kpis["k2"] is None


def test_no_social_pages_gives_zero_not_na_for_the_four_social_components(base_profile):
    result = result_for(base_profile, k4__social_pages=0, k4__site_exists=False)
    comps = result.components["k4"]
    assert (comps["reach"], comps["engagement"], comps["frequency"], comps["extras"]) == (0.0, 0.0, 0.0, 0.0)
    assert comps["site"] is None  # 850 ≤ 5000: a site is optional
    assert result.kpis["k4"] == 0.0


def test_social_answers_are_ignored_when_there_are_no_pages(base_profile):
    # subscribers given but social_pages = 0: the question is not asked, its answer does not count
    result = result_for(base_profile, k4__social_pages=0, k4__subscribers=1000, k4__site_exists=False)
    assert result.components["k4"]["reach"] == 0.0


def test_social_components_are_na_when_the_page_count_is_missing(base_profile):
    result = result_for(base_profile, k4__subscribers=300, k4__site_exists=False)
    assert result.components["k4"]["reach"] is None


def test_engagement_is_zero_when_the_main_page_has_no_subscribers(base_profile):
    result = result_for(
        base_profile,
        k4__social_pages=1,
        k4__subscribers=0,
        k4__main_subscribers=0,
        k4__reactions_last10=0,
    )
    assert result.components["k4"]["engagement"] == 0.0


@pytest.mark.parametrize(("members", "expected"), [(5000, None), (5001, 0.0)])
def test_no_site_is_na_up_to_the_site_threshold_and_zero_above_it(base_profile, members, expected):
    result = result_for(base_profile, profile__members=members, k4__site_exists=False)
    assert result.components["k4"]["site"] == expected


def test_site_is_na_when_site_existence_is_unknown(base_profile):
    result = result_for(base_profile, profile__members=9000)
    assert result.components["k4"]["site"] is None


def test_site_questions_do_not_count_without_a_site(base_profile):
    result = result_for(
        base_profile,
        profile__members=9000,
        k4__site_exists=False,
        k4__site_visitors=9000,
        k4__site_criteria=["bodies"],
    )
    assert result.components["k4"]["site"] == 0.0


def test_participation_is_na_if_either_count_is_missing(base_profile):
    result = result_for(base_profile, k9__participants_offline=400, k9__campaigns=3)
    assert result.components["k9"]["participation"] is None
    assert result.kpis["k9"] == pytest.approx(100.0)  # campaigns alone: ratio(3, 3) = 1


def test_member_based_components_are_na_without_members(base_profile):
    result = score(base_profile, {"profile.level": "primary", "k6.members_reached": 10, "k10.trained": 1})
    assert result.components["k6"]["reached"] is None
    assert result.components["k10"]["trained"] is None


def test_media_targets_need_the_level(base_profile):
    result = score(base_profile, {"profile.members": 100, "k5.leader_citations": 2})
    assert result.components["k5"]["citations"] is None


def test_digital_index_is_the_mean_of_the_non_null_of_k7_and_k8(base_profile):
    result = result_for(
        base_profile,
        k8__member_registry="e_card",
        k8__vks="regularly",
        k8__elearning="own",
        k8__crm="regular",
        k8__edo="most",
        k8__online_voting=True,
        k8__mobile_app=True,
        k8__pd_protection=["consents", "responsible", "storage", "software"],
        k8__e_periodicals=True,
    )
    assert result.kpis["k7"] is None
    assert result.digital_index == pytest.approx(100.0)


def test_completeness_counts_relevant_required_questions_only(base_profile):
    from maturity.engine.relevance import relevance_rules

    rules = relevance_rules(base_profile)
    without_site = rules.relevant_ids({"k4.site_exists": False, "k4.social_pages": 0})
    with_site = rules.relevant_ids({"k4.site_exists": True, "k4.social_pages": 0})
    assert "k4.site_visitors" not in without_site
    assert {"k4.site_visitors", "k4.site_materials", "k4.site_criteria"} <= set(with_site)
    assert "k4.subscribers" not in with_site
    # a draft with only the organization part answered is incomplete
    result = result_for(base_profile, profile__name="ППО")
    assert 0 < result.completeness < 1
    assert not result.complete


def test_a_fully_answered_example_is_complete(base_profile, example_answers):
    result = score(base_profile, example_answers("primary-small.json"))
    assert result.completeness == 1.0
    assert result.complete
