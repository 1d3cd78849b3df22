"""The first page of «Сводка» in the demo federation's consolidated report (260 organizations) as LibreOffice
prints it: converted to PDF by ``soffice --headless``, the page found by its header «Лист «Сводка»» and
rendered by ``pdftoppm`` to ``report-summary-print.png``. Needs LibreOffice, poppler-utils and the Carlito font
(scripts/setup-system libreoffice)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from maturity.storage.store import open_store
from maturity.usecases.demo import fill_demo
from maturity.usecases.report_source import export_report


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = work / "report.xlsx"
        with open_store(f"sqlite:///{work / 'demo.db'}") as store:
            fill_demo(store)
            export_report(store, 2025, report)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(report),
            ],
            check=True,
            capture_output=True,
        )
        page = first_page_of(work / "report.pdf", "Сводка")
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "110",
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(work / "report.pdf"),
                str(out / "report-summary-print"),
            ],
            check=True,
        )
    print(out / "report-summary-print.png")


def first_page_of(pdf: Path, sheet: str) -> int:
    """The number of the first page whose header names ``sheet``."""
    page = 1
    while True:
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if f"Лист «{sheet}»" in text:
            return page
        page += 1


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
