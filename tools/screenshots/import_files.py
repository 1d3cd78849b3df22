"""Screenshot of the import results for the documentation (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.import_files docs/screenshots

Imports, into a throwaway database, a folder with the examples, a workbook written by the program's
exporter, a second copy of an example (skipped: its assessment is already there) and two broken
files (rejected, with their reasons), then saves the import dialog's result list as
``import-results.png``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save, settle

EXAMPLES = ROOT / "examples"


def prepare_files(folder: Path) -> list[Path]:
    from maturity.exchange.assessment_json import read_assessment_json
    from maturity.exchange.workbook_export import write_assessment_workbook

    folder.mkdir(parents=True)
    files = []
    for name in ("primary-small.json", "primary-shipyard.json", "territorial-health.json"):
        files.append(Path(shutil.copy(EXAMPLES / name, folder / name)))
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    data["answers"]["profile.name"] = "Первичная профсоюзная организация ГУЗ «Городская больница № 3»"
    data["answers"]["profile.members"] = 240
    del data["meta"]["organization_id"]
    source = folder.parent / "больница.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    workbook = folder / "больница-2025.xlsx"
    write_assessment_workbook(read_assessment_json(source), workbook)
    files.append(workbook)
    files.append(Path(shutil.copy(EXAMPLES / "primary-small.json", folder / "школа-7-повторно.json")))
    broken = folder / "сводка.xlsx"
    broken.write_text("это не книга Excel", encoding="utf-8")
    files.append(broken)
    negative = json.loads((EXAMPLES / "primary-shipyard.json").read_text(encoding="utf-8"))
    negative["answers"]["profile.name"] = "Первичная профсоюзная организация ПАО «Завод»"
    negative["answers"]["k4.subscribers"] = -5
    del negative["meta"]["organization_id"]
    path = folder / "завод.json"
    path.write_text(json.dumps(negative, ensure_ascii=False), encoding="utf-8")
    files.append(path)
    return files


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow
    from ui.widgets.screen import fit_main_window

    install_russian(app)
    with tempfile.TemporaryDirectory() as tmp:
        files = prepare_files(Path(tmp) / "оценки")
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(f"sqlite:///{Path(tmp) / 'maturity.db'}", settings=settings, runner=SyncRunner())
        fit_main_window(window)
        window.show()
        window.open_database()
        settle(app)
        dialog = window.view.open_import([str(p) for p in files])
        save(dialog, folder, "import-choose", app)
        dialog.start_button.click()
        save(dialog, folder, "import-results", app)
        dialog.close()
        window.view.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
