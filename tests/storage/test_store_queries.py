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
from comparison_table import comparison_table

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


def test_queries_accept_an_engine_as_well_as_a_session(store, tree):
    engine = store.session.get_bind()
    rows = comparison_table(engine, 2024, parent_id=tree["Уральская областная организация"].id)

    assert [(r.name, r.index) for r in rows] == [("ППО «Уралмаш»", 55.0)]
    with engine.connect() as connection:
        found = comparison_table(connection, 2025, text="волга")
    assert [r.name for r in found] == ["ППО «Волга»"]


def test_the_comparison_table_has_one_row_per_assessed_organization(store, tree):
    rows = {r.name: r for r in comparison_table(store.session, 2025)}

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
        return [r.name for r in comparison_table(session, 2025, **filters)]

    assert names(parent_id=tree["Самарская областная организация"].id) == [  # the group: the parent itself too
        "ППО «Волга»",
        "ППО «Жигули»",
        "Самарская областная организация",
        "Цеховая организация «Кузница»",
    ]
    assert names(level="territorial") == ["Самарская областная организация", "Уральская областная организация"]
    assert names(region="Свердловская область") == ["Уральская областная организация"]
    assert names(sector="Образование") == ["ППО «Жигули»", "Цеховая организация «Кузница»"]
    assert names(parent_id=tree["Профсоюз"].id, level="primary", sector="Здравоохранение") == ["ППО «Волга»"]


def test_searching_by_name_ignores_the_case_of_russian_letters(store, tree):
    def names(text):
        return [r.name for r in comparison_table(store.session, 2025, text=text)]

    assert names("ВОЛГА") == ["ППО «Волга»"]
    assert names("областная") == ["Самарская областная организация", "Уральская областная организация"]
    assert names("кузн") == ["Цеховая организация «Кузница»"]
    assert names("100%") == []  # % is a character here, not a wildcard


def test_years_regions_and_sectors_for_the_filters(store, tree):
    assert queries.years(store.session) == [2025, 2024]
    assert queries.regions(store.session) == ["Самарская область", "Свердловская область"]
    assert queries.sectors(store.session) == ["Здравоохранение", "Образование"]
