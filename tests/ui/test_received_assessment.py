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
def test_continue_opens_a_received_assessment_read_only_too_and_leaves_no_mark_to_resume(main_window):
    open_received(main_window).close()
    wizard = main_window.view.continue_selected()
    assert wizard.read_only is not None and wizard.position() == "result"
    assert not shown(wizard, BUTTONS.FinishButton)
    assert main_window.view.context.marks.last() is None  # nothing to offer at the next start


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


@pytest.mark.slow
def test_ones_own_assessment_opens_for_editing_as_before(main_window, organization, example_answers):
    view = main_window.view
    view.store.save_assessment(organization, 2025, view.default_profile, example_answers("primary-small.json"))
    view.refresh()
    view.select_year(2025)
    wizard = view.open_selected()

    assert wizard.read_only is None and shown(wizard, BUTTONS.FinishButton) and shown(wizard, BUTTONS.BackButton)
    assert not shown(wizard, BUTTONS.CustomButton1)


def origin_of(state: str):
    from datetime import UTC, datetime

    from maturity.storage.review import Review
    from maturity.usecases.assessment_origin import Origin

    review = Review(state, decided_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC), decided_by="Петрова")
    return Origin("ППО «Кама»", "uid-1", 2025, True, "кама.json", datetime.now(UTC), "ivanov", "Смирнов", review)


@pytest.mark.parametrize("state", ["received", "returned", "accepted"])
def test_the_banner_says_whose_when_who_filled_it_in_the_state_and_how_to_change_it(state):
    from ui.wizard.read_only import banner_text

    text = banner_text(origin_of(state))
    assert text.startswith("Оценка организации «ППО «Кама»» за 2025 год — полученная, открыта только для просмотра.")
    assert "Получена из файла «кама.json»" in text and "(загрузил: ivanov)" in text and "Заполнил(а): Смирнов." in text
    said = {"received": "Проверка: получена.", "returned": "Проверка: возвращена (", "accepted": "Проверка: принята ("}
    assert said[state] in text
    assert ("не меняются, пока приёмка не снята" in text) == (state == "accepted")
    assert ("«Изменить ответы…»" in text) == (state != "accepted")


@pytest.mark.slow
def test_the_read_only_mode_on_a_wizard_hides_saving_and_an_accepted_one_refuses_to_change(qtbot, monkeypatch):
    """Without a database: the mode on a wizard of the example's answers, for an origin that says «accepted»."""
    from maturity.engine.session import AssessmentSession
    from maturity.method.profile import load_profile
    from ui.wizard.read_only import ReadOnlyMode
    from ui.wizard.wizard import AssessmentWizard

    profile = load_profile("fnpr-base")
    wizard = AssessmentWizard(AssessmentSession(profile, 2025, {"profile.name": "ППО «Кама»"}))
    qtbot.addWidget(wizard)
    wizard.show()
    origin = origin_of("accepted")
    started: list[bool] = []
    mode = ReadOnlyMode(wizard, origin, lambda: started.append(True))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: told.append(text))

    assert not shown(wizard, BUTTONS.FinishButton) and shown(wizard, BUTTONS.CustomButton1)
    assert "Получена из файла «кама.json»" in mode.banner.text() and "Заполнил(а): Смирнов." in mode.banner.text()
    assert not mode.ask_to_edit() and not started and not mode.editing
    assert "Петрова" in told[0] and "Снять приёмку" in told[0]
