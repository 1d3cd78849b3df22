"""The main window: first run, the organization's card, assessments by year, the actions."""

from __future__ import annotations

import pytest
from base_versions import pin_window_to_2025_1


def test_an_empty_database_leads_straight_to_creating_the_organization(main_window):
    assert main_window.view.organization is None
    assert not main_window.first_run.isHidden()
    assert main_window.card.save_button.text() == "Создать организацию"
    assert not main_window.new_action.isEnabled()


def test_a_card_without_a_name_says_so_and_creates_nothing(main_window):
    main_window.card.save_button.click()

    assert main_window.card.message.text() == "Укажите наименование организации."
    assert main_window.view.store.count_organizations() == 0


def test_creating_the_organization_shows_its_card_and_allows_a_new_assessment(main_window, organization):
    assert main_window.first_run.isHidden()
    assert main_window.card.save_button.text() == "Сохранить изменения"
    assert main_window.card.members.value() == 85
    assert main_window.new_action.isEnabled()
    assert main_window.assessments.rowCount() == 0


def test_editing_the_card_changes_the_organization_in_the_database(main_window, organization):
    main_window.card.region.setText("Липецкая область")
    main_window.card.members.setValue(90)
    main_window.card.save_button.click()

    stored = main_window.view.store.get_organization(organization.id)
    assert (stored.region, stored.members) == ("Липецкая область", 90)


def test_assessments_are_listed_by_year_with_index_and_level(main_window, organization, example_answers):
    pin_window_to_2025_1(main_window)  # the figures below are the example's under 2025.1
    store = main_window.view.store
    answers = example_answers("primary-small.json")
    store.save_assessment(organization, 2024, main_window.view.default_profile, answers)
    store.save_assessment(organization, 2025, main_window.view.default_profile, {"profile.members": 85}, status="draft")
    main_window.view.refresh()

    model = main_window.assessments
    table = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert table == [
        ["2025", "черновик", "0,0–100,0", "—", "пока не ясен"],  # a draft with nothing scored may end anywhere
        ["2024", "завершена", "58,4", "26,0", "Развивающийся"],
    ]
    main_window.view.select_year(2025)
    assert main_window.continue_action.isEnabled()
    main_window.view.select_year(2024)
    assert not main_window.continue_action.isEnabled()
    assert main_window.open_action.isEnabled()


@pytest.mark.slow
def test_opening_an_assessment_shows_its_result(main_window, organization, example_answers):
    pin_window_to_2025_1(main_window)  # 58,4 is the example's index under 2025.1
    main_window.view.store.save_assessment(
        organization, 2024, main_window.view.default_profile, example_answers("primary-small.json")
    )
    main_window.view.refresh()
    main_window.view.select_year(2024)

    wizard = main_window.view.open_selected()

    assert wizard.position() == "result"
    assert wizard.result_page.index.value.text() == "58,4"
    assert wizard.result_page.level.value.text() == "Развивающийся"


def test_a_new_assessment_starts_from_the_cards_answers(main_window, organization):
    wizard = main_window.view.start_assessment(2025)

    page = wizard.currentPage()
    assert page.rows["profile.members"].editor.value() == 85
    assert page.rows["profile.level"].editor.value() == "primary"
    assert main_window.view.store.get_assessment(organization, 2025).status == "draft"


def test_excel_export_is_offered_when_an_assessment_is_selected(main_window, organization, example_answers):
    assert not main_window.export_action.isEnabled()
    main_window.view.store.save_assessment(
        organization, 2024, main_window.view.default_profile, example_answers("primary-small.json")
    )
    main_window.view.refresh()
    main_window.view.select_year(2024)

    assert main_window.export_action.isEnabled()
    assert "книгу Excel" in main_window.export_action.toolTip()


def test_the_app_opens_the_database_in_the_background_then_shows_it(qtbot, sqlite_url, ui_settings):
    from ui.main.main_window import MainWindow

    window = MainWindow(sqlite_url, settings=ui_settings)  # the real ThreadRunner
    qtbot.addWidget(window)
    window.show()
    window.open_database()
    assert window.statusBar().currentMessage() == "Открываю базу данных…"

    qtbot.waitUntil(lambda: window.is_open, timeout=20000)
    assert not window.first_run.isHidden()
    assert window.view.store.count_organizations() == 0
    window.view.store.close()


