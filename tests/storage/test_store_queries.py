"""Queries for history and comparison views, over stored scores, on SQLite and PostgreSQL.

The federation used here (scores are written directly, so every figure is chosen by hand):

    Профсоюз (union)
    ├── Самарская областная организация (territorial, Самарская область)
    │   ├── ППО «Волга» (primary, Самарская область)
    │   └── ППО «Жигули» (primary, Самарская область)
    │       └── Цеховая организация «Кузница» (primary, Самарская область)
    └── Уральская областная организация (territorial, Свердловская область)
        └── ППО «Уралмаш» (primary, Свердловская область; not assessed in 2025)
    Федерация профсоюзов (association, not under the union)
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from maturity.method.profile import load_profile
from maturity.storage import queries
from maturity.storage.models import Assessment
from maturity.storage.store import insert_scores

KPI_IDS = [k.id for k in load_profile("fnpr-base").kpis]


def put(store, org, year, index, k1=None, digital_index=None, failed=0, status="complete"):
    """An assessment with chosen scores (k2…k10 equal to the index unless said otherwise)."""
    session = store.session
    result = session.execute(
        Assessment.__table__.insert().values(
            organization_id=org.id,
            year=year,
            profile_id="fnpr-base",
            profile_version="2025.1",
            status=status,
            answers={},
            created_at=sa.func.now(),
            updated_at=sa.func.now(),
        )
    )
    kpis = {k: index for k in KPI_IDS}
    kpis["k1"] = k1
    insert_scores(
        session,
        [
            dict(
                assessment_id=result.inserted_primary_key[0],
                kpis=kpis,
                index=index,
                digital_index=digital_index,
                level="developing",
                norms={},
                failed_norms_count=failed,
                completeness=1.0,
            )
        ],
    )
    session.commit()


@pytest.fixture
def tree(store):
    s = store
    union = s.create_organization("Профсоюз", "union", sector="Здравоохранение")
    samara = s.create_organization(
        "Самарская областная организация",
        "territorial",
        parent=union,
        region="Самарская область",
        sector="Здравоохранение",
    )
    volga = s.create_organization(
        "ППО «Волга»", "primary", parent=samara, region="Самарская область", sector="Здравоохранение"
    )
    zhiguli = s.create_organization(
        "ППО «Жигули»", "primary", parent=samara, region="Самарская область", sector="Образование"
    )
    forge = s.create_organization(
        "Цеховая организация «Кузница»", "primary", parent=zhiguli, region="Самарская область", sector="Образование"
    )
    ural = s.create_organization(
        "Уральская областная организация",
        "territorial",
        parent=union,
        region="Свердловская область",
        sector="Здравоохранение",
    )
    uralmash = s.create_organization("ППО «Уралмаш»", "primary", parent=ural, region="Свердловская область")
    federation = s.create_organization("Федерация профсоюзов", "association", region="Самарская область")

    put(s, volga, 2024, 50.0, k1=40.0, digital_index=45.0, failed=3)
    put(s, volga, 2025, 62.5, k1=70.0, digital_index=60.0, failed=1)
    put(s, zhiguli, 2025, 40.0, k1=None, digital_index=30.0, failed=2)
    put(s, forge, 2024, 30.0, k1=30.0)
    put(s, forge, 2025, 20.0, k1=10.0, status="draft")
    put(s, samara, 2025, 70.0, k1=80.0)
    put(s, ural, 2025, 80.0, k1=90.0)
    put(s, uralmash, 2024, 55.0)
    put(s, federation, 2025, 90.0, k1=100.0)
    return {o.name: o for o in (union, samara, volga, zhiguli, forge, ural, uralmash, federation)}


def test_an_organizations_history_lists_its_years_oldest_first(store, tree):
    history = queries.organization_history(store.session, tree["ППО «Волга»"].id)

    assert [(h.year, h.index, h.kpis["k1"], h.failed_norms) for h in history] == [
        (2024, 50.0, 40.0, 3),
        (2025, 62.5, 70.0, 1),
    ]


def test_organizations_under_a_parent_include_every_depth_and_nothing_else(store, tree):
    rows = queries.organizations_under(store.session, tree["Профсоюз"].id, 2025)

    assert [r.name for r in rows] == [
        "ППО «Волга»",
        "ППО «Жигули»",
        "ППО «Уралмаш»",
        "Самарская областная организация",
        "Уральская областная организация",
        "Цеховая организация «Кузница»",
    ]
    by_name = {r.name: r for r in rows}
    assert by_name["ППО «Уралмаш»"].status is None and by_name["ППО «Уралмаш»"].index is None
    assert by_name["Цеховая организация «Кузница»"].status == "draft"
    assert by_name["ППО «Жигули»"].kpis["k1"] is None and by_name["ППО «Жигули»"].failed_norms == 2


def test_organizations_under_a_parent_can_leave_out_the_unassessed_and_include_the_parent(store, tree):
    rows = queries.organizations_under(
        store.session, tree["Самарская областная организация"].id, 2025, include_parent=True, assessed_only=True
    )

    assert sorted(r.name for r in rows) == sorted(
        ["Самарская областная организация", "ППО «Волга»", "ППО «Жигули»", "Цеховая организация «Кузница»"]
    )


def test_queries_accept_an_engine_as_well_as_a_session(store, tree):
    engine = store.session.get_bind()
    rows = queries.organizations_under(engine, tree["Уральская областная организация"].id, 2024)

    assert [(r.name, r.index) for r in rows] == [("ППО «Уралмаш»", 55.0)]
    with engine.connect() as connection:
        found = queries.comparison_rows(connection, 2025, name_contains="волга")
    assert [r.name for r in found] == ["ППО «Волга»"]


def test_averages_by_level_leave_unknown_kpis_out_of_the_mean(store, tree):
    groups = {g.key: g for g in queries.averages(store.session, 2025, "level")}

    primary = groups["primary"]  # Волга 62.5, Жигули 40, Кузница 20 (Уралмаш not assessed in 2025)
    assert primary.count == 3
    assert primary.index == pytest.approx((62.5 + 40 + 20) / 3)
    assert primary.kpis["k1"] == pytest.approx((70 + 10) / 2)  # Жигули's K1 is not assessed
    assert primary.failed_norms == pytest.approx((1 + 2 + 0) / 3)
    assert groups["territorial"].index == pytest.approx(75.0)  # (70 + 80) / 2
    assert groups["association"].count == 1


def test_averages_by_region_and_by_parent(store, tree):
    by_region = {g.key: g for g in queries.averages(store.session, 2025, "region")}
    assert by_region["Свердловская область"].index == pytest.approx(80.0)
    # Самарская: Самарская обл. орг. 70, Волга 62.5, Жигули 40, Кузница 20, Федерация 90
    assert by_region["Самарская область"].index == pytest.approx((70 + 62.5 + 40 + 20 + 90) / 5)

    by_parent = {g.label: g for g in queries.averages(store.session, 2025, "parent")}
    assert by_parent["Самарская областная организация"].index == pytest.approx((62.5 + 40) / 2)
    assert by_parent["Профсоюз"].index == pytest.approx(75.0)
    assert by_parent[None].count == 1  # the federation has no parent


def test_averages_can_be_limited_to_a_subtree_and_to_complete_assessments(store, tree):
    groups = queries.averages(
        store.session, 2025, "level", parent_id=tree["Самарская областная организация"].id, complete_only=True
    )

    assert [(g.key, g.count) for g in groups] == [("primary", 2)]  # Кузница is a draft
    assert groups[0].index == pytest.approx((62.5 + 40) / 2)


def test_the_comparison_table_has_one_row_per_assessed_organization(store, tree):
    rows = {r.name: r for r in queries.comparison_rows(store.session, 2025)}

    assert len(rows) == 6  # everyone assessed in 2025: not Профсоюз, not Уралмаш
    volga = rows["ППО «Волга»"]
    assert (volga.level, volga.region, volga.sector, volga.parent_name) == (
        "primary",
        "Самарская область",
        "Здравоохранение",
        "Самарская областная организация",
    )
    assert (volga.kpis["k1"], volga.kpis["k2"], volga.index, volga.digital_index, volga.failed_norms) == (
        70.0,
        62.5,
        62.5,
        60.0,
        1,
    )
    assert volga.index_change == pytest.approx(12.5)
    assert rows["ППО «Жигули»"].index_change is None
    assert rows["Федерация профсоюзов"].parent_name is None


def test_the_comparison_table_filters_by_subtree_level_region_and_sector(store, tree):
    session = store.session

    def names(**filters):
        return [r.name for r in queries.comparison_rows(session, 2025, **filters)]

    assert names(parent_id=tree["Самарская областная организация"].id) == [
        "ППО «Волга»",
        "ППО «Жигули»",
        "Цеховая организация «Кузница»",
    ]
    assert names(level="territorial") == ["Самарская областная организация", "Уральская областная организация"]
    assert names(region="Свердловская область") == ["Уральская областная организация"]
    assert names(sector="Образование") == ["ППО «Жигули»", "Цеховая организация «Кузница»"]
    assert names(parent_id=tree["Профсоюз"].id, level="primary", sector="Здравоохранение") == ["ППО «Волга»"]


def test_searching_by_name_ignores_the_case_of_russian_letters(store, tree):
    def names(text):
        return [r.name for r in queries.comparison_rows(store.session, 2025, name_contains=text)]

    assert names("ВОЛГА") == ["ППО «Волга»"]
    assert names("областная") == ["Самарская областная организация", "Уральская областная организация"]
    assert names("кузн") == ["Цеховая организация «Кузница»"]
    assert names("100%") == []  # % is a character here, not a wildcard


def test_years_regions_and_sectors_for_the_filters(store, tree):
    assert queries.years(store.session) == [2025, 2024]
    assert queries.regions(store.session) == ["Самарская область", "Свердловская область"]
    assert queries.sectors(store.session) == ["Здравоохранение", "Образование"]
