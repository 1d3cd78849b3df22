"""Editing the plan as a chair would, through the table's own editors; also run as a script by the
kill test:

    python tests/ui/plan_driver.py DB_URL ANSWERS.json

opens the app (its real background runner) on DB_URL, creates the organization and its 2025
assessment from the answers, opens it at the result page, marks the plan's first step done with a
responsible person and a quarter, waits until the plan is written, prints «READY» and waits to be killed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QTabWidget

from ui.plan.model import DUE, RESPONSIBLE, STATUS

RESPONSIBLE_NAME = "Иванова Е. В."
DUE_QUARTER = "2026-Q3"


def open_editor(view: Any, kind: type) -> Any:
    """The cell editor the view has open (editors closed earlier wait hidden for their deletion)."""
    editors = [w for w in view.findChildren(kind) if w.isVisible()]
    assert len(editors) == 1, f"{len(editors)} open editors"
    return editors[0]


def show_plan_tab(panel: Any) -> None:
    """Click the «План» tab, as the chair does before editing."""
    widget = panel.parentWidget()
    while widget is not None and not isinstance(widget, QTabWidget):
        widget = widget.parentWidget()
    assert widget is not None, "the plan is not in a tab"
    widget.setCurrentWidget(panel)


def edit_choice(panel: Any, row: int, column: int, value: str) -> None:
    """Open the cell's combo box (as a double click does), pick ``value``, let it commit."""
    show_plan_tab(panel)
    view = panel.view
    index = panel.model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    combo = open_editor(view, QComboBox)
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())
    view.closeEditor(combo, view.itemDelegateForColumn(column).EndEditHint.NoHint)


def edit_text(panel: Any, row: int, column: int, text: str) -> None:
    show_plan_tab(panel)
    view = panel.view
    index = panel.model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    line = open_editor(view, QLineEdit)
    line.selectAll()
    line.insert(text)  # QTest.keyClicks cannot type Cyrillic
    QTest.keyClick(line, Qt.Key.Key_Return)
    QTest.qWait(0)  # the delegate commits an Enter through a queued call


def mark_first_step_done(panel: Any) -> None:
    edit_choice(panel, 0, STATUS, "done")
    edit_text(panel, 0, RESPONSIBLE, RESPONSIBLE_NAME)
    edit_choice(panel, 0, DUE, DUE_QUARTER)


def main(db_url: str, answers_path: str) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.app import install_russian
    from ui.main.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_russian(app)
    answers = json.loads(open(answers_path, encoding="utf-8").read())["answers"]
    window = MainWindow(db_url)
    window.show()
    window.open_database()
    while not window.is_open:
        QTest.qWait(50)
    org = window.view.store.create_organization(answers["profile.name"], answers["profile.level"])
    window.view.store.save_assessment(org, 2025, window.view.default_profile, answers)
    window.view.refresh(org.id)
    window.view.select_year(2025)
    wizard = window.view.open_selected()
    panel = wizard.result_page.plan_panel
    mark_first_step_done(panel)
    while panel.saver.pending:
        QTest.qWait(50)
    print(f"READY {panel.model.steps[0].step}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
