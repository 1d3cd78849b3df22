"""Benchmarks for chairs: the spreads of a year's complete assessments by organization level, computed in
SQL (both databases) and checked against figures worked out by hand in tests/benchmark_data.py; small
groups left out (the disclosure rule itself: test_benchmark_disclosure.py); nothing in the file names an organization; the percentile arithmetic on generated data."""

from __future__ import annotations

import json
import random
import statistics

import pytest
from benchmark_data import KPI_IDS, NAMES, ORGANIZATIONS, PROFILE, fill, fill_values, uid
from hypothesis import given
from hypothesis import strategies as st

from maturity.engine.benchmark import (
    MIN_GROUP,
    PERCENTILES,
    Spread,
    percentile_rank,
    quantile,
    spread_of,
)
from maturity.exchange.benchmark_json import benchmark_to_json, parse_benchmark
from maturity.usecases.benchmark import make_benchmark


@pytest.fixture
def engine(db_url):
    from maturity.storage.database import open_database

    engine = open_database(db_url)
    fill(engine)
    yield engine
    engine.dispose()


def spread_json(n, mean, p10, p25, p50, p75, p90) -> dict:
    """A spread as the file has it: the mean (worked out below by hand) is not written (docs/trust.md)."""
    return {"n": n, "p10": p10, "p25": p25, "p50": p50, "p75": p75, "p90": p90}


# ППО 1 … ППО 12, bases 5 … 60 (n = 12, positions h = 11·p/100):
#   first KPI 5, 10, …, 60: p10 h=1.1 → 10.5; p25 h=2.75 → 18.75 → 18.8; p50 h=5.5 → 32.5;
#   p75 h=8.25 → 46.25 → 46.3; p90 h=9.9 → 54.5; mean 32.5 (not written). The i-th KPI is the first + i.
#   the last KPI: ППО 12 not scored → 14, 19, …, 64 (n = 11, h = p/10): p10 → 19; p25 h=2.5 → 26.5;
#   p50 → 39; p75 h=7.5 → 51.5; p90 → 59; mean 39.
#   index = base + 4.5, digital index = base + 6.5: the first KPI's figures moved by 4.5 and 6.5.
def expected_primary() -> dict:
    kpis = {
        k: spread_json(12, 33.0 + i, 10.5 + i, 18.8 + i, 32.5 + i, 46.3 + i, 54.5 + i) for i, k in enumerate(KPI_IDS)
    }
    kpis[KPI_IDS[-1]] = spread_json(11, 39.0, 19.0, 26.5, 39.0, 51.5, 59.0)
    return {
        "level": "primary",
        "n": 12,
        "kpis": kpis,
        "index": spread_json(12, 37.0, 15.0, 23.3, 37.0, 50.8, 59.0),
        "digital_index": spread_json(12, 39.0, 17.0, 25.3, 39.0, 52.8, 61.0),
    }


def test_the_benchmark_holds_the_hand_computed_spreads_of_each_level(engine):
    document = benchmark_to_json(make_benchmark(engine, PROFILE, 2025))
    assert document == {
        "format": "maturity-benchmark",
        "format_version": 1,
        "year": 2025,
        "profile": {"id": PROFILE.id, "version": PROFILE.version},
        "groups": [expected_primary()],  # drafts, other years and other profile versions are not counted
    }


def test_groups_of_fewer_than_eleven_organizations_are_left_out(engine):
    levels = {g.level: g.n for g in make_benchmark(engine, PROFILE, 2025).groups}
    assert levels == {"primary": 12}  # 4 territorial and 1 union complete assessments: too few
    fill_values(engine, 2025, "territorial", [50.0] * 6, first_id=100)
    assert {g.level: g.n for g in make_benchmark(engine, PROFILE, 2025).groups} == {"primary": 12}  # 10
    fill_values(engine, 2025, "territorial", [50.0], first_id=200)  # an eleventh makes its group
    levels = {g.level: g.n for g in make_benchmark(engine, PROFILE, 2025).groups}
    assert levels == {"primary": 12, "territorial": 11}


def test_a_kpi_scored_for_fewer_than_eleven_of_a_group_is_left_out(engine):
    fill_values(engine, 2026, "primary", [10.0 * i for i in range(11)], first_id=200)
    from maturity.storage.models import AssessmentKpi

    with engine.begin() as connection:  # the last KPI not scored for one of the eleven
        connection.execute(AssessmentKpi.__table__.update().where(
            AssessmentKpi.__table__.c.assessment_id == 200, AssessmentKpi.__table__.c.kpi_id == KPI_IDS[-1]
        ).values(value=None))  # fmt: skip
    group = make_benchmark(engine, PROFILE, 2026).groups[0]
    assert set(group.kpis) == set(KPI_IDS[:-1])


def test_under_a_parent_only_its_subtree_is_counted_and_a_group_one_short_of_a_published_one_is_left_out(engine):
    union = make_benchmark(engine, PROFILE, 2025, parent_id=ORGANIZATIONS["Союз работников Примерной отрасли"][0])
    assert benchmark_to_json(union)["groups"] == [expected_primary()]  # the union holds them all: the same group
    # under «Территориальная организация № 1»: ППО 1 … ППО 11 — the whole database's twelve but ППО 12. Its
    # index beside the whole database's would give ППО 12's by subtraction: left out. Its last KPI is the
    # very group of the whole database's last KPI (ППО 12 has none): written, the same figures.
    first = make_benchmark(engine, PROFILE, 2025, parent_id=ORGANIZATIONS["Территориальная организация № 1"][0])
    (group,) = first.groups
    assert (group.level, group.n, group.index, group.digital_index) == ("primary", 11, None, None)
    assert list(group.kpis) == [KPI_IDS[-1]]
    assert group.kpis[KPI_IDS[-1]].to_json() == spread_json(11, 39.0, 19.0, 26.5, 39.0, 51.5, 59.0)
    second = make_benchmark(engine, PROFILE, 2025, parent_id=ORGANIZATIONS["Территориальная организация № 2"][0])
    assert second.groups == ()


