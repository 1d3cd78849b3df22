"""Charts of the comparison of organizations: plain data in, a matplotlib ``Figure`` out (no pyplot, no Qt).

The same function feeds the comparison window's canvas, a PNG/SVG file (:func:`save_figure`) and
reports. Every chart has a Russian title, axis labels and a legend (the heat map's legend is its
colour bar). A missing figure (None, «не оценивается») is drawn as nothing — no bar, a gap in a
line, a blank cell — never as zero, except on a radar, which has no gaps: there it sits at the
centre.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from maturity.errors import BadInput
from maturity.output_files import check_output_path, write_output
from maturity.views.colours import SCALE
from maturity.views.numbers import format_count, format_score, format_whole

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.projections.polar import PolarAxes

PALETTE = ("#1f5fa8", "#e07b00", "#2e8b3d", "#b3261e", "#7a4fb0", "#00838f", "#8d6e00", "#c2185b", "#5d6d7e", "#6b8e23")
REFERENCE_COLOR = "#9a9a9a"
MAX_RADAR_SERIES = 5
SIZE = (9.0, 5.6)
SAVE_FORMATS = {".png": "png", ".svg": "svg"}


@dataclass(frozen=True)
class Series:
    """One organization (or a group's mean): a legend label and a value per category (None: no value)."""

    label: str
    values: Sequence[float | None]


def _figure(size: tuple[float, float] = SIZE) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=size, dpi=100, layout="constrained")


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(text, width, max_lines=2, placeholder="…")


def short_name(name: str, limit: int = 48) -> str:
    """A long organization name cut in the middle: «Первичная профсоюзная …№ 45» г. Сызрань» (names differ at
    their ends)."""
    if len(name) <= limit:
        return name
    head = limit // 3
    return name[:head].rstrip() + "…" + name[-(limit - head - 1) :].lstrip()


def _check(categories: Sequence[str], series: Sequence[Series]) -> None:
    if not series:
        raise ValueError("нет данных для диаграммы: не выбрано ни одной организации")
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"ряд «{s.label}»: {len(s.values)} значений на {len(categories)} показателей")


def _grouped_barh(ax: Axes, categories: Sequence[str], series: Sequence[Series], colors: Sequence[str]) -> None:
    """Horizontal grouped bars: a band per category (top to bottom), a bar per series inside it."""
    n = len(series)
    height = 0.8 / n
    positions = range(len(categories))
    for i, (s, color) in enumerate(zip(series, colors, strict=False)):
        offsets = [p - 0.4 + height * (i + 0.5) for p in positions]
        ax.barh(offsets, [_nan(v) for v in s.values], height=height * 0.92, color=color, label=short_name(s.label, 60))
    ax.set_yticks(list(positions), [_wrap(c) for c in categories], fontsize=8)
    ax.invert_yaxis()  # the first KPI at the top
    ax.set_xlim(0, 100)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def kpi_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "Показатели выбранных организаций",
    size: tuple[float, float] = SIZE,
) -> Figure:
    """The selected organizations' KPIs side by side: a band of bars per KPI, a colour per organization."""
    _check(categories, series)
    figure = _figure(size)
    ax = figure.add_subplot()
    _grouped_barh(ax, categories, series, PALETTE)
    ax.set_xlabel("Балл (0–100)")
    ax.set_ylabel("Показатель")
    figure.legend(
        loc="outside lower center",
        ncols=min(len(series), 2),
        fontsize=8,
        title="Организации",
        title_fontsize=8,
        frameon=False,
    )
    figure.suptitle(title, fontsize=12)
    return figure


def group_vs_level(
    categories: Sequence[str],
    group: Series,
    reference: Series,
    *,
    title: str = "Группа и среднее по уровню",
    size: tuple[float, float] = SIZE,
) -> Figure:
    """The group's mean scores beside the mean of all organizations of the same level."""
    _check(categories, [group, reference])
    figure = _figure(size)
    ax = figure.add_subplot()
    _grouped_barh(ax, categories, [group, reference], [PALETTE[0], REFERENCE_COLOR])
    for container in ax.containers[:1]:  # the group's values written beside its bars
        from matplotlib.container import BarContainer

        assert isinstance(container, BarContainer)
        ax.bar_label(container, fmt=score_label, fontsize=7, padding=2)
    ax.set_xlabel("Средний балл (0–100)")
    ax.set_ylabel("Показатель")
    figure.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    figure.suptitle(title, fontsize=12)
    return figure


