"""The change of a group's average index since last year is taken over the organizations assessed
(complete) in both years — in the comparison window's cards, the group's chart of years and the report.

Hand-built: last year only two strong organizations submitted; this year they both gained 2 points and
three weaker ones joined. Whoever-submitted averages say the group fell; the fair change says it rose.

    Федерация
    ├── ППО Сильная 1   2024: 80 complete   2025: 82 complete   ← both years
    ├── ППО Сильная 2   2024: 70 complete   2025: 72 complete   ← both years
    ├── ППО Новая 1                          2025: 30 complete
    ├── ППО Новая 2     2024: 10 draft       2025: 40 complete   (last year a draft: not a pair)
    ├── ППО Новая 3                          2025: 50 complete
    ├── ППО Ушедшая     2024: 90 complete                        (nothing this year: not a pair)
    └── ППО Черновик    2024: 60 complete   2025: 65 draft       (this year a draft: not a pair)

naive: mean 2025 (82, 72, 30, 40, 50) = 54.8 − mean 2024 complete (80, 70, 90, 60) = 75.0 → −20.2
fair:  (82 + 72) / 2 − (80 + 70) / 2 = +2.0 over 2 organizations
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter, fair_change, summary
from maturity.storage.database import open_database
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import insert_scores
from maturity.views.change_text import fair_change_text, organizations_dative

KPI_IDS = [k.id for k in load_profile("fnpr-base").kpis]
HAND_BUILT = {  # name: {year: (index, status)}
    "ППО Сильная 1": {2024: (80, "complete"), 2025: (82, "complete")},
    "ППО Сильная 2": {2024: (70, "complete"), 2025: (72, "complete")},
    "ППО Новая 1": {2025: (30, "complete")},
    "ППО Новая 2": {2024: (10, "draft"), 2025: (40, "complete")},
    "ППО Новая 3": {2025: (50, "complete")},
    "ППО Ушедшая": {2024: (90, "complete")},
    "ППО Черновик": {2024: (60, "complete"), 2025: (65, "draft")},
}


def write_groups(engine: sa.Engine, groups: dict[str, dict[str, dict[int, tuple[float, str]]]]) -> dict[str, int]:
    """Each group a parent with its organizations under it; returns the parents' ids by group name."""
    now = datetime.now(UTC)
    organizations, assessments, scores, parents = [], [], [], {}
    for group, members in groups.items():
        parents[group] = len(organizations) + 1
        organizations.append(
            dict(
                id=parents[group],
                uid=f"uid-{parents[group]}",
                name=group,
                level="union",
                parent_id=None,
                placeholder=False,
                created_at=now,
                updated_at=now,
            )
        )
        for name, years in members.items():
            org_id = len(organizations) + 1
            organizations.append(
                dict(
                    id=org_id,
                    uid=f"uid-{org_id}",
                    name=name,
                    level="primary",
                    parent_id=parents[group],
                    placeholder=False,
                    created_at=now,
                    updated_at=now,
                )
            )
            for year, (index, status) in years.items():
                assessment_id = len(assessments) + 1
                assessments.append(
                    dict(
                        id=assessment_id,
                        organization_id=org_id,
                        year=year,
                        profile_id="fnpr-base",
                        profile_version="2025.1",
                        status=status,
                        answers={},
                        respondent=None,
                        created_at=now,
                        updated_at=now,
                    )
                )
                scores.append(
                    dict(
                        assessment_id=assessment_id,
                        kpis={k: float(index) for k in KPI_IDS},
                        index=float(index),
                        digital_index=float(index),
                        level="developing",
                        norms={},
                        failed_norms_count=0,
                        completeness=1.0,
                    )
                )
    with engine.begin() as connection:
        connection.execute(Organization.__table__.insert(), organizations)
        connection.execute(Assessment.__table__.insert(), assessments)
        insert_scores(connection, scores)
    return parents


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def test_the_cards_change_is_over_organizations_assessed_in_both_years_and_says_over_how_many(engine):
    parents = write_groups(engine, {"Федерация": HAND_BUILT})
    cards = summary(engine, ComparisonFilter(2025, parent_id=parents["Федерация"]))
    naive = (82 + 72 + 30 + 40 + 50) / 5 - (80 + 70 + 90 + 60) / 4
    assert naive == pytest.approx(-20.2)  # what the cards said before: the group fell
    assert cards.average_index == pytest.approx(54.8) and cards.assessed == 5
    assert (cards.change.organizations, cards.change.index_before, cards.change.index_now) == (2, 75.0, 77.0)
    assert cards.index_change == pytest.approx(2.0)  # it rose
    assert (
        fair_change_text(cards.index_change, cards.change.organizations)
        == "+2,0 по 2 организациям, оценённым в оба года"
    )


