"""The years chart: data in, a Figure out — the index and each KPI as a line over the years."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.views.years_chart import INDEX_LABEL, LEGEND_LETTERS, years_chart

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


@settings(max_examples=examples(15), deadline=None)
@given(
    kpi_count=st.integers(0, 12),
    drafts=st.lists(st.booleans(), min_size=3, max_size=3),
    changed=st.booleans(),
    size=st.sampled_from([(360, 240), (390, 233), (460, 460), (700, 300)]),
)
def test_the_legend_and_its_notes_stay_whole_inside_the_smallest_chart(kpi_count, drafts, changed, size):
    """The main window's chart at its least (360 × 240 pixels; 1024×600 with the resume banner leaves 233 in
    height): every legend entry and the notes («* черновик…», «† методика изменилась…») inside the figure,
    nothing over the axes, the notes never over an entry."""
    label = "Цифровая зрелость: доступность сервисов"[: LEGEND_LETTERS - 1] + "…"
    kpis = {f"{i}{label}"[:LEGEND_LETTERS]: [40.0 + i, 55.0, 60.0] for i in range(kpi_count)}
    figure = years_chart([2023, 2024, 2025], [47.3, 58.0, 67.1], kpis, drafts=drafts,
                         method_changed=[INDEX_LABEL] if changed else [])  # fmt: skip
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(100)
    figure.set_size_inches(size[0] / 100, size[1] / 100)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    whole = figure.bbox
    axes = figure.axes[0].get_window_extent(renderer)
    [legend] = figure.legends
    boxes = [t.get_window_extent(renderer) for t in legend.get_texts()]
    title = legend.get_title()
    notes = title.get_window_extent(renderer) if title.get_text() else None
    assert (notes is not None) == (any(drafts) or changed)
    for box in [*boxes, *([notes] if notes is not None else [])]:
        assert whole.x0 - 0.5 <= box.x0 and box.x1 <= whole.x1 + 0.5, (box, whole)
        assert whole.y0 - 0.5 <= box.y0 and box.y1 <= whole.y1 + 0.5, (box, whole)
        assert box.y1 <= axes.y0, "a legend entry over the axes"
        if notes is not None and box is not notes:
            assert not box.overlaps(notes), "the notes over a legend entry"
    assert axes.height > 20  # the lines still have room
