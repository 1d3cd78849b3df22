"""«Сравнение организаций»: the table model over the database, the window's filters, sorting, cards,
charts (their plotted numbers), saving a chart, exporting the table, and opening an organization.

The data: tests/comparison_data.py — a federation with two territorial organizations, four assessed
primaries and one never assessed, over 2024 and 2025, every figure written out there.
"""

from __future__ import annotations

import pytest
from comparison_data import ID, fill
from PySide6.QtCore import QPoint, Qt

from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter, comparison_columns

COLUMNS = comparison_columns([k.id for k in load_profile("fnpr-base").kpis])


@pytest.fixture
def engine(sqlite_url):
    from maturity.storage.database import open_database

    engine = open_database(sqlite_url)
    fill(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def profile(base_profile):
    return base_profile


@pytest.fixture
def window(qtbot, engine, profile):
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    window = CompareWindow(engine, profile, SyncRunner())
    qtbot.addWidget(window)
    window.resize(1340, 720)
    window.show()
    return window


def shown_names(model) -> list[str]:
    column = COLUMNS.index("name")
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def cell(model, name: str, key: str, role=Qt.ItemDataRole.DisplayRole):
    row = shown_names(model).index(name)
    return model.data(model.index(row, COLUMNS.index(key)), role)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def select(window, *names: str) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    selection = QItemSelection()
    for name in names:
        row = shown_names(window.model).index(name)
        selection.select(window.model.index(row, 0), window.model.index(row, len(COLUMNS) - 1))
    window.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def show_chart(window, kind: str):
    window.tabs.setCurrentIndex(1)
    window.chart_kind.setCurrentIndex(window.chart_kind.findData(kind))
    window.refresh_chart()
    assert not window.chart_message.isVisible(), window.chart_message.text()
    return window.chart.figure


# ------------------------------------------------------------ the model, without a view


def test_model_shows_stored_figures_rounded_with_a_comma_and_coloured(qapp, engine, profile):
    from ui.compare.comparison_model import ComparisonModel

    model = ComparisonModel(engine, profile)
    model.set_filter(ComparisonFilter(2025, parent_id=ID["Территориальная А"]))
    assert shown_names(model) == ["ППО Гимназия", "ППО Школа № 1", "Территориальная А"]  # the parent too
    assert cell(model, "ППО Школа № 1", "index") == "34,5"
    assert cell(model, "ППО Школа № 1", "index_change") == "+10,0"
    assert cell(model, "ППО Школа № 1", "maturity_level") == "Базовый"
    assert cell(model, "ППО Школа № 1", "level") == "ППО"
    assert cell(model, "ППО Школа № 1", "parent_name") == "Территориальная А"
    # k1 = 85: 70 % of the way from yellow (255, 235, 132) to green (99, 190, 123) → (146, 204, 126)
    assert cell(model, "ППО Гимназия", "k1", Qt.ItemDataRole.BackgroundRole).color().name() == "#92cc7e"
    assert cell(model, "ППО Школа № 1", "failed_norms", Qt.ItemDataRole.BackgroundRole) is None  # not a score


def test_model_shows_a_dash_for_a_missing_value_and_marks_drafts(qapp, engine, profile):
    from maturity.storage.models import Assessment
    from ui.compare.comparison_model import ComparisonModel

    with engine.begin() as connection:  # no 2024: no change to show
        connection.execute(Assessment.__table__.delete().where(Assessment.__table__.c.year == 2024))
    model = ComparisonModel(engine, profile)
    model.set_filter(ComparisonFilter(2025))
    assert cell(model, "ППО Гимназия", "index_change") == "—"
    assert cell(model, "ППО Гимназия", "index_change", Qt.ItemDataRole.BackgroundRole) is None
    assert "черновик" in cell(model, "ППО Поликлиника", "name", Qt.ItemDataRole.ToolTipRole)
    assert cell(model, "ППО Поликлиника", "name", Qt.ItemDataRole.ForegroundRole) is not None


def test_model_holds_ids_and_fetches_rows_only_when_shown(qapp, engine, profile):
    from ui.compare.comparison_model import ComparisonModel

    model = ComparisonModel(engine, profile)
    model.set_filter(ComparisonFilter(2025))
    assert len(model.ids) == 6 and model.cache == {}
    model.data(model.index(0, 0))
    assert len(model.cache) == 6  # the block of the first row (all six here)


def test_model_fetches_the_block_of_a_row_and_keeps_it(qapp, engine, profile, monkeypatch):
    import ui.compare.comparison_model as module

    monkeypatch.setattr(module, "FETCH_BLOCK", 2)
    model = module.ComparisonModel(engine, profile)
    model.set_filter(ComparisonFilter(2025))
    model.data(model.index(5, 0))
    assert set(model.cache) == {model.ids[4], model.ids[5]}
    model.data(model.index(0, 0))
    model.data(model.index(1, 3))
    assert len(model.cache) == 4
    model.set_filter(ComparisonFilter(2025, level="primary"))  # same year: the rows stay valid
    assert len(model.cache) == 4
    model.set_filter(ComparisonFilter(2024))
    assert model.cache == {}


def test_model_sorts_in_the_database_on_any_column(qapp, engine, profile):
    from ui.compare.comparison_model import ComparisonModel

    model = ComparisonModel(engine, profile)
    model.set_filter(ComparisonFilter(2025))
    model.sort(COLUMNS.index("k1"), Qt.SortOrder.DescendingOrder)
    assert shown_names(model) == [
        "ППО Гимназия",
        "Территориальная Б",
        "ППО Поликлиника",
        "Территориальная А",
        "ППО Школа № 1",
        "ППО Больница",
    ]  # k1 = 85, 70, 55, 50, 30, 10
    model.sort(COLUMNS.index("region"))
    assert shown_names(model)[:3] == [
        "ППО Больница",
        "ППО Поликлиника",
        "Территориальная Б",
    ]  # Республика… < Самарская…


# ------------------------------------------------------------ the window


def test_window_opens_on_the_latest_year_with_every_assessed_organization(window):
    assert window.year.currentData() == 2025
    assert shown_names(window.model) == [
        "ППО Больница",
        "ППО Гимназия",
        "ППО Поликлиника",
        "ППО Школа № 1",
        "Территориальная А",
        "Территориальная Б",
    ]
    assert window.count_label.text() == "Организаций в таблице: 6"


def test_filters_narrow_the_table(window, qtbot):
    choose(window.parent_filter, ID["Территориальная Б"])
    assert shown_names(window.model) == ["ППО Больница", "ППО Поликлиника", "Территориальная Б"]
    choose(window.parent_filter, ID["Федерация"])
    choose(window.level, "primary")
    choose(window.region, "Самарская область")
    assert shown_names(window.model) == ["ППО Гимназия", "ППО Школа № 1"]
    choose(window.maturity, "leading")
    assert shown_names(window.model) == ["ППО Гимназия"]
    choose(window.maturity, None)
    choose(window.region, None)
    choose(window.sector, "Здравоохранение")
    assert shown_names(window.model) == ["ППО Больница", "ППО Поликлиника"]


def test_search_filters_after_a_pause_in_typing(window, qtbot):
    for letter in "гимн":  # as typed (QTest's keyClicks knows only ASCII)
        window.text.insert(letter)
    assert len(shown_names(window.model)) == 6  # not yet: the filter waits for a pause
    qtbot.waitUntil(lambda: shown_names(window.model) == ["ППО Гимназия"], timeout=2000)


def test_changing_the_year_shows_that_year(window):
    choose(window.year, 2024)
    assert shown_names(window.model) == [
        "ППО Больница",
        "ППО Гимназия",
        "ППО Поликлиника",
        "ППО Школа № 1",
        "Территориальная А",
        "Территориальная Б",
    ]
    assert cell(window.model, "ППО Поликлиника", "index") == "54,5"


def test_clicking_a_header_sorts_by_it(window, qtbot):
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(COLUMNS.index("index")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    order = shown_names(window.model)
    assert order in (
        ["ППО Больница", "ППО Школа № 1", "Территориальная А", "ППО Поликлиника", "Территориальная Б", "ППО Гимназия"],
        ["ППО Гимназия", "Территориальная Б", "ППО Поликлиника", "Территориальная А", "ППО Школа № 1", "ППО Больница"],
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown_names(window.model) == order[::-1]


def test_the_sector_filter_offers_the_profiles_list_then_the_other_sectors_stored(window, profile):
    listed = profile.question(profile.organization_question("sector")).suggested
    items = [window.sector.itemText(i) for i in range(window.sector.count())]
    assert items == ["все", *listed, "Здравоохранение", "Образование"]  # stored free text reads as it was
    choose(window.sector, listed[0])
    assert shown_names(window.model) == []  # nobody of this database is in that sector
    choose(window.sector, "Образование")
    assert shown_names(window.model) == ["ППО Гимназия", "ППО Школа № 1", "Территориальная А"]


def test_cards_count_complete_assessments_and_name_the_norms(window):
    assert "5 из 8" in window.assessed_card.value.text()
    assert window.last_summary.average_index == pytest.approx((54.5 + 74.5 + 34.5 + 89.5 + 14.5) / 5)
    assert "53,5" in window.index_card.value.text()  # 267.5 / 5
    assert "Не менее 5 % бюджета на информационную работу" in window.norms_card.value.text()
    choose(window.parent_filter, ID["Территориальная А"])
    assert "3 из 4" in window.assessed_card.value.text()  # Терр. А itself, Школа, Гимназия; Детский сад expected
    assert "+8,3" in window.index_card.value.text()  # (54.5 + 34.5 + 89.5) / 3 − (44.5 + 24.5 + 84.5) / 3 = 25 / 3
    assert "по 3 организациям, оценённым в оба года" in window.index_card.value.text()


def test_double_click_asks_to_open_the_organization(window, qtbot):
    row = shown_names(window.model).index("ППО Гимназия")
    rect = window.table.visualRect(window.model.index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.organization_opened, timeout=1000) as opened:
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ID["ППО Гимназия"]]


# ------------------------------------------------------------ charts: the numbers drawn


def test_bars_of_the_selected_organizations(window):
    select(window, "ППО Гимназия", "ППО Школа № 1")
    figure = show_chart(window, "bars")
    gymnasium, school = figure.axes[0].containers
    assert [p.get_width() for p in gymnasium.patches] == [85.0 + i for i in range(10)] + [89.5, 91.5]
    assert [p.get_width() for p in school.patches] == [30.0 + i for i in range(10)] + [34.5, 36.5]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["ППО Гимназия", "ППО Школа № 1"]


def test_without_a_selection_the_bars_take_the_tables_first_five_rows(window):
    window.model.sort(COLUMNS.index("index"), Qt.SortOrder.DescendingOrder)
    figure = show_chart(window, "bars")
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "ППО Гимназия",
        "Территориальная Б",
        "ППО Поликлиника",
        "Территориальная А",
        "ППО Школа № 1",
    ]


@pytest.mark.slow
def test_radar_overlays_the_selected_organizations(window):
    select(window, "Территориальная А", "Территориальная Б", "ППО Больница")
    lines = show_chart(window, "radar").axes[0].get_lines()
    assert [list(line.get_ydata())[:3] for line in lines] == [
        [10.0, 11.0, 12.0],
        [50.0, 51.0, 52.0],
        [70.0, 71.0, 72.0],
    ]


def test_one_selected_organization_gives_its_own_lines_across_years(window):
    select(window, "ППО Школа № 1")
    index, digital = show_chart(window, "years").axes[0].get_lines()
    assert list(index.get_xdata()) == [2024, 2025]
    assert list(index.get_ydata()) == [24.5, 34.5] and list(digital.get_ydata()) == [26.5, 36.5]


def test_without_a_selection_the_lines_are_the_groups_average(window):
    choose(window.parent_filter, ID["Территориальная А"])
    index, _digital, *_lines = show_chart(window, "years").axes[0].get_lines()  # the points, then the lines
    assert list(index.get_ydata()) == [pytest.approx((44.5 + 24.5 + 84.5) / 3), pytest.approx(59.5)]  # Терр. А too


@pytest.mark.slow
def test_level_distribution_counts_this_year_and_last(window):
    figure = show_chart(window, "levels")
    this_year, last_year = figure.axes[0].containers
    assert [p.get_height() for p in this_year.patches] == [1, 1, 1, 1, 1]  # initial … leading
    # 2024 complete: 16.5, 24.5, 44.5, 54.5, 79.5, 84.5 → initial 1, basic 1, developing 2, advanced 1, leading 1
    assert [p.get_height() for p in last_year.patches] == [1, 1, 2, 1, 1]


@pytest.mark.slow
def test_heat_map_of_the_tables_rows(window):
    choose(window.level, "territorial")
    image = show_chart(window, "heatmap").axes[0].get_images()[0]
    array = image.get_array()
    assert array.shape == (2, 11)
    assert array[0].tolist() == [50.0 + i for i in range(10)] + [54.5]
    assert array[1].tolist() == [70.0 + i for i in range(10)] + [74.5]
    assert "первые" not in image.axes.figure.texts[0].get_text()  # every row of the table is drawn


@pytest.mark.slow
def test_heat_map_of_more_rows_than_it_draws_says_first_of_how_many(window, monkeypatch):
    import maturity.usecases.comparison_charts as comparison_charts

    monkeypatch.setattr(comparison_charts, "MAX_HEATMAP_ROWS", 2)
    rows = window.model.rowCount()
    assert rows > 2
    figure = show_chart(window, "heatmap")
    assert figure.axes[0].get_images()[0].get_array().shape[0] == 2
    assert figure.texts[0].get_text().endswith(f"— первые 2 из {rows} организаций")


@pytest.mark.slow
def test_group_against_the_average_of_its_level(window):
    choose(window.parent_filter, ID["Территориальная А"])
    group, reference = show_chart(window, "group").axes[0].containers[:2]
    index = 10  # the bands: k1 … k10, index, digital index
    assert group.patches[index].get_width() == pytest.approx((54.5 + 34.5 + 89.5) / 3)  # Терр. А, Школа, Гимназия
    # the group has a territorial and primaries: every complete assessment of those two levels
    assert reference.patches[index].get_width() == pytest.approx((54.5 + 74.5 + 34.5 + 89.5 + 14.5) / 5)


def test_a_chart_with_nothing_to_draw_says_so(window):
    window.text.setText("нет такой")
    window.apply_filter()
    window.tabs.setCurrentIndex(1)
    window.chart_kind.setCurrentIndex(window.chart_kind.findData("bars"))
    assert window.chart_message.isVisible()
    assert "нет организаций" in window.chart_message.text()
    assert not window.save_button.isEnabled()


@pytest.mark.slow
def test_a_chart_is_saved_as_png_and_svg(window, tmp_path):
    show_chart(window, "levels")
    assert window.save_chart(str(tmp_path / "levels.png")).read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in window.save_chart(str(tmp_path / "levels.svg")).read_bytes()[:500]


@pytest.mark.slow
def test_the_save_button_asks_for_a_file_and_adds_the_chosen_format(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    show_chart(window, "heatmap")
    chosen = (str(tmp_path / "карта"), "Рисунок SVG (*.svg)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: chosen)
    window.save_button.click()
    assert b"<svg" in (tmp_path / "карта.svg").read_bytes()[:500]


# ------------------------------------------------------------ export


def test_export_writes_the_tables_organizations(window, tmp_path):
    from openpyxl import load_workbook

    choose(window.sector, "Здравоохранение")
    path = tmp_path / "report.xlsx"
    window.export_table(str(path))
    sheet = load_workbook(path, read_only=True)["Сводка"]
    listed = [r[0] for r in sheet.iter_rows(min_row=3, max_col=1, values_only=True) if r[0]]
    assert listed == shown_names(window.model) == ["ППО Больница", "ППО Поликлиника", "Территориальная Б"]
    assert "организаций: 3" in window.count_label.text()


def test_the_export_button_asks_for_a_file(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    choose(window.parent_filter, ID["Территориальная А"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "отчёт"), ""))
    window.export_button.click()
    assert (tmp_path / "отчёт.xlsx").exists()
    assert "организаций: 3" in window.count_label.text()  # the parent's own row, as in the table
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "отчёт.xlsx", read_only=True)["Сводка"]
    listed = [r[0] for r in sheet.iter_rows(min_row=3, max_col=1, values_only=True) if r[0]]
    assert listed == shown_names(window.model)  # the group the window shows is the group the report prints


# ------------------------------------------------------------ from the main window


@pytest.mark.slow
def test_main_window_opens_the_comparison_and_shows_a_double_clicked_organization(main_window, qtbot):
    fill(main_window.view.store.session.get_bind())
    main_window.view.store.session.rollback()  # end the first run's read, which cannot see rows written beside it
    main_window.view.refresh()
    assert main_window.compare_action.isEnabled()
    main_window.compare_action.trigger()
    compare = main_window.view.compare_window
    assert compare.isVisible() and len(shown_names(compare.model)) == 6
    compare.organization_opened.emit(ID["ППО Больница"])
    assert main_window.view.organization.id == ID["ППО Больница"]
    assert main_window.assessments.rowCount() == 2
