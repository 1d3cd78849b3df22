"""Screenshots of «Сравнение организаций» on the demo data (run by scripts/screenshots under Xvfb).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.compare docs/screenshots

Loads the demonstration federation into a throwaway database, opens the comparison from the main
window as a user would, and saves the table and every chart as ``compare-*.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSettings
from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, save, settle


def select_rows(window, rows: list[int]) -> None:
    model = window.model
    selection = QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    window.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.usecases.demo import fill_demo
    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow
    from ui.widgets.screen import fit_main_window

    install_russian(app)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        main_window = MainWindow(f"sqlite:///{Path(tmp) / 'maturity.db'}", settings=settings, runner=SyncRunner())
        fit_main_window(main_window)
        main_window.show()
        main_window.open_database()
        fill_demo(main_window.view.store)
        main_window.view.refresh()
        window = main_window.view.open_comparison()
        settle(app)
        window.table.scrollToTop()
        save(window, folder, "compare-table", app)

        # a territorial organization's primaries: the group of the charts
        parent = next(
            i for i in range(window.parent_filter.count()) if "Самарская областная" in window.parent_filter.itemText(i)
        )
        window.parent_filter.setCurrentIndex(parent)
        window.level.setCurrentIndex(window.level.findData("primary"))
        save(window, folder, "compare-table-filtered", app)

        window.tabs.setCurrentIndex(1)
        for kind, rows in (
            ("bars", [0, 1, 2, 3]),
            ("radar", [0, 1, 2]),
            ("years", [0]),
            ("years", []),
            ("levels", []),
            ("heatmap", []),
            ("group", []),
        ):
            window.table.clearSelection()
            if rows:
                select_rows(window, rows)
            window.chart_kind.setCurrentIndex(window.chart_kind.findData(kind))
            window.refresh_chart()
            suffix = "-organization" if kind == "years" and rows else "-group" if kind == "years" else ""
            save(window, folder, f"compare-chart-{kind}{suffix}", app)

        # the whole federation's heat map: its first rows, and the title says of how many
        window.parent_filter.setCurrentIndex(0)
        window.level.setCurrentIndex(0)
        window.table.clearSelection()
        window.chart_kind.setCurrentIndex(window.chart_kind.findData("heatmap"))
        window.refresh_chart()
        save(window, folder, "compare-chart-heatmap-first-rows", app)

        # who has submitted: the whole federation, the year with drafts, only those who have not submitted
        window.year.setCurrentIndex(window.year.findData(2025))
        window.tabs.setCurrentIndex(2)
        window.only_missing.setChecked(True)
        save(window, folder, "compare-status", app)
        window.close()
        main_window.view.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
