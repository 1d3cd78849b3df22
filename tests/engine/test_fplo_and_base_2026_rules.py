"""The rules 2026.1 adds, on hand-built answers: the ФПЛО profile's norms (a site, social pages and a page on the
higher body's site for an oblast organization and the federation whatever their size; «Профсоюзный журнал»; the
binding «Солидарность» decision) and the components of fnpr-base 2026.1 (what the channels carry, freshness,
digitalization staff, leaders' training, own periodicals and subscriptions, coordination events, other funding)."""

from __future__ import annotations

import pytest
from base_versions import base_2025_1, base_current
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.method.profile import load_profile

FPLO = load_profile("fplo")
BASE_2025 = base_2025_1()
BASE_2026 = base_current()


def verdicts(profile, answers):
    return dict(score(profile, clean_answers(profile, answers)).norm_statuses)


def result(profile, answers):
    return score(profile, clean_answers(profile, answers))


@pytest.fixture
def oblast(example_answers):
    """An oblast organization of a branch union (territorial) of 900 members with no site and no pages."""
    answers = example_answers("territorial-health.json")
    answers.update({"profile.members": 900, "k6.members_reached": 600, "k4.site_exists": False, "k4.social_pages": 0})
    return answers


def test_an_oblast_organization_without_a_site_fails_its_norm_under_fplo_and_is_na_under_the_base(oblast):
    fplo, base = verdicts(FPLO, oblast), verdicts(BASE_2025, oblast)
    assert fplo["n6_site_upper"] == "fail" and fplo["n5_social_upper"] == "fail"
    assert base["n6_site"] == "n/a" and base["n5_social"] == "n/a"  # 900 is under the base's 5 000 / 1 000
    assert fplo["n6_site"] == "n/a" and fplo["n5_social"] == "n/a"  # the thresholds are for primary ones only
    assert verdicts(BASE_2026, oblast)["n6_site"] == "n/a"


def test_the_federation_itself_needs_a_site_pages_and_its_page_on_the_fnpr_site_at_any_size(oblast):
    federation = {**oblast, "profile.level": "association", "profile.members": 12, "k6.members_reached": 10}
    federation["k4.upper_site_page"] = False
    fplo = verdicts(FPLO, federation)
    assert (fplo["n6_site_upper"], fplo["n5_social_upper"], fplo["n11_upper_site_page"]) == ("fail",) * 3
    kept = {**federation, "k4.site_exists": True, "k4.social_pages": 2, "k4.upper_site_page": True}
    fplo = verdicts(FPLO, kept)
    assert (fplo["n6_site_upper"], fplo["n5_social_upper"], fplo["n11_upper_site_page"]) == ("pass",) * 3
    assert fplo["n12_journal"] == "n/a" and fplo["n13_solidarnost_decision"] == "n/a"  # the oblast level's


def test_a_primary_organization_keeps_the_thresholds_under_fplo(example_answers):
    small = example_answers("primary-small.json")  # 85 members, no site, one page
    fplo = verdicts(FPLO, small)
    assert fplo["n6_site"] == "n/a" and fplo["n6_site_upper"] == "n/a" and fplo["n11_upper_site_page"] == "n/a"
    big = {**example_answers("primary-shipyard.json"), "k4.site_exists": False}  # 6 200 members
    assert verdicts(FPLO, big)["n6_site"] == "fail"
    assert "k4.upper_site_page" not in clean_answers(FPLO, {**small, "k4.upper_site_page": True}) or (
        "k4.upper_site_page" not in score(FPLO, clean_answers(FPLO, {**small, "k4.upper_site_page": True})).components
    )


@settings(max_examples=examples(60), deadline=None)
@given(
    level=st.sampled_from(["primary", "territorial", "association", "union"]),
    members=st.integers(1, 30_000_000),
    site=st.booleans(),
    pages=st.integers(0, 50),
)
def test_under_fplo_the_site_and_pages_of_an_oblast_organization_or_the_federation_never_depend_on_size(
    level, members, site, pages
):
    answers = {
        "profile.name": "Организация",
        "profile.level": level,
        "profile.members": members,
        "k4.site_exists": site,
        "k4.social_pages": pages,
    }
    fplo, base = verdicts(FPLO, answers), verdicts(BASE_2025, answers)
    if level in ("territorial", "association"):
        assert fplo["n6_site_upper"] == ("pass" if site else "fail")
        assert fplo["n5_social_upper"] == ("pass" if pages >= 1 else "fail")
        assert fplo["n6_site"] == fplo["n5_social"] == "n/a"
    else:
        assert fplo["n6_site_upper"] == fplo["n5_social_upper"] == "n/a"
    if level == "primary":  # the thresholds of the base, as 001's footnote 2 states them for a ППО
        assert fplo["n6_site"] == base["n6_site"] and fplo["n5_social"] == base["n5_social"]
        assert fplo["n6_site"] == ("n/a" if members <= 5000 else "pass" if site else "fail")


