"""Comparison charts draw the numbers they are given: bar lengths, line points, heat-map cells, level counts,
each with a Russian title, axis labels and a legend."""

from __future__ import annotations

import math

import numpy as np
import pytest

from maturity.errors import BadInput
from maturity.views.compare_charts import (
    Series,
    counts_in_order,
    group_vs_level,
    kpi_bars,
    kpi_heatmap,
    kpi_labels,
    kpi_radar,
    level_distribution,
    save_figure,
    year_lines,
)

KPIS = ["K1 Информационная структура", "K2 Финансирование", "K3 Системность"]


def bar_lengths(container) -> list[float]:
    return [patch.get_width() for patch in container.patches]


def texts(figure) -> tuple[str, str, str, list[str]]:
    ax = figure.axes[0]
    legend = ax.get_legend() or (figure.legends[0] if figure.legends else None)
    labels = [t.get_text() for t in legend.get_texts()] if legend is not None else []
    return figure._suptitle.get_text(), ax.get_xlabel(), ax.get_ylabel(), labels


def test_kpi_bars_draw_one_bar_per_organization_and_kpi_with_its_score():
    figure = kpi_bars(KPIS, [Series("ППО Школа", [30.0, 31.0, None]), Series("ППО Гимназия", [85.0, 86.0, 87.0])])
    ax = figure.axes[0]
    school, gymnasium = ax.containers
    assert bar_lengths(school)[:2] == [30.0, 31.0] and math.isnan(bar_lengths(school)[2])  # no bar for «—»
    assert bar_lengths(gymnasium) == [85.0, 86.0, 87.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == KPIS
    assert texts(figure) == (
        "Показатели выбранных организаций",
        "Балл (0–100)",
        "Показатель",
        ["ППО Школа", "ППО Гимназия"],
    )


def test_group_vs_level_draws_both_means_and_names_them():
    figure = group_vs_level(
        KPIS, Series("Территориальная А", [62.0, 63.0, 64.0]), Series("Среднее ППО", [40.0, 41.5, 50.0])
    )
    group, reference = figure.axes[0].containers[:2]
    assert bar_lengths(group) == [62.0, 63.0, 64.0]
    assert bar_lengths(reference) == [40.0, 41.5, 50.0]
    title, x, y, _ = texts(figure)
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["Территориальная А", "Среднее ППО"]
    assert title == "Группа и среднее по уровню"
    assert x == "Средний балл (0–100)" and y == "Показатель"


def test_radar_closes_each_polygon_on_its_scores():
    figure = kpi_radar(KPIS, [Series("А", [10.0, 20.0, 30.0]), Series("Б", [50.0, None, 70.0])])
    lines = figure.axes[0].get_lines()
    assert list(lines[0].get_ydata()) == [10.0, 20.0, 30.0, 10.0]
    assert list(lines[1].get_ydata()) == [50.0, 0.0, 70.0, 50.0]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["А", "Б"]
    assert figure._suptitle.get_text() == "Профиль показателей"


def test_radar_refuses_more_than_five_organizations():
    with pytest.raises(ValueError, match="не больше 5"):
        kpi_radar(KPIS, [Series(str(i), [1.0, 2.0, 3.0]) for i in range(6)])


def test_year_lines_put_each_year_at_its_value_with_gaps_for_missing_years():
    figure = year_lines(
        [2023, 2024, 2025], [Series("Индекс", [40.0, None, 54.5]), Series("Цифровой индекс", [30.0, 35.0, 36.5])]
    )
    index, digital = figure.axes[0].get_lines()
    assert list(index.get_xdata()) == [2023, 2024, 2025]
    assert index.get_ydata()[0] == 40.0 and math.isnan(index.get_ydata()[1]) and index.get_ydata()[2] == 54.5
    assert list(digital.get_ydata()) == [30.0, 35.0, 36.5]
    assert texts(figure) == ("Динамика по годам", "Год", "Балл (0–100)", ["Индекс", "Цифровой индекс"])


def test_level_distribution_counts_organizations_per_level():
    labels = ["Начальный", "Базовый", "Развивающийся", "Продвинутый", "Лидер"]
    counts = counts_in_order(
        ["initial", "basic", "developing", "advanced", "leading"], {"basic": 2, "leading": 1, None: 4}
    )
    figure = level_distribution(labels, [Series("2025", counts), Series("2024", [1, 1, 1, 0, 0])])
    this_year, last_year = figure.axes[0].containers
    assert [p.get_height() for p in this_year.patches] == [0, 2, 0, 0, 1]
    assert [p.get_height() for p in last_year.patches] == [1, 1, 1, 0, 0]
    assert texts(figure) == (
        "Распределение по уровням зрелости",
        "Уровень зрелости",
        "Число организаций",
        ["2025", "2024"],
    )


def test_heatmap_holds_the_matrix_with_blanks_for_missing_scores():
    figure = kpi_heatmap(["ППО Школа", "ППО Гимназия"], ["K1", "K2"], [[30.0, None], [85.0, 86.0]])
    image = figure.axes[0].get_images()[0]
    array = image.get_array()
    assert array[0, 0] == 30.0 and bool(array.mask[0, 1]) and array[1].tolist() == [85.0, 86.0]
    assert image.get_clim() == (0, 100)
    cells = [t.get_text() for t in figure.axes[0].texts]
    assert cells == ["30", "—", "85", "86"]
    assert figure.axes[1].get_ylabel().startswith("Балл (0–100)")  # the colour bar is the legend
    assert figure.axes[0].get_ylabel() == "Организация"


def test_heatmap_says_when_it_shows_only_the_first_rows():
    rows = [f"ППО № {i}" for i in range(30)]
    figure = kpi_heatmap(rows, ["K1"], [[50.0]] * 30, title="Показатели", of_total=5000)
    assert figure.texts[0].get_text() == "Показатели — первые 30 из 5\u00a0000 организаций"
    assert kpi_heatmap(rows, ["K1"], [[50.0]] * 30, title="Все", of_total=30).texts[0].get_text() == "Все"


def test_heatmap_colours_follow_the_report_scale():
    figure = kpi_heatmap(["А"], ["K1", "K2", "K3"], [[0.0, 50.0, 100.0]])
    image = figure.axes[0].get_images()[0]
    rgba = image.cmap(image.norm(np.array([0.0, 50.0, 100.0])))
    assert [tuple(round(c * 255) for c in colour[:3]) for colour in rgba] == [
        (248, 105, 107),
        (255, 235, 132),
        (99, 190, 123),
    ]


def test_charts_refuse_empty_data_with_a_russian_sentence():
    with pytest.raises(ValueError, match="не выбрано ни одной организации"):
        kpi_bars(KPIS, [])
    with pytest.raises(ValueError, match="в таблице нет организаций"):
        kpi_heatmap([], KPIS, [])


def test_save_figure_writes_png_and_svg_and_refuses_other_formats(tmp_path):
    figure = kpi_bars(KPIS, [Series("А", [1.0, 2.0, 3.0])])
    assert save_figure(figure, tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in save_figure(figure, tmp_path / "a.svg").read_bytes()[:500]
    with pytest.raises(BadInput, match="PNG или SVG"):
        save_figure(figure, tmp_path / "a.jpg")
    assert not (tmp_path / "a.jpg").exists()


def test_kpi_labels_from_the_profile():
    assert kpi_labels([("k1", "Информационная структура"), ("k10", "Обучение")]) == [
        "K1 Информационная структура",
        "K10 Обучение",
    ]
    assert kpi_labels([("k1", "Информационная структура")], full=False) == ["K1"]


def test_long_names_are_cut_in_the_middle_where_they_differ():
    from maturity.views.compare_charts import short_name

    name = "Первичная профсоюзная организация ГАУЗ «Стоматологическая поликлиника № 45» г. Сызрань"
    assert short_name(name, 48) == "Первичная профсо…ая поликлиника № 45» г. Сызрань"  # 16 + «…» + 31
    assert len(short_name(name, 48)) <= 48
    assert short_name("ППО Школа", 48) == "ППО Школа"
