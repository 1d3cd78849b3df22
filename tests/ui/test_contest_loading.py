"""«Смотр-конкурс» reads its results off the UI thread (at 100 000 participants: over a minute): the window says it
is summing up, then shows the rankings; closing it while the results are read is safe.

The window runs with the app's real ThreadRunner (tests/ui/test_contest_window.py drives it synchronously)."""

from __future__ import annotations

import pytest
import shiboken6
from contest_groups import TERRITORY, YEAR, Spec, build
from PySide6.QtCore import QThreadPool

GROUP = [Spec("ППО «Альфа»", members=85), Spec("ППО «Бета»", members=90), Spec("ППО «Гамма»", members=150)]


@pytest.fixture
def group(sqlite_url, base_profile):
    from sqlmodel import Session

    from maturity.storage.database import open_database
    from maturity.storage.store import Store

    engine = open_database(sqlite_url)
    with Session(engine, expire_on_commit=False) as session:
        made = build(Store(session), base_profile, GROUP)
    yield engine, made[TERRITORY].id
    engine.dispose()


def open_contest(qtbot, group, closed_by_the_test: bool = False):
    from ui.background import ThreadRunner
    from ui.contest.window import ContestWindow

    engine, territory = group
    window = ContestWindow(engine, ThreadRunner(), YEAR, territory, "Территория")
    if not closed_by_the_test:  # qtbot closes its widgets at the end: not one the test has deleted
        qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.slow
def test_the_contest_says_it_is_summing_up_then_shows_the_rankings(qtbot, group):
    window = open_contest(qtbot, group)

    assert window.results is None and window.model.rowCount() == 0
    assert window.by_label.text() == "Подвожу итоги конкурса…"
    assert window.nomination.count() == 0
    qtbot.waitUntil(lambda: window.results is not None, timeout=20_000)

    assert window.results.participants == 3
    assert window.nomination.count() == len(window.results.nominations) > 0
    names = sorted(window.model.placed_at(row).entrant.name for row in range(window.model.rowCount()))
    assert names == sorted(spec.name for spec in GROUP)
    assert window.by_label.text().endswith("Участников в номинации: 3.")


@pytest.mark.slow
def test_closing_the_contest_while_its_results_are_read_is_safe(qtbot, group):
    window = open_contest(qtbot, group, closed_by_the_test=True)
    assert window.results is None  # closed mid-load

    window.close()
    window.deleteLater()
    qtbot.wait(50)
    assert QThreadPool.globalInstance().waitForDone(20_000)
    qtbot.wait(200)  # the results delivered to a window that has gone: dropped (an error would fail the test)

    assert not shiboken6.isValid(window)
