"""«Сравнить с другими…» on a shared database: the wizard of an organization opened under a territory's login
takes the benchmark the federation published there (no file asked for), and says so under the table; with none
published for the year and method it asks for a file as on a database of one computer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from shared_database import FEDERATION, YEAR, build_tree, create_shared_database, grant, role_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LOGIN = "peers_login"


@pytest.fixture
def shared(postgres_server, base_profile, example_answers):
    """A shared database of 60 organizations (about half assessed: a group big enough to publish), a login
    granted the top-level organization with the most under it."""
    name = create_shared_database(postgres_server)
    try:
        url = role_url(postgres_server, name, FEDERATION)
        tree = build_tree(url, 1, example_answers("primary-small.json"), base_profile, size=60)
        tops = [uid for uid, parent in tree.parents.items() if parent is None]
        root = max(tops, key=lambda uid: (len(tree.subtree(uid)), uid))
        grant(url, LOGIN, root)
        yield url, role_url(postgres_server, name, LOGIN), tree, root
    finally:
        postgres_server.drop_database(name)


def open_wizard(qtbot, qapp, ui_settings, url: str, uid: str):
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    install_russian(qapp)
    window = MainWindow(url, settings=ui_settings, runner=SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    view = window.view
    org = view.store.organization_by_uid(uid)
    view.show_organization(org)
    view.select_year(YEAR)
    wizard = view.open_selected()
    assert wizard is not None
    wizard.go_to("result")
    return window, wizard


def asked_for_a_file(monkeypatch) -> list[int]:
    asked: list[int] = []

    def dialog(*_args, **_kwargs):
        asked.append(1)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    return asked


def test_a_territorys_wizard_compares_with_the_published_benchmark_without_asking_for_a_file(
    shared, qtbot, qapp, ui_settings, monkeypatch, base_profile
):
    from maturity.storage.database import open_database
    from maturity.usecases.benchmark import publish_benchmark

    federation_url, login_url, tree, root = shared
    published = publish_benchmark(open_database(federation_url), base_profile, YEAR)
    mine = sorted(uid for uid in tree.subtree(root) if uid in tree.assessed)
    window, wizard = open_wizard(qtbot, qapp, ui_settings, login_url, mine[0])
    asked = asked_for_a_file(monkeypatch)
    page = wizard.result_page

    qtbot.mouseClick(page.peers_button, Qt.MouseButton.LeftButton)

    assert asked == []
    group = published.group("primary")
    assert group is not None and group.n > len(mine)  # the federation's whole, not the login's rows
    assert f"среди {group.n}" in page.peers_note.text()
    assert "опубликованное федерацией" in page.peers_note.text()
    header = [page.kpi_model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.kpi_model.columnCount())]
    assert header[-1] == "Среди других"
    wizard.close()
    window.view.store.close()


def test_with_nothing_published_the_wizard_asks_for_a_file(shared, qtbot, qapp, ui_settings, monkeypatch):
    _federation_url, login_url, tree, root = shared
    mine = sorted(uid for uid in tree.subtree(root) if uid in tree.assessed)
    window, wizard = open_wizard(qtbot, qapp, ui_settings, login_url, mine[0])
    asked = asked_for_a_file(monkeypatch)

    qtbot.mouseClick(wizard.result_page.peers_button, Qt.MouseButton.LeftButton)

    assert asked == [1] and wizard.result_page.benchmark is None
    wizard.close()
    window.view.store.close()
