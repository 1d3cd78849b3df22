"""The «Итоги» sheet of a consolidated report as LibreOffice prints it: a report of 20 demo organizations,
converted to PDF by ``soffice --headless``, its first page rendered by ``pdftoppm`` to
``report-summary-print.png``. Needs LibreOffice and poppler-utils (scripts/setup-system libreoffice)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from maturity.storage.store import open_store
from maturity.usecases.demo import fill_demo
from maturity.usecases.report_source import export_report, report_entries


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = work / "report.xlsx"
        with open_store(f"sqlite:///{work / 'demo.db'}") as store:
            fill_demo(store, primaries=12)
            uids = {e.organization_id for e in report_entries(store.session, 2025)}
            chosen = [o.id for o in store.list_organizations() if o.uid in uids][:20]
            export_report(store, 2025, report, organization_ids=chosen)
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
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "110",
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(work / "report.pdf"),
                str(out / "report-summary-print"),
            ],
            check=True,
        )
    print(out / "report-summary-print.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
