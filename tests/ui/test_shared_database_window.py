"""The app's window on a shared PostgreSQL database under a territory's login: it lists the territory's
organizations only, and says which database and which login it works under (never the password)."""

from __future__ import annotations

import pytest
from shared_database import FEDERATION, build_tree, create_shared_database, grant, role_url

pytestmark = pytest.mark.postgres


def test_the_window_under_a_territory_login_lists_its_subtree_and_names_the_login(
    qtbot, qapp, ui_settings, postgres_server, base_profile, example_answers
):
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    name = create_shared_database(postgres_server)
    try:
        tree = build_tree(
            role_url(postgres_server, name, FEDERATION), 2, example_answers("primary-small.json"), base_profile
        )
        root = max(tree.parents, key=lambda uid: (len(tree.subtree(uid)), uid))
        grant(role_url(postgres_server, name, FEDERATION), "window_login", root)
        install_russian(qapp)
        window = MainWindow(
            role_url(postgres_server, name, "window_login", "пароль-не-показывать"),
            settings=ui_settings,
            runner=SyncRunner(),
        )
        qtbot.addWidget(window)
        window.show()
        window.open_database()
        try:
            picker = window.org_picker  # the organizations it can find: its index of names, read on open
            qtbot.waitUntil(lambda: picker.loaded, timeout=20000)
            shown = {org.id for org in picker.index.organizations}
            assert shown == {tree.ids[uid] for uid in tree.subtree(root)}
            tooltip = window.statusBar().toolTip()
            assert "имя входа «window_login»" in tooltip and name in tooltip
            assert "пароль" not in tooltip
        finally:
            window.view.store.close()
    finally:
        postgres_server.drop_database(name)
