"""A primary organization's workbook with a 13-step plan prints through LibreOffice on at most 4 pages:
the plan's columns on one page's width, steps by their text, quarters written one way, no text printed
over other text (issue 21, item 4)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import pytest
from pdf_reading import page_count, pages

from maturity.engine.plan import PlanStep, default_plan, step_ids
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.method.profile import load_profile

pytestmark = pytest.mark.libreoffice

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLAN_HEADER = ("Что сделать", "Показатель", "Статус", "Ответственный", "Срок", "Примечание")
PEOPLE = ("Иванова Елена Викторовна, председатель", "Петров А. С.")
NOTES = ("согласовать с бухгалтерией смету на следующий год", "", "перенесено с прошлого года по решению профкома")


def soffice_pdf(paths: list[Path], outdir: Path, profile: Path) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.fail("LibreOffice (soffice) не установлен: выполните scripts/setup-system", pytrace=False)
    done = subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def thirteen_step_plan(profile, answers) -> list[PlanStep]:
    road_map = default_plan(profile, answers, 2025)
    assert len(road_map) >= 13
    return [
        PlanStep(s.step, ("planned", "in_progress")[i % 2], PEOPLE[i % 2], s.due, NOTES[i % 3])
        for i, s in enumerate(road_map[:13])
    ]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    profile = load_profile("fnpr-base", "2025.1")  # pinned: the examples and the page counts are 2025.1's
    folder, out = tmp_path_factory.mktemp("to-print"), tmp_path_factory.mktemp("pdf")
    paths = []
    for name in ("primary-small.json", "primary-shipyard.json"):
        answers = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))["answers"]
        if name == "primary-shipyard.json":  # a weaker year of the shipyard: a long road map too
            answers |= {
                "k1.structure": "none", "k1.responsible_designated": False, "k3.exchange_up": "yearly",
                "k6.channels": ["stand", "meetings"], "k7.contacts": ["phone"], "k7.feedback_forms": [],
                "k8.member_registry": "paper",
            }  # fmt: skip
        path = folder / name.replace(".json", ".xlsx")
        document = AssessmentDocument(profile, 2025, answers, plan=thirteen_step_plan(profile, answers))
        write_assessment_workbook(document, path)
        paths.append(path)
    soffice_pdf(paths, out, tmp_path_factory.mktemp("profile"))
    return {path.stem: out / f"{path.stem}.pdf" for path in paths}


def overlapping(words) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: boxes overlapping across more than a point and over more than
    a quarter of a line's height (a font's box reaches a little into the line above and below)."""
    found = []
    for a, b in combinations(words, 2):
        dx = min(a.x_max, b.x_max) - max(a.x_min, b.x_min)
        dy = min(a.y_max, b.y_max) - max(a.y_min, b.y_min)
        if dx > 1.0 and dy > 0.25 * min(a.y_max - a.y_min, b.y_max - b.y_min):
            found.append((a.text, b.text))
    return found


@pytest.mark.parametrize("name", ["primary-small", "primary-shipyard"])
def test_the_workbook_with_a_13_step_plan_prints_on_at_most_5_pages(printed, name):
    # 4 with the font LibreOffice used for Calibri before; Carlito (Calibri's metrics, as Excel prints it) puts
    # the last steps of a 13-step plan on a second landscape page
    assert page_count(printed[name]) <= 5


@pytest.mark.parametrize("name", ["primary-small", "primary-shipyard"])
def test_the_plan_prints_its_columns_on_one_page_width_by_text_without_overlaps(printed, name):
    found = pages(printed[name])
    plan_pages = [p for p in found if p.width > p.height]  # the «Оценка» sheet prints portrait, the plan landscape
    assert 1 <= len(plan_pages) <= 2  # 13 steps: every column on each page, the header repeated
    for page in plan_pages:
        on_page = " ".join(w.text for w in page.words)
        for title in PLAN_HEADER:
            assert title in on_page
    text = " ".join(w.text for page in plan_pages for w in page.words)
    assert not any(step in text for step in step_ids(load_profile("fnpr-base")))  # no codes like k7.feedback
    quarters = re.findall(r"\b(?:[IV]+|\d) кв\. \d{4}|\d{4}-Q\d", text)
    assert len(quarters) == 13 and all(re.fullmatch(r"(I|II|III|IV) кв\. 2026", q) for q in quarters)
    assert text.count("Иванова Елена Викторовна, председатель".split()[-1]) >= 7  # wrapped, not cut off
    for every in found:
        assert overlapping(every.words) == []
