"""The own targets typed into the result page's table are in the journal, one entry a change, and the «Журнал» tab
reads them in Russian; the targets of a year whose assessment is accepted open read-only, saying who accepted it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from test_targets_ui import locale, open_result, row_of, targets_tab, type_into_cell, type_keys  # noqa: F401

from maturity.engine.own_targets import Decision
from maturity.storage.own_targets import get_own_targets
from maturity.usecases.journal import entries
from maturity.usecases.own_targets import save_targets
from maturity.usecases.review import decide
from ui.compare.journal_model import JournalModel
from ui.plan.targets_model import OWN


def targets_entries(store, organization):
    return [e for e in entries(store, organization) if e.action == "targets"]


@pytest.mark.slow
@pytest.mark.usefixtures("locale")  # typed under a Russian and an English locale
def test_each_typed_change_is_one_journal_entry_the_journal_tab_reads_in_russian(
    main_window, organization, example_answers
):
    wizard = open_result(main_window, organization, example_answers("primary-small.json"))
    panel = targets_tab(wizard).panel
    type_into_cell(panel, row_of(panel, "funding_target_share"), "7,5")
    type_into_cell(panel, row_of(panel, "meetings_target"), "6")
    type_into_cell(panel, row_of(panel, "meetings_target"), "6")  # the same value: no change, no entry
    type_keys(panel.body, "Профком")
    QTest.keyClick(panel.body, Qt.Key.Key_Return)
    store = main_window.view.store
    main_window.view.context.reread()

    kinds = [(e.year, e.detail["kind"], e.detail["values"]) for e in targets_entries(store, organization)]
    assert kinds == [
        (2026, "set", {"funding_target_share": [None, 0.075]}),
        (2026, "change", {"meetings_target": [None, 6.0]}),
        (2026, "change", {}),
    ]
    model = JournalModel()
    model.set_entries(entries(store, organization))
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    # the draft's own «сохранение» may land between them (its saver writes on a timer): the targets' rows, newest first
    rows = [row for row in rows if str(row[2]).startswith("целевые показатели")]
    assert len(rows) == 3
    newest = rows[0]
    assert newest[2:5] == ["целевые показатели изменены", organization.name, "2026"]
    assert newest[6] == "решение: — → Профком"
    first = rows[2]
    assert first[2] == "целевые показатели утверждены"
    assert first[6] == "Целевая доля расходов на информационную работу в бюджете: — → 7,5\u00a0%"
    wizard.close()


@pytest.mark.slow
def test_the_targets_of_an_accepted_year_open_read_only_saying_who_accepted_it(
    main_window, organization, example_answers, base_profile
):
    store = main_window.view.store
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2026, base_profile, answers)  # complete under 2025.1, the file's version
    save_targets(store, organization, 2026, {"meetings_target": 6}, Decision("Профком"))
    decide(store, organization, 2026, "accept")
    wizard = open_result(main_window, organization, answers)  # 2025: the targets beside it are 2026's
    panel = targets_tab(wizard).panel
    assert not panel.locked.isHidden()
    assert panel.locked.text().startswith(f"Целевые показатели организации «{organization.name}» на 2026 год не ")
    assert f"принята ({store.actor}," in panel.locked.text()
    assert "maturity review reopen" in panel.locked.text()
    row = row_of(panel, "meetings_target")
    index = panel.model.index(row, OWN)
    panel.view.setCurrentIndex(index)
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_8)
    QTest.keyClick(panel.view, Qt.Key.Key_F2)
    QApplication.processEvents()
    assert not [w for w in panel.view.findChildren(QLineEdit) if w.isVisible()]  # no editor opened
    assert panel.body.isReadOnly() and panel.number.isReadOnly() and panel.date.isReadOnly()
    main_window.view.context.reread()
    assert get_own_targets(store, organization.id, 2026).values == {"meetings_target": 6.0}
    assert [e.detail["kind"] for e in targets_entries(store, organization)] == ["set"]
    wizard.close()