@pytest.mark.parametrize(("copies", "verdict"), [(0, "fail"), (1, "pass"), (7, "pass"), (None, "n/a")])
def test_an_oblast_organization_subscribes_to_at_least_one_profsoyuzny_zhurnal(oblast, copies, verdict):
    answers = {**oblast, "k6.journal_copies": copies}
    assert verdicts(FPLO, answers)["n12_journal"] == verdict


def test_an_oblast_organization_takes_a_binding_solidarnost_decision(oblast):
    assert verdicts(FPLO, {**oblast, "k6.solidarnost_decision": False})["n13_solidarnost_decision"] == "fail"
    assert verdicts(FPLO, {**oblast, "k6.solidarnost_decision": True})["n13_solidarnost_decision"] == "pass"
    assert verdicts(FPLO, oblast)["n13_solidarnost_decision"] == "n/a"  # not answered: never «выполнен»


# ---------------------------------------------------------------- fnpr-base 2026.1's new components


def test_coordination_events_count_for_an_oblast_organization_and_are_not_asked_of_a_primary_one(
    oblast, example_answers
):
    events = {"k3.commission_meetings": 1, "k3.press_meetings": 6, "k3.exchange_events": 4}
    scored = result(BASE_2026, {**oblast, **events}).components["k3"]
    assert (scored["commission"], scored["press_meetings"], scored["exchange_events"]) == (0.5, 0.5, 1.0)
    primary = result(BASE_2026, {**example_answers("primary-small.json"), **events}).components["k3"]
    assert primary["commission"] is None and primary["press_meetings"] is None and primary["exchange_events"] is None


def test_k3_with_what_the_channels_carry_worked_out_by_hand(example_answers):
    # primary-small: exchange_up monthly 0.75, exchange_down monthly 0.75, contacts_db_sent, meetings 3/4,
    # body_reviewed — as 2025.1 scores them; plus two of the four topics.
    answers = example_answers("primary-small.json")
    before = result(BASE_2025, answers).components["k3"]
    now = result(BASE_2026, {**answers, "k3.content_topics": ["wages", "conditions"]})
    assert now.components["k3"]["content"] == 0.5
    weights = {"exchange_up": 30, "exchange_down": 30, "contacts_db_sent": 15, "meetings": 15, "body_reviewed": 10}
    expected = 100 * (sum(w * before[c] for c, w in weights.items()) + 15 * 0.5) / (100 + 15)
    assert now.kpis["k3"] == pytest.approx(expected)


def test_freshness_of_the_site_and_of_the_pages(example_answers):
    shipyard = example_answers("primary-shipyard.json")  # a site and three pages
    scored = result(BASE_2026, {**shipyard, "k4.site_updates": "weekly", "k4.pages_maintained": "some_abandoned"})
    assert scored.components["k4"]["site_fresh"] == 0.6 and scored.components["k4"]["pages_fresh"] == 0.5
    no_site = result(BASE_2026, {**shipyard, "k4.site_exists": False, "k4.site_updates": "daily"})
    assert no_site.components["k4"]["site_fresh"] == 0  # 6 200 members: a site is required, none is zero
    small = result(BASE_2026, example_answers("primary-small.json"))  # 85 members, no site: not counted
    assert small.components["k4"]["site_fresh"] is None


def test_digitalization_staff_is_asked_of_upper_levels_only_and_leaders_training_of_all(oblast, example_answers):
    upper = result(BASE_2026, {**oblast, "k8.digital_staff": True, "k10.leaders_trained": False})
    assert upper.components["k8"]["digital_staff"] == 1.0 and upper.components["k10"]["leaders"] == 0.0
    primary = result(BASE_2026, {**example_answers("primary-small.json"), "k8.digital_staff": True})
    assert primary.components["k8"]["digital_staff"] is None


def test_own_periodical_subscriptions_and_other_funding(example_answers):
    answers = {
        **example_answers("primary-small.json"),
        "k6.own_periodical": "monthly",
        "k6.print_run": 40,
        "k6.journal_copies": 0,
        "k6.other_subscriptions": ["branch"],
        "profile.extra_funding": ["employer"],
    }
    scored = result(BASE_2026, answers)
    k6 = scored.components["k6"]
    assert (k6["periodical"], k6["journal"], k6["other_subscriptions"]) == (0.75, 0.0, 0.5)
    assert scored.components["k2"]["extra_funding"] == pytest.approx(1 / 3)
    none = result(BASE_2026, {**answers, "k6.own_periodical": "none"})
    assert "k6.print_run" not in clean_answers(BASE_2026, {**answers, "k6.own_periodical": "none"}) or (
        none.components["k6"]["periodical"] == 0
    )


def test_an_assessment_without_the_new_answers_is_scored_on_what_it_has(example_answers):
    """Rescored from 2025.1, the new questions are empty: their components are «н/п», not zero."""
    answers = example_answers("territorial-health.json")
    scored = result(BASE_2026, answers)
    for kpi, component in [("k3", "content"), ("k4", "pages_fresh"), ("k6", "periodical"), ("k10", "leaders")]:
        assert scored.components[kpi][component] is None
    assert scored.completeness < 1
    assert scored.kpis["k1"] == result(BASE_2025, answers).kpis["k1"]
