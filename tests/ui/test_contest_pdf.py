"""The contest's PDFs with hostile names: a name of 300 characters stays whole on its one-page diploma (the text
shrinks, never cut), a name with HTML's characters prints as written in the protocol and on the diploma, and
two winners whose names make the same file name get two files."""

from __future__ import annotations

import pytest
from pdf_reading import page_count, pdf_text, squeezed

from maturity.engine.contest import ContestResults, Entrant, Group, NominationResult, Rules, rank

LONG = "Первичная профсоюзная организация " + "«Очень длинное название учреждения» " * 8
ODD = "ППО <b>«Альфа» & Co</b>"


def results(*names: str, tie: bool = False) -> ContestResults:
    entrants = [Entrant(f"u{i}", name, "primary", "under-100", 80.0 - (0 if tie else i), 60.0)
                for i, name in enumerate(names)]  # fmt: skip
    group = Group("primary", "Первичная профсоюзная организация (ППО)", "under-100", "до 100 членов",
                  tuple(rank(entrants, Rules())))  # fmt: skip
    nomination = NominationResult("overall", "Лучшая постановка информационной работы", "index", "индекс", "",
                                  (group,))  # fmt: skip
    return ContestResults(2025, "Территориальная организация", "Базовая методика ФНПР", Rules(), ("Петров П.П.",),
                          (nomination,), len(names))  # fmt: skip


@pytest.mark.subprocess
def test_a_very_long_name_is_whole_on_a_one_page_diploma(qapp, tmp_path):
    from ui.contest.pdf import write_diplomas

    [diploma] = write_diplomas(results(LONG[:300]), str(tmp_path / "дипломы"))
    assert page_count(diploma) == 1
    assert squeezed(LONG[:300]) in squeezed(pdf_text(diploma))


@pytest.mark.subprocess
def test_a_name_with_htmls_characters_prints_as_written(qapp, tmp_path):
    from ui.contest.pdf import write_diplomas, write_protocol_pdf

    protocol = tmp_path / "протокол.pdf"
    write_protocol_pdf(results(ODD, "ППО «Бета»"), str(protocol))
    assert squeezed(ODD) in squeezed(pdf_text(protocol))
    [first, _second] = write_diplomas(results(ODD, "ППО «Бета»"), str(tmp_path / "д"))
    assert squeezed(ODD) in squeezed(pdf_text(first))


@pytest.mark.slow
def test_two_winners_whose_names_make_one_file_name_get_two_files(qapp, tmp_path):
    from ui.contest.pdf import write_diplomas

    written = write_diplomas(results("ППО «Альфа»", "ППО /Альфа/", tie=True), str(tmp_path / "д"))  # both first
    assert len(written) == 2 and len({p.name for p in written}) == 2
    assert all(p.parent == tmp_path / "д" for p in written)
