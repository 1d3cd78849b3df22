"""The comparison window's charts: the figures read from the database, drawn by :mod:`maturity.views.compare_charts`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from maturity.storage.comparison import (
    ComparisonFilter,
    fair_change,
    group_average,
    group_history,
    group_levels,
    heatmap_data,
    kpi_values,
    level_average,
    level_counts,
)
from maturity.storage.paired_years import paired_means
from maturity.storage.queries import ComparisonRow, Db
from maturity.views.change_text import fair_change_text
from maturity.views.group_years_chart import Segment, group_year_lines

CHART_KINDS = {  # id: the title the window lists
    "bars": "Показатели выбранных организаций",
    "radar": "Лепестковая диаграмма (до 5 организаций)",
    "years": "Динамика по годам",
    "levels": "Распределение по уровням зрелости",
    "heatmap": "Тепловая карта: организации × показатели",
    "group": "Группа и среднее по уровню",
}
MAX_BARS = 8
MAX_HEATMAP_ROWS = 30
UNCHOSEN_ROWS = {"bars": 5, "radar": 5}  # the table's first rows a chart takes when none is chosen


def build_chart(
    db: Db,
    kind: str,
    f: ComparisonFilter,
    rows: Sequence[ComparisonRow],
    profile: Any,
    scope: str = "все организации",
    of_total: int | None = None,
) -> Any:
    """The Figure of one chart kind: ``rows`` are the organizations chosen in the table (or its first rows
    when none is chosen; ``of_total``: how many there were to choose from), ``scope`` names the group in
    titles. Reads what it needs from the database; raises ValueError with a Russian sentence when there is
    nothing to draw."""
    from maturity.views import compare_charts as charts

    kpis = [(k.id, k.title) for k in profile.kpis]
    kpi_ids = [k for k, _ in kpis]
    figures = [*kpi_ids, "index", "digital_index"]
    figure_labels = [*charts.kpi_labels(kpis), "Индекс", "Цифровой индекс"]
    if kind == "bars":
        chosen = list(rows[:MAX_BARS])
        more = f" (первые {MAX_BARS} из {len(rows)})" if len(rows) > MAX_BARS else ""
        return charts.kpi_bars(
            figure_labels,
            [charts.Series(r.name, kpi_values(r, figures)) for r in chosen],
            title=f"Показатели организаций, {f.year} год{more}",
        )
    if kind == "radar":
        chosen = list(rows[: charts.MAX_RADAR_SERIES])
        return charts.kpi_radar(
            charts.kpi_labels(kpis),
            [charts.Series(r.name, kpi_values(r, kpi_ids)) for r in chosen],
            title=f"Профиль показателей, {f.year} год",
        )
    if kind == "years":
        if len(rows) == 1:
            from maturity.storage.queries import organization_history

            history = organization_history(db, rows[0].organization_id)
            years = [h.year for h in history]
            series = [
                charts.Series("Индекс", [h.index for h in history]),
                charts.Series("Цифровой индекс", [h.digital_index for h in history]),
            ]
            return charts.year_lines(years, series, title=f"Динамика: {rows[0].name}")
        by_year = group_history(db, f)
        if not by_year:
            raise ValueError("нет завершённых оценок у организаций группы")
        years = list(by_year)
        series = [
            charts.Series("Средний индекс", [by_year[y].index for y in years]),
            charts.Series("Средний цифровой индекс", [by_year[y].digital_index for y in years]),
        ]
        # each year's mean is over whoever was assessed that year (a point, its count under the year); a line
        # joins two consecutive years only over the organizations assessed in both (its count beside it)
        segments = []
        for year in years[1:]:
            if year - 1 in by_year:
                paired = paired_means(db, f, year)
                segments.append(Segment(year, paired.organizations, (paired.index_before, paired.digital_before),
                                        (paired.index_now, paired.digital_now)))  # fmt: skip
        change = fair_change(db, f)
        note = (
            f"Изменение среднего индекса {f.year - 1}→{f.year}: {fair_change_text(change.value, change.organizations)}"
        )
        return group_year_lines(
            years,
            series,
            segments,
            title=f"Динамика группы: {scope}",
            year_notes={y: f"{by_year[y].count} орг." for y in years},
            note=note,
        )
    if kind == "levels":
        levels = profile.data.maturity_levels
        series = [
            charts.Series(
                f"{year} год",
                charts.counts_in_order([lvl.id for lvl in levels], level_counts(db, f.replace(year=year))),
            )
            for year in (f.year, f.year - 1)
        ]
        return charts.level_distribution(
            [lvl.label for lvl in levels], series, title=f"Распределение по уровням зрелости: {scope}"
        )
    if kind == "heatmap":
        chosen = list(rows[:MAX_HEATMAP_ROWS])
        names, matrix = heatmap_data(chosen, [*kpi_ids, "index"])
        return charts.kpi_heatmap(
            names,
            [*charts.kpi_labels(kpis, full=False), "Индекс"],
            matrix,
            title=f"Показатели организаций, {f.year} год",
            of_total=max(of_total or 0, len(rows)),
        )
    if kind == "group":
        levels = group_levels(db, f, profile.organization_level_ids)
        if not levels:
            raise ValueError(f"нет завершённых оценок за {f.year} год у организаций группы")
        group = group_average(db, f)
        reference = level_average(db, f.year, levels)
        level_names = ", ".join(profile.organization_level_label(lvl) for lvl in levels)
        return charts.group_vs_level(
            figure_labels,
            charts.Series(f"Группа: {scope} ({group.count} орг.)", group.values(figures)),
            charts.Series(f"Все: {level_names} ({reference.count} орг.)", reference.values(figures)),
            title=f"Группа и среднее по уровню, {f.year} год",
        )
    raise ValueError(f"неизвестная диаграмма: {kind!r}")
