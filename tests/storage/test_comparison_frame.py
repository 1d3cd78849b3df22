"""The comparison held as columns (what the window filters and sorts in memory) gives exactly what the SQL of
maturity.storage.comparison gives: the same ids in the same order for every filter and sort, the same cards.

Checked on the hand-written federation of tests/comparison_data.py (both databases) and on generated
federations (hypothesis): a random tree with a cycle, repeated names, empty values, drafts, missing scores.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from comparison_data import ID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from test_comparison import engine as federation  # noqa: F401 (comparison_data on both databases)

from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter, comparison_columns, comparison_ids, summary
from maturity.storage.comparison_frame import load_frame

PROFILE = load_profile("fnpr-base")
KPI_IDS = [k.id for k in PROFILE.kpis]
COLUMNS = comparison_columns(KPI_IDS)
LEVELS = PROFILE.organization_level_ids


def same_everything(engine, filters) -> None:
    frames = {}
    for f in filters:
        frame = frames.get(f.year) or frames.setdefault(f.year, load_frame(engine, f.year))
        for column in COLUMNS:
            for descending in (False, True):
                expected = comparison_ids(engine, f, column, descending, kpi_ids=KPI_IDS, level_order=LEVELS)
                got = frame.ids(f, column, descending, kpi_ids=KPI_IDS, level_order=LEVELS).tolist()
                assert got == expected, (f, column, descending)
        cards, in_sql = frame.summary(f), summary(engine, f)
        assert (cards.year, cards.expected, cards.assessed) == (in_sql.year, in_sql.expected, in_sql.assessed), f
        assert cards.average_index == pytest.approx(in_sql.average_index), f
        assert cards.change.organizations == in_sql.change.organizations, f
        assert cards.change.index_before == pytest.approx(in_sql.change.index_before), f
        assert cards.change.index_now == pytest.approx(in_sql.change.index_now), f
        assert cards.failed_norms == in_sql.failed_norms, f


@pytest.mark.slow
def test_the_columns_filter_sort_and_count_as_the_database_does(federation):  # noqa: F811 (the fixture)
    y = ComparisonFilter(2025)
    same_everything(
        federation,
        [
            y,
            ComparisonFilter(2024),
            y.replace(parent_id=ID["Федерация"]),
            y.replace(parent_id=ID["Территориальная Б"]),
            y.replace(level="primary"),
            y.replace(maturity_level="developing"),
            y.replace(text="  шКОла "),
            y.replace(region="Нет такого"),
        ],
    )


# ------------------------------------------------------------ generated federations

NAMES = st.sampled_from(["ППО № 1", "ППО № 2", "ппо № 10", "Школа", "Ёлка", "Абв"])
MAYBE = st.one_of(st.none(), st.sampled_from(["А", "Б"]))
SCORES = st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1)))
SHARES = st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.4, 2 / 5, 0.5, 1.0]), st.floats(0, 1))
ASSESSMENT = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["complete", "draft"]), SCORES, st.lists(SCORES, min_size=2, max_size=2), SHARES),
)
ORGANIZATION = st.fixed_dictionaries(
    {
        "name": NAMES,
        "level": st.one_of(st.none(), st.sampled_from([*LEVELS, "другой"])),
        "region": MAYBE,
        "sector": MAYBE,
        "parent": st.integers(0, 12),
        "years": st.tuples(ASSESSMENT, ASSESSMENT),
        "fails": st.sets(st.sampled_from([n.id for n in PROFILE.norms])),
    }
)


def write_federation(engine, organizations) -> None:
    from maturity.storage.models import (
        Assessment,
        AssessmentEvidence,
        AssessmentKpi,
        AssessmentScore,
        Organization,
    )

    now = datetime.now(UTC)
    with engine.begin() as connection:
        for table in (AssessmentEvidence, AssessmentKpi, AssessmentScore, Assessment, Organization):
            connection.execute(table.__table__.delete())
        n = len(organizations)
        connection.execute(
            Organization.__table__.insert(),
            [
                dict(id=i + 1, uid=f"u{i}", name=o["name"], level=o["level"], region=o["region"],
                     sector=o["sector"], parent_id=None, placeholder=False, created_at=now, updated_at=now)
                for i, o in enumerate(organizations)
            ],
        )  # fmt: skip
        for i, o in enumerate(organizations):
            parent = o["parent"] % (n + 1)  # 0: none; may point at itself or form a cycle
            if parent:
                connection.execute(
                    Organization.__table__.update().where(Organization.__table__.c.id == i + 1).values(parent_id=parent)
                )
        number = 0
        for i, o in enumerate(organizations):
            for year, assessment in zip((2024, 2025), o["years"], strict=True):
                if assessment is None:
                    continue
                number += 1
                status, index, kpis, share = assessment
                connection.execute(
                    Assessment.__table__.insert(),
                    dict(id=number, organization_id=i + 1, year=year, profile_id=PROFILE.id,
                         profile_version=PROFILE.version, status=status, answers={}, created_at=now, updated_at=now),
                )  # fmt: skip
                norms = {n.id: ("fail" if n.id in o["fails"] else "pass") for n in PROFILE.norms}
                connection.execute(
                    AssessmentScore.__table__.insert(),
                    dict(assessment_id=number, index=index, digital_index=kpis[0], level="basic" if index else None,
                         norms=norms, completeness=1.0, failed_norms_count=len(o["fails"])),
                )  # fmt: skip
                if share is not None or number % 2:  # an assessment written before 0008 has no row at all
                    connection.execute(AssessmentEvidence.__table__.insert(), dict(assessment_id=number, share=share))
                connection.execute(
                    AssessmentKpi.__table__.insert(),
                    [dict(assessment_id=number, kpi_id=k, value=v) for k, v in zip(KPI_IDS, kpis, strict=False)],
                )


@pytest.fixture(scope="module")
def generated_engine(tmp_path_factory):
    from maturity.storage.database import open_database

    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('generated') / 'maturity.db'}")
    yield engine
    engine.dispose()


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    organizations=st.lists(ORGANIZATION, min_size=1, max_size=12),
    parent=st.integers(1, 12),
    text=st.sampled_from(["", "№ 1", "ППО", "ё"]),
    region=MAYBE,
    evidence=st.sampled_from([0.0, 1e-6, 0.25, 0.4, 0.5, 1.0]),
)
def test_generated_federations_filter_and_sort_alike(generated_engine, organizations, parent, text, region, evidence):
    write_federation(generated_engine, organizations)
    y = ComparisonFilter(2025)
    same_everything(
        generated_engine,
        [
            y, y.replace(parent_id=parent), y.replace(text=text, region=region), y.replace(maturity_level="basic"),
            y.replace(min_evidence=evidence), y.replace(min_evidence=evidence, maturity_level="basic"),
        ],
    )  # fmt: skip
    # the evidence filter keeps exactly the assessments of 2025 whose share reaches it, counted here by hand
    by_hand = {
        i + 1 for i, o in enumerate(organizations)
        if o["years"][1] is not None and (o["years"][1][3] or 0.0) >= evidence - 1e-9
    }  # fmt: skip
    got = set(comparison_ids(generated_engine, y.replace(min_evidence=evidence)))
    assert got == by_hand
