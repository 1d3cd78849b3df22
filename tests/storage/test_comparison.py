"""The comparison of organizations: filters, sorting, cards and chart data over a small federation
whose figures are written out in tests/comparison_data.py."""

from __future__ import annotations

import pytest
from comparison_data import ID, fill

from maturity.storage.comparison import (
    ComparisonFilter,
    comparison_ids,
    group_average,
    group_history,
    group_levels,
    heatmap_data,
    level_average,
    level_counts,
    rows_by_id,
    summary,
)
from maturity.views.colours import score_colour
from maturity.views.numbers import format_change


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """The federation, once per backend for the whole module (the tests only read it)."""
    from maturity.storage.database import open_database

    if request.param == "sqlite":
        url, server, name = f"sqlite:///{tmp_path_factory.mktemp('comparison') / 'maturity.db'}", None, None
    else:
        server = request.getfixturevalue("postgres_server")
        name = server.create_database()
        url = server.url(name)
    engine = open_database(url)
    fill(engine)
    yield engine
    engine.dispose()
    if server is not None:
        server.drop_database(name)


@pytest.fixture
def fresh_engine(db_url):
    from maturity.storage.database import open_database

    engine = open_database(db_url)
    fill(engine)
    yield engine
    engine.dispose()


def names(engine, f: ComparisonFilter, **sort) -> list[str]:
    ids = comparison_ids(engine, f, **sort)
    rows = rows_by_id(engine, f.year, ids)
    return [rows[i].name for i in ids]


Y = ComparisonFilter(2025)


def test_the_table_lists_the_organizations_assessed_that_year_by_name(engine):
    assert names(engine, Y) == [
        "ППО Больница",
        "ППО Гимназия",
        "ППО Поликлиника",
        "ППО Школа № 1",
        "Территориальная А",
        "Территориальная Б",
    ]  # «Федерация» and «Детский сад» have no assessment for 2025


def test_parent_filter_reaches_any_depth_and_keeps_the_parent_itself(engine):
    assert names(engine, Y.replace(parent_id=ID["Федерация"])) == names(engine, Y)
    assert names(engine, Y.replace(parent_id=ID["Территориальная Б"])) == [
        "ППО Больница",
        "ППО Поликлиника",
        "Территориальная Б",  # the group's own line, as in the report and `maturity status --parent`
    ]


def test_level_region_sector_and_text_filters_combine(engine):
    assert names(engine, Y.replace(level="territorial")) == ["Территориальная А", "Территориальная Б"]
    assert names(engine, Y.replace(region="Самарская область", level="primary")) == ["ППО Гимназия", "ППО Школа № 1"]
    assert names(engine, Y.replace(sector="Здравоохранение")) == [
        "ППО Больница",
        "ППО Поликлиника",
        "Территориальная Б",
    ]
    assert names(engine, Y.replace(text="ппо б")) == ["ППО Больница"]  # any case, Cyrillic included
    assert names(engine, Y.replace(maturity_level="developing")) == ["ППО Поликлиника", "Территориальная А"]
    assert names(engine, Y.replace(text="нет такой")) == []


def test_sorting_on_figures_puts_empty_values_last_both_ways(engine):
    by_index = names(engine, Y, sort="index")
    assert by_index == [
        "ППО Больница",
        "ППО Школа № 1",
        "Территориальная А",
        "ППО Поликлиника",
        "Территориальная Б",
        "ППО Гимназия",
    ]  # 14.5, 34.5, 54.5, 59.5, 74.5, 89.5
    assert names(engine, Y, sort="index", descending=True) == by_index[::-1]
    # change since 2024: Б −5, Больница −2, Гимназия +5, Поликлиника +5, Школа +10, А +10
    assert names(engine, Y, sort="index_change") == [
        "Территориальная Б",
        "ППО Больница",
        "ППО Гимназия",
        "ППО Поликлиника",
        "ППО Школа № 1",
        "Территориальная А",
    ]
    assert names(engine, Y, sort="maturity_level")[0] == "ППО Больница"  # initial first
    assert names(engine, Y, sort="level")[-2:] == ["Территориальная А", "Территориальная Б"]


def test_a_row_carries_the_stored_figures_and_the_change_since_last_year(engine):
    row = rows_by_id(engine, 2025, [ID["ППО Школа № 1"]])[ID["ППО Школа № 1"]]
    assert (row.kpis["k1"], row.kpis["k10"], row.index, row.digital_index) == (30.0, 39.0, 34.5, 36.5)
    assert row.maturity_level == "basic" and row.failed_norms == 2
    assert row.index_change == pytest.approx(10.0)  # 34.5 − 24.5
    assert row.parent_name == "Территориальная А" and row.status == "complete"


