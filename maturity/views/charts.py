"""Charts as functions ``data → matplotlib Figure``: no pyplot, no Qt.

The same Figure feeds the app's canvas (FigureCanvasQTAgg), a PNG file and the Excel report.
matplotlib is imported inside the functions so that importing this module costs nothing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.projections.polar import PolarAxes

CURRENT_COLOR = "#1f5fa8"
PREVIOUS_COLOR = "#9a9a9a"
BAND_COLOR = "#e08a1e"


@dataclass(frozen=True)
class RadarLabels:
    """How the axis labels are set: wrapped at ``width`` characters to at most ``lines`` lines (then «…»),
    in ``size`` points. ``outward`` (a printed page): the labels on the sides are aligned away from the
    circle, which gets a fixed place leaving them ``room`` inches on each side — no label covers a point
    and none is shortened; save such a figure with ``bbox_inches="tight"``."""

    width: int = 20
    lines: int = 3
    size: float = 8
    outward: bool = False
    room: float = 1.15  # inches beside the circle for an outward label
    room_above: float = 0.4
    room_below: float = 0.75  # the lowest label and the legend
    codes: bool = False  # the axes named by the KPIs' codes only («K1»): beside a table that names them


SCREEN_LABELS = RadarLabels()
# a window's radar beside the table of KPIs (which names them): «K1» … «K10», never cut, never over another
CODE_LABELS = RadarLabels(width=12, lines=2, size=9, codes=True)


@dataclass(frozen=True)
class RadarSeries:
    """One polygon of a radar chart: a legend label and a score 0–100 (or None) per axis."""

    label: str
    values: Sequence[float | None]


def radar_figure(
    axes_labels: Sequence[str],
    current: RadarSeries,
    previous: RadarSeries | None = None,
    *,
    title: str | None = None,
    size: tuple[float, float] = (6.0, 5.0),
    dpi: int = 100,
    band: tuple[RadarSeries, RadarSeries] | None = None,
    labels: RadarLabels = SCREEN_LABELS,
) -> Figure:
    """A radar (spider) chart of KPI scores on 0–100, with an optional earlier series under it.

    A KPI that is not scored (None) is drawn at the centre and its axis label says «не оценивается».
    ``band`` (low, high; the legend says low's label) shades a range on each axis under the series,
    e.g. other organizations' 25th–75th percentiles; an axis with None has no band. ``labels``: how the
    axis labels are set (:class:`RadarLabels`).
    """
    from matplotlib.figure import Figure

    n = len(axes_labels)
    if n < 3:
        raise ValueError("для лепестковой диаграммы нужно не меньше трёх показателей")
    for series in (current, previous):
        if series is not None and len(series.values) != n:
            raise ValueError(f"ряд «{series.label}»: {len(series.values)} значений на {n} осей")
    angles = [2 * math.pi * i / n for i in range(n)]

    if labels.outward:
        figure = Figure(figsize=size, dpi=dpi)
        ax = cast("PolarAxes", figure.add_axes(_circle_place(size, labels), projection="polar"))
    else:
        figure = Figure(figsize=size, dpi=dpi, layout="constrained")
        # matplotlib's stubs type add_subplot as Axes whatever the projection; "polar" makes a PolarAxes
        ax = cast("PolarAxes", figure.add_subplot(projection="polar"))
    ax.set_theta_offset(math.pi / 2)  # the first KPI at the top, the others clockwise
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 100)
    # the outer circle is 100; its label would sit on the first axes' labels
    ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", ""], fontsize=7, color="#666666")
    ax.set_rlabel_position(180 / n)
    ax.set_xticks(angles)
    texts = [_axis_label(label, current.values[i] is None, labels) for i, label in enumerate(axes_labels)]
    ax.set_xticklabels(texts, fontsize=labels.size)
    ax.tick_params(axis="x", pad=5 if labels.outward else 12)
    if labels.outward:
        for angle, tick in zip(angles, ax.get_xticklabels(), strict=True):
            tick.set_horizontalalignment(_outward(angle))
    ax.grid(color="#d0d0d0", linewidth=0.6)

    if band is not None:
        _draw_band(ax, angles, band)
    for series, color, fill, style in (
        (previous, PREVIOUS_COLOR, 0.08, "--"),
        (current, CURRENT_COLOR, 0.22, "-"),
    ):
        if series is None:
            continue
        values = [0.0 if v is None else float(v) for v in series.values]
        closed_angles = angles + angles[:1]
        closed_values = values + values[:1]
        ax.plot(closed_angles, closed_values, style, color=color, linewidth=1.8, label=series.label)
        ax.fill(closed_angles, closed_values, color=color, alpha=fill)
        ax.scatter(angles, values, color=color, s=14, zorder=3)
    if previous is not None or band is not None:
        if labels.outward:
            figure.legend(loc="lower center", ncols=3, fontsize=labels.size, frameon=False)
        else:
            figure.legend(loc="outside lower center", ncols=3, fontsize=labels.size, frameon=False)
    if title:
        # a long organization's name wraps (at most two lines of 60 characters) instead of running off both
        # sides; ``wrap``: matplotlib wraps again at draw time when the figure is narrower (a window's chart)
        figure.suptitle(textwrap.fill(title, 60, max_lines=2, placeholder="…"), fontsize=11, wrap=True)
    return figure


def _draw_band(ax, angles: Sequence[float], band: tuple[RadarSeries, RadarSeries]) -> None:
    """The shaded range between two series on every axis (closed around the circle); gaps where None."""
    low, high = band
    nan = float("nan")
    lows = [nan if v is None else float(v) for v in low.values]
    highs = [nan if v is None else float(v) for v in high.values]
    closed = list(angles) + [angles[0] + 2 * math.pi]
    ax.fill_between(
        closed, lows + lows[:1], highs + highs[:1], color=BAND_COLOR, alpha=0.25, linewidth=0, label=low.label
    )
    for values in (lows, highs):
        ax.plot(closed, values + values[:1], color=BAND_COLOR, linewidth=0.8, alpha=0.8)


def _circle_place(size: tuple[float, float], labels: RadarLabels) -> tuple[float, float, float, float]:
    """Where the circle goes (left, bottom, width, height as shares of the figure) to leave the labels room."""
    width, height = size
    diameter = max(min(width - 2 * labels.room, height - labels.room_above - labels.room_below), 0.5)
    return ((width - diameter) / 2 / width, labels.room_below / height, diameter / width, diameter / height)


def _outward(angle: float) -> Literal["left", "center", "right"]:
    """The alignment of an axis label at ``angle`` (0 at the top, clockwise) that keeps it off the circle."""
    across = math.sin(angle)
    if across > 0.2:
        return "left"
    if across < -0.2:
        return "right"
    return "center"


def _axis_label(label: str, missing: bool, labels: RadarLabels = SCREEN_LABELS) -> str:
    text = textwrap.fill(label, labels.width, max_lines=labels.lines, placeholder="…")
    if missing:
        return f"{text}\n(н/о)" if labels.codes else f"{text}\n(не оценивается)"
    return text


def kpi_radar(
    kpi_titles: Mapping[str, str],
    scores: Mapping[str, float | None],
    previous: Mapping[str, float | None] | None = None,
    *,
    current_label: str = "Текущая оценка",
    previous_label: str = "Прошлый год",
    title: str | None = None,
    size: tuple[float, float] = (6.0, 5.0),
    band: Mapping[str, tuple[float, float]] | None = None,
    band_label: str = "Другие организации: 25–75-й процентили",
    labels: RadarLabels = SCREEN_LABELS,
) -> Figure:
    """The radar of the ten KPIs: ``kpi_titles`` in display order (id → title), ``scores`` by id;
    ``band``: a (low, high) range by KPI id shaded under them (KPIs absent from it have none)."""
    ids = list(kpi_titles)
    current = RadarSeries(current_label, [scores.get(k) for k in ids])
    earlier = RadarSeries(previous_label, [previous.get(k) for k in ids]) if previous is not None else None
    axes_labels = [k.upper() if labels.codes else f"{k.upper()} {kpi_titles[k]}" for k in ids]
    shaded = None
    if band is not None:
        shaded = (
            RadarSeries(band_label, [band[k][0] if k in band else None for k in ids]),
            RadarSeries(band_label, [band[k][1] if k in band else None for k in ids]),
        )
    return radar_figure(axes_labels, current, earlier, title=title, size=size, band=shaded, labels=labels)
