"""Smaller things a first-time chair met: «н/п» explained, a saved chart that says whose it is, no database
address in a chair's face, file dialogs that remember the folder and name the organization, Escape."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from wizard_driver import fill_wizard

from ui.widgets.file_dialogs import LAST_FOLDER_KEY, file_name_part, proposed_name


@pytest.mark.slow
def test_not_applicable_is_explained_beside_the_norms_and_on_its_rows(main_window, organization, example_answers):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json"))
    page = wizard.result_page
    assert page.norm_legend.text().startswith("н/п — не применяется")
    na_rows = [r for r in page.norm_model.rows if r.cells[2] == "н/п"]
    assert na_rows and all(r.tooltip.startswith("н/п — не применяется") for r in na_rows)
    assert all(not (r.tooltip or "").startswith("н/п") for r in page.norm_model.rows if r.cells[2] != "н/п")


@pytest.mark.slow
def test_the_result_chart_is_titled_with_the_organization_and_year(main_window, organization, example_answers):
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json"))
    figure = wizard.result_page.chart.figure
    texts = [t.get_text() for t in figure.texts] + [a.get_title() for a in figure.axes] + [figure.get_suptitle()]
    assert any(organization.name[:30] in t and "2025\u00a0год" in t for t in texts), texts


def test_the_status_bar_names_only_a_database_that_is_not_the_chairs_own(
    qtbot, qapp, sqlite_url, ui_settings, monkeypatch
):
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    for default in (True, False):
        url = sqlite_url if default else "sqlite:///elsewhere.db"
        monkeypatch.setattr("maturity.storage.database.default_database_url", lambda url=url: url)
        window = MainWindow(sqlite_url, settings=ui_settings, runner=SyncRunner())
        qtbot.addWidget(window)
        window.open_database()
        message = window.statusBar().currentMessage()
        assert ("maturity.db" in message) is not default
        assert "maturity.db" in window.statusBar().toolTip()  # on request: the tooltip
        window.view.store.close()


def test_a_network_databases_password_is_never_shown():
    from ui.main.organization_view import _short_url

    assert _short_url("postgresql://chair:secret@db.local/maturity") == "db.local/maturity, имя входа «chair»"
    assert _short_url("postgresql://db.local/maturity") == "postgresql://db.local/maturity"


def test_the_workbook_dialog_proposes_the_organizations_name_and_remembers_the_folder(
    main_window, organization, example_answers, tmp_path, monkeypatch
):
    main_window.view.store.save_assessment(
        organization, 2025, main_window.view.default_profile, example_answers("primary-small.json")
    )
    main_window.view.refresh()
    folder = tmp_path / "для района"
    folder.mkdir()
    offered = []

    def save_dialog(parent, title, start, file_filter):
        offered.append(start)
        return str(folder / "моя-книга.xlsx"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    main_window.view.export_selected()
    assert (folder / "моя-книга.xlsx").exists()
    from pathlib import Path

    from ui.widgets.file_dialogs import documents_folder

    # the first time: the user's documents, never the program's own folder (issue 21)
    assert offered[0] == str(Path(documents_folder()) / proposed_name("оценка", 2025, organization.name, ".xlsx"))
    assert "2025" in offered[0] and file_name_part(organization.name) in offered[0]
    assert main_window.view.context.settings.value(LAST_FOLDER_KEY) == str(folder)

    main_window.view.export_selected()  # the next dialog starts in that folder
    assert offered[1] == str(folder / proposed_name("оценка", 2025, organization.name, ".xlsx"))


def test_the_import_dialog_starts_in_the_folder_used_last(main_window, tmp_path, monkeypatch):
    main_window.view.context.settings.setValue(LAST_FOLDER_KEY, str(tmp_path))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, flt: (asked.append(start), ([], ""))[1]))  # fmt: skip
    dialog = main_window.view.open_import()
    dialog.ask_files()
    assert asked == [str(tmp_path)]


@given(st.text(max_size=200))
def test_a_proposed_file_name_is_safe_whatever_the_organizations_name(name):
    proposed = proposed_name("оценка", 2025, name, ".xlsx")
    assert proposed.startswith("оценка-2025") and proposed.endswith(".xlsx")
    assert not set('/\\:*?"<>|') & set(proposed) and all(ord(c) >= 32 for c in proposed)
    assert len(proposed) <= len("оценка-2025-") + 80 + len(".xlsx")


@pytest.mark.parametrize("focus_filter", [False, True])
def test_escape_closes_the_comparison_window(main_window, organization, qtbot, focus_filter):
    compare = main_window.view.open_comparison()
    qtbot.waitExposed(compare)
    target = compare
    if focus_filter:  # even while the chair types in a field
        from PySide6.QtWidgets import QLineEdit

        target = compare.findChildren(QLineEdit)[0]
    with qtbot.waitActive(compare):
        compare.activateWindow()
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_Escape)
    assert not compare.isVisible()