def test_a_row_without_last_year_has_no_change(fresh_engine):
    from maturity.storage.models import Assessment

    engine = fresh_engine
    with engine.begin() as connection:
        connection.execute(Assessment.__table__.delete().where(Assessment.__table__.c.year == 2024))
    row = rows_by_id(engine, 2025, [ID["ППО Гимназия"]])[ID["ППО Гимназия"]]
    assert row.index_change is None


def test_summary_counts_complete_assessments_against_every_organization_covered(engine):
    cards = summary(engine, Y.replace(parent_id=ID["Территориальная А"]))
    assert (cards.expected, cards.assessed) == (4, 3)  # Терр. А, Школа, Гимназия; Детский сад expected too
    assert cards.average_index == pytest.approx((54.5 + 34.5 + 89.5) / 3)
    assert (cards.change.organizations, cards.change.index_before) == (3, pytest.approx((44.5 + 24.5 + 84.5) / 3))
    assert cards.index_change == pytest.approx((178.5 - 153.5) / 3)


def test_summary_of_everything_leaves_the_draft_out(engine):
    cards = summary(engine, Y)
    assert (cards.expected, cards.assessed) == (8, 5)
    assert cards.average_index == pytest.approx((54.5 + 74.5 + 34.5 + 89.5 + 14.5) / 5)


def test_the_norms_most_often_failed_come_with_their_titles(engine):
    failed = summary(engine, Y).failed_norms
    assert [(n.norm_id, n.count) for n in failed] == [("n1_funding", 3), ("n6_site", 2), ("n7_stand", 1)]
    assert failed[0].title == "Не менее 5 % бюджета на информационную работу"


def test_group_average_is_the_mean_of_complete_assessments(engine):
    group = group_average(engine, Y.replace(parent_id=ID["Территориальная Б"]))
    assert group.count == 2  # Терр. Б and Больница; Поликлиника is a draft
    assert group.kpis["k1"] == (70.0 + 10.0) / 2 and group.index == (74.5 + 14.5) / 2


def test_level_average_takes_the_whole_database(engine):
    primaries = level_average(engine, 2025, ["primary"])
    assert primaries.count == 3 and primaries.index == pytest.approx((34.5 + 89.5 + 14.5) / 3)
    assert group_levels(engine, Y.replace(parent_id=ID["Территориальная А"])) == ["primary", "territorial"]
    assert group_levels(engine, Y) == ["primary", "territorial"]


def test_group_history_gives_each_year(engine):
    history = group_history(engine, Y.replace(parent_id=ID["Территориальная А"]))
    assert list(history) == [2024, 2025]
    assert history[2024].index == pytest.approx((44.5 + 24.5 + 84.5) / 3)  # Терр. А, Школа, Гимназия
    assert history[2025].digital_index == pytest.approx((56.5 + 36.5 + 91.5) / 3)


def test_level_counts_of_complete_assessments(engine):
    assert level_counts(engine, Y) == {"initial": 1, "basic": 1, "developing": 1, "advanced": 1, "leading": 1}


def test_heatmap_data_keeps_the_rows_order(engine):
    ids = comparison_ids(engine, Y.replace(level="territorial"))
    rows = rows_by_id(engine, 2025, ids)
    labels, matrix = heatmap_data([rows[i] for i in ids], ["k1", "k2"])
    assert labels == ["Территориальная А", "Территориальная Б"]
    assert matrix == [[50.0, 51.0], [70.0, 71.0]]


def test_score_colours_run_red_yellow_green_like_the_report():
    assert score_colour(0) == "#f8696b"
    assert score_colour(50) == "#ffeb84"
    assert score_colour(100) == "#63be7b"
    assert score_colour(None) is None
    assert score_colour(150) == "#63be7b"


def test_change_text_is_signed_with_a_comma_and_halves_round_up():
    assert [format_change(v) for v in (1.25, -0.5, 0.0, -0.04, None)] == ["+1,3", "\u22120,5", "0,0", "0,0", "—"]


def test_the_report_export_takes_the_filtered_organizations_only(engine, tmp_path):
    from openpyxl import load_workbook
    from sqlmodel import Session

    from maturity.storage.store import Store
    from maturity.usecases.report_source import export_report

    f = Y.replace(parent_id=ID["Федерация"], region="Республика Татарстан")
    ids = comparison_ids(engine, f)
    with Session(engine) as session:
        parent = Store(session).get_organization(ID["Федерация"])
        assert export_report(Store(session), 2025, tmp_path / "r.xlsx", parent, organization_ids=ids) == 3
    sheet = load_workbook(tmp_path / "r.xlsx", read_only=True)["Сводка"]
    listed = [row[0] for row in sheet.iter_rows(min_row=3, max_col=1, values_only=True) if row[0]]
    assert listed == ["ППО Больница", "ППО Поликлиника", "Территориальная Б"]
