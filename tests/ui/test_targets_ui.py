"""The result page's «Целевые показатели» tab (issue 29): the next year's targets typed into the real table's cell
editor under a Russian and an English locale, the floor's reason, the decision, kept in the database; and this
year's approved targets met or not — «Выполнение утверждённых целевых показателей: 1 из 2»."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from maturity.engine.own_targets import Decision, slot_by_id
from maturity.storage.own_targets import get_own_targets
from maturity.usecases.own_targets import save_targets
from ui.plan.targets_model import OWN


@pytest.fixture(params=["ru_RU", "en_US"])
def locale(request):
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


def open_result(window, organization, answers, year=2025):
    window.view.store.save_assessment(organization, year, window.view.default_profile, answers)
    window.view.refresh()
    window.view.select_year(year)
    wizard = window.view.open_selected()
    assert wizard.position() == "result"
    return wizard


def targets_tab(wizard):
    page = wizard.result_page
    page.tabs.setCurrentWidget(page.targets_tab)
    return page.targets_tab


def type_keys(widget, text: str) -> None:
    """Each character as its own key press and release, as a keyboard sends them (Cyrillic too)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def type_into_cell(panel, row: int, text: str) -> None:
    """Select the cell, start typing (as a chair does: the editor opens on the first key), press Enter."""
    view = panel.view
    index = panel.model.index(row, OWN)
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    editor = next(w for w in view.findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    type_keys(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the event loop


def row_of(panel, slot_id: str) -> int:
    return [s.id for s in panel.model.slots].index(slot_id)


@pytest.mark.slow
def test_typed_targets_are_kept_and_a_value_below_the_floor_says_why(
    main_window, organization, example_answers, locale
):
    wizard = open_result(main_window, organization, example_answers("primary-small.json"))
    tab = targets_tab(wizard)
    panel = tab.panel
    assert panel.title.text() == "<b>Целевые показатели на 2026 год</b>"
    funding = row_of(panel, "funding_target_share")
    assert panel.model.data(panel.model.index(funding, 1)) == "5\u00a0%"  # the federation's value
    type_into_cell(panel, funding, "3,5")  # below the floor of 5 %
    assert not panel.error.isHidden()
    assert "не может быть ниже значения федерации 5\u00a0%" in panel.error.text()
    assert "нижнюю границу" in panel.error.text()
    assert "funding_target_share" not in panel.model.values
    type_into_cell(panel, funding, "7,5")
    type_into_cell(panel, row_of(panel, "meetings_target"), "6")
    type_into_cell(panel, row_of(panel, "trained_per_members"), "500")
    assert panel.error.isHidden()
    assert panel.model.data(panel.model.index(funding, OWN)) == "7,5\u00a0%"
    plan = wizard.result_page.plan_panel.model  # the plan's step on the budget names the approved target
    titles = [plan.data(plan.index(row, 0)) for row in range(plan.rowCount())]
    named = [t for t in titles if t.endswith("(утверждённая цель: 7,5\u00a0%)")]
    assert named and all("бюджет" in t for t in named)
    type_keys(panel.body, "Президиум профкома")
    type_keys(panel.number, "12")
    type_keys(panel.date, "20.12.2025")
    QTest.keyClick(panel.date, Qt.Key.Key_Return)
    store = main_window.view.store
    main_window.view.context.reread()
    kept = get_own_targets(store, organization.id, 2026)
    assert kept.values == {"funding_target_share": 0.075, "meetings_target": 6.0, "trained_per_members": 500.0}
    assert kept.decision == Decision("Президиум профкома", "12", "2025-12-20")
    assert "Целевые показатели сохранены" in wizard.result_page.status.text()
    # a wrong date says why and keeps the decision
    panel.date.clear()
    type_keys(panel.date, "31.02.2025")
    QTest.keyClick(panel.date, Qt.Key.Key_Return)
    assert "дата" in panel.error.text()
    main_window.view.context.reread()
    assert get_own_targets(store, organization.id, 2026).decision.date == "2025-12-20"
    wizard.close()


@pytest.mark.slow
def test_this_years_approved_targets_are_shown_met_or_not(main_window, organization, example_answers):
    store = main_window.view.store
    # 3 000 ₽ of 120 000 ₽ = 2,5 % (a target of 5 % missed); 3 meetings (a target of 2 met)
    save_targets(store, organization, 2025, {"funding_target_share": 0.05, "meetings_target": 2}, Decision("Профком"))
    wizard = open_result(main_window, organization, example_answers("primary-small.json"))
    tab = targets_tab(wizard)
    assert "Выполнение утверждённых целевых показателей: 1 из 2" in tab.summary.text()
    cells = {row.cells[0]: row.cells for row in tab.model.rows}
    label = slot_by_id(main_window.view.default_profile)["funding_target_share"].label
    assert cells[label][1:] == ("5\u00a0%", "5\u00a0%", "2,5\u00a0%", "не выполнен")
    assert tab.view.isVisibleTo(tab)
    wizard.close()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=12), row=st.integers(0, 14))
def test_any_typed_text_is_kept_as_the_cores_value_or_refused_with_a_reason(qapp, text, row):
    """The model's rule for any text a person may type into any row: the core's reading of it, or a reason."""
    from maturity.engine.own_targets import OwnTargetsInvalid, check_value, typed_value
    from maturity.method.profile import load_profile
    from ui.plan.targets_model import OwnTargetsModel

    profile = load_profile()
    model = OwnTargetsModel(profile, "primary", {"meetings_target": 5})
    slot = model.slots[row]
    before = dict(model.values)
    try:
        expected = typed_value(slot, text, slot.label)
        if expected is not None:
            expected = check_value(profile, slot, expected, "primary", slot.label)
    except OwnTargetsInvalid:
        expected = "refused"
    kept = model.setData(model.index(row, OWN), text)
    if expected == "refused":
        assert not kept and model.values == before and model.last_error
    else:
        assert kept and model.last_error is None
        assert model.values.get(slot.id) == expected
