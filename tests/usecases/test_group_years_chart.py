"""The group's chart of years never joins the organizations of one year to different ones of the next: each
year's mean over whoever was assessed is a point (its count under the year); a line from one year to the next
is the mean over the organizations assessed in both (its count beside it), and no line where there are none.
Checked by hand (the fair-change group), on the issue's 6 → 14, and against plain arithmetic for generated
groups. Both databases."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from test_fair_change import HAND_BUILT, write_groups

from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter
from maturity.storage.database import open_database
from maturity.usecases.comparison_charts import build_chart
from maturity.views.group_years_chart import LINES_NOTE

PROFILE = load_profile("fnpr-base")


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def chart(engine, parent_id: int, year: int = 2025):
    return build_chart(engine, "years", ComparisonFilter(year, parent_id=parent_id), [], PROFILE, scope="Группа")


def lines_of(figure) -> tuple[list, list]:
    """(the points: one line of markers per series, the segments: lines of two points)."""
    lines = figure.axes[0].get_lines()
    points = [line for line in lines if line.get_linestyle() == "None"]
    segments = [line for line in lines if line.get_linestyle() != "None"]
    return points, segments


def texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]


def test_the_line_from_2024_to_2025_is_over_the_two_assessed_in_both_the_points_over_everyone(engine):
    parents = write_groups(engine, {"Федерация": HAND_BUILT})
    figure = chart(engine, parents["Федерация"])
    points, segments = lines_of(figure)

    assert list(points[0].get_xdata()) == [2024, 2025]
    assert list(points[0].get_ydata()) == [pytest.approx(75.0), pytest.approx(54.8)]  # 4 then 5 organizations
    index, digital = segments  # the index and the digital index, each over the same two organizations
    assert list(index.get_xdata()) == [2024, 2025] and list(index.get_ydata()) == [75.0, 77.0]
    assert list(digital.get_ydata()) == [75.0, 77.0]
    assert "2 в оба года" in texts(figure)
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["2024\n4 орг.", "2025\n5 орг."]
    note = next(t for t in texts(figure) if t.startswith("Изменение среднего индекса"))
    assert " ".join(LINES_NOTE.split()) in " ".join(note.split())


def test_six_organizations_of_2023_are_never_joined_to_fourteen_of_2024(engine):
    stayed = {f"ППО {n}": {2023: (40, "complete"), 2024: (44, "complete")} for n in range(6)}
    joined = {f"ППО новая {n}": {2024: (90, "complete")} for n in range(8)}
    parents = write_groups(engine, {"Территория": {**stayed, **joined}})
    figure = chart(engine, parents["Территория"], 2024)
    points, segments = lines_of(figure)

    assert list(points[0].get_ydata()) == [40.0, pytest.approx((6 * 44 + 8 * 90) / 14)]  # 70,3 over 14
    assert list(segments[0].get_ydata()) == [40.0, 44.0]  # the six that stayed: +4, not +30
    assert "6 в оба года" in texts(figure)
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["2023\n6 орг.", "2024\n14 орг."]


def test_years_with_no_organization_in_common_have_no_line(engine):
    group = {"ППО А": {2023: (40, "complete")}, "ППО Б": {2024: (60, "complete")}}
    parents = write_groups(engine, {"Территория": group})
    points, segments = lines_of(chart(engine, parents["Территория"], 2024))
    assert list(points[0].get_ydata()) == [40.0, 60.0] and segments == []


YEARS = (2023, 2024, 2025)
ASSESSED = st.one_of(st.none(), st.tuples(st.integers(0, 100), st.sampled_from(["complete", "complete", "draft"])))


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    members=st.lists(st.tuples(*[ASSESSED] * len(YEARS)), min_size=1, max_size=8).filter(
        lambda ms: any(a is not None for m in ms for a in m)  # some assessment to write
    )
)
def test_every_line_is_the_mean_over_the_organizations_complete_in_both_years(tmp_path, members):
    group = {
        f"ППО {n}": {year: a for year, a in zip(YEARS, assessed, strict=True) if a is not None}
        for n, assessed in enumerate(members)
    }
    engine = open_database(f"sqlite:///{tmp_path / uuid.uuid4().hex}.db")
    try:
        parents = write_groups(engine, {"Территория": group})
        complete = {name: {y: i for y, (i, s) in years.items() if s == "complete"} for name, years in group.items()}
        if not any(complete.values()):
            with pytest.raises(ValueError, match="нет завершённых оценок"):
                chart(engine, parents["Территория"])
            return
        figure = chart(engine, parents["Территория"])
        _points, segments = lines_of(figure)
        expected = []
        for year in YEARS[1:]:
            both = [c for c in complete.values() if year - 1 in c and year in c]
            if both:
                expected.append(
                    (
                        [year - 1, year],
                        [sum(c[year - 1] for c in both) / len(both), sum(c[year] for c in both) / len(both)],
                    )
                )
                assert f"{len(both)} в оба года" in texts(figure)
        index_segments = segments[::2]  # index, digital index, index, …
        assert [(list(s.get_xdata()), list(s.get_ydata())) for s in index_segments] == [
            (xs, [pytest.approx(y) for y in ys]) for xs, ys in expected
        ]
    finally:
        engine.dispose()
