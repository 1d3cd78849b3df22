"""The organization's years at a glance: the index and each KPI over the assessed years, as lines.

Plain data in, a matplotlib ``Figure`` out (no pyplot, no Qt): the main window embeds it beside the
table of assessments; a missing figure («не оценивается») is a gap in its line, never a zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from maturity.views.compare_charts import PALETTE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INDEX_LABEL = "Индекс"
DRAFT_MARK = " (черновик)"
LEGEND_LETTERS = 24  # a KPI's name in the legend at the most: two columns fit the main window's 360 pixels


def years_chart(
    years: Sequence[int],
    index: Sequence[float | None],
    kpis: Mapping[str, Sequence[float | None]],
    *,
    drafts: Sequence[bool] = (),
    title: str = "Индекс и показатели по годам",
    size: tuple[float, float] = (4.6, 4.6),
    method_changed: Sequence[str] = (),
    index_ranges: Mapping[int, tuple[float, float]] | None = None,
) -> Figure:
    """``years`` oldest first; ``index`` and each of ``kpis`` (a legend label → a value per year).

    The index is a thick line with its points; the KPIs thin lines. A draft's year is marked on the axis;
    a KPI of ``method_changed`` (labels of ``kpis``, or :data:`INDEX_LABEL` for the index: defined differently
    in some year than the year before) is marked «†» in the legend with a footnote. ``index_ranges`` (a draft's
    year → its index range, :mod:`maturity.engine.draft_range`) draws a grey band over the draft's year: where its
    index can still end.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator

    from maturity.views.method_change_text import CHART_FOOTNOTE, MARK

    figure = Figure(figsize=size, dpi=100, layout="constrained")
    axes = figure.add_subplot()
    xs = list(range(len(years)))

    def values(series: Sequence[float | None]) -> list[float]:
        return [math.nan if v is None else float(v) for v in series]

    for number, (label, series) in enumerate(kpis.items()):
        shown = f"{label} {MARK}" if label in method_changed else label
        axes.plot(xs, values(series), color=PALETTE[number % len(PALETTE)], linewidth=1.0, alpha=0.75,
                  marker=".", markersize=4, label=shown)  # fmt: skip
    index_label = f"{INDEX_LABEL} {MARK}" if INDEX_LABEL in method_changed else INDEX_LABEL
    axes.plot(xs, values(index), color="#000000", linewidth=2.6, marker="o", markersize=6, label=index_label)
    for x, year in enumerate(years):
        if index_ranges and year in index_ranges:
            low, high = index_ranges[year]
            axes.vlines(x, low, high, color="#000000", linewidth=7, alpha=0.18)
    axes.xaxis.set_major_locator(FixedLocator(xs))
    flags = list(drafts) + [False] * (len(years) - len(drafts))
    axes.set_xticklabels([f"{y}{'*' if draft else ''}" for y, draft in zip(years, flags, strict=True)])
    axes.set_xlim(-0.3, max(len(years) - 1, 0) + 0.3)
    axes.set_ylim(0, 100)
    axes.set_ylabel("Баллы (0–100)")
    axes.set_title(title, fontsize=10)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    draft_note = (
        "* черновик: полоса — где индекс ещё может оказаться" if index_ranges else "* черновик: итог предварительный"
    )
    notes = ([draft_note] if any(flags) else []) + (
        [CHART_FOOTNOTE] if any(label in method_changed for label in [*kpis, INDEX_LABEL]) else []
    )
    # the notes head the legend below the axes: the constrained layout keeps both inside a small figure (a text
    # of its own at the foot was drawn over the legend's last row in the main window's 240 pixels)
    legend = figure.legend(fontsize=6.5, loc="outside lower center", ncols=2, frameon=False, columnspacing=1.0,
                           handlelength=1.6, title="\n".join(notes) or None, title_fontsize=7,
                           alignment="left")  # fmt: skip
    legend.get_title().set_color("#8a5a00")
    return figure
