"""The contest's protocol workbook as LibreOffice prints it: no text printed over other text — the footer's
long sender (a territory's full name) over the page number, the 13-point title's second line over the next
row — and the header names the year. The rule of the header and the footer holds for every workbook that
:func:`maturity.exchange.print_setup.set_page` sets up, whatever the name and the scale."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from contest_groups import ANSWERS
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.exchange.contest_workbook import write_protocol_xlsx
from maturity.exchange.print_setup import (
    LINE_CHARACTERS,
    PARTS_GAP,
    PRINT_SCALE,
    SHEET_NAME_LIMIT,
    TABLE_SCALE,
    Sender,
    header_footer_lines,
    printed_length,
)
from maturity.usecases.contest import contest_results
from maturity.usecases.review import decide

YEAR = 2025
LONG_TERRITORY = "Самарская областная организация Профсоюза работников народного образования и науки РФ"
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=300)


@settings(max_examples=examples(80))
@given(made_for=names, title=names, scale=st.sampled_from([100, PRINT_SCALE, TABLE_SCALE]))
def test_a_headers_and_a_footers_two_parts_fit_one_line_whatever_the_names(made_for, title, scale):
    sender = Sender(made_for, "07.12.2026", "0.1.0")
    (title_part, sheet), (sender_part, page) = header_footer_lines(title, sender, scale)
    line = LINE_CHARACTERS * 100 / scale
    sheet_shown = printed_length(sheet.replace("&A", "")) + SHEET_NAME_LIMIT
    assert printed_length(title_part) + PARTS_GAP + sheet_shown <= line
    assert printed_length(sender_part) + PARTS_GAP + printed_length(page) <= line
    assert sender_part.startswith("Для: ") and sender_part.endswith(" · 07.12.2026")
    assert page == "Страница &P из &N · Цифровая зрелость 0.1.0"


def test_a_territorys_full_name_and_a_contests_title_are_not_cut_in_the_header_and_footer():
    title = f"Итоговый протокол смотра-конкурса на лучшую постановку информационной работы за {YEAR} год"
    (title_part, _), (sender_part, _) = header_footer_lines(title, Sender("ППО «А&Б»", "07.12.2026", "0.1.0"), 100)
    assert title_part == title  # the year was cut off at 80 characters
    assert sender_part == "Для: ППО «А&&Б» · 07.12.2026"


def words_of(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words with their boxes (xMin, yMin, xMax, yMax), as pdftotext -bbox reads them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, page)]
        for page in html.split("<page ")[1:]
    ]


def overlapping(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross by more than a point across and 40 % of a line down: text printed over
    text (the boxes of two lines of one cell touch, their ascents and descents overlapping a little)."""
    found = []
    for i, (ax0, ay0, ax1, ay1, a) in enumerate(words):
        for bx0, by0, bx1, by1, b in words[i + 1 :]:
            if min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 0.4 * min(ay1 - ay0, by1 - by0):
                found.append((a, b))
    return found


@pytest.mark.libreoffice
@pytest.mark.subprocess
@pytest.mark.slow
def test_the_protocol_of_a_territory_with_a_long_name_prints_without_text_over_text(store, base_profile, tmp_path):
    territory = store.create_organization(LONG_TERRITORY, "territorial")
    for n, members in enumerate((85, 90, 95, 150), start=1):
        name = f"Первичная профсоюзная организация МБОУ «Средняя общеобразовательная школа № {n}» г. Сызрань"
        org = store.create_organization(name, "primary", parent=territory, members=members)
        store.save_assessment(
            org, YEAR, base_profile, dict(ANSWERS) | {"profile.name": name, "profile.members": members}
        )
        decide(store, org, YEAR, "accept")
    xlsx = tmp_path / "протокол.xlsx"
    write_protocol_xlsx(contest_results(store, YEAR, store.find_organization(LONG_TERRITORY)), xlsx)
    ranked = [r for r in load_workbook(xlsx)["Протокол"].iter_rows() if isinstance(r[0].value, int)]
    assert ranked and all(r[3].alignment.horizontal == r[5].alignment.horizontal == "center" for r in ranked)
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    assert binary is not None, "LibreOffice (soffice) не установлен: выполните scripts/setup-system"
    subprocess.run([binary, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(xlsx)], capture_output=True, timeout=300, check=True)  # fmt: skip
    pages = words_of(tmp_path / "протокол.pdf")
    assert pages
    for number, words in enumerate(pages, start=1):
        assert overlapping(words) == [], f"страница {number}"
        assert any(w[4] == "Страница" for w in words), f"страница {number}: нет номера"
    first = " ".join(w[4] for w in pages[0])
    assert f"работы за {YEAR} год Лист «Протокол»" in first  # the header names the year
    assert f"информационной работы за {YEAR} год" in first.split("Лист «Протокол»", 1)[1]  # the title row whole
