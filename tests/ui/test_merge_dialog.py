"""«Организация → Объединить с…»: the chair (or the territory's staff) picks the second record of her
organization by typing part of its name, sees what will move, and merges; a year both records have is
named and the merge refused. Keys typed into the real widgets, under a Russian and an English locale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from maturity.engine.plan import PlanStep, step_ids


@pytest.fixture(params=["ru_RU", "en_US"])
def locale(request):
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


def open_dialog(qtbot, main_window):
    main_window.menuBar().actions()  # the menu is there, as the user sees it
    assert main_window.merge_action.isEnabled()
    main_window.merge_action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "merge-dialog" and w.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def type_keys(widget, text: str) -> None:
    """Each character as a key press with its text (QTest's keyClicks knows Latin keys only)."""
    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def pick(qtbot, dialog, typed: str) -> None:
    """Type part of the name into the search box, go down into the list and take the first one shown."""
    type_keys(dialog.search, typed)
    assert dialog.search.text() == typed
    dialog.list.setFocus()
    visible = [n for n in range(dialog.list.count()) if not dialog.list.item(n).isHidden()]
    assert visible, f"nothing listed for «{typed}»: {[dialog.list.item(n).text() for n in range(dialog.list.count())]}"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    if dialog.list.currentRow() != visible[0]:
        dialog.list.setCurrentRow(visible[0])


def test_the_second_record_is_merged_into_the_one_shown_with_its_assessments_and_children(
    qtbot, main_window, organization, example_answers, base_profile, locale
):
    store = main_window.view.store
    answers = example_answers("primary-small.json")
    twin = store.create_organization("ППО школы № 7 (из файла)", "primary", uid="местный-код")
    store.save_assessment(twin, 2024, base_profile, {**answers, "profile.name": twin.name})
    store.save_plan(twin, 2024, [PlanStep(step_ids(base_profile)[0], "done")])
    child = store.create_organization("Цеховая организация", "primary", parent=twin)
    store.create_organization("ППО завода", "primary")
    main_window.view.refresh(organization.id)

    dialog = open_dialog(qtbot, main_window)
    pick(qtbot, dialog, "из файл")
    assert dialog.list.currentItem().text().startswith("ППО школы № 7 (из файла)")
    assert "оценки за 2024" in dialog.preview.text() and "подчинённых организаций — 1" in dialog.preview.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    store.session.expire_all()
    assert store.organization_by_uid("местный-код").id == organization.id
    assert [a.year for a in store.list_assessments(organization)] == [2024]
    assert store.get_plan(store.get_assessment(organization, 2024))[0].status == "done"
    assert store.get_organization(child.id).parent_id == organization.id
    assert main_window.assessments.rowCount() == 1  # the window shows the moved year at once


def test_a_year_both_records_have_is_named_and_nothing_is_merged(
    qtbot, main_window, organization, example_answers, base_profile, locale
):
    store = main_window.view.store
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2025, base_profile, answers)
    twin = store.create_organization("ППО школы № 7 (копия)", "primary")
    store.save_assessment(twin, 2025, base_profile, {**answers, "profile.name": twin.name})
    main_window.view.refresh(organization.id)

    dialog = open_dialog(qtbot, main_window)
    pick(qtbot, dialog, "копия")
    assert "у обеих организаций есть оценка за 2025 год" in dialog.preview.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert store.count_organizations() == 2


def test_the_organization_menu_writes_a_blank_form_carrying_its_code_name_and_level(
    main_window, organization, tmp_path
):
    from openpyxl import load_workbook

    from maturity.exchange.files import read_assessment_file

    path = main_window.view.save_organization_form(str(tmp_path / "анкета.xlsx"))
    workbook = load_workbook(path)
    workbook["Анкета"]["D4"] = 2025  # the chair writes the year in
    workbook.save(path)

    form = read_assessment_file(path)
    assert form.meta["organization_id"] == organization.uid
    assert form.answers["profile.name"] == organization.name and form.answers["profile.level"] == "primary"
