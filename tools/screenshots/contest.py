"""Screenshots of «Смотр-конкурс» on the demo data (run under Xvfb):

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.contest docs/screenshots

Loads the demonstration federation, accepts the 2025 assessments that are complete, opens the comparison from
the main window, chooses a territorial organization and presses «Смотр-конкурс…»; two commission members mark
a participant through the window's fields; saves the window (``contest-window.png``; it and the comparison
window also as the app opens them on a 1024×600 screen, ``…-1024x600.png``), then the protocol's
first page and a diploma as the PDFs the window writes, rendered by ``pdftoppm`` (``contest-protocol.png``,
``contest-diploma.png``), and the Excel protocol's first page as LibreOffice prints it
(``contest-protocol-xlsx-print.png``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, save, settle

YEAR = 2025


def accept_complete(store, year: int) -> None:
    from maturity.usecases.review import decide

    for org in store.list_organizations():
        assessment = store.get_assessment(org, year)
        if assessment is not None and assessment.status == "complete":
            decide(store, org, year, "accept")


def type_into(widget, text: str) -> None:
    widget.clear()
    widget.insert(text)


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
        accept_complete(main_window.view.store, YEAR)
        main_window.view.refresh()
        compare = main_window.view.open_comparison()
        settle(app)
        compare.year.setCurrentIndex(compare.year.findData(YEAR))
        parent = next(
            i
            for i in range(compare.parent_filter.count())
            if "Самарская областная" in compare.parent_filter.itemText(i)
        )
        compare.parent_filter.setCurrentIndex(parent)
        compare.contest_button.click()
        window = compare.contest_window
        window.resize(1300, 740)
        settle(app)
        window.table.selectRow(1)
        for member, points, remark in (("Петров П.П.", "8,5", "стенд обновляется еженедельно, фото приложено"),
                                       ("Сидорова А.А.", "9", "")):  # fmt: skip
            type_into(window.member, member)
            type_into(window.points, points)
            type_into(window.remark, remark)
            window.mark_button.click()
            settle(app)
        type_into(window.member, "Кузнецов В.В.")
        type_into(window.points, "12")
        window.mark_button.click()  # refused: out of range, said beside the field
        save(window, folder, "contest-window", app)
        for shown, name in ((window, "contest-window"), (compare, "compare-table")):  # as on a 1024×600 screen
            size = shown.size()
            shown.resize(1024 - 40, 600 - 28)
            save(shown, folder, f"{name}-1024x600", app)
            shown.resize(size)

        pdf = Path(tmp) / "протокол.pdf"
        window.save_protocol(str(pdf))
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(folder / "contest-protocol")], check=True)  # fmt: skip
        workbook = Path(tmp) / "протокол.xlsx"  # the Excel protocol as LibreOffice prints it: header, table, footer
        window.save_protocol(str(workbook))
        subprocess.run(["soffice", f"-env:UserInstallation={(Path(tmp) / 'lo').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(workbook)], check=True, capture_output=True)  # fmt: skip
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(workbook.with_suffix(".pdf")),
                        str(folder / "contest-protocol-xlsx-print")], check=True)  # fmt: skip
        diplomas = Path(tmp) / "дипломы"
        window.save_diplomas(str(diplomas))
        first = sorted(diplomas.glob("Диплом-overall-1-*.pdf"))[0]
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(first), str(folder / "contest-diploma")],
                       check=True)  # fmt: skip
        for name in ("contest-protocol", "contest-protocol-xlsx-print", "contest-diploma"):
            print(f"docs/screenshots/{name}.png")
        window.close()
        compare.close()
        main_window.view.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