def test_the_file_names_no_organization_identifier_region_or_person(engine):
    text = json.dumps(benchmark_to_json(make_benchmark(engine, PROFILE, 2025)), ensure_ascii=False)
    stored = [*NAMES.values(), *(uid(i) for i in NAMES), *(v[3] for v in ORGANIZATIONS.values()),
              "Отрасль Секретная", *(f"Иванов-{i}" for i in NAMES)]  # fmt: skip
    assert [s for s in stored if s in text] == []
    assert not any("а" <= ch <= "я" or "А" <= ch <= "Я" for ch in text)  # no Russian text at all


def test_the_demo_federations_benchmark_names_nothing_stored(store):
    """Every stored name, uid, region, sector and respondent of a generated federation, searched for in the file."""
    import sqlalchemy as sa

    from maturity.storage.models import Assessment, Organization
    from maturity.usecases.demo import fill_demo

    fill_demo(store, seed=5)
    session = store.session
    text = json.dumps(benchmark_to_json(make_benchmark(session, PROFILE, 2025)), ensure_ascii=False)
    assert '"groups": [{' in text  # the demo has groups large enough to be written
    org = Organization.__table__
    stored = {v for row in session.execute(sa.select(org.c.name, org.c.uid, org.c.region, org.c.sector)) for v in row}
    stored |= {r[0] for r in session.execute(sa.select(Assessment.__table__.c.respondent))}
    stored = {s for s in stored if isinstance(s, str) and len(s) >= 3}
    assert len(stored) > 100
    assert sorted(s for s in stored if s in text) == []


@pytest.mark.parametrize("seed", range(8))
def test_the_databases_percentiles_are_the_inclusive_method_on_generated_groups(engine, seed):
    """statistics.quantiles(method="inclusive") (numpy's default) gives the same figures as the SQL."""
    rng = random.Random(seed)
    values = [rng.choice([rng.uniform(0, 100), float(rng.randint(0, 10) * 10)]) for _ in range(rng.randint(11, 60))]
    fill_values(engine, 2001 + seed, "union", values, first_id=1000)
    (group,) = make_benchmark(engine, PROFILE, 2001 + seed).groups
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    quartiles = statistics.quantiles(values, n=4, method="inclusive")
    expected = (deciles[0], quartiles[0], quartiles[1], quartiles[2], deciles[8])
    for spread in (*group.kpis.values(), group.index, group.digital_index):
        assert spread.n == len(values) == group.n
        assert spread.percentiles == pytest.approx(expected, abs=1e-9)
        assert spread.mean == pytest.approx(statistics.fmean(values))


@given(st.lists(st.floats(0, 100), min_size=2, max_size=200))
def test_quantile_is_the_inclusive_method(values):
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    quartiles = statistics.quantiles(values, n=4, method="inclusive")
    ordered = sorted(values)
    got = [quantile(ordered, p) for p in PERCENTILES]
    assert got == pytest.approx([deciles[0], quartiles[0], quartiles[1], quartiles[2], deciles[8]], abs=1e-9)


def test_quantile_by_hand():
    assert quantile([1, 2, 3, 4], 50) == 2.5
    assert quantile([1, 2, 3, 4], 10) == pytest.approx(1.3)  # h = 0.3
    assert quantile([7], 90) == 7.0


SPREAD = Spread(100, 50.0, (20.0, 30.0, 50.0, 60.0, 80.0))


@pytest.mark.parametrize(
    ("value", "rank"),
    [
        (20.0, 10.0), (30.0, 25.0), (50.0, 50.0), (60.0, 75.0), (80.0, 90.0),  # at each percentile
        (40.0, 37.5),  # halfway p25 → p50
        (55.0, 62.5),  # halfway p50 → p75
        (70.0, 82.5),  # halfway p75 → p90
        (0.0, 10.0), (19.9, 10.0),  # below p10: the file tells no more than «10th»
        (100.0, 90.0),
    ],
)  # fmt: skip
def test_percentile_rank_by_hand(value, rank):
    assert percentile_rank(value, SPREAD) == pytest.approx(rank)


def test_a_value_on_a_flat_stretch_stands_at_its_middle():
    flat = Spread(10, 50.0, (10.0, 55.0, 55.0, 55.0, 90.0))
    assert percentile_rank(55.0, flat) == 50.0  # p25 = p50 = p75 = 55
    assert percentile_rank(100.0, Spread(10, 100.0, (100.0,) * 5)) == 50.0


@given(
    st.lists(st.floats(0, 100), min_size=MIN_GROUP, max_size=100),
    st.floats(0, 100),
    st.floats(0, 100),
)
def test_percentile_rank_is_between_10_and_90_and_never_falls_as_the_value_rises(values, a, b):
    spread = spread_of(values)
    low, high = sorted((a, b))
    assert 10.0 <= percentile_rank(low, spread) <= percentile_rank(high, spread) <= 90.0


def test_the_written_file_is_read_back_as_it_was(engine):
    benchmark = make_benchmark(engine, PROFILE, 2025)
    again = parse_benchmark(json.loads(json.dumps(benchmark_to_json(benchmark))))
    assert benchmark_to_json(again) == benchmark_to_json(benchmark)