def score_label(value: float) -> str:
    """The figure written beside a bar or a point: «26,3» (nothing for a missing one)."""
    return format_score(value, missing="")


def kpi_radar(
    axes_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "Профиль показателей",
    size: tuple[float, float] = SIZE,
) -> Figure:
    """Up to five organizations' KPIs as overlaid polygons on 0–100 axes."""
    _check(axes_labels, series)
    if len(series) > MAX_RADAR_SERIES:
        raise ValueError(f"на лепестковой диаграмме не больше {MAX_RADAR_SERIES} организаций, выбрано {len(series)}")
    n = len(axes_labels)
    if n < 3:
        raise ValueError("для лепестковой диаграммы нужно не меньше трёх показателей")
    angles = [2 * math.pi * i / n for i in range(n)]
    figure = _figure(size)
    # matplotlib's stubs type add_subplot as Axes whatever the projection; "polar" makes a PolarAxes
    ax = cast("PolarAxes", figure.add_subplot(projection="polar"))
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", ""], fontsize=7, color="#666666")
    ax.set_xticks(angles, [textwrap.fill(label, 18, max_lines=3, placeholder="…") for label in axes_labels], fontsize=7)
    ax.tick_params(axis="x", pad=10)
    ax.grid(color="#d0d0d0", linewidth=0.6)
    for s, color in zip(series, PALETTE, strict=False):
        values = [0.0 if v is None else float(v) for v in s.values]
        ax.plot([*angles, angles[0]], [*values, values[0]], color=color, linewidth=1.8, label=short_name(s.label, 40))
        ax.fill([*angles, angles[0]], [*values, values[0]], color=color, alpha=0.10)
    ax.set_xlabel("Балл по каждой оси: 0 в центре, 100 на краю", fontsize=8, labelpad=14)
    figure.legend(loc="outside right center", fontsize=8, title="Организации", title_fontsize=8, frameon=False)
    figure.suptitle(title, fontsize=12)
    return figure


def year_lines(
    years: Sequence[int],
    series: Sequence[Series],
    *,
    title: str = "Динамика по годам",
    ylabel: str = "Балл (0–100)",
    size: tuple[float, float] = SIZE,
    year_notes: Mapping[int, str] | None = None,
    note: str = "",
) -> Figure:
    """One line per series across the years (a gap where a year has no value); ``year_notes`` are written
    under the years (e.g. how many organizations a group's mean is taken over), ``note`` under the chart
    (e.g. the group's change over the organizations assessed in both years)."""
    _check([str(y) for y in years], series)
    figure = _figure(size)
    ax = figure.add_subplot()
    for number, (s, color) in enumerate(zip(series, PALETTE, strict=False)):
        ax.plot(list(years), [_nan(v) for v in s.values], marker="o", color=color, linewidth=2, label=s.label)
        above = number % 2 == 0  # values of neighbouring lines written on opposite sides
        for year, value in zip(years, s.values, strict=True):
            if value is not None:
                ax.annotate(
                    score_label(value),
                    (year, value),
                    textcoords="offset points",
                    xytext=(0, 7 if above else -14),
                    ha="center",
                    fontsize=8,
                    color=color,
                )
    notes = year_notes or {}
    ax.set_xticks(list(years), [f"{y}\n{notes[y]}" if y in notes else str(y) for y in years])
    ax.set_ylim(0, 100)
    ax.set_xlabel("Год")
    ax.set_ylabel(ylabel)
    ax.grid(color="#dddddd", linewidth=0.6)
    ax.legend(loc="best", fontsize=8)
    figure.suptitle(title, fontsize=12)
    if note:
        figure.supxlabel(_wrap(note, 110), fontsize=9, color="#333333")
    return figure


