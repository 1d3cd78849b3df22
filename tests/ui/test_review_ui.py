"""Review in the comparison window and the chair's wizard, driven through the real widgets: rows chosen in
«Кто сдал» → «Принять» (the state column and its filter follow, the «Журнал» tab lists it); «Вернуть на
доработку…» with a general comment and one per question typed in → the file for the chair → the chair's
wizard shows each comment beside its question and on the result page. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from test_merge_dialog import type_keys
from workbook_helpers import EXAMPLES

from maturity.usecases.importing import import_documents

SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
SMALL = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """The chair's own database (main_window's): another file than the territory's (db_url)."""
    return f"sqlite:///{tmp_path / 'председатель.db'}"


@pytest.fixture
def compare(qtbot, db_url, base_profile):
    from sqlmodel import Session

    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from ui.background import SyncRunner
    from ui.compare.window import STATUS_TAB, CompareWindow

    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        import_documents(Store(session), [EXAMPLES])
    window = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    window.year.setCurrentIndex(window.year.findData(2025))
    window.tabs.setCurrentIndex(STATUS_TAB)
    window.only_missing.setChecked(False)
    yield window
    window.close()
    engine.dispose()


def choose(window, name: str) -> None:
    """Click the row of ``name`` in «Кто сдал», as the user selects it."""
    from PySide6.QtTest import QTest

    row = next(i for i, r in enumerate(window.status_model.rows) if r.name == name)
    rect = window.status_table.visualRect(window.status_model.index(row, 0))
    QTest.mouseClick(window.status_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [r.name for r in window.selected_submissions()] == [name]


def review_cell(window, name: str) -> str:
    row = next(i for i, r in enumerate(window.status_model.rows) if r.name == name)
    return window.status_model.data(window.status_model.index(row, 4))


def test_accept_from_the_who_submitted_tab_shows_the_state_filters_by_it_and_is_in_the_journal(compare, qtbot):
    from PySide6.QtTest import QTest

    from ui.compare.window import JOURNAL_TAB

    choose(compare, SMALL)
    QTest.mouseClick(compare.accept_button, Qt.MouseButton.LeftButton)

    assert review_cell(compare, SMALL) == "принята"
    assert "принято 1" in compare.status_label.text()
    compare.review_filter.setCurrentIndex(compare.review_filter.findData("accepted"))
    assert [r.name for r in compare.status_model.rows] == [SMALL]
    compare.review_filter.setCurrentIndex(compare.review_filter.findData("received"))
    assert SMALL not in [r.name for r in compare.status_model.rows] and compare.status_model.rows
    compare.tabs.setCurrentIndex(JOURNAL_TAB)
    actions = [compare.journal_model.data(compare.journal_model.index(r, 2)) for r in range(3)]
    assert actions[0] == "принята" and actions.count("загрузка файла") == 2
    assert compare.journal_model.data(compare.journal_model.index(0, 3)) == SMALL


def fill_return_dialog(qtbot, window, general: str, question_id: str, note: str, seen: dict) -> None:
    """Type the comments into the «Вернуть на доработку» dialog once it is open, and press its button."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.review_return import ReturnDialog

    def answer() -> None:
        dialog = window.return_dialog
        seen["dialog"] = isinstance(dialog, ReturnDialog) and dialog.isVisible()
        type_keys(dialog.comment_edit, general)
        dialog.question_box.setCurrentIndex(dialog.question_box.findData(question_id))
        type_keys(dialog.question_comment, note)
        qtbot.keyClick(dialog.question_comment, Qt.Key.Key_Return)
        seen["notes"], seen["open"] = dialog.notes.count(), dialog.isVisible()  # Enter adds the comment only
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)


@pytest.mark.slow
def test_a_return_with_comments_reaches_the_chairs_wizard_beside_its_question(compare, qtbot, tmp_path, main_window):
    from maturity.usecases.review import review_of

    folder = tmp_path / "для председателей"
    folder.mkdir()
    compare.ask_return_folder = lambda: str(folder)
    choose(compare, SMALL)
    seen: dict = {}
    fill_return_dialog(qtbot, compare, "Проверьте цифры охвата", "k1.structure", "кто ведёт сайт — укажите", seen)
    compare.return_button.click()

    assert seen == {"dialog": True, "notes": 1, "open": True}
    assert review_cell(compare, SMALL) == "возвращена"
    [written] = compare.written_files
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["review"]["state"] == "returned" and data["review"]["comment"] == "Проверьте цифры охвата"
    assert data["review"]["questions"] == {"k1.structure": "кто ведёт сайт — укажите"}

    view = main_window.view  # the chair's program, its own database, opens the file
    import_documents(view.store, [written])
    org = view.store.organization_by_uid(SMALL_UID)
    view.refresh(org.id)
    view.show_organization(org)
    view.select_year(2025)
    wizard = view.open_selected()

    row = next(p.rows["k1.structure"] for p in wizard.section_pages if "k1.structure" in p.rows)
    assert row.review.isVisibleTo(row) and "кто ведёт сайт — укажите" in row.review.text()
    others = [r for p in wizard.section_pages for q, r in p.rows.items() if q != "k1.structure"]
    assert not any(r.review.isVisibleTo(r) for r in others)
    note = wizard.result_page.review_note.text()
    assert "Проверьте цифры охвата" in note and "кто ведёт сайт — укажите" in note
    assert "Проверьте цифры охвата" in wizard.section_pages[0].subTitle()
    assert review_of(view.store, org, 2025).sent_state == "returned"


def test_the_return_dialog_refuses_to_return_without_a_word_of_what_to_fix(qtbot, base_profile):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.review_return import ReturnDialog

    dialog = ReturnDialog(base_profile, ["ППО"], 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Напишите" in dialog.problem.text()
    type_keys(dialog.question_comment, "без вопроса")
    dialog.question_box.setEditText("такого вопроса нет")
    dialog.add_button.click()
    assert dialog.notes.count() == 0 and "Выберите вопрос" in dialog.problem.text()


def test_rows_chosen_in_the_table_tab_are_accepted_too(compare):
    from PySide6.QtTest import QTest

    from ui.compare.window import STATUS_TAB

    compare.tabs.setCurrentIndex(0)
    row = next(r for r in range(compare.model.rowCount()) if compare.model.data(compare.model.index(r, 0)) == SMALL)
    rect = compare.table.visualRect(compare.model.index(row, 0))
    QTest.mouseClick(compare.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseClick(compare.table_accept, Qt.MouseButton.LeftButton)

    compare.tabs.setCurrentIndex(STATUS_TAB)
    assert review_cell(compare, SMALL) == "принята"
    assert [r.name for r in compare.status_model.rows if r.review == "accepted"] == [SMALL]


def test_check_the_unusual_lists_the_outlier_with_its_questions_text(qtbot, db_url, base_profile):
    from sqlmodel import Session
    from test_review import build_group

    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from ui.background import SyncRunner
    from ui.compare.window import STATUS_TAB, CompareWindow

    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        build_group(Store(session))
    window = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.year.setCurrentIndex(window.year.findData(2025))
    window.tabs.setCurrentIndex(STATUS_TAB)
    try:
        window.check_button.click()
        text = window.unusual_view.text()
        assert window.unusual_view.isVisibleTo(window) and "«ППО №5»" in text
        assert base_profile.question("k7.appeals").text in text and "присоединились" not in text
    finally:
        window.close()
        engine.dispose()
