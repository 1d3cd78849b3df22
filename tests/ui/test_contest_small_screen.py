"""The comparison window and «Смотр-конкурс» on a 1024×600 netbook (the app opens them at 984×572, the screen's
free area less a frame): every button on screen, every column of the rankings in view, and the commission's
form filled with the keyboard as it reads — member, Tab, points, Tab, remark, Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget
from test_contest_window import choose, contest, locale, marks  # noqa: F401 (fixtures)
from test_merge_dialog import type_keys

SMALL = (1024 - 40, 600 - 28)  # ui.widgets.screen.fit_to_screen on a 1024×600 screen


def on_screen(widget: QWidget, window: QWidget) -> bool:
    """The widget is shown and wholly inside the window's rectangle."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    bottom_right = widget.mapTo(window, QPoint(widget.width() - 1, widget.height() - 1))
    return widget.isVisible() and window.rect().contains(top_left) and window.rect().contains(bottom_right)


def shrink(qtbot, window: QWidget) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() == SMALL[0] and window.height() == SMALL[1])
    QTest.qWait(20)


def test_the_comparison_window_fits_1024_by_600_with_every_button_on_screen(contest, qtbot):  # noqa: F811
    window, _ = contest
    compare = window.parentWidget()
    shrink(qtbot, compare)
    buttons = [b for b in compare.findChildren(QAbstractButton) if b.window() is compare and b.isVisibleTo(compare)]
    buttons = [b for b in buttons if b.text()]  # a tab bar's scroll arrows have none
    assert {"Смотр-конкурс…", "Экспорт в Excel…", "У кого поучиться…", "Принять"} <= {b.text() for b in buttons}
    for button in buttons:
        assert on_screen(button, compare), button.text()


def test_the_contest_window_fits_1024_by_600_with_its_buttons_its_form_and_every_column(contest, qtbot):  # noqa: F811
    window, _ = contest
    shrink(qtbot, window)
    for widget in (window.protocol_pdf_button, window.protocol_xlsx_button, window.diplomas_button,
                   window.member, window.points, window.remark, window.mark_button):  # fmt: skip
        assert on_screen(widget, window), widget.objectName() or widget.metaObject().className()
    header = window.table.horizontalHeader()
    assert header.length() <= window.table.viewport().width()  # the final score and the place in view
    assert not window.table.horizontalScrollBar().isVisible()
    assert on_screen(window.rules_area, window)


def test_a_mark_typed_with_tab_between_the_fields_keeps_its_remark(contest, qtbot):  # noqa: F811
    window, engine = contest
    shrink(qtbot, window)
    choose(window, "ППО «Альфа»")
    window.activateWindow()
    window.member.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.member)
    for text in ("Петров П.П.", "8,5", "фото стенда приложено"):
        type_keys(window.focusWidget(), text)
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is window.mark_button and marks(engine) == 0  # nothing pressed by a space
    QTest.keyClick(window.mark_button, Qt.Key.Key_Space)
    assert window.mark_message.text() == "Оценка члена комиссии «Петров П.П.» записана."
    assert window.marks_list.text() == "Оценки комиссии: Петров П.П.: 8,5 — «фото стенда приложено»"


@pytest.mark.parametrize("field", ["points", "remark"])
def test_enter_in_the_points_or_the_remark_records_the_mark(contest, qtbot, field):  # noqa: F811
    window, engine = contest
    choose(window, "ППО «Бета»")
    type_keys(window.member, "Сидорова А.А.")
    type_keys(window.points, "9")
    QTest.keyClick(getattr(window, field), Qt.Key.Key_Return)
    assert marks(engine) == 1 and window.mark_message.text() == "Оценка члена комиссии «Сидорова А.А.» записана."


def test_the_rules_are_whole_in_a_tall_window_and_take_four_lines_in_a_small_one(contest, qtbot):  # noqa: F811
    window, _ = contest
    lines = window.rules.fontMetrics().lineSpacing()
    window.resize(1150, 720)  # as the app opens it on 1366×768
    qtbot.waitUntil(lambda: window.height() == 720)
    QTest.qWait(20)
    assert window.rules_area.height() >= window.rules.heightForWidth(window.rules_area.viewport().width())
    assert not window.rules_area.verticalScrollBar().isVisible()
    shrink(qtbot, window)
    assert window.rules_area.height() <= 4 * lines


def test_the_forms_message_and_marks_take_room_only_with_a_text(contest, qtbot):  # noqa: F811
    window, _ = contest
    shrink(qtbot, window)
    assert not window.mark_message.isVisibleTo(window) and not window.marks_list.isVisibleTo(window)
    before = window.table.height()
    choose(window, "ППО «Альфа»")
    assert window.marks_list.isVisibleTo(window) and window.marks_list.text() == "Оценки комиссии: пока нет"
    QTest.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)  # no member, no points: refused, said
    assert window.mark_message.isVisibleTo(window) and window.mark_message.text()
    QTest.qWait(20)
    assert window.table.height() < before  # the lines took their room from the table, not off the screen
    assert on_screen(window.mark_message, window) and on_screen(window.diplomas_button, window)
