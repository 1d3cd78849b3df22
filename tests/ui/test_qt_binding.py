"""The Qt binding keeps Python's reference counts right.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` at every call of a method that returns
nothing; after some thousands of such calls ``None`` was freed and the program (and the test run)
crashed at a random place. pyproject.toml keeps that release out; this test fails if such a release
comes back in.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QProgressDialog, QWidget


def _calls_that_return_nothing(parent: QWidget) -> list:
    dialog = QProgressDialog("Загрузка", "Отмена", 0, 10, parent)
    return [
        lambda: dialog.setValue(3),
        lambda: dialog.setLabelText("второй файл"),
        lambda: dialog.reset(),
        lambda: dialog.hide(),
        lambda: parent.setWindowTitle("Цифровая зрелость"),
        lambda: parent.setEnabled(True),
    ]


@pytest.mark.parametrize("call_number", range(6))
def test_a_call_that_returns_nothing_keeps_the_count_of_none(qtbot, call_number):
    parent = QWidget()
    qtbot.addWidget(parent)
    call = _calls_that_return_nothing(parent)[call_number]
    call()
    before = sys.getrefcount(None)
    for _ in range(100):
        call()
    after = sys.getrefcount(None)

    assert after >= before - 5  # a few may go with other objects; 100 lost means the binding's bug
