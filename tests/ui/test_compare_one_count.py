"""The comparison window's card and its «Кто сдал» tab read the same «X из Y», placeholders never expected,
whatever the filter — the maturity level narrows the average, not who has submitted."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from comparison_data import ID, fill

from maturity.storage.models import Organization
from maturity.storage.submissions import Scope, submissions, totals

PLACEHOLDER_ID = 50


@pytest.fixture
def engine(sqlite_url):
    from maturity.storage.database import open_database

    engine = open_database(sqlite_url)
    fill(engine)
    with engine.begin() as connection:  # a placeholder under «Территориальная А»: a child named it as parent
        connection.execute(
            sa.insert(Organization.__table__).values(
                id=PLACEHOLDER_ID, uid="placeholder", name="Заготовка вышестоящей", placeholder=True,
                parent_id=ID["Территориальная А"], created_at=sa.func.now(), updated_at=sa.func.now(),
            )
        )  # fmt: skip
    yield engine
    engine.dispose()


@pytest.fixture
def window(qtbot, engine, base_profile):
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    window = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def card_count(window) -> str:
    return re.search(r"(\d+ из \d+)", window.assessed_card.value.text()).group(1)


def status_count(window) -> str:
    return re.search(r"Сдали (\d+ из \d+)", window.status_label.text()).group(1)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


@pytest.mark.parametrize("parent", [None, "Территориальная А", "Территориальная Б"])
@pytest.mark.parametrize("maturity", [None, "leading"])
def test_the_card_and_who_has_submitted_read_the_same_x_of_y(qtbot, window, engine, parent, maturity):
    if parent is not None:
        choose(window.parent_filter, ID[parent])
    if maturity is not None:
        choose(window.maturity, maturity)
    window.tabs.setCurrentIndex(2)  # «Кто сдал»
    year = window.year.currentData()
    counted = totals(submissions(engine, year, Scope(ID[parent] if parent else None)))

    qtbot.waitUntil(lambda: window.status_label.text() != "")
    assert card_count(window) == status_count(window) == counted.submitted
    assert "Заготовка вышестоящей" not in [r.name for r in window.status_model.rows]
    if maturity is not None:
        assert "из них уровня" in window.assessed_card.value.text()
