"""Screenshots of the small dialogs for the documentation (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.dialogs docs/screenshots

- ``dialog-new-assessment.png``: «Новая оценка» for an organization with earlier years (the year, the
  method, start from last year's answers or from nothing; «Начать» and «Отмена»);
- ``dialog-rescore.png``: «Пересчитать по новой версии методики» with two installed versions;
- ``dialog-open-files.png``: Qt's own file dialog (what Linux shows without a desktop portal) in the
  details view on a folder with a subfolder and received files: every word of it in Russian, the
  subfolder's type «Папка».
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from tools.screenshots.shots import DEFAULT_FOLDER, save, settle

QUESTION = (
    "Оценку за 2024 год «ППО МБОУ СОШ № 7» посчитали по методике «Базовая методика ФНПР» версии 1.0. "
    "По какой версии её пересчитать? Ответы не изменятся, баллы и уровень будут посчитаны заново."
)


def file_dialog(app: QApplication, folder: Path) -> QFileDialog:
    """The dialog «Загрузить файлы» opens, in the details view, once its folder is listed."""
    (folder / "от территорий").mkdir()
    for name in ("оценка-2025-ППО школы № 7.xlsx", "оценка-2025-ППО больницы № 3.json", "сводный отчёт.xlsx"):
        (folder / name).write_bytes(b"x" * 2048)
    dialog = QFileDialog(None, "Загрузить файлы оценки", str(folder), "Файлы оценки (*.json *.xlsx *.xlsm)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(1000, 480)
    dialog.show()
    deadline = time.monotonic() + 10  # the folder is listed on Qt's own thread
    while time.monotonic() < deadline:
        settle(app)
        if "от территорий" in _shown_names(dialog):
            break
        time.sleep(0.05)
    view = _tree(dialog)
    if view is not None:  # Qt's default widths cut the names and types short; the picture shows them whole
        for column in range(view.model().columnCount(view.rootIndex())):
            view.resizeColumnToContents(column)
    return dialog


def _tree(dialog: QFileDialog):
    from PySide6.QtWidgets import QTreeView

    return dialog.findChild(QTreeView, "treeView")


def _shown_names(dialog: QFileDialog) -> list[str]:
    view = _tree(dialog)
    if view is None:
        return []
    model, root = view.model(), view.rootIndex()
    return [model.index(row, 0, root).data() for row in range(model.rowCount(root))]


def main(out: str) -> int:
    from ui.app import install_russian
    from ui.dialogs.new_assessment import NewAssessmentDialog
    from ui.dialogs.rescore import RescoreDialog

    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_russian(app)

    new = NewAssessmentDialog(2025, [("fnpr-base", "Базовая методика ФНПР, версия 1.0")], earlier_years=[2023, 2024])
    new.show()
    save(new, folder, "dialog-new-assessment", app)
    new.close()

    versions = [("1.1", "версия 1.1 (установлена 12.11.2026)"), ("2.0", "версия 2.0 (установлена 01.12.2026)")]
    rescore = RescoreDialog(QUESTION, versions)
    rescore.show()
    save(rescore, folder, "dialog-rescore", app)
    rescore.close()

    with tempfile.TemporaryDirectory() as tmp:
        files = file_dialog(app, Path(tmp))
        save(files, folder, "dialog-open-files", app)
        files.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
