"""The assessment workbook as a chair prints it: LibreOffice → PDF → one PNG per page (pdftoppm).

    python -m tools.screenshots.workbook_print docs/screenshots

The example organization with a previous year, so the «Что изменилось» block is on the page, and a plan of
13 steps with the responsible people and notes, so the «План» sheet is printed too (its own landscape page).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.screenshots.shots import DEFAULT_FOLDER, EXAMPLES, ROOT, weaker_year

EXAMPLE = EXAMPLES / "primary-small.json"


def main(out: str) -> int:
    from maturity.engine.scoring import score
    from maturity.engine.year_change import EarlierYear, year_change
    from maturity.exchange.assessment_json import read_assessment_json
    from maturity.exchange.workbook_export import write_assessment_workbook

    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    from dataclasses import replace

    from maturity.engine.plan import PlanStep, default_plan

    document = read_assessment_json(EXAMPLE)
    people = ("Иванова Елена Викторовна, председатель", "Петров А. С.")
    notes = ("согласовать с бухгалтерией смету на следующий год", "", "перенесено с прошлого года")
    road_map = default_plan(document.profile, document.answers, document.year)[:13]
    plan = [PlanStep(s.step, ("planned", "in_progress")[i % 2], people[i % 2], s.due, notes[i % 3])
            for i, s in enumerate(road_map)]  # fmt: skip
    document = replace(document, plan=plan)
    before_answers = weaker_year(document.profile, document.answers)
    before = score(document.profile, before_answers)
    earlier = EarlierYear(document.year - 1, before.index, before.level, before.kpis,
                          {n: o.status for n, o in before.norms.items()})  # fmt: skip
    result = score(document.profile, document.answers)
    change = year_change(document.profile, document.year, result, earlier)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("нужны LibreOffice и poppler-utils: scripts/setup-system libreoffice", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / "оценка.xlsx"
        write_assessment_workbook(document, workbook, result, change)
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(workbook)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        for old in folder.glob("workbook-print-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(Path(tmp) / "оценка.pdf"), str(folder / "workbook-print")],
                       check=True)  # fmt: skip
    for page in sorted(folder.glob("workbook-print-*.png")):
        print(page.relative_to(ROOT) if page.is_relative_to(ROOT) else page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
