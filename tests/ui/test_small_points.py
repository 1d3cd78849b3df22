"""The smaller points of issue 21 (item 7), each as the chair meets it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from ui.widgets.file_dialogs import documents_folder


def test_the_first_file_dialog_opens_in_the_users_documents_not_the_programs_folder(main_window, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the program's own folder, as a shortcut on Windows starts it
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, flt: (asked.append(start), ([], ""))[1]))  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, start="": (asked.append(start), "")[1]))  # fmt: skip
    dialog = main_window.view.open_import()
    dialog.ask_files()
    dialog.ask_folder()
    expected = documents_folder()
    assert asked == [expected, expected]
    assert Path(expected).is_dir() and Path(expected).resolve() != Path(os.getcwd()).resolve()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert expected in (documents, QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))


@pytest.mark.slow
def test_the_breakdown_names_what_a_component_measures_and_its_target(main_window, organization, example_answers):
    from wizard_driver import fill_wizard

    from maturity.engine.explain import explain

    answers = example_answers("primary-small.json")
    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, answers)
    page = wizard.result_page
    profile = main_window.view.default_profile
    kpis = [k.id for k in profile.kpis]
    row = kpis.index("k1")
    dialog = page.open_breakdown(row)
    titles = [c.title for c in dialog.model.columns]
    assert "Цель (полное значение)" in titles
    cells = {c.id: r.cells for c, r in zip(explain(profile, answers)[row].components, dialog.model.rows, strict=True)}
    responsible = next(c for c in profile.kpis[row].components if c.id == "responsible_designated")
    assert answers["k1.responsible_designated"] is True  # the component is full: 100 %
    assert cells["responsible_designated"][0] == profile.question("k1.responsible_designated").text
    assert cells["responsible_designated"][0] != responsible.advice  # no advice for what is done already
    assert cells["responsible_designated"][titles.index("Цель (полное значение)")] == "да"
    dialog.close()
    # a ratio's target is a figure for this organization: K3 «meetings» — 4 a year
    dialog = page.open_breakdown(kpis.index("k3"))
    target = dict(
        zip(
            [c.id for c in profile.kpis[kpis.index("k3")].components],
            [r.cells[4] for r in dialog.model.rows],
            strict=True,
        )
    )
    assert target["meetings"] == "не меньше 4"
    dialog.close()


def test_next_past_an_unanswered_required_question_says_so_on_the_next_page(main_window, organization):
    from wizard_driver import press_next

    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)  # the organization's page: answered from its card
    first = wizard.currentPage()
    press_next(wizard)  # nothing answered on this one
    second = wizard.currentPage()
    assert second is wizard.section_pages[2]
    missing = len(first.missing_rows())
    assert missing and second.notice.isVisibleTo(second)
    assert f"В разделе «{first.section.title}» без ответа {missing} обязательн" in second.notice.text()
    wizard.back()
    assert not first.notice.isVisibleTo(first)  # back where the marks are: the marks say it


def test_tab_from_the_last_field_then_enter_goes_forward_not_back(main_window, organization, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    wizard = main_window.view.start_assessment(2025)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    page = wizard.currentPage()
    last = [row for row in page.rows.values() if row.isVisibleTo(page)][-1].editor
    last.setFocus()
    focus = QApplication.focusWidget()
    assert focus is (last.focusProxy() or last)
    QTest.keyClick(focus, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is wizard.button(QWizard.WizardButton.NextButton)
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.section_pages[1]
    back = wizard.button(QWizard.WizardButton.BackButton)
    back.setFocus()
    QTest.keyClick(back, Qt.Key.Key_Return)  # Enter on «Назад» goes on too; only a click goes back
    assert wizard.currentPage() is wizard.section_pages[2]


@pytest.mark.slow
def test_a_double_click_on_next_at_the_last_section_does_not_save_and_close(main_window, organization, example_answers):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from wizard_driver import fill_page

    answers = example_answers("primary-small.json")
    wizard = main_window.view.start_assessment(2025)
    while wizard.currentPage() is not wizard.section_pages[-1]:
        fill_page(wizard.currentPage(), answers)
        wizard.next()
    fill_page(wizard.currentPage(), answers)
    button = wizard.button(QWizard.WizardButton.NextButton)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # the first click: «Далее»
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    QTest.mouseClick(finish, Qt.MouseButton.LeftButton)  # the second, where «Далее» was
    assert wizard.isVisible() and wizard.position() == "result"
    assert main_window.view.store.get_assessment(organization, 2025).status == "draft"
    QTest.qWait(QApplication.doubleClickInterval() + 50)
    QTest.mouseClick(finish, Qt.MouseButton.LeftButton)  # a click of its own saves
    assert not wizard.isVisible()


@pytest.mark.slow
def test_ctrl_tab_switches_the_result_tabs(main_window, organization, example_answers, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from wizard_driver import fill_wizard

    wizard = main_window.view.start_assessment(2025)
    fill_wizard(wizard, example_answers("primary-small.json"))
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    page = wizard.result_page
    page.passport_button.setFocus()  # the focus outside the tabs, as after the page opens
    start = page.tabs.currentIndex()
    QTest.keyClick(page.passport_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() != start
    after = page.tabs.currentIndex()
    QTest.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert page.tabs.currentIndex() == start != after


def test_the_name_message_goes_once_the_name_is_typed(main_window):
    from PySide6.QtTest import QTest

    card = main_window.card
    card.name.setText("")
    card.save_button.click()
    assert card.message.isVisibleTo(card) and "Укажите наименование" in card.message.text()
    card.name.setFocus()
    QTest.keyClicks(card.name, "PPO")  # typed: the message about the empty name is stale now
    assert not card.message.isVisibleTo(card)


def test_the_cards_members_keep_the_digits_typed(main_window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    card = main_window.card
    for typed, members in (("1 250", 1250), ("48,00", 48), ("150000", 150000)):
        card.members.setFocus()
        card.members.selectAll()
        QTest.keyClicks(card.members, typed)
        QTest.keyClick(card.members, Qt.Key.Key_Return)
        assert card.fields()["members"] == members, typed


def _label_boxes(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    axes = figure.axes[0]
    return [t.get_window_extent(renderer) for t in axes.get_xticklabels()], figure.bbox, axes


@pytest.mark.slow
def test_the_radar_labels_are_whole_and_apart_on_a_small_screen_and_in_the_saved_picture(
    main_window, organization, example_answers, tmp_path, monkeypatch
):
    from wizard_driver import fill_wizard

    from ui.wizard.result_page import SAVED_RADAR_LABELS, SAVED_RADAR_SIZE

    wizard = main_window.view.start_assessment(2025)
    wizard.resize(1024, 600)
    fill_wizard(wizard, example_answers("primary-shipyard.json"))
    page = wizard.result_page
    profile = main_window.view.default_profile
    screen = page.chart.figure
    assert [t.get_text() for t in screen.axes[0].get_xticklabels()] == [k.id.upper() for k in profile.kpis]
    saved = page.radar(SAVED_RADAR_LABELS, SAVED_RADAR_SIZE)
    texts = [t.get_text().replace("\n", " ") for t in saved.axes[0].get_xticklabels()]
    assert texts == [f"{k.id.upper()} {k.title}" for k in profile.kpis]  # whole titles, no «…»
    for figure in (screen, saved):
        boxes, _, _ = _label_boxes(figure)
        title = figure._suptitle.get_window_extent()  # the organization's name and the year above the circle
        assert not any(title.overlaps(b) for b in boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b)
        if figure is screen:  # the window's figure: every label inside it
            frame = figure.bbox
            assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "r.png"), "")))
    page.save_png_button.click()
    assert (tmp_path / "r.png").stat().st_size > 10_000
