"""A toolbar button that opens a dialog says so with «…», as its menu item does (Qt drops it from a button's
text unless the action's icon text keeps it)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton


def test_every_toolbar_button_shows_its_actions_ellipsis(main_window):
    buttons = {b.defaultAction().text(): b.text() for b in main_window.toolbar.findChildren(QToolButton)
               if b.defaultAction() is not None}  # fmt: skip

    opening = {text: shown for text, shown in buttons.items() if text.endswith("…")}
    assert "Загрузить файлы…" in opening
    assert all(shown == text for text, shown in opening.items())
