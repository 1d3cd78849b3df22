"""A group's chart of years: each year's mean over whoever was assessed that year is a point (the count under
the year); a line joins two consecutive years only over the organizations assessed in both (their count on the
line) — never the 6 organizations of one year to the 14 of the next. The note under the chart says so.

Plain data in, a matplotlib ``Figure`` out (no pyplot, no Qt), like :mod:`maturity.views.compare_charts`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from maturity.views.compare_charts import PALETTE, SIZE, Series, _check, _figure, _nan, score_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LINES_NOTE = (
    "Точки — среднее всех организаций, оценённых в этот год (их число под годом). Линия соединяет два соседних "
    "года только по организациям, оценённым в оба (их число у линии), поэтому её концы могут не совпасть с "
    "точками; нет таких организаций — нет и линии."
)


@dataclass(frozen=True)
class Segment:
    """A line from ``year - 1`` to ``year``: each series' mean over the ``organizations`` assessed in both."""

    year: int
    organizations: int
    before: tuple[float | None, ...]  # one per series, in the series' order
    now: tuple[float | None, ...]


def organizations_text(count: int) -> str:
    return f"{count} в оба года"


def group_year_lines(
    years: Sequence[int],
    series: Sequence[Series],
    segments: Sequence[Segment],
    *,
    title: str,
    ylabel: str = "Средний балл (0–100)",
    size: tuple[float, float] = SIZE,
    year_notes: Mapping[int, str] | None = None,
    note: str = "",
) -> Figure:
    """``series``: each year's mean over whoever was assessed (points, no line between them); ``segments``: the
    lines between consecutive years over the organizations assessed in both (none when there are none)."""
    _check([str(y) for y in years], series)
    figure = _figure(size)
    ax = figure.add_subplot()
    for number, (s, color) in enumerate(zip(series, PALETTE, strict=False)):
        ax.plot(list(years), [_nan(v) for v in s.values], marker="o", linestyle="none", color=color, label=s.label)
        above = number % 2 == 0  # values of neighbouring series written on opposite sides
        for year, value in zip(years, s.values, strict=True):
            if value is not None:
                ax.annotate(score_label(value), (year, value), textcoords="offset points",
                            xytext=(0, 7 if above else -14), ha="center", fontsize=8, color=color)  # fmt: skip
    for segment in segments:
        if not segment.organizations:
            continue
        for number, (before, now) in enumerate(zip(segment.before, segment.now, strict=True)):
            if before is None or now is None:
                continue
            color = PALETTE[number % len(PALETTE)]
            ax.plot([segment.year - 1, segment.year], [before, now], color=color, linewidth=2)
        first = next(
            (b, n) for b, n in zip(segment.before, segment.now, strict=True) if b is not None and n is not None
        )
        ax.annotate(organizations_text(segment.organizations), (segment.year - 0.5, (first[0] + first[1]) / 2),
                    textcoords="offset points", xytext=(0, 9), ha="center", fontsize=8, color="#555555")  # fmt: skip
    notes = year_notes or {}
    ax.set_xticks(list(years), [f"{y}\n{notes[y]}" if y in notes else str(y) for y in years])
    ax.set_ylim(0, 100)
    ax.set_xlabel("Год")
    ax.set_ylabel(ylabel)
    ax.grid(color="#dddddd", linewidth=0.6)
    ax.legend(loc="best", fontsize=8)
    figure.suptitle(title, fontsize=12)
    told = "\n".join(textwrap.fill(part, 120) for part in (note, LINES_NOTE) if part)
    figure.supxlabel(told, fontsize=9, color="#333333")
    return figure
