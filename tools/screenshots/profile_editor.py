"""Screenshots of the profile editor (run by scripts/screenshots under Xvfb).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.profile_editor OUT

Opens «Методика → Редактор методики…» from the main window on a throwaway database, types a negative
target (the error beside the field), fixes it, edits a KPI's recommendation, and saves
``profile-editor-error.png``, ``profile-editor-changes.png``, ``profile-editor-kpi-share.png`` and
``profile-editor-1024x600.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from tools.screenshots.shots import DEFAULT_FOLDER, main_window_on_a_throwaway_database, save, settle

TARGET = "parameters.meetings_target"


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with main_window_on_a_throwaway_database(app) as main_window:
        editor = main_window.view.open_profile_editor()
        editor.move(0, 0)
        settle(app)
        editor.show_group(editor.group_titled("Целевые значения"))
        editor.groups_view.expandAll()
        target = editor.findChild(QLineEdit, f"field:{TARGET}")
        target.setText("-4")
        settle(app)
        editor.scroll_area.ensureWidgetVisible(target, 50, 120)
        save(editor, folder, "profile-editor-error", app)

        target.setText("6")
        kpis = editor.group_titled("Показатели")
        editor.show_group(kpis.children[2].children[0])
        advice = editor.findChild(QPlainTextEdit, "field:kpis.2.components.0.advice")
        advice.setPlainText("Передавайте материалы в вышестоящую организацию дважды в неделю.")
        editor.form.flush()
        editor.new_id.setText("lipetsk")
        editor.new_version.setText("2026.1")
        editor.tabs.setCurrentIndex(1)
        save(editor, folder, "profile-editor-changes", app)

        editor.tabs.setCurrentIndex(0)
        editor.show_group(kpis.children[1])  # K2: its weight doubled, its share of the index beside it
        editor.findChild(QLineEdit, "field:kpis.1.weight").setText("2")
        settle(app)
        save(editor, folder, "profile-editor-kpi-share", app)

        editor.resize(1024 - 20, 600 - 40)
        editor.tabs.setCurrentIndex(0)
        editor.show_group(kpis.children[2].children[0])
        save(editor, folder, "profile-editor-1024x600", app)
        editor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
