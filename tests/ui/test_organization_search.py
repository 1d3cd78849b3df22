"""The main window's organization is chosen by typing part of its name: the field offers the matches in natural
order («№ 2» before «№ 10»), Enter or a click takes one, leaving the field without choosing keeps the one shown.
The card's parent is chosen the same way and may be erased. Keys typed into the real widgets, as Cyrillic text,
under a Russian and an English locale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(params=["ru_RU", "en_US"])
def locale(request):
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


def type_keys(widget, text: str) -> None:
    """Each character as a key press with its text (QTest's keyClicks knows Latin keys only)."""
    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def press(widget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


@pytest.fixture
def schools(main_window, organization):
    """The chair's organization and twelve schools, «№ 1» … «№ 12», made in a shuffled order."""
    store = main_window.view.store
    made = {
        n: store.create_organization(f"ППО школы № {n}", "primary") for n in (7, 12, 1, 10, 3, 2, 11, 5, 9, 4, 8, 6)
    }
    main_window.view.refresh(organization.id)
    return made


@pytest.mark.slow
def test_the_field_offers_the_typed_words_matches_in_natural_order(main_window, schools, locale):
    picker = main_window.org_picker
    assert picker.isVisible()

    type_keys(picker, "школы № 1")

    assert picker.text() == "школы № 1"
    assert [o.name for o in picker.matches()] == ["ППО школы № 1", "ППО школы № 10", "ППО школы № 11", "ППО школы № 12"]
    assert picker.completer().popup().isVisible()


def test_enter_takes_the_first_match_and_the_window_shows_it(main_window, schools, locale):
    picker = main_window.org_picker
    type_keys(picker, "ШКОЛЫ № 1")
    picker.completer().popup().hide()  # the user closed the list and pressed Enter in the field

    press(picker, Qt.Key.Key_Return)

    assert main_window.view.organization.id == schools[1].id
    assert main_window.card.name.text() == "ППО школы № 1"
    assert picker.text() == "ППО школы № 1"


def test_a_match_taken_from_the_list_with_the_arrows_is_shown(main_window, schools, locale):
    picker = main_window.org_picker
    type_keys(picker, "№ 1")
    popup = picker.completer().popup()

    press(popup, Qt.Key.Key_Down)
    press(popup, Qt.Key.Key_Down)
    press(popup, Qt.Key.Key_Return)

    assert main_window.view.organization.id == schools[10].id
    assert main_window.history_title.text().endswith("ППО школы № 10")


def test_leaving_the_field_without_choosing_keeps_the_organization_shown(main_window, organization, schools, locale):
    picker = main_window.org_picker
    type_keys(picker, "нет такой")
    assert picker.matches() == []

    main_window.card.region.setFocus()
    QApplication.sendEvent(picker, QEvent(QEvent.Type.FocusOut))

    assert main_window.view.organization.id == organization.id
    assert picker.text() == organization.name


def test_the_parent_is_chosen_by_typing_and_can_be_erased(main_window, organization, schools, locale):
    card = main_window.card
    type_keys(card.parent_org, "школы № 12")
    assert [o.name for o in card.parent_org.matches()] == ["ППО школы № 12"]
    card.parent_org.completer().popup().hide()
    press(card.parent_org, Qt.Key.Key_Return)

    card.save_button.click()

    store = main_window.view.store
    store.session.expire_all()
    assert store.get_organization(organization.id).parent_id == schools[12].id
    assert card.parent_org.text() == "ППО школы № 12"

    card.parent_org.setFocus()
    card.parent_org.selectAll()
    press(card.parent_org, Qt.Key.Key_Backspace)
    card.save_button.click()

    store.session.expire_all()
    assert store.get_organization(organization.id).parent_id is None


def test_an_organization_is_not_offered_as_its_own_parent(main_window, organization, schools, locale):
    type_keys(main_window.card.parent_org, organization.name[:6])

    assert organization.id not in [o.id for o in main_window.card.parent_org.matches()]


def test_typing_again_after_a_choice_searches_anew(main_window, schools, locale):
    picker = main_window.org_picker
    type_keys(picker, "№ 12")
    picker.completer().popup().hide()
    press(picker, Qt.Key.Key_Return)
    assert picker.text() == "ППО школы № 12"

    type_keys(picker, "№ 3")

    assert picker.text() == "№ 3"
    assert [o.name for o in picker.matches()] == ["ППО школы № 3"]