def level_distribution(
    level_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "Распределение по уровням зрелости",
    size: tuple[float, float] = SIZE,
) -> Figure:
    """How many organizations reached each maturity level: a group of bars per level, a bar per series
    (e.g. this year and last); counts written over the bars."""
    _check(level_labels, series)
    figure = _figure(size)
    ax = figure.add_subplot()
    n = len(series)
    width = 0.8 / n
    for i, (s, color) in enumerate(zip(series, PALETTE, strict=False)):
        positions = [p - 0.4 + width * (i + 0.5) for p in range(len(level_labels))]
        bars = ax.bar(
            positions, [0 if v is None else v for v in s.values], width=width * 0.92, color=color, label=s.label
        )
        ax.bar_label(bars, fontsize=8, padding=2)
    ax.set_xticks(range(len(level_labels)), list(level_labels))
    ax.set_xlabel("Уровень зрелости")
    ax.set_ylabel("Число организаций")
    from matplotlib.ticker import MaxNLocator

    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
        locator.set_params(integer=True)
    ax.margins(y=0.12)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="best", fontsize=8)
    figure.suptitle(title, fontsize=12)
    return figure


def kpi_heatmap(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    title: str = "Показатели организаций",
    size: tuple[float, float] = SIZE,
    of_total: int | None = None,
) -> Figure:
    """Organizations (rows) × KPIs (columns), coloured red–yellow–green on 0–100 as the report's scale;
    values written in the cells when they fit; an empty cell for no value. ``of_total``: how many
    organizations there were to show; when the rows are fewer, the title says «первые 30 из N»."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    if not row_labels:
        raise ValueError("нет данных для диаграммы: в таблице нет организаций")
    data = np.ma.masked_invalid(np.array([[_nan(v) for v in row] for row in matrix], dtype=float))
    colours = LinearSegmentedColormap.from_list(
        "maturity",
        [(stop / 100, tuple(c / 255 for c in rgb)) for stop, rgb in SCALE],
        N=201,  # a step per half point
    ).with_extremes(bad="#f0f0f0")
    figure = _figure(size)
    ax = figure.add_subplot()
    image = ax.imshow(data, cmap=colours, vmin=0, vmax=100, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(column_labels)), list(column_labels), fontsize=8)
    ax.set_yticks(
        range(len(row_labels)), [short_name(r, 50) for r in row_labels], fontsize=7 if len(row_labels) > 20 else 8
    )
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False)
    if len(row_labels) * len(column_labels) <= 400:
        for (i, j), value in np.ndenumerate(data.filled(np.nan)):
            text = format_whole(value)
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="#222222")
    ax.set_xlabel("Показатель")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("Организация")
    bar = figure.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("Балл (0–100): красный — низкий, зелёный — высокий")
    figure.suptitle(title + first_rows_caption(len(row_labels), of_total), fontsize=12)
    return figure


def first_rows_caption(shown: int, of_total: int | None) -> str:
    """« — первые 30 из 5 000 организаций» when only the first rows are drawn, else nothing."""
    if of_total is None or of_total <= shown:
        return ""
    return f" — первые {shown} из {format_count(of_total)} организаций"


def save_figure(figure: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write a chart as PNG or SVG, chosen by the file's extension."""
    path = Path(path)
    kind = SAVE_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise BadInput(f"диаграмму можно сохранить только как PNG или SVG, а не «{path.name}»")
    check_output_path(path)
    buffer = io.BytesIO()
    figure.savefig(buffer, dpi=dpi, format=kind)
    write_output(path, buffer.getbuffer())
    return path


def kpi_labels(kpis: Sequence[tuple[str, str]], *, full: bool = True) -> list[str]:
    """«K1 Информационная структура» (or «K1») for (id, title) pairs of the profile."""
    return [f"{kid.upper()} {title}" if full else kid.upper() for kid, title in kpis]


def counts_in_order(level_ids: Sequence[str], counts: Mapping[str | None, int]) -> list[int]:
    """Counts of ``level_counts`` in the order of the profile's levels (0 for a level nobody reached)."""
    return [counts.get(level, 0) for level in level_ids]
