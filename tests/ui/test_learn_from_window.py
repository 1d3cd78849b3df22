"""«У кого поучиться…» in the comparison window (issue 28, part 2), driven through the real widgets on a hand-built
group: choose the organization in the table, press the button, read the peers; another KPI from the list."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lanes import examples
from learn_from_data import hand_built_group
from PySide6.QtCore import QItemSelectionModel, Qt

from maturity.views.learn_from_text import learn_from_lines


@pytest.fixture
def window(qtbot, sqlite_url, base_profile):
    from maturity.storage.database import open_database
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    engine = open_database(sqlite_url)
    hand_built_group(engine)
    shown = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.show()
    yield shown
    engine.dispose()


def choose(window, name: str) -> None:
    model = window.model
    [row] = [n for n in range(model.rowCount()) if model.row(n).name == name]
    window.table.selectionModel().select(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def test_the_button_shows_the_weakest_kpis_peers_named_only_with_consent(window, qtbot, base_profile) -> None:
    from maturity.usecases.learn_from import who_to_learn_from

    choose(window, "ППО Наша")
    qtbot.mouseClick(window.learn_from_button, Qt.MouseButton.LeftButton)
    dialog = window.learn_from_dialog
    assert dialog.isVisible() and dialog.kpi_choice.currentData() == "k2"
    assert dialog.kpi_choice.itemText(0).endswith("— 20,0")
    lines = [dialog.peer_heading.text(), *dialog.lines.stringList()]
    with window.engine.connect() as connection:
        expected = who_to_learn_from(connection, base_profile, 1, 2025, "k2")
    assert lines == [line.strip() for line in learn_from_lines(base_profile, expected)]
    assert lines[1:] == [
        "ППО вашего размера в вашем регионе: 45,0 (+40,0 за год)",
        "ППО Завод: 60,0 (+5,0 за год)",
        "ППО Больница: 90,0 (годом раньше не оценивалась)",
    ]
    assert not any("Школа" in line for line in lines)

    dialog.kpi_choice.setCurrentIndex(dialog.kpi_choice.findData("k1"))
    assert "выше ни у кого нет" in dialog.peer_heading.text() and dialog.lines.stringList() == []


def test_without_one_organization_chosen_the_window_says_so(window, qtbot) -> None:
    window.table.clearSelection()
    qtbot.mouseClick(window.learn_from_button, Qt.MouseButton.LeftButton)
    assert window.count_label.text() == "Выберите в таблице одну организацию"


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.sampled_from("Первичная профсоюзная организация «Завод» №12 "), min_size=60, max_size=400))
@example(name="Первичная«Завод»№12" * 20)  # one long word: a label wraps only between words
def test_a_long_name_wraps_and_the_dialog_fits_a_1024_by_600_screen(window, qtbot, base_profile, name) -> None:
    from ui.background import SyncRunner
    from ui.compare.learn_from_dialog import LearnFromDialog

    dialog = LearnFromDialog(window.engine, base_profile, SyncRunner(), 1, name, 2025)
    qtbot.addWidget(dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 - 40 and hint.height() <= 600 - 28, hint
    dialog.resize(760, 420)  # as the comparison window opens it
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.heading.wordWrap() and dialog.heading.height() >= dialog.heading.heightForWidth(
        dialog.heading.width()
    )
    assert dialog.kpi_choice.geometry().right() < dialog.width()
    dialog.close()