def test_excel_export_writes_a_workbook_that_reads_back_the_same_answers(
    main_window, organization, example_answers, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from maturity.exchange.files import read_assessment_file

    answers = example_answers("primary-small.json")
    main_window.view.store.save_assessment(organization, 2025, main_window.view.default_profile, answers)
    main_window.view.refresh()
    main_window.view.select_year(2025)
    target = tmp_path / "оценка"  # no extension: the program adds .xlsx
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    main_window.export_action.trigger()

    document = read_assessment_file(tmp_path / "оценка.xlsx")
    assert document.year == 2025
    assert document.answers == answers


def test_demo_data_fills_an_empty_database_on_request(main_window):
    assert not main_window.demo_button.isHidden()

    main_window.demo_button.click()

    assert main_window.view.store.count_organizations() > 100
    assert main_window.view.organization is not None
    assert main_window.org_picker.loaded
    assert len(main_window.org_picker.index) == len(main_window.view.organizations())
    assert "Демонстрационные данные добавлены" in main_window.statusBar().currentMessage()


def test_a_new_assessment_may_follow_another_shipped_method(main_window, organization):
    wizard = main_window.view.start_assessment(2025, "sudprof")

    assert wizard.session.profile.id == "sudprof"
    assert main_window.view.store.get_assessment(organization, 2025).profile_id == "sudprof"


def test_the_new_assessment_dialog_offers_the_year_and_the_shipped_methods(qtbot):
    from ui.dialogs.new_assessment import NewAssessmentDialog

    dialog = NewAssessmentDialog(2025, [("fnpr-base", "Базовая методика ФНПР"), ("sudprof", "Методика Судпрофа")])
    qtbot.addWidget(dialog)

    assert dialog.year.value() == 2025
    assert [dialog.profile.itemData(i) for i in range(dialog.profile.count())] == ["fnpr-base", "sudprof"]


def test_a_long_name_in_the_card_shows_its_beginning_and_all_of_it_in_the_tooltip(main_window, organization):
    long_sector = "Профессиональный союз работников здравоохранения Российской Федерации"
    main_window.card.sector.setText(long_sector)
    main_window.card.save_button.click()

    main_window.view.refresh(organization.id)

    assert main_window.card.sector.cursorPosition() == 0
    assert main_window.card.sector.toolTip() == long_sector


def test_the_card_offers_the_methods_sectors_while_typing_and_keeps_any_other_text(main_window, organization):
    profile = main_window.view.context.default_profile
    listed = profile.question(profile.organization_question("sector")).suggested
    completer = main_window.card.sector.completer()
    model = completer.model()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == list(listed)
    completer.setCompletionPrefix("здравоохран")  # part of the name, any case
    assert completer.currentCompletion() == next(s for s in listed if "здравоохран" in s)

    main_window.card.sector.setText("Свой отраслевой профсоюз")
    main_window.card.save_button.click()
    main_window.view.refresh(organization.id)
    assert main_window.card.sector.text() == "Свой отраслевой профсоюз"


def test_the_list_of_assessments_takes_as_many_queries_for_six_years_as_for_one(
    main_window, organization, example_answers
):
    import sqlalchemy as sa

    answers = example_answers("primary-small.json")
    engine = main_window.view.context.engine

    def statements_to_show() -> int:
        seen: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            seen.append(statement)

        main_window.view.context.reread()
        org = main_window.view.store.get_organization(organization.id)
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            main_window.view.show_organization(org)
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    main_window.view.store.save_assessment(organization, 2020, main_window.view.default_profile, answers)
    main_window.view.store.save_assessment(  # a draft: its index range is read too (issue 21), in the same queries
        organization, 2021, main_window.view.default_profile, {"profile.members": 121}, status="draft"
    )
    one_year = statements_to_show()
    for year in range(2022, 2026):
        main_window.view.store.save_assessment(
            organization, year, main_window.view.default_profile, {"profile.members": year - 1900}, status="draft"
        )

    assert statements_to_show() == one_year
    assert main_window.assessments.rowCount() == 6