def test_the_groups_chart_of_years_says_the_fair_change_and_each_years_count(engine):
    from maturity.usecases.comparison_charts import build_chart

    parents = write_groups(engine, {"Федерация": HAND_BUILT})
    figure = build_chart(
        engine,
        "years",
        ComparisonFilter(2025, parent_id=parents["Федерация"]),
        [],
        load_profile("fnpr-base"),
        scope="Федерация",
    )
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    note = next(t for t in texts if t.startswith("Изменение среднего индекса"))
    assert note.replace("\n", " ").startswith(
        "Изменение среднего индекса 2024→2025: +2,0 по 2 организациям, оценённым в оба года"
    )
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert ticks == ["2024\n4 орг.", "2025\n5 орг."]  # each year's mean is over whoever was assessed


def test_the_reports_totals_and_year_on_year_sheet_give_the_fair_change(engine, tmp_path):
    from sqlmodel import Session

    from maturity.exchange.report_export import CHANGES_SHEET, TOTALS_SHEET
    from maturity.storage.store import Store
    from maturity.usecases.report_source import export_report

    parents = write_groups(engine, {"Федерация": HAND_BUILT})
    with Session(engine) as session:
        store = Store(session)
        export_report(store, 2025, tmp_path / "r.xlsx", store.get_organization(parents["Федерация"]))
    book = load_workbook(tmp_path / "r.xlsx")
    cells = {row[0]: row[1] for row in book[TOTALS_SHEET].iter_rows(min_row=4, max_col=2, values_only=True) if row[0]}
    assert cells["Изменение среднего индекса к 2024 году"] == "+2,0 по 2 организациям, оценённым в оба года"
    assert cells["Их средний индекс: 2024 → 2025"] == "75,0 → 77,0"
    assert cells["Оценено организаций (завершённые оценки)"] == "5 из 8"  # the federation and its seven
    assert cells["Средний индекс"] == 54.8
    assert book[CHANGES_SHEET]["A1"].value.endswith("Средний индекс: +2,0 по 2 организациям, оценённым в оба года")


def random_group(rng: random.Random) -> dict[str, dict[int, tuple[float, str]]]:
    members = {}
    for number in range(rng.randint(0, 9)):
        years = {}
        for year in (2024, 2025):
            state = rng.choice(("none", "draft", "complete", "complete"))
            if state != "none":
                years[year] = (rng.randint(0, 1000) / 10, state)
        members[f"ППО {number}"] = years
    return members


def test_generated_groups_change_is_the_mean_change_of_their_pairs(engine):
    rng = random.Random(13)
    groups = {f"Группа {n}": random_group(rng) for n in range(25)}
    parents = write_groups(engine, groups)
    for group, members in groups.items():
        pairs = [
            (y[2024][0], y[2025][0])
            for y in members.values()
            if y.get(2024, (0, ""))[1] == "complete" and y.get(2025, (0, ""))[1] == "complete"
        ]
        change = fair_change(engine, ComparisonFilter(2025, parent_id=parents[group]))
        assert change.organizations == len(pairs), group
        if pairs:
            assert change.value == pytest.approx(sum(now - before for before, now in pairs) / len(pairs)), group
        else:
            assert change.value is None and "ни одна организация не оценена в оба года" in fair_change_text(
                change.value, change.organizations
            )


@pytest.mark.parametrize("count", [*range(0, 25), 101, 111, 121, 1011])
def test_the_count_of_organizations_agrees_in_russian(count):
    text = organizations_dative(count)
    one = count % 10 == 1 and count % 100 != 11
    assert text == (f"{count} организации, оценённой" if one else f"{count} организациям, оценённым")
