"""«Методика изменилась» in the windows: under the comparison table when the year's assessments and last year's
were scored by different definitions of a KPI, and nowhere when one version was used."""

from __future__ import annotations

import pytest

from maturity.engine.record import build_record
from maturity.method import editing
from maturity.method.profile import load_profile

BASE = load_profile("fnpr-base", "2025.1")  # pinned: the edited version below is made from 2025.1


def meetings_kpi():
    return next(k for k in BASE.kpis if "'meetings_target'" in repr(k.components))


@pytest.fixture
def database(sqlite_url, example_answers):
    from maturity.storage.store import open_store

    answers = example_answers("primary-small.json")
    with open_store(sqlite_url) as store:
        org = store.create_organization(answers["profile.name"], "primary", members=answers["profile.members"])
        store.save_record(org, build_record(BASE, 2024, answers))
        yield store, org, answers


def install_newer(store) -> object:
    start = editing.profile_tree(BASE)
    edited = editing.with_value(start, ("parameters", "meetings_target"), 8)
    tree = editing.saved_tree(start, edited, "fnpr-base", "2025.2", extends=None)
    store.install_profile_text(editing.saved_text(tree, start), "тест")
    return store.catalog().find("fnpr-base", "2025.2")


def comparison(qtbot, store):
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    window = CompareWindow(store.session.get_bind(), BASE, SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.year.setCurrentIndex(window.year.findData(2025))
    return window


@pytest.mark.slow
def test_the_comparison_says_the_method_changed_for_the_redefined_kpi(qtbot, database):
    store, org, answers = database
    store.save_record(org, build_record(install_newer(store), 2025, answers))
    window = comparison(qtbot, store)
    assert window.method_note.isVisible()
    assert window.method_note.text().startswith("Методика изменилась: «")
    assert meetings_kpi().title in window.method_note.text()


def test_one_version_gives_no_note(qtbot, database):
    store, org, answers = database
    store.save_record(org, build_record(BASE, 2025, answers))
    window = comparison(qtbot, store)
    assert not window.method_note.isVisible() and window.method_note.text() == ""


@pytest.mark.slow
def test_the_result_pages_change_tab_says_the_method_changed_beside_that_kpi(
    main_window, organization, example_answers
):
    from base_versions import pin_window_to_2025_1
    from wizard_driver import fill_wizard

    pin_window_to_2025_1(main_window)  # this year on 2025.1, last year on a version that differs in one KPI
    store = main_window.view.store
    start = editing.profile_tree(BASE)
    edited = editing.with_value(start, ("parameters", "meetings_target"), 8)
    tree = editing.saved_tree(start, edited, "fnpr-base", "2024.1", extends=None)
    store.install_profile_text(editing.saved_text(tree, start), "тест")
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2024, store.catalog().find("fnpr-base", "2024.1"), answers)
    main_window.view.refresh()

    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers)
    shown = {row.cells[0]: row.cells[3] for row in wizard.result_page.change_model.rows}
    flagged = [title for title, change in shown.items() if change.endswith("(методика изменилась)")]
    assert flagged == [meetings_kpi().title]
