"""The passport never leaves the signature alone on a page (issue 21, item 4): whatever the plan's length,
the page with the signature holds some of the passport above it, and the signature is never split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_reading import pages

from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.scoring import score
from maturity.method.profile import load_profile
from maturity.usecases.passport import passport_content

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
SIGNATURE_WORDS = {"Дата:", "«____»", "20____", "г.", "Председатель", "Подпись", "Расшифровка", "подписи", "/"}


def signature_page_words(path: Path) -> tuple[list[str], int]:
    """The words of the page the signature is on that are not the signature's nor the footer's, and on how
    many pages «Подпись» and «Дата:» are."""
    found = pages(path)
    with_signature = [p for p in found if any(w.text == "Подпись" for w in p.words)]
    with_date = [p for p in found if any(w.text == "Дата:" for w in p.words)]
    assert len(with_signature) == 1 and with_date == with_signature  # the signature whole, on one page
    page = with_signature[0]
    footer_top = page.height - 40  # the footer «… стр. 2 из 2» stands in the bottom margin
    others = [
        w.text
        for w in page.words
        if w.text not in SIGNATURE_WORDS and not w.text.startswith("___") and w.y_min < footer_top
    ]
    return others, len(found)


@pytest.mark.subprocess
@pytest.mark.parametrize("steps", range(0, 21))
def test_the_signature_shares_its_page_with_the_passport(qapp, tmp_path, steps):
    from ui.passport.pdf import write_passport_pdf

    profile = load_profile("fnpr-base")
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
    road_map = default_plan(profile, answers, 2025)
    note = "согласовать с бухгалтерией " * (steps % 3)
    plan = [PlanStep(s.step, "planned", "Иванова Елена Викторовна", s.due, note) for s in road_map[:steps]]
    content = passport_content(
        profile,
        2025,
        answers,
        score(profile, answers),
        organization_name="ППО",
        draft=False,
        plan=plan,
        plan_saved=True,
    )
    path = tmp_path / "паспорт.pdf"
    write_passport_pdf(content, str(path))
    others, count = signature_page_words(path)
    assert others, f"{steps} шагов: на странице подписи ничего, кроме подписи"
    assert count <= 2
