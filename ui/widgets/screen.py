"""Sizing a window to the screen it opens on: the size it asks for, or less on a small screen (1366×768, 1024×600)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_main_window(window: QWidget) -> None:
    """1100×680, or the screen's free area when it is smaller (a 1366×768 laptop fits)."""
    screen = window.screen()
    width, height = 1100, 680
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 20), min(height, free.height() - 40)
    window.resize(width, height)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """``width``×``height``, or less where the screen's free area is smaller."""
    parent = widget.parentWidget()
    screen = widget.screen() or (parent.screen() if parent is not None else None)
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - 40)
        height = min(height, available.height() - 28)
    widget.resize(width, height)
