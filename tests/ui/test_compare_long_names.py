"""The comparison's tables show a long name's start and its end (the middle elided): names alike for 60 characters
that only their ends tell apart («… подстанция № 1», «… № 2») stay different on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from maturity.engine.record import build_record
from maturity.storage.store import open_store

ALIKE = "Первичная профсоюзная организация ГБУЗ «Станция скорой медицинской помощи» Липецкой области, подстанция № {}"


@pytest.fixture
def window(qtbot, sqlite_url, base_profile, example_answers):
    from maturity.storage.database import open_database
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    answers = example_answers("primary-small.json")
    with open_store(sqlite_url) as store:
        for n in (1, 2):
            org = store.create_organization(ALIKE.format(n), "primary")
            store.save_record(org, build_record(base_profile, 2025, {**answers, "profile.name": org.name}))
    engine = open_database(sqlite_url)
    shown = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    engine.dispose()


def shown_text(view, row: int, column: int) -> str:
    """The text as the view paints it in its column's width (its elide mode)."""
    index = view.model().index(row, column)
    width = view.columnWidth(column) - 8
    return view.fontMetrics().elidedText(str(index.data()), view.textElideMode(), width)


def test_two_names_differing_only_at_their_end_look_different_in_the_table(window):
    view = window.table
    column = window.model.column_of("name")
    texts = [shown_text(view, row, column) for row in range(window.model.rowCount())]

    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert len(texts) == 2 and texts[0] != texts[1]
    assert all("…" in t and t.endswith(("№ 1", "№ 2")) for t in texts)
