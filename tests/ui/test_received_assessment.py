"""Someone else's assessment opens read-only in the real window: a file imported into the database opens at its
result with no «Сохранить оценку» and no «< Назад», the sender, the time it was received and its review state
shown, its answers in a tab; «Изменить ответы…» asks, naming whose it is, and then the wizard edits and saves;
an accepted one refuses with who accepted it; one's own assessment opens as before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from workbook_helpers import EXAMPLES

from maturity.storage.journal import journal_rows
from maturity.usecases.importing import import_documents
from maturity.usecases.review import decide

SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
BUTTONS = QWizard.WizardButton


def open_received(main_window, accepted: bool = False):
    view = main_window.view
    import_documents(view.store, [EXAMPLES / "primary-small.json"])
    org = view.store.organization_by_uid(SMALL_UID)
    if accepted:
        decide(view.store, org, 2025, "accept")
    view.refresh(org.id)
    view.show_organization(org)
    view.select_year(2025)
    return view.open_selected()


def shown(wizard, button) -> bool:
    return wizard.button(button).isVisibleTo(wizard)


def answer_message_box(seen: dict, button: QMessageBox.StandardButton) -> None:
    """When the message box is up: note its text and press ``button``, as the user would."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen["text"] = box.text()
        box.button(button).click()

    QTimer.singleShot(0, press)


@pytest.mark.slow
def test_an_imported_assessment_opens_at_its_result_read_only_with_sender_time_and_state(main_window):
    wizard = open_received(main_window)
    journal_before = len(journal_rows(main_window.view.store.session))

    assert wizard.position() == "result" and wizard.read_only is not None
    assert not shown(wizard, BUTTONS.FinishButton) and not shown(wizard, BUTTONS.BackButton)
    assert shown(wizard, BUTTONS.CustomButton1) and wizard.buttonText(BUTTONS.CustomButton1) == "Изменить ответы…"
    banner = wizard.read_only.banner
    assert banner.isVisibleTo(wizard)
    text = banner.text()
    assert "только для просмотра" in text and "Получена из файла «primary-small.json»" in text
    assert "Заполнил(а): Иванова Мария Петровна." in text and "Проверка: получена." in text
    assert wizard.result_page.index.value.text() == "58,4"
    assert not any(page.isEnabled() for page in wizard.section_pages)
    tabs = wizard.result_page.tabs
    assert tabs.tabText(tabs.indexOf(wizard.read_only.answers_view)) == "Ответы"
    rows = wizard.read_only.answers_model.rows
    assert any(r.cells[2] == "Иванова Мария Петровна" for r in rows)
    assert len(rows) == len(wizard.session.profile.questions)
    assert "только просмотр" in wizard.windowTitle()

    wizard.close()
    assert len(journal_rows(main_window.view.store.session)) == journal_before  # reading wrote nothing


@pytest.mark.slow
def test_change_answers_asks_whose_it_is_and_then_the_wizard_edits_and_saves_it(main_window):
    wizard = open_received(main_window)
    seen: dict = {}
    answer_message_box(seen, QMessageBox.StandardButton.Yes)
    wizard.button(BUTTONS.CustomButton1).click()

    assert "Средняя школа № 7" in seen["text"] and "Иванова Мария Петровна" in seen["text"]
    assert "primary-small.json" in seen["text"]
    assert wizard.read_only.editing
    assert shown(wizard, BUTTONS.FinishButton) and shown(wizard, BUTTONS.BackButton)
    assert not shown(wizard, BUTTONS.CustomButton1)
    assert all(page.isEnabled() for page in wizard.section_pages)
    assert "Вы изменяете ответы полученной оценки" in wizard.read_only.banner.text()

    wizard._arrived = 0.0  # not the second click of a double click
    wizard.button(BUTTONS.FinishButton).click()
    actions = [row.action for row in journal_rows(main_window.view.store.session)]
    assert actions[-1] == "save"
    reopened = main_window.view.open_selected()  # now this computer's own: it opens for editing
    assert reopened.read_only is None and shown(reopened, BUTTONS.FinishButton)


@pytest.mark.slow
def test_saying_no_keeps_it_read_only(main_window):
    wizard = open_received(main_window)
    seen: dict = {}
    answer_message_box(seen, QMessageBox.StandardButton.No)
    wizard.button(BUTTONS.CustomButton1).click()

    assert seen["text"] and not wizard.read_only.editing
    assert not shown(wizard, BUTTONS.FinishButton) and not any(p.isEnabled() for p in wizard.section_pages)


@pytest.mark.slow
def test_an_accepted_assessment_refuses_to_change_naming_who_accepted_it(main_window):
    wizard = open_received(main_window, accepted=True)
    assert "Проверка: принята (" in wizard.read_only.banner.text()
    assert "не меняются, пока приёмка не снята" in wizard.read_only.banner.text()
    seen: dict = {}
    answer_message_box(seen, QMessageBox.StandardButton.Ok)
    wizard.button(BUTTONS.CustomButton1).click()

    assert "принята" in seen["text"] and "Снять приёмку" in seen["text"]
    assert not wizard.read_only.editing and not shown(wizard, BUTTONS.FinishButton)
    assert not any(page.isEnabled() for page in wizard.section_pages)


def test_ones_own_assessment_opens_for_editing_as_before(main_window, organization, example_answers):
    view = main_window.view
    view.store.save_assessment(organization, 2025, view.default_profile, example_answers("primary-small.json"))
    view.refresh()
    view.select_year(2025)
    wizard = view.open_selected()

    assert wizard.read_only is None and shown(wizard, BUTTONS.FinishButton) and shown(wizard, BUTTONS.BackButton)
    assert not shown(wizard, BUTTONS.CustomButton1)
