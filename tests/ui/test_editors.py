"""An editor per answer type, each with a «no answer» state distinct from «нет», 0 and «ничего»."""

from __future__ import annotations

import pytest

from ui.wizard.editors import BoolEditor, ChoiceEditor, IntEditor, MultiEditor, NumberEditor, TextEditor, editor_for


@pytest.fixture
def make(qtbot, base_profile):
    def build(question_id):
        editor = editor_for(base_profile.question(question_id))
        qtbot.addWidget(editor)
        values = []
        editor.changed.connect(values.append)
        return editor, values

    return build


def test_each_answer_type_gets_its_editor(make):
    kinds = {
        "k1.responsible_designated": BoolEditor,
        "k3.info_meetings": IntEditor,
        "profile.budget": NumberEditor,
        "k1.structure": ChoiceEditor,
        "k6.channels": MultiEditor,
        "profile.name": TextEditor,
    }
    for question_id, kind in kinds.items():
        assert type(make(question_id)[0]) is kind


def test_yes_no_starts_unanswered_and_no_is_an_answer(make):
    editor, values = make("k1.responsible_designated")
    assert editor.value() is None
    editor.no.click()
    editor.yes.click()
    editor.clear()
    assert values == [False, True, None]
    assert not editor.yes.isChecked() and not editor.no.isChecked()


def test_a_count_starts_unanswered_and_zero_is_an_answer(make):
    editor, values = make("k3.info_meetings")
    assert editor.spin.text() == "не указано"
    editor.spin.setValue(0)
    editor.spin.stepDown()
    assert values == [0, None]


def test_members_cannot_go_below_one(make):
    editor, _ = make("profile.members")
    editor.spin.setValue(-5)
    assert editor.value() is None
    assert editor.spin.minimum() == 0 and editor.spin.specialValueText() == "не указано"


def test_money_is_in_rubles_with_kopecks_and_russian_digits(make, qapp):
    from ui.app import install_russian

    install_russian(qapp)
    editor, values = make("profile.budget")
    editor.spin.setValue(120000.5)
    assert values == [120000.5]
    assert editor.spin.text() == "120\u00a0000,50 руб."  # a no-break space between digit groups
    editor.spin.setValue(3000)
    assert values[-1] == 3000 and type(values[-1]) is int


def test_a_choice_shows_the_methods_labels_and_starts_unchosen(make):
    editor, values = make("k1.structure")
    labels = [editor.combo.itemText(i) for i in range(editor.combo.count())]
    assert labels[0] == "— не выбрано —" and "Назначенный информационный активист" in labels
    editor.combo.setCurrentIndex(labels.index("Председатель"))
    assert values == ["chair"]


def test_multi_choice_tells_nothing_chosen_from_no_answer(make):
    editor, values = make("k4.extras")
    assert editor.value() is None
    editor.boxes["evergreen"].click()
    editor.none_box.click()  # «Ничего из перечисленного» unticks the others
    editor.none_box.click()
    assert values == [["evergreen"], [], None]
    assert not editor.boxes["evergreen"].isChecked()


def test_set_value_shows_an_answer_without_reporting_a_change(make):
    editor, values = make("k6.channels")
    editor.set_value(["email", "chats"])
    assert editor.value() == ["email", "chats"]
    editor.set_value([])
    assert editor.none_box.isChecked()
    assert values == []


def test_text_is_limited_to_the_questions_length(make):
    editor, values = make("profile.name")
    editor.line.insert("Я" * 400)
    assert len(editor.value()) == 300


def test_the_mouse_wheel_over_an_unfocused_field_does_not_change_the_answer(make, qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    editor, values = make("k3.info_meetings")
    editor.set_value(3)
    editor.show()
    qtbot.waitExposed(editor)
    center = QPointF(editor.spin.rect().center())
    wheel = QWheelEvent(
        center,
        editor.spin.mapToGlobal(center),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(editor.spin, wheel)
    assert editor.value() == 3 and values == []

    editor.spin.setFocus()
    qtbot.waitUntil(editor.spin.hasFocus)
    QApplication.sendEvent(editor.spin, wheel)
    assert editor.value() == 4


def test_a_text_question_with_a_list_offers_it_and_other_for_any_text(make, base_profile):
    from ui.wizard.editors import SuggestedTextEditor

    question = base_profile.questions[base_profile.organization_question("sector")]
    editor, values = make(question.id)
    assert type(editor) is SuggestedTextEditor
    items = [editor.combo.itemText(i) for i in range(editor.combo.count())]
    assert items == ["— не выбрано —", *question.suggested, "другое…"]  # the profile's list, then «другое»
    assert editor.value() is None and not editor.line.isVisibleTo(editor)

    editor.combo.setCurrentIndex(2)
    assert editor.value() == question.suggested[1] and values[-1] == question.suggested[1]

    editor.combo.setCurrentIndex(editor.combo.count() - 1)  # «другое…»: a field for the name
    assert editor.line.isVisibleTo(editor) and editor.value() is None
    editor.line.insert("Профсоюз работников чего-то ещё")
    assert values[-1] == "Профсоюз работников чего-то ещё"


def test_an_answer_outside_the_list_shows_as_it_was_under_other(make, base_profile):
    question = base_profile.questions[base_profile.organization_question("sector")]
    editor, values = make(question.id)

    editor.set_value("Отраслевой профсоюз, записанный до списка")
    assert editor.combo.currentText() == "другое…" and editor.line.text() == "Отраслевой профсоюз, записанный до списка"
    assert editor.value() == "Отраслевой профсоюз, записанный до списка" and values == []  # set_value is silent

    editor.set_value(question.suggested[0])
    assert editor.combo.currentText() == question.suggested[0] and not editor.line.isVisibleTo(editor)
    editor.set_value(None)
    assert editor.value() is None


def test_typing_a_name_in_the_other_field_chooses_other(make, base_profile):
    question = base_profile.questions[base_profile.organization_question("sector")]
    editor, values = make(question.id)
    editor.set_value(question.suggested[0])
    editor.line.insert("Свой профсоюз")  # what the wizard driver and a paste do
    assert editor.combo.currentText() == "другое…" and values[-1] == "Свой профсоюз"
