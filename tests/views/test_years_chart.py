"""The years chart: data in, a Figure out — the index and each KPI as a line over the years."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.views.years_chart import INDEX_LABEL, years_chart

score = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))


@settings(max_examples=examples(25), deadline=None)
@given(data=st.data(), count=st.integers(1, 6), kpi_count=st.integers(0, 12))
def test_every_series_is_a_line_with_a_gap_where_a_figure_is_missing(data, count, kpi_count):
    years = list(range(2020, 2020 + count))
    index = data.draw(st.lists(score, min_size=count, max_size=count))
    kpis = {f"K{i} показатель": data.draw(st.lists(score, min_size=count, max_size=count)) for i in range(kpi_count)}
    drafts = data.draw(st.lists(st.booleans(), min_size=count, max_size=count))
    figure = years_chart(years, index, kpis, drafts=drafts, title="ППО: индекс и показатели по годам")
    axes = figure.axes[0]
    lines = {line.get_label(): line for line in axes.get_lines()}
    assert set(lines) == {*kpis, INDEX_LABEL}
    for label, series in [(INDEX_LABEL, index), *kpis.items()]:
        drawn = list(lines[label].get_ydata())
        assert [None if math.isnan(v) else v for v in drawn] == series  # None is a gap, never a zero
    ticks = [t.get_text() for t in axes.get_xticklabels()]
    assert ticks == [f"{y}{'*' if d else ''}" for y, d in zip(years, drafts, strict=True)]
    assert axes.get_title() == "ППО: индекс и показатели по годам"
    assert axes.get_ylim() == (0, 100)
