"""Every normative check (method §6): pass, fail, n/a, applicability by level and threshold edges."""

import pytest

from maturity.engine.scoring import score

LEVELS = ["primary", "territorial", "association", "union"]


def norm(profile, norm_id, level="primary", members=850, **answers):
    given = {"profile.level": level, "profile.members": members}
    given.update({k.replace("__", "."): v for k, v in answers.items()})
    return score(profile, given).norms[norm_id]


# n1_funding ------------------------------------------------------------------


@pytest.mark.parametrize(("spending", "status"), [(50_000, "pass"), (49_999, "fail"), (80_000, "pass")])
def test_n1_funding_needs_five_percent_of_the_budget(base_profile, spending, status):
    outcome = norm(base_profile, "n1_funding", profile__budget=1_000_000, profile__info_spending=spending)
    assert outcome.status == status


def test_n1_funding_is_na_when_the_budget_is_zero_or_unknown(base_profile):
    assert norm(base_profile, "n1_funding", profile__budget=0, profile__info_spending=0).status == "n/a"
    assert norm(base_profile, "n1_funding", profile__info_spending=10).status == "n/a"


def test_n1_funding_reason_names_the_share(base_profile):
    outcome = norm(base_profile, "n1_funding", profile__budget=1_000_000, profile__info_spending=25_000)
    assert outcome.reason == "2,5 % — ниже норматива 5 %"


# n2_responsible -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("structure", "designated", "status"),
    [("activist", True, "pass"), ("none", True, "fail"), ("chair", False, "fail"), ("none", False, "fail")],
)
def test_n2_needs_someone_in_charge_designated_by_the_body(base_profile, structure, designated, status):
    outcome = norm(base_profile, "n2_responsible", k1__structure=structure, k1__responsible_designated=designated)
    assert outcome.status == status


def test_n2_is_na_when_an_input_is_missing(base_profile):
    assert norm(base_profile, "n2_responsible", k1__structure="none").status == "n/a"


# n3, n4: mandatory electronic channels -------------------------------------------------


@pytest.mark.parametrize(("norm_id", "channel"), [("n3_email", "email"), ("n4_chats", "chats")])
@pytest.mark.parametrize("level", LEVELS)
def test_mandatory_channels_apply_to_every_level(base_profile, norm_id, channel, level):
    assert norm(base_profile, norm_id, level, k6__channels=[channel, "stand"]).status == "pass"
    assert norm(base_profile, norm_id, level, k6__channels=["stand"]).status == "fail"
    assert norm(base_profile, norm_id, level).status == "n/a"


# n5_social: above social_threshold[level] -------------------------------------------


@pytest.mark.parametrize(("members", "status"), [(1000, "n/a"), (1001, "fail")])
@pytest.mark.parametrize("level", LEVELS)
def test_n5_social_applies_above_1000_members_in_the_base_profile(base_profile, level, members, status):
    assert norm(base_profile, "n5_social", level, members, k4__social_pages=0).status == status


def test_n5_social_passes_with_one_page(base_profile):
    assert norm(base_profile, "n5_social", members=1001, k4__social_pages=1).status == "pass"


@pytest.mark.parametrize(("members", "status"), [(500, "n/a"), (501, "fail")])
def test_sudprof_lowers_the_social_threshold_to_500_for_primary_organizations(sudprof_profile, members, status):
    assert norm(sudprof_profile, "n5_social", "primary", members, k4__social_pages=0).status == status


@pytest.mark.parametrize(("members", "status"), [(1000, "n/a"), (1001, "fail")])
def test_sudprof_keeps_1000_for_territorial_organizations(sudprof_profile, members, status):
    assert norm(sudprof_profile, "n5_social", "territorial", members, k4__social_pages=0).status == status


# n6_site: above site_threshold[level] -----------------------------------------------


@pytest.mark.parametrize(("members", "status"), [(5000, "n/a"), (5001, "fail")])
@pytest.mark.parametrize("level", LEVELS)
def test_n6_site_applies_above_5000_members(base_profile, level, members, status):
    assert norm(base_profile, "n6_site", level, members, k4__site_exists=False).status == status


def test_n6_site_passes_with_a_site(base_profile):
    assert norm(base_profile, "n6_site", members=5001, k4__site_exists=True).status == "pass"


# n7, n8: primary organizations only ----------------------------------------------------


@pytest.mark.parametrize(("update", "status"), [("weekly", "pass"), ("monthly", "fail"), ("none", "fail")])
def test_n7_stand_needs_weekly_updates(base_profile, update, status):
    assert norm(base_profile, "n7_stand", k6__stand_update=update).status == status


@pytest.mark.parametrize(
    ("members", "copies", "status"),
    [(99, 1, "pass"), (100, 1, "pass"), (101, 1, "fail"), (101, 2, "pass"), (1, 0, "fail"), (500, 5, "pass")],
)
def test_n8_solidarnost_needs_one_copy_per_started_hundred(base_profile, members, copies, status):
    # required = max(1, ceil(M / 100)): 99 → 1, 100 → 1, 101 → 2
    assert norm(base_profile, "n8_solidarnost", members=members, k6__solidarnost_copies=copies).status == status


@pytest.mark.parametrize("norm_id", ["n7_stand", "n8_solidarnost"])
@pytest.mark.parametrize("level", ["territorial", "association", "union"])
def test_primary_only_norms_are_na_elsewhere(base_profile, norm_id, level):
    outcome = norm(base_profile, norm_id, level, k6__stand_update="none", k6__solidarnost_copies=0)
    assert outcome.status == "n/a"
    assert "не применяется" in outcome.reason


# n9, n10 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "applies"), [("primary", True), ("territorial", True), ("association", False), ("union", False)]
)
def test_n9_contacts_db_applies_to_primary_and_territorial(base_profile, level, applies):
    outcome = norm(base_profile, "n9_contacts_db", level, k3__contacts_db_sent=False)
    assert outcome.status == ("fail" if applies else "n/a")


@pytest.mark.parametrize(
    ("level", "applies"), [("primary", False), ("territorial", True), ("association", True), ("union", True)]
)
def test_n10_body_review_applies_above_primary(base_profile, level, applies):
    assert norm(base_profile, "n10_body_review", level, k3__body_reviewed=True).status == ("pass" if applies else "n/a")
    assert norm(base_profile, "n10_body_review", level, k3__body_reviewed=False).status == (
        "fail" if applies else "n/a"
    )


def test_a_norm_is_never_pass_when_its_input_is_missing(base_profile):
    result = score(base_profile, {"profile.level": "territorial", "profile.members": 20000})
    assert {n.status for n in result.norms.values()} == {"n/a"}


def test_norms_need_the_level_when_they_depend_on_it(base_profile):
    assert norm(base_profile, "n7_stand", level=None, k6__stand_update="weekly").status == "n/a"
