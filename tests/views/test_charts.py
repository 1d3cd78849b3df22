"""Charts are Figures built from data, without pyplot and without Qt."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from maturity.views.charts import RadarSeries, kpi_radar, radar_figure

TITLES = {f"k{i}": f"Показатель {i}" for i in range(1, 11)}


def test_the_kpi_radar_has_ten_axes_in_the_profiles_order(base_profile, example_answers):
    from maturity.engine.scoring import score

    result = score(base_profile, example_answers("primary-small.json"))
    figure = kpi_radar({k.id: k.title for k in base_profile.kpis}, result.kpis)

    ax = figure.axes[0]
    assert ax.name == "polar"
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(labels) == 10
    assert labels[0].startswith("K1 Информационная") and labels[9].startswith("K10 Обученные")


def test_the_polygon_goes_through_the_scores_and_closes(base_profile):
    scores = {f"k{i}": 10.0 * i for i in range(1, 11)}
    figure = kpi_radar(TITLES, scores)

    (line,) = figure.axes[0].get_lines()
    radii = list(line.get_ydata())
    assert radii == [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 10.0]


def test_last_year_is_drawn_under_this_year_with_a_legend():
    scores = {k: 50.0 for k in TITLES}
    earlier = {k: 40.0 for k in TITLES}
    figure = kpi_radar(TITLES, scores, earlier, current_label="2025 год", previous_label="2024 год")

    lines = figure.axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["2024 год", "2025 год"]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["2024 год", "2025 год"]


def test_a_kpi_not_scored_sits_at_the_centre_and_says_so():
    scores = {k: 50.0 for k in TITLES} | {"k2": None}
    figure = kpi_radar(TITLES, scores)

    ax = figure.axes[0]
    assert list(ax.get_lines()[0].get_ydata())[1] == 0.0
    assert "(не оценивается)" in ax.get_xticklabels()[1].get_text()
    assert "(не оценивается)" not in ax.get_xticklabels()[0].get_text()


def test_the_figure_saves_as_png():
    figure = kpi_radar(TITLES, {k: 50.0 for k in TITLES})
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")

    assert buffer.getvalue().startswith(b"\x89PNG\r\n\x1a\n")


def test_series_must_match_the_axes():
    with pytest.raises(ValueError, match="не меньше трёх"):
        radar_figure(["a", "b"], RadarSeries("x", [1, 2]))
    with pytest.raises(ValueError, match="2 значений на 3 осей"):
        radar_figure(["a", "b", "c"], RadarSeries("x", [1, 2]))


@pytest.mark.subprocess
def test_building_a_chart_never_imports_pyplot_or_qt():
    code = (
        "import sys; from maturity.views.charts import kpi_radar;"
        "kpi_radar({f'k{i}': 't' for i in range(1, 11)}, {}).savefig(__import__('io').BytesIO());"
        "print(sorted(m for m in sys.modules if m == 'matplotlib.pyplot' or m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("length", [20, 59, 61, 120, 400])
def test_a_long_title_wraps_to_at_most_two_lines_that_fit_the_figure(length):
    """The result radar is titled with the organization's name: a long name must not run off both sides."""
    name = ("Краснодарская краевая организация Профсоюза работников здравоохранения РФ " * 6)[:length].strip()
    title = f"{name} — 2025 год"
    figure = radar_figure([f"K{i}" for i in range(1, 11)], RadarSeries("2025 год", [50.0] * 10), title=title)

    lines = figure.get_suptitle().split("\n")
    assert len(lines) <= 2 and all(len(line) <= 60 for line in lines)
    assert figure.get_suptitle().replace("\n", " ").startswith(title[:40])
    figure.canvas.draw()
    box = figure._suptitle.get_window_extent()  # matplotlib keeps the suptitle's Text there
    width = figure.bbox.width
    assert 0 <= box.x0 and box.x1 <= width  # inside the picture, not cut on either side


@pytest.mark.parametrize("width", [3.5, 4.6, 5.2])
def test_a_long_title_stays_inside_a_narrow_figure(width):
    """The result page's chart is narrower than 60 characters of the title at 1366×768 (seen cut on both
    sides): the title wraps again to the figure's width when drawn."""
    title = "Первичная профсоюзная организация МБОУ «Средняя школа № 7» — 2025 год"
    figure = radar_figure(
        [f"K{i}" for i in range(1, 11)], RadarSeries("2025 год", [50.0] * 10), title=title, size=(width, 4.2)
    )
    figure.canvas.draw()
    box = figure._suptitle.get_window_extent()
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width


def test_print_labels_keep_every_kpi_title_whole_and_sit_off_the_circle(base_profile):
    from maturity.views.charts import RadarLabels

    titles = {k.id: k.title for k in base_profile.kpis}
    figure = kpi_radar(titles, {k: 50.0 for k in titles}, labels=RadarLabels(width=18, lines=6, size=7, outward=True))

    ticks = figure.axes[0].get_xticklabels()
    texts = [" ".join(t.get_text().split()) for t in ticks]
    assert texts == [f"{k.upper()} {title}" for k, title in titles.items()]  # none shortened with «…»
    # K1 at the top, K2–K5 on the right, K6 at the bottom, K7–K10 on the left (clockwise)
    assert [t.get_horizontalalignment() for t in ticks] == ["center"] + ["left"] * 4 + ["center"] + ["right"] * 4
    screen_ticks = kpi_radar(titles, {k: 50.0 for k in titles}).axes[0].get_xticklabels()
    assert {t.get_horizontalalignment() for t in screen_ticks} == {"center"}  # the window's radar as it was
