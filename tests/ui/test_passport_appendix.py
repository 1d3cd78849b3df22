"""The passport's appendix: a merge's agenda («Обсудить на заседании», widest disagreement first, respondents by
number) and every answer with a comment or an evidence mark — in the content the core assembles and in the
printed PDF, after the signature, which stays on the first pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_reading import page_count, pdf_text, squeezed

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.respondent_merge import Copy, merge_respondents
from maturity.engine.scoring import score
from maturity.method.profile import load_profile
from maturity.usecases.passport import passport_content

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ANSWERS = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))["answers"]
NOTES = AnswerNotes(
    {"k1.structure": "Утверждено на заседании профкома\nуточнить у секретаря"},
    {"k1.structure": "протокол № 5 от 12.03.2025", "k1.responsible_designated": ""},
)


def merged_passport():
    copies = []
    for number, meetings in enumerate((85, 95, 300)):
        answers = dict(ANSWERS, **{"k3.info_meetings": meetings, "k1.responsible_designated": number == 0})
        copies.append(Copy(answers))
    merged = merge_respondents(PROFILE, copies)
    passport = passport_content(
        PROFILE, 2025, merged.answers, score(PROFILE, merged.answers), organization_name="ППО школы № 7",
        draft=False, notes=NOTES, merge=merged.file_block(),
    )  # fmt: skip
    return passport, merged


def test_the_appendix_lists_the_agenda_first_and_every_confirmed_or_commented_answer():
    passport, merged = merged_passport()
    assert passport.respondents == 3
    assert [row.question_id for row in passport.agenda] == [e["question"] for e in merged.agenda]
    assert passport.agenda[0].question_id == "k3.info_meetings" and passport.agenda[0].answers == ("85", "95", "300")
    assert [line.question_id for line in passport.appendix] == ["k1.structure", "k1.responsible_designated"]
    assert passport.appendix[0].evidence == "подтверждается документом: протокол № 5 от 12.03.2025"
    assert passport.appendix[1].evidence == "подтверждается документом"


def test_a_passport_without_notes_or_merge_has_no_appendix():
    passport = passport_content(PROFILE, 2025, ANSWERS, score(PROFILE, ANSWERS), organization_name="ППО", draft=False)
    from ui.passport.html import passport_html

    assert passport.appendix == () and passport.agenda == ()
    assert "Приложение" not in passport_html(passport)


@pytest.mark.subprocess  # pdftotext
def test_the_printed_appendix_follows_the_signature(qapp, tmp_path):
    from ui.passport.pdf import write_passport_pdf

    passport, _merged = merged_passport()
    path = tmp_path / "паспорт.pdf"
    write_passport_pdf(passport, str(path))
    text = pdf_text(path)
    flat = squeezed(text)
    assert text.index("Подпись") < text.index("Приложение к паспорту") < text.index("Обсудить на заседании")
    assert squeezed("Ответы респондентов: 1: 85; 2: 95; 3: 300") in flat
    assert squeezed("Подтверждается документом: протокол № 5 от 12.03.2025") in flat
    assert squeezed("Комментарий: Утверждено на заседании профкома") in flat
    assert page_count(path) == 3
