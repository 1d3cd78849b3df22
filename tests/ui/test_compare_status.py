"""The comparison window's «Кто сдал» view: those who have not submitted, a true «X из Y», the list exported.

The data: tests/comparison_data.py (every organization and state written out there); the expectation is
read from maturity.storage.submissions, which tests/storage/test_submissions.py checks on generated trees.
"""

from __future__ import annotations

import pytest
from comparison_data import ID, fill
from openpyxl import load_workbook

from maturity.storage.submissions import Scope, submissions, totals


@pytest.fixture
def engine(sqlite_url):
    from maturity.storage.database import open_database

    engine = open_database(sqlite_url)
    fill(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def window(qtbot, engine, base_profile):
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    window = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(2)
    return window


def shown(window) -> list[str]:
    return [window.status_model.rows[i].name for i in range(window.status_model.rowCount())]


@pytest.mark.parametrize("parent", [None, "Территориальная А"])
def test_the_view_lists_those_who_have_not_submitted_and_says_x_of_y(window, engine, parent):
    if parent is not None:
        window.parent_filter.setCurrentIndex(window.parent_filter.findData(ID[parent]))
    year = window.year.currentData()
    rows = submissions(engine, year, Scope(ID[parent] if parent else None))
    counted = totals(rows)

    assert shown(window) == [r.name for r in rows if r.state != "complete"]
    assert f"Сдали {counted.complete} из {counted.expected}" in window.status_label.text()
    window.only_missing.setChecked(False)
    assert shown(window) == [r.name for r in rows]


def test_export_list_writes_the_organizations_not_submitted(window, engine, tmp_path):
    path = tmp_path / "не сдали.xlsx"
    window.export_status(str(path))
    names = [r[1] for r in load_workbook(path)["Не сдали"].iter_rows(min_row=5, values_only=True)]  # after «№»
    assert names == [r.name for r in submissions(engine, window.year.currentData()) if r.state != "complete"]
    assert names  # the data has an organization never assessed
